//! `subject_gram`: every character and every pair of adjacent characters
//! of each live subject's 主办单位名称 and 负责人 name, so 备案信息查询's
//! "contains" starts from the subjects holding the typed text's rarest
//! pair instead of reading every name (`server::name_grams`).

use sea_orm::entity::prelude::*;

/// The subject's name a gram was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, DeriveValueType)]
#[sea_orm(value_type = "String")]
pub enum GramField {
    /// 主办单位名称 (`subject.name`).
    Name,
    /// 主体负责人's name (`subject.principal_name`).
    Principal,
}

impl GramField {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            GramField::Name => "name",
            GramField::Principal => "principal",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<GramField> {
        [GramField::Name, GramField::Principal]
            .into_iter()
            .find(|f| f.code() == code)
    }
}

crate::domain::code::stored_as_code!(GramField);

/// A part of the table's key, which no insert ever returns as an id.
impl sea_orm::TryFromU64 for GramField {
    fn try_from_u64(_: u64) -> Result<Self, DbErr> {
        Err(DbErr::ConvertFromU64("GramField"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subject_gram")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub field: GramField,
    /// One character or two, lower-cased.
    #[sea_orm(primary_key, auto_increment = false)]
    pub gram: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub subject_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
