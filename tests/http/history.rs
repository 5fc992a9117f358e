//! 历史记录查询 over HTTP: who sees which operations, each condition, and
//! keyset pages that walk every row once.

use serde_json::{json, Value};

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::filing::{decide, detail, load, saved_version, self_filed, submit};
use crate::fixtures::world::{world, World};
use crate::harness::{Client, Reply, TestApp};

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

/// The ids of the caller's operations, oldest first, with their actions.
async fn operation_ids(client: &Client) -> Vec<(i64, String)> {
    let (mut rows, _) = page(client, json!({})).await;
    rows.reverse();
    rows.iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn operation(client: &Client, id: i64) -> Reply {
    client
        .call_json("history/detail", &json!({ "id": id }))
        .await
}

#[tokio::test]
async fn each_operation_shows_its_reasons_and_the_fields_it_changed() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let version = detail(&staff, id).await["version"].as_i64().unwrap();
    let pinned = json!([{ "field": "sites[1].name", "text": "网站名称与域名内容不符" }]);
    let returned = decide(&staff, id, version, "ReturnToSponsor", pinned).await;
    assert_eq!(returned.status, 200, "{}", returned.body);
    let view = load(&filer, id).await;
    let mut filing = view["filing"].clone();
    filing["sites"][1]["name"] = json!("蓝海云平台");
    let version = saved_version(&filer, id, view["version"].as_i64().unwrap(), &filing).await;
    assert_eq!(submit(&filer, id, version).await.json(), "PendingIspVerify");

    let ops = operation_ids(&filer).await;
    let labels: Vec<&str> = ops.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(
        labels,
        ["创建", "提交", "退回主办者修改", "提交"],
        "{ops:?}"
    );
    let detail_of = |n: usize| {
        let filer = filer.clone();
        let op = ops[n].0;
        async move {
            let reply = operation(&filer, op).await;
            assert_eq!(reply.status, 200, "{}", reply.body);
            reply.json()
        }
    };

    // The first submission has nothing before it.
    let first = detail_of(1).await;
    assert_eq!(first["first_version"], true);
    assert_eq!(first["changes"], Value::Null);
    // The return: who, from and to, the reason at its field, no data change.
    let ret = detail_of(2).await;
    assert_eq!(ret["operation"]["role"], "接入服务商工作人员");
    assert_eq!(ret["operation"]["state_from"], "待接入者核实");
    assert_eq!(ret["operation"]["state_to"], "退回主办者修改");
    assert_eq!(ret["reasons"][0]["field"], "sites[1].name");
    assert_eq!(ret["reasons"][0]["text"], "网站名称与域名内容不符");
    assert_eq!(
        (ret["changes"].clone(), ret["first_version"].clone()),
        (Value::Null, json!(false))
    );
    // The resubmission: exactly the fixed field.
    assert_eq!(
        detail_of(3).await["changes"],
        json!([{ "path": "sites[1].name", "before": "蓝海云服务", "after": "蓝海云平台" }])
    );

    // The same scope as the search: staff and the admin see it, another
    // filer and another province's 管局 get 404.
    let resubmitted = ops[3].0;
    assert_eq!(operation(&staff, resubmitted).await.status, 200);
    let admin = signed_in(&app, "admin_a", "system_admin").await;
    assert_eq!(operation(&admin, resubmitted).await.status, 200);
    let other_filer = signed_in(&app, "filer_b", "filer").await;
    assert_eq!(operation(&other_filer, resubmitted).await.status, 404);
    let other_bureau = reviewer(&app, "bureau_gd", "bureau_reviewer", "440000").await;
    assert_eq!(operation(&other_bureau, resubmitted).await.status, 404);
    assert_eq!(operation(&filer, 999_999).await.status, 404);
    assert_eq!(
        app.client()
            .call_json("history/detail", &json!({ "id": resubmitted }))
            .await
            .status,
        401
    );

    // The admin reads the application behind the row, and can act on none.
    let seen = detail(&admin, id).await;
    assert_eq!(seen["actor"], Value::Null);
    assert_eq!(seen["allowed"], json!([]));
    let version = seen["version"].as_i64().unwrap();
    let refused = decide(
        &admin,
        id,
        version,
        "ReturnToSponsor",
        json!([{ "field": "", "text": "x" }]),
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
}
