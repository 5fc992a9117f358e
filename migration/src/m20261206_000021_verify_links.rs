//! 电子化核验: `verify_link`, one row per one-time link provider staff open
//! for an application's 核验. The filer opens it on a phone and uploads a
//! front-facing photo and the certificate's two sides; staff then accept
//! or open a new link. The token is kept only as a hash.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum VerifyLink {
    Table,
    Id,
    ApplicationId,
    TokenHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    PhotoId,
    CertFrontId,
    CertBackId,
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
                    .table(VerifyLink::Table)
                    .if_not_exists()
                    .col(pk_auto(VerifyLink::Id))
                    .col(integer(VerifyLink::ApplicationId))
                    .col(string_len_uniq(VerifyLink::TokenHash, 64))
                    .col(integer(VerifyLink::CreatedBy))
                    .col(timestamp_with_time_zone(VerifyLink::CreatedAt))
                    .col(timestamp_with_time_zone(VerifyLink::ExpiresAt))
                    .col(timestamp_with_time_zone_null(VerifyLink::UsedAt))
                    .col(integer_null(VerifyLink::PhotoId))
                    .col(integer_null(VerifyLink::CertFrontId))
                    .col(integer_null(VerifyLink::CertBackId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(VerifyLink::Table, VerifyLink::ApplicationId)
                            .to(Application::Table, Application::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_verify_link_application")
                    .table(VerifyLink::Table)
                    .col(VerifyLink::ApplicationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(VerifyLink::Table).to_owned())
            .await
    }
}
