//! The real `beian serve` binary in a process of its own, for what an
//! in-process app cannot show: a server killed mid-request (`crash`) and
//! settings read once per process (`code_tables`).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::Value;

use beian::server::entity::session;

/// The server binary, started on `port` against `url`, with `env` added.
pub(crate) fn serve(url: &str, port: u16, env: &[(&str, &str)]) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_beian"));
    command
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("BEIAN_UPSTREAM_DELAY_SECONDS", "0")
        // Filings go straight to the 管局, as in the other HTTP tests
        // (短信核验 has its own, `sms.rs`).
        .env("BEIAN_SMS_VERIFICATION", "false")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    command.spawn().expect("the server binary starts")
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) async fn wait_for(port: u16) {
    for _ in 0..300 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server never listened on {port}");
}

/// A browser-like client that, unlike the harness's, shrugs off a server
/// that has just died: every call answers `None` then.
#[derive(Clone)]
pub(crate) struct Browser {
    base: String,
    http: reqwest::Client,
}

impl Browser {
    pub(crate) fn new(port: u16) -> Browser {
        Browser {
            base: format!("http://127.0.0.1:{port}"),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap(),
        }
    }

    pub(crate) async fn call(&self, endpoint: &str, body: &Value) -> Option<(u16, Value)> {
        let reply = self
            .http
            .post(format!("{}/api/{endpoint}", self.base))
            .header("sec-fetch-site", "same-origin")
            .json(body)
            .send()
            .await
            .ok()?;
        let status = reply.status().as_u16();
        Some((status, reply.json().await.unwrap_or(Value::Null)))
    }

    pub(crate) async fn upload(&self, id: i64, kind: &str) -> Option<Value> {
        let form = reqwest::multipart::Form::new()
            .text("application_id", id.to_string())
            .text("kind", kind.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(crate::fixtures::filing::png(2048))
                    .file_name("scan.png"),
            );
        let reply = self
            .http
            .post(format!("{}/documents", self.base))
            .header("sec-fetch-site", "same-origin")
            .multipart(form)
            .send()
            .await
            .ok()?;
        (reply.status() == 200).then_some(())?;
        reply.json().await.ok()
    }

    /// A page's status and HTML.
    pub(crate) async fn page(&self, path: &str) -> Option<(u16, String)> {
        let reply = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .ok()?;
        let status = reply.status().as_u16();
        Some((status, reply.text().await.ok()?))
    }

    /// Signs in, reading the captcha's answer from the database as the
    /// harness does.
    pub(crate) async fn login(
        &self,
        db: &DatabaseConnection,
        username: &str,
        password: &str,
    ) -> bool {
        let Ok(image) = self.http.get(format!("{}/captcha", self.base)).send().await else {
            return false;
        };
        let Some(sid) = image
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|c| {
                c.to_str()
                    .ok()?
                    .strip_prefix("beian_sid=")?
                    .split(';')
                    .next()
            })
            .next()
            .map(str::to_owned)
        else {
            return false;
        };
        let Ok(Some(row)) =
            session::Entity::find_by_id(beian::server::auth::session_store::stored_key(&sid))
                .one(db)
                .await
        else {
            return false;
        };
        let data: Value = serde_json::from_str(&row.data).unwrap_or_default();
        let answer = data["captcha"]["answer"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let reply = self
            .http
            .post(format!("{}/api/login", self.base))
            .header("sec-fetch-site", "same-origin")
            .form(&[
                ("username", username),
                ("password", password),
                ("captcha", &answer),
            ])
            .send()
            .await;
        reply.is_ok_and(|r| r.status() == 200)
    }
}
