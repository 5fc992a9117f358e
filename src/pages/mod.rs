//! One file per screen, grouped by who uses it.

pub mod admin;
pub mod auth;
pub mod filer;
pub mod filing;
pub mod home;
pub mod provider;
pub mod public;
pub mod review;
pub mod reviewer;
pub mod search;
