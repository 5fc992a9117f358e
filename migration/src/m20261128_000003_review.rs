//! The review workflow's tables: return reasons (未通过原因), the live
//! records an approval creates (主体 and 网站 with their 备案号), the
//! per-province number counters, the one-time 备案密码 notice, and the
//! in-app notifications with their e-mail outbox.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum History {
    Table,
    Id,
    Snapshot,
}

#[derive(DeriveIden)]
enum ReturnReason {
    Table,
    Id,
    ApplicationId,
    HistoryId,
    FieldPath,
    Rule,
    Text,
}

#[derive(DeriveIden)]
enum NumberCounter {
    Table,
    Province,
    Year,
    LastSerial,
}

#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
    CertNumber,
    Name,
    Province,
    Number,
    PasswordHash,
    LastSiteSuffix,
    Status,
    OwnerId,
    ApplicationId,
    ApprovedAt,
}

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
    SubjectId,
    Suffix,
    Number,
    Name,
    Payload,
    Status,
    ProviderId,
    ApplicationId,
    ApprovedAt,
}

#[derive(DeriveIden)]
enum SiteDomain {
    Table,
    Domain,
    SiteId,
}

#[derive(DeriveIden)]
enum PasswordNotice {
    Table,
    ApplicationId,
    OwnerId,
    Password,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    AccountId,
    ApplicationId,
    Text,
    Read,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    ToAddress,
    Subject,
    Body,
    CreatedAt,
    SentAt,
}

fn fk(
    from: impl IntoIden,
    col: impl IntoIden,
    to: impl IntoIden,
    to_col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, col)
        .to(to, to_col)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A return keeps the payload as it was returned, so the fix can be
        // shown as a diff.
        manager
            .alter_table(
                Table::alter()
                    .table(History::Table)
                    .add_column(text_null(History::Snapshot))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReturnReason::Table)
                    .if_not_exists()
                    .col(pk_auto(ReturnReason::Id))
                    .col(integer(ReturnReason::ApplicationId))
                    .col(integer(ReturnReason::HistoryId))
                    .col(string_len(ReturnReason::FieldPath, 100).default(""))
                    .col(string_len(ReturnReason::Rule, 32).default(""))
                    .col(text(ReturnReason::Text))
                    .foreign_key(&mut fk(
                        ReturnReason::Table,
                        ReturnReason::ApplicationId,
                        Application::Table,
                        Application::Id,
                    ))
                    .foreign_key(&mut fk(
                        ReturnReason::Table,
                        ReturnReason::HistoryId,
                        History::Table,
                        History::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_return_reason_history")
                    .table(ReturnReason::Table)
                    .col(ReturnReason::HistoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NumberCounter::Table)
                    .if_not_exists()
                    .col(string_len(NumberCounter::Province, 6))
                    .col(integer(NumberCounter::Year))
                    .col(integer(NumberCounter::LastSerial).default(0))
                    .primary_key(
                        Index::create()
                            .col(NumberCounter::Province)
                            .col(NumberCounter::Year),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Subject::Table)
                    .if_not_exists()
                    .col(pk_auto(Subject::Id))
                    .col(string_len_uniq(Subject::CertNumber, 32))
                    .col(string_len(Subject::Name, 100))
                    .col(string_len(Subject::Province, 6))
                    .col(string_len_uniq(Subject::Number, 40))
                    .col(text(Subject::PasswordHash))
                    .col(integer(Subject::LastSiteSuffix).default(0))
                    .col(string_len(Subject::Status, 16))
                    .col(integer(Subject::OwnerId))
                    .col(integer(Subject::ApplicationId))
                    .col(timestamp_with_time_zone(Subject::ApprovedAt))
                    .foreign_key(&mut fk(
                        Subject::Table,
                        Subject::OwnerId,
                        Account::Table,
                        Account::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Site::Table)
                    .if_not_exists()
                    .col(pk_auto(Site::Id))
                    .col(integer(Site::SubjectId))
                    .col(integer(Site::Suffix))
                    .col(string_len_uniq(Site::Number, 48))
                    .col(string_len(Site::Name, 100))
                    .col(text(Site::Payload))
                    .col(string_len(Site::Status, 16))
                    .col(integer_null(Site::ProviderId))
                    .col(integer(Site::ApplicationId))
                    .col(timestamp_with_time_zone(Site::ApprovedAt))
                    .foreign_key(&mut fk(
                        Site::Table,
                        Site::SubjectId,
                        Subject::Table,
                        Subject::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_site_subject_suffix")
                    .table(Site::Table)
                    .col(Site::SubjectId)
                    .col(Site::Suffix)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_site_application")
                    .table(Site::Table)
                    .col(Site::ApplicationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SiteDomain::Table)
                    .if_not_exists()
                    .col(string_len(SiteDomain::Domain, 253).primary_key())
                    .col(integer(SiteDomain::SiteId))
                    .foreign_key(&mut fk(
                        SiteDomain::Table,
                        SiteDomain::SiteId,
                        Site::Table,
                        Site::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordNotice::Table)
                    .if_not_exists()
                    .col(integer(PasswordNotice::ApplicationId).primary_key())
                    .col(integer(PasswordNotice::OwnerId))
                    .col(string_len(PasswordNotice::Password, 64))
                    .col(timestamp_with_time_zone(PasswordNotice::CreatedAt))
                    .foreign_key(&mut fk(
                        PasswordNotice::Table,
                        PasswordNotice::ApplicationId,
                        Application::Table,
                        Application::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notification::Table)
                    .if_not_exists()
                    .col(pk_auto(Notification::Id))
                    .col(integer(Notification::AccountId))
                    .col(integer_null(Notification::ApplicationId))
                    .col(text(Notification::Text))
                    .col(boolean(Notification::Read).default(false))
                    .col(timestamp_with_time_zone(Notification::CreatedAt))
                    .foreign_key(&mut fk(
                        Notification::Table,
                        Notification::AccountId,
                        Account::Table,
                        Account::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notification_account")
                    .table(Notification::Table)
                    .col(Notification::AccountId)
                    .col(Notification::Read)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .if_not_exists()
                    .col(pk_auto(Outbox::Id))
                    .col(string_len(Outbox::ToAddress, 254))
                    .col(string_len(Outbox::Subject, 200))
                    .col(text(Outbox::Body))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            Notification::Table.into_iden(),
            PasswordNotice::Table.into_iden(),
            SiteDomain::Table.into_iden(),
            Site::Table.into_iden(),
            Subject::Table.into_iden(),
            NumberCounter::Table.into_iden(),
            ReturnReason::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(History::Table)
                    .drop_column(History::Snapshot)
                    .to_owned(),
            )
            .await
    }
}
