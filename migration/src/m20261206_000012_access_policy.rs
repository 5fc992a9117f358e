//! What the one access policy reads, and a cancelled subject filed again.
//!
//! - `application.reached_bureau_at` and `reached_pre_approval_at`: when
//!   the application first reached the 管局 and the pre-approval
//!   authorities. Reviewers see an application from that moment on, and
//!   never before (a 待接入者核实 or 退回主办者修改 is not theirs yet).
//!   Filled from the history for applications that already moved.
//! - `application.control_proof`: set at submit when the filer proved
//!   control of an existing subject (its 备案密码) that another account
//!   owns, or took a site over from another provider; the simulated
//!   ministry checks it again.
//! - `account.pre_approval_kinds`: the 前置审批 types a pre-approval
//!   authority decides, as `,code,code,`. Existing authority accounts keep
//!   what they saw before, every type.
//! - `subject.cert_number` is unique among *live* subjects only, so a
//!   subject cancelled once can be filed again and get a new number.
//! - Sessions are now stored under the hash of their id: the rows of the
//!   old sessions, stored under the id itself, are deleted (everyone signs
//!   in again once).
//! - `password_notice.password` is dropped: the 备案密码 is generated when
//!   its owner first opens the notice, and only its hash is stored. A notice
//!   not yet opened gets a new password then.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    ReachedBureauAt,
    ReachedPreApprovalAt,
    ControlProof,
}

#[derive(DeriveIden)]
enum PasswordNotice {
    Table,
    Password,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    PreApprovalKinds,
}

/// Every 前置审批 type code of the catalogue when this migration was written.
const ALL_PRE_APPROVAL_KINDS: &str = ",1,2,4,8,16,32,256,512,2048,4096,8192,16384,";

/// The unique column as `string_len_uniq` wrote it into SQLite's schema,
/// and the same column without its UNIQUE.
const SQLITE_UNIQUE_CERT: &str = "\"cert_number\" varchar(32) NOT NULL UNIQUE";
const SQLITE_PLAIN_CERT: &str = "\"cert_number\" varchar(32) NOT NULL";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for column in [
            ColumnDef::new(Application::ReachedBureauAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Application::ReachedPreApprovalAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Application::ControlProof)
                .string_len(16)
                .not_null()
                .default("")
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Application::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .add_column(
                        ColumnDef::new(Account::PreApprovalKinds)
                            .string_len(200)
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE application SET reached_bureau_at = (SELECT MIN(h.at) FROM history h \
             WHERE h.application_id = application.id AND h.state_to = 'PENDING_BUREAU_REVIEW')",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE application SET reached_pre_approval_at = (SELECT MIN(h.at) FROM history h \
             WHERE h.application_id = application.id AND h.state_to = 'PENDING_PRE_APPROVAL')",
        )
        .await?;
        db.execute_unprepared(&format!(
            "UPDATE account SET pre_approval_kinds = '{ALL_PRE_APPROVAL_KINDS}' \
             WHERE role = 'preapproval'"
        ))
        .await?;
        for index in [
            Index::create()
                .name("idx_application_bureau")
                .table(Application::Table)
                .col(Alias::new("province"))
                .col(Application::ReachedBureauAt)
                .to_owned(),
            Index::create()
                .name("idx_application_pre_approval")
                .table(Application::Table)
                .col(Application::ReachedPreApprovalAt)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                rebuild_sqlite_subject(db, SQLITE_UNIQUE_CERT, SQLITE_PLAIN_CERT).await?
            }
            _ => {
                db.execute_unprepared(
                    "ALTER TABLE subject DROP CONSTRAINT IF EXISTS subject_cert_number_key",
                )
                .await?;
            }
        }
        manager
            .alter_table(
                Table::alter()
                    .table(PasswordNotice::Table)
                    .drop_column(PasswordNotice::Password)
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared("DELETE FROM session").await?;
        db.execute_unprepared("CREATE INDEX idx_subject_cert ON subject (cert_number)")
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_subject_live_cert ON subject (cert_number) \
             WHERE status = 'live'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for index in ["idx_subject_live_cert", "idx_subject_cert"] {
            db.execute_unprepared(&format!("DROP INDEX {index}"))
                .await?;
        }
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                rebuild_sqlite_subject(db, SQLITE_PLAIN_CERT, SQLITE_UNIQUE_CERT).await?
            }
            _ => {
                db.execute_unprepared(
                    "ALTER TABLE subject ADD CONSTRAINT subject_cert_number_key UNIQUE (cert_number)",
                )
                .await?;
            }
        }
        manager
            .alter_table(
                Table::alter()
                    .table(PasswordNotice::Table)
                    .add_column(
                        ColumnDef::new(PasswordNotice::Password)
                            .string()
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await?;
        for index in ["idx_application_bureau", "idx_application_pre_approval"] {
            manager
                .drop_index(
                    Index::drop()
                        .name(index)
                        .table(Application::Table)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            Application::ReachedBureauAt,
            Application::ReachedPreApprovalAt,
            Application::ControlProof,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Application::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .drop_column(Account::PreApprovalKinds)
                    .to_owned(),
            )
            .await
    }
}

/// SQLite cannot drop or add a column's UNIQUE: the table is rebuilt with
/// the column `from` written as `to`,
/// with its rows and indexes, as SQLite's documentation prescribes (foreign
/// keys off on this one connection, one transaction, checked before commit).
async fn rebuild_sqlite_subject(
    db: &SchemaManagerConnection<'_>,
    from: &str,
    to: &str,
) -> Result<(), DbErr> {
    let schema = |sql: &str| Statement::from_string(DbBackend::Sqlite, sql.to_owned());
    let table = db
        .query_one_raw(schema(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'subject'",
        ))
        .await?
        .ok_or_else(|| DbErr::Migration("no subject table".into()))?
        .try_get::<String>("", "sql")?;
    if !table.contains(from) || table.contains(&format!("{from} UNIQUE")) {
        return Err(DbErr::Migration(format!(
            "subject.cert_number is not as expected: {table}"
        )));
    }
    let rebuilt = table
        .replacen(from, to, 1)
        .replacen("\"subject\"", "\"subject_rebuilt\"", 1);
    let mut indexes = Vec::new();
    for row in db
        .query_all_raw(schema(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'subject' \
             AND sql IS NOT NULL",
        ))
        .await?
    {
        indexes.push(row.try_get::<String>("", "sql")?);
    }
    let script = format!(
        "PRAGMA foreign_keys = OFF;
         BEGIN;
         {rebuilt};
         INSERT INTO subject_rebuilt SELECT * FROM subject;
         DROP TABLE subject;
         ALTER TABLE subject_rebuilt RENAME TO subject;
         {indexes};
         COMMIT;
         PRAGMA foreign_keys = ON;",
        indexes = indexes.join(";\n"),
    );
    db.execute_unprepared(&script).await?;
    let broken = db.query_all_raw(schema("PRAGMA foreign_key_check")).await?;
    if !broken.is_empty() {
        return Err(DbErr::Migration(format!(
            "{} rows lost their subject while rebuilding it",
            broken.len()
        )));
    }
    Ok(())
}
