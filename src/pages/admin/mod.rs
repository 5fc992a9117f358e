//! Screens of the system administrator.

pub mod accounts;
pub mod sms;
