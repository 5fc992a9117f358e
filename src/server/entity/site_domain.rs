//! `site_domain`: which live site holds a domain, so a domain is filed
//! under one subject only (AR04) and the public can look it up.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "site_domain")]
pub struct Model {
    /// Normalised registrable domain.
    #[sea_orm(primary_key, auto_increment = false)]
    pub domain: String,
    pub site_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
