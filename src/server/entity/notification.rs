//! `notification`: the in-app notification centre, one row per transition
//! that concerns an account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: i32,
    pub application_id: Option<i32>,
    /// In Chinese, as the e-mail carries it.
    pub text: String,
    /// In English; empty on rows written before it was kept.
    pub text_en: String,
    pub read: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
