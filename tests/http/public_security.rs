//! 公安联网备案 over HTTP: the filer and the serving staff record a live
//! website's 公网安备 number (checked against the subject's province), the
//! public lookup shows it, strangers get nothing, and the owner is reminded
//! once at 7 days left and once at 1.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use beian::server::entity::{notification, site};
use beian::server::public_security::remind;

use crate::fixtures::accounts::{move_to_another_provider, reviewer, signed_in};
use crate::fixtures::world::{world, World};
use crate::harness::{Client, Reply, TestApp};

async fn list(client: &Client) -> Value {
    listed(client, "").await
}

/// The list of websites whose number starts with `number`.
async fn listed(client: &Client, number: &str) -> Value {
    let reply = client
        .call("public_security/list", &[("number", number), ("page", "0")])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

/// `(site number, 公网安备 number, days left)` of each row.
async fn rows(client: &Client) -> Vec<(String, Value, i64)> {
    list(client).await["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["site_number"].as_str().unwrap().to_owned(),
                r["psb_number"].clone(),
                r["days_left"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn record(client: &Client, site: &str, number: &str) -> Reply {
    client
        .call(
            "public_security/record",
            &[("site_number", site), ("psb_number", number)],
        )
        .await
}

async fn stored(app: &TestApp, site: &str) -> Option<String> {
    site::Entity::find()
        .filter(site::Column::Number.eq(site))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .psb_number
}

async fn reminders(app: &TestApp) -> Vec<String> {
    notification::Entity::find()
        .filter(notification::Column::Text.contains("公安联网备案"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect()
}

#[tokio::test]
async fn the_number_is_recorded_by_those_who_tend_the_site_and_shown_to_the_public() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record: approved,
    } = world().await;
    let (site_1, site_2) = (
        format!("{}-1", approved.subject),
        format!("{}-2", approved.subject),
    );
    assert_eq!(
        rows(&filer).await,
        [
            (site_1.clone(), Value::Null, 30),
            (site_2.clone(), Value::Null, 30)
        ]
    );
    assert_eq!(list(&filer).await["may_record"], true);
    // A site's number finds that site; a stranger's prefix finds nothing.
    let one = listed(&filer, &site_2).await;
    assert_eq!(one["total"], 1);
    assert_eq!(one["rows"][0]["site_number"], site_2.as_str());
    assert_eq!(listed(&filer, "京ICP备").await["total"], 0);
    assert_eq!(list(&bureau).await["may_record"], false);

    // Another province's number, or none of the right shape, is refused at
    // the field and nothing is stored.
    for wrong in ["京公网安备11010802020088号", "川公网安备5101040200号", ""] {
        let reply = record(&filer, &site_1, wrong).await;
        assert_eq!(reply.rules(), ["PSB_FORMAT"], "{wrong}: {}", reply.body);
    }
    assert_eq!(stored(&app, &site_1).await, None);

    // The filer records site 1 (spaces dropped), staff site 2.
    let reply = record(&filer, &site_1, "川公网安备 51010402000123号").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json(), "川公网安备51010402000123号");
    assert_eq!(
        record(&staff, &site_2, "川公网安备51010402000124号")
            .await
            .status,
        200
    );
    assert_eq!(
        rows(&bureau).await,
        [
            (site_1.clone(), json!("川公网安备51010402000123号"), 30),
            (site_2.clone(), json!("川公网安备51010402000124号"), 30)
        ]
    );

    // The public lookup shows it with the site.
    let found = app
        .client()
        .call_json(
            "public/lookup",
            &json!({ "by": "Domain", "q": "lanhai.com" }),
        )
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert_eq!(found.json()[0]["psb_number"], "川公网安备51010402000123号");

    // Strangers: another filer and another provider's staff do not find
    // the site; the 管局 and the admin read but do not record.
    let other_filer = signed_in(&app, "filer_b", "filer").await;
    let other_staff = signed_in(&app, "staff_y", "provider_staff").await;
    move_to_another_provider(&app, "staff_y").await;
    let other_bureau = reviewer(&app, "bureau_gd", "bureau_reviewer", "440000").await;
    let admin = signed_in(&app, "admin", "system_admin").await;
    for stranger in [&other_filer, &other_staff, &other_bureau] {
        assert!(rows(stranger).await.is_empty());
    }
    for stranger in [&other_filer, &other_staff] {
        assert_eq!(
            record(stranger, &site_1, "川公网安备51010402000999号")
                .await
                .status,
            404
        );
    }
    for reader in [&bureau, &admin] {
        assert_eq!(
            record(reader, &site_1, "川公网安备51010402000999号")
                .await
                .status,
            403
        );
    }
    assert_eq!(rows(&admin).await.len(), 2);
    assert_eq!(
        stored(&app, &site_1).await.as_deref(),
        Some("川公网安备51010402000123号")
    );
}

#[tokio::test]
async fn the_owner_is_reminded_at_seven_days_left_then_at_one() {
    let World {
        app,
        filer,
        record: approved,
        ..
    } = world().await;
    let site_1 = format!("{}-1", approved.subject);
    // Site 1's number is in; site 2 still owes one.
    assert_eq!(
        record(&filer, &site_1, "川公网安备51010402000123号")
            .await
            .status,
        200
    );
    let db = &app.state.db;
    let now = chrono::Utc::now();
    let day = chrono::Duration::days(1);

    assert_eq!(remind(db, now + day * 22).await.unwrap(), 0);
    assert_eq!(remind(db, now + day * 23).await.unwrap(), 1);
    assert_eq!(remind(db, now + day * 25).await.unwrap(), 0);
    assert_eq!(remind(db, now + day * 29).await.unwrap(), 1);
    assert_eq!(remind(db, now + day * 29).await.unwrap(), 0);
    assert_eq!(remind(db, now + day * 31).await.unwrap(), 0);
    let sent = reminders(&app).await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(
        sent[0].contains(&format!("{}-2", approved.subject)),
        "{}",
        sent[0]
    );
    assert!(sent[0].contains("还剩 7 天"), "{}", sent[0]);
    assert!(sent[1].contains("还剩 1 天"), "{}", sent[1]);
}
