//! 注销 over HTTP: the advanced search, the checks of a request, the 备案密码
//! with its lockout, one application in flight per subject, 代为注销 of the
//! provider's own access, and the cascade on approval.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use beian::server::entity::{site, site_domain, subject};

use crate::harness::{Client, Reply, TestApp};
use crate::review::{after_upstream, decide, detail, reviewer, self_filed};
use crate::wizard::signed_in;

pub(crate) struct Approved {
    pub subject: String,
    pub password: String,
}

/// A two-site filing of `filer`, verified by `staff` and approved by
/// `bureau`; returns its numbers and 备案密码.
pub(crate) async fn approved(filer: &Client, staff: &Client, bureau: &Client) -> Approved {
    let id = self_filed(filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let id = passed(staff, bureau, id).await;
    let notice = filer
        .call_json("review/approval_notice", &json!({ "id": id }))
        .await
        .json();
    Approved {
        subject: notice["numbers"]["subject"].as_str().unwrap().to_owned(),
        password: notice["password"].as_str().unwrap().to_owned(),
    }
}

/// A fresh app with a filer, provider staff and a 四川 管局 reviewer, and
/// the filer's approved two-site record.
pub(crate) struct World {
    pub app: TestApp,
    pub filer: Client,
    pub staff: Client,
    pub bureau: Client,
    pub record: Approved,
}

pub(crate) async fn world() -> World {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let record = approved(&filer, &staff, &bureau).await;
    World {
        app,
        filer,
        staff,
        bureau,
        record,
    }
}

/// Takes a submitted application through verification (when it waits for
/// it), the upstream and the 管局's approval.
pub(crate) async fn passed(staff: &Client, bureau: &Client, id: i64) -> i64 {
    let view = detail(staff, id).await;
    if view["state"] == "PendingIspVerify" {
        let version = view["version"].as_i64().unwrap();
        let verification = if view["kind"] == "Cancel" {
            Value::Null
        } else {
            json!({
                "verifier": "王核验",
                "photo": crate::wizard::scan(staff, id, "VERIFY_PHOTO").await,
                "checklist": crate::wizard::scan(staff, id, "CHECKLIST").await,
            })
        };
        let reply = staff
            .call_json(
                "review/decide",
                &json!({ "id": id, "version": version, "action": "Verify", "reasons": [], "verification": verification }),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    let view = after_upstream(bureau, id).await;
    assert_eq!(view["state"], "PendingBureauReview", "{view}");
    let reply = decide(
        bureau,
        id,
        view["version"].as_i64().unwrap(),
        "Approve",
        json!([]),
    )
    .await;
    assert_eq!(reply.json(), "Approved", "{}", reply.body);
    id
}

/// A 注销 request for the whole subject, or some sites, or some accesses.
pub(crate) fn request(subject: bool, sites: &[&str], accesses: &[&str]) -> Value {
    json!({
        "subject": subject, "sites": sites, "accesses": accesses,
        "reason": "NO_SERVICE", "explanation": "网站停止运营",
    })
}

/// Applies for 注销 of (part of) subject `number`.
pub(crate) async fn apply(client: &Client, number: &str, request: Value, password: &str) -> Reply {
    client
        .call_json(
            "cancel/apply",
            &json!({ "subject_number": number, "request": request, "password": password }),
        )
        .await
}

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

/// The cascade's invariant over the whole database: no live site under a
/// cancelled subject, and no access left on a cancelled site.
pub(crate) async fn nothing_live_under_a_cancelled_parent(app: &TestApp) {
    let db = &app.state.db;
    let cancelled: Vec<i32> = subject::Entity::find()
        .filter(subject::Column::Status.eq("cancelled"))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    let orphans = site::Entity::find()
        .filter(site::Column::SubjectId.is_in(cancelled))
        .filter(site::Column::Status.eq("live"))
        .all(db)
        .await
        .unwrap();
    assert!(
        orphans.is_empty(),
        "live sites under cancelled subjects: {orphans:?}"
    );
    let cancelled_sites: Vec<i32> = site::Entity::find()
        .filter(site::Column::Status.eq("cancelled"))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    let domains_of_cancelled = site_domain::Entity::find()
        .filter(site_domain::Column::SiteId.is_in(cancelled_sites))
        .all(db)
        .await
        .unwrap()
        .len();
    assert_eq!(
        domains_of_cancelled, 0,
        "a cancelled site's domain is still filed"
    );
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
