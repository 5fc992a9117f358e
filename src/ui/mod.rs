//! Reusable components: form fields with inline errors, alerts, the
//! language toggle, the pager and the role gate.

pub mod alert;
pub mod field;
pub mod language;
pub mod pager;
pub mod role_gate;
