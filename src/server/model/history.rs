//! What a history row holds, as domain values.

use crate::domain::filing::Filing;
use crate::domain::role::Role;
use crate::server::entity::history::Model;

impl Model {
    /// The filing as this operation left it (a submission, a return, or
    /// for a change's approval the record before it), if it kept one.
    pub fn snapshot_filing(&self) -> Option<Filing> {
        self.snapshot.as_ref().map(|s| s.0.clone())
    }

    /// The role that acted; `None` for the simulated province and ministry
    /// (stored as `system`).
    pub fn actor(&self) -> Option<Role> {
        Role::from_code(&self.actor_role)
    }
}
