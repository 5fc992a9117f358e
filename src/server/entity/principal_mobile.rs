//! `principal_mobile`: the mobiles of each live subject's 负责人 (its own
//! and its live sites'), normalised, so the province rule "a mobile another
//! subject's 负责人 uses is refused" is one indexed lookup.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "principal_mobile")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub mobile: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub subject_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
