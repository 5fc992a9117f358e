//! 短信核验: the ministry texts each distinct 负责人 mobile a code when it
//! accepts a filing; each confirms on the public page; the filing moves on
//! when all have, and goes back to the provider on five wrong tries after
//! the one re-send, or at the deadline.

use std::time::Duration;

use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{json, Value};

use beian::server::entity::sms_outbox;

use crate::fixtures::accounts::signed_in;
use crate::fixtures::filing::{
    after_upstream, company_filing, detail, draft_with_scans, saved_version, submit,
    timeline_actions, verified,
};
use crate::harness::{Client, Reply, TestApp};

const WINDOW: Duration = Duration::from_secs(3600);

/// A filing whose second site has its own 负责人 (a second mobile),
/// submitted by the filer and verified by staff: it waits in 待短信核验.
async fn waiting(app: &TestApp, filer: &Client, staff: &Client) -> i64 {
    let (id, docs) = draft_with_scans(filer, None).await;
    let mut filing = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    let mut other = filing["subject"]["principal"].clone();
    other["name"] = json!("李四");
    other["cert_number"] = json!("510107198805121237");
    other["mobile"] = json!("13700137000");
    filing["sites"][1]["principal_same_as_subject"] = json!(false);
    filing["sites"][1]["principal"] = other;
    let version = saved_version(filer, id, 1, &filing).await;
    assert_eq!(submit(filer, id, version).await.status, 200);
    assert_eq!(verified(staff, id).await["state"], "PendingSmsVerification");
    let _ = app;
    id
}

/// The newest code texted to `mobile`, read from the simulated gateway's
/// outbox as the phone would read it.
async fn code_for(app: &TestApp, mobile: &str) -> String {
    let texts = sms_outbox::Entity::find()
        .order_by_desc(sms_outbox::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap();
    let body = texts
        .iter()
        .find(|t| t.mobile == mobile)
        .unwrap_or_else(|| panic!("no text to {mobile}"))
        .body
        .clone();
    let start = body.find("核验码为 ").unwrap() + "核验码为 ".len();
    body[start..start + 6].to_owned()
}

async fn confirm(client: &Client, mobile: &str, code: &str, tail: &str) -> Reply {
    client
        .call(
            "sms/confirm",
            &[("mobile", mobile), ("code", code), ("cert_tail", tail)],
        )
        .await
}

fn statuses(view: &Value) -> Vec<String> {
    view["sms_checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn each_person_confirms_once_and_the_last_moves_the_filing_to_the_bureau() {
    let app = TestApp::start_with(|c| c.sms_window = Some(WINDOW)).await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = waiting(&app, &filer, &staff).await;

    // One text per distinct mobile: the subject's 负责人 is also the first
    // site's, so two texts, each naming its holders; masked on the page.
    let view = detail(&staff, id).await;
    assert_eq!(statuses(&view), ["Waiting", "Waiting"]);
    assert_eq!(view["sms_checks"][0]["mobile"], "138****8000");
    assert_eq!(view["sms_checks"][1]["holders"], "网站2负责人 李四");
    let outbox = sms_outbox::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(outbox.len(), 2);

    // A visitor with no login confirms; the certificate tail ignores case.
    let phone = app.client();
    let code = code_for(&app, "13800138000").await;
    let reply = confirm(&phone, "13800138000", &code, "06632x").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.headers["location"], "/sms?confirmed=1");
    let view = detail(&staff, id).await;
    assert_eq!(view["state"], "PendingSmsVerification");
    assert_eq!(statuses(&view), ["Confirmed", "Waiting"]);
    // Staff's 备案进度 list shows the round at a glance.
    let list = staff
        .call_json("review/queue", &json!({ "scope": "Progress", "query": {} }))
        .await
        .json();
    let row = list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(row["sms"], "短信核验 已确认 1/2");
    // A confirmed code does not confirm again.
    let again = confirm(&phone, "13800138000", &code, "06632X").await;
    assert_eq!(again.rules(), ["SMS_NOTHING_WAITING"]);

    let code = code_for(&app, "13700137000").await;
    let reply = confirm(&phone, "137 0013 7000", &code, "121237").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let view = detail(&staff, id).await;
    assert_eq!(view["state"], "PendingBureauReview");
    let actions = timeline_actions(&view);
    assert_eq!(
        actions[actions.len() - 2..],
        ["TO_SMS_VERIFICATION", "TO_BUREAU"]
    );
}

#[tokio::test]
async fn five_wrong_tries_fail_a_check_and_after_the_resend_the_filing_returns() {
    let app = TestApp::start_with(|c| c.sms_window = Some(WINDOW)).await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = waiting(&app, &filer, &staff).await;
    let phone = app.client();
    let code = code_for(&app, "13700137000").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };

    // The form's own checks come first and cost no try.
    let malformed = confirm(&phone, "1370013700", "12a456", "1237").await;
    assert_eq!(
        malformed.rules(),
        [
            "ACC_MOBILE_FORMAT",
            "SMS_CODE_FORMAT",
            "SMS_CERT_TAIL_FORMAT"
        ]
    );
    // The right code with another person's certificate is a wrong try.
    let reply = confirm(&phone, "13700137000", &code, "06632X").await;
    assert!(reply.body.contains("还可尝试 4 次"), "{}", reply.body);
    for left in [3, 2, 1] {
        let reply = confirm(&phone, "13700137000", wrong, "121237").await;
        assert!(
            reply.body.contains(&format!("还可尝试 {left} 次")),
            "{}",
            reply.body
        );
    }
    let reply = confirm(&phone, "13700137000", wrong, "121237").await;
    assert!(reply.body.contains("本次核验失败"), "{}", reply.body);
    let view = detail(&staff, id).await;
    assert_eq!(statuses(&view), ["Waiting", "Failed"]);
    // Failed: even the right code no longer confirms.
    assert_eq!(
        confirm(&phone, "13700137000", &code, "121237")
            .await
            .rules(),
        ["SMS_NOTHING_WAITING"]
    );

    // Only the provider's staff re-send, once.
    let check = view["sms_checks"][1]["id"].as_i64().unwrap();
    let resend = |client: &Client| {
        let client = client.clone();
        async move {
            client
                .call_json(
                    "sms/resend",
                    &json!({ "application_id": id, "check_id": check }),
                )
                .await
        }
    };
    assert_eq!(resend(&filer).await.status, 403);
    assert_eq!(resend(&staff).await.status, 200);
    assert_eq!(resend(&staff).await.status, 409, "only once");
    let view = detail(&staff, id).await;
    assert_eq!(statuses(&view), ["Waiting", "Waiting"]);
    assert_eq!(view["sms_checks"][1]["resent"], true);
    assert_eq!(view["sms_checks"][1]["tries"], 0);
    let fresh = code_for(&app, "13700137000").await;
    assert_eq!(
        confirm(&phone, "13700137000", &code, "121237")
            .await
            .rules(),
        ["SMS_CODE_WRONG"],
        "the old code is gone"
    );
    for _ in 0..4 {
        confirm(
            &phone,
            "13700137000",
            if fresh == "000000" {
                "111111"
            } else {
                "000000"
            },
            "121237",
        )
        .await;
    }
    // The re-sent check failed again: the filing cannot complete and goes
    // back to the provider, naming who failed.
    let view = detail(&staff, id).await;
    assert_eq!(view["state"], "ReturnedToIsp");
    assert_eq!(
        view["reasons"],
        json!([{ "field": "", "rule": "SMS01", "text": "短信核验未通过：网站2负责人 李四（137****7000）核验码错误次数过多" }])
    );
    // The round is over: the other person's code confirms nothing now.
    let other = code_for(&app, "13800138000").await;
    assert_eq!(
        confirm(&phone, "13800138000", &other, "06632X")
            .await
            .rules(),
        ["SMS_NOTHING_WAITING"]
    );
    assert_eq!(detail(&staff, id).await["state"], "ReturnedToIsp");
}

#[tokio::test]
async fn a_round_not_confirmed_by_its_deadline_returns_to_the_provider() {
    let app = TestApp::start_with(|c| c.sms_window = Some(WINDOW)).await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = waiting(&app, &filer, &staff).await;
    let phone = app.client();
    let code = code_for(&app, "13800138000").await;
    assert_eq!(
        confirm(&phone, "13800138000", &code, "06632X").await.status,
        200
    );

    // Before the deadline nothing moves; after it, the one who did not
    // confirm is named.
    let now = chrono::Utc::now();
    assert!(beian::server::sms::expire_due(&app.state.db, now)
        .await
        .unwrap()
        .is_empty());
    let later = now + chrono::Duration::from_std(WINDOW).unwrap() + chrono::Duration::seconds(1);
    let moved = beian::server::sms::expire_due(&app.state.db, later)
        .await
        .unwrap();
    assert_eq!(moved, [id as i32]);
    let view = detail(&staff, id).await;
    assert_eq!(view["state"], "ReturnedToIsp");
    assert_eq!(statuses(&view), ["Confirmed", "TimedOut"]);
    assert_eq!(
        view["reasons"][0]["text"],
        "短信核验超时：网站2负责人 李四（137****7000）未在期限内确认"
    );
    // Resubmitted, it starts a new round with new codes.
    let version = view["version"].as_i64().unwrap();
    assert_eq!(
        submit(&staff, id, version).await.json(),
        "NotSubmittedToMinistry"
    );
    let view = after_upstream(&staff, id).await;
    assert_eq!(view["state"], "PendingSmsVerification");
    assert_eq!(statuses(&view), ["Waiting", "Waiting"]);
}

#[tokio::test]
async fn a_configured_gateway_gets_each_text_and_no_code_stays_readable() {
    use std::sync::{Arc, Mutex};

    // A stand-in for the provider's SMS service.
    let received: Arc<Mutex<Vec<Value>>> = Arc::default();
    let service = axum::Router::new()
        .route(
            "/send",
            axum::routing::post(
                |axum::extract::State(received): axum::extract::State<Arc<Mutex<Vec<Value>>>>,
                 axum::Json(text): axum::Json<Value>| async move {
                    received.lock().unwrap().push(text);
                    axum::http::StatusCode::OK
                },
            ),
        )
        .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, service).await });

    let app = TestApp::start_with(|c| {
        c.sms_window = Some(WINDOW);
        c.sms_gateway_url = Some(url);
    })
    .await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = waiting(&app, &filer, &staff).await;

    let mut texts = Vec::new();
    for _ in 0..100 {
        texts = received.lock().unwrap().clone();
        if texts.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut mobiles: Vec<_> = texts
        .iter()
        .map(|t| t["mobile"].as_str().unwrap())
        .collect();
    mobiles.sort();
    assert_eq!(mobiles, ["13700137000", "13800138000"]);
    // Delivered texts are marked sent and keep no code.
    let mut outbox = Vec::new();
    for _ in 0..100 {
        outbox = sms_outbox::Entity::find().all(&app.state.db).await.unwrap();
        if outbox.iter().all(|t| t.sent_at.is_some()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        outbox
            .iter()
            .all(|t| t.sent_at.is_some() && t.body.is_empty()),
        "{outbox:?}"
    );
    // The phone reads its code from the text the service delivered.
    let phone = app.client();
    for text in &texts {
        let body = text["text"].as_str().unwrap();
        let start = body.find("核验码为 ").unwrap() + "核验码为 ".len();
        let tail = if text["mobile"] == "13800138000" {
            "06632X"
        } else {
            "121237"
        };
        let reply = confirm(
            &phone,
            text["mobile"].as_str().unwrap(),
            &body[start..start + 6],
            tail,
        )
        .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    assert_eq!(detail(&staff, id).await["state"], "PendingBureauReview");
}
