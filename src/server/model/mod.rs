//! Behaviour on the stored rows: decoding what a row holds as JSON into the
//! domain types, in one place, so a service or server function asks
//! `app.filing()` and never parses. The tables' shape stays in `entity`.

pub mod application;
pub mod history;
pub mod site;
