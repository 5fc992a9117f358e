//! Cross-site requests, security headers and the body limit.

use leptos::server_fn::axum::server_fn_paths;

use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn every_server_function_refuses_a_cross_site_post() {
    let app = TestApp::start().await;
    // Signed in: every request carries a real session cookie, as a
    // browser's would to a forged form on another site.
    let client = crate::fixtures::accounts::signed_in(&app, "filer_cs", "filer").await;
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
    // Not even the cross-site logout took: the session still signs in.
    let me = client.call("me", &[]).await;
    assert!(me.body.contains("filer_cs"), "{}", me.body);
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
    let huge = "x".repeat(beian::server::http::input_guard::BODY_LIMIT_BYTES + 1024);
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
    let filer = crate::fixtures::accounts::signed_in(&app, "filer_a", "filer").await;
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
    use beian::server::http::audit::REQUEST_ID_HEADER;

    let app = TestApp::start().await;
    let filer = crate::fixtures::accounts::signed_in(&app, "filer_a", "filer").await;
    let other = crate::fixtures::accounts::signed_in(&app, "filer_b", "filer").await;
    let (id, docs) = crate::fixtures::filing::draft_with_scans(&filer, None).await;
    let filing = crate::fixtures::filing::company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    let version = crate::fixtures::filing::saved_version(&filer, id, 1, &filing).await;

    let refused = crate::fixtures::filing::submit(&other, id, version).await;
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

    let submitted = crate::fixtures::filing::submit(&filer, id, version).await;
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

/// The resident set size of this process (the servers under test run in
/// it), in KB.
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// Suite 6: requests of 10 MB, announced or streamed in chunks, are cut
/// off with 413 and leave the server's memory where it was.
#[tokio::test]
async fn ten_megabyte_requests_are_cut_off_without_memory_growth() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = TestApp::start().await;
    let client = app.client();
    let ten_mb = vec![b'x'; 10 * 1024 * 1024];
    let announced = || {
        client
            .http
            .post(format!("{}/api/register", client.base))
            .header("sec-fetch-site", "same-origin")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(ten_mb.clone())
            .send()
    };
    assert_eq!(announced().await.unwrap().status().as_u16(), 413);
    let address = client.base.trim_start_matches("http://").to_owned();
    let streamed = || async {
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        let head = format!(
            "POST /api/register HTTP/1.1\r\nHost: {address}\r\nSec-Fetch-Site: same-origin\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let chunk = vec![b'x'; 1024 * 1024];
        for _ in 0..10 {
            // The server may hang up once it has seen enough.
            if stream
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .await
                .is_err()
                || stream.write_all(&chunk).await.is_err()
                || stream.write_all(b"\r\n").await.is_err()
            {
                break;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n").await;
        let mut answer = vec![0; 64];
        let read = stream.read(&mut answer).await.unwrap_or(0);
        String::from_utf8_lossy(&answer[..read]).into_owned()
    };
    let answer = streamed().await;
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "a streamed body is cut off too: {answer}"
    );

    let before = rss_kb();
    for _ in 0..20 {
        assert_eq!(announced().await.unwrap().status().as_u16(), 413);
        assert!(streamed().await.starts_with("HTTP/1.1 413"));
    }
    let grown = rss_kb().saturating_sub(before);
    assert!(
        grown < 32 * 1024,
        "20 rounds of 10 MB requests grew RSS by {grown} KB"
    );
}

/// Suite 6: over-long values and control characters are refused at their
/// own fields, at registration and when a filing is submitted.
#[tokio::test]
async fn over_long_values_and_control_characters_are_refused_at_their_fields() {
    let app = TestApp::start().await;
    let visitor = app.client();
    let long = "长".repeat(5000);
    let base = [
        ("username", "zhang_san"),
        ("password", "Secret2026"),
        ("password_confirm", "Secret2026"),
        ("real_name", "张三"),
        ("mobile", "13800138000"),
        ("email", "zhangsan@example.com"),
        ("kind", "person"),
    ];
    for (field, value) in [
        ("username", "zhang\u{0}san"),
        ("real_name", long.as_str()),
        ("real_name", "张\u{202e}三"),
        ("real_name", "张\u{7}三"),
        ("email", "zhang\u{0}@example.com"),
        ("mobile", "138\u{0}0138000"),
    ] {
        let form: Vec<(&str, &str)> = base
            .iter()
            .map(|(k, v)| (*k, if *k == field { value } else { *v }))
            .collect();
        let reply = visitor.register(&app, &form).await;
        assert_eq!(reply.status, 422, "{field} {value:?}: {}", reply.body);
        let fields = fields_of(&reply);
        assert!(
            fields.contains(&field.to_owned()),
            "{field} {value:?}: {fields:?}"
        );
    }

    // In a filing, a control character or an over-long value is refused
    // as soon as the draft is saved, every such field named; the draft
    // keeps its last good version.
    let filer = crate::fixtures::accounts::signed_in(&app, "filer_a", "filer").await;
    let (id, docs) = crate::fixtures::filing::draft_with_scans(&filer, None).await;
    let good = crate::fixtures::filing::company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    let version = crate::fixtures::filing::saved_version(&filer, id, 1, &good).await;
    let mut filing = good.clone();
    filing["subject"]["name"] = json!("成都蓝海\u{0}科技有限公司");
    filing["subject"]["cert_address"] = json!(long);
    filing["subject"]["principal"]["email"] = json!("chen\u{7}@example.com");
    let refused = crate::fixtures::filing::save(&filer, id, version, &filing).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        fields_of(&refused),
        [
            "subject.cert_address",
            "subject.name",
            "subject.principal.email"
        ]
    );
    let kept = crate::fixtures::filing::load(&filer, id).await;
    assert_eq!(kept["version"], version);
    assert_eq!(kept["filing"]["subject"]["name"], good["subject"]["name"]);

    // Invisible formatting characters are saved with the draft and refused
    // at their field on submit.
    let mut filing = good;
    filing["sites"][0]["name"] = json!("蓝海\u{202e}科技");
    let version = crate::fixtures::filing::saved_version(&filer, id, version, &filing).await;
    let refused = crate::fixtures::filing::submit(&filer, id, version).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(fields_of(&refused).contains(&"sites[0].name".to_owned()));
}

fn fields_of(reply: &crate::harness::Reply) -> Vec<String> {
    reply.json()["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

/// A static file is answered as it is, whatever the pages served beside it
/// do. leptos_axum's file handler gives each file response a reactive
/// owner that inherits the one a page render left on the worker thread,
/// so a concurrent page's redirect (302 to /login) and cookies reached
/// `beian.wasm`, and that page never hydrated (seen in CI's Playwright run).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_never_take_a_concurrent_pages_redirect() {
    let app = TestApp::start().await;
    let site_root = std::path::Path::new(&*app.state.leptos_options.site_root);
    std::fs::create_dir_all(site_root).unwrap();
    let probe = "static-file-probe.txt";
    std::fs::write(site_root.join(probe), "probe").unwrap();
    let visitor = app.client();
    for _ in 0..40 {
        let mut loads = Vec::new();
        for i in 0..16 {
            let client = visitor.clone();
            let path = if i % 2 == 0 {
                "/admin".to_owned()
            } else {
                format!("/{probe}")
            };
            loads.push(tokio::spawn(async move { (client.get(&path).await, path) }));
        }
        for load in loads {
            let (reply, path) = load.await.unwrap();
            if path == "/admin" {
                assert_eq!(reply.status, 302, "a visitor is sent to log in");
                continue;
            }
            assert_eq!(reply.status, 200, "{path}: {:?}", reply.headers);
            assert_eq!(reply.body, "probe");
            assert!(
                reply.headers.get("location").is_none(),
                "{:?}",
                reply.headers
            );
            assert!(
                reply.headers.get("set-cookie").is_none(),
                "{:?}",
                reply.headers
            );
        }
    }
}

/// A release site is precompressed (`cargo leptos build --release
/// --precompress`, as `make run` and the bench build it): a browser that
/// accepts brotli or gzip is sent the file beside the asset, under the
/// asset's own type, so the first load travels compressed. Before, every
/// browser downloaded the 1.3 MB first-load WASM raw.
#[tokio::test]
async fn precompressed_assets_are_sent_to_browsers_that_accept_them() {
    let app = TestApp::start().await;
    let pkg = std::path::Path::new(&*app.state.leptos_options.site_root).join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let name = "precompressed-probe.wasm";
    let files = [
        (name.to_owned(), "raw bytes"),
        (format!("{name}.br"), "brotli bytes"),
        (format!("{name}.gz"), "gzip bytes"),
    ];
    for (file, body) in &files {
        std::fs::write(pkg.join(file), body).unwrap();
    }
    let visitor = app.client();
    for (accepts, encoding, body) in [
        ("br", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "raw bytes"),
    ] {
        let response = visitor
            .http
            .get(format!("{}/pkg/{name}", visitor.base))
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{accepts}");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().unwrap().to_owned())
        };
        assert_eq!(header("content-encoding").as_deref(), encoding, "{accepts}");
        assert_eq!(
            header("content-type").as_deref(),
            Some("application/wasm"),
            "{accepts}"
        );
        assert_eq!(header("vary").as_deref(), Some("accept-encoding"));
        assert_eq!(response.text().await.unwrap(), body, "{accepts}");
    }
    for (file, _) in &files {
        std::fs::remove_file(pkg.join(file)).unwrap();
    }
}
