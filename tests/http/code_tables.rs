//! Code tables as data (docs/domain.md §2.18): the real server binary,
//! restarted with `BEIAN_CODE_TABLES` naming a directory with an edited
//! 服务内容 file and a new 服务内容 category, offers and accepts the new code
//! under its category, refuses the retired one
//! on new data, still shows the retired one's label on the filing made
//! before, and hands its tables to the browser in the page. A table with a
//! mistake stops the server before it serves, naming the file and line.

use std::process::Command;

use serde_json::{json, Value};

use crate::harness::fresh_database;
use crate::spawned::{free_port, serve, wait_for, Browser};

/// 网络图片: retired by the edited file.
const PICTURES: &str = "32768";
/// 网络直播: added by the edited file.
const LIVE: &str = "8589934592";

/// The built-in 服务内容 file with 网络图片 retired and 网络直播 added.
fn edited_service_content() -> String {
    let built_in = include_str!("../../src/domain/data/codes/service_content.tsv");
    let retired = built_in.replace(
        "32768\t网络图片\tOnline pictures",
        "32768\t网络图片\tOnline pictures\tretired",
    );
    assert_ne!(
        retired, built_in,
        "the line to retire is in the built-in file"
    );
    format!("{retired}{LIVE}\t网络直播\tLive streaming\tgroup=STREAMING\n")
}

/// The built-in 服务内容 categories with one added for 网络直播.
fn edited_service_groups() -> String {
    let built_in = include_str!("../../src/domain/data/codes/service_groups.tsv");
    format!("{built_in}STREAMING\t直播类\tStreaming\n")
}

/// A filer's draft with its two scans, the filing to save in it (both sites
/// with `content`) and its version.
async fn draft(filer: &Browser, n: usize, content: &str) -> (i64, Value) {
    let (_, id) = filer
        .call("filing/start", &json!({ "customer_id": null }))
        .await
        .unwrap();
    let id = id.as_i64().unwrap();
    let docs = (
        filer.upload(id, "SUBJECT_CERT").await.unwrap(),
        filer.upload(id, "PRINCIPAL_CERT").await.unwrap(),
    );
    let mut filing = crate::fixtures::numbered::filing_of(&docs, n, "510000");
    for site in filing["sites"].as_array_mut().unwrap() {
        site["content"] = json!([content]);
    }
    (id, filing)
}

/// Saves `filing` over version `version`: the new version.
async fn save(filer: &Browser, id: i64, version: i64, filing: &Value) -> i64 {
    let body = json!({ "id": id, "version": version, "filing": filing });
    let (status, saved) = filer.call("filing/save", &body).await.unwrap();
    assert_eq!(status, 200, "{saved}");
    saved.as_i64().unwrap()
}

async fn submit(filer: &Browser, id: i64, version: i64) -> (u16, Value) {
    let body = json!({ "id": id, "version": version });
    filer.call("filing/submit", &body).await.unwrap()
}

/// A directory of its own for the test's tables, removed at the end.
struct TableDir(std::path::PathBuf);

impl TableDir {
    fn new() -> TableDir {
        let path = std::env::temp_dir().join(format!(
            "beian-code-tables-{}-{}",
            std::process::id(),
            free_port()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TableDir(path)
    }

    fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TableDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn beian(url: &str, tables: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_beian"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("BEIAN_CODE_TABLES", tables)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "error")
        .output()
        .expect("the binary runs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_table_changes_the_system_after_a_restart() {
    let (url, _guard) = fresh_database().await;
    let seeded = Command::new(env!("CARGO_BIN_EXE_beian"))
        .arg("seed-demo")
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(seeded.status.success(), "{seeded:?}");
    let db = sea_orm::Database::connect(&url).await.unwrap();

    // Under the built-in tables a filer files a site of 网络图片.
    let port = free_port();
    let mut server = serve(&url, port, &[]);
    wait_for(port).await;
    let filer = Browser::new(port);
    assert!(filer.login(&db, "filer_org", "Filer2026").await);
    let (old, filing) = draft(&filer, 1, PICTURES).await;
    let version = save(&filer, old, 1, &filing).await;
    let (status, reply) = submit(&filer, old, version).await;
    assert_eq!(status, 200, "{reply}");
    let (_, page) = filer.page("/filings/new").await.unwrap();
    assert!(
        !page.contains("data-code-table"),
        "the built-in tables travel in the WASM"
    );
    let (_, step) = filer.page(&format!("/filings/{old}?step=2")).await.unwrap();
    assert!(
        step.contains("<legend>金融") && !step.contains("<legend>直播类"),
        "服务内容 shows under the built-in categories"
    );
    server.kill().unwrap();
    server.wait().unwrap();

    // The provider edits the file and restarts.
    let dir = TableDir::new();
    std::fs::write(
        dir.path().join("service_content.tsv"),
        edited_service_content(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("service_groups.tsv"),
        edited_service_groups(),
    )
    .unwrap();
    let port = free_port();
    let dir_text = dir.path().to_str().unwrap();
    let mut server = serve(&url, port, &[("BEIAN_CODE_TABLES", dir_text)]);
    wait_for(port).await;
    let filer = Browser::new(port);
    assert!(filer.login(&db, "filer_org", "Filer2026").await);

    // The filing made before still shows the retired code, marked, beside
    // the new one; the page carries the edited file for the browser.
    let (status, checklist) = filer
        .page(&format!("/filings/{old}/checklist"))
        .await
        .unwrap();
    assert_eq!(status, 200);
    assert!(checklist.contains("网络图片"), "{checklist}");
    let (status, record) = filer.page(&format!("/filings/{old}?step=2")).await.unwrap();
    assert_eq!(status, 200);
    assert!(
        record.contains("网络图片（已停用）"),
        "the retired code is shown, marked"
    );
    assert!(
        record.contains(&format!("value=\"{LIVE}\"")),
        "the new code is offered"
    );
    let streaming = &record[record
        .find("<legend>直播类")
        .expect("the new category is shown")..];
    let live = streaming.find(&format!("value=\"{LIVE}\"")).unwrap();
    assert!(
        live < streaming.find("</fieldset>").unwrap(),
        "the new code sits under its category"
    );
    assert!(record.contains("<script type=\"text/plain\" data-code-table=\"service_content\">"));
    assert!(record.contains(&format!("{LIVE}\t网络直播\tLive streaming")));
    assert!(
        !record.contains("data-code-table=\"languages\""),
        "only what differs travels"
    );

    let (fresh, filing) = draft(&filer, 2, PICTURES).await;
    let version = save(&filer, fresh, 1, &filing).await;

    // The server refuses the retired code on new data, naming it, and
    // accepts the new one.
    let (status, refused) = submit(&filer, fresh, version).await;
    assert_eq!(status, 422, "{refused}");
    let errors = refused["Validation"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["field"] == "sites[0].content"
            && e["rule"] == "SITE_CONTENT_UNKNOWN"
            && e["zh"].as_str().unwrap().contains("网络图片")),
        "{errors:?}"
    );
    let mut filing = filing;
    for site in filing["sites"].as_array_mut().unwrap() {
        site["content"] = json!([LIVE]);
    }
    let version = save(&filer, fresh, version, &filing).await;
    let (status, reply) = submit(&filer, fresh, version).await;
    assert_eq!(status, 200, "{reply}");
    server.kill().unwrap();
    server.wait().unwrap();

    // A mistake stops the server before it serves, and says where.
    std::fs::write(
        dir.path().join("languages.tsv"),
        "1\t中文简体\tSimplified Chinese\n1\t英语\tEnglish\n",
    )
    .unwrap();
    let refused = beian(&url, dir.path(), &["serve"]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("languages.tsv line 2") && said.contains("appears twice"),
        "{said}"
    );

    // So does a file that is no table (a misspelt name).
    std::fs::remove_file(dir.path().join("languages.tsv")).unwrap();
    std::fs::write(
        dir.path().join("langauges.tsv"),
        "1\t中文简体\tSimplified Chinese\n",
    )
    .unwrap();
    let refused = beian(&url, dir.path(), &["serve"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("langauges.tsv: not a code table"));
}
