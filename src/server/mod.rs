//! Server-only code: configuration, database, entities, authentication and
//! the services the server functions call. Compiled with the `ssr` feature.

pub mod accounts;
pub mod app;
pub mod auth;
pub mod batch;
pub mod cancellations;
pub mod changes;
pub mod config;
pub mod dashboard;
pub mod db;
pub mod demo_data;
pub mod document_routes;
pub mod documents;
pub mod entity;
pub mod error_status;
pub mod filing_password;
pub mod filings;
pub mod history_search;
pub mod live;
pub mod mail;
pub mod messages;
pub mod notifications;
pub mod numbers;
pub mod providers;
pub mod public_lookup;
pub mod queues;
pub mod rate_limit;
pub mod records;
pub mod review;
pub mod search;
pub mod security_headers;
pub mod seed;
pub mod state;
pub mod time;
pub mod upstream;
