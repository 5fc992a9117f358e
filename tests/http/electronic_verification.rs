//! 电子化核验 over HTTP: staff open a one-time link; the filer's phone
//! uploads the three pictures with no login, once, within its life; staff
//! accept them as the 核验, which 核验通过 then carries; and nobody can
//! claim an electronic 核验 that was not accepted.

use serde_json::{json, Value};

use crate::fixtures::accounts::{move_to_another_provider, signed_in};
use crate::fixtures::filing::{detail, phone_upload, scan, self_filed};
use crate::harness::{Client, Reply};

fn location(reply: &Reply) -> String {
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply.headers["location"].to_str().unwrap().to_owned()
}

async fn open_link(staff: &Client, id: i64) -> String {
    let reply = staff
        .call_json("verification/open_link", &json!({ "id": id }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let path = reply.json().as_str().unwrap().to_owned();
    path.strip_prefix("/verify/").unwrap().to_owned()
}

async fn check(phone: &Client, token: &str) -> Value {
    let reply = phone
        .call_json("verification/check_link", &json!({ "token": token }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

#[tokio::test]
async fn a_link_takes_the_pictures_once_and_staff_accept_them_as_the_verification() {
    let app = crate::harness::TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let other_staff = signed_in(&app, "staff_b", "provider_staff").await;
    move_to_another_provider(&app, "staff_b").await;
    let phone = app.client();
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;

    // Only the application's own provider opens or reads a link.
    for (who, client) in [("filer", &filer), ("another provider", &other_staff)] {
        let reply = client
            .call_json("verification/open_link", &json!({ "id": id }))
            .await;
        assert!([403, 404].contains(&reply.status), "{who}: {}", reply.body);
    }
    let first = open_link(&staff, id).await;
    let token = open_link(&staff, id).await;
    assert_eq!(
        check(&phone, &first).await["rule"],
        "VERIFY_LINK_EXPIRED",
        "a new link ends the old one"
    );
    assert_eq!(check(&phone, &token).await, Value::Null);
    assert_eq!(check(&phone, "00ff").await["rule"], "VERIFY_LINK_UNKNOWN");

    // A missing picture is refused at its field, and the link still works.
    let missing = phone_upload(&phone, &token, &["photo", "cert_front"]).await;
    assert_eq!(
        location(&missing),
        format!("/verify/{token}?error=VERIFY_UPLOAD_REQUIRED&field=cert_back")
    );
    let waiting = staff
        .call_json("verification/link", &json!({ "id": id }))
        .await
        .json();
    assert_eq!(waiting["used_at"], Value::Null);

    // The three pictures, once.
    let taken = phone_upload(&phone, &token, &["photo", "cert_front", "cert_back"]).await;
    assert_eq!(location(&taken), format!("/verify/{token}?done=1"));
    let again = phone_upload(&phone, &token, &["photo", "cert_front", "cert_back"]).await;
    assert_eq!(
        location(&again),
        format!("/verify/{token}?error=VERIFY_LINK_USED&field=token")
    );
    let link = staff
        .call_json("verification/link", &json!({ "id": id }))
        .await
        .json();
    assert!(link["used_at"].is_string(), "{link}");
    assert_eq!(link["accepted"], false);
    for picture in ["photo", "cert_front", "cert_back"] {
        let doc = link[picture]["id"].as_i64().unwrap();
        let file = staff.get(&format!("/documents/{doc}")).await;
        assert_eq!(file.status, 200, "staff see the {picture}");
    }
    let peek = other_staff
        .call_json("verification/link", &json!({ "id": id }))
        .await;
    assert!([403, 404].contains(&peek.status), "{}", peek.body);

    // A caller's claim of an electronic 核验 is not one: without the
    // checklist, 核验通过 is refused.
    let version = detail(&staff, id).await["version"].as_i64().unwrap();
    let forged = json!({
        "verifier": "王核验", "photo": scan(&staff, id, "VERIFY_PHOTO").await,
        "electronic": { "taken_at": "2026-12-06 10:00", "accepted_at": "2026-12-06 10:05" }
    });
    let refused = staff
        .call_json(
            "review/decide",
            &json!({ "id": id, "version": version, "action": "Verify", "reasons": [], "verification": forged }),
        )
        .await;
    assert_eq!(refused.rules(), ["VERIFY_CHECKLIST"], "{}", refused.body);

    // Accepted: the record says how, when and by whom; 核验通过 carries it.
    let short = staff
        .call_json(
            "verification/accept",
            &json!({ "id": id, "version": version, "verifier": "王" }),
        )
        .await;
    assert_eq!(short.rules(), ["VERIFY_VERIFIER"]);
    let accepted = staff
        .call_json(
            "verification/accept",
            &json!({ "id": id, "version": version, "verifier": "王核验" }),
        )
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    let (version, record) = {
        let pair = accepted.json();
        (pair[0].as_i64().unwrap(), pair[1].clone())
    };
    assert_eq!(record["photo"], link["photo"]);
    assert_eq!(record["checklist"], Value::Null);
    assert_eq!(record["electronic"]["cert_back"], link["cert_back"]);
    let reply = staff
        .call_json(
            "review/decide",
            &json!({ "id": id, "version": version, "action": "Verify", "reasons": [], "verification": record }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let view = detail(&staff, id).await;
    assert_eq!(view["verification"]["verifier"], "王核验");
    assert!(view["verification"]["electronic"]["accepted_at"].is_string());

    // Past its 核验, a fresh link takes nothing.
    let late = phone_upload(&phone, &token, &["photo", "cert_front", "cert_back"]).await;
    assert!(location(&late).contains("error=VERIFY_LINK_USED"));
    let closed = staff
        .call_json("verification/open_link", &json!({ "id": id }))
        .await;
    assert_eq!(closed.status, 409, "{}", closed.body);
}
