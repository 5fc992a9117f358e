//! Access providers, filing applications (备案申请) with their domains,
//! uploaded documents (上传资料) and the append-only history (历史记录).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Provider {
    Table,
    Id,
    Name,
    IpBlocks,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    ProviderId,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    Kind,
    Channel,
    Stage,
    State,
    Version,
    OwnerId,
    CreatedBy,
    ProviderId,
    SubjectName,
    SubjectCertNumber,
    Province,
    Payload,
    Verification,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ApplicationDomain {
    Table,
    ApplicationId,
    Domain,
}

#[derive(DeriveIden)]
enum Document {
    Table,
    Id,
    ApplicationId,
    UploadedBy,
    Kind,
    FileName,
    Mime,
    Size,
    Sha256,
    Bytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum History {
    Table,
    Id,
    ApplicationId,
    ActorId,
    ActorRole,
    Action,
    StateFrom,
    StateTo,
    Reason,
    At,
}

fn index(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(Alias::new(*col));
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Provider::Table)
                    .if_not_exists()
                    .col(pk_auto(Provider::Id))
                    .col(string_len_uniq(Provider::Name, 100))
                    .col(text(Provider::IpBlocks).default(""))
                    .col(timestamp_with_time_zone(Provider::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .add_column(integer_null(Account::ProviderId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_account_provider",
                Account::Table,
                &["provider_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Application::Table)
                    .if_not_exists()
                    .col(pk_auto(Application::Id))
                    .col(string_len(Application::Kind, 32))
                    .col(string_len(Application::Channel, 16))
                    .col(string_len(Application::Stage, 16))
                    .col(string_len(Application::State, 32))
                    .col(integer(Application::Version).default(1))
                    .col(integer(Application::OwnerId))
                    .col(integer(Application::CreatedBy))
                    .col(integer_null(Application::ProviderId))
                    .col(string_len(Application::SubjectName, 100).default(""))
                    .col(string_len(Application::SubjectCertNumber, 32).default(""))
                    .col(string_len(Application::Province, 6).default(""))
                    .col(text(Application::Payload))
                    .col(text_null(Application::Verification))
                    .col(timestamp_with_time_zone(Application::CreatedAt))
                    .col(timestamp_with_time_zone(Application::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Application::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Application::Table, Application::OwnerId)
                            .to(Account::Table, Account::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Application::Table, Application::CreatedBy)
                            .to(Account::Table, Account::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Application::Table, Application::ProviderId)
                            .to(Provider::Table, Provider::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_application_owner", &["owner_id", "updated_at"][..]),
            (
                "idx_application_provider_state",
                &["provider_id", "state"][..],
            ),
            ("idx_application_cert_number", &["subject_cert_number"][..]),
        ] {
            manager
                .create_index(index(name, Application::Table, cols))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ApplicationDomain::Table)
                    .if_not_exists()
                    .col(integer(ApplicationDomain::ApplicationId))
                    .col(string_len(ApplicationDomain::Domain, 253))
                    .primary_key(
                        Index::create()
                            .col(ApplicationDomain::ApplicationId)
                            .col(ApplicationDomain::Domain),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationDomain::Table, ApplicationDomain::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_application_domain_domain",
                ApplicationDomain::Table,
                &["domain"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Document::Table)
                    .if_not_exists()
                    .col(pk_auto(Document::Id))
                    .col(integer(Document::ApplicationId))
                    .col(integer(Document::UploadedBy))
                    .col(string_len(Document::Kind, 32))
                    .col(string_len(Document::FileName, 255))
                    .col(string_len(Document::Mime, 64))
                    .col(integer(Document::Size))
                    .col(string_len(Document::Sha256, 64))
                    .col(blob(Document::Bytes))
                    .col(timestamp_with_time_zone(Document::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Document::Table, Document::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_document_application",
                Document::Table,
                &["application_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(History::Table)
                    .if_not_exists()
                    .col(pk_auto(History::Id))
                    .col(integer(History::ApplicationId))
                    .col(integer(History::ActorId))
                    .col(string_len(History::ActorRole, 32))
                    .col(string_len(History::Action, 32))
                    .col(string_len_null(History::StateFrom, 32))
                    .col(string_len(History::StateTo, 32))
                    .col(text(History::Reason).default(""))
                    .col(timestamp_with_time_zone(History::At))
                    .foreign_key(
                        ForeignKey::create()
                            .from(History::Table, History::ApplicationId)
                            .to(Application::Table, Application::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_history_application",
                History::Table,
                &["application_id", "id"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            History::Table.into_iden(),
            Document::Table.into_iden(),
            ApplicationDomain::Table.into_iden(),
            Application::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_account_provider")
                    .table(Account::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .drop_column(Account::ProviderId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Provider::Table).to_owned())
            .await
    }
}
