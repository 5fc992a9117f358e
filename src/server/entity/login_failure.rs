//! `login_failure`: consecutive failed logins for one username, kept for
//! any name tried, so an unknown name locks and costs like a real account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_failure")]
pub struct Model {
    /// The canonical username tried (`domain::account::canonical_username`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub username: String,
    /// Consecutive failures since the last successful login.
    pub failures: i32,
    /// Logins (and password changes) are refused until this time.
    pub locked_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
