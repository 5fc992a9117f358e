//! `record_version`: the record (主体 with its live sites) as each approval
//! left it, so 历史记录 shows a record's successive approved versions and
//! compares any two. Records approved before this migration start their
//! versions at their next approval.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RecordVersion {
    Table,
    Id,
    SubjectId,
    Version,
    ApplicationId,
    ApprovedAt,
    Filing,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RecordVersion::Table)
                    .col(pk_auto(RecordVersion::Id))
                    .col(integer(RecordVersion::SubjectId))
                    .col(integer(RecordVersion::Version))
                    .col(integer(RecordVersion::ApplicationId))
                    .col(timestamp_with_time_zone(RecordVersion::ApprovedAt))
                    .col(text(RecordVersion::Filing))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_record_version_subject")
                    .table(RecordVersion::Table)
                    .col(RecordVersion::SubjectId)
                    .col(RecordVersion::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RecordVersion::Table).to_owned())
            .await
    }
}
