//! Sends the e-mail outbox when SMTP is configured (`BEIAN_SMTP_URL` and
//! `BEIAN_SMTP_FROM`). Rows are written in the transaction of the event
//! they report, so a rolled-back decision never mails anyone; this task
//! sends what is due, marks it sent, and backs off after failures. Without
//! SMTP the rows stay in the table and nothing is sent.

use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::error::AppError;
use crate::server::entity::outbox;

/// The SMTP relay and the sender's address.
#[derive(Debug, Clone)]
pub struct Smtp {
    /// `smtp://host:25` (plain, for a relay inside the provider's network),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host` (TLS).
    pub url: String,
    /// `备案系统 <beian@example.com>` or a bare address.
    pub from: String,
}

/// After this many failed sends a row is left for an operator to look at
/// (`last_error` says why).
pub const MAX_ATTEMPTS: i32 = 6;
/// How often the task looks for due mail.
const POLL: Duration = Duration::from_secs(2);
/// Rows sent per pass.
const BATCH: u64 = 20;
/// How long a row claimed by one instance is left to it before another may
/// try (the instance may have died mid-send).
const LEASE_MINUTES: i64 = 5;

/// The SMTP connection and sender, checked once at start-up.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// Builds the mailer from the configuration, or says what is wrong.
    pub fn new(smtp: &Smtp) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url)
            .map_err(|e| format!("BEIAN_SMTP_URL is not a usable SMTP URL: {e}"))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = smtp
            .from
            .parse::<Mailbox>()
            .map_err(|e| format!("BEIAN_SMTP_FROM is not an address: {e}"))?;
        Ok(Mailer { transport, from })
    }

    async fn send(&self, row: &outbox::Model) -> Result<(), String> {
        let to = row
            .to_address
            .parse::<Mailbox>()
            .map_err(|e| format!("bad address: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(row.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Starts the sender when SMTP is configured.
pub fn start(db: DatabaseConnection, smtp: Option<Smtp>) {
    let Some(smtp) = smtp else {
        return;
    };
    let mailer = match Mailer::new(&smtp) {
        Ok(mailer) => mailer,
        Err(error) => {
            // `Config::from_env` checked it already; a test config may not.
            tracing::error!(%error, "e-mail is not sent");
            return;
        }
    };
    super::outbox_loop::spawn("mail", POLL, move || {
        let (db, mailer) = (db.clone(), mailer.clone());
        async move { send_due(&db, &mailer, Utc::now()).await }
    });
}

/// Rows that may be tried at `now`: unsent, not given up, not backing off
/// and not leased to a sender.
fn due(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(outbox::Column::SentAt.is_null())
        .add(outbox::Column::Attempts.lt(MAX_ATTEMPTS))
        .add(
            Condition::any()
                .add(outbox::Column::NextAttemptAt.is_null())
                .add(outbox::Column::NextAttemptAt.lte(now)),
        )
}

/// Sends what is due; returns how many went out. Each row is claimed with
/// a guarded update first, so two instances never send the same mail.
pub async fn send_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let rows = outbox::Entity::find()
        .filter(due(now))
        .order_by_asc(outbox::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    let mut sent = 0;
    for row in rows {
        let claimed = outbox::Entity::update_many()
            .col_expr(
                outbox::Column::NextAttemptAt,
                Expr::value(now + chrono::Duration::minutes(LEASE_MINUTES)),
            )
            .filter(outbox::Column::Id.eq(row.id))
            .filter(due(now))
            .exec(db)
            .await?
            .rows_affected
            == 1;
        if !claimed {
            continue;
        }
        let update = outbox::Entity::update_many().filter(outbox::Column::Id.eq(row.id));
        match mailer.send(&row).await {
            Ok(()) => {
                update
                    .col_expr(outbox::Column::SentAt, Expr::value(Utc::now()))
                    .col_expr(
                        outbox::Column::LastError,
                        Expr::value(Option::<String>::None),
                    )
                    .exec(db)
                    .await?;
                sent += 1;
            }
            Err(error) => {
                let attempts = row.attempts + 1;
                tracing::warn!(id = row.id, attempts, %error, "could not send an e-mail");
                update
                    .col_expr(outbox::Column::Attempts, Expr::value(attempts))
                    .col_expr(
                        outbox::Column::NextAttemptAt,
                        Expr::value(now + backoff(attempts)),
                    )
                    .col_expr(
                        outbox::Column::LastError,
                        Expr::value(error.chars().take(500).collect::<String>()),
                    )
                    .exec(db)
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// 1, 2, 4, 8 … minutes after the nth failure.
fn backoff(attempts: i32) -> chrono::Duration {
    chrono::Duration::minutes(1 << attempts.clamp(1, 10).saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_url_or_sender_is_refused_at_start_up() {
        let smtp = |url: &str, from: &str| Smtp {
            url: url.into(),
            from: from.into(),
        };
        assert!(Mailer::new(&smtp(
            "smtp://relay.example.com:25",
            "备案系统 <beian@example.com>"
        ))
        .is_ok());
        let bad_url = Mailer::new(&smtp("ftp://relay.example.com", "beian@example.com"));
        assert!(bad_url.err().unwrap().starts_with("BEIAN_SMTP_URL"));
        let bad_from = Mailer::new(&smtp("smtp://relay.example.com", "beian at example"));
        assert!(bad_from.err().unwrap().starts_with("BEIAN_SMTP_FROM"));
    }

    #[test]
    fn backoff_doubles_from_a_minute() {
        let minutes: Vec<i64> = (1..=5).map(|n| backoff(n).num_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16]);
    }
}
