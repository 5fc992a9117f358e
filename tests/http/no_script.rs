//! The single-step actions as a browser without JavaScript sends them: a
//! plain form post that comes back to the page it came from, with the
//! error in the address when there is one (docs/testing.md, suite 11).

use serde_json::json;

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::filing::{detail, self_filed, verified};
use crate::harness::{Client, Reply, TestApp};

/// A form post as a browser makes it: HTML accepted, coming from `page`.
async fn plain_post(client: &Client, endpoint: &str, page: &str, form: &[(&str, &str)]) -> Reply {
    let response = client
        .post(&format!("/api/{endpoint}"))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("referer", format!("{}{page}", client.base))
        .form(form)
        .send()
        .await
        .unwrap();
    crate::harness::reply(response).await
}

fn location(reply: &Reply) -> String {
    reply.headers["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_reviewer_decides_with_a_plain_form_after_ticking_the_confirmation() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    verified(&staff, id).await;
    let view = detail(&bureau, id).await;
    assert_eq!(view["state"], "PendingBureauReview");
    let version = view["version"].as_i64().unwrap().to_string();
    let page = format!("/review/{id}");
    let id_text = id.to_string();
    let form = |confirmed: bool| {
        let mut form = vec![
            ("id", id_text.as_str()),
            ("version", version.as_str()),
            ("action", "APPROVE"),
            ("reasons[0][field]", ""),
            ("reasons[0][text]", ""),
        ];
        if confirmed {
            form.push(("confirmed", "true"));
        }
        form
    };

    // Not confirmed: back to the page with the error, and nothing changed.
    let refused = plain_post(&bureau, "review/decide_form", &page, &form(false)).await;
    assert!(matches!(refused.status, 302 | 303), "{}", refused.body);
    let back = location(&refused);
    assert!(back.contains(&page) && back.contains("__err="), "{back}");
    assert_eq!(detail(&bureau, id).await["state"], "PendingBureauReview");
    let shown = bureau.get(&back.replace(&bureau.base, "")).await;
    assert!(
        shown.body.contains("请勾选确认后再提交"),
        "the page shows why"
    );

    // Confirmed: approved, and back to the page without an error.
    let approved = plain_post(&bureau, "review/decide_form", &page, &form(true)).await;
    assert!(matches!(approved.status, 302 | 303), "{}", approved.body);
    assert!(
        !location(&approved).contains("__err="),
        "{}",
        location(&approved)
    );
    assert_eq!(detail(&bureau, id).await["state"], "Approved");
}

#[tokio::test]
async fn a_return_by_plain_form_keeps_its_reason_at_the_field() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let version = detail(&staff, id).await["version"]
        .as_i64()
        .unwrap()
        .to_string();
    let page = format!("/review/{id}");
    let returned = plain_post(
        &staff,
        "review/decide_form",
        &page,
        &[
            ("id", &id.to_string()),
            ("version", &version),
            ("action", "RETURN_TO_SPONSOR"),
            ("reasons[0][field]", "sites[1].name"),
            ("reasons[0][text]", "网站名称与域名内容不符"),
            ("confirmed", "true"),
        ],
    )
    .await;
    assert!(
        !location(&returned).contains("__err="),
        "{}",
        location(&returned)
    );
    let view = crate::fixtures::filing::load(&filer, id).await;
    assert_eq!(
        view["return_reasons"],
        json!([{ "field": "sites[1].name", "rule": "", "text": "网站名称与域名内容不符" }])
    );
}

#[tokio::test]
async fn notifications_are_marked_read_by_a_plain_form() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    verified(&staff, id).await;
    let inbox = filer
        .call_json("notifications/inbox", &json!({}))
        .await
        .json();
    assert!(inbox["unread"].as_i64().unwrap() > 0, "{inbox}");
    let page = filer.get("/notifications").await;
    assert!(page
        .body
        .contains(r#"action="/api/notifications/read_all""#));
    let read = plain_post(&filer, "notifications/read_all", "/notifications", &[]).await;
    let back = location(&read);
    assert!(
        back.starts_with(&format!("{}/notifications", filer.base)),
        "{back}"
    );
    assert!(!back.contains("__err="), "{back}");
    let inbox = filer
        .call_json("notifications/inbox", &json!({}))
        .await
        .json();
    assert_eq!(inbox["unread"], 0);
}

#[tokio::test]
async fn the_wizard_says_it_needs_javascript_to_a_browser_without_it() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let id = crate::fixtures::filing::start(&filer, None).await;
    let page = filer.get(&format!("/filings/{id}")).await;
    assert_eq!(page.status, 200);
    let banner = page
        .body
        .split("<noscript>")
        .nth(1)
        .and_then(|rest| rest.split("</noscript>").next())
        .unwrap_or_default();
    assert!(
        banner.contains(r#"id="wizard-needs-script""#)
            && banner.contains("需要浏览器启用 JavaScript"),
        "{}",
        page.body
    );
}
