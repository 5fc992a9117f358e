//! One file per screen, grouped by area: each role's home, signing in,
//! entering filings, reviewing them, searching, the provider's batch tools,
//! the admin's accounts and the public pages.

pub mod admin;
pub mod auth;
pub mod filing;
pub mod home;
pub mod provider;
pub mod public;
pub mod review;
pub mod search;
