//! Indexes for a national provider's size: the dashboards count a
//! province's open applications by state and the results of the last 30
//! days; 备案信息查询 pages live sites in 备案号 order and finds subjects by
//! part of their name or their 负责人's. For "contains" PostgreSQL gets
//! trigram (pg_trgm) indexes; SQLite gets covering indexes, so the scan
//! reads only the names (README "Benchmarks" has the measurements).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

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

/// (index, column) of the subject's searched names.
const NAME_INDEXES: [(&str, &str); 2] = [
    ("idx_subject_name", "name"),
    ("idx_subject_principal_name", "principal_name"),
];

#[derive(DeriveIden)]
enum Site {
    Table,
    Status,
    Number,
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
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_site_status_number")
                    .table(Site::Table)
                    .col(Site::Status)
                    .col(Site::Number)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let mut statements = Vec::new();
        if backend == DbBackend::Postgres {
            statements.push("CREATE EXTENSION IF NOT EXISTS pg_trgm".to_owned());
        }
        for (index, column) in NAME_INDEXES {
            statements.push(match backend {
                DbBackend::Postgres => {
                    format!("CREATE INDEX {index} ON subject USING gin ({column} gin_trgm_ops)")
                }
                _ => format!("CREATE INDEX {index} ON subject ({column}, id)"),
            });
        }
        for sql in statements {
            db.execute_raw(Statement::from_string(backend, sql)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (index, _) in NAME_INDEXES {
            db.execute_raw(Statement::from_string(
                db.get_database_backend(),
                format!("DROP INDEX {index}"),
            ))
            .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_site_status_number")
                    .table(Site::Table)
                    .to_owned(),
            )
            .await?;
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
