//! 历史记录查询 over HTTP: who sees which operations, each condition, and
//! keyset pages that walk every row once.

use serde_json::{json, Value};

use crate::cancellation::{world, World};
use crate::harness::{Client, Reply};
use crate::review::reviewer;
use crate::wizard::signed_in;

async fn search(client: &Client, query: Value) -> Reply {
    client
        .call_json("history/search", &json!({ "query": query }))
        .await
}

/// The rows of one page and its next cursor.
async fn page(client: &Client, query: Value) -> (Vec<Value>, Option<i64>) {
    let reply = search(client, query).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let page = reply.json();
    (
        page["rows"].as_array().unwrap().clone(),
        page["next"].as_i64(),
    )
}

fn actions(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["action"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn operations_are_found_by_each_condition_within_what_the_caller_may_see() {
    let World {
        app,
        filer,
        bureau,
        record,
        ..
    } = world().await;

    // The approved filing's life, newest first.
    let (all, _) = page(&filer, json!({})).await;
    assert_eq!(
        actions(&all),
        [
            "审核通过",
            "转管局审核",
            "核验通过并提交省局",
            "提交",
            "创建"
        ],
        "{all:?}"
    );
    let admin = signed_in(&app, "admin_a", "system_admin").await;
    assert_eq!(page(&admin, json!({})).await.0.len(), all.len());
    assert_eq!(page(&bureau, json!({})).await.0.len(), all.len());
    let other_filer = signed_in(&app, "filer_b", "filer").await;
    assert!(page(&other_filer, json!({})).await.0.is_empty());
    let other_bureau = reviewer(&app, "bureau_gd", "bureau_reviewer", "440000").await;
    assert!(page(&other_bureau, json!({})).await.0.is_empty());
    let authority = reviewer(&app, "pre_a", "preapproval", "").await;
    assert_eq!(search(&authority, json!({})).await.status, 403);

    // The approval: who, when, from and to.
    let (approved, _) = page(&filer, json!({ "action": "APPROVE" })).await;
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0]["role"], "管局审核人员");
    assert_eq!(approved[0]["state_from"], "待管局审核");
    assert_eq!(approved[0]["state_to"], "审核通过");
    assert_eq!(
        page(&filer, json!({ "actor": "bureau_sc" })).await.0.len(),
        1
    );
    let (system, _) = page(&filer, json!({ "role": "system" })).await;
    assert_eq!(actions(&system), ["转管局审核"]);
    assert_eq!(system[0]["actor"], "系统");

    let everything = all.len();
    let count = |q: Value| {
        let filer = &filer;
        async move { page(filer, q).await.0.len() }
    };
    assert_eq!(count(json!({ "number": record.subject })).await, everything);
    assert_eq!(
        count(json!({ "number": format!("{}-2", record.subject) })).await,
        everything
    );
    assert_eq!(count(json!({ "number": "蜀ICP备2026999999号" })).await, 0);
    assert_eq!(count(json!({ "subject": "蓝海" })).await, everything);
    assert_eq!(count(json!({ "subject": "别的公司" })).await, 0);
    assert_eq!(
        count(json!({ "from": "2000-01-01", "to": "2000-01-31" })).await,
        0
    );
    assert_eq!(count(json!({ "from": "2000-01-01" })).await, everything);
}

#[tokio::test]
async fn keyset_pages_walk_every_operation_once() {
    let World {
        app: _app, filer, ..
    } = world().await;
    let (all, _) = page(&filer, json!({})).await;
    let mut walked = Vec::new();
    let mut before = String::new();
    loop {
        let (rows, next) = page(&filer, json!({ "limit": 2, "before": before })).await;
        assert!(rows.len() <= 2);
        walked.extend(rows.iter().map(|r| r["id"].as_i64().unwrap()));
        match next {
            Some(id) => before = id.to_string(),
            None => break,
        }
    }
    let ids: Vec<i64> = all.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(walked, ids);
}
