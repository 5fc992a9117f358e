//! SeaORM entities: table shape only, one file per table. Behaviour lives in
//! the services (`server::accounts`, `server::filings`, …).

pub mod account;
pub mod application;
pub mod application_domain;
pub mod document;
pub mod history;
pub mod inspection;
pub mod json;
pub mod login_failure;
pub mod message;
pub mod message_read;
pub mod notification;
pub mod number_counter;
pub mod outbox;
pub mod password_failure;
pub mod password_notice;
pub mod principal_mobile;
pub mod provider;
pub mod record_version;
pub mod return_reason;
pub mod session;
pub mod site;
pub mod site_access;
pub mod site_domain;
pub mod sms_check;
pub mod sms_outbox;
pub mod subject;
pub mod subject_gram;
pub mod verify_link;
