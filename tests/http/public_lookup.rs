//! 公共查询 over HTTP: no login, the public projection only, a cancelled
//! site gone at once, and the per-client rate limit's clean 429.

use serde_json::{json, Value};

use crate::fixtures::world::{apply, passed, request, world, World};
use crate::harness::{Client, Reply, TestApp};

async fn lookup(client: &Client, by: &str, q: &str) -> Reply {
    client
        .call_json("public/lookup", &json!({ "by": by, "q": q }))
        .await
}

/// 注销 of one site, applied for by the filer and approved.
async fn cancel_site(
    filer: &Client,
    (staff, bureau): (&Client, &Client),
    subject: &str,
    site: &str,
) {
    let reply = apply(filer, subject, request(false, &[site], &[]), "").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    passed(staff, bureau, reply.json().as_i64().unwrap()).await;
}

fn rows(reply: &Reply) -> Vec<Value> {
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json().as_array().unwrap().clone()
}

#[tokio::test]
async fn anyone_finds_live_sites_and_sees_only_the_public_fields() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let anonymous = app.client();
    let (site_1, site_2) = (
        format!("{}-1", record.subject),
        format!("{}-2", record.subject),
    );

    let by_domain = lookup(&anonymous, "Domain", " WWW.LanHai.com ").await;
    let found = rows(&by_domain);
    assert_eq!(found.len(), 1);
    let row = &found[0];
    assert_eq!(row["site_number"], site_1.as_str());
    assert_eq!(row["subject_number"], record.subject.as_str());
    assert_eq!(row["unit_name"], "成都蓝海科技有限公司");
    assert_eq!(row["nature"], "企业");
    assert_eq!(row["leader_name"], "", "a unit's filing names no person");
    assert_eq!(row["limit_access"], false);
    // Exactly the docs/domain.md §2.17 fields: no certificate, phone or e-mail.
    let mut keys: Vec<&str> = row
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "app_ids",
            "approved_on",
            "domains",
            "home_url",
            "kind",
            "leader_name",
            "limit_access",
            "nature",
            "pre_approvals",
            "psb_number",
            "site_name",
            "site_number",
            "subject_number",
            "unit_name"
        ]
    );
    for private in [
        "44152319930906632X",
        "91350100M000100Y43",
        "13800138000",
        "chen@example.com",
    ] {
        assert!(!by_domain.body.contains(private), "{private} leaked");
    }

    assert_eq!(
        rows(&lookup(&anonymous, "Number", &record.subject).await).len(),
        2
    );
    let one = rows(&lookup(&anonymous, "Number", &site_2).await);
    assert_eq!(one[0]["domains"], json!(["lanhai-cloud.cn"]));
    assert_eq!(rows(&lookup(&anonymous, "Name", "蓝海科技").await).len(), 2);
    assert!(rows(&lookup(&anonymous, "Name", "不存在的单位").await).is_empty());
    assert_eq!(
        lookup(&anonymous, "Number", "川ICP备2026000001号")
            .await
            .rules(),
        ["ICP_PREFIX"]
    );
    assert_eq!(
        lookup(&anonymous, "Name", "蓝").await.rules(),
        ["LOOKUP_NAME"]
    );

    // The page renders the same answer for a visitor, from the URL alone.
    let page = anonymous.get("/query?by=domain&q=lanhai.com").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&site_1), "{}", page.body);

    // 注销 of site 2 approved: the public no longer finds it.
    cancel_site(&filer, (&staff, &bureau), &record.subject, &site_2).await;
    assert!(rows(&lookup(&anonymous, "Domain", "lanhai-cloud.cn").await).is_empty());
    assert!(rows(&lookup(&anonymous, "Number", &site_2).await).is_empty());
    let left = rows(&lookup(&anonymous, "Number", &record.subject).await);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["site_number"], site_1.as_str());
}

#[tokio::test]
async fn too_many_lookups_from_one_client_get_a_clean_429() {
    let app = TestApp::start_with(|config| config.public_lookups_per_minute = 3).await;
    let client = app.client();
    assert!(rows(&lookup(&client, "Domain", "example.com").await).is_empty());
    assert!(rows(&lookup(&client, "Domain", "example.com").await).is_empty());
    assert_eq!(client.get("/query").await.status, 200);

    let refused = lookup(&client, "Domain", "example.com").await;
    assert_eq!(refused.status, 429);
    assert!(refused.headers.contains_key("retry-after"));
    let wait = refused.json()["RateLimited"]["retry_after_secs"].as_u64();
    assert!(
        wait.is_some_and(|s| (1..=60).contains(&s)),
        "{}",
        refused.body
    );

    let page = client.get("/query?by=domain&q=example.com").await;
    assert_eq!(page.status, 429);
    assert!(page.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(page.body.contains("查询过于频繁"), "{}", page.body);

    // Nothing else is limited.
    assert_eq!(client.get("/login").await.status, 200);
}

/// The page with its nonce blanked, to compare two responses.
fn without_nonce(reply: &Reply) -> String {
    let csp = reply.headers["content-security-policy"].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    reply.body.replace(nonce, "NONCE")
}

#[tokio::test]
async fn the_public_page_is_served_from_the_cache_until_a_record_changes() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let site_2 = format!("{}-2", record.subject);
    let url = format!("/query?by=number&q={}", record.subject);
    let anonymous = app.client();
    let first = anonymous.get(&url).await;
    assert_eq!(first.status, 200);
    assert!(first.body.contains(&site_2));
    assert!(!first.headers.contains_key("age"), "the first is rendered");
    let again = anonymous.get(&url).await;
    assert!(again.headers.contains_key("age"), "the second is cached");
    assert_eq!(anonymous.session_id(), None, "a visitor gets no session");

    // A cached page is the fresh page, with its own nonce in the body and
    // the CSP. A visitor with a cookie always gets a fresh render.
    let signed = app.client();
    signed.set_session_id("not-a-session");
    let fresh = signed.get(&url).await;
    assert!(!fresh.headers.contains_key("age"));
    assert_eq!(without_nonce(&again), without_nonce(&fresh));
    assert!(crate::security::page_nonce_matches(&again));
    assert_ne!(without_nonce(&again), again.body, "the nonce was replaced");
    let other_nonce = anonymous.get(&url).await;
    assert_ne!(other_nonce.body, again.body, "a fresh nonce per response");

    // 注销 of site 2 approved: the next visitor no longer sees it.
    cancel_site(&filer, (&staff, &bureau), &record.subject, &site_2).await;
    let after = anonymous.get(&url).await;
    assert!(!after.headers.contains_key("age"));
    assert!(!after.body.contains(&site_2), "{}", after.body);
}
