//! `message`: one 留言 on a submitted application. A reply names the
//! message it answers; handling marks who dealt with it and when.

use sea_orm::entity::prelude::*;

use crate::domain::role::Role;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub author_id: i32,
    /// The author's role when writing, stored by its code.
    pub author_role: Role,
    pub body: String,
    pub reply_to: Option<i32>,
    pub handled_at: Option<DateTimeUtc>,
    pub handled_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
