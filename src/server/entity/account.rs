//! `account` (用户): every person who signs in, whatever the role.

use sea_orm::entity::prelude::*;

use crate::domain::account::AccountStatus;
use crate::domain::lang::Lang;
use crate::domain::role::Role;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Canonical (lower-case) login name.
    #[sea_orm(unique)]
    pub username: String,
    /// argon2id PHC string; never leaves the server.
    pub password_hash: String,
    /// Stored by its code (e.g. `provider_staff`).
    pub role: Role,
    pub real_name: String,
    pub mobile: String,
    pub email: String,
    /// `org` or `person`, for filers only.
    pub filer_kind: Option<String>,
    /// GB/T 2260 province code, for 管局 reviewers only.
    pub province: Option<String>,
    /// Stored as `active` or `disabled`.
    pub status: AccountStatus,
    pub last_login_at: Option<DateTimeUtc>,
    /// The login before the last one, shown as 上次登录 to spot misuse.
    pub previous_login_at: Option<DateTimeUtc>,
    /// When the holder accepted the registration agreements; `None` for
    /// accounts staff or the admin opened.
    pub agreements_accepted_at: Option<DateTimeUtc>,
    /// The `AGREEMENTS_VERSION` accepted then.
    pub agreements_version: Option<String>,
    pub created_at: DateTimeUtc,
    /// The access provider, for provider staff and provider admins.
    pub provider_id: Option<i32>,
    /// Bumped by a password change and by disabling: sessions signed in
    /// at an older epoch no longer count.
    pub session_epoch: i32,
    /// For a pre-approval authority: the 前置审批 type codes it decides, as
    /// `,code,code,`; it sees only applications carrying one of them.
    pub pre_approval_kinds: String,
    /// The language the holder last chose; `None` until they choose.
    pub language: Option<Lang>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
