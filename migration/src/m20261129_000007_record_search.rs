//! 备案信息查询 filters records by 单位性质 and 负责人 and pages them by
//! approval time: the subject keeps both as columns (filled here from the
//! approving application's payload for records approved before), and the
//! site an index for the keyset.

use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
    Nature,
    PrincipalName,
}

#[derive(DeriveIden)]
enum Site {
    Table,
    Status,
    ApprovedAt,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Subject::Table)
                    .add_column(string_len(Subject::Nature, 32).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Subject::Table)
                    .add_column(string_len(Subject::PrincipalName, 50).default(""))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT subject.id, application.payload FROM subject \
                 JOIN application ON application.id = subject.application_id",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let payload: String = row.try_get("", "payload")?;
            let filing: serde_json::Value = serde_json::from_str(&payload).unwrap_or_default();
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            let update = Query::update()
                .table(Subject::Table)
                .value(Subject::Nature, text(&filing["subject"]["nature"]))
                .value(
                    Subject::PrincipalName,
                    text(&filing["subject"]["principal"]["name"]),
                )
                .and_where(Expr::col(Subject::Id).eq(id))
                .to_owned();
            manager.exec_stmt(update).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_site_status_approved")
                    .table(Site::Table)
                    .col(Site::Status)
                    .col(Site::ApprovedAt)
                    .col(Site::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_site_status_approved")
                    .table(Site::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Subject::Nature, Subject::PrincipalName] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Subject::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
