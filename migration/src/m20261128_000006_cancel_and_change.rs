//! After approval: what a cancellation application asks for, the live
//! record a change starts from, the record's version a change bumps, and
//! the failed 备案密码 tries that lock a subject's password for an hour.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    Cancellation,
    Base,
}

#[derive(DeriveIden)]
enum Subject {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum PasswordFailure {
    Table,
    Id,
    SubjectId,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .add_column(text_null(Application::Cancellation))
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .add_column(text_null(Application::Base))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Subject::Table)
                    .add_column(integer(Subject::Version).default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordFailure::Table)
                    .if_not_exists()
                    .col(pk_auto(PasswordFailure::Id))
                    .col(integer(PasswordFailure::SubjectId))
                    .col(timestamp_with_time_zone(PasswordFailure::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_password_failure_subject")
                    .table(PasswordFailure::Table)
                    .col(PasswordFailure::SubjectId)
                    .col(PasswordFailure::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PasswordFailure::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Subject::Table)
                    .drop_column(Subject::Version)
                    .to_owned(),
            )
            .await?;
        for column in [Application::Base, Application::Cancellation] {
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
