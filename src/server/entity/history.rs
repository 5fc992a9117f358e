//! `history` (历史记录): append-only; every state change writes one row in
//! the same transaction.

use sea_orm::entity::prelude::*;

use super::json::Json;
use crate::domain::filing::Filing;
use crate::domain::workflow::{HistoryAction, State};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// The acting account; 0 for the simulated upstream (`actor_role` system).
    pub actor_id: i32,
    pub actor_role: String,
    /// What happened, stored by its code (e.g. `SUBMIT`).
    pub action: HistoryAction,
    /// `None` for a creation.
    pub state_from: Option<State>,
    pub state_to: State,
    pub reason: String,
    /// The filing as a submission sent it, a return sent it back, or a
    /// change's approval found the record (for the diff).
    pub snapshot: Option<Json<Filing>>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
