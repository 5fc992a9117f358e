//! The schema authority for both SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_accounts_and_sessions;
mod m20261128_000002_filings;
mod m20261128_000003_review;
mod m20261128_000004_list_filter_and_mail_retries;
mod m20261128_000005_messages;
mod m20261128_000006_cancel_and_change;
mod m20261129_000007_record_search;
mod m20261129_000008_scale_indexes;
mod m20261129_000009_subject_province;
mod m20261129_000010_session_epoch;
mod m20261204_000011_login_failures;
mod m20261206_000012_access_policy;
mod m20261206_000013_site_access;
mod m20261206_000014_drop_stage;
mod m20261206_000015_state_clock;
mod m20261206_000016_agreements_version;
mod m20261206_000017_record_versions;
mod m20261206_000018_pre_approval_decisions;
mod m20261206_000019_sms_verification;
mod m20261206_000020_service_kinds;
mod m20261206_000021_verify_links;
mod m20261207_000022_account_language;
mod m20261207_000023_notification_english;
mod m20261207_000024_inspections;
mod m20261207_000025_public_security;
mod m20261207_000026_shells_and_mobiles;
mod m20261208_000027_subject_grams;

/// Runs the migrations in order; the app calls `Migrator::up` at start.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_accounts_and_sessions::Migration),
            Box::new(m20261128_000002_filings::Migration),
            Box::new(m20261128_000003_review::Migration),
            Box::new(m20261128_000004_list_filter_and_mail_retries::Migration),
            Box::new(m20261128_000005_messages::Migration),
            Box::new(m20261128_000006_cancel_and_change::Migration),
            Box::new(m20261129_000007_record_search::Migration),
            Box::new(m20261129_000008_scale_indexes::Migration),
            Box::new(m20261129_000009_subject_province::Migration),
            Box::new(m20261129_000010_session_epoch::Migration),
            Box::new(m20261204_000011_login_failures::Migration),
            Box::new(m20261206_000012_access_policy::Migration),
            Box::new(m20261206_000013_site_access::Migration),
            Box::new(m20261206_000014_drop_stage::Migration),
            Box::new(m20261206_000015_state_clock::Migration),
            Box::new(m20261206_000016_agreements_version::Migration),
            Box::new(m20261206_000017_record_versions::Migration),
            Box::new(m20261206_000018_pre_approval_decisions::Migration),
            Box::new(m20261206_000019_sms_verification::Migration),
            Box::new(m20261206_000020_service_kinds::Migration),
            Box::new(m20261206_000021_verify_links::Migration),
            Box::new(m20261207_000022_account_language::Migration),
            Box::new(m20261207_000023_notification_english::Migration),
            Box::new(m20261207_000024_inspections::Migration),
            Box::new(m20261207_000025_public_security::Migration),
            Box::new(m20261207_000026_shells_and_mobiles::Migration),
            Box::new(m20261208_000027_subject_grams::Migration),
        ]
    }
}
