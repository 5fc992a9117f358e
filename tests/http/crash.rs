//! Crash safety (docs/testing.md, suite 5): the real `beian serve` binary is
//! killed with SIGKILL at a random moment while filers submit and upload,
//! staff verify one by one and in batches, and the 管局 approves; then it is
//! started again on the same database. After every kill:
//!
//! - SQLite's `integrity_check` and `foreign_key_check` find nothing;
//! - every application's state is the state its last history row reached;
//! - no document belongs to a missing application, and every approved
//!   application has its own two numbered sites;
//! - every write the server answered 200 before the kill is still there: a
//!   filing it said was started exists, one it said was submitted is past
//!   its draft, one it said was verified is past 待接入者核实, and one it
//!   said was approved is approved.
//!
//! `BEIAN_CRASH_CYCLES` sets the kills: 10 in the test command, 200 in the
//! long run.

use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, Statement};
use serde_json::{json, Value};

use beian::server::entity::{application, document, history, site};

use crate::harness::{fresh_database, DbGuard};
use crate::spawned::{free_port, serve, wait_for, Browser};

fn cycles() -> usize {
    std::env::var("BEIAN_CRASH_CYCLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10)
}

/// A write the server acknowledged with 200, and so promised to keep.
#[derive(Debug, Clone, Copy)]
enum Acked {
    Started(i64),
    Submitted(i64),
    Verified(i64),
    Approved(i64),
}

type Acks = Arc<std::sync::Mutex<Vec<Acked>>>;

/// Notes `ack` when the answer was 200, and passes the answer on.
fn acked(acks: &Acks, answer: Option<(u16, Value)>, ack: Acked) -> Option<(u16, Value)> {
    if matches!(answer, Some((200, _))) {
        acks.lock().unwrap().push(ack);
    }
    answer
}

/// A filer's new filing, submitted: draft, two scans, save, submit.
async fn file_one(filer: &Browser, n: usize, acks: &Acks) -> Option<()> {
    let (status, id) = filer
        .call("filing/start", &json!({ "customer_id": null }))
        .await?;
    let id = id.as_i64()?;
    if status == 200 {
        acks.lock().unwrap().push(Acked::Started(id));
    }
    let docs = (
        filer.upload(id, "SUBJECT_CERT").await?,
        filer.upload(id, "PRINCIPAL_CERT").await?,
    );
    let filing = crate::fixtures::numbered::filing_of(&docs, n, "510000");
    let body = json!({ "id": id, "version": 1, "filing": filing });
    let (_, version) = filer.call("filing/save", &body).await?;
    let body = json!({ "id": id, "version": version.as_i64()? });
    acked(
        acks,
        filer.call("filing/submit", &body).await,
        Acked::Submitted(id),
    )?;
    Some(())
}

/// Staff verify what waits for them: the first one by one with its 核验,
/// the rest of the page as a batch.
async fn verify_some(staff: &Browser, acks: &Acks) -> Option<()> {
    let query = json!({ "scope": "Verify", "query": {} });
    let (_, queue) = staff.call("review/queue", &query).await?;
    let rows = queue["rows"].as_array()?.clone();
    let (first, rest) = rows.split_first()?;
    let id = first["id"].as_i64()?;
    let (_, view) = staff.call("review/detail", &json!({ "id": id })).await?;
    let record = json!({
        "verifier": "王核验",
        "photo": staff.upload(id, "VERIFY_PHOTO").await?,
        "checklist": staff.upload(id, "CHECKLIST").await?,
    });
    let body = json!({ "id": id, "version": view["version"], "verification": record });
    let (_, version) = staff.call("filing/verification", &body).await?;
    let body = json!({ "id": id, "version": version, "action": "Verify", "reasons": [], "verification": null });
    acked(
        acks,
        staff.call("review/decide", &body).await,
        Acked::Verified(id),
    )?;
    let items: Vec<Value> = rest
        .iter()
        .map(|row| json!([row["id"], row["version"]]))
        .collect();
    if !items.is_empty() {
        let body = json!({ "items": items, "action": "Verify", "reasons": [] });
        let (status, results) = staff.call("review/batch", &body).await?;
        if status == 200 {
            for (row, result) in rest.iter().zip(results.as_array()?) {
                if result["outcome"].get("Ok").is_some() {
                    acks.lock()
                        .unwrap()
                        .push(Acked::Verified(row["id"].as_i64()?));
                }
            }
        }
    }
    Some(())
}

/// The 管局 approves what waits for it.
async fn approve_some(bureau: &Browser, acks: &Acks) -> Option<()> {
    let query = json!({ "scope": "Bureau", "query": {} });
    let (_, queue) = bureau.call("review/queue", &query).await?;
    for row in queue["rows"].as_array()?.iter().take(5) {
        let body = json!({ "id": row["id"], "version": row["version"], "action": "Approve", "reasons": [], "verification": null });
        acked(
            acks,
            bureau.call("review/decide", &body).await,
            Acked::Approved(row["id"].as_i64()?),
        )?;
    }
    Some(())
}

/// Everything the kill must not have broken.
async fn check_consistent(db: &DatabaseConnection, sqlite: bool, cycle: usize, acks: &Acks) {
    if sqlite {
        for (pragma, expected) in [("integrity_check", Some("ok")), ("foreign_key_check", None)] {
            let rows = db
                .query_all_raw(Statement::from_string(
                    db.get_database_backend(),
                    format!("PRAGMA {pragma}"),
                ))
                .await
                .unwrap();
            match expected {
                Some(ok) => {
                    let first: String = rows[0].try_get_by_index(0).unwrap();
                    assert_eq!(first, ok, "cycle {cycle}: {pragma}");
                }
                None => assert!(
                    rows.is_empty(),
                    "cycle {cycle}: {pragma} found {} rows",
                    rows.len()
                ),
            }
        }
    }
    let rows = history::Entity::find()
        .order_by_asc(history::Column::Id)
        .all(db)
        .await
        .unwrap();
    let applications = application::Entity::find().all(db).await.unwrap();
    for app in &applications {
        let last = rows.iter().rev().find(|r| r.application_id == app.id);
        assert_eq!(
            last.map(|r| r.state_to.code()),
            Some(app.state.code()),
            "cycle {cycle}: application {} is where its history says",
            app.id
        );
    }
    let ids: std::collections::HashSet<i32> = applications.iter().map(|a| a.id).collect();
    for doc in document::Entity::find().all(db).await.unwrap() {
        assert!(
            ids.contains(&doc.application_id),
            "cycle {cycle}: document {} has no application",
            doc.id
        );
    }
    let sites = site::Entity::find().all(db).await.unwrap();
    for app in applications.iter().filter(|a| a.state.code() == "APPROVED") {
        let own = sites.iter().filter(|s| s.application_id == app.id).count();
        assert_eq!(own, 2, "cycle {cycle}: approval {} has its sites", app.id);
    }
    assert!(sites.iter().all(|s| !s.number.is_empty()));
    let state_of = |id: i64| {
        applications
            .iter()
            .find(|a| i64::from(a.id) == id)
            .map(|a| a.state.code())
    };
    for ack in acks.lock().unwrap().iter() {
        let state = match *ack {
            Acked::Started(id)
            | Acked::Submitted(id)
            | Acked::Verified(id)
            | Acked::Approved(id) => state_of(id),
        };
        let kept = match (ack, state) {
            (_, None) => false,
            (Acked::Started(_), Some(_)) => true,
            (Acked::Submitted(_), Some(s)) => s != "DRAFT",
            (Acked::Verified(_), Some(s)) => !matches!(s, "DRAFT" | "PENDING_ISP_VERIFY"),
            (Acked::Approved(_), Some(s)) => s == "APPROVED",
        };
        assert!(
            kept,
            "cycle {cycle}: {ack:?} was answered 200 but is {state:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_at_random_moments_leaves_every_filing_whole() {
    let (url, _guard): (String, DbGuard) = fresh_database().await;
    let sqlite = url.starts_with("sqlite");
    let seeded = Command::new(env!("CARGO_BIN_EXE_beian"))
        .arg("seed-demo")
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "error")
        .output()
        .expect("seed-demo runs");
    assert!(seeded.status.success(), "{seeded:?}");
    let db = sea_orm::Database::connect(&url).await.unwrap();
    let filed = Arc::new(AtomicUsize::new(0));
    let acks: Acks = Arc::default();
    let mut killed_mid_request = 0;
    for cycle in 0..cycles() {
        let port = free_port();
        let mut server = serve(&url, port, &[]);
        wait_for(port).await;
        let (filer, staff, bureau) = (Browser::new(port), Browser::new(port), Browser::new(port));
        assert!(
            filer.login(&db, "filer_org", "Filer2026").await,
            "cycle {cycle}"
        );
        assert!(
            staff.login(&db, "staff", "Staff2026").await,
            "cycle {cycle}"
        );
        assert!(
            bureau.login(&db, "reviewer_sc", "Review2026").await,
            "cycle {cycle}"
        );

        let stop = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::new();
        for (who, browser) in [("filer", filer), ("staff", staff), ("bureau", bureau)] {
            let (stop, filed, acks) = (stop.clone(), filed.clone(), acks.clone());
            workers.push(tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let done = match who {
                        "filer" => {
                            file_one(&browser, filed.fetch_add(1, Ordering::Relaxed), &acks).await
                        }
                        "staff" => verify_some(&browser, &acks).await,
                        _ => approve_some(&browser, &acks).await,
                    };
                    if done.is_none() {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
            }));
        }
        let delay = 300 + rand::random::<u64>() % 1200;
        tokio::time::sleep(Duration::from_millis(delay)).await;
        server.kill().expect("SIGKILL");
        server.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        for worker in workers {
            if worker.await.is_err() {
                killed_mid_request += 1;
            }
        }
        check_consistent(&db, sqlite, cycle, &acks).await;
    }
    assert_eq!(killed_mid_request, 0, "workers end cleanly");
    // The workload did reach every kind of write.
    let states: Vec<String> = application::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.state.code().to_owned())
        .collect();
    println!(
        "{} kills; {} applications: {} approved",
        cycles(),
        states.len(),
        states.iter().filter(|s| *s == "APPROVED").count()
    );
    for state in ["PENDING_ISP_VERIFY", "APPROVED"] {
        assert!(
            states.iter().any(|s| s == state) || cycles() < 3,
            "no application reached {state}: {states:?}"
        );
    }
}
