//! `subject` (主体): the live record of an approved 主办者, holding its
//! 主体备案号 and the hash of its 备案密码.

use sea_orm::entity::prelude::*;

use crate::domain::record::RecordStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subject")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Normalised certificate number; one subject per certificate.
    #[sea_orm(unique)]
    pub cert_number: String,
    pub name: String,
    pub province: String,
    /// 主体备案号, e.g. `蜀ICP备2026000001号`; never reused.
    #[sea_orm(unique)]
    pub number: String,
    /// Argon2 hash of the 备案密码; the password itself is never stored.
    pub password_hash: String,
    /// The highest site suffix ever issued, so `-n` is never reused.
    pub last_site_suffix: i32,
    /// Stored as `live` or `cancelled`.
    pub status: RecordStatus,
    pub owner_id: i32,
    /// The application whose approval created it.
    pub application_id: i32,
    pub approved_at: DateTimeUtc,
    /// Bumped by every approved 变更.
    pub version: i32,
    /// 单位性质 code, for 备案信息查询's filter (it never changes).
    pub nature: String,
    /// 主体负责人's name, kept current by approved changes.
    pub principal_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
