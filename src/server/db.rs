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
        // 负责人 (21 ms instead of 3 ms through the trigram index).
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

/// A fresh, migrated in-memory SQLite database, for service tests: shared
/// between the pool's connections by its unique name, and gone when the
/// last one closes.
#[cfg(test)]
pub(crate) async fn memory() -> DatabaseConnection {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = format!(
        "service_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    connect(&format!("sqlite:file:{name}?mode=memory&cache=shared"))
        .await
        .expect("an in-memory database")
}

/// A filer account and one application of theirs in `state`, naming
/// certificate `cert` and `domains`, for service tests.
#[cfg(test)]
pub(crate) async fn an_application(
    db: &DatabaseConnection,
    state: crate::domain::workflow::State,
    cert: &str,
    domains: &[&str],
) -> crate::server::entity::application::Model {
    use crate::domain::account::AccountStatus;
    use crate::domain::filing::Filing;
    use crate::domain::role::Role;
    use crate::domain::workflow::{Channel, Kind};
    use crate::server::entity::{account, application_domain};
    use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

    let now = chrono::Utc::now();
    let n = account::Entity::find().count(db).await.unwrap();
    let owner = account::ActiveModel {
        username: Set(format!("filer{n}")),
        password_hash: Set(String::new()),
        role: Set(Role::Filer),
        real_name: Set("测试".into()),
        mobile: Set(String::new()),
        email: Set(String::new()),
        status: Set(AccountStatus::Active),
        pre_approval_kinds: Set(String::new()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let mut row = crate::server::filings::draft_row(
        Kind::FirstFiling,
        Channel::SelfFiled,
        (owner.id, owner.id),
        None,
        &Filing::default(),
        now,
    )
    .unwrap();
    row.state = Set(state);
    row.subject_cert_number = Set(cert.to_owned());
    let app = row.insert(db).await.unwrap();
    for domain in domains {
        application_domain::ActiveModel {
            application_id: Set(app.id),
            domain: Set((*domain).to_owned()),
        }
        .insert(db)
        .await
        .unwrap();
    }
    app
}
