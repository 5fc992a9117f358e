//! Three corrections of what an application's state says:
//! - `state_since`: when it entered its current state. The working-day
//!   clock counted from `updated_at`, so saving a 核验 record reset it.
//!   Filled from the latest history row (every row is a state change).
//! - `idle_warned_at`: when the owner of an idle draft or returned filing
//!   was warned that it expires after 45 days without a change.
//! - An approved 注销 now ends in 已注销 (`CANCELLED`), not 审核通过.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    StateSince,
    IdleWarnedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement, and adds a NOT NULL
        // column only with a constant default; every row gets its real
        // value just below.
        for column in [
            ColumnDef::new(Application::StateSince)
                .timestamp_with_time_zone()
                .not_null()
                .default("1970-01-01 00:00:00+00:00")
                .to_owned(),
            ColumnDef::new(Application::IdleWarnedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Application::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE application SET state_since = COALESCE(\
               (SELECT MAX(h.at) FROM history h WHERE h.application_id = application.id), \
               updated_at)",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE application SET state = 'CANCELLED' WHERE kind = 'CANCEL' AND state = 'APPROVED'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE application SET state = 'APPROVED' WHERE kind = 'CANCEL' AND state = 'CANCELLED'",
            )
            .await?;
        for column in [Application::StateSince, Application::IdleWarnedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Application::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
