//! Apps, mini-programs and quick apps over HTTP: checked by their own
//! rules at their own fields, numbered from the subject's one serial with
//! their letters, found by the public lookup by name or package, changed
//! (变更APP信息), cancelled (注销APP) and added (新增网站) like websites.

use serde_json::{json, Value};

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::filing::{
    company_filing, draft_with_scans, edited, load, saved_version, scan, start_change, submit,
};
use crate::fixtures::world::{apply, passed, request};
use crate::harness::{Client, TestApp};

fn access() -> Value {
    json!([{ "ips": "121.40.1.10", "modes": ["16"], "server_location": ["510000"] }])
}

fn app(icon: &Value) -> Value {
    json!({
        "kind": "App", "name": "蓝海助手", "content": ["134217728"], "languages": ["1"],
        "principal_same_as_subject": true, "accesses": access(),
        "app": {
            "icon": icon,
            "platforms": [
                { "platform": "ANDROID", "package": "com.lanhai.app",
                  "public_key": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv1",
                  "fingerprint": "a1:b2:c3:d4:e5:f6:07:18:29:3a:4b:5c:6d:7e:8f:90" },
                { "platform": "IOS", "package": "com.lanhai.ios",
                  "public_key": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv2",
                  "fingerprint": "0f".repeat(20) }
            ],
            "domains": ["api.lanhai.com"],
            "sdks": [{ "provider": "某推送服务有限公司", "kind": "推送" }]
        }
    })
}

fn mini(kind: &str, name: &str, platform: &str, id: &str) -> Value {
    json!({
        "kind": kind, "name": name, "content": ["128"], "languages": ["1"],
        "principal_same_as_subject": true, "accesses": access(),
        "mini": { "platform": platform, "app_id": id }
    })
}

async fn lookup(client: &Client, q: &str) -> Vec<Value> {
    let reply = client
        .call_json("public/lookup", &json!({ "by": "App", "q": q }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json().as_array().unwrap().clone()
}

fn numbers(rows: &[Value]) -> Vec<&str> {
    rows.iter()
        .map(|r| r["site_number"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn every_kind_is_checked_numbered_found_changed_and_cancelled() {
    let app_ = TestApp::start().await;
    let filer = signed_in(&app_, "filer_a", "filer").await;
    let staff = signed_in(&app_, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app_, "bureau_sc", "bureau_reviewer", "510000").await;
    let anonymous = app_.client();

    // Two websites, an app, a mini-program and a quick app in one filing.
    let (id, docs) = draft_with_scans(&filer, None).await;
    let icon = scan(&filer, id, "APP_ICON").await;
    let mut filing = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    let sites = filing["sites"].as_array_mut().unwrap();
    sites.push(app(&icon));
    sites.push(mini(
        "MiniProgram",
        "蓝海小程序",
        "WECHAT",
        "wx0123456789abcdef",
    ));
    sites.push(mini("QuickApp", "蓝海快应用", "HUAWEI", "com.lanhai.quick"));

    // Each kind's own rules, at its own fields; nothing moves.
    let mut broken = filing.clone();
    broken["sites"][2]["app"]["platforms"][0]["package"] = json!("com.1lanhai");
    broken["sites"][2]["app"]["platforms"][1]["fingerprint"] = json!("a1b2");
    broken["sites"][2]["app"]["domains"] = json!(["api.lanhai.invalid-tld"]);
    broken["sites"][3]["mini"]["app_id"] = json!("wx123");
    broken["sites"][4]["mini"]["platform"] = json!("WECHAT");
    let version = saved_version(&filer, id, 1, &broken).await;
    let refused = submit(&filer, id, version).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let errors = refused.json()["Validation"].as_array().unwrap().clone();
    let mut found: Vec<(String, String)> = errors
        .iter()
        .filter(|e| e["warning"] != true)
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    let expected = [
        ("sites[2].app.domains[0]", "DOMAIN_TLD"),
        ("sites[2].app.platforms[0].package", "APP_PACKAGE_FORMAT"),
        ("sites[2].app.platforms[1].fingerprint", "CERT_SHA1_FORMAT"),
        ("sites[3].mini.app_id", "MINI_WECHAT_APPID"),
        ("sites[4].mini.platform", "MINI_PLATFORM"),
    ];
    assert_eq!(
        found,
        expected.map(|(f, r)| (f.to_owned(), r.to_owned())),
        "{errors:?}"
    );
    assert_eq!(load(&filer, id).await["state"], "Draft");

    // Fixed, filed and approved: one serial, each kind with its letter.
    let version = saved_version(&filer, id, version, &filing).await;
    let sent = submit(&filer, id, version).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let id = passed(&staff, &bureau, id).await;
    let notice = filer
        .call_json("review/approval_notice", &json!({ "id": id }))
        .await
        .json();
    let subject = notice["numbers"]["subject"].as_str().unwrap().to_owned();
    let password = notice["password"].as_str().unwrap().to_owned();
    let issued: Vec<String> = ["1", "2", "3A", "4X", "5K"]
        .iter()
        .map(|suffix| format!("{subject}-{suffix}"))
        .collect();
    assert_eq!(notice["numbers"]["sites"], json!(issued));

    // The public finds a service by part of its name or its whole package;
    // the fingerprint was stored in its canonical form.
    let by_package = lookup(&anonymous, "com.lanhai.ios").await;
    assert_eq!(numbers(&by_package), [issued[2].as_str()]);
    assert_eq!(by_package[0]["kind"], "App");
    assert_eq!(
        by_package[0]["app_ids"],
        json!(["com.lanhai.app", "com.lanhai.ios"])
    );
    assert_eq!(
        numbers(&lookup(&anonymous, "蓝海").await),
        [&issued[2], &issued[3], &issued[4]].map(String::as_str),
        "websites are found by domain, not here"
    );
    assert!(lookup(&anonymous, "com.lanhai").await.is_empty());
    let record = load(&filer, id).await["filing"].clone();
    assert_eq!(
        record["sites"][2]["app"]["platforms"][0]["fingerprint"],
        "A1B2C3D4E5F60718293A4B5C6D7E8F90"
    );
    assert_eq!(record["sites"][0]["app"]["platforms"], json!([]));

    // 变更APP信息: the app's own data changes; its kind does not.
    let reply = start_change(&filer, &subject, "Site").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let change = reply.json().as_i64().unwrap();
    let rekinded = edited(&filer, change, |f| f["sites"][2]["kind"] = json!("Website")).await;
    assert_eq!(rekinded.rules(), ["CHG_LOCKED"]);
    let repackaged = edited(&filer, change, |f| {
        f["sites"][2]["app"]["platforms"][0]["package"] = json!("com.lanhai.assistant")
    })
    .await;
    assert_eq!(repackaged.status, 200, "{}", repackaged.body);
    let version = load(&filer, change).await["version"].as_i64().unwrap();
    let sent = filer
        .call_json(
            "change/submit",
            &json!({ "id": change, "version": version, "password": password }),
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    passed(&staff, &bureau, change).await;
    assert_eq!(
        numbers(&lookup(&anonymous, "com.lanhai.assistant").await),
        [issued[2].as_str()]
    );
    assert!(lookup(&anonymous, "com.lanhai.app").await.is_empty());

    // 注销APP: the app leaves the lookup; the others stay.
    let reply = apply(&filer, &subject, request(false, &[&issued[2]], &[]), "").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    passed(&staff, &bureau, reply.json().as_i64().unwrap()).await;
    assert!(lookup(&anonymous, "蓝海助手").await.is_empty());
    assert_eq!(
        numbers(&lookup(&anonymous, "蓝海").await),
        [&issued[3], &issued[4]].map(String::as_str)
    );

    // 新增网站 adds any kind, on the same serial: never a cancelled number.
    let reply = start_change(&filer, &subject, "AddSite").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let added = reply.json().as_i64().unwrap();
    let saved = edited(&filer, added, |f| {
        f["sites"].as_array_mut().unwrap().push(mini(
            "MiniProgram",
            "蓝海商城小程序",
            "ALIPAY",
            "2021001234567890",
        ))
    })
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let version = load(&filer, added).await["version"].as_i64().unwrap();
    let sent = filer
        .call_json(
            "change/submit",
            &json!({ "id": added, "version": version, "password": password }),
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    passed(&staff, &bureau, added).await;
    assert_eq!(
        numbers(&lookup(&anonymous, "蓝海商城").await),
        [format!("{subject}-6X").as_str()]
    );
}
