//! The language of every page: the browser's `Accept-Language` until the
//! user chooses, then the choice (a cookie, and the account when signed
//! in), which comes back when the account signs in elsewhere. The toggle
//! is a plain form, so all of this works without JavaScript.

use sea_orm::EntityTrait;

use beian::domain::lang::Lang;
use beian::server::entity::account;

use crate::fixtures::accounts::{account_id, signed_in, PASSWORD};
use crate::harness::{Client, TestApp};

/// The page at `path` as the client gets it, with its `<html lang>`.
async fn page(client: &Client, path: &str) -> (String, String) {
    let reply = client.get(path).await;
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    let lang = reply
        .body
        .split("<html lang=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned();
    (lang, reply.body)
}

async fn saved_language(app: &TestApp, username: &str) -> Option<Lang> {
    account::Entity::find_by_id(account_id(app, username).await as i32)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .language
}

#[tokio::test]
async fn chinese_is_the_default_and_the_browser_s_language_comes_next() {
    let app = TestApp::start().await;
    let (lang, body) = page(&app.client(), "/login").await;
    assert_eq!(lang, "zh-CN");
    assert!(body.contains("用户登录"));

    let english = app.client();
    let reply = english
        .http
        .get(format!("{}/login", english.base))
        .header("accept-language", "en-GB,en;q=0.9,zh-CN;q=0.5")
        .send()
        .await
        .unwrap();
    let body = reply.text().await.unwrap();
    assert!(body.contains("<html lang=\"en\""), "{body}");
    assert!(body.contains(">Log in<"));
    assert!(!body.contains("用户登录"));
}

#[tokio::test]
async fn the_toggle_sets_the_language_and_returns_to_the_same_address() {
    let app = TestApp::start().await;
    let client = app.client();
    let reply = client
        .choose_language("en", "/query?by=domain&q=example.com")
        .await;
    assert_eq!(reply.status, 303);
    assert_eq!(reply.headers["location"], "/query?by=domain&q=example.com");
    let cookie = reply.headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let (lang, body) = page(&client, "/query?by=domain&q=example.com").await;
    assert_eq!(lang, "en");
    assert!(body.contains("Public filing lookup"));
    // The page's own toggle comes back to this address, query and all.
    assert!(
        body.contains(r#"name="back" value="/query?by=domain&amp;q=example.com""#),
        "{body}"
    );

    // Only this site's paths are followed back; an unknown language
    // changes nothing.
    let elsewhere = client
        .choose_language("zh-CN", "https://evil.example/")
        .await;
    assert_eq!(elsewhere.headers["location"], "/");
    let unknown = client.choose_language("fr", "/login").await;
    assert_eq!(unknown.status, 303);
    assert!(unknown.headers.get("set-cookie").is_none());
    assert_eq!(page(&client, "/login").await.0, "zh-CN");
}

#[tokio::test]
async fn a_signed_in_choice_follows_the_account_to_another_browser() {
    let app = TestApp::start().await;
    let here = signed_in(&app, "lang_filer", "filer").await;
    assert_eq!(saved_language(&app, "lang_filer").await, None);
    assert_eq!(here.choose_language("en", "/filer").await.status, 303);
    assert_eq!(saved_language(&app, "lang_filer").await, Some(Lang::En));
    let (lang, body) = page(&here, "/filer").await;
    assert_eq!(lang, "en");
    assert!(body.contains("Welcome, "), "{body}");

    // Another browser, with no choice of its own, gets the account's.
    let elsewhere = app.client();
    let login = elsewhere.login(&app, "lang_filer", PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.body);
    let cookie = login
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("lang="))
        .expect("the account's language comes back as a cookie");
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    assert_eq!(page(&elsewhere, "/filer").await.0, "en");

    // A browser that chose before signing in keeps its choice, and the
    // account takes it: the latest choice wins.
    let third = app.client();
    assert_eq!(third.choose_language("zh-CN", "/login").await.status, 303);
    assert_eq!(third.login(&app, "lang_filer", PASSWORD).await.status, 200);
    assert_eq!(saved_language(&app, "lang_filer").await, Some(Lang::Zh));
    assert_eq!(page(&third, "/filer").await.0, "zh-CN");
}

#[tokio::test]
async fn the_public_lookup_s_cache_keeps_the_languages_apart() {
    let app = TestApp::start().await;
    let get = |lang: &'static str| {
        let client = app.client();
        async move {
            client
                .http
                .get(format!("{}/query?by=domain&q=example.com", client.base))
                .header("accept-language", lang)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    for _ in 0..2 {
        assert!(get("en").await.contains("<html lang=\"en\""));
        assert!(get("zh-CN").await.contains("<html lang=\"zh-CN\""));
    }
}

#[tokio::test]
async fn notifications_speak_the_reader_s_language() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "lang_filer", "filer").await;
    let staff = signed_in(&app, "lang_staff", "provider_staff").await;
    let id = crate::fixtures::filing::self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    crate::fixtures::filing::verified(&staff, id).await;
    let inbox = |client: &Client| {
        let client = client.clone();
        async move {
            client
                .call_json("notifications/inbox", &serde_json::json!({}))
                .await
                .json()
        }
    };
    let chinese = inbox(&filer).await;
    let first = chinese["latest"][0]["text"].as_str().unwrap().to_owned();
    assert!(first.starts_with(&format!("备案申请 #{id}（")), "{first}");
    assert_eq!(
        filer.choose_language("en", "/notifications").await.status,
        303
    );
    let english = inbox(&filer).await;
    let first = english["latest"][0]["text"].as_str().unwrap().to_owned();
    assert!(
        first.starts_with(&format!("Application #{id} (")) && first.contains(") is now: "),
        "{first}"
    );
}
