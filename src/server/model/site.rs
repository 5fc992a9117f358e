//! What a live site row holds, as domain values.

use crate::domain::filing::Site;
use crate::server::entity::site::Model;

impl Model {
    /// The site's approved data.
    pub fn data(&self) -> Site {
        self.payload.0.clone()
    }
}
