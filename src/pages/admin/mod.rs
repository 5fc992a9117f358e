//! Screens of the system administrator.

pub mod accounts;
pub mod rules;
pub mod sms;
