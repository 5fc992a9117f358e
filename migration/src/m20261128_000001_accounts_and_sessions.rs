//! Accounts (用户) and server-side sessions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Username,
    PasswordHash,
    Role,
    RealName,
    Mobile,
    Email,
    FilerKind,
    Province,
    Status,
    FailedLogins,
    LockedUntil,
    LastLoginAt,
    PreviousLoginAt,
    AgreementsAcceptedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .if_not_exists()
                    .col(pk_auto(Account::Id))
                    .col(string_len_uniq(Account::Username, 32))
                    .col(string(Account::PasswordHash))
                    .col(string_len(Account::Role, 32))
                    .col(string_len(Account::RealName, 64))
                    .col(string_len(Account::Mobile, 16).default(""))
                    .col(string_len(Account::Email, 254).default(""))
                    .col(string_len_null(Account::FilerKind, 16))
                    .col(string_len_null(Account::Province, 6))
                    .col(string_len(Account::Status, 16).default("active"))
                    .col(integer(Account::FailedLogins).default(0))
                    .col(timestamp_with_time_zone_null(Account::LockedUntil))
                    .col(timestamp_with_time_zone_null(Account::LastLoginAt))
                    .col(timestamp_with_time_zone_null(Account::PreviousLoginAt))
                    .col(timestamp_with_time_zone_null(Account::AgreementsAcceptedAt))
                    .col(timestamp_with_time_zone(Account::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_account_role")
                    .table(Account::Table)
                    .col(Account::Role)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .if_not_exists()
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(text(Session::Data))
                    .col(big_integer(Session::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_expires_at")
                    .table(Session::Table)
                    .col(Session::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Session::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Account::Table).to_owned())
            .await
    }
}
