//! The measuring half of `bench/run.sh` (which builds, generates the data
//! and starts the server): search latency through HTTP, page throughput
//! beside a bare axum handler serving the same bytes, and the server's
//! memory. Each subcommand prints Markdown table rows.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use beian::server::auth::session_store::SESSION_COOKIE;
use beian::server::entity::{session, site, site_domain, subject};
use clap::{Parser, Subcommand};
use reqwest::cookie::{CookieStore, Jar};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Statement,
};
use serde_json::{json, Value};

#[derive(Parser)]
#[command(about = "beian benchmark client (run through bench/run.sh)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Drops and creates the PostgreSQL database of `url`, or removes the
    /// SQLite file, so a run starts empty; with --drop, only drops it.
    FreshDb {
        url: String,
        #[arg(long)]
        drop: bool,
    },
    /// Prints one live site's domain, for the public lookup.
    SampleDomain { url: String },
    /// Search latency per query kind, signed in as the admin.
    Search {
        #[arg(long)]
        base: String,
        #[arg(long)]
        database_url: String,
        /// Shown in the first column, e.g. "SQLite 1M".
        #[arg(long)]
        label: String,
        /// Timed requests per query kind.
        #[arg(long, default_value_t = 300)]
        requests: usize,
    },
    /// CSV import rows/s (checked and written as drafts) beside the dry
    /// run's (checked only), as the demo staff for the demo company.
    Import {
        #[arg(long)]
        base: String,
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        label: String,
        #[arg(long, default_value_t = 4000)]
        rows: usize,
    },
    /// Serves the bytes of `file` as HTML at every path on `port` until
    /// killed: the bare axum baseline, in a process of its own so that it
    /// shares nothing with the load generator but the machine.
    Bare {
        #[arg(long)]
        port: u16,
        #[arg(long)]
        file: std::path::PathBuf,
    },
    /// Requests/s of signed-in pages, rendered on every request (`/records`
    /// and `/review/<id>` as the admin), against bare axum serving the same
    /// bytes in its own process, with `clients` concurrent clients.
    Pages {
        #[arg(long)]
        base: String,
        #[arg(long)]
        database_url: String,
        #[arg(long, default_value_t = 64)]
        clients: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// Requests/s of `path` against a bare axum handler serving the same
    /// bytes (in its own process), with `clients` concurrent clients, and
    /// the RSS of `pid`.
    Ssr {
        #[arg(long)]
        base: String,
        #[arg(long)]
        path: String,
        #[arg(long)]
        pid: u32,
        #[arg(long, default_value_t = 64)]
        clients: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
}

#[tokio::main]
async fn main() {
    match Cli::parse().command {
        Command::FreshDb { url, drop } => fresh_db(&url, drop).await,
        Command::SampleDomain { url } => {
            let db = Database::connect(&url).await.expect("database connects");
            let domain = sample(&db, "SELECT MAX(domain) AS v FROM site_domain").await;
            println!("{domain}");
        }
        Command::Search {
            base,
            database_url,
            label,
            requests,
        } => search(&base, &database_url, &label, requests).await,
        Command::Import {
            base,
            database_url,
            label,
            rows,
        } => import(&base, &database_url, &label, rows).await,
        Command::Bare { port, file } => bare(port, &file).await,
        Command::Pages {
            base,
            database_url,
            clients,
            seconds,
        } => pages(&base, &database_url, clients, Duration::from_secs(seconds)).await,
        Command::Ssr {
            base,
            path,
            pid,
            clients,
            seconds,
        } => ssr(&base, &path, pid, clients, Duration::from_secs(seconds)).await,
    }
}

async fn fresh_db(url: &str, drop_only: bool) {
    if let Some(file) = url.strip_prefix("sqlite://") {
        let file = file.split('?').next().unwrap_or(file);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{file}{suffix}"));
        }
        return;
    }
    let (server, name) = url.rsplit_once('/').expect("postgres://host/database");
    let admin = Database::connect(format!("{server}/postgres"))
        .await
        .expect("PostgreSQL answers");
    let mut statements = vec![format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")];
    if !drop_only {
        statements.push(format!("CREATE DATABASE {name}"));
    }
    for sql in statements {
        admin
            .execute_raw(Statement::from_string(admin.get_database_backend(), sql))
            .await
            .expect("database is recreated");
    }
}

/// A client signed in as a demo account (the captcha answer is read from
/// the session row, as the integration tests do).
async fn signed_in(
    base: &str,
    db: &DatabaseConnection,
    username: &str,
    password: &str,
) -> reqwest::Client {
    signed_in_with_jar(base, db, username, password).await.0
}

/// `signed_in`, with the client's cookies.
async fn signed_in_with_jar(
    base: &str,
    db: &DatabaseConnection,
    username: &str,
    password: &str,
) -> (reqwest::Client, Arc<Jar>) {
    let jar = Arc::new(Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client builds");
    client
        .get(format!("{base}/captcha"))
        .send()
        .await
        .expect("captcha loads");
    let cookies = jar
        .cookies(&base.parse().expect("base URL"))
        .expect("captcha starts a session");
    let session_id = cookies
        .to_str()
        .unwrap_or_default()
        .split("; ")
        .find_map(|pair| pair.strip_prefix(&format!("{SESSION_COOKIE}=")))
        .expect("session cookie")
        .to_owned();
    let row =
        session::Entity::find_by_id(beian::server::auth::session_store::stored_key(&session_id))
            .one(db)
            .await
            .expect("session table")
            .expect("session row");
    let data: Value = serde_json::from_str(&row.data).expect("session data");
    let answer = data["captcha"]["answer"].as_str().expect("captcha answer");
    let login = client
        .post(format!("{base}/api/login"))
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("username", username),
            ("password", password),
            ("captcha", answer),
        ])
        .send()
        .await
        .expect("login answers");
    assert!(login.status().is_success(), "{username} cannot log in");
    (client, jar)
}

/// One text value from the database, for realistic search terms.
async fn sample(db: &DatabaseConnection, sql: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("sample query")
        .expect("the data set is not empty");
    row.try_get::<String>("", "v")
        .or_else(|_| row.try_get::<i64>("", "v").map(|v| v.to_string()))
        .or_else(|_| row.try_get::<i32>("", "v").map(|v| v.to_string()))
        .expect("sample value")
}

/// Every value a query returns, as text: the search terms of one kind.
async fn samples(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("sample query")
        .iter()
        .map(|row| {
            row.try_get::<String>("", "v")
                .or_else(|_| row.try_get::<i64>("", "v").map(|v| v.to_string()))
                .or_else(|_| row.try_get::<i32>("", "v").map(|v| v.to_string()))
                .expect("sample value")
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

/// Times `requests` calls of one server function, cycling through `bodies`
/// after a warm-up on the first ten; returns (p50, p99) in ms. `check`
/// sees every reply, so a query that finds nothing stops the run.
async fn time_calls(
    client: &reqwest::Client,
    url: &str,
    bodies: &[Value],
    requests: usize,
    check: impl Fn(&Value, &Value),
) -> (f64, f64) {
    let call = |body: &Value| {
        let body = body.clone();
        async move {
            let reply = client
                .post(url)
                .header("sec-fetch-site", "same-origin")
                .json(&body)
                .send()
                .await
                .expect("server answers");
            assert!(
                reply.status().is_success(),
                "{url} {body}: {}",
                reply.status()
            );
            let reply: Value = reply.json().await.expect("a JSON reply");
            (body, reply)
        }
    };
    for body in bodies.iter().take(10) {
        let (body, reply) = call(body).await;
        check(&body, &reply);
    }
    let mut times = Vec::with_capacity(requests);
    for body in bodies.iter().cycle().take(requests) {
        let started = Instant::now();
        let (body, reply) = call(body).await;
        times.push(started.elapsed());
        check(&body, &reply);
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

/// How many values each query kind draws from.
const VALUES_PER_KIND: usize = 100;

/// Up to `VALUES_PER_KIND` live websites spread evenly over the whole
/// table, with their subjects and domains: the sources of the search terms.
async fn spread_sites(db: &DatabaseConnection) -> Vec<(site::Model, subject::Model, String)> {
    // Websites only: apps and mini-programs have no domain to search by.
    let websites = "status = 'live' AND EXISTS \
        (SELECT 1 FROM site_domain WHERE site_domain.site_id = site.id)";
    let count: i64 = sample(
        db,
        &format!("SELECT COUNT(*) AS v FROM site WHERE {websites}"),
    )
    .await
    .parse()
    .expect("a count");
    let step = (count / VALUES_PER_KIND as i64).max(1);
    let ids: Vec<i32> = samples(
        db,
        &format!(
            "SELECT id AS v FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS r \
             FROM site WHERE {websites}) ranked \
             WHERE r % {step} = 0 ORDER BY r LIMIT {VALUES_PER_KIND}"
        ),
    )
    .await
    .iter()
    .map(|id| id.parse().expect("site id"))
    .collect();
    let sites = site::Entity::find()
        .filter(site::Column::Id.is_in(ids.clone()))
        .order_by_asc(site::Column::Id)
        .all(db)
        .await
        .expect("site table");
    let subjects = subject::Entity::find()
        .filter(subject::Column::Id.is_in(sites.iter().map(|s| s.subject_id)))
        .all(db)
        .await
        .expect("subject table");
    let domains = site_domain::Entity::find()
        .filter(site_domain::Column::SiteId.is_in(ids))
        .all(db)
        .await
        .expect("domain table");
    sites
        .into_iter()
        .map(|site| {
            let subject = subjects
                .iter()
                .find(|s| s.id == site.subject_id)
                .expect("a site's subject")
                .clone();
            let domain = domains
                .iter()
                .find(|d| d.site_id == site.id)
                .expect("a site's domain")
                .domain
                .clone();
            (site, subject, domain)
        })
        .collect()
}

/// `VALUES_PER_KIND` values of `column` at evenly spaced rows between 80%
/// and 99% deep in `order`: where deep pages start.
async fn deep(db: &DatabaseConnection, column: &str, order: &str, live: i64) -> Vec<String> {
    let from = live * 8 / 10;
    let step = (live * 2 / 10 / VALUES_PER_KIND as i64).max(1);
    samples(
        db,
        &format!(
            "SELECT {column} AS v FROM (SELECT {column}, ROW_NUMBER() OVER (ORDER BY {order}) AS r \
             FROM site WHERE status = 'live') ranked \
             WHERE r >= {from} AND r % {step} = 0 AND r < {live} ORDER BY r LIMIT {VALUES_PER_KIND}"
        ),
    )
    .await
}

/// The cursor `records/search` gives for newest-first pages that end at `site`.
fn newest_cursor(site: &site::Model) -> String {
    let nanos = site.approved_at.timestamp_nanos_opt().unwrap_or(0);
    format!("{nanos}.{}", site.id)
}

async fn search(base: &str, database_url: &str, label: &str, requests: usize) {
    let db = Database::connect(database_url)
        .await
        .expect("database connects");
    let client = signed_in(base, &db, "admin", "Admin2026").await;
    let live: i64 = sample(&db, "SELECT COUNT(*) AS v FROM site WHERE status = 'live'")
        .await
        .parse()
        .expect("a count");
    let newest_deep: Vec<i32> = deep(&db, "id", "approved_at DESC, id DESC", live)
        .await
        .iter()
        .map(|id| id.parse().expect("site id"))
        .collect();
    let newest_deep: Vec<String> = site::Entity::find()
        .filter(site::Column::Id.is_in(newest_deep))
        .all(&db)
        .await
        .expect("site table")
        .iter()
        .map(newest_cursor)
        .collect();
    let number_deep = deep(&db, "number", "number", live).await;
    let spread = spread_sites(&db).await;
    let each = |query: &dyn Fn(&(site::Model, subject::Model, String)) -> Value| -> Vec<Value> {
        spread.iter().map(query).collect()
    };
    let beijing = chrono::Duration::hours(8);
    let kinds: Vec<(&str, Vec<Value>)> = vec![
        ("newest, page 1", vec![json!({})]),
        (
            "newest, 80–99% deep",
            newest_deep.iter().map(|c| json!({ "after": c })).collect(),
        ),
        ("by number, page 1", vec![json!({ "sort": "number" })]),
        (
            "by number, 80–99% deep",
            number_deep
                .iter()
                .map(|n| json!({ "sort": "number", "after": n }))
                .collect(),
        ),
        (
            "备案号 exact",
            each(&|(site, _, _)| json!({ "number": site.number })),
        ),
        (
            "备案号 prefix",
            each(&|(_, subject, _)| json!({ "number": subject.number })),
        ),
        (
            "domain",
            each(&|(_, _, domain)| json!({ "domain": domain })),
        ),
        (
            "unit name contains",
            each(&|(_, subject, _)| {
                let part: String = subject.name.chars().skip(2).take(4).collect();
                json!({ "name": part })
            }),
        ),
        (
            "负责人",
            each(&|(_, subject, _)| json!({ "principal": subject.principal_name })),
        ),
        (
            "province + dates",
            each(&|(site, subject, _)| {
                let day = (site.approved_at + beijing).date_naive();
                json!({
                    "province": subject.province,
                    "from": (day - chrono::Duration::days(1)).to_string(),
                    "to": (day + chrono::Duration::days(30)).to_string(),
                })
            }),
        ),
    ];
    // The baseline: the smallest signed-in call (`me`), the cost of HTTP
    // and the session alone.
    let me = format!("{base}/api/me");
    let (base_p50, base_p99) = time_calls(&client, &me, &[json!({})], requests, |_, _| {}).await;
    println!("| {label} | baseline: `me` | 1 | {base_p50:.2} | {base_p99:.2} | 1.0 × | 1.0 × |");
    let url = format!("{base}/api/records/search");
    let finds_rows = |body: &Value, reply: &Value| {
        let rows = reply["rows"].as_array().map_or(0, Vec::len);
        assert!(rows > 0, "{body} found no record: {reply}");
    };
    for (kind, queries) in kinds {
        let bodies: Vec<Value> = queries.into_iter().map(|q| json!({ "query": q })).collect();
        let (p50, p99) = time_calls(&client, &url, &bodies, requests, finds_rows).await;
        println!(
            "| {label} | {kind} | {} | {p50:.2} | {p99:.2} | {:.1} × | {:.1} × |",
            bodies.len(),
            p50 / base_p50,
            p99 / base_p99
        );
    }
}

/// Resident memory of `pid` in MB.
fn rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Requests/s of `url` over `seconds` with `clients` concurrent loops,
/// each request carrying `cookie` when given.
async fn throughput(url: &str, cookie: Option<&str>, clients: usize, duration: Duration) -> f64 {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(cookie) = cookie {
        headers.insert(
            reqwest::header::COOKIE,
            cookie.parse().expect("a valid cookie header"),
        );
    }
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .default_headers(headers)
        .build()
        .expect("client builds");
    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (client, url, done, stop) =
                (client.clone(), url.to_owned(), done.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let reply = client.get(&url).send().await.expect("server answers");
                    assert!(reply.status().is_success(), "{url}: {}", reply.status());
                    reply.bytes().await.expect("body");
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    tokio::time::sleep(duration).await;
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.await.expect("worker");
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

async fn ssr(base: &str, path: &str, pid: u32, clients: usize, duration: Duration) {
    let page = reqwest::get(format!("{base}{path}"))
        .await
        .expect("page loads")
        .bytes()
        .await
        .expect("page body");
    let bare_server = BareServer::start(&page).await;
    let bare = bare_server.url(path);
    let idle = rss_mb(pid);
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = {
        let peak = peak.clone();
        tokio::spawn(async move {
            loop {
                peak.fetch_max((rss_mb(pid) * 1024.0) as u64, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    let page_url = format!("{base}{path}");
    let bare_rps = throughput(&bare, None, clients, duration).await;
    let page_rps = throughput(&page_url, None, clients, duration).await;
    // Any cookie bypasses the page cache: every request is rendered.
    let rendered_rps = throughput(&page_url, Some("bench=1"), clients, duration).await;
    sampler.abort();
    let loaded = peak.load(Ordering::Relaxed) as f64 / 1024.0;
    println!(
        "| public lookup page `{path}` ({} KB), {clients} clients | {page_rps:.0} req/s | bare axum (own process), same bytes: {bare_rps:.0} req/s | **{:.2} ×** |",
        page.len() / 1024,
        page_rps / bare_rps
    );
    println!(
        "| the same page rendered every time (visitor with a cookie) | {rendered_rps:.0} req/s | bare axum: {bare_rps:.0} req/s | {:.2} × |",
        rendered_rps / bare_rps
    );
    println!("| server RSS | idle {idle:.0} MB | under {clients} clients {loaded:.0} MB | |");
}

async fn bare(port: u16, file: &std::path::Path) {
    let bytes = axum::body::Bytes::from(std::fs::read(file).expect("the page file"));
    let app = axum::Router::new().fallback(move || {
        let bytes = bytes.clone();
        async move { ([("content-type", "text/html; charset=utf-8")], bytes) }
    });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("the bare server's port");
    axum::serve(listener, app).await.expect("the bare server");
}

/// This program's `bare` subcommand, started as a child process serving
/// one page; killed when dropped.
struct BareServer {
    child: std::process::Child,
    port: u16,
    file: std::path::PathBuf,
}

impl BareServer {
    async fn start(page: &[u8]) -> BareServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let file = std::env::temp_dir().join(format!("beian-bench-bare-{port}.html"));
        std::fs::write(&file, page).expect("the page is written");
        let child = std::process::Command::new(std::env::current_exe().expect("this program"))
            .args(["bare", "--port", &port.to_string(), "--file"])
            .arg(&file)
            .spawn()
            .expect("the bare server starts");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        BareServer { child, port, file }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for BareServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.file);
    }
}

/// The session cookie of a signed-in client, as a `Cookie` header value.
fn session_cookie(jar: &Jar, base: &str) -> String {
    jar.cookies(&base.parse().expect("base URL"))
        .expect("a session cookie")
        .to_str()
        .expect("a cookie header")
        .to_owned()
}

async fn pages(base: &str, database_url: &str, clients: usize, duration: Duration) {
    let db = Database::connect(database_url)
        .await
        .expect("database connects");
    let (client, jar) = signed_in_with_jar(base, &db, "admin", "Admin2026").await;
    let cookie = session_cookie(&jar, base);
    let newest = sample(&db, "SELECT MAX(id) AS v FROM application").await;
    for path in ["/records".to_owned(), format!("/review/{newest}")] {
        let reply = client
            .get(format!("{base}{path}"))
            .send()
            .await
            .expect("page loads");
        assert!(reply.status().is_success(), "{path}: {}", reply.status());
        let page = reply.bytes().await.expect("page body");
        let bare_server = BareServer::start(&page).await;
        let bare_rps = throughput(&bare_server.url(&path), None, clients, duration).await;
        let page_rps = throughput(&format!("{base}{path}"), Some(&cookie), clients, duration).await;
        println!(
            "| signed-in `{path}` rendered every time ({} KB), {clients} clients | {page_rps:.0} req/s | bare axum (own process), same bytes: {bare_rps:.0} req/s | **{:.2} ×** |",
            page.len() / 1024,
            page_rps / bare_rps
        );
    }
}

/// Sends `rows` generated website rows in parts, as the import page does;
/// returns rows per second.
async fn import_rate(
    client: &reqwest::Client,
    base: &str,
    customer: i64,
    rows: usize,
    dry_run: bool,
) -> f64 {
    use beian::domain::import::{CHUNK_ROWS, COLUMNS};
    let header: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
    let run = if dry_run { "check" } else { "load" };
    let all: Vec<(usize, Vec<String>)> = (0..rows)
        .map(|n| {
            let cells = vec![
                "导入测速".to_owned(),
                format!("www.bench-{run}-{n}.cn"),
                format!("bench-{run}-{n}.cn"),
                "单位门户网站".to_owned(),
                "中文简体".to_owned(),
                format!("121.40.{}.{}", n / 250 % 250, n % 250 + 1),
                "云接入".to_owned(),
                "四川省".to_owned(),
                String::new(),
            ];
            (n + 2, cells)
        })
        .collect();
    let started = Instant::now();
    for part in all.chunks(CHUNK_ROWS) {
        let reply = client
            .post(format!("{base}/api/batch/import"))
            .header("sec-fetch-site", "same-origin")
            .json(&json!({ "part": {
                "customer_id": customer, "header": header, "rows": part, "dry_run": dry_run
            } }))
            .send()
            .await
            .expect("server answers");
        assert!(reply.status().is_success(), "import: {}", reply.status());
        let outcomes: Value = reply.json().await.expect("outcomes");
        let bad = outcomes
            .as_array()
            .expect("a list")
            .iter()
            .filter(|o| !o["errors"].as_array().is_none_or(Vec::is_empty))
            .count();
        assert_eq!(bad, 0, "every generated row is valid: {outcomes}");
    }
    rows as f64 / started.elapsed().as_secs_f64()
}

async fn import(base: &str, database_url: &str, label: &str, rows: usize) {
    let db = Database::connect(database_url)
        .await
        .expect("database connects");
    let client = signed_in(base, &db, "staff", "Staff2026").await;
    let customer: i64 = sample(
        &db,
        "SELECT id AS v FROM account WHERE username = 'filer_org'",
    )
    .await
    .parse()
    .expect("customer id");
    let checked = import_rate(&client, base, customer, rows, true).await;
    let imported = import_rate(&client, base, customer, rows, false).await;
    println!(
        "| {label} | {rows} rows | {imported:.0} rows/s | dry run (checks only): {checked:.0} rows/s | {:.2} × |",
        imported / checked
    );
}
