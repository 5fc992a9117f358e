//! `number_counter`: the last 备案号 serial issued per province and year,
//! bumped inside the approving transaction so no serial is issued twice.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "number_counter")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub province: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub last_serial: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
