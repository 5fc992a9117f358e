//! `record_version` (历史版本): a record (主体 with its live sites) as one
//! approval left it, numbered from 1 per subject.

use sea_orm::entity::prelude::*;

use super::json::Json;
use crate::domain::filing::Filing;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub subject_id: i32,
    /// 1 for the first approval, then one more per approval.
    pub version: i32,
    /// The approved application that made this version.
    pub application_id: i32,
    pub approved_at: DateTimeUtc,
    /// The subject and its live sites after that approval.
    pub filing: Json<Filing>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
