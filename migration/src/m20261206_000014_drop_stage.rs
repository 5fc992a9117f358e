//! `application.stage` was written on every approval and never read: the
//! 备案阶段 a screen shows follows from the application's kind and state.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    Stage,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .drop_column(Application::Stage)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .add_column(
                        ColumnDef::new(Application::Stage)
                            .string_len(16)
                            .not_null()
                            .default("FILING"),
                    )
                    .to_owned(),
            )
            .await
    }
}
