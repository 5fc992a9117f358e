//! 注销 over HTTP: the advanced search, the checks of a request, the 备案密码
//! with its lockout, one application in flight per subject, 代为注销 of the
//! provider's own access, and the cascade on approval.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use beian::server::entity::{site, subject};

use crate::fixtures::accounts::signed_in;
use crate::fixtures::filing::detail;
use crate::fixtures::world::{
    apply, nothing_live_under_a_cancelled_parent, passed, request, world, World,
};
use crate::harness::{Client, TestApp};

async fn search(client: &Client, query: Value) -> Value {
    let reply = client
        .call_json("cancel/search", &json!({ "query": query }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

/// The live site numbers of a subject, straight from the database.
async fn live_sites(app: &TestApp, number: &str) -> (String, Vec<String>) {
    let found = subject::Entity::find()
        .filter(subject::Column::Number.eq(number))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let sites = site::Entity::find()
        .filter(site::Column::SubjectId.eq(found.id))
        .filter(site::Column::Status.eq("live"))
        .all(&app.state.db)
        .await
        .unwrap();
    (
        found.status.code().to_owned(),
        sites.into_iter().map(|s| s.number).collect(),
    )
}

#[tokio::test]
async fn a_filer_cancels_a_site_then_the_subject_and_the_cascade_leaves_nothing_live() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let other = signed_in(&app, "filer_b", "filer").await;
    let (site_1, site_2) = (
        format!("{}-1", record.subject),
        format!("{}-2", record.subject),
    );

    // The search finds the filer's own record, by number or name.
    let found = search(&filer, json!({ "number": site_2 })).await;
    assert_eq!(
        found[0]["record"]["subject_number"],
        record.subject.as_str()
    );
    assert_eq!(found[0]["record"]["sites"].as_array().unwrap().len(), 2);
    assert_eq!(
        search(&filer, json!({ "name": "不存在的单位" })).await,
        json!([])
    );
    assert_eq!(search(&other, json!({})).await, json!([]));
    assert_eq!(
        apply(
            &other,
            &record.subject,
            request(false, &[site_1.as_str()], &[]),
            ""
        )
        .await
        .status,
        404
    );

    // Bad requests are refused at their fields; nothing is created.
    let nothing = apply(&filer, &record.subject, request(false, &[], &[]), "").await;
    assert_eq!(nothing.rules(), ["CXL_NOTHING"]);
    let no_password = apply(&filer, &record.subject, request(true, &[], &[]), "").await;
    assert_eq!(no_password.rules(), ["CXL_PASSWORD_REQUIRED"]);

    // One site: to the provider first; a second application must wait.
    let reply = apply(
        &filer,
        &record.subject,
        request(false, &[site_1.as_str()], &[]),
        "",
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let first = reply.json().as_i64().unwrap();
    assert_eq!(detail(&filer, first).await["state"], "PendingIspVerify");
    let blocked = apply(
        &filer,
        &record.subject,
        request(false, &[site_2.as_str()], &[]),
        "",
    )
    .await;
    assert_eq!(blocked.rules(), ["CXL_IN_FLIGHT"]);
    assert!(
        blocked.body.contains(&format!("#{first}")),
        "{}",
        blocked.body
    );
    passed(&staff, &bureau, first).await;
    assert_eq!(
        live_sites(&app, &record.subject).await,
        ("live".to_owned(), vec![site_2.clone()])
    );

    // The subject: a wrong password counts, the right one passes, and
    // approval takes the remaining site with it.
    let wrong = apply(
        &filer,
        &record.subject,
        request(true, &[], &[]),
        "WrongPass99",
    )
    .await;
    assert_eq!(wrong.rules(), ["FILING_PASSWORD_WRONG"]);
    let reply = apply(
        &filer,
        &record.subject,
        request(true, &[], &[]),
        &record.password,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    passed(&staff, &bureau, reply.json().as_i64().unwrap()).await;
    assert_eq!(
        live_sites(&app, &record.subject).await,
        ("cancelled".to_owned(), vec![])
    );
    assert_eq!(search(&filer, json!({})).await, json!([]));
    nothing_live_under_a_cancelled_parent(&app).await;
}

#[tokio::test]
async fn five_wrong_passwords_lock_it_even_against_the_right_one() {
    let World {
        app, filer, record, ..
    } = world().await;
    let subject_only = || request(true, &[], &[]);
    for _ in 0..4 {
        let wrong = apply(&filer, &record.subject, subject_only(), "WrongPass99").await;
        assert_eq!(wrong.rules(), ["FILING_PASSWORD_WRONG"]);
    }
    let fifth = apply(&filer, &record.subject, subject_only(), "WrongPass99").await;
    assert_eq!(fifth.rules(), ["FILING_PASSWORD_LOCKED"]);
    let right = apply(&filer, &record.subject, subject_only(), &record.password).await;
    assert_eq!(right.rules(), ["FILING_PASSWORD_LOCKED"]);
    assert_eq!(live_sites(&app, &record.subject).await.1.len(), 2);
    nothing_live_under_a_cancelled_parent(&app).await;
}

#[tokio::test]
async fn staff_cancel_their_own_access_without_a_password() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let site_1 = format!("{}-1", record.subject);

    let found = search(&staff, json!({ "number": record.subject })).await;
    assert_eq!(found[0]["record"]["sites"][0]["has_access"], true);
    let reply = apply(
        &staff,
        &record.subject,
        request(false, &[], &[site_1.as_str()]),
        "",
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let id = reply.json().as_i64().unwrap();
    // 代为注销 skips 待接入者核实.
    assert_ne!(detail(&staff, id).await["state"], "PendingIspVerify");
    passed(&staff, &bureau, id).await;

    // The site stays filed, with no access: a 空壳网站.
    let (status, live) = live_sites(&app, &record.subject).await;
    assert_eq!((status.as_str(), live.len()), ("live", 2));
    let found = search(&filer, json!({})).await;
    let sites = found[0]["record"]["sites"].as_array().unwrap();
    assert_eq!(sites[0]["has_access"], false);
    assert_eq!(sites[1]["has_access"], true);
    nothing_live_under_a_cancelled_parent(&app).await;
}

/// The precheck's filing type and conflict rules for `cert` and `domain`.
async fn prechecked(client: &Client, cert: &str, domain: &str) -> (String, Vec<String>) {
    let reply = client
        .call_json(
            "filing/precheck",
            &json!({ "cert_number": cert, "domains": [domain], "exclude": null }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let view = reply.json();
    let rules = view["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap().to_owned())
        .collect();
    (view["kind"].as_str().unwrap().to_owned(), rules)
}

#[tokio::test]
async fn a_cancelled_domain_is_free_to_file_again() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let other = signed_in(&app, "filer_b", "filer").await;
    let own_cert = "91350100M000100Y43";
    let new_cert = "91510100MA61PPPP7H";

    // Live: another subject is warned, the owner would add an access.
    assert_eq!(
        prechecked(&other, new_cert, "lanhai-cloud.cn").await,
        ("FirstFiling".to_owned(), vec!["AR04".to_owned()])
    );
    assert_eq!(
        prechecked(&filer, own_cert, "lanhai-cloud.cn").await.0,
        "AddAccess"
    );

    let site_2 = format!("{}-2", record.subject);
    let reply = apply(&filer, &record.subject, request(false, &[&site_2], &[]), "").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    passed(&staff, &bureau, reply.json().as_i64().unwrap()).await;

    // Cancelled: the domain is nobody's, and the owner's is a new site.
    assert_eq!(
        prechecked(&other, new_cert, "lanhai-cloud.cn").await,
        ("FirstFiling".to_owned(), Vec::<String>::new())
    );
    assert_eq!(
        prechecked(&filer, own_cert, "lanhai-cloud.cn").await.0,
        "AddSite"
    );
}
