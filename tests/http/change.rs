//! 备案信息变更 over HTTP: locked fields refused on save, the 备案密码 on
//! submit, one application in flight per subject, and the live record
//! taking the new values (with the old ones in history) on approval.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

use beian::server::entity::{history, site, subject};

use crate::fixtures::filing::{detail, edited, load, save, start_change, submit_change};
use crate::fixtures::world::{apply, passed, world, World};
use crate::harness::{Client, Reply};

async fn start(client: &Client, number: &str, kind: &str) -> Reply {
    start_change(client, number, kind).await
}

#[tokio::test]
async fn a_site_change_needs_the_password_and_the_record_takes_it() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;

    let reply = start(&filer, &record.subject, "Site").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let id = reply.json().as_i64().unwrap();
    let view = load(&filer, id).await;
    assert_eq!(view["change"][0], "Site");
    assert_eq!(view["change"][1]["sites"][0]["name"], "蓝海科技");

    // Locked fields are refused on save; the allowed one is kept.
    let locked = edited(&filer, id, |f| f["subject"]["name"] = json!("别的公司")).await;
    assert_eq!(locked.rules(), ["CHG_LOCKED"]);
    let added_domain = edited(&filer, id, |f| {
        f["sites"][0]["domains"]
            .as_array_mut()
            .unwrap()
            .push(json!("new-domain.cn"))
    })
    .await;
    assert_eq!(added_domain.rules(), ["CHG_LOCKED"]);
    let renamed = edited(&filer, id, |f| {
        f["sites"][0]["name"] = json!("蓝海科技官网")
    })
    .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);

    // The 备案密码: required, checked, then accepted.
    let version = load(&filer, id).await["version"].as_i64().unwrap();
    let plain = filer
        .call_json("filing/submit", &json!({ "id": id, "version": version }))
        .await;
    assert_eq!(plain.rules(), ["CHG_PASSWORD_REQUIRED"]);
    assert_eq!(
        submit_change(&filer, id, "WrongPass99").await.rules(),
        ["FILING_PASSWORD_WRONG"]
    );
    let sent = submit_change(&filer, id, &record.password).await;
    assert_eq!(sent.json(), "PendingIspVerify", "{}", sent.body);

    // One application in flight per subject, and the answer names it.
    let blocked = start(&filer, &record.subject, "Subject").await;
    assert_eq!(blocked.rules(), ["CHG_IN_FLIGHT"]);
    assert!(blocked.body.contains(&format!("#{id}")), "{}", blocked.body);

    passed(&staff, &bureau, id).await;
    let view = detail(&filer, id).await;
    assert_eq!(view["kind"], "ChangeSite");
    assert_eq!(
        view["change_diff"],
        json!([{ "path": "sites[0].name", "before": "蓝海科技", "after": "蓝海科技官网" }])
    );
    let db = &app.state.db;
    let live = site::Entity::find()
        .filter(site::Column::Number.eq(format!("{}-1", record.subject)))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(live.name, "蓝海科技官网");
    let subject = subject::Entity::find()
        .filter(subject::Column::Number.eq(record.subject.clone()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(subject.version, 2);
    let approval = history::Entity::find()
        .filter(history::Column::ApplicationId.eq(i32::try_from(id).unwrap()))
        .order_by_desc(history::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(approval.action.code(), "APPROVE");
    assert!(
        serde_json::to_string(&approval.snapshot.unwrap().0)
            .unwrap()
            .contains("\"蓝海科技\""),
        "history keeps the old values"
    );

    // 历史记录: the record's two approved versions, compared.
    let versions = |client: &Client, from: Value, to: Value| {
        let number = record.subject.clone();
        let client = client.clone();
        async move {
            client
                .call_json(
                    "records/versions",
                    &json!({ "number": number, "from": from, "to": to }),
                )
                .await
        }
    };
    let latest = versions(&filer, Value::Null, Value::Null).await.json();
    assert_eq!(latest["versions"][0]["version"], 2, "{latest}");
    assert_eq!(latest["versions"][0]["kind"], "ChangeSite");
    assert_eq!(latest["versions"][0]["application_id"], id);
    assert_eq!(latest["versions"][1]["kind"], "FirstFiling");
    assert_eq!(
        latest["diff"]["changes"],
        json!([{ "path": "sites[0].name", "before": "蓝海科技", "after": "蓝海科技官网" }])
    );
    // Any two, either way round; a version the record lacks is not found.
    let backwards = versions(&staff, json!(2), json!(1)).await.json();
    assert_eq!(backwards["diff"]["changes"][0]["before"], "蓝海科技官网");
    assert_eq!(
        versions(&bureau, json!(1), json!(1)).await.json()["diff"]["changes"],
        json!([])
    );
    assert_eq!(versions(&filer, json!(1), json!(3)).await.status, 404);
    // Someone else's record: as if it did not exist.
    let stranger = crate::fixtures::accounts::signed_in(&app, "filer_b", "filer").await;
    let refused = versions(&stranger, Value::Null, Value::Null).await;
    assert_eq!(refused.status, 404, "{}", refused.body);
    assert!(!refused.body.contains("蓝海"), "{}", refused.body);
    let page = filer
        .get(&format!("/records/versions?number={}", record.subject))
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("版本 2 → 版本 1") || page.body.contains("版本 1 → 版本 2"),
        "{}",
        page.body
    );
    // A record approved before versions were kept has none yet: the
    // answer says so instead of failing.
    beian::server::entity::record_version::Entity::delete_many()
        .exec(db)
        .await
        .unwrap();
    let none = versions(&filer, Value::Null, Value::Null).await.json();
    assert_eq!(none["versions"], json!([]), "{none}");
    assert_eq!(none["diff"], Value::Null);
    let empty_page = filer
        .get(&format!("/records/versions?number={}", record.subject))
        .await;
    assert!(
        empty_page.body.contains("versions-none"),
        "{}",
        empty_page.body
    );
}

#[tokio::test]
async fn a_new_site_takes_the_next_number_and_nothing_changed_is_refused() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;

    let id = start(&filer, &record.subject, "AddSite")
        .await
        .json()
        .as_i64()
        .unwrap();
    assert_eq!(
        submit_change(&filer, id, &record.password).await.rules(),
        ["CHG_NOTHING"]
    );
    let added = edited(&filer, id, |f| {
        let mut site = f["sites"][0].clone();
        site["name"] = json!("蓝海商城");
        site["home_url"] = json!("www.lanhai-shop.cn");
        site["domains"] = json!(["lanhai-shop.cn"]);
        f["sites"].as_array_mut().unwrap().push(site);
    })
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let sent = submit_change(&filer, id, &record.password).await;
    assert_eq!(sent.json(), "PendingIspVerify", "{}", sent.body);
    passed(&staff, &bureau, id).await;
    let third = site::Entity::find()
        .filter(site::Column::Number.eq(format!("{}-3", record.subject)))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("新增网站 takes the next -n");
    assert_eq!(
        (third.name.as_str(), third.status.code()),
        ("蓝海商城", "live")
    );
}

#[tokio::test]
async fn a_change_and_a_cancellation_racing_leave_exactly_one_in_flight() {
    let World {
        app,
        filer,
        staff,
        bureau,
        ..
    } = world().await;
    for round in 0..crate::fixtures::numbered::rounds() {
        // A record of its own each round, approved on the same server.
        let (id, version) =
            crate::fixtures::numbered::awaiting_bureau(&filer, &staff, round, "510000").await;
        let approved =
            crate::fixtures::filing::decide(&bureau, id, version, "Approve", json!([])).await;
        assert_eq!(approved.status, 200, "{}", approved.body);
        let notice = filer
            .call_json("review/approval_notice", &json!({ "id": id }))
            .await
            .json();
        let record = crate::fixtures::world::Approved {
            subject: notice["numbers"]["subject"].as_str().unwrap().to_owned(),
            password: notice["password"].as_str().unwrap().to_owned(),
        };
        let id = start(&filer, &record.subject, "Access")
            .await
            .json()
            .as_i64()
            .unwrap();
        let moved = edited(&filer, id, |f| {
            f["sites"][0]["accesses"][0]["ips"] = json!("121.40.1.20")
        })
        .await;
        assert_eq!(moved.status, 200, "{}", moved.body);
        let version = load(&filer, id).await["version"].as_i64().unwrap();
        // Both check the 备案密码 first, so they reach the database together.
        let cancel = json!({ "subject": true, "reason": "NO_SERVICE", "explanation": "停止运营" });
        let change = json!({ "id": id, "version": version, "password": record.password });
        let (changed, cancelled) = tokio::join!(
            filer.call_json("change/submit", &change),
            apply(&filer, &record.subject, cancel, &record.password),
        );
        let winners = [changed.status, cancelled.status]
            .iter()
            .filter(|s| **s == 200)
            .count();
        assert_eq!(
            winners, 1,
            "change: {} / cancel: {}",
            changed.body, cancelled.body
        );
        // The loser is told why: the other application now in flight.
        let loser = if changed.status == 200 {
            (&cancelled, "CXL_IN_FLIGHT")
        } else {
            (&changed, "AR03")
        };
        assert_eq!(loser.0.status, 422, "{}", loser.0.body);
        assert_eq!(loser.0.rules(), [loser.1], "{}", loser.0.body);
        let cert = subject::Entity::find()
            .filter(subject::Column::Number.eq(record.subject.clone()))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .cert_number;
        let in_flight: Vec<String> = beian::server::entity::application::Entity::find()
            .filter(beian::server::entity::application::Column::SubjectCertNumber.eq(cert))
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.state.code().to_owned())
            .filter(|s| {
                !["DRAFT", "APPROVED", "REVOKED", "CANCELLED", "ABANDONED"].contains(&s.as_str())
            })
            .collect();
        assert_eq!(in_flight.len(), 1, "{in_flight:?}");
    }
}

#[tokio::test]
async fn a_second_change_starts_from_what_the_first_approved() {
    let World {
        app: _app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let id = start(&filer, &record.subject, "Access")
        .await
        .json()
        .as_i64()
        .unwrap();
    let moved = edited(&filer, id, |f| {
        f["sites"][0]["accesses"][0]["ips"] = json!("121.40.1.20")
    })
    .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(
        submit_change(&filer, id, &record.password).await.json(),
        "PendingIspVerify"
    );
    passed(&staff, &bureau, id).await;

    let again = start(&filer, &record.subject, "Access").await;
    assert_eq!(again.status, 200, "{}", again.body);
    let view = load(&filer, again.json().as_i64().unwrap()).await;
    let ips = view["filing"]["sites"][0]["accesses"][0]["ips"]
        .as_str()
        .unwrap();
    assert!(ips.starts_with("121.40.1.20"), "{ips}");
}

/// An edit tried on a change application, by name.
type Edit = (&'static str, fn(&mut Value));

/// The edits tried on every change kind.
const EDITS: [Edit; 8] = [
    ("subject.name", |f| {
        f["subject"]["name"] = json!("蓝海科技（成都）有限公司")
    }),
    ("subject.cert_number", |f| {
        f["subject"]["cert_number"] = json!("91510100MA61AAAA6L")
    }),
    ("subject.province", |f| {
        f["subject"]["province"] = json!("110000")
    }),
    ("sites[0].name", |f| {
        f["sites"][0]["name"] = json!("蓝海科技官网")
    }),
    ("a domain added", |f| {
        f["sites"][0]["domains"]
            .as_array_mut()
            .unwrap()
            .push(json!("lanhai-new.cn"))
    }),
    ("sites[0] access IP", |f| {
        f["sites"][0]["accesses"][0]["ips"] = json!("121.40.1.11")
    }),
    ("a site added", |f| {
        let mut site = f["sites"][0].clone();
        site["name"] = json!("蓝海商城");
        site["home_url"] = json!("www.lanhai-shop.cn");
        site["domains"] = json!(["lanhai-shop.cn"]);
        f["sites"].as_array_mut().unwrap().push(site);
    }),
    ("the first site removed", |f| {
        f["sites"].as_array_mut().unwrap().remove(0);
    }),
];

/// The one edit each change kind allows (docs/domain.md §2.16: 变更主体 changes
/// the subject but not its province, nature or certificate; 变更网站 a
/// site but not its accesses, and domains only go; 变更接入 the accesses;
/// 新增网站 adds a site and leaves the others). Written from the domain
/// reference, not from `domain::change`.
const ALLOWED: [(&str, &str); 4] = [
    ("Subject", "subject.name"),
    ("Site", "sites[0].name"),
    ("Access", "sites[0] access IP"),
    ("AddSite", "a site added"),
];

/// Field-level rules by state (docs/testing.md, suite 1): for each change kind,
/// each edit is accepted or refused with `CHG_LOCKED` as the table says,
/// by the filer while the change is its draft and by staff once the 管局
/// has returned it; while it waits for staff or the 管局 nobody may edit
/// any field.
#[tokio::test]
async fn each_change_kind_edits_only_its_own_fields_and_only_while_editable() {
    let World {
        app: _app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    for (kind, allowed) in ALLOWED {
        let reply = start(&filer, &record.subject, kind).await;
        assert_eq!(reply.status, 200, "{kind}: {}", reply.body);
        let id = reply.json().as_i64().unwrap();
        let table = |editor: Client, state: &'static str| async move {
            for (name, edit) in EDITS {
                let reply = edited(&editor, id, edit).await;
                if name == allowed {
                    assert_eq!(reply.status, 200, "{kind} {state} {name}: {}", reply.body);
                } else {
                    let rules = reply.rules();
                    assert!(
                        !rules.is_empty() && rules.iter().all(|r| r == "CHG_LOCKED"),
                        "{kind} {state} {name}: {}",
                        reply.body
                    );
                }
            }
        };
        let frozen = |state: &'static str| {
            let (filer, staff) = (filer.clone(), staff.clone());
            async move {
                let view = load(&staff, id).await;
                assert_eq!(view["state"], state, "{kind}");
                let version = view["version"].as_i64().unwrap();
                for editor in [&filer, &staff] {
                    for (name, edit) in EDITS {
                        let mut filing = view["filing"].clone();
                        edit(&mut filing);
                        let reply = save(editor, id, version, &filing).await;
                        assert!(
                            matches!(reply.status, 403 | 409),
                            "{kind} {state} {name}: {} {}",
                            reply.status,
                            reply.body
                        );
                    }
                }
                assert_eq!(
                    detail(&staff, id).await["version"],
                    version,
                    "{kind} {state}"
                );
            }
        };

        table(filer.clone(), "Draft").await;
        let sent = submit_change(&filer, id, &record.password).await;
        assert_eq!(sent.json(), "PendingIspVerify", "{kind}: {}", sent.body);
        frozen("PendingIspVerify").await;

        let version = detail(&staff, id).await["version"].as_i64().unwrap();
        let version = crate::fixtures::filing::verification(&staff, id, version).await;
        let verified =
            crate::fixtures::filing::decide(&staff, id, version, "Verify", json!([])).await;
        assert_eq!(verified.status, 200, "{kind}: {}", verified.body);
        let view = crate::fixtures::filing::after_upstream(&bureau, id).await;
        frozen("PendingBureauReview").await;

        let reason = json!([{ "field": "", "text": "请核对变更内容" }]);
        let version = view["version"].as_i64().unwrap();
        let returned =
            crate::fixtures::filing::decide(&bureau, id, version, "ReturnToIsp", reason).await;
        assert_eq!(
            returned.json(),
            "ReturnedToIsp",
            "{kind}: {}",
            returned.body
        );
        table(staff.clone(), "ReturnedToIsp").await;
        let version = detail(&staff, id).await["version"].as_i64().unwrap();
        let abandoned =
            crate::fixtures::filing::decide(&staff, id, version, "Abandon", json!([])).await;
        assert_eq!(abandoned.status, 200, "{kind}: {}", abandoned.body);
    }
}
