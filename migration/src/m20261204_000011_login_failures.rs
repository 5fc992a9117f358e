//! Failed logins counted per username, whether or not an account has it.
//!
//! They were counted on the account row, so only existing accounts were
//! ever locked, and on PostgreSQL counting a failure cost a WAL flush for a
//! real account and nothing for an unknown name: both told an attacker
//! which usernames exist. Every failed login now writes the same row shape
//! for any name.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginFailure {
    Table,
    Username,
    Failures,
    LockedUntil,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    FailedLogins,
    LockedUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginFailure::Table)
                    .col(string(LoginFailure::Username).primary_key())
                    .col(integer(LoginFailure::Failures))
                    .col(timestamp_with_time_zone_null(LoginFailure::LockedUntil))
                    .to_owned(),
            )
            .await?;
        // SQLite takes one column per ALTER TABLE.
        for column in [Account::FailedLogins, Account::LockedUntil] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Account::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .add_column(integer(Account::FailedLogins).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .add_column(timestamp_with_time_zone_null(Account::LockedUntil))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(LoginFailure::Table).to_owned())
            .await
    }
}
