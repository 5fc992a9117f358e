//! 注销: what a cancellation application asks for, and the failed 备案密码
//! tries that lock a subject's password for an hour.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    Cancellation,
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
                    .table(Application::Table)
                    .drop_column(Application::Cancellation)
                    .to_owned(),
            )
            .await
    }
}
