//! Two follow-ups to the review workflow: the 前置审批 types an application
//! carries, as a column the authority's list can filter on without reading
//! every payload; and the outbox's retry bookkeeping for the SMTP sender.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    PreApprovalKinds,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Attempts,
    NextAttemptAt,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `,1,8,`: each code between commas, so one LIKE matches a whole
        // code and never a part of another.
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .add_column(string_len(Application::PreApprovalKinds, 200).default(""))
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(integer(Outbox::Attempts).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(timestamp_with_time_zone_null(Outbox::NextAttemptAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(string_len_null(Outbox::LastError, 500))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Outbox::Attempts, Outbox::NextAttemptAt, Outbox::LastError] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Outbox::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .drop_column(Application::PreApprovalKinds)
                    .to_owned(),
            )
            .await
    }
}
