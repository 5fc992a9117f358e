//! Server functions, one file per capability. Each one authenticates,
//! authorises against the object, validates with `domain` and calls one
//! service; the bodies run only on the server.

pub mod admin;
pub mod auth;
pub mod batch;
pub mod cancel;
pub mod change;
pub mod claim;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod export;
pub mod filing;
pub mod history;
pub mod import;
pub mod inspections;
pub mod messages;
pub mod notifications;
pub mod provider;
pub mod public;
pub mod public_security;
pub mod records;
pub mod review;
pub mod shells;
pub mod sms;
pub mod verification;
