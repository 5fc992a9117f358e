//! `application.pre_approval_decisions`: the 前置审批 items decided so far
//! in the current round, as JSON. Each authority decides its own items; the
//! application moves on once every item is decided. Empty (NULL) for every
//! existing row: none is halfway through such a round.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    PreApprovalDecisions,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .add_column(
                        ColumnDef::new(Application::PreApprovalDecisions)
                            .text()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .drop_column(Application::PreApprovalDecisions)
                    .to_owned(),
            )
            .await
    }
}
