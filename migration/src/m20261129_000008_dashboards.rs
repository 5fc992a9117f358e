//! The dashboards count a province's open applications by state and the
//! results of the last 30 days: an index for each, so neither scans its
//! whole table at a national provider's size.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    Province,
    State,
}

#[derive(DeriveIden)]
enum History {
    Table,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_application_province_state")
                    .table(Application::Table)
                    .col(Application::Province)
                    .col(Application::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_history_at")
                    .table(History::Table)
                    .col(History::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_history_at")
                    .table(History::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_application_province_state")
                    .table(Application::Table)
                    .to_owned(),
            )
            .await
    }
}
