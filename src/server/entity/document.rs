//! `document` (上传资料): a scan of at most 100 KB, kept in the database
//! with its SHA-256 so one transaction and one backup cover it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "document")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub uploaded_by: i32,
    /// A `domain::upload::DocumentKind` code.
    pub kind: String,
    pub file_name: String,
    /// Sniffed from the bytes, never taken from the client.
    pub mime: String,
    pub size: i32,
    pub sha256: String,
    pub bytes: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
