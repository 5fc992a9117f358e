//! `subject_gram`: each live subject's 主办单位名称 and 负责人 name as their
//! characters and pairs of adjacent characters, so "contains" starts from
//! the few subjects holding the typed text's rarest pair. It replaces the
//! name indexes of `m20261129_000008_scale_indexes`: SQLite's made it read
//! every name, and PostgreSQL's trigrams do not help two-character text.

use std::collections::BTreeSet;

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SubjectGram {
    Table,
    Field,
    Gram,
    SubjectId,
}

/// The name indexes this table replaces.
const NAME_INDEXES: [(&str, &str); 2] = [
    ("idx_subject_name", "name"),
    ("idx_subject_principal_name", "principal_name"),
];

/// Rows per INSERT, within either database's limit on bound values.
const ROWS_PER_INSERT: usize = 5000;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SubjectGram::Table)
                    .col(string_len(SubjectGram::Field, 16))
                    .col(string_len(SubjectGram::Gram, 16))
                    .col(integer(SubjectGram::SubjectId))
                    .primary_key(
                        Index::create()
                            .col(SubjectGram::Field)
                            .col(SubjectGram::Gram)
                            .col(SubjectGram::SubjectId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_subject_gram_subject")
                    .table(SubjectGram::Table)
                    .col(SubjectGram::SubjectId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for (index, _) in NAME_INDEXES {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS {index}"))
                .await?;
        }
        fill(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SubjectGram::Table).to_owned())
            .await?;
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        for (index, column) in NAME_INDEXES {
            db.execute_unprepared(&match backend {
                DbBackend::Postgres => {
                    format!("CREATE INDEX {index} ON subject USING gin ({column} gin_trgm_ops)")
                }
                _ => format!("CREATE INDEX {index} ON subject ({column}, id)"),
            })
            .await?;
        }
        Ok(())
    }
}

/// The characters and adjacent pairs of `text`, lower-cased, as the
/// application's `server::name_grams::grams_of` takes them (the migration
/// cannot call the application's code).
fn grams_of(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.to_lowercase().chars().collect();
    let singles = chars.iter().map(|c| c.to_string());
    let pairs = chars.windows(2).map(|pair| pair.iter().collect::<String>());
    singles.chain(pairs).collect()
}

/// The rows of every live subject.
async fn fill(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let subjects = db
        .query_all_raw(Statement::from_string(
            manager.get_database_backend(),
            "SELECT id, name, principal_name FROM subject WHERE status = 'live'",
        ))
        .await?;
    let mut rows: Vec<(&str, String, i32)> = Vec::new();
    for row in subjects {
        let id: i32 = row.try_get("", "id")?;
        let name: String = row.try_get("", "name")?;
        let principal: String = row.try_get("", "principal_name")?;
        rows.extend(grams_of(&name).into_iter().map(|g| ("name", g, id)));
        rows.extend(
            grams_of(&principal)
                .into_iter()
                .map(|g| ("principal", g, id)),
        );
    }
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut insert = Query::insert()
            .into_table(SubjectGram::Table)
            .columns([
                SubjectGram::Field,
                SubjectGram::Gram,
                SubjectGram::SubjectId,
            ])
            .to_owned();
        for (field, gram, id) in chunk {
            insert.values_panic([(*field).into(), gram.clone().into(), (*id).into()]);
        }
        manager.exec_stmt(insert).await?;
    }
    Ok(())
}
