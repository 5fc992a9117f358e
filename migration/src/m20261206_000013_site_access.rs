//! A site served by several providers at once.
//!
//! 新增接入 (转入) adds a provider's access beside the others instead of
//! replacing them, so `site.provider_id` (one provider per site) gives way
//! to `site_access`: one row per site and provider serving it. The rows
//! are derived from the site's approved accesses, each of which now names
//! its provider (`provider_id` inside the payload's `accesses`); the access
//! policy reads the rows, as a payload cannot be queried on both databases.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement, Value};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
    ProviderId,
}

#[derive(DeriveIden)]
enum SiteAccess {
    Table,
    SiteId,
    ProviderId,
}

/// Sites rewritten per statement batch.
const PAGE: i64 = 1000;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SiteAccess::Table)
                    .col(ColumnDef::new(SiteAccess::SiteId).integer().not_null())
                    .col(ColumnDef::new(SiteAccess::ProviderId).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(SiteAccess::SiteId)
                            .col(SiteAccess::ProviderId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SiteAccess::Table, SiteAccess::SiteId)
                            .to(Site::Table, Site::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_site_access_provider")
                    .table(SiteAccess::Table)
                    .col(SiteAccess::ProviderId)
                    .col(SiteAccess::SiteId)
                    .to_owned(),
            )
            .await?;
        tag_accesses(manager).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .drop_column(Site::ProviderId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .add_column(ColumnDef::new(Site::ProviderId).integer().null())
                    .to_owned(),
            )
            .await?;
        // One provider per site again: the first that serves it.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE site SET provider_id = (SELECT MIN(a.provider_id) FROM site_access a \
                 WHERE a.site_id = site.id)",
            )
            .await?;
        manager
            .drop_table(Table::drop().table(SiteAccess::Table).to_owned())
            .await?;
        Ok(())
    }
}

/// Writes each served site's provider into its accesses and its
/// `site_access` row, a page of sites at a time.
async fn tag_accesses(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let placeholder = |n: usize| match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_owned(),
    };
    let mut after = 0_i64;
    loop {
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "SELECT id, provider_id, payload FROM site \
                     WHERE provider_id IS NOT NULL AND id > {} ORDER BY id LIMIT {PAGE}",
                    placeholder(1)
                ),
                [Value::from(after)],
            ))
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = i64::from(last.try_get::<i32>("", "id")?);
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let provider: i32 = row.try_get("", "provider_id")?;
            let payload: String = row.try_get("", "payload")?;
            let mut site: serde_json::Value = serde_json::from_str(&payload)
                .map_err(|e| DbErr::Migration(format!("site {id}: unreadable payload: {e}")))?;
            let Some(accesses) = site.get_mut("accesses").and_then(|a| a.as_array_mut()) else {
                continue;
            };
            if accesses.is_empty() {
                continue;
            }
            for access in accesses.iter_mut() {
                if let Some(fields) = access.as_object_mut() {
                    fields.insert("provider_id".into(), provider.into());
                }
            }
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "UPDATE site SET payload = {} WHERE id = {}",
                    placeholder(1),
                    placeholder(2)
                ),
                [Value::from(site.to_string()), Value::from(id)],
            ))
            .await?;
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "INSERT INTO site_access (site_id, provider_id) VALUES ({}, {})",
                    placeholder(1),
                    placeholder(2)
                ),
                [Value::from(id), Value::from(provider)],
            ))
            .await?;
        }
    }
}
