//! `verify_link`: a one-time 电子化核验 link of an application, valid 24
//! hours. The token is kept only as its SHA-256; the uploads it took are
//! ordinary documents of the application.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "verify_link")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// SHA-256 of the token, hex.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// The staff account that opened it.
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    /// 24 hours after opening, or earlier when a newer link replaced it.
    pub expires_at: DateTimeUtc,
    /// When the filer's uploads came in: a link is used once.
    pub used_at: Option<DateTimeUtc>,
    pub photo_id: Option<i32>,
    pub cert_front_id: Option<i32>,
    pub cert_back_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
