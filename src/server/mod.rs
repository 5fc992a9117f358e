//! Server-only code: configuration, database, entities, authentication and
//! the services the server functions call. Compiled with the `ssr` feature.

pub mod accounts;
pub mod auth;
pub mod batch;
pub mod cancellations;
pub mod changes;
pub mod control;
pub mod dashboard;
pub mod demo_data;
pub mod documents;
pub mod entity;
pub mod expiry;
pub mod filing_password;
pub mod filings;
pub mod history;
pub mod history_search;
pub mod http;
pub mod import;
pub mod infra;
pub mod inspections;
pub mod messages;
pub mod model;
pub mod notifications;
pub mod numbers;
pub mod pre_approval;
pub mod providers;
pub mod public_lookup;
pub mod queues;
pub mod record_search;
pub mod records;
pub mod review;
pub mod seed;
pub mod sms;
pub mod transition;
pub mod upstream;
pub mod verify_links;
