//! The HTTP side: the router and its middleware (input guard, security
//! headers, rate limits, the public page cache, audit events), the scan
//! download routes, the mapping of errors to statuses and what a plain
//! form post (no JavaScript) needs.

pub mod app;
pub mod audit;
pub mod document_routes;
pub mod error_status;
pub mod input_guard;
pub mod language_route;
pub mod page_cache;
pub mod plain_form;
pub mod rate_limit;
pub mod security_headers;
pub mod verify_routes;
