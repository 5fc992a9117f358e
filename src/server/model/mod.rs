//! Behaviour on the stored rows, as domain values: a service or server
//! function asks `app.filing()` or `site.data()`. The tables' shape,
//! with their typed columns, stays in `entity`.

pub mod application;
pub mod history;
pub mod site;
