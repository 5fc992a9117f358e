//! `password_failure`: one wrong 备案密码 for a subject; five within an hour
//! lock the password.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_failure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub subject_id: i32,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
