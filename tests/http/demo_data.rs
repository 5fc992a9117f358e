//! `beian seed-demo --subjects N`: the generated filings behave like real
//! ones through the running server, and the system goes on from them.

use beian::server::demo_data::{generate, Scale};
use beian::server::entity::{application, history, subject};
use beian::server::seed::GENERATED_PASSWORD;
use beian::server::{numbers, seed};
use chrono::Utc;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{json, Value};

use crate::harness::{Client, TestApp};

/// Every site number the client finds with `conditions`, page after page.
async fn all_numbers(client: &Client, conditions: Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut after = String::new();
    loop {
        let mut query = conditions.clone();
        query["after"] = json!(after);
        let reply = client
            .call_json("records/search", &json!({ "query": query }))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let page = reply.json();
        for row in page["rows"].as_array().unwrap() {
            found.push(row["site_number"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => return found,
        }
    }
}

#[tokio::test]
async fn generated_filings_are_searchable_consistent_and_numbers_go_on() {
    let app = TestApp::start().await;
    let db = &app.state.db;
    seed::seed_demo(db).await.unwrap();
    let scale = Scale {
        // Over 500 companies: enough for a name part whose subjects are
        // too many to sort in memory.
        subjects: 1000,
        sites_per_subject: 3,
    };
    let generated = generate(db, scale, Utc::now(), |_| {}).await.unwrap();
    assert_eq!(generated.subjects, 1000);
    assert!(generated.unfinished > 0 && generated.live_sites > 2500);

    // The admin pages through every live site, none twice.
    let admin = app.client();
    assert_eq!(admin.login(&app, "admin", "Admin2026").await.status, 200);
    let mut numbers_found = all_numbers(&admin, json!({ "limit": 100 })).await;
    assert_eq!(numbers_found.len() as u64, generated.live_sites);
    numbers_found.sort();
    numbers_found.dedup();
    assert_eq!(numbers_found.len() as u64, generated.live_sites);
    // The CSV export streams every page of them.
    let export = admin.get("/export/records.csv").await;
    assert_eq!(export.status, 200);
    assert_eq!(
        export.body.split_terminator("\r\n").count() as u64,
        generated.live_sites + 1
    );

    // Subject conditions page alike whether many subjects match (the order
    // index walked) or few (their sites sorted in memory), and a name part
    // finds what `contains` finds, whether its rarest pair is rare or common.
    let subjects = subject::Entity::find().all(db).await.unwrap();
    let middle = &subjects[subjects.len() / 2];
    let principal = middle.principal_name.clone();
    let surname: String = principal.chars().take(1).collect();
    let rare_part: String = middle.name.chars().skip(2).take(4).collect();
    let one_char: String = middle.name.chars().skip(2).take(1).collect();
    let matching = |name: &str, principal: &str| {
        subjects
            .iter()
            .filter(|s| s.name.contains(name) && s.principal_name.contains(principal))
            .count()
    };
    let many = matching("有限公司", "");
    assert!(many > 500, "the walk of the order index is tried ({many})");
    for (conditions, expected) in [
        (
            json!({ "nature": "ENTERPRISE", "limit": 37 }),
            subjects.iter().filter(|s| s.nature == "ENTERPRISE").count(),
        ),
        (
            json!({ "principal": principal, "limit": 2, "sort": "number" }),
            matching("", &principal),
        ),
        (json!({ "name": "有限公司", "limit": 100 }), many),
        (
            json!({ "name": "有限公司", "limit": 100, "sort": "number" }),
            many,
        ),
        (
            json!({ "name": rare_part, "limit": 3 }),
            matching(&rare_part, ""),
        ),
        (
            json!({ "name": one_char, "limit": 50 }),
            matching(&one_char, ""),
        ),
        (
            json!({ "principal": surname, "limit": 50 }),
            matching("", &surname),
        ),
        (
            json!({ "name": "科技", "principal": surname, "limit": 9 }),
            matching("科技", &surname),
        ),
        (json!({ "name": "公司科技" }), 0),
    ] {
        let mut found = all_numbers(&admin, conditions.clone()).await;
        assert_eq!(found.len(), expected * 3, "{conditions}");
        found.sort();
        found.dedup();
        assert_eq!(found.len(), expected * 3, "{conditions}");
    }

    // A generated owner signs in and sees just their own subject's sites.
    let first = subject::Entity::find()
        .order_by_desc(subject::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let owner = beian::server::entity::account::Entity::find_by_id(first.owner_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let filer = app.client();
    let login = filer.login(&app, &owner.username, GENERATED_PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.body);
    let own = all_numbers(&filer, json!({})).await;
    assert_eq!(own.len(), 3);
    assert!(own.iter().all(|n| n.starts_with(&first.number)));

    // Every application's state is where its history leads.
    let mut last_state = std::collections::HashMap::new();
    for row in history::Entity::find()
        .order_by_asc(history::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        last_state.insert(row.application_id, row.state_to);
    }
    for app_row in application::Entity::find().all(db).await.unwrap() {
        assert_eq!(
            last_state[&app_row.id], app_row.state,
            "application {}",
            app_row.id
        );
    }

    // The next approval in a generated province and year gets a new number.
    let year = beian::server::infra::time::beijing_today(first.approved_at).year;
    let next = numbers::next_subject_number(db, &first.province, year)
        .await
        .unwrap();
    let taken = subject::Entity::find().all(db).await.unwrap();
    assert!(taken.iter().all(|s| s.number != next), "{next} reissued");
}
