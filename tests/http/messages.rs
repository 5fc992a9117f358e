//! 申请留言 over HTTP: only on submitted applications, 1–500 characters,
//! the staff inbox with unread and open counts, replies that handle, and
//! nobody else's threads.

use beian::server::entity::outbox;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::fixtures::accounts::signed_in;
use crate::fixtures::filing::{self_filed, start};
use crate::harness::{Client, Reply, TestApp};

/// A message posted as the page's form posts it.
async fn post(client: &Client, id: i64, body: &str, reply_to: Option<i64>) -> Reply {
    let id = id.to_string();
    let reply_to = reply_to.map(|r| r.to_string());
    let mut form = vec![("application_id", id.as_str()), ("body", body)];
    if let Some(reply_to) = &reply_to {
        form.push(("reply_to", reply_to));
    }
    client.call("messages/post", &form).await
}

async fn thread(client: &Client, id: i64) -> Value {
    let reply = client
        .call_json("messages/thread", &json!({ "application_id": id }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

async fn inbox(client: &Client, only_open: bool) -> Value {
    let reply = client
        .call_json(
            "messages/inbox",
            &json!({ "only_open": only_open, "page": 0 }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

#[tokio::test]
async fn a_filer_asks_staff_reply_and_the_inbox_counts_follow() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;

    // A draft is edited, not discussed; bad bodies are refused and stored
    // nowhere.
    let draft = start(&filer, None).await;
    assert_eq!(
        post(&filer, draft, "请修改", None).await.rules(),
        ["MSG_NOT_SUBMITTED"]
    );
    assert_eq!(post(&filer, id, "  ", None).await.rules(), ["MSG_EMPTY"]);
    let too_long = "改".repeat(501);
    let refused = post(&filer, id, &too_long, None).await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.rules(), ["MSG_TOO_LONG"]);
    assert_eq!(thread(&filer, id).await["messages"], json!([]));

    let asked = post(&filer, id, "请将第二个网站名称改为蓝海云平台", None).await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    let view = thread(&filer, id).await;
    assert_eq!(view["can_post"], true);
    assert_eq!(view["can_handle"], false);
    let question = view["messages"][0]["id"].as_i64().unwrap();

    // Staff see one unread, open thread until they read it.
    let before = inbox(&staff, true).await;
    assert_eq!(before["unread"], 1, "{before}");
    assert_eq!(before["rows"][0]["application_id"], id);
    assert_eq!(before["rows"][0]["open"], 1);
    assert_eq!(
        before["rows"][0]["last_body"],
        "请将第二个网站名称改为蓝海云平台"
    );
    let seen = thread(&staff, id).await;
    assert_eq!(seen["can_handle"], true);
    assert_eq!(inbox(&staff, false).await["unread"], 0);

    // A reply handles the question; the filer hears of it.
    let replied = post(&staff, id, "已收到，核验时一并修改", Some(question)).await;
    assert_eq!(replied.status, 200, "{}", replied.body);
    let after = thread(&filer, id).await;
    assert_eq!(after["messages"].as_array().unwrap().len(), 2);
    assert!(after["messages"][0]["handled_at"].is_string(), "{after}");
    assert_eq!(after["messages"][1]["reply_to"], question);
    assert_eq!(inbox(&staff, true).await["rows"], json!([]));
    assert_eq!(inbox(&staff, false).await["rows"][0]["open"], 0);
    let bell = filer
        .call_json("notifications/inbox", &json!({}))
        .await
        .json();
    assert!(
        bell["latest"][0]["text"]
            .as_str()
            .unwrap()
            .contains("留言回复"),
        "{bell}"
    );
    // …and by e-mail, with the reply itself, like every other notice.
    let mailed = outbox::Entity::find()
        .filter(outbox::Column::Subject.eq("ICP备案留言回复"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(mailed.len(), 1, "{mailed:?}");
    assert!(
        mailed[0].body.contains("已收到，核验时一并修改"),
        "{mailed:?}"
    );

    // Handling is staff's, and only once.
    let handle = |client: &Client| {
        let client = client.clone();
        async move {
            client
                .call("messages/handle", &[("message_id", &question.to_string())])
                .await
                .status
        }
    };
    assert_eq!(handle(&filer).await, 403);
    assert_eq!(handle(&staff).await, 409);
}

#[tokio::test]
async fn another_filers_thread_is_not_there() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let other = signed_in(&app, "filer_b", "filer").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    assert_eq!(post(&filer, id, "请尽快处理", None).await.status, 200);

    let read = other
        .call_json("messages/thread", &json!({ "application_id": id }))
        .await;
    assert_eq!(read.status, 404);
    assert_eq!(post(&other, id, "我也要留言", None).await.status, 404);
    let reply_elsewhere = post(&filer, id, "回复", Some(-1)).await;
    assert_eq!(reply_elsewhere.status, 404);
    assert_eq!(inbox(&other, false).await["rows"], json!([]));
    assert_eq!(
        thread(&filer, id).await["messages"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// 按留言退回: staff make the change a 留言 asks for by sending the
/// application back with the 留言 as its reason, in one step that also
/// handles the 留言; only once, only at the version they saw, only by
/// those who may return it.
#[tokio::test]
async fn staff_send_an_application_back_as_its_message_asks() {
    use crate::fixtures::filing::detail;

    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    assert_eq!(
        post(&filer, id, "网站名称写错了，请退回让我修改", None)
            .await
            .status,
        200
    );
    let seen = thread(&staff, id).await;
    assert_eq!(seen["return_action"], "ReturnToSponsor", "{seen}");
    let message = seen["messages"][0]["id"].as_i64().unwrap();
    let version = seen["version"].as_i64().unwrap();
    let send_back = |client: &Client, version: i64| {
        let client = client.clone();
        async move {
            let (message, version) = (message.to_string(), version.to_string());
            client
                .call(
                    "messages/send_back",
                    &[("message_id", &message), ("version", &version)],
                )
                .await
        }
    };

    // The filer cannot; a stale view changes nothing, not even the 留言.
    assert_eq!(send_back(&filer, version).await.status, 403);
    assert_eq!(send_back(&staff, version - 1).await.status, 409);
    assert!(thread(&staff, id).await["messages"][0]["handled_at"].is_null());

    let sent = send_back(&staff, version).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let view = detail(&filer, id).await;
    assert_eq!(view["state"], "ReturnedToSponsor");
    assert_eq!(
        view["reasons"][0]["text"],
        format!("按申请留言 #{message} 修改：网站名称写错了，请退回让我修改")
    );
    let after = thread(&staff, id).await;
    assert!(!after["messages"][0]["handled_at"].is_null(), "{after}");
    assert_eq!(
        after["return_action"],
        Value::Null,
        "nothing more to return"
    );
    // Once is enough: the 留言 is handled and the application is back.
    let again = send_back(&staff, view["version"].as_i64().unwrap()).await;
    assert_eq!(again.status, 409, "{}", again.body);
}
