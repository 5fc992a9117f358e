//! `inspection`: one 核查 finding a live website had to fix, from the check
//! that found it until a later check found the site right, or the site or
//! its access ended. At most one per site is pending (open or overdue).

use sea_orm::entity::prelude::*;

use crate::domain::inspection::{Finding, TaskStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub site_id: i32,
    /// The domain whose home page was fetched.
    pub domain: String,
    /// What the latest check found wrong.
    pub finding: Finding,
    pub status: TaskStatus,
    pub opened_at: DateTimeUtc,
    /// Fix by then, or staff are asked to end the access.
    pub deadline: DateTimeUtc,
    /// The latest check of the site while the task was pending.
    pub checked_at: DateTimeUtc,
    /// When it was fixed or ended.
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
