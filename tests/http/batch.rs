//! Provider staff's batch tools over HTTP: listing their own accesses by
//! filter, 批量变更接入 (an IP migration) and 批量取消接入, each with one
//! result per subject that stands on its own.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use beian::domain::filing::Site;
use beian::server::entity::{site, site_access};

use crate::fixtures::world::nothing_live_under_a_cancelled_parent;
use crate::fixtures::world::{passed, world, World};
use crate::harness::{Client, Reply, TestApp};

async fn accesses(client: &Client, query: Value) -> Reply {
    client
        .call_json("batch/accesses", &json!({ "query": query }))
        .await
}

async fn move_sites(client: &Client, sites: &[&str], from: &str, to: &str) -> Reply {
    client
        .call_json(
            "batch/move",
            &json!({ "sites": sites, "from": from, "to": to }),
        )
        .await
}

async fn cancel_sites(client: &Client, sites: &[&str], reason: &str) -> Reply {
    client
        .call_json(
            "batch/cancel",
            &json!({ "sites": sites, "reason": reason, "explanation": "客户合同到期" }),
        )
        .await
}

/// The application id of a result row, or its error.
fn outcome(row: &Value) -> Result<i64, Value> {
    match row["outcome"].get("Ok") {
        Some(id) => Ok(id.as_i64().unwrap()),
        None => Err(row["outcome"]["Err"].clone()),
    }
}

/// A live site's access addresses and whether its provider still serves it.
async fn live_access(app: &TestApp, number: &str) -> (Vec<String>, bool) {
    let found = site::Entity::find()
        .filter(site::Column::Number.eq(number))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let payload: Site = found.data();
    let served = site_access::Entity::find()
        .filter(site_access::Column::SiteId.eq(found.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .is_some();
    (
        payload.accesses.into_iter().map(|a| a.ips).collect(),
        served,
    )
}

#[tokio::test]
async fn an_ip_migration_moves_the_picked_sites_once_the_bureau_approves() {
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

    // Only staff have the tool; the block filter finds both sites.
    assert_eq!(accesses(&filer, json!({})).await.status, 403);
    let listed = accesses(&staff, json!({ "block": "121.40.1.0/24" })).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let rows = listed.json()["rows"].clone();
    assert_eq!(rows.as_array().unwrap().len(), 2, "{rows}");
    assert_eq!(rows[0]["site_number"], site_1.as_str());
    let elsewhere = accesses(&staff, json!({ "block": "121.42.0.0/16" })).await;
    assert_eq!(elsewhere.json()["rows"], json!([]));
    assert_eq!(
        accesses(&staff, json!({ "block": "not a block" }))
            .await
            .rules(),
        ["BATCH_BLOCK_FORMAT"]
    );

    // The move is checked before anything is written.
    let refused = move_sites(&staff, &[&site_1], "121.40.1.0/24", "8.8.8.0/24").await;
    assert_eq!(refused.rules(), ["MOVE_TO_NOT_YOURS"]);
    assert_eq!(
        move_sites(&filer, &[&site_1], "121.40.1.0/24", "121.41.8.0/24")
            .await
            .status,
        403
    );

    // Only site 1 is picked: one change for the subject, with no 备案密码.
    let reply = move_sites(&staff, &[&site_1], "121.40.1.0/24", "121.41.8.0/24").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let results = reply.json();
    assert_eq!(results.as_array().unwrap().len(), 1);
    let id = outcome(&results[0]).expect("the subject's change went in");

    // While it is in flight a second batch on the subject is refused.
    let again = move_sites(&staff, &[&site_2], "121.40.1.0/24", "121.41.8.0/24").await;
    let blocked = outcome(&again.json()[0]).unwrap_err();
    assert_eq!(
        blocked["Validation"][0]["rule"], "CHG_IN_FLIGHT",
        "{blocked}"
    );

    passed(&staff, &bureau, id).await;
    assert_eq!(
        live_access(&app, &site_1).await.0,
        ["121.41.8.10-121.41.8.10"]
    );
    assert_eq!(
        live_access(&app, &site_2).await.0,
        ["121.40.1.10-121.40.1.10"]
    );

    // Moving it again finds nothing of site 1 in the old block.
    let nothing = move_sites(&staff, &[&site_1], "121.40.1.0/24", "121.41.9.0/24").await;
    let refused = outcome(&nothing.json()[0]).unwrap_err();
    assert_eq!(
        refused["Validation"][0]["rule"], "MOVE_NOTHING",
        "{refused}"
    );
}

#[tokio::test]
async fn a_batch_cancel_answers_per_subject_and_one_refusal_stops_nothing() {
    let World {
        app,
        staff,
        bureau,
        record,
        ..
    } = world().await;
    let (site_1, site_2) = (
        format!("{}-1", record.subject),
        format!("{}-2", record.subject),
    );

    assert_eq!(
        cancel_sites(&staff, &[&site_1], "").await.rules(),
        ["CXL_REASON"]
    );
    assert_eq!(
        cancel_sites(&staff, &[], "NO_SERVICE").await.rules(),
        ["BATCH_SIZE"]
    );

    // A subject the staff do not serve fails on its own line.
    let reply = cancel_sites(
        &staff,
        &[&site_1, &site_2, "蜀ICP备26999999号-1"],
        "NO_SERVICE",
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let results = reply.json();
    assert_eq!(results.as_array().unwrap().len(), 2, "{results}");
    let ours = results
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["subject_number"] == record.subject.as_str())
        .unwrap();
    assert_eq!(ours["site_numbers"], json!([site_1, site_2]));
    let id = outcome(ours).expect("the staff's own accesses are cancelled");
    let stranger = results
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["subject_number"] == "蜀ICP备26999999号")
        .unwrap();
    assert_eq!(outcome(stranger).unwrap_err(), "NotFound");

    passed(&staff, &bureau, id).await;
    for number in [&site_1, &site_2] {
        let (ips, served) = live_access(&app, number).await;
        assert!(ips.is_empty() && !served, "{number} still has its access");
    }
    nothing_live_under_a_cancelled_parent(&app).await;
    let listed = accesses(&staff, json!({})).await.json();
    assert_eq!(
        listed["rows"],
        json!([]),
        "cancelled accesses are not listed"
    );
}
