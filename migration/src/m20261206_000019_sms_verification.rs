//! 短信核验: `sms_check`, one row per distinct 负责人 mobile of an
//! application in 待短信核验 (the code only as a hash), and `sms_outbox`,
//! the texts to send, written in the same transaction.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SmsCheck {
    Table,
    Id,
    ApplicationId,
    Mobile,
    Holders,
    CertTails,
    CodeHash,
    Tries,
    Resent,
    Status,
    SentAt,
    Deadline,
    ConfirmedAt,
}

#[derive(DeriveIden)]
enum SmsOutbox {
    Table,
    Id,
    Mobile,
    Body,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SmsCheck::Table)
                    .if_not_exists()
                    .col(pk_auto(SmsCheck::Id))
                    .col(integer(SmsCheck::ApplicationId))
                    .col(string_len(SmsCheck::Mobile, 11))
                    .col(string_len(SmsCheck::Holders, 500))
                    .col(string_len(SmsCheck::CertTails, 200))
                    .col(string_len(SmsCheck::CodeHash, 64))
                    .col(integer(SmsCheck::Tries).default(0))
                    .col(boolean(SmsCheck::Resent).default(false))
                    .col(string_len(SmsCheck::Status, 16))
                    .col(timestamp_with_time_zone(SmsCheck::SentAt))
                    .col(timestamp_with_time_zone(SmsCheck::Deadline))
                    .col(timestamp_with_time_zone_null(SmsCheck::ConfirmedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SmsCheck::Table, SmsCheck::ApplicationId)
                            .to(Application::Table, Application::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_sms_check_application", SmsCheck::ApplicationId),
            ("idx_sms_check_mobile", SmsCheck::Mobile),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(SmsCheck::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(SmsOutbox::Table)
                    .if_not_exists()
                    .col(pk_auto(SmsOutbox::Id))
                    .col(string_len(SmsOutbox::Mobile, 11))
                    .col(text(SmsOutbox::Body))
                    .col(timestamp_with_time_zone(SmsOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(SmsOutbox::SentAt))
                    .col(integer(SmsOutbox::Attempts).default(0))
                    .col(text_null(SmsOutbox::LastError))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [SmsOutbox::Table.into_iden(), SmsCheck::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
