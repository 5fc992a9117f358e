//! The app's own settings (`BEIAN_*` and `DATABASE_URL` environment variables).
//! The Leptos run-time settings come from `Leptos.toml`.

use crate::server::infra::mail::Smtp;
use std::time::Duration;

/// The embedded default: a SQLite file next to the binary.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://beian.db?mode=rwc";

/// Settings read once at start-up.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// `BEIAN_COOKIE_SECURE`: mark the session cookie `Secure`. Defaults to
    /// on in production (`LEPTOS_ENV=PROD`) and off for plain-http development.
    pub cookie_secure: bool,
    /// `BEIAN_SESSION_IDLE_MINUTES`: a session ends after this much inactivity.
    pub session_idle: Duration,
    /// `BEIAN_SESSION_MAX_HOURS`: a session ends this long after sign-in,
    /// however busy (default 12), so a stolen cookie does not live forever.
    pub session_max: Duration,
    /// `BEIAN_UPSTREAM_DELAY_SECONDS`: how long a submission waits in
    /// 未提交至部系统 (where it can still be revoked) before the simulated
    /// ministry checks it. Zero in tests.
    pub upstream_delay: Duration,
    /// `BEIAN_SMS_VERIFICATION` and `BEIAN_SMS_WINDOW_MINUTES`: whether the
    /// simulated ministry runs 短信核验 on what it accepts, and how long
    /// each 负责人 has to confirm (default 1440, the ministry's 24 hours).
    /// On by default, as the ministry does; `None` when turned off.
    pub sms_window: Option<Duration>,
    /// `BEIAN_SMS_GATEWAY_URL`: the provider's HTTP SMS service, which gets
    /// each text as JSON `{"mobile", "text"}`. Without it the texts stay in
    /// the SMS outbox, where the admin reads them (the simulated phone).
    pub sms_gateway_url: Option<String>,
    /// `BEIAN_SMTP_URL` and `BEIAN_SMTP_FROM`: where the e-mail outbox is
    /// sent. Without them notifications stay in-app only.
    pub smtp: Option<Smtp>,
    /// `BEIAN_PUBLIC_LOOKUPS_PER_MINUTE`: 公共查询 lookups each client may
    /// make a minute (default 30).
    pub public_lookups_per_minute: u32,
    /// `BEIAN_ANONYMOUS_WRITES_PER_MINUTE`: captcha images, agreement
    /// acceptances and registrations each client may ask for a minute
    /// (default 20). Each writes a row
    /// without any login, so a script could otherwise fill the database.
    pub anonymous_writes_per_minute: u32,
    /// `BEIAN_TRUST_X_FORWARDED_FOR`: behind a reverse proxy that sets
    /// `X-Forwarded-For`, count clients by it instead of by the proxy.
    pub trust_forwarded_for: bool,
    /// The 核查 checker (`BEIAN_INSPECTION_*`).
    pub inspection: crate::server::inspections::Settings,
}

impl Config {
    /// Reads the environment; `production` is the Leptos `env` setting.
    pub fn from_env(production: bool) -> Result<Config, String> {
        let database_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned());
        let cookie_secure = match std::env::var("BEIAN_COOKIE_SECURE") {
            Ok(v) => parse_bool(&v).ok_or("BEIAN_COOKIE_SECURE must be true or false")?,
            Err(_) => production,
        };
        let idle_minutes = positive("BEIAN_SESSION_IDLE_MINUTES", 120)?;
        let max_hours = positive("BEIAN_SESSION_MAX_HOURS", 12)?;
        let upstream_seconds = match std::env::var("BEIAN_UPSTREAM_DELAY_SECONDS") {
            Ok(v) => v
                .parse::<u64>()
                .map_err(|_| "BEIAN_UPSTREAM_DELAY_SECONDS must be a whole number")?,
            Err(_) => 30,
        };
        let sms_on = match std::env::var("BEIAN_SMS_VERIFICATION") {
            Ok(v) => parse_bool(&v).ok_or("BEIAN_SMS_VERIFICATION must be true or false")?,
            Err(_) => true,
        };
        let sms_minutes = positive("BEIAN_SMS_WINDOW_MINUTES", 1440)?;
        let sms_gateway_url = match std::env::var("BEIAN_SMS_GATEWAY_URL") {
            Ok(url) => {
                crate::server::infra::sms_gateway::HttpGateway::new(&url)?;
                Some(url)
            }
            Err(_) => None,
        };
        let smtp = match (
            std::env::var("BEIAN_SMTP_URL"),
            std::env::var("BEIAN_SMTP_FROM"),
        ) {
            (Ok(url), Ok(from)) => {
                let smtp = Smtp { url, from };
                crate::server::infra::mail::Mailer::new(&smtp)?;
                Some(smtp)
            }
            (Err(_), Err(_)) => None,
            _ => return Err("set both BEIAN_SMTP_URL and BEIAN_SMTP_FROM, or neither".into()),
        };
        let public_lookups_per_minute = positive("BEIAN_PUBLIC_LOOKUPS_PER_MINUTE", 30)?;
        let anonymous_writes_per_minute = positive("BEIAN_ANONYMOUS_WRITES_PER_MINUTE", 20)?;
        let trust_forwarded_for = match std::env::var("BEIAN_TRUST_X_FORWARDED_FOR") {
            Ok(v) => parse_bool(&v).ok_or("BEIAN_TRUST_X_FORWARDED_FOR must be true or false")?,
            Err(_) => false,
        };
        let inspection = crate::server::inspections::Settings {
            interval: match std::env::var("BEIAN_INSPECTION_INTERVAL_SECONDS") {
                Ok(_) => Some(Duration::from_secs(positive(
                    "BEIAN_INSPECTION_INTERVAL_SECONDS",
                    1,
                )?)),
                Err(_) => None,
            },
            deadline_days: positive(
                "BEIAN_INSPECTION_DEADLINE_DAYS",
                crate::domain::inspection::DEFAULT_DEADLINE_DAYS,
            )?,
            connect_to: match std::env::var("BEIAN_INSPECTION_CONNECT_TO") {
                Ok(v) => Some(v.trim().parse().map_err(|_| {
                    "BEIAN_INSPECTION_CONNECT_TO must be an address and port, such as 127.0.0.1:8080"
                })?),
                Err(_) => None,
            },
        };
        Ok(Config {
            database_url,
            cookie_secure,
            session_idle: Duration::from_secs(idle_minutes * 60),
            session_max: Duration::from_secs(max_hours * 3600),
            upstream_delay: Duration::from_secs(upstream_seconds),
            sms_window: sms_on.then(|| Duration::from_secs(sms_minutes * 60)),
            sms_gateway_url,
            smtp,
            public_lookups_per_minute,
            anonymous_writes_per_minute,
            trust_forwarded_for,
            inspection,
        })
    }
}

/// The positive whole number in the environment variable `name`, or
/// `default` when it is unset.
fn positive<T: std::str::FromStr + PartialOrd + From<u8>>(
    name: &str,
    default: T,
) -> Result<T, String> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse::<T>()
            .ok()
            .filter(|n| *n > T::from(0))
            .ok_or_else(|| format!("{name} must be a positive whole number")),
        Err(_) => Ok(default),
    }
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}
