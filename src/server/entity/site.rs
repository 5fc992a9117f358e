//! `site` (网站 and the other services): the live record of an approved
//! website, app, mini-program or quick app with its 备案号 (the subject's
//! number, `-n` and the kind's letter) and its approved data as JSON. The providers
//! serving it are its accesses' (`site_access`).

use sea_orm::entity::prelude::*;

use super::json::Json;
use crate::domain::filing::Site;
use crate::domain::record::RecordStatus;
use crate::domain::service::ServiceKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "site")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub subject_id: i32,
    /// The `n` of `-n`.
    pub suffix: i32,
    #[sea_orm(unique)]
    pub number: String,
    pub name: String,
    /// The service kind, stored by its code.
    pub kind: ServiceKind,
    /// An app's packages or a mini-program's id as `,id,id,` (empty for a
    /// website), for the public lookup.
    pub app_ids: String,
    /// The approved site, each access naming its provider.
    pub payload: Json<Site>,
    /// Stored as `live` or `cancelled`.
    pub status: RecordStatus,
    /// The application that last approved it.
    pub application_id: i32,
    pub approved_at: DateTimeUtc,
    /// When the 核查 checker last fetched its home page (websites only).
    pub inspected_at: Option<DateTimeUtc>,
    /// 公网安备 number, once the filer recorded it (websites only).
    pub psb_number: Option<String>,
    /// Days left at the last 公安联网备案 reminder (7, then 1).
    pub psb_reminded: Option<i32>,
    /// While no provider serves it (a 空壳网站): the provider whose access
    /// ended last, whose dashboard keeps showing the shell it left.
    pub former_provider_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
