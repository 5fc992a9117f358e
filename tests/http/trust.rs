//! The holes an attacker found, each as the request that used to work:
//! filing under someone else's subject without its 备案密码, a 转入 that
//! overwrote the other provider's access, cancelling another provider's site, a guard skipped by a Content-Type, wildcards in
//! the public lookup, parallel guesses past the lockout, the password as an
//! oracle for non-applicants, a plaintext 备案密码 at rest, a cancelled
//! subject that could never file again, cacheable private pages and demo
//! accounts left open in production.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use serde_json::{json, Value};

use beian::server::entity::{application, password_failure, site, site_access, subject};

use crate::fixtures::accounts::signed_in;
use crate::fixtures::filing::{
    company_filing, detail, draft_with_scans, saved_version, self_filed,
};
use crate::fixtures::world::{apply, passed, request, world, World};
use crate::harness::{Client, Reply, TestApp};

/// Submits a saved draft with a 备案密码 (or none).
async fn submit_with(client: &Client, id: i64, password: Option<&str>) -> Reply {
    let version = crate::fixtures::filing::load(client, id).await["version"]
        .as_i64()
        .unwrap();
    client
        .call_json(
            "filing/submit",
            &json!({ "id": id, "version": version, "password": password }),
        )
        .await
}

/// A draft of `client`'s naming the world record's certificate (成都蓝海科技)
/// with two new domains.
async fn draft_on_the_record(client: &Client, domains: [&str; 2]) -> i64 {
    let (id, docs) = draft_with_scans(client, None).await;
    let filing = company_filing(&docs, domains);
    saved_version(client, id, 1, &filing).await;
    id
}

async fn failures(app: &TestApp) -> u64 {
    password_failure::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_stranger_files_under_another_subject_only_with_its_password() {
    let World {
        app, filer, record, ..
    } = world().await;
    let stranger = signed_in(&app, "stranger", "filer").await;
    let draft = draft_on_the_record(&stranger, ["probe-hijack.cn", "probe-hijack.com"]).await;

    let refused = submit_with(&stranger, draft, None).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.rules(), ["FILING_CONTROL_REQUIRED"]);
    assert!(
        refused.body.contains("subject.cert_number"),
        "{}",
        refused.body
    );
    let wrong = submit_with(&stranger, draft, Some("NotThePassword1")).await;
    assert_eq!(wrong.rules(), ["FILING_PASSWORD_WRONG"], "{}", wrong.body);
    assert_eq!(
        detail(&stranger, draft).await["state"],
        "Draft",
        "nothing lost"
    );

    // Nobody but the applicant gets the password compared: the subject's
    // owner and the provider's staff are refused before it, and no try is
    // counted against the owner.
    let staff = signed_in(&app, "staff_other", "provider_staff").await;
    let before = failures(&app).await;
    for other in [&filer, &staff] {
        let reply = other
            .call_json(
                "filing/submit",
                &json!({ "id": draft, "version": 1, "password": "Guess1234" }),
            )
            .await;
        assert!(matches!(reply.status, 403 | 404), "{}", reply.body);
    }
    assert_eq!(failures(&app).await, before);

    let accepted = submit_with(&stranger, draft, Some(&record.password)).await;
    assert_eq!(accepted.json(), "PendingIspVerify", "{}", accepted.body);
    let row = application::Entity::find_by_id(draft as i32)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.kind.code(), "ADD_SITE");
    assert_eq!(row.control_proof, "password");

    // The ministry checks the proof again: without it, AR13.
    let filing = row.filing();
    let registrar = beian::server::registrar::SimulatedRegistrar::load();
    let proved =
        beian::server::upstream::automatic_checks(&app.state.db, &registrar, &row, &filing)
            .await
            .unwrap();
    assert!(proved.iter().all(|r| r.rule != "AR13"), "{proved:?}");
    let unproved = application::Model {
        control_proof: String::new(),
        ..row
    };
    let found =
        beian::server::upstream::automatic_checks(&app.state.db, &registrar, &unproved, &filing)
            .await
            .unwrap();
    assert!(found.iter().any(|r| r.rule == "AR13"), "{found:?}");
}

#[tokio::test]
async fn the_owner_adds_a_site_to_its_own_subject_without_the_password() {
    // The app is kept to the end: dropping it drops its database.
    let World {
        app: _app, filer, ..
    } = world().await;
    let own = draft_on_the_record(&filer, ["lanhai-new.cn", "lanhai-new.com"]).await;
    let reply = submit_with(&filer, own, None).await;
    assert_eq!(reply.json(), "PendingIspVerify", "{}", reply.body);
}

/// The providers serving live site `number` and each access's address,
/// as the record holds them.
async fn served(app: &TestApp, number: &str) -> (Vec<i32>, Vec<(Option<i64>, String)>) {
    let row = site::Entity::find()
        .filter(site::Column::Number.eq(number))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut providers: Vec<i32> = site_access::Entity::find()
        .filter(site_access::Column::SiteId.eq(row.id))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.provider_id)
        .collect();
    providers.sort_unstable();
    let data = row.data();
    let accesses = data
        .accesses
        .into_iter()
        .map(|a| (a.provider_id, a.ips))
        .collect();
    (providers, accesses)
}

/// Staff of a second provider Y, with the ids of the world's provider X
/// and of Y.
async fn staff_of_provider_y(app: &TestApp) -> (Client, i32, i32) {
    let staff_y = signed_in(app, "staff_y", "provider_staff").await;
    crate::fixtures::accounts::move_to_another_provider(app, "staff_y").await;
    let providers = beian::server::providers::list(&app.state.db).await.unwrap();
    (staff_y, providers[0].id, providers[1].id)
}

#[tokio::test]
async fn a_transfer_adds_an_access_and_each_provider_cancels_only_its_own() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let (staff_y, x, y) = staff_of_provider_y(&app).await;
    let (site_1, site_2) = (
        format!("{}-1", record.subject),
        format!("{}-2", record.subject),
    );

    // The owner moves site -2 to provider Y as well (新增接入 / 转入): one
    // site, Y's addresses. Taking a site another provider serves needs the
    // 备案密码, even for the owner.
    let (id, docs) = draft_with_scans(&filer, None).await;
    let mut filing = company_filing(&docs, ["lanhai-cloud.cn", "unused.cn"]);
    filing["provider_id"] = json!(y);
    filing["sites"] = json!([filing["sites"][0].clone()]);
    filing["sites"][0]["accesses"][0]["ips"] = json!("123.56.1.10");
    saved_version(&filer, id, 1, &filing).await;
    let refused = submit_with(&filer, id, None).await;
    assert_eq!(
        refused.rules(),
        ["FILING_CONTROL_REQUIRED"],
        "{}",
        refused.body
    );
    let submitted = submit_with(&filer, id, Some(&record.password)).await;
    assert_eq!(submitted.json(), "PendingIspVerify", "{}", submitted.body);
    passed(&staff_y, &bureau, id).await;

    // Y's access joined X's; nothing of X's was overwritten.
    let (serving, accesses) = served(&app, &site_2).await;
    assert_eq!(serving, [x, y]);
    assert_eq!(
        accesses,
        [
            (Some(i64::from(x)), "121.40.1.10-121.40.1.10".to_owned()),
            (Some(i64::from(y)), "123.56.1.10-123.56.1.10".to_owned()),
        ]
    );
    assert_eq!(served(&app, &site_1).await.0, [x]);

    // A site two providers serve is neither one's to cancel whole; each
    // may end only its own access, and Y nothing of site -1.
    for client in [&staff, &staff_y] {
        let reply = apply(client, &record.subject, request(false, &[&site_2], &[]), "").await;
        assert_eq!(reply.rules(), ["CXL_NOT_YOUR_ACCESS"], "{}", reply.body);
    }
    for target in [
        request(false, &[&site_1], &[]),
        request(false, &[], &[&site_1]),
    ] {
        let reply = apply(&staff_y, &record.subject, target, "").await;
        assert_eq!(reply.status, 422, "{}", reply.body);
        assert!(
            reply.rules().contains(&"CXL_NOT_YOUR_ACCESS".to_owned()),
            "{}",
            reply.body
        );
    }
    let whole = apply(
        &staff_y,
        &record.subject,
        request(true, &[], &[]),
        &record.password,
    )
    .await;
    assert_eq!(whole.rules(), ["CXL_NOT_YOUR_ACCESS"], "{}", whole.body);

    // The old provider ends its access (取消接入): Y's stays, and the site
    // with it.
    let ended = apply(&staff, &record.subject, request(false, &[], &[&site_2]), "").await;
    assert_eq!(ended.status, 200, "{}", ended.body);
    passed(&staff, &bureau, ended.json().as_i64().unwrap()).await;
    let (serving, accesses) = served(&app, &site_2).await;
    assert_eq!(serving, [y]);
    assert_eq!(
        accesses,
        [(Some(i64::from(y)), "123.56.1.10-123.56.1.10".to_owned())]
    );
    // Now Y alone serves it, and may cancel it whole; X no longer may.
    let reply = apply(&staff, &record.subject, request(false, &[&site_2], &[]), "").await;
    assert_eq!(reply.rules(), ["CXL_NOT_YOUR_ACCESS"], "{}", reply.body);
    let own = apply(
        &staff_y,
        &record.subject,
        request(false, &[&site_2], &[]),
        "",
    )
    .await;
    assert_eq!(own.status, 200, "{}", own.body);
}

#[tokio::test]
async fn a_transfer_in_moves_the_site_and_ends_the_other_providers_access() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let (staff_y, x, y) = staff_of_provider_y(&app).await;
    let site_2 = format!("{}-2", record.subject);
    let one_site = |docs: &(Value, Value), domain: &str| {
        let mut filing = company_filing(docs, [domain, "unused.cn"]);
        filing["provider_id"] = json!(y);
        filing["sites"] = json!([filing["sites"][0].clone()]);
        filing["sites"][0]["accesses"][0]["ips"] = json!("123.56.1.10");
        filing["sites"][0]["transfer_in"] = json!(true);
        filing
    };

    // 转入 of a site nobody serves yet is refused at the tick.
    let (id, docs) = draft_with_scans(&filer, None).await;
    saved_version(&filer, id, 1, &one_site(&docs, "lanhai-new.cn")).await;
    let refused = submit_with(&filer, id, Some(&record.password)).await;
    assert_eq!(
        refused.rules(),
        ["TRANSFER_NOTHING_TO_MOVE"],
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("sites[0].transfer_in"),
        "{}",
        refused.body
    );

    // The owner moves site -2 to provider Y, with the 备案密码.
    let (id, docs) = draft_with_scans(&filer, None).await;
    saved_version(&filer, id, 1, &one_site(&docs, "lanhai-cloud.cn")).await;
    let submitted = submit_with(&filer, id, Some(&record.password)).await;
    assert_eq!(submitted.json(), "PendingIspVerify", "{}", submitted.body);
    passed(&staff_y, &bureau, id).await;

    // Y's access replaced X's: X serves site -1 only and no longer reads
    // site -2; the site is no shell.
    let (serving, accesses) = served(&app, &site_2).await;
    assert_eq!(serving, [y]);
    assert_eq!(
        accesses,
        [(Some(i64::from(y)), "123.56.1.10-123.56.1.10".to_owned())]
    );
    assert_eq!(served(&app, &format!("{}-1", record.subject)).await.0, [x]);
    let reply = staff
        .call_json("records/search", &json!({ "query": { "number": site_2 } }))
        .await;
    assert_eq!(reply.json()["rows"], json!([]), "{}", reply.body);
    let reply = staff_y
        .call_json("records/search", &json!({ "query": { "number": site_2 } }))
        .await;
    assert_eq!(
        reply.json()["rows"][0]["site_number"],
        site_2.as_str(),
        "{}",
        reply.body
    );
    let shells = staff
        .call("shells/list", &[("number", ""), ("page", "0")])
        .await;
    assert_eq!(shells.json()["sites"], 0, "{}", shells.body);

    // Moving it again to the provider that serves it now moves nothing.
    let (id, docs) = draft_with_scans(&filer, None).await;
    saved_version(&filer, id, 1, &one_site(&docs, "lanhai-cloud.cn")).await;
    let refused = submit_with(&filer, id, Some(&record.password)).await;
    assert_eq!(
        refused.rules(),
        ["TRANSFER_NOTHING_TO_MOVE"],
        "{}",
        refused.body
    );
}

#[tokio::test]
async fn the_migration_gives_each_served_sites_accesses_their_provider() {
    use migration::{Migrator, MigratorTrait};
    use sea_orm::sea_query::Expr;

    let World { app, record, .. } = world().await;
    let db = &app.state.db;
    let x = beian::server::providers::list(db).await.unwrap()[0].id;
    let number = format!("{}-1", record.subject);
    // Back to one provider per site, with accesses that name none, as the
    // records approved before the migration were stored.
    let since_site_access = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261206_000013_site_access")
        .expect("the site-access migration exists")
        + 1;
    Migrator::down(db, Some(since_site_access as u32))
        .await
        .unwrap();
    // Only the columns that existed then: later migrations' are gone.
    let (row_id, payload): (
        i32,
        beian::server::entity::json::Json<beian::domain::filing::Site>,
    ) = site::Entity::find()
        .select_only()
        .columns([site::Column::Id, site::Column::Payload])
        .filter(site::Column::Number.eq(number.clone()))
        .into_tuple()
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut untagged = payload.0;
    for access in &mut untagged.accesses {
        assert_eq!(
            access.provider_id,
            Some(i64::from(x)),
            "the approval tagged it"
        );
        access.provider_id = None;
    }
    site::Entity::update_many()
        .col_expr(
            site::Column::Payload,
            Expr::value(beian::server::entity::json::Json(untagged)),
        )
        .filter(site::Column::Id.eq(row_id))
        .exec(db)
        .await
        .unwrap();
    Migrator::up(db, None).await.unwrap();
    let (serving, accesses) = served(&app, &number).await;
    assert_eq!(serving, [x]);
    assert_eq!(accesses.len(), 1);
    assert_eq!(accesses[0].0, Some(i64::from(x)));
}

#[tokio::test]
async fn the_input_guard_checks_a_body_whatever_its_content_type_says() {
    let app = TestApp::start().await;
    let client = app.client();
    let body = r#"{"by":"Domain","q":"a\u0000b.com"}"#;
    let send = |content_type: &'static str| {
        let client = client.clone();
        async move {
            client
                .post("/api/public/lookup")
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(send("application/json").await, 422);
    assert_eq!(send("text/plain").await, 415);
    assert_eq!(send("application/x-www-form-urlencoded").await, 422);
    // A form body sent as JSON is no JSON: refused, not passed through.
    let form = client
        .post("/api/login")
        .header("content-type", "application/json")
        .body("username=a%00b&password=x")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status().as_u16(), 400);
}

#[tokio::test]
async fn the_public_lookup_takes_wildcards_literally_and_counts_path_variants() {
    let World { app, .. } = world().await;
    let anonymous = app.client();
    for q in ["%%", "成都%", "_"] {
        let reply = anonymous
            .call_json("public/lookup", &json!({ "by": "Name", "q": q }))
            .await;
        if reply.status == 200 {
            assert_eq!(reply.json(), json!([]), "{q}: {}", reply.body);
        } else {
            assert_eq!(reply.status, 422, "{q}: {}", reply.body);
        }
    }
    let found = anonymous
        .call_json("public/lookup", &json!({ "by": "Name", "q": "蓝海" }))
        .await;
    assert_eq!(found.json().as_array().unwrap().len(), 2, "{}", found.body);

    let limited = TestApp::start_with(|c| c.public_lookups_per_minute = 2).await;
    let visitor = limited.client();
    let statuses = [
        visitor.get("/query").await.status,
        visitor.get("/query/").await.status,
        visitor.get("//query").await.status,
    ];
    assert_eq!(statuses[2], 429, "{statuses:?}");
}

#[tokio::test]
async fn parallel_guesses_get_no_more_than_five_comparisons() {
    let World {
        app, filer, record, ..
    } = world().await;
    let guesses = (0..10).map(|i| {
        let filer = filer.clone();
        let number = record.subject.clone();
        async move {
            apply(
                &filer,
                &number,
                request(true, &[], &[]),
                &format!("Wrong{i}pass"),
            )
            .await
        }
    });
    let mut running = tokio::task::JoinSet::new();
    for guess in guesses {
        running.spawn(guess);
    }
    let replies = running.join_all().await;
    let rules: Vec<Vec<String>> = replies.iter().map(Reply::rules).collect();
    let compared = rules
        .iter()
        .filter(|r| r.as_slice() == ["FILING_PASSWORD_WRONG"])
        .count();
    assert!(compared <= 4, "{rules:?}");
    assert!(
        rules
            .iter()
            .all(|r| r.as_slice() == ["FILING_PASSWORD_WRONG"]
                || r.as_slice() == ["FILING_PASSWORD_LOCKED"]),
        "{rules:?}"
    );
    // Locked: even the right password is refused now.
    let right = apply(
        &filer,
        &record.subject,
        request(true, &[], &[]),
        &record.password,
    )
    .await;
    assert_eq!(right.rules(), ["FILING_PASSWORD_LOCKED"], "{}", right.body);
    let _ = app;
}

#[tokio::test]
async fn the_filing_password_is_never_stored_in_plaintext() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau =
        crate::fixtures::accounts::reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    passed(&staff, &bureau, id).await;
    let stored = subject::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.password_hash, "",
        "no password exists before its owner asks"
    );
    // Staff and the 管局 see the numbers, never the password.
    for other in [&staff, &bureau] {
        let notice = other
            .call_json("review/approval_notice", &json!({ "id": id }))
            .await
            .json();
        assert_eq!(notice["password"], Value::Null, "{notice}");
    }
    let notice = filer
        .call_json("review/approval_notice", &json!({ "id": id }))
        .await
        .json();
    let password = notice["password"].as_str().unwrap().to_owned();
    let stored = subject::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$"));
    assert!(!stored.password_hash.contains(&password));
    let again = filer
        .call_json("review/approval_notice", &json!({ "id": id }))
        .await
        .json();
    assert_eq!(again["password"], Value::Null, "shown once");
    // On SQLite the whole database file can be read: the password is in
    // no table, no index and no log.
    if let Some(path) = app.sqlite_path() {
        for file in [path.clone(), format!("{path}-wal")] {
            if let Ok(bytes) = std::fs::read(&file) {
                let found = bytes
                    .windows(password.len())
                    .any(|w| w == password.as_bytes());
                assert!(!found, "{file} holds the 备案密码");
            }
        }
    }
}

#[tokio::test]
async fn a_cancelled_subject_files_again_and_gets_a_new_number() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let reply = apply(
        &filer,
        &record.subject,
        request(true, &[], &[]),
        &record.password,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    passed(&staff, &bureau, reply.json().as_i64().unwrap()).await;

    // The same certificate and domains, filed anew.
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let view = detail(&filer, id).await;
    assert_eq!(view["kind"], "FirstFiling", "{view}");
    passed(&staff, &bureau, id).await;
    let notice = filer
        .call_json("review/approval_notice", &json!({ "id": id }))
        .await
        .json();
    let number = notice["numbers"]["subject"].as_str().unwrap();
    assert_ne!(number, record.subject, "a number is never reused");
    let subjects = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq("91350100M000100Y43"))
        .all(&app.state.db)
        .await
        .unwrap();
    let statuses: Vec<&str> = subjects.iter().map(|s| s.status.code()).collect();
    assert_eq!(statuses, ["cancelled", "live"]);
    let found = app
        .client()
        .call_json(
            "public/lookup",
            &json!({ "by": "Domain", "q": "lanhai.com" }),
        )
        .await
        .json();
    assert_eq!(found[0]["subject_number"], number, "{found}");
}

#[tokio::test]
async fn private_answers_are_never_cached() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let cache = |reply: &Reply| {
        reply
            .headers
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(
        cache(&filer.get("/filer").await).as_deref(),
        Some("no-store")
    );
    assert_eq!(
        cache(&filer.call("me", &[]).await).as_deref(),
        Some("no-store")
    );
    assert_eq!(
        cache(&app.client().call("me", &[]).await).as_deref(),
        Some("no-store")
    );
    assert_ne!(
        cache(&app.client().get("/").await).as_deref(),
        Some("no-store"),
        "the public landing page may be cached"
    );
    assert!(
        app.client()
            .get("/")
            .await
            .headers
            .get("strict-transport-security")
            .is_none(),
        "no HSTS while cookies are not Secure (plain-http development)"
    );
    let secure = TestApp::start_with(|c| c.cookie_secure = true).await;
    let hsts = secure.client().get("/").await;
    assert_eq!(
        hsts.headers["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

#[tokio::test]
async fn demo_accounts_with_published_passwords_are_found_until_disabled() {
    use beian::server::seed;
    let app = TestApp::start().await;
    seed::seed_demo(&app.state.db).await.unwrap();
    let open = seed::demo_accounts_with_published_passwords(&app.state.db)
        .await
        .unwrap();
    assert_eq!(open.len(), seed::DEMO_ACCOUNTS.len());
    beian::server::accounts::disable_by_username(&app.state.db, "admin")
        .await
        .unwrap();
    let open = seed::demo_accounts_with_published_passwords(&app.state.db)
        .await
        .unwrap();
    assert!(!open.iter().any(|name| name == "admin"), "{open:?}");
    assert_eq!(open.len(), seed::DEMO_ACCOUNTS.len() - 1);
}

#[tokio::test]
async fn an_event_stream_tells_only_its_scope_and_ends_with_its_session() {
    use std::time::Duration;

    use crate::harness::changed_within;

    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff_x = signed_in(&app, "staff_x", "provider_staff").await;
    let staff_y = signed_in(&app, "staff_y", "provider_staff").await;
    crate::fixtures::accounts::move_to_another_provider(&app, "staff_y").await;
    let open = |client: &Client| {
        let client = client.clone();
        async move {
            let events = client
                .http
                .get(format!("{}/events", client.base))
                .send()
                .await
                .unwrap();
            assert_eq!(events.status(), 200);
            events
        }
    };
    let (mut x, mut y) = (open(&staff_x).await, open(&staff_y).await);
    crate::visibility::submitted(&filer, 1, false).await;
    assert!(changed_within(&mut x, Duration::from_secs(5)).await);
    assert!(
        !changed_within(&mut y, Duration::from_secs(2)).await,
        "another provider's staff hear nothing of it"
    );

    // Signed out, the stream ends at the next wake.
    assert_eq!(staff_x.call("logout", &[]).await.status, 200);
    crate::visibility::submitted(&filer, 2, false).await;
    let ended = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match x.chunk().await {
                Ok(Some(chunk)) if String::from_utf8_lossy(&chunk).contains("event: changed") => {
                    return false
                }
                Ok(Some(_)) => continue,
                _ => return true,
            }
        }
    })
    .await;
    assert_eq!(ended, Ok(true), "the stream ends instead of telling");
}

#[tokio::test]
async fn anonymous_writes_are_bounded_per_client() {
    use beian::server::entity::session;

    let app = TestApp::start_with(|c| c.anonymous_writes_per_minute = 3).await;
    let visitor = app.client();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(visitor.get("/captcha").await.status);
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let rows = session::Entity::find().count(&app.state.db).await.unwrap();
    assert!(rows <= 3, "{rows} session rows");
    let register = visitor
        .call("register", &[("username", "scripted1"), ("password", "x")])
        .await;
    assert_eq!(register.status, 429, "{}", register.body);
    let accept = visitor
        .call("agreements/accept", &[("agreement", "Terms")])
        .await;
    assert_eq!(accept.status, 429, "{}", accept.body);
}

#[tokio::test]
async fn a_draft_keeps_a_bounded_number_of_scans_and_unused_ones_are_swept() {
    use beian::server::documents::{sweep_orphans, MAX_PER_APPLICATION};
    use beian::server::entity::document;

    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let (id, docs) = draft_with_scans(&filer, None).await;
    saved_version(&filer, id, 1, &company_filing(&docs, ["a1.com", "a1.cn"])).await;
    for _ in 2..MAX_PER_APPLICATION {
        crate::fixtures::filing::scan(&filer, id, "SUBJECT_CERT").await;
    }
    let refused = filer
        .upload(
            id,
            "SUBJECT_CERT",
            "scan.png",
            crate::fixtures::filing::png(2048),
        )
        .await;
    assert_eq!(refused.rules(), ["DOC_TOO_MANY"], "{}", refused.body);
    let count = || async {
        document::Entity::find()
            .filter(document::Column::ApplicationId.eq(id as i32))
            .count(&app.state.db)
            .await
            .unwrap()
    };
    assert_eq!(count().await, MAX_PER_APPLICATION);

    // Within a day nothing goes; after it, all but the two the filing uses.
    let now = chrono::Utc::now();
    assert_eq!(sweep_orphans(&app.state.db, now).await.unwrap(), 0);
    let later = now + chrono::Duration::hours(25);
    assert_eq!(
        sweep_orphans(&app.state.db, later).await.unwrap(),
        MAX_PER_APPLICATION - 2
    );
    assert_eq!(count().await, 2);
    let kept = crate::fixtures::filing::load(&filer, id).await;
    assert_eq!(kept["filing"]["subject"]["cert_scan"], docs.0, "{kept}");
}

#[tokio::test]
async fn wrong_passwords_from_one_client_do_not_lock_the_owner_out_elsewhere() {
    let app = TestApp::start_with(|c| c.trust_forwarded_for = true).await;
    app.create_account("owner_l", "Passw0rd2026", "filer", "")
        .await;
    let attempt = |client: Client, from: String, password: &'static str| {
        let app = &app;
        async move {
            let answer = client.solve_captcha(app).await;
            let reply = client
                .post("/api/login")
                .header("x-forwarded-for", from)
                .form(&[
                    ("username", "owner_l"),
                    ("password", password),
                    ("captcha", answer.as_str()),
                ])
                .send()
                .await
                .unwrap();
            reply.status().as_u16()
        }
    };
    let guesser = app.client();
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(attempt(guesser.clone(), "203.0.113.1".into(), "Wrong2026").await);
    }
    assert_eq!(statuses[6], 429, "the guesser is locked: {statuses:?}");
    // The owner, elsewhere, signs in.
    let owner = app.client();
    assert_eq!(
        attempt(owner, "198.51.100.7".into(), "Passw0rd2026").await,
        200
    );
    // A guesser spread over many addresses meets the username's ceiling.
    let mut last = 0;
    for n in 0..60 {
        last = attempt(app.client(), format!("192.0.2.{n}"), "Wrong2026").await;
    }
    assert_eq!(last, 429, "the username locks everywhere at last");
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_busy() {
    let app = TestApp::start_with(|c| c.session_max = std::time::Duration::from_secs(2)).await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    assert!(filer.call("me", &[]).await.body.contains("filer_a"));
    for _ in 0..5 {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let _ = filer.call("me", &[]).await;
    }
    let me = filer.call("me", &[]).await;
    assert!(!me.body.contains("filer_a"), "{}", me.body);
    assert_eq!(filer.get("/filer").await.status, 302, "sent to log in");
}

#[tokio::test]
async fn a_production_server_will_not_start_while_a_demo_password_is_published() {
    use std::process::{Command, Stdio};

    let (url, _guard) = crate::harness::fresh_database().await;
    let beian = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_beian"));
        command
            .args(args)
            .env("DATABASE_URL", &url)
            .env("LEPTOS_ENV", "PROD")
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "error")
            .stdin(Stdio::null());
        command
    };
    assert!(beian(&["seed-demo"]).output().unwrap().status.success());
    let refused = beian(&["serve"]).output().unwrap();
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("beian user disable"), "{said}");
    assert!(said.contains("filer_org"), "{said}");

    for demo in &beian::server::seed::DEMO_ACCOUNTS {
        let disabled = beian(&["user", "disable", "--username", demo.username])
            .output()
            .unwrap();
        assert!(disabled.status.success(), "{disabled:?}");
    }
    // With every demo account disabled it serves (and keeps serving).
    let mut server = beian(&["serve"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let still_running = server.try_wait().unwrap().is_none();
    server.kill().ok();
    server.wait().ok();
    assert!(still_running, "the server started");
}

#[tokio::test]
async fn staff_made_on_the_command_line_join_the_provider_it_names_once_there_are_two() {
    use std::process::{Command, Output, Stdio};

    let (url, _guard) = crate::harness::fresh_database().await;
    let beian = |args: &[&str]| -> Output {
        Command::new(env!("CARGO_BIN_EXE_beian"))
            .args(args)
            .env("DATABASE_URL", &url)
            .env("BEIAN_NEW_PASSWORD", "StaffCli2026")
            .env("RUST_LOG", "error")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let staff = |username: &str, extra: &[&str]| {
        let mut args = vec![
            "user",
            "add",
            "--username",
            username,
            "--role",
            "provider_staff",
            "--name",
            "孙接入",
        ];
        args.extend_from_slice(extra);
        beian(&args)
    };
    assert!(beian(&["seed-demo"]).status.success());
    // One provider: staff join it without naming it.
    assert!(staff("staff_one", &[]).status.success());
    let added = beian(&[
        "provider",
        "add",
        "--name",
        "示例网络有限公司",
        "--ip-blocks",
        "123.56.0.0/16",
    ]);
    assert!(added.status.success(), "{added:?}");
    let said = String::from_utf8_lossy(&added.stdout).to_string();
    let second = said
        .split('#')
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the new provider's number")
        .to_owned();

    // Two: a staff account must name its provider, one that exists.
    let refused = staff("staff_two", &[]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--provider"));
    let refused = staff("staff_two", &["--provider", "999"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("没有这个编号的接入服务商"));
    let refused = beian(&[
        "user",
        "add",
        "--username",
        "bureau_two",
        "--role",
        "bureau_reviewer",
        "--province",
        "510000",
        "--name",
        "李审核",
        "--provider",
        &second,
    ]);
    assert!(!refused.status.success(), "a 管局 belongs to no provider");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("只有接入服务商的账号"));
    assert!(staff("staff_two", &["--provider", &second])
        .status
        .success());

    let db = sea_orm::Database::connect(&url).await.unwrap();
    let provider_of = |username: &'static str| {
        let db = db.clone();
        async move {
            beian::server::entity::account::Entity::find()
                .filter(beian::server::entity::account::Column::Username.eq(username))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .provider_id
        }
    };
    assert_eq!(provider_of("staff_one").await, provider_of("staff").await);
    assert_eq!(
        provider_of("staff_two").await.map(|id| id.to_string()),
        Some(second)
    );
}
