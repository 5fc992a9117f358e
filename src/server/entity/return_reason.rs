//! `return_reason` (未通过原因): why an application was returned, each for
//! the whole filing (`field_path` empty) or pinned to one field.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "return_reason")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// The history row of the return that gave this reason.
    pub history_id: i32,
    /// A wizard field path such as `sites[0].name`, or empty.
    pub field_path: String,
    /// A rule id such as `AR04` for automatic returns; empty for people's.
    pub rule: String,
    pub text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
