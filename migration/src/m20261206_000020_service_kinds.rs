//! Service kinds on the live record: `site.kind` (`web`, `app`, `mini`,
//! `quick`; every existing row is a website) and `site.app_ids`, the
//! package names, Bundle IDs or platform ids of an app, mini-program or
//! quick app as `,id,id,`, so the public lookup finds one by its id with
//! one `LIKE '%,id,%'`. The index on `kind` keeps that lookup to the
//! non-website rows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Site {
    Table,
    Kind,
    AppIds,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .add_column(
                        ColumnDef::new(Site::Kind)
                            .string_len(8)
                            .not_null()
                            .default("web"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .add_column(ColumnDef::new(Site::AppIds).text().not_null().default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_site_kind")
                    .table(Site::Table)
                    .col(Site::Kind)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_site_kind")
                    .table(Site::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Site::AppIds, Site::Kind] {
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
