//! `sms_check`: one 负责人 mobile's 短信核验 for an application in
//! 待短信核验 (`domain::sms`). The code is kept only as a hash.

use sea_orm::entity::prelude::*;

use crate::domain::sms::SmsStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sms_check")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// The mobile, 11 digits.
    pub mobile: String,
    /// Who holds it, e.g. `主体负责人 张三、网站2负责人 张三`.
    pub holders: String,
    /// The certificate tails that confirm it, comma-separated.
    pub cert_tails: String,
    /// SHA-256 of the check's id and the code, hex.
    pub code_hash: String,
    /// Wrong tries since the code was (re-)sent.
    pub tries: i32,
    /// Whether its one re-send was used.
    pub resent: bool,
    pub status: SmsStatus,
    pub sent_at: DateTimeUtc,
    pub deadline: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
