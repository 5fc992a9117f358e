//! `session`: server-side session records behind the `beian_sid` cookie.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    /// The SHA-256 (hex) of the session id: the id itself is only ever in
    /// the cookie (`auth::session_store::stored_key`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The session's key/value data as JSON.
    #[sea_orm(column_type = "Text")]
    pub data: String,
    /// Unix seconds after which the record is dead.
    pub expires_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
