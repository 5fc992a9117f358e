//! 备案信息查询 over HTTP: who sees which records, each condition, and the
//! keyset pages that neither skip nor repeat a row.

use serde_json::{json, Value};

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::filing::{edited, start_change, submit_change};
use crate::fixtures::world::{apply, passed, request, world, World};
use crate::harness::{Client, Reply};

async fn search(client: &Client, query: Value) -> Reply {
    client
        .call_json("records/search", &json!({ "query": query }))
        .await
}

/// The site numbers of one page, and its next cursor.
async fn numbers(client: &Client, query: Value) -> (Vec<String>, Option<String>) {
    let reply = search(client, query).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let page = reply.json();
    let rows = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["site_number"].as_str().unwrap().to_owned())
        .collect();
    (rows, page["next"].as_str().map(str::to_owned))
}

#[tokio::test]
async fn each_role_sees_its_own_records_and_every_condition_narrows_them() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let (site_1, site_2) = (
        format!("{}-1", record.subject),
        format!("{}-2", record.subject),
    );
    let both = vec![site_2.clone(), site_1.clone()];

    // Who sees what: the owner, the serving provider, the province's 管局
    // and the admin; nobody else.
    for client in [&filer, &staff, &bureau] {
        assert_eq!(numbers(client, json!({})).await.0, both);
    }
    let admin = signed_in(&app, "admin_a", "system_admin").await;
    assert_eq!(numbers(&admin, json!({})).await.0, both);
    let other_filer = signed_in(&app, "filer_b", "filer").await;
    assert!(numbers(&other_filer, json!({})).await.0.is_empty());
    let other_bureau = reviewer(&app, "bureau_gd", "bureau_reviewer", "440000").await;
    assert!(numbers(&other_bureau, json!({})).await.0.is_empty());
    let authority = reviewer(&app, "pre_a", "preapproval", "").await;
    assert_eq!(search(&authority, json!({})).await.status, 403);
    assert_eq!(
        app.client()
            .call_json("records/search", &json!({ "query": {} }))
            .await
            .status,
        401
    );

    // Each condition.
    let one = |q: Value| {
        let bureau = &bureau;
        async move { numbers(bureau, q).await.0 }
    };
    assert_eq!(one(json!({ "name": "蓝海科技" })).await, both);
    assert!(one(json!({ "name": "别的公司" })).await.is_empty());
    assert_eq!(one(json!({ "number": site_1 })).await, [site_1.as_str()]);
    let prefix: String = record.subject.chars().take(8).collect();
    assert_eq!(one(json!({ "number": prefix })).await, both);
    assert_eq!(
        one(json!({ "domain": "WWW.Lanhai-Cloud.cn" })).await,
        [site_2.as_str()]
    );
    assert_eq!(one(json!({ "principal": "陈" })).await, both);
    assert!(one(json!({ "principal": "王" })).await.is_empty());
    assert_eq!(one(json!({ "nature": "ENTERPRISE" })).await, both);
    assert!(one(json!({ "nature": "INDIVIDUAL" })).await.is_empty());
    assert_eq!(one(json!({ "province": "510000" })).await, both);
    assert!(one(json!({ "province": "110000" })).await.is_empty());
    assert!(one(json!({ "from": "2000-01-01", "to": "2000-12-31" }))
        .await
        .is_empty());
    assert_eq!(one(json!({ "from": "2000-01-01" })).await, both);
    assert_eq!(
        one(json!({ "sort": "number" })).await,
        [site_1.clone(), site_2.clone()]
    );

    // The row carries the public and the search columns.
    let reply = search(&bureau, json!({ "number": site_1 })).await.json();
    let row = &reply["rows"][0];
    assert_eq!(row["unit_name"], "成都蓝海科技有限公司");
    assert_eq!(row["nature"], "企业");
    assert_eq!(row["province"], "四川省");
    assert_eq!(row["principal"], "陈明");
    assert_eq!(row["domains"], json!(["lanhai.com"]));
}

#[tokio::test]
async fn keyset_pages_neither_skip_nor_repeat_in_either_order() {
    // `_app` keeps the test database alive (PostgreSQL drops it with the app).
    let World {
        app: _app,
        bureau,
        record,
        ..
    } = world().await;
    let (site_1, site_2) = (
        format!("{}-1", record.subject),
        format!("{}-2", record.subject),
    );
    // Both sites were approved in one transaction: the same time, so the
    // id breaks the tie.
    for (sort, expected) in [
        ("", [site_2.clone(), site_1.clone()]),
        ("number", [site_1.clone(), site_2.clone()]),
    ] {
        let (first, next) = numbers(&bureau, json!({ "sort": sort, "limit": 1 })).await;
        assert_eq!(first, [expected[0].clone()]);
        let next = next.expect("a second page");
        let (second, end) =
            numbers(&bureau, json!({ "sort": sort, "limit": 1, "after": next })).await;
        assert_eq!(second, [expected[1].clone()]);
        assert_eq!(end, None, "nothing after the last row");
    }
    // A malformed cursor starts over instead of failing.
    let (again, _) = numbers(&bureau, json!({ "limit": 1, "after": "junk" })).await;
    assert_eq!(again, [site_2]);
}

#[tokio::test]
async fn the_migration_fills_the_search_columns_of_records_approved_before_it() {
    use beian::server::entity::subject;
    use migration::{Migrator, MigratorTrait};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let World { app, record, .. } = world().await;
    let db = &app.state.db;
    // Back to the schema before record search (and every migration after
    // it), and forward again: the record approved meanwhile gets its
    // columns from its payload.
    let since_record_search = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261129_000007_record_search")
        .expect("the record-search migration exists")
        + 1;
    Migrator::down(db, Some(since_record_search as u32))
        .await
        .unwrap();
    Migrator::up(db, None).await.unwrap();
    let found = subject::Entity::find()
        .filter(subject::Column::Number.eq(record.subject.clone()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.nature, "ENTERPRISE");
    assert_eq!(found.principal_name, "陈明");
}

#[tokio::test]
async fn an_approved_change_of_name_is_found_by_its_new_parts_and_no_longer_by_the_old() {
    let World {
        app: _app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let found = |part: &'static str| {
        let bureau = &bureau;
        async move { numbers(bureau, json!({ "name": part })).await.0.len() }
    };
    assert_eq!(found("成都蓝").await, 2);
    assert_eq!(found("（成都）").await, 0);
    let id = start_change(&filer, &record.subject, "Subject")
        .await
        .json()
        .as_i64()
        .unwrap();
    let renamed = edited(&filer, id, |f| {
        f["subject"]["name"] = json!("蓝海科技（成都）有限公司")
    })
    .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    let submitted = submit_change(&filer, id, &record.password).await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    // Until the 管局 approves, the record keeps its name.
    assert_eq!(found("成都蓝").await, 2);
    passed(&staff, &bureau, id).await;
    assert_eq!(found("（成都）").await, 2);
    assert_eq!(found("技（").await, 2);
    assert_eq!(found("成都蓝").await, 0);
    assert_eq!(found("有限公司").await, 2);
}

#[tokio::test]
async fn the_migration_indexes_the_names_of_records_approved_before_it() {
    use beian::server::entity::subject_gram;
    use migration::{Migrator, MigratorTrait};
    use sea_orm::{EntityTrait, PaginatorTrait};

    let World { app, bureau, .. } = world().await;
    let db = &app.state.db;
    let indexed = subject_gram::Entity::find().count(db).await.unwrap();
    assert!(indexed > 0, "the approval indexed its names");
    let since = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261208_000027_subject_grams")
        .expect("the migration exists")
        + 1;
    Migrator::down(db, Some(since as u32)).await.unwrap();
    Migrator::up(db, None).await.unwrap();
    assert_eq!(
        subject_gram::Entity::find().count(db).await.unwrap(),
        indexed
    );
    assert_eq!(numbers(&bureau, json!({ "name": "海科" })).await.0.len(), 2);
    assert_eq!(
        numbers(&bureau, json!({ "principal": "明" })).await.0.len(),
        2
    );
}

#[tokio::test]
async fn a_cancelled_site_leaves_every_kind_of_search() {
    let World {
        app: _app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let (site_1, site_2) = (
        format!("{}-1", record.subject),
        format!("{}-2", record.subject),
    );
    let cancelled = apply(&filer, &record.subject, request(false, &[&site_1], &[]), "").await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    passed(&staff, &bureau, cancelled.json().as_i64().unwrap()).await;
    // Few subjects (their sites sorted in memory) and many (the order
    // index walked) alike.
    for query in [
        json!({}),
        json!({ "sort": "number" }),
        json!({ "name": "蓝海" }),
        json!({ "name": "蓝海", "sort": "number" }),
        json!({ "principal": "陈明" }),
        json!({ "number": record.subject }),
        json!({ "province": "510000" }),
    ] {
        assert_eq!(
            numbers(&bureau, query.clone()).await.0,
            [site_2.as_str()],
            "{query}"
        );
    }
    assert!(numbers(&bureau, json!({ "number": site_1 }))
        .await
        .0
        .is_empty());
}
