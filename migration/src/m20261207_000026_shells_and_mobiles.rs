//! Two province rules and 空壳 detection need facts the JSON payloads hold
//! but no query can reach:
//! - `principal_mobile`: each live subject's 负责人 mobiles (the subject's
//!   and its live sites' own), so "a mobile another subject's 负责人 uses"
//!   is one indexed lookup;
//! - `site.former_provider_id`: the provider whose access ended last while
//!   the site has none (a 空壳网站), so that provider still sees the shell
//!   it left on its dashboard.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement, Value};
use std::collections::BTreeSet;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PrincipalMobile {
    Table,
    Mobile,
    SubjectId,
}

#[derive(DeriveIden)]
enum Site {
    Table,
    FormerProviderId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PrincipalMobile::Table)
                    .col(string_len(PrincipalMobile::Mobile, 20))
                    .col(integer(PrincipalMobile::SubjectId))
                    .primary_key(
                        Index::create()
                            .col(PrincipalMobile::Mobile)
                            .col(PrincipalMobile::SubjectId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_principal_mobile_subject")
                    .table(PrincipalMobile::Table)
                    .col(PrincipalMobile::SubjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .add_column(integer_null(Site::FormerProviderId))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // Shells from before: the provider of the application that last
        // approved the site is the best guess of who served it last.
        db.execute_unprepared(
            "UPDATE site SET former_provider_id = \
             (SELECT provider_id FROM application WHERE application.id = site.application_id) \
             WHERE status = 'live' AND id NOT IN (SELECT site_id FROM site_access)",
        )
        .await?;
        fill_mobiles(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .drop_column(Site::FormerProviderId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(PrincipalMobile::Table).to_owned())
            .await
    }
}

/// The mobile as `domain::account::normalize_mobile` keeps it (the
/// migration cannot call the application's code): spaces, dashes and a
/// leading `+86`/`86` dropped; anything else that is not a mainland
/// mobile is skipped, as the application skips it.
fn normalized(mobile: &str) -> Option<String> {
    let compact: String = mobile.chars().filter(|c| *c != ' ' && *c != '-').collect();
    let digits = compact
        .strip_prefix("+86")
        .or_else(|| compact.strip_prefix("86").filter(|rest| rest.len() == 11))
        .unwrap_or(&compact);
    let bytes = digits.as_bytes();
    let valid = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    valid.then(|| digits.to_owned())
}

/// The mobile of a person object of a payload.
fn mobile_of(person: Option<&serde_json::Value>) -> Option<String> {
    normalized(person?.get("mobile")?.as_str()?)
}

/// Every live subject's mobiles: its 主体负责人's (from the application
/// that created it, as the application reads its subject data) and its
/// live sites' own 负责人's.
async fn fill_mobiles(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let mut found: BTreeSet<(String, i32)> = BTreeSet::new();
    let subjects = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT subject.id AS id, application.payload AS payload FROM subject \
             JOIN application ON application.id = subject.application_id \
             WHERE subject.status = 'live'",
        ))
        .await?;
    for row in subjects {
        let id: i32 = row.try_get("", "id")?;
        let payload: String = row.try_get("", "payload")?;
        let filing: serde_json::Value = serde_json::from_str(&payload)
            .map_err(|e| DbErr::Migration(format!("subject {id}: unreadable payload: {e}")))?;
        let principal = filing.get("subject").and_then(|s| s.get("principal"));
        if let Some(mobile) = mobile_of(principal) {
            found.insert((mobile, id));
        }
    }
    let sites = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT subject_id, payload FROM site WHERE status = 'live'",
        ))
        .await?;
    for row in sites {
        let id: i32 = row.try_get("", "subject_id")?;
        let payload: String = row.try_get("", "payload")?;
        let site: serde_json::Value = serde_json::from_str(&payload)
            .map_err(|e| DbErr::Migration(format!("site of {id}: unreadable payload: {e}")))?;
        let own = site.get("principal_same_as_subject") != Some(&serde_json::Value::Bool(true));
        if let Some(mobile) = mobile_of(site.get("principal")).filter(|_| own) {
            found.insert((mobile, id));
        }
    }
    let placeholder = |n: usize| match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_owned(),
    };
    for (mobile, subject) in found {
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO principal_mobile (mobile, subject_id) VALUES ({}, {})",
                placeholder(1),
                placeholder(2)
            ),
            [Value::from(mobile), Value::from(subject)],
        ))
        .await?;
    }
    Ok(())
}
