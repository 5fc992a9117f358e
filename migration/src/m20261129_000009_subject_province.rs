//! 备案信息查询 by province: the subjects of one province are found by
//! index instead of reading all of them (SQLite scanned 100,000 subjects
//! for every such search at a million sites).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Subject {
    Table,
    Province,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_subject_province")
                    .table(Subject::Table)
                    .col(Subject::Province)
                    .col(Subject::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_subject_province")
                    .table(Subject::Table)
                    .to_owned(),
            )
            .await
    }
}
