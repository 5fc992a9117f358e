//! Starts the app on a random port with a database of its own, and a small
//! client that speaks to server functions the way the browser does.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use beian::domain::account::{NewAccount, Registration};
use beian::server::auth::session_store::stored_key;
use beian::server::auth::session_store::SESSION_COOKIE;
use beian::server::entity::session;
use beian::server::http::app::{build_state, router};
use beian::server::infra::config::Config;
use beian::server::infra::state::AppState;
use beian::server::{accounts, auth::captcha::PendingCaptcha};
use reqwest::cookie::{CookieStore, Jar};
use sea_orm::{ConnectionTrait, Database, EntityTrait};
use serde_json::Value;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Everything the servers of this test process logged, as text.
static LOGS: std::sync::Mutex<Vec<u8>> = std::sync::Mutex::new(Vec::new());

/// Where the captured log goes, as the server's own log would: kept in
/// memory for `logs_of_request`, and appended to `$BEIAN_TEST_LOG` when set.
struct LogSink;

impl std::io::Write for LogSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        LOGS.lock().unwrap().extend_from_slice(bytes);
        static FILE: std::sync::OnceLock<Option<std::sync::Mutex<std::fs::File>>> =
            std::sync::OnceLock::new();
        if let Some(file) = FILE.get_or_init(|| append_to("BEIAN_TEST_LOG", "")) {
            file.lock().unwrap().write_all(bytes)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The file named by `$variable` with `suffix` added, opened for appending.
fn append_to(variable: &str, suffix: &str) -> Option<std::sync::Mutex<std::fs::File>> {
    let mut path = std::env::var_os(variable)?;
    path.push(suffix);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("cannot open {path:?}: {e}"));
    Some(std::sync::Mutex::new(file))
}

/// Notes a password, session id or captcha answer the tests used, in
/// `$BEIAN_TEST_LOG.secrets`: after the run, the test command checks that
/// none of them reached the log.
fn record_secret(secret: &str) {
    use std::io::Write;
    static FILE: std::sync::OnceLock<Option<std::sync::Mutex<std::fs::File>>> =
        std::sync::OnceLock::new();
    if let Some(file) = FILE.get_or_init(|| append_to("BEIAN_TEST_LOG", ".secrets")) {
        writeln!(file.lock().unwrap(), "{secret}").unwrap();
    }
}

/// Installs the log capture once per test process, at the level the
/// server logs at in production.
fn capture_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        tracing_subscriber::fmt()
            .with_ansi(false)
            .with_env_filter(tracing_subscriber::EnvFilter::new("info"))
            .with_writer(|| LogSink)
            .init();
    });
}

/// The captured log lines of one request, by its `x-request-id`.
pub fn logs_of_request(request_id: &str) -> Vec<String> {
    let logs = LOGS.lock().unwrap();
    String::from_utf8_lossy(&logs)
        .lines()
        .filter(|line| line.contains(&format!("request_id={request_id}")))
        .map(str::to_owned)
        .collect()
}

const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/test";

/// Deletes the test's database when the test ends, even on panic.
pub(crate) enum DbGuard {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        match self {
            DbGuard::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            DbGuard::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime: use a thread with its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    rt.block_on(async {
                        if let Ok(db) = Database::connect(&admin_url).await {
                            let _ = db
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("beian_test_{}_{}_{}", std::process::id(), n, nanos)
}

pub(crate) async fn fresh_database() -> (String, DbGuard) {
    let backend = std::env::var("BEIAN_TEST_BACKEND").unwrap_or_else(|_| "sqlite".into());
    let name = unique_name();
    match backend.as_str() {
        "sqlite" => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            (
                format!("sqlite://{}?mode=rwc", path.display()),
                DbGuard::Sqlite(path),
            )
        }
        "postgres" => {
            let admin_url =
                std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_POSTGRES.into());
            let admin = Database::connect(&admin_url).await.unwrap_or_else(|e| {
                panic!("PostgreSQL at {admin_url} is required for this run: {e}")
            });
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create test database");
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .expect("URL names a database");
            (
                format!("{base}/{name}"),
                DbGuard::Postgres { admin_url, name },
            )
        }
        other => panic!("unknown BEIAN_TEST_BACKEND {other}"),
    }
}

/// A running app with its own database.
/// The IP blocks of the test provider: filings must use addresses inside.
pub const TEST_PROVIDER_BLOCKS: &str = "121.40.0.0/14";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    url: String,
    /// Drops the database with the first instance; `None` on a second one.
    _db: Option<DbGuard>,
}

impl TestApp {
    pub async fn start() -> TestApp {
        TestApp::start_with(|_| {}).await
    }

    /// Starts with some settings changed (SMTP, say).
    pub async fn start_with(configure: impl FnOnce(&mut Config)) -> TestApp {
        let (url, guard) = fresh_database().await;
        let mut app = TestApp::serve(url, configure).await;
        // Provider staff always belong to a provider: give them one.
        beian::server::providers::create(
            &app.state.db,
            "测试接入服务商",
            TEST_PROVIDER_BLOCKS,
            chrono::Utc::now(),
        )
        .await
        .expect("provider is created");
        app._db = Some(guard);
        app
    }

    /// Another instance of the app on the same database, as behind a load
    /// balancer.
    pub async fn second_instance(&self) -> TestApp {
        TestApp::serve(self.url.clone(), |_| {}).await
    }

    async fn serve(url: String, configure: impl FnOnce(&mut Config)) -> TestApp {
        capture_logs();
        let mut options = leptos::config::get_configuration(Some("Leptos.toml"))
            .unwrap()
            .leptos_options;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        options.site_addr = addr;
        let mut config = Config {
            database_url: url.clone(),
            cookie_secure: false,
            session_idle: std::time::Duration::from_secs(3600),
            session_max: std::time::Duration::from_secs(12 * 3600),
            upstream_delay: std::time::Duration::ZERO,
            sms_window: None,
            sms_gateway_url: None,
            smtp: None,
            public_lookups_per_minute: 1000,
            anonymous_writes_per_minute: 100_000,
            trust_forwarded_for: false,
            inspection: beian::server::inspections::Settings {
                interval: None,
                deadline_days: beian::domain::inspection::DEFAULT_DEADLINE_DAYS,
                connect_to: None,
            },
        };
        configure(&mut config);
        let state = build_state(options, config)
            .await
            .expect("database connects and migrates");
        beian::server::upstream::start(state.clone());
        beian::server::infra::live::listen(state.clone());
        beian::server::infra::mail::start(state.db.clone(), state.config.smtp.clone());
        beian::server::infra::sms_gateway::start(
            state.db.clone(),
            state.config.sms_gateway_url.clone(),
        );
        beian::server::inspections::start(state.clone());
        let app = router(state.clone());
        tokio::spawn(async move {
            let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
            axum::serve(listener, app).await.unwrap();
        });
        TestApp {
            base: format!("http://{addr}"),
            state,
            url,
            _db: None,
        }
    }

    /// A browser-like client with its own cookie jar.
    pub fn client(&self) -> Client {
        let jar = Arc::new(Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            // A stuck request fails its test with the URL instead of
            // holding the whole run (seen once in CI, not reproduced since).
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .unwrap();
        Client {
            base: self.base.clone(),
            http,
            jar,
        }
    }

    /// How many argon2 verifications the server has run so far.
    pub fn password_checks(&self) -> u64 {
        self.state.password_checks.load(Ordering::Relaxed)
    }

    /// Creates an account of any role directly through the service.
    pub async fn create_account(&self, username: &str, password: &str, role: &str, province: &str) {
        record_secret(password);
        let now = chrono::Utc::now();
        if role == "filer" {
            let form = Registration {
                username: username.into(),
                password: password.into(),
                password_confirm: password.into(),
                real_name: "测试用户".into(),
                mobile: "13900139000".into(),
                email: "t@example.com".into(),
                kind: "person".into(),
                accepted_agreements: true,
            };
            accounts::register(&self.state.db, form, Some(now), now)
                .await
                .unwrap();
        } else {
            let form = NewAccount {
                username: username.into(),
                password: password.into(),
                real_name: "测试人员".into(),
                role: role.into(),
                province: province.into(),
                // An authority decides every type unless a test says otherwise.
                pre_approval_kinds: if role == "preapproval" {
                    beian::domain::catalog::pre_approval_types()
                        .iter()
                        .map(|k| k.code.to_owned())
                        .collect()
                } else {
                    Vec::new()
                },
                ..Default::default()
            };
            accounts::create(&self.state.db, form, None, now)
                .await
                .unwrap();
        }
    }

    /// The database file, when the backend is SQLite.
    pub fn sqlite_path(&self) -> Option<String> {
        let rest = self.url.strip_prefix("sqlite://")?;
        Some(rest.split('?').next().unwrap_or(rest).to_owned())
    }

    /// Makes the filer `username` a customer of the test provider, as if its
    /// staff had opened the account.
    pub async fn make_customer(&self, username: &str) -> i32 {
        use beian::server::entity::account;
        use sea_orm::{ColumnTrait, QueryFilter};
        let provider = beian::server::providers::list(&self.state.db)
            .await
            .unwrap()[0]
            .id;
        account::Entity::update_many()
            .col_expr(
                account::Column::ProviderId,
                sea_orm::sea_query::Expr::value(provider),
            )
            .filter(account::Column::Username.eq(username))
            .exec(&self.state.db)
            .await
            .unwrap();
        account::Entity::find()
            .filter(account::Column::Username.eq(username))
            .one(&self.state.db)
            .await
            .unwrap()
            .unwrap()
            .id
    }

    /// The answer of the captcha pending in the session `session_id`.
    pub async fn captcha_answer(&self, session_id: &str) -> String {
        self.pending_captcha(session_id)
            .await
            .expect("a captcha is pending")
            .answer
    }

    pub async fn pending_captcha(&self, session_id: &str) -> Option<PendingCaptcha> {
        let row = session::Entity::find_by_id(stored_key(session_id))
            .one(&self.state.db)
            .await
            .unwrap()?;
        let data: Value = serde_json::from_str(&row.data).unwrap();
        let pending: PendingCaptcha = data
            .get("captcha")
            .map(|v| serde_json::from_value(v.clone()).unwrap())?;
        record_secret(&pending.answer);
        Some(pending)
    }

    /// Rewrites the pending captcha's issue time (to test expiry).
    pub async fn age_captcha(&self, session_id: &str, seconds: i64) {
        use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
        let row = session::Entity::find_by_id(stored_key(session_id))
            .one(&self.state.db)
            .await
            .unwrap()
            .unwrap();
        let mut data: Value = serde_json::from_str(&row.data).unwrap();
        let issued = data["captcha"]["issued_at"].as_i64().unwrap();
        data["captcha"]["issued_at"] = Value::from(issued - seconds);
        let mut active = row.into_active_model();
        active.data = Set(data.to_string());
        active.update(&self.state.db).await.unwrap();
    }
}

/// The outcome of a server-function call.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }

    /// The rule ids of a `Validation` error, or an empty list.
    pub fn rules(&self) -> Vec<String> {
        self.json()["Validation"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["rule"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Cloning shares the cookie jar: the same signed-in browser.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    jar: Arc<Jar>,
}

impl Client {
    /// The session cookie's value, if any.
    pub fn session_id(&self) -> Option<String> {
        let url = self.base.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header.to_str().unwrap().split("; ").find_map(|pair| {
            pair.strip_prefix(&format!("{SESSION_COOKIE}="))
                .map(str::to_owned)
        })
    }

    /// Puts a session cookie into this client's jar (to replay an old one).
    pub fn set_session_id(&self, id: &str) {
        let url = self.base.parse().unwrap();
        self.jar
            .add_cookie_str(&format!("{SESSION_COOKIE}={id}; Path=/"), &url);
    }

    /// A GET as a browser navigation sends it.
    pub async fn get(&self, path: &str) -> Reply {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
            .send()
            .await
            .unwrap();
        reply(response).await
    }

    /// A GET that returns once the headers arrive, for endless streams
    /// (`/events`); the body is left unread.
    pub async fn get_headers(&self, path: &str) -> Reply {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        Reply {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: String::new(),
        }
    }

    /// A same-origin POST, as the WASM client sends it (fetch metadata, no
    /// `Accept: text/html`).
    /// A same-origin POST to `path`, for requests no helper sends.
    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .post(format!("{}{path}", self.base))
            .header("sec-fetch-site", "same-origin")
    }

    /// Switches the language as the header's toggle does (a plain form
    /// post); the answer's cookie stays in this client's jar.
    pub async fn choose_language(&self, code: &str, back: &str) -> Reply {
        let response = self
            .post("/language")
            .form(&[("to", code), ("back", back)])
            .send()
            .await
            .unwrap();
        reply(response).await
    }

    /// Calls a server function with form fields.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Reply {
        let response = self
            .post(&format!("/api/{endpoint}"))
            .form(form)
            .send()
            .await
            .unwrap();
        reply(response).await
    }

    /// Calls a JSON-encoded server function (the wizard's).
    pub async fn call_json(&self, endpoint: &str, body: &Value) -> Reply {
        let response = self
            .post(&format!("/api/{endpoint}"))
            .json(body)
            .send()
            .await
            .unwrap();
        reply(response).await
    }

    /// Uploads a scan to `/documents` as the browser's form does.
    pub async fn upload(
        &self,
        application_id: i64,
        kind: &str,
        name: &str,
        bytes: Vec<u8>,
    ) -> Reply {
        let form = reqwest::multipart::Form::new()
            .text("application_id", application_id.to_string())
            .text("kind", kind.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
            );
        let response = self
            .post("/documents")
            .multipart(form)
            .send()
            .await
            .unwrap();
        reply(response).await
    }

    /// Loads a captcha image and returns its answer.
    pub async fn solve_captcha(&self, app: &TestApp) -> String {
        let image = self.get("/captcha").await;
        assert_eq!(image.status, 200);
        app.captcha_answer(&self.session_id().expect("captcha starts a session"))
            .await
    }

    /// Accepts both agreement screens, then submits the registration form,
    /// as a visitor goes through them.
    pub async fn register(&self, app: &TestApp, form: &[(&str, &str)]) -> Reply {
        for agreement in ["Terms", "Privacy"] {
            let accepted = self
                .call("agreements/accept", &[("agreement", agreement)])
                .await;
            assert_eq!(accepted.status, 200, "{}", accepted.body);
        }
        self.register_without_agreements(app, form).await
    }

    /// Submits the registration form, solving its captcha first, with
    /// whatever agreements this session accepted.
    pub async fn register_without_agreements(&self, app: &TestApp, form: &[(&str, &str)]) -> Reply {
        let answer = self.solve_captcha(app).await;
        let mut form = form.to_vec();
        form.push(("captcha", &answer));
        self.call("register", &form).await
    }

    /// Submits the login form with the given captcha answer.
    pub async fn login_with(&self, username: &str, password: &str, captcha: &str) -> Reply {
        record_secret(password);
        self.call(
            "login",
            &[
                ("username", username),
                ("password", password),
                ("captcha", captcha),
            ],
        )
        .await
    }

    /// Logs in with a freshly solved captcha.
    pub async fn login(&self, app: &TestApp, username: &str, password: &str) -> Reply {
        let answer = self.solve_captcha(app).await;
        self.login_with(username, password, &answer).await
    }
}

pub(crate) async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    for cookie in headers.get_all("set-cookie") {
        let session = cookie.to_str().ok().and_then(|c| {
            c.strip_prefix(&format!("{SESSION_COOKIE}="))?
                .split(';')
                .next()
        });
        if let Some(id) = session.filter(|id| !id.is_empty()) {
            record_secret(id);
        }
    }
    let body = response.text().await.unwrap();
    Reply {
        status,
        headers,
        body,
    }
}

/// Waits up to `wait` for a `changed` event on an open event stream.
pub(crate) async fn changed_within(
    events: &mut reqwest::Response,
    wait: std::time::Duration,
) -> bool {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, events.chunk()).await {
            Ok(Ok(Some(chunk))) if String::from_utf8_lossy(&chunk).contains("event: changed") => {
                return true
            }
            Ok(Ok(Some(_))) => continue,
            _ => return false,
        }
    }
}
