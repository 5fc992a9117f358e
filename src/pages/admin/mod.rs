//! Screens of the system administrator.

pub mod accounts;
