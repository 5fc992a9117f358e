//! 申请留言: messages on submitted applications, and how far each account
//! has read each application's thread (its unread count).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Message {
    Table,
    Id,
    ApplicationId,
    AuthorId,
    AuthorRole,
    Body,
    ReplyTo,
    HandledAt,
    HandledBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MessageRead {
    Table,
    AccountId,
    ApplicationId,
    LastReadId,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Message::Table)
                    .if_not_exists()
                    .col(pk_auto(Message::Id))
                    .col(integer(Message::ApplicationId))
                    .col(integer(Message::AuthorId))
                    .col(string_len(Message::AuthorRole, 32))
                    .col(text(Message::Body))
                    .col(integer_null(Message::ReplyTo))
                    .col(timestamp_with_time_zone_null(Message::HandledAt))
                    .col(integer_null(Message::HandledBy))
                    .col(timestamp_with_time_zone(Message::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Message::Table, Message::ApplicationId)
                            .to(Application::Table, Application::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Message::Table, Message::AuthorId)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_message_application")
                    .table(Message::Table)
                    .col(Message::ApplicationId)
                    .col(Message::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MessageRead::Table)
                    .if_not_exists()
                    .col(integer(MessageRead::AccountId))
                    .col(integer(MessageRead::ApplicationId))
                    .col(integer(MessageRead::LastReadId))
                    .primary_key(
                        Index::create()
                            .col(MessageRead::AccountId)
                            .col(MessageRead::ApplicationId),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MessageRead::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Message::Table).to_owned())
            .await
    }
}
