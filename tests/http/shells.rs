//! 空壳 and the two province rules that read the live records, over HTTP:
//! - a 空壳网站 (its last access ended) and a 空壳主体 (no site served)
//!   show to the provider that left them, the filer and the 管局, and to
//!   no other provider; staff remind the owner once until it is read;
//! - `unique_mobile` (广东): a mobile another live subject's 负责人 uses is
//!   refused at the field, and freed when that subject is cancelled;
//! - `no_shell_additions` (广东): a 空壳主体 cannot add a new site, but its
//!   own site can take a new access; 四川 lets a shell add sites.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use beian::server::entity::notification;

use crate::fixtures::accounts::{move_to_another_provider, reviewer, signed_in};
use crate::fixtures::filing::{draft_with_scans, saved_version, submit};
use crate::fixtures::numbered::filing_of;
use crate::fixtures::world::{apply, passed, request, world, World};
use crate::harness::{Client, Reply};
use crate::province_rules::in_guangdong;

/// `(kind, number)` of each row of the caller's shells, 主体 first.
async fn shells(client: &Client) -> Vec<(String, String)> {
    let reply = client
        .call("shells/list", &[("number", ""), ("page", "0")])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let kind = if row["whole_subject"] == true {
                "主体"
            } else {
                "网站"
            };
            (kind.to_owned(), row["number"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn row(kind: &str, number: &str) -> (String, String) {
    (kind.to_owned(), number.to_owned())
}

async fn remind(client: &Client, number: &str) -> Reply {
    client.call("shells/remind", &[("number", number)]).await
}

/// Staff end their access to `sites` of subject `number` (取消接入).
async fn end_access(staff: &Client, bureau: &Client, number: &str, sites: &[&str]) {
    let reply = apply(staff, number, request(false, &[], sites), "").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    passed(staff, bureau, reply.json().as_i64().unwrap()).await;
}

/// The filing `fill` writes, saved in a new draft of `filer` and
/// submitted: the reply, and the draft's id.
async fn submitted_as(filer: &Client, fill: impl Fn(&mut Value, &(Value, Value))) -> (Reply, i64) {
    let (id, docs) = draft_with_scans(filer, None).await;
    let mut filing = Value::Null;
    fill(&mut filing, &docs);
    let version = saved_version(filer, id, 1, &filing).await;
    (submit(filer, id, version).await, id)
}

async fn submitted(filer: &Client, fill: impl Fn(&mut Value, &(Value, Value))) -> Reply {
    submitted_as(filer, fill).await.0
}

#[tokio::test]
async fn shells_show_to_those_who_answer_for_them_and_staff_remind_the_owner_once() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let (site_1, site_2) = (
        format!("{}-1", record.subject),
        format!("{}-2", record.subject),
    );
    let other_staff = signed_in(&app, "staff_b", "provider_staff").await;
    move_to_another_provider(&app, "staff_b").await;
    let other_filer = signed_in(&app, "filer_b", "filer").await;
    let other_bureau = reviewer(&app, "bureau_bj", "bureau_reviewer", "110000").await;
    assert_eq!(shells(&staff).await, []);

    end_access(&staff, &bureau, &record.subject, &[&site_1]).await;
    for who in [&staff, &filer, &bureau] {
        assert_eq!(shells(who).await, [row("网站", &site_1)]);
    }
    for stranger in [&other_staff, &other_filer, &other_bureau] {
        assert_eq!(shells(stranger).await, []);
    }
    // Only staff remind, and only of shells they left: others get nothing.
    assert_eq!(remind(&other_staff, &site_1).await.status, 404);
    assert_eq!(remind(&filer, &site_1).await.status, 403);
    assert_eq!(remind(&bureau, &site_1).await.status, 403);
    // A served site is no shell.
    assert_eq!(remind(&staff, &site_2).await.status, 404);

    let sent = remind(&staff, &site_1).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(sent.json(), true);
    assert_eq!(
        remind(&staff, &site_1).await.json(),
        false,
        "unread: not again"
    );
    let notices = notification::Entity::find()
        .filter(notification::Column::Text.contains("空壳网站"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].text.contains(&site_1), "{}", notices[0].text);
    let reply = filer.call("notifications/read_all", &[]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(remind(&staff, &site_1).await.json(), true, "read: again");

    // The last served site goes too: the subject is a 空壳主体.
    end_access(&staff, &bureau, &record.subject, &[&site_2]).await;
    let all = [
        row("主体", &record.subject),
        row("网站", &site_1),
        row("网站", &site_2),
    ];
    assert_eq!(shells(&staff).await, all);
    assert_eq!(shells(&bureau).await, all);
    assert_eq!(shells(&other_staff).await, []);
    // The number narrows the list: a site's finds the site alone.
    let narrowed = staff
        .call("shells/list", &[("number", site_2.as_str()), ("page", "0")])
        .await
        .json();
    assert_eq!(narrowed["rows"].as_array().unwrap().len(), 1);
    assert_eq!(narrowed["rows"][0]["number"], site_2.as_str());
    let listed = staff
        .call("shells/list", &[("number", ""), ("page", "0")])
        .await
        .json();
    assert_eq!(
        (listed["subjects"].clone(), listed["sites"].clone()),
        (json!(1), json!(2))
    );
    assert_eq!(
        listed["rows"][0]["additions_refused"], false,
        "四川 lets a shell add"
    );
    assert_eq!(remind(&staff, &record.subject).await.json(), true);

    // 四川 has no `no_shell_additions`: the shell files a new site.
    let reply = submitted(&filer, |f, docs| {
        *f = crate::fixtures::filing::company_filing(docs, ["lanhai-new.com", "lanhai-new.cn"]);
    })
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn a_mobile_another_subjects_principal_uses_is_refused_in_guangdong_until_that_subject_goes()
{
    let World {
        app,
        staff,
        bureau,
        filer,
        record,
    } = world().await;
    // The world's subject's 负责人 uses 13800138000 (a segment no province
    // rule lists, so only this rule can speak).
    let filer_b = signed_in(&app, "filer_b", "filer").await;
    let taken = |province: &'static str, site_principal: bool| {
        move |f: &mut Value, docs: &(Value, Value)| {
            *f = filing_of(docs, 7, "510000");
            if province == "440000" {
                in_guangdong(f);
            }
            if site_principal {
                let mut own = f["subject"]["principal"].clone();
                own["mobile"] = json!("13800138000");
                own["email"] = json!("site@example.com");
                own["cert_number"] = json!("510107199203150027");
                own["name"] = json!("王五");
                f["sites"][0]["principal_same_as_subject"] = json!(false);
                f["sites"][0]["principal"] = own;
            } else {
                f["subject"]["principal"]["mobile"] = json!("13800138000");
            }
        }
    };
    // The wizard hears it while the user types: after each save it asks for
    // the record rules on the saved draft. Nobody else may ask of that draft.
    let (id, docs) = draft_with_scans(&filer_b, None).await;
    let mut filing = Value::Null;
    taken("440000", false)(&mut filing, &docs);
    let version = saved_version(&filer_b, id, 1, &filing).await;
    let ask = |version: i64| json!({ "id": id, "version": version });
    let found = filer_b
        .call_json("filing/record_checks", &ask(version))
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    let found = found.json();
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(
        (&found[0]["field"], &found[0]["rule"]),
        (
            &json!("subject.principal.mobile"),
            &json!("RULE_MOBILE_TAKEN")
        )
    );
    let stale = filer_b
        .call_json("filing/record_checks", &ask(version - 1))
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert_eq!(
        filer
            .call_json("filing/record_checks", &ask(version))
            .await
            .status,
        404
    );
    assert_eq!(
        bureau
            .call_json("filing/record_checks", &ask(version))
            .await
            .status,
        403
    );

    let refused = submitted(&filer_b, taken("440000", false)).await;
    assert_eq!(refused.rules(), ["RULE_MOBILE_TAKEN"], "{}", refused.body);
    assert!(
        refused.body.contains("subject.principal.mobile"),
        "{}",
        refused.body
    );
    let refused = submitted(&filer_b, taken("440000", true)).await;
    assert_eq!(refused.rules(), ["RULE_MOBILE_TAKEN"], "{}", refused.body);
    assert!(
        refused.body.contains("sites[0].principal.mobile"),
        "{}",
        refused.body
    );

    // Once the subject that used it is cancelled, the mobile is free.
    let reply = apply(
        &filer,
        &record.subject,
        request(true, &[], &[]),
        &record.password,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    passed(&staff, &bureau, reply.json().as_i64().unwrap()).await;
    let reply = submitted(&filer_b, taken("440000", false)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn a_mobile_in_use_is_no_matter_in_sichuan() {
    let World { app, .. } = world().await;
    let filer_b = signed_in(&app, "filer_b", "filer").await;
    let reply = submitted(&filer_b, |f, docs| {
        *f = filing_of(docs, 8, "510000");
        f["subject"]["principal"]["mobile"] = json!("13800138000");
    })
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn a_shell_subject_in_guangdong_adds_no_site_but_its_own_site_takes_a_new_access() {
    let World { app, staff, .. } = world().await;
    let filer = signed_in(&app, "filer_gd", "filer").await;
    let bureau = reviewer(&app, "bureau_gd", "bureau_reviewer", "440000").await;
    let guangdong = |n: usize, domains: [&'static str; 2]| {
        move |f: &mut Value, docs: &(Value, Value)| {
            *f = filing_of(docs, n, "510000");
            in_guangdong(f);
            for (k, domain) in domains.iter().enumerate() {
                f["sites"][k]["domains"] = json!([domain]);
                f["sites"][k]["home_url"] = json!(format!("www.{domain}"));
            }
        }
    };
    let (reply, id) = submitted_as(&filer, guangdong(9, ["gd-shell.com", "gd-shell.cn"])).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    passed(&staff, &bureau, id).await;
    let notice = filer
        .call_json("review/approval_notice", &json!({ "id": id }))
        .await
        .json();
    let subject = notice["numbers"]["subject"].as_str().unwrap().to_owned();
    end_access(
        &staff,
        &bureau,
        &subject,
        &[&format!("{subject}-1"), &format!("{subject}-2")],
    )
    .await;
    let listed = staff
        .call("shells/list", &[("number", ""), ("page", "0")])
        .await
        .json();
    assert_eq!(listed["rows"][0]["number"], subject.as_str());
    assert_eq!(listed["rows"][0]["additions_refused"], true);

    // A new site is refused at the certificate, naming the subject.
    let refused = submitted(
        &filer,
        guangdong(9, ["gd-shell-new.com", "gd-shell-new.cn"]),
    )
    .await;
    assert_eq!(refused.rules(), ["RULE_SHELL_SUBJECT"], "{}", refused.body);
    assert!(refused.body.contains(&subject), "{}", refused.body);
    // Its own sites take a new access.
    let reply = submitted(&filer, guangdong(9, ["gd-shell.com", "gd-shell.cn"])).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn the_migration_fills_the_mobiles_and_the_shells_of_records_from_before_it() {
    use beian::server::entity::{principal_mobile, site};
    use migration::{Migrator, MigratorTrait};

    let World {
        app,
        staff,
        bureau,
        record,
        ..
    } = world().await;
    let site_1 = format!("{}-1", record.subject);
    end_access(&staff, &bureau, &record.subject, &[&site_1]).await;
    let db = &app.state.db;
    let shell = || async {
        site::Entity::find()
            .filter(site::Column::Number.eq(site_1.clone()))
            .one(db)
            .await
            .unwrap()
            .unwrap()
    };
    let left_by = shell().await.former_provider_id;
    assert!(left_by.is_some(), "ending the last access remembers who");
    // Back to the schema before it, and forward: the rows come back from
    // the payloads and the applications.
    let since = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261207_000026_shells_and_mobiles")
        .expect("the migration exists")
        + 1;
    Migrator::down(db, Some(since as u32)).await.unwrap();
    Migrator::up(db, None).await.unwrap();
    assert_eq!(shell().await.former_provider_id, left_by);
    let mobiles: Vec<String> = principal_mobile::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.mobile)
        .collect();
    assert_eq!(mobiles, ["13800138000"]);
    assert_eq!(shells(&staff).await, [row("网站", &site_1)]);
}
