//! tower-sessions store over SeaORM, so sessions live in the same database
//! as everything else (SQLite or PostgreSQL) and any app instance can serve
//! any request. Rows are keyed by the SHA-256 of the session id, never the
//! id itself: a copy of the database, a backup or a log of its queries
//! gives nobody a cookie that signs in.

use async_trait::async_trait;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

use crate::server::entity::session;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "beian_sid";

/// Session records in the `session` table.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Removes every expired record; run periodically.
    pub async fn delete_expired(&self) -> std::result::Result<u64, sea_orm::DbErr> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let result = session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lt(now))
            .exec(&self.db)
            .await?;
        Ok(result.rows_affected)
    }

    fn row(record: &Record) -> Result<session::ActiveModel> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        Ok(session::ActiveModel {
            id: Set(stored_key(&record.id.to_string())),
            data: Set(data),
            expires_at: Set(record.expiry_date.unix_timestamp()),
        })
    }
}

/// The key a session's row is stored under: the SHA-256 of its id (the
/// cookie's value), in hex.
pub fn stored_key(id: &str) -> String {
    format!("{:x}", Sha256::digest(id.as_bytes()))
}

fn backend(error: sea_orm::DbErr) -> Error {
    Error::Backend(error.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A fresh random id collides with an existing one essentially never;
        // if it does, draw another rather than overwrite someone's session.
        loop {
            let exists = session::Entity::find_by_id(stored_key(&record.id.to_string()))
                .one(&self.db)
                .await
                .map_err(backend)?
                .is_some();
            if !exists {
                break;
            }
            record.id = Id::default();
        }
        session::Entity::insert(Self::row(record)?)
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    /// Updates an existing record only. tower-sessions calls `save` at the
    /// end of every request that loaded a session; an upsert here would let
    /// a request still in flight during logout bring the deleted session
    /// back to life.
    async fn save(&self, record: &Record) -> Result<()> {
        let row = Self::row(record)?;
        session::Entity::update_many()
            .set(row)
            .filter(session::Column::Id.eq(stored_key(&record.id.to_string())))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let Some(row) = session::Entity::find_by_id(stored_key(&id.to_string()))
            .filter(session::Column::ExpiresAt.gt(now))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(row.expires_at)
            .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        session::Entity::delete_by_id(stored_key(&id.to_string()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
