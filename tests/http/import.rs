//! CSV import of websites for a customer over HTTP: the dry run checks
//! every row and writes nothing; the import makes each good row a draft of
//! the customer's and refuses the rest by column and rule; importing the
//! same file again duplicates nothing.

use beian::server::entity::{account, application};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::fixtures::accounts::signed_in;
use crate::harness::{Client, Reply, TestApp};

pub(crate) const HEADER: [&str; 9] = [
    "网站名称",
    "首页URL",
    "域名",
    "服务内容",
    "语言",
    "IP地址",
    "接入方式",
    "服务器放置地",
    "备注",
];

fn rows() -> Value {
    json!([
        [
            2,
            [
                "蓝海商城",
                "www.lanhai-shop.com",
                "lanhai-shop.com",
                "网络购物",
                "中文简体",
                "121.40.1.10",
                "云接入",
                "四川省",
                ""
            ]
        ],
        [
            3,
            [
                "蓝海资讯",
                "www.bad.com",
                "www.bad.com",
                "网络赌场",
                "1",
                "121.40.1.11",
                "16",
                "510000",
                ""
            ]
        ],
        [
            4,
            [
                "蓝海云",
                "www.lanhai-yun.cn",
                "lanhai-yun.cn",
                "128",
                "1",
                "8.8.8.8",
                "16",
                "510000",
                ""
            ]
        ],
        [
            5,
            [
                "蓝海商城二",
                "www.lanhai-shop.com",
                "lanhai-shop.com",
                "256",
                "1",
                "121.40.1.12",
                "16",
                "510000",
                ""
            ]
        ],
    ])
}

async fn import(staff: &Client, customer: i32, rows: Value, dry_run: bool) -> Reply {
    staff
        .call_json(
            "batch/import",
            &json!({ "part": { "customer_id": customer, "header": HEADER, "rows": rows, "dry_run": dry_run } }),
        )
        .await
}

/// One row's answer: (line, [(column, rule)], imported?).
type Outcome = (u64, Vec<(String, String)>, bool);

fn outcomes(reply: &Reply) -> Vec<Outcome> {
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let errors = o["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap().to_owned(),
                        e["rule"].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            (
                o["line"].as_u64().unwrap(),
                errors,
                !o["draft_id"].is_null(),
            )
        })
        .collect()
}

fn has(row: &Outcome, column: &str, rule: &str) -> bool {
    row.1.iter().any(|(c, r)| c == column && r == rule)
}

/// Makes `username` a customer of the test provider and an organisation's account (a person's sites follow
/// stricter rules) and returns its id.
async fn organisation(app: &TestApp, username: &str) -> i32 {
    app.make_customer(username).await;
    account::Entity::update_many()
        .col_expr(account::Column::FilerKind, Expr::value("org"))
        .filter(account::Column::Username.eq(username))
        .exec(&app.state.db)
        .await
        .unwrap();
    account::Entity::find()
        .filter(account::Column::Username.eq(username))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn applications(app: &TestApp) -> u64 {
    application::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn import_checks_every_row_imports_the_good_ones_and_never_twice() {
    let app = TestApp::start().await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let customer = organisation(&app, "filer_a").await;

    let checked = outcomes(&import(&staff, customer, rows(), true).await);
    assert_eq!(
        checked.iter().map(|r| r.0).collect::<Vec<_>>(),
        [2, 3, 4, 5]
    );
    assert!(checked[0].1.is_empty() && !checked[0].2, "{checked:?}");
    assert!(has(&checked[1], "域名", "DOMAIN_WWW"), "{checked:?}");
    assert!(has(&checked[1], "服务内容", "IMPORT_UNKNOWN_CODE"));
    assert!(
        checked[2].1.iter().any(|(c, _)| c == "IP地址"),
        "{checked:?}"
    );
    assert!(has(&checked[3], "域名", "IMPORT_DOMAIN_REPEATED"));
    assert_eq!(applications(&app).await, 0, "a dry run writes nothing");

    let imported = outcomes(&import(&staff, customer, rows(), false).await);
    assert_eq!(
        imported.iter().map(|r| r.2).collect::<Vec<_>>(),
        [true, false, false, false]
    );
    assert_eq!(applications(&app).await, 1);
    let draft = application::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (draft.owner_id, draft.channel.code(), draft.state.code()),
        (customer, "PROXY", "DRAFT")
    );
    // The customer opens the draft with the imported site in it.
    let loaded = filer
        .call_json("filing/load", &json!({ "id": draft.id }))
        .await
        .json();
    assert_eq!(loaded["filing"]["sites"][0]["name"], "蓝海商城", "{loaded}");

    let again = outcomes(&import(&staff, customer, rows(), false).await);
    assert!(has(&again[0], "域名", "IMPORT_DOMAIN_TAKEN"), "{again:?}");
    assert_eq!(applications(&app).await, 1);

    // Refusals: a filer, a missing column, too many rows at once.
    assert_eq!(import(&filer, customer, rows(), true).await.status, 403);
    let short = staff
        .call_json(
            "batch/import",
            &json!({ "part": { "customer_id": customer, "header": ["网站名称"], "rows": rows(), "dry_run": true } }),
        )
        .await;
    assert_eq!(short.rules(), ["IMPORT_COLUMNS"]);
    let many: Vec<Value> = (0..201).map(|n| json!([n + 2, ["x"]])).collect();
    assert_eq!(
        import(&staff, customer, json!(many), true).await.status,
        400
    );
}

#[tokio::test]
async fn each_imported_row_is_its_own_draft_with_its_own_site_and_history() {
    let app = TestApp::start().await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let customer = organisation(&app, "filer_a").await;
    let names = ["蓝海甲站", "蓝海乙站", "蓝海丙站", "蓝海丁站", "蓝海戊站"];
    let file: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(n, name)| {
            let domain = format!("lanhai-{n}.cn");
            json!([
                n + 2,
                [
                    name,
                    format!("www.{domain}"),
                    domain,
                    "128",
                    "1",
                    format!("121.40.1.{}", 20 + n),
                    "16",
                    "510000",
                    ""
                ]
            ])
        })
        .collect();
    let reply = import(&staff, customer, json!(file), false).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    for (n, outcome) in reply.json().as_array().unwrap().iter().enumerate() {
        assert_eq!(outcome["errors"], json!([]), "{outcome}");
        let id = outcome["draft_id"].as_i64().expect("imported");
        let loaded = filer
            .call_json("filing/load", &json!({ "id": id }))
            .await
            .json();
        let site = &loaded["filing"]["sites"][0];
        assert_eq!(site["name"], names[n], "row {n} maps to its own draft");
        assert_eq!(site["domains"], json!([format!("lanhai-{n}.cn")]));
        let created: Vec<&str> = loaded["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["action"].as_str().unwrap())
            .collect();
        assert_eq!(created, ["CREATE"], "{loaded}");
    }
    assert_eq!(applications(&app).await, names.len() as u64);
}
