//! Pure business rules shared by the server and the browser (WASM).
//!
//! Nothing here does I/O or depends on Leptos, so the same validation runs
//! as the user types and again on every server call. The server build adds
//! one derive to the enums stored as codes, so entity columns hold them
//! typed; the browser build carries no SeaORM.

pub mod account;
pub mod calendar;
pub mod cancellation;
pub mod catalog;
pub mod certificate;
pub mod change;
pub mod check;
pub mod code;
pub mod code_tables;
pub mod csv;
pub mod dashboard;
pub mod date;
pub mod domain_name;
pub mod expiry;
pub mod field_error;
pub mod filing;
pub mod filing_paths;
pub mod icp_number;
pub mod identity;
pub mod import;
pub mod inspection;
pub mod ip;
pub mod ip_move;
pub mod lang;
pub mod message;
pub mod phone;
pub mod pre_approval;
pub mod province_rules;
pub mod public_lookup;
pub mod public_security;
pub mod punycode;
pub mod queue;
pub mod record;
pub mod region;
pub mod review;
pub mod role;
pub mod service;
pub mod site_name;
pub mod sms;
pub mod step_form;
pub mod text;
pub mod upload;
pub mod verification;
pub mod workflow;
