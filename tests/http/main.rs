//! Integration tests: a real server over HTTP against a real database.
//!
//! `BEIAN_TEST_BACKEND=sqlite` (default) or `postgres` picks the database;
//! see `harness` for how each test gets its own.

mod fixtures;
mod harness;

mod access_matrix;
mod accounts_admin;
mod auth;
mod batch;
mod cancellation;
mod change;
mod check_cli;
mod claim;
mod code_tables;
mod config;
mod crash;
mod dashboard;
mod demo_data;
mod electronic_verification;
mod export;
mod history;
mod import;
mod inspection;
mod language;
mod mail;
mod messages;
mod model;
mod no_script;
mod pre_approval;
mod province_rules;
mod public_lookup;
mod public_security;
mod races;
mod review;
mod search;
mod security;
mod services;
mod shells;
mod sms;
mod spawned;
mod trust;
mod visibility;
mod wizard;
