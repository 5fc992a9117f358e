//! 核查 after approval: `site.inspected_at`, when the checker last fetched
//! a live website's home page (the rounds take the longest-unchecked
//! first), and `inspection`, one row per finding a site had to fix: open
//! until a later check finds the site right, overdue past its deadline
//! (proposed to staff as 取消接入), ended when the site or access is gone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Inspection {
    Table,
    Id,
    SiteId,
    Domain,
    Finding,
    Status,
    OpenedAt,
    Deadline,
    CheckedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
    InspectedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .add_column(timestamp_with_time_zone_null(Site::InspectedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Inspection::Table)
                    .if_not_exists()
                    .col(pk_auto(Inspection::Id))
                    .col(integer(Inspection::SiteId))
                    .col(string_len(Inspection::Domain, 253))
                    .col(string_len(Inspection::Finding, 20))
                    .col(string_len(Inspection::Status, 10))
                    .col(timestamp_with_time_zone(Inspection::OpenedAt))
                    .col(timestamp_with_time_zone(Inspection::Deadline))
                    .col(timestamp_with_time_zone(Inspection::CheckedAt))
                    .col(timestamp_with_time_zone_null(Inspection::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inspection::Table, Inspection::SiteId)
                            .to(Site::Table, Site::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inspection_site_status")
                    .table(Inspection::Table)
                    .col(Inspection::SiteId)
                    .col(Inspection::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_site_inspected_at")
                    .table(Site::Table)
                    .col(Site::InspectedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Inspection::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_site_inspected_at")
                    .table(Site::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .drop_column(Site::InspectedAt)
                    .to_owned(),
            )
            .await
    }
}
