//! The single-step actions as a browser without JavaScript sends them: a
//! plain form post that comes back to the page it came from, with the
//! error in the address when there is one (docs/testing.md, suite 11).

use serde_json::json;

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::filing::{decide, detail, load, self_filed, verification, verified};
use crate::fixtures::world::{world, World};
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

/// The page a plain post came back to, as the browser then shows it.
async fn shown(client: &Client, reply: &Reply) -> Reply {
    client.get(&location(reply).replace(&client.base, "")).await
}

#[tokio::test]
async fn the_wizards_step_saves_as_a_plain_form_and_keeps_the_rest() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let other = signed_in(&app, "filer_b", "filer").await;
    let id = crate::fixtures::filing::start(&filer, None).await;
    let page = format!("/filings/{id}?step=1");
    let form_page = filer.get(&page).await;
    assert!(
        form_page.body.contains(r#"action="/api/filing/save_step""#)
            && form_page.body.contains(r#"name="fields[subject.name]""#)
            && form_page
                .body
                .contains(r#"name="flags[subject.principal.long_term][]""#),
        "{}",
        form_page.body
    );
    let version = load(&filer, id).await["version"]
        .as_i64()
        .unwrap()
        .to_string();
    let id_text = id.to_string();
    let form = |version: &str| {
        vec![
            ("id", id_text.clone()),
            ("version", version.to_owned()),
            ("step", "1".to_owned()),
            ("to", "2".to_owned()),
            ("fields[subject.name]", "成都静页科技有限公司".to_owned()),
            ("fields[subject.principal.mobile]", "13755554005".to_owned()),
            ("flags[subject.principal.long_term][]", String::new()),
            ("flags[subject.principal.long_term][]", "true".to_owned()),
        ]
    };
    let post = |client: &Client, form: Vec<(&'static str, String)>| {
        let client = client.clone();
        let page = page.clone();
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            plain_post(&client, "filing/save_step", &page, &form).await
        }
    };

    // Someone else's draft: refused, and nothing changes.
    let refused = post(&other, form(&version)).await;
    assert!(
        location(&refused).contains("__err="),
        "{}",
        location(&refused)
    );

    // The owner's: saved, and on to the step the button named.
    let saved = post(&filer, form(&version)).await;
    assert_eq!(
        location(&saved),
        format!("/filings/{id}?step=2&saved=1"),
        "{}",
        saved.body
    );
    let view = load(&filer, id).await;
    assert_eq!(view["filing"]["subject"]["name"], "成都静页科技有限公司");
    assert_eq!(
        view["filing"]["subject"]["principal"]["mobile"],
        "13755554005"
    );
    assert_eq!(view["filing"]["subject"]["principal"]["long_term"], true);
    // What the form did not post stays as the draft had it.
    assert_eq!(view["filing"]["subject"]["province"], "");

    // The step shows what was saved, as markup a browser without the
    // script fills its inputs from.
    let again = filer.get(&page).await;
    assert!(
        again.body.contains(r#"value="成都静页科技有限公司""#),
        "{}",
        again.body
    );
    // An empty text area holds nothing, not even the markers a page
    // leaves between views (a text area would show them as its text).
    let remark = again
        .body
        .split(r#"name="fields[subject.remark]""#)
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</textarea>"))
        .map(|(inside, _)| inside.to_owned());
    assert_eq!(remark.as_deref(), Some(""), "{}", again.body);

    // A stale version comes back with the error and changes nothing.
    let mut stale = form(&version);
    stale[4].1 = "成都旧版本有限公司".to_owned();
    let conflict = post(&filer, stale).await;
    assert!(
        location(&conflict).contains("__err="),
        "{}",
        location(&conflict)
    );
    assert_eq!(
        load(&filer, id).await["filing"]["subject"]["name"],
        "成都静页科技有限公司"
    );

    // A name that is no field of the filing is refused whole.
    let version = load(&filer, id).await["version"]
        .as_i64()
        .unwrap()
        .to_string();
    let mut forged = form(&version);
    forged.push(("fields[sites.7.name]", "不存在".to_owned()));
    let forged = post(&filer, forged).await;
    assert!(
        location(&forged).contains("__err="),
        "{}",
        location(&forged)
    );
    assert_eq!(
        load(&filer, id).await["version"]
            .as_i64()
            .unwrap()
            .to_string(),
        version
    );
}

#[tokio::test]
async fn a_change_starts_from_a_plain_form_and_opens_the_wizard() {
    // `_app` keeps the server and its database up until the end.
    let World {
        app: _app,
        filer,
        record,
        ..
    } = world().await;
    let page = format!("/change?pick={}", record.subject);
    let chooser = filer.get(&page).await;
    assert!(
        chooser.body.contains(r#"action="/api/change/start""#)
            && chooser.body.contains(r#"name="kind""#),
        "{}",
        chooser.body
    );
    let started = plain_post(
        &filer,
        "change/start",
        &page,
        &[
            ("subject_number", record.subject.as_str()),
            ("kind", "Subject"),
        ],
    )
    .await;
    let to = location(&started);
    let id: i64 = to
        .strip_prefix("/filings/")
        .and_then(|rest| rest.strip_suffix("?step=1"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{to}"));
    assert_eq!(load(&filer, id).await["change"][0], "Subject");
}

#[tokio::test]
async fn a_cancellation_is_applied_by_plain_form_once_confirmed() {
    // `_app` keeps the server and its database up until the end.
    let World {
        app: _app,
        filer,
        record,
        ..
    } = world().await;
    let page = format!("/cancel?pick={}", record.subject);
    let form_page = filer.get(&page).await;
    assert!(
        form_page.body.contains(r#"action="/api/cancel/apply""#)
            && form_page.body.contains(r#"name="request[subject]""#),
        "{}",
        form_page.body
    );
    let mut form = vec![
        ("subject_number", record.subject.as_str()),
        ("request[subject]", "true"),
        ("request[reason]", "NO_SERVICE"),
        ("request[explanation]", "网站停止运营"),
        ("password", record.password.as_str()),
    ];
    let unconfirmed = plain_post(&filer, "cancel/apply", &page, &form).await;
    assert!(
        location(&unconfirmed).contains("__err="),
        "{}",
        location(&unconfirmed)
    );
    assert!(shown(&filer, &unconfirmed)
        .await
        .body
        .contains("请勾选确认后再提交"));

    form.push(("confirmed", "true"));
    let applied = plain_post(&filer, "cancel/apply", &page, &form).await;
    let to = location(&applied);
    let id: i64 = to
        .strip_prefix("/review/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{to}"));
    let view = detail(&filer, id).await;
    assert_eq!(view["kind"], "Cancel", "{view}");
}

#[tokio::test]
async fn staff_revoke_from_the_list_and_the_filer_copies_by_plain_forms() {
    // The ministry waits a minute, leaving time to revoke.
    let app =
        TestApp::start_with(|config| config.upstream_delay = std::time::Duration::from_secs(60))
            .await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    // 核验: 未提交至部系统.
    let version = detail(&staff, id).await["version"].as_i64().unwrap();
    let version = verification(&staff, id, version).await;
    let verified = decide(&staff, id, version, "Verify", json!([])).await;
    assert_eq!(
        verified.json(),
        "NotSubmittedToMinistry",
        "{}",
        verified.body
    );
    let view = detail(&staff, id).await;
    let list = staff.get("/work/revoke").await;
    assert!(
        list.body.contains(r#"action="/api/review/decide_form""#)
            && list.body.contains(r#"value="REVOKE""#),
        "{}",
        list.body
    );
    let version = view["version"].as_i64().unwrap().to_string();
    let revoked = plain_post(
        &staff,
        "review/decide_form",
        "/work/revoke",
        &[
            ("id", &id.to_string()),
            ("version", &version),
            ("action", "REVOKE"),
            ("confirmed", "true"),
        ],
    )
    .await;
    let back = location(&revoked);
    assert!(
        back.contains("/work/revoke") && !back.contains("__err="),
        "{back}"
    );
    assert_eq!(detail(&filer, id).await["state"], "Revoked");

    let page = format!("/review/{id}");
    assert!(filer
        .get(&page)
        .await
        .body
        .contains(r#"action="/api/filing/copy""#));
    let copied = plain_post(&filer, "filing/copy", &page, &[("id", &id.to_string())]).await;
    let to = location(&copied);
    let draft: i64 = to
        .strip_prefix("/filings/")
        .and_then(|rest| rest.strip_suffix("?step=1"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{to}"));
    assert_eq!(load(&filer, draft).await["state"], "Draft");
}

#[tokio::test]
async fn staff_send_back_by_a_message_with_a_plain_form_once_confirmed() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let posted = filer
        .call(
            "messages/post",
            &[
                ("application_id", &id.to_string()),
                ("body", "网站名称写错了，请退回让我修改"),
            ],
        )
        .await;
    assert_eq!(posted.status, 200, "{}", posted.body);
    let page = format!("/review/{id}");
    assert!(staff
        .get(&page)
        .await
        .body
        .contains(r#"action="/api/messages/send_back""#));
    let thread = staff
        .call_json("messages/thread", &json!({ "application_id": id }))
        .await
        .json();
    let message = thread["messages"][0]["id"].as_i64().unwrap().to_string();
    let version = thread["version"].as_i64().unwrap().to_string();
    let mut form = vec![
        ("message_id", message.as_str()),
        ("version", version.as_str()),
    ];
    let unconfirmed = plain_post(&staff, "messages/send_back", &page, &form).await;
    assert!(
        location(&unconfirmed).contains("__err="),
        "{}",
        location(&unconfirmed)
    );
    assert_eq!(detail(&staff, id).await["state"], "PendingIspVerify");

    form.push(("confirmed", "true"));
    let sent = plain_post(&staff, "messages/send_back", &page, &form).await;
    assert!(!location(&sent).contains("__err="), "{}", location(&sent));
    assert_eq!(detail(&filer, id).await["state"], "ReturnedToSponsor");
}

#[tokio::test]
async fn the_admin_disables_an_account_by_plain_form_once_confirmed() {
    let app = TestApp::start().await;
    let admin = signed_in(&app, "admin_n", "system_admin").await;
    let filer = signed_in(&app, "filer_n", "filer").await;
    let page = "/admin/accounts";
    assert!(admin
        .get(page)
        .await
        .body
        .contains(r#"action="/api/admin/account_status""#));
    let filer_id = crate::fixtures::accounts::account_id(&app, "filer_n")
        .await
        .to_string();
    let mut form = vec![("account_id", filer_id.as_str()), ("active", "false")];
    let unconfirmed = plain_post(&admin, "admin/account_status", page, &form).await;
    assert!(
        location(&unconfirmed).contains("__err="),
        "{}",
        location(&unconfirmed)
    );
    assert_eq!(filer.call("me", &[]).await.json()["username"], "filer_n");

    form.push(("confirmed", "true"));
    let disabled = plain_post(&admin, "admin/account_status", page, &form).await;
    assert!(
        !location(&disabled).contains("__err="),
        "{}",
        location(&disabled)
    );
    assert!(filer.call("me", &[]).await.json().is_null());
}
