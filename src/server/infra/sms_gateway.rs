//! Where the texts in `sms_outbox` go (`BEIAN_SMS_GATEWAY_URL`). Without a
//! gateway the system is its own phone: the texts stay in the table and the
//! admin's 短信发件箱 page shows them (the demo reads its codes there). With
//! one, a task posts each text as JSON `{"mobile": …, "text": …}` to the
//! provider's SMS service, marks it sent and clears its body, so no code
//! stays readable once delivered.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::error::AppError;
use crate::server::entity::sms_outbox;

/// After this many failed posts a text is left for an operator to look at.
pub const MAX_ATTEMPTS: i32 = 6;
/// How often the task looks for texts to send.
const POLL: Duration = Duration::from_secs(2);
/// Texts posted per pass.
const BATCH: u64 = 20;

/// The provider's SMS service.
#[derive(Clone)]
pub struct HttpGateway {
    url: String,
    client: reqwest::Client,
}

impl HttpGateway {
    /// The gateway at `url`, or why it cannot be one.
    pub fn new(url: &str) -> Result<HttpGateway, String> {
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| format!("BEIAN_SMS_GATEWAY_URL is not a URL: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err("BEIAN_SMS_GATEWAY_URL must be an http or https URL".into());
        }
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(HttpGateway {
            url: url.to_owned(),
            client,
        })
    }

    async fn post(&self, row: &sms_outbox::Model) -> Result<(), String> {
        let reply = self
            .client
            .post(&self.url)
            .json(&serde_json::json!({ "mobile": row.mobile, "text": row.body }))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if reply.status().is_success() {
            Ok(())
        } else {
            Err(format!("the gateway answered {}", reply.status()))
        }
    }
}

/// Starts the sender when a gateway is configured.
pub fn start(db: DatabaseConnection, url: Option<String>) {
    let Some(url) = url else {
        return;
    };
    let gateway = match HttpGateway::new(&url) {
        Ok(gateway) => gateway,
        Err(error) => {
            // `Config::from_env` checked it already; a test config may not.
            tracing::error!(%error, "texts are not sent");
            return;
        }
    };
    super::outbox_loop::spawn("sms", POLL, move || {
        let (db, gateway) = (db.clone(), gateway.clone());
        async move { send_due(&db, &gateway, Utc::now()).await }
    });
}

/// Posts what is unsent; returns how many went out. Each row is claimed
/// first by counting the attempt with a guarded update, so two instances
/// never post the same text.
pub async fn send_due(
    db: &DatabaseConnection,
    gateway: &HttpGateway,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let rows = sms_outbox::Entity::find()
        .filter(sms_outbox::Column::SentAt.is_null())
        .filter(sms_outbox::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_asc(sms_outbox::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    let mut sent = 0;
    for row in rows {
        let claimed = sms_outbox::Entity::update_many()
            .col_expr(sms_outbox::Column::Attempts, Expr::value(row.attempts + 1))
            .filter(sms_outbox::Column::Id.eq(row.id))
            .filter(sms_outbox::Column::Attempts.eq(row.attempts))
            .filter(sms_outbox::Column::SentAt.is_null())
            .exec(db)
            .await?
            .rows_affected
            == 1;
        if !claimed {
            continue;
        }
        let update = sms_outbox::Entity::update_many().filter(sms_outbox::Column::Id.eq(row.id));
        match gateway.post(&row).await {
            Ok(()) => {
                update
                    .col_expr(sms_outbox::Column::SentAt, Expr::value(now))
                    .col_expr(sms_outbox::Column::Body, Expr::value(String::new()))
                    .col_expr(
                        sms_outbox::Column::LastError,
                        Expr::value(Option::<String>::None),
                    )
                    .exec(db)
                    .await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(id = row.id, %error, "could not send a text");
                update
                    .col_expr(
                        sms_outbox::Column::LastError,
                        Expr::value(error.chars().take(500).collect::<String>()),
                    )
                    .exec(db)
                    .await?;
            }
        }
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_http_url_is_a_gateway() {
        assert!(HttpGateway::new("http://127.0.0.1:9000/sms").is_ok());
        assert!(HttpGateway::new("https://sms.example.com/send").is_ok());
        assert!(HttpGateway::new("ftp://sms.example.com").is_err());
        assert!(HttpGateway::new("not a url").is_err());
    }
}
