//! Who sees which application: the one access policy (`auth::policy`)
//! checked over objects in every state, through every list, search,
//! detail and export, for two filers, two providers' staff, two provinces'
//! 管局, two pre-approval authorities and the admin.
//!
//! The expected scope of each party is written here from the rules of the
//! domain, not from the policy's code: a filer sees their own; staff their
//! provider's, a self-filed draft only once submitted; a 管局 its province's
//! from the moment they reached it; an authority what carries one of its
//! types from the moment it reached pre-approval; the admin everything.
//! Then, as a property over every endpoint: each row returned is one the
//! policy lets the caller read, and the policy's query condition and its
//! one-row check agree on every object.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use beian::domain::identity::{
    credit_code_check_char, org_code_check_char, resident_id_check_char,
};
use beian::server::auth::policy::Viewer;
use beian::server::entity::{account, application};

use crate::fixtures::accounts::{authority, move_to_another_provider, reviewer, signed_in};
use crate::fixtures::filing::{
    company_filing, decide, detail, draft_with_scans, saved_version, scan, submit, verification,
};
use crate::fixtures::world::{apply, request};
use crate::harness::{Client, TestApp};

/// A valid credit code and subject name for object `n` of the world.
fn subject_of(n: u32) -> (String, String) {
    let org_body = format!("{:08}", 7_000_000 + n);
    let org = format!("{org_body}{}", org_code_check_char(&org_body).unwrap());
    let body = format!("91510107{org}");
    let code = format!("{body}{}", credit_code_check_char(&body).unwrap());
    const TAGS: [&str; 16] = [
        "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑", "寅", "卯", "辰",
        "巳",
    ];
    (
        code,
        format!("成都{}可见科技有限公司", TAGS[n as usize % TAGS.len()]),
    )
}

/// A filing of its own subject and principal for object `n`: no two
/// objects share a certificate, a person or a domain, so none is returned
/// by the ministry's conflict checks.
fn filing_of(n: u32, docs: &(Value, Value)) -> Value {
    let mut filing = company_filing(
        docs,
        [&format!("scope{n}.com"), &format!("scope{n}-cloud.cn")],
    );
    let (code, name) = subject_of(n);
    filing["subject"]["cert_number"] = json!(code);
    filing["subject"]["name"] = json!(name);
    let id_body = format!("44152319930906{:03}", 100 + n);
    let id = format!("{id_body}{}", resident_id_check_char(&id_body).unwrap());
    filing["subject"]["principal"]["cert_number"] = json!(id);
    filing["subject"]["principal"]["mobile"] = json!(format!("1380013{:04}", 100 + n));
    filing
}

/// Saves and submits filer's filing `n` (its own subject, principal and
/// domains); returns the application id.
pub(crate) async fn submitted(filer: &Client, n: u32, news: bool) -> i64 {
    let (id, docs) = draft_with_scans(filer, None).await;
    let mut filing = filing_of(n, &docs);
    if news {
        filing["sites"][0]["pre_approvals"] = json!([{
            "kind": "1", "approval_no": "川新闻办-2026001号",
            "document": scan(filer, id, "PRE_APPROVAL").await
        }]);
    }
    let version = saved_version(filer, id, 1, &filing).await;
    let reply = submit(filer, id, version).await;
    assert_eq!(reply.json(), "PendingIspVerify", "{}", reply.body);
    id
}

/// Staff verify a self-filed application: it waits in 未提交至部系统.
async fn verified(staff: &Client, id: i64) {
    let view = detail(staff, id).await;
    let version = view["version"].as_i64().unwrap();
    let version = if view["kind"] == "Cancel" {
        version
    } else {
        verification(staff, id, version).await
    };
    let reply = decide(staff, id, version, "Verify", json!([])).await;
    assert_eq!(reply.json(), "NotSubmittedToMinistry", "{}", reply.body);
}

/// The simulated ministry takes everything waiting in 未提交至部系统 now
/// (the world's own upstream waits an hour, so states hold still).
async fn ministry(app: &TestApp) {
    beian::server::upstream::process_due(
        &app.state.db,
        &beian::server::registrar::SimulatedRegistrar::load(),
        Duration::ZERO,
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
}

async fn decided(client: &Client, id: i64, action: &str, expect: &str) {
    let version = detail(client, id).await["version"].as_i64().unwrap();
    let reasons = if action.starts_with("Return") {
        json!([{ "field": "sites[0].name", "text": "网站名称与内容不符" }])
    } else {
        json!([])
    };
    let reply = decide(client, id, version, action, reasons).await;
    assert_eq!(reply.json(), expect, "{action} on {id}: {}", reply.body);
}

/// The world: every object, by name, with its application id.
struct World {
    app: TestApp,
    parties: Vec<(&'static str, Client)>,
    objects: BTreeMap<&'static str, i64>,
}

async fn world() -> World {
    let app = TestApp::start_with(|c| c.upstream_delay = Duration::from_secs(3600)).await;
    let filer_a = signed_in(&app, "filer_a", "filer").await;
    let filer_b = signed_in(&app, "filer_b", "filer").await;
    let staff_x = signed_in(&app, "staff_x", "provider_staff").await;
    let bureau_p = reviewer(&app, "bureau_p", "bureau_reviewer", "510000").await;
    let customer_a = i64::from(app.make_customer("filer_a").await);
    let mut objects = BTreeMap::new();

    // A's objects, one per state, in the order the ministry must see them.
    let (draft, docs) = draft_with_scans(&filer_a, None).await;
    saved_version(&filer_a, draft, 1, &filing_of(1, &docs)).await;
    objects.insert("draft", draft);
    let (proxy, docs) = draft_with_scans(&staff_x, Some(customer_a)).await;
    saved_version(&staff_x, proxy, 1, &filing_of(2, &docs)).await;
    objects.insert("proxy_draft", proxy);
    objects.insert("waiting", submitted(&filer_a, 3, false).await);
    let returned = submitted(&filer_a, 4, false).await;
    decided(&staff_x, returned, "ReturnToSponsor", "ReturnedToSponsor").await;
    objects.insert("returned", returned);

    let news = submitted(&filer_a, 5, true).await;
    let at_bureau = submitted(&filer_a, 6, false).await;
    let sent_back = submitted(&filer_a, 7, false).await;
    let approved = submitted(&filer_a, 8, false).await;
    let gone = submitted(&filer_a, 9, false).await;
    for id in [news, at_bureau, sent_back, approved, gone] {
        verified(&staff_x, id).await;
    }
    ministry(&app).await;
    decided(&bureau_p, sent_back, "ReturnToIsp", "ReturnedToIsp").await;
    decided(&bureau_p, approved, "Approve", "Approved").await;
    decided(&bureau_p, gone, "Approve", "Approved").await;
    // The whole subject of `gone` is cancelled.
    let notice = filer_a
        .call_json("review/approval_notice", &json!({ "id": gone }))
        .await
        .json();
    let number = notice["numbers"]["subject"].as_str().unwrap();
    let password = notice["password"].as_str().unwrap();
    let cancel = apply(&filer_a, number, request(true, &[], &[]), password).await;
    assert_eq!(cancel.status, 200, "{}", cancel.body);
    let cancel = cancel.json().as_i64().unwrap();
    verified(&staff_x, cancel).await;
    ministry(&app).await;
    // An approved 注销 ends in 已注销: the world holds an object in that state too.
    decided(&bureau_p, cancel, "Approve", "Cancelled").await;
    objects.extend([
        ("news", news),
        ("at_bureau", at_bureau),
        ("sent_back", sent_back),
        ("approved", approved),
        ("gone", gone),
        ("gone_cancel", cancel),
    ]);

    // Held in 未提交至部系统, and one revoked from there.
    let upstream = submitted(&filer_a, 10, false).await;
    verified(&staff_x, upstream).await;
    let revoked = submitted(&filer_a, 11, false).await;
    verified(&staff_x, revoked).await;
    decided(&staff_x, revoked, "Revoke", "Revoked").await;
    objects.extend([("upstream", upstream), ("revoked", revoked)]);

    // B's filing, waiting for staff X.
    objects.insert("b_waiting", submitted(&filer_b, 12, false).await);

    // The others: provider Y's staff, the 北京 管局, two authorities (新闻
    // and 医疗保健), the admin.
    let staff_y = signed_in(&app, "staff_y", "provider_staff").await;
    move_to_another_provider(&app, "staff_y").await;
    let bureau_q = reviewer(&app, "bureau_q", "bureau_reviewer", "110000").await;
    let news_office = authority(&app, "news_office", &["1"]).await;
    let health_office = authority(&app, "health_office", &["8"]).await;
    let admin = reviewer(&app, "admin", "system_admin", "").await;
    let parties = vec![
        ("filer_a", filer_a),
        ("filer_b", filer_b),
        ("staff_x", staff_x),
        ("staff_y", staff_y),
        ("bureau_p", bureau_p),
        ("bureau_q", bureau_q),
        ("news_office", news_office),
        ("health_office", health_office),
        ("admin", admin),
    ];
    World {
        app,
        parties,
        objects,
    }
}

/// What each party may read, by object name: the domain's rules.
fn expected(party: &str) -> BTreeSet<&'static str> {
    const ALL: [&str; 13] = [
        "draft",
        "proxy_draft",
        "waiting",
        "returned",
        "news",
        "at_bureau",
        "sent_back",
        "approved",
        "gone",
        "gone_cancel",
        "upstream",
        "revoked",
        "b_waiting",
    ];
    let names: &[&'static str] = match party {
        "filer_a" => &ALL[..12],
        "filer_b" => &["b_waiting"],
        // Everything of its customers but A's private draft.
        "staff_x" => &ALL[1..],
        "bureau_p" => &["at_bureau", "sent_back", "approved", "gone", "gone_cancel"],
        "news_office" => &["news"],
        "admin" => &ALL,
        _ => &[],
    };
    names.iter().copied().collect()
}

/// The object names among `ids`, and whether any id is outside the world.
fn names_of(world: &World, ids: impl IntoIterator<Item = i64>) -> BTreeSet<&'static str> {
    let by_id: BTreeMap<i64, &'static str> = world.objects.iter().map(|(n, i)| (*i, *n)).collect();
    ids.into_iter()
        .map(|id| {
            *by_id
                .get(&id)
                .unwrap_or_else(|| panic!("application {id} is not one of the world's"))
        })
        .collect()
}

#[tokio::test]
async fn every_party_sees_exactly_its_scope_through_every_endpoint() {
    let world = world().await;
    let mut wrong = Vec::new();
    for (party, client) in &world.parties {
        let scope = expected(party);

        // The detail of each object.
        for (name, id) in &world.objects {
            let reply = client
                .call_json("review/detail", &json!({ "id": id }))
                .await;
            let allowed = scope.contains(name);
            if allowed != (reply.status == 200) || !matches!(reply.status, 200 | 403 | 404) {
                wrong.push(format!(
                    "{party} review/detail {name}: {} {}",
                    reply.status, reply.body
                ));
            }
        }

        // The filing list of those who file.
        let list = client.call("filing/list", &[("page", "0")]).await;
        if party.starts_with("filer") || party.starts_with("staff") {
            let ids = list.json()["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_i64().unwrap())
                .collect::<Vec<_>>();
            let seen = names_of(&world, ids);
            if seen != scope {
                wrong.push(format!("{party} filing/list: {seen:?}"));
            }
        } else if list.status != 403 {
            wrong.push(format!("{party} filing/list: {}", list.status));
        }

        // 备案进度查询: everything submitted in the scope.
        let progress = client
            .call_json(
                "review/queue",
                &json!({ "scope": "Progress", "query": { "page": 0 } }),
            )
            .await;
        if *party == "admin" {
            assert_eq!(progress.status, 403, "the admin follows no work list");
        } else {
            let ids = progress.json()["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_i64().unwrap())
                .collect::<Vec<_>>();
            let seen = names_of(&world, ids);
            let submitted: BTreeSet<_> = scope
                .iter()
                .copied()
                .filter(|n| !n.ends_with("draft"))
                .collect();
            if seen != submitted {
                wrong.push(format!("{party} review/queue Progress: {seen:?}"));
            }
        }

        // 历史记录查询: the operations on its applications, and only those.
        let history = client
            .call_json("history/search", &json!({ "query": { "limit": 100 } }))
            .await;
        if matches!(*party, "news_office" | "health_office") {
            if history.status != 403 {
                wrong.push(format!("{party} history/search: {}", history.status));
            }
        } else {
            let rows = history.json()["rows"].as_array().unwrap().clone();
            assert!(rows.len() < 100, "one page holds the whole world");
            let seen = names_of(
                &world,
                rows.iter().map(|r| r["application_id"].as_i64().unwrap()),
            );
            if seen != scope {
                wrong.push(format!("{party} history/search: {seen:?}"));
            }
            // And each operation's own page.
            for row in rows {
                let detail = client
                    .call_json("history/detail", &json!({ "id": row["id"] }))
                    .await;
                if detail.status != 200 {
                    wrong.push(format!(
                        "{party} history/detail {}: {}",
                        row["id"], detail.status
                    ));
                }
            }
        }

        // The CSV export names no subject outside the scope.
        let csv = client.get("/export/history.csv").await;
        for name in world.objects.keys() {
            let subject = subject_name_of(&world, name).await;
            if csv.status == 200 && csv.body.contains(&subject) != scope.contains(name) {
                wrong.push(format!("{party} history.csv and {name}: {}", csv.status));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

async fn subject_name_of(world: &World, name: &str) -> String {
    let id = world.objects[name];
    application::Entity::find_by_id(id as i32)
        .one(&world.app.state.db)
        .await
        .unwrap()
        .unwrap()
        .subject_name
}

#[tokio::test]
async fn the_policys_query_and_its_one_row_check_agree_on_every_object() {
    let world = world().await;
    let db = &world.app.state.db;
    let all = application::Entity::find().all(db).await.unwrap();
    for (party, _) in &world.parties {
        let account = account::Entity::find()
            .filter(account::Column::Username.eq(*party))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let viewer = Viewer::of(&account);
        let by_query: BTreeSet<i64> = application::Entity::find()
            .filter(viewer.applications())
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| i64::from(a.id))
            .collect();
        let by_row: BTreeSet<i64> = all
            .iter()
            .filter(|a| viewer.may_read(a))
            .map(|a| i64::from(a.id))
            .collect();
        assert_eq!(by_query, by_row, "{party}");
        assert_eq!(names_of(&world, by_row), expected(party), "{party}");
    }
}
