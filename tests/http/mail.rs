//! The e-mail outbox over a real SMTP conversation: a small relay on a
//! local port accepts mail for one address and refuses another, and the
//! outbox rows show what was sent and what waits for a retry.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use beian::server::entity::outbox;
use beian::server::infra::mail::Smtp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::fixtures::accounts::signed_in;
use crate::fixtures::filing::self_filed;
use crate::harness::TestApp;

/// Recipients whose message the relay accepted.
type Delivered = Arc<Mutex<Vec<String>>>;

/// A minimal SMTP relay: refuses recipients containing "refused", accepts
/// the rest and records them once their message is complete.
async fn relay() -> (String, Delivered) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let delivered = Delivered::default();
    let record = delivered.clone();
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let record = record.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 relay ESMTP\r\n").await.unwrap();
                let mut recipient = String::new();
                let mut in_data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    let reply: &[u8] = if in_data {
                        if line != "." {
                            continue;
                        }
                        in_data = false;
                        record.lock().unwrap().push(recipient.clone());
                        b"250 queued\r\n"
                    } else {
                        let command = line.to_ascii_uppercase();
                        if command.starts_with("RCPT TO:") {
                            recipient = line[8..]
                                .trim_matches(|c| c == '<' || c == '>' || c == ' ')
                                .to_owned();
                            if recipient.contains("refused") {
                                b"550 no such user\r\n"
                            } else {
                                b"250 ok\r\n"
                            }
                        } else if command.starts_with("DATA") {
                            in_data = true;
                            b"354 go on\r\n"
                        } else if command.starts_with("QUIT") {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        } else {
                            b"250 ok\r\n"
                        }
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, delivered)
}

#[tokio::test]
async fn the_outbox_is_sent_when_smtp_is_configured_and_failures_wait_to_retry() {
    let (url, delivered) = relay().await;
    let app = TestApp::start_with(|config| {
        config.smtp = Some(Smtp {
            url,
            from: "备案系统 <beian@example.com>".into(),
        });
    })
    .await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    // A notification to an address the relay refuses.
    let refused = outbox::ActiveModel {
        to_address: sea_orm::Set("refused@example.com".into()),
        subject: sea_orm::Set("ICP备案进度通知".into()),
        body: sea_orm::Set("测试".into()),
        created_at: sea_orm::Set(chrono::Utc::now()),
        ..Default::default()
    };
    let refused = outbox::Entity::insert(refused)
        .exec(&app.state.db)
        .await
        .unwrap()
        .last_insert_id;

    let mut sent = Vec::new();
    for _ in 0..100 {
        sent = outbox::Entity::find()
            .filter(outbox::Column::SentAt.is_not_null())
            .all(&app.state.db)
            .await
            .unwrap();
        let tried = outbox::Entity::find_by_id(refused)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        if !sent.is_empty() && tried.attempts > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sent.len(), 1, "the filer's submission notice went out");
    assert_eq!(sent[0].to_address, "t@example.com");
    assert_eq!(*delivered.lock().unwrap(), ["t@example.com"]);

    let failed = outbox::Entity::find_by_id(refused)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(failed.attempts, 1);
    assert!(failed.sent_at.is_none());
    assert!(
        failed
            .last_error
            .as_deref()
            .unwrap_or_default()
            .contains("550"),
        "{:?}",
        failed.last_error
    );
    assert!(
        failed.next_attempt_at.unwrap() > chrono::Utc::now(),
        "it waits before the next try"
    );
}

#[tokio::test]
async fn without_smtp_the_outbox_is_kept_unsent() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rows = outbox::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(rows.len(), 1, "the notice is written");
    assert!(rows[0].sent_at.is_none() && rows[0].attempts == 0);
}
