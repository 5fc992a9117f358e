//! 公安联网备案: a live website's 公网安备 number once the filer records it,
//! and the stage of the last reminder (7 or 1 days left) so each is sent
//! once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Site {
    Table,
    PsbNumber,
    PsbReminded,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .add_column(string_len_null(Site::PsbNumber, 40))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .add_column(integer_null(Site::PsbReminded))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Site::PsbReminded, Site::PsbNumber] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Site::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
