//! Pure business rules shared by the server and the browser (WASM).
//!
//! Nothing here does I/O or depends on Leptos or SeaORM, so the same
//! validation runs as the user types and again on every server call.

pub mod account;
pub mod field_error;
pub mod region;
pub mod role;
pub mod text;
