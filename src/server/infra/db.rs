//! Connects to SQLite or PostgreSQL and brings the schema up to date.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// Opens a pool for `url` and runs every pending migration.
///
/// SQLite gets WAL, foreign keys and a busy timeout with a small pool:
/// SeaORM's SQLite default of one connection serialises every request and
/// deadlocks code that queries outside a held transaction.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options.sqlx_logging(false);
    if url.starts_with("sqlite:") {
        options
            .max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
            });
    } else {
        // Plan each statement for its own values. A generic plan knows
        // neither the `LIKE` pattern nor the `LIMIT`, so after five runs
        // PostgreSQL switched to one that scans every subject for a rare
        // 负责人 (21 ms instead of 3 ms through its index).
        options
            .max_connections(16)
            .map_sqlx_postgres_opts(|o| o.options([("plan_cache_mode", "force_custom_plan")]));
    }
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    refresh_statistics(&db).await?;
    Ok(db)
}

/// Refreshes the planner's statistics: SQLite keeps none of its own (a
/// sampled `ANALYZE` takes tens of milliseconds at a million sites), and
/// PostgreSQL's autovacuum has not seen a bulk load yet. Without them both
/// read every site for "the live sites of these 13 subjects".
pub async fn refresh_statistics<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => "PRAGMA analysis_limit = 1000; ANALYZE;",
        _ => "ANALYZE",
    };
    db.execute_unprepared(sql).await?;
    Ok(())
}

/// Starts a transaction that will write. On SQLite it takes the write lock
/// at `BEGIN` (IMMEDIATE): a deferred transaction that reads first and then
/// writes fails at once with SQLITE_BUSY_SNAPSHOT when another connection
/// wrote in between, and the busy timeout cannot help it. PostgreSQL ignores
/// the option.
pub async fn begin_write<C: sea_orm::TransactionTrait>(
    db: &C,
) -> Result<C::Transaction, sea_orm::DbErr> {
    db.begin_with_options(sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
