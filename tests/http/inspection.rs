//! 核查 over HTTP: the checker fetches live websites' home pages from a
//! local page server (the app connects there and names the site in
//! `Host`), a finding opens a task the filer sees and fixes, an unfixed one
//! is proposed to staff as 取消接入 and ends with the access, and only
//! those the access policy lets read a site see or check it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use beian::server::entity::{inspection, notification};
use beian::server::inspections::{round, HttpFetcher, Settings};

use crate::fixtures::accounts::{move_to_another_provider, reviewer, signed_in};
use crate::fixtures::world::{apply, approved, passed, request, Approved};
use crate::harness::{Client, TestApp};

/// Home pages by host name: status and body. A host not in the map
/// answers 404.
#[derive(Clone, Default)]
struct Pages(Arc<Mutex<HashMap<String, (u16, String)>>>);

impl Pages {
    fn set(&self, host: &str, status: u16, body: &str) {
        self.0
            .lock()
            .unwrap()
            .insert(host.to_owned(), (status, body.to_owned()));
    }
}

/// A local server answering each `Host` with its page.
async fn page_server(pages: Pages) -> SocketAddr {
    async fn home(State(pages): State<Pages>, headers: HeaderMap) -> (StatusCode, String) {
        let host = headers
            .get("host")
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        match pages.0.lock().unwrap().get(&host) {
            Some((status, body)) => (StatusCode::from_u16(*status).unwrap(), body.clone()),
            None => (StatusCode::NOT_FOUND, String::new()),
        }
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/", axum::routing::get(home))
        .with_state(pages);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// A footer as the rules want it.
fn footer(subject_number: &str) -> String {
    format!(
        r#"<html><body><main>蓝海科技</main><footer><a href="https://beian.miit.gov.cn/" target="_blank">{subject_number}-1</a></footer></body></html>"#
    )
}

struct Checked {
    app: TestApp,
    pages: Pages,
    settings: Settings,
    filer: Client,
    staff: Client,
    bureau: Client,
    record: Approved,
}

/// An app whose checker fetches from a local page server, with the
/// world's approved two-site record (lanhai.com and lanhai-cloud.cn). The
/// pages in `initial` are served from before the approval, for a checker
/// that runs by itself.
async fn checked(interval: Option<Duration>, initial: &[(&str, u16, &str)]) -> Checked {
    let pages = Pages::default();
    for (host, status, body) in initial {
        pages.set(host, *status, body);
    }
    let addr = page_server(pages.clone()).await;
    let app = TestApp::start_with(|config| {
        config.inspection.connect_to = Some(addr);
        config.inspection.interval = interval;
    })
    .await;
    let settings = app.state.config.inspection.clone();
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let record = approved(&filer, &staff, &bureau).await;
    Checked {
        app,
        pages,
        settings,
        filer,
        staff,
        bureau,
        record,
    }
}

async fn list(client: &Client) -> Value {
    let reply = client
        .call("inspections/list", &[("number", ""), ("page", "0")])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

/// `(site number, finding, status)` of each row of `client`'s list.
async fn rows(client: &Client) -> Vec<(String, String, String)> {
    list(client).await["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["site_number"].as_str().unwrap().to_owned(),
                row["finding"].as_str().unwrap().to_owned(),
                row["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn check(client: &Client, site_number: &str) -> crate::harness::Reply {
    client
        .call("inspections/check", &[("site_number", site_number)])
        .await
}

async fn notices(app: &TestApp, containing: &str) -> usize {
    notification::Entity::find()
        .filter(notification::Column::Text.contains(containing))
        .all(&app.state.db)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_missing_footer_opens_a_task_the_filer_fixes_and_only_its_readers_see() {
    let Checked {
        app,
        pages,
        filer,
        staff,
        bureau,
        record,
        ..
    } = checked(None, &[]).await;
    let site_1 = format!("{}-1", record.subject);
    pages.set(
        "lanhai.com",
        200,
        "<html><body><p>欢迎光临</p></body></html>",
    );

    // The filer checks: the number is missing, a task opens with a notice.
    let reply = check(&filer, &site_1).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["finding"], "NumberMissing");
    let task = (
        site_1.clone(),
        "NumberMissing".to_owned(),
        "Open".to_owned(),
    );
    assert_eq!(rows(&filer).await, vec![task.clone()]);
    assert_eq!(notices(&app, "核查未通过").await, 1);
    // The number narrows the list: the subject's finds it, another's not.
    for (prefix, found) in [(record.subject.as_str(), 1), ("京ICP备", 0)] {
        let reply = filer
            .call("inspections/list", &[("number", prefix), ("page", "0")])
            .await;
        assert_eq!(reply.json()["total"], found, "{prefix}: {}", reply.body);
    }
    // Staff serving the site and the province's 管局 see it too.
    assert_eq!(rows(&staff).await, vec![task.clone()]);
    assert_eq!(rows(&bureau).await, vec![task.clone()]);
    assert_eq!(list(&staff).await["ends_access"], true);
    assert_eq!(list(&filer).await["ends_access"], false);
    assert_eq!(list(&bureau).await["may_check"], false);

    // Checking again while it is wrong opens nothing new.
    pages.set(
        "lanhai.com",
        200,
        &format!("<footer>{}-1</footer>", record.subject),
    );
    assert_eq!(check(&staff, &site_1).await.json()["finding"], "NotLinked");
    assert_eq!(
        rows(&filer).await,
        [(site_1.clone(), "NotLinked".to_owned(), "Open".to_owned())]
    );
    assert_eq!(notices(&app, "核查未通过").await, 1);

    // Strangers: another filer, another provider's staff, another
    // province's 管局. They see no task and cannot check the site; its
    // number from elsewhere is NotFound, as for any id.
    let other_filer = signed_in(&app, "filer_b", "filer").await;
    let other_staff = signed_in(&app, "staff_y", "provider_staff").await;
    move_to_another_provider(&app, "staff_y").await;
    let other_bureau = reviewer(&app, "bureau_gd", "bureau_reviewer", "440000").await;
    for stranger in [&other_filer, &other_staff, &other_bureau] {
        assert!(rows(stranger).await.is_empty());
    }
    for stranger in [&other_filer, &other_staff] {
        assert_eq!(check(stranger, &site_1).await.status, 404);
    }
    // The 管局 and the admin read; they do not run checks.
    assert_eq!(check(&bureau, &site_1).await.status, 403);
    assert_eq!(check(&other_bureau, &site_1).await.status, 403);
    let admin = signed_in(&app, "admin", "system_admin").await;
    assert_eq!(rows(&admin).await.len(), 1);
    assert_eq!(check(&admin, &site_1).await.status, 403);

    // Fixed: the recheck closes the task and tells the filer.
    pages.set("lanhai.com", 200, &footer(&record.subject));
    let reply = check(&filer, &site_1).await;
    assert_eq!(reply.json()["finding"], Value::Null);
    assert_eq!(
        rows(&filer).await,
        [(site_1.clone(), "NotLinked".to_owned(), "Fixed".to_owned())]
    );
    assert_eq!(notices(&app, "复查通过").await, 1);

    // An unknown number is NotFound, like one of someone else's.
    assert_eq!(check(&filer, "京ICP备99999999号-1").await.status, 404);
}

#[tokio::test]
async fn an_overdue_finding_is_proposed_to_staff_and_ends_with_the_access() {
    let Checked {
        app,
        pages,
        settings,
        filer,
        staff,
        bureau,
        record,
    } = checked(None, &[]).await;
    let site_1 = format!("{}-1", record.subject);
    pages.set("lanhai.com", 502, "Bad Gateway");
    pages.set("lanhai-cloud.cn", 200, &footer(&record.subject));
    let fetcher = HttpFetcher::new(&settings);
    let day = Duration::from_secs(24 * 3600);
    let now = chrono::Utc::now();

    // A round checks both sites: one finding.
    let done = round(&app.state.db, &fetcher, &settings, day, now)
        .await
        .unwrap();
    assert_eq!((done.checked, done.opened), (2, 1));
    assert_eq!(
        rows(&filer).await,
        [(site_1.clone(), "BadStatus".to_owned(), "Open".to_owned())]
    );
    // Within the interval, a second round checks nothing again.
    let done = round(&app.state.db, &fetcher, &settings, day, now)
        .await
        .unwrap();
    assert_eq!(done.checked, 0);

    // Past the deadline the task is overdue, and the filer is told.
    let later = now + chrono::Duration::days(settings.deadline_days + 1);
    let done = round(&app.state.db, &fetcher, &settings, day, later)
        .await
        .unwrap();
    assert_eq!((done.checked, done.overdue), (2, 1));
    assert_eq!(
        rows(&staff).await,
        [(site_1.clone(), "BadStatus".to_owned(), "Overdue".to_owned())]
    );
    assert_eq!(notices(&app, "逾期未整改").await, 1);

    // Staff end their access; once approved the task ends with it.
    let reply = apply(
        &staff,
        &record.subject,
        request(false, &[], &[site_1.as_str()]),
        "",
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    passed(&staff, &bureau, reply.json().as_i64().unwrap()).await;
    let done = round(&app.state.db, &fetcher, &settings, day, later)
        .await
        .unwrap();
    assert_eq!(done.ended, 1);
    let tasks = inspection::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].status.code(), "ended");
    assert!(tasks[0].closed_at.is_some());
    // A site with no access is not checked: staff see it in no list
    // (it is no longer theirs), the filer sees the ended task.
    assert_eq!(
        rows(&filer).await,
        [(site_1.clone(), "BadStatus".to_owned(), "Ended".to_owned())]
    );
    assert_eq!(
        check(&filer, &site_1).await.rules(),
        ["INSPECT_NOT_WEBSITE"]
    );
}

#[tokio::test]
async fn the_background_checker_runs_on_its_interval() {
    // A round a second: the pages are there before the sites are filed.
    let Checked {
        app, filer, record, ..
    } = checked(
        Some(Duration::from_secs(1)),
        &[("lanhai.com", 200, "<p>建设中</p>")],
    )
    .await;
    // Nobody asks: the checker finds both sites on its own (lanhai-cloud.cn
    // has no page at all: 404).
    let mut found = Vec::new();
    for _ in 0..100 {
        found = rows(&filer).await;
        if found.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    found.sort();
    assert_eq!(
        found,
        [
            (
                format!("{}-1", record.subject),
                "NumberMissing".to_owned(),
                "Open".to_owned()
            ),
            (
                format!("{}-2", record.subject),
                "BadStatus".to_owned(),
                "Open".to_owned()
            ),
        ]
    );
    assert_eq!(notices(&app, "核查未通过").await, 2);
}
