//! Cross-site requests, security headers and the body limit.

use leptos::server_fn::axum::server_fn_paths;

use crate::harness::TestApp;

#[tokio::test]
async fn every_server_function_refuses_a_cross_site_post() {
    let app = TestApp::start().await;
    let client = app.client();
    // No server function is reachable by GET, so none can be triggered by
    // a link or an image: every one is a POST, which the guard checks.
    for (path, method) in server_fn_paths() {
        assert_eq!(method.as_str(), "POST", "{path} is a POST");
    }
    let paths: Vec<_> = server_fn_paths().map(|(path, _)| path.to_owned()).collect();
    for endpoint in [
        "/api/login",
        "/api/logout",
        "/api/register",
        "/api/me",
        "/api/admin/create_account",
        "/api/admin/accounts",
    ] {
        assert!(
            paths.iter().any(|p| p == endpoint),
            "{endpoint} is registered"
        );
    }
    let cross_site_headers = [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("origin", "http://evil.example"),
    ];
    for path in &paths {
        let url = format!("{}{path}", client.base);
        for (name, value) in cross_site_headers {
            let reply = client
                .http
                .post(&url)
                .header(name, value)
                .send()
                .await
                .unwrap();
            assert_eq!(reply.status().as_u16(), 403, "{path} ({name}: {value})");
        }
    }
    // The same request from our own origin is served.
    let own = client
        .http
        .post(format!("{}/api/me", client.base))
        .header("origin", client.base.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(own.status().as_u16(), 200);
}

#[tokio::test]
async fn pages_and_api_answers_carry_the_security_headers() {
    let app = TestApp::start().await;
    let client = app.client();
    let page = client.get("/login").await;
    assert_eq!(page.status, 200);
    let csp = page.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the page CSP carries a nonce");
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the nonce"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    let second = client.get("/login").await;
    assert!(
        !second.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains(nonce),
        "a fresh nonce per response"
    );

    for reply in [
        page,
        client.call("me", &[]).await,
        client.get("/captcha").await,
    ] {
        assert_eq!(reply.headers["x-content-type-options"], "nosniff");
        assert_eq!(reply.headers["x-frame-options"], "DENY");
        assert_eq!(reply.headers["referrer-policy"], "same-origin");
        assert!(reply.headers.contains_key("content-security-policy"));
    }
    let captcha = client.get("/captcha").await;
    assert_eq!(captcha.headers["cache-control"], "no-store");
    let cookie = captcha
        .headers
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_owned());
    let cookie = cookie.unwrap_or_default();
    assert!(
        cookie.is_empty() || (cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax")),
        "{cookie}"
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site_lax() {
    let app = TestApp::start().await;
    let client = app.client();
    let captcha = client.get("/captcha").await;
    let cookie = captcha.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("beian_sid="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::start().await;
    let client = app.client();
    let huge = "x".repeat(300 * 1024);
    let reply = client
        .http
        .post(format!("{}/api/register", client.base))
        .header("sec-fetch-site", "same-origin")
        .form(&[("username", huge.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status().as_u16(), 413);
}

/// Whether the page's scripts carry the nonce its CSP allows (and carry
/// no other).
pub(crate) fn page_nonce_matches(reply: &crate::harness::Reply) -> bool {
    let Some(csp) = reply
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some(nonce) = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
    else {
        return false;
    };
    let carried: Vec<&str> = reply
        .body
        .split("nonce=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    !carried.is_empty() && carried.iter().all(|n| *n == nonce)
}

// A multi-threaded runtime, as the server has in production. With another
// test running beside it, a load sometimes stalled past the client's 30 s
// timeout (no server log, no error; cause not found yet), so `make` runs
// the HTTP tests one at a time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_and_abandoned_page_loads_never_lose_their_csp() {
    let app = TestApp::start().await;
    let filer = crate::wizard::signed_in(&app, "filer_a", "filer").await;
    for _ in 0..5 {
        let mut loads = Vec::new();
        let mut abandoned = Vec::new();
        for i in 0..16 {
            let client = filer.clone();
            let path = ["/filings", "/work/progress", "/notifications", "/filer"][i % 4];
            let task = tokio::spawn(async move { client.get(path).await });
            if i % 2 == 0 {
                abandoned.push(task);
            } else {
                loads.push(task);
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        for task in abandoned {
            task.abort();
        }
        for task in loads {
            let reply = task.await.unwrap();
            assert_eq!(reply.status, 200);
            assert!(
                page_nonce_matches(&reply),
                "a page's CSP allows its own scripts: {:?}",
                reply.headers.get("content-security-policy")
            );
        }
    }
}

/// Suite 8's events: a transition and a refusal each leave one audit event
/// carrying the request id the caller got back, the actor and the object.
#[tokio::test]
async fn every_transition_and_refusal_is_an_audit_event_with_its_request_id() {
    use crate::harness::logs_of_request;
    use beian::server::audit::REQUEST_ID_HEADER;

    let app = TestApp::start().await;
    let filer = crate::wizard::signed_in(&app, "filer_a", "filer").await;
    let other = crate::wizard::signed_in(&app, "filer_b", "filer").await;
    let (id, docs) = crate::wizard::draft_with_scans(&filer, None).await;
    let filing = crate::wizard::company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    let version = crate::wizard::saved_version(&filer, id, 1, &filing).await;

    let refused = crate::wizard::submit(&other, id, version).await;
    assert_eq!(refused.status, 404);
    let request_id = refused.headers[REQUEST_ID_HEADER].to_str().unwrap();
    let lines = logs_of_request(request_id);
    let denial = lines
        .iter()
        .find(|l| l.contains("beian::audit") && l.contains("outcome=\"denied\""))
        .unwrap_or_else(|| panic!("no denial event for {request_id}: {lines:?}"));
    assert!(denial.contains("actor="), "{denial}");
    assert!(denial.contains(&format!("object={id}")), "{denial}");
    assert!(denial.contains("path=/api/filing/submit"), "{denial}");

    let submitted = crate::wizard::submit(&filer, id, version).await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    let request_id = submitted.headers[REQUEST_ID_HEADER].to_str().unwrap();
    let lines = logs_of_request(request_id);
    let transition = lines
        .iter()
        .find(|l| l.contains("outcome=\"transition\""))
        .unwrap_or_else(|| panic!("no transition event for {request_id}: {lines:?}"));
    for field in [
        "action=\"SUBMIT\"".to_owned(),
        format!("object={id}"),
        "from=\"DRAFT\"".to_owned(),
        "to=\"PENDING_ISP_VERIFY\"".to_owned(),
    ] {
        assert!(transition.contains(&field), "{field} in {transition}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("outcome=\"ok\"") && l.contains("status=200")),
        "the call's own outcome: {lines:?}"
    );
}
