//! The dashboards of provider staff and 管局 reviewers over HTTP: each sees
//! its own scope move as an application goes through, and nobody else's.

use serde_json::{json, Value};

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::filing::self_filed;
use crate::fixtures::world::passed;
use crate::harness::{Client, TestApp};

async fn board(client: &Client) -> Value {
    let reply = client.call("dashboard", &[]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

/// (open by state, in my queue, approved this month, approved today).
fn figures(board: &Value) -> (Value, u64, u64, u64) {
    let waiting = board["ages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b[1].as_u64().unwrap())
        .sum();
    let today = board["daily"].as_array().unwrap().last().unwrap();
    (
        board["backlog"].clone(),
        waiting,
        board["month_approved"].as_u64().unwrap(),
        today["approved"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn dashboards_follow_an_application_through_in_their_own_scope_only() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let other_bureau = reviewer(&app, "bureau_gd", "bureau_reviewer", "440000").await;

    let empty = board(&staff).await;
    assert_eq!(figures(&empty), (json!([]), 0, 0, 0));
    assert_eq!(empty["limit_days"], 5);
    assert_eq!(empty["daily"].as_array().unwrap().len(), 30);

    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    assert_eq!(
        figures(&board(&staff).await),
        (json!([["PendingIspVerify", 1]]), 1, 0, 0)
    );
    // The 管局 sees nothing of it until it reaches the 管局.
    assert_eq!(figures(&board(&bureau).await), (json!([]), 0, 0, 0));

    passed(&staff, &bureau, id).await;
    assert_eq!(figures(&board(&staff).await), (json!([]), 0, 1, 1));
    let reviewed = board(&bureau).await;
    assert_eq!(figures(&reviewed), (json!([]), 0, 1, 1));
    assert_eq!(reviewed["limit_days"], 20);
    assert_eq!(figures(&board(&other_bureau).await), (json!([]), 0, 0, 0));

    // Filers have no dashboard; nobody signed out has any.
    assert_eq!(filer.call("dashboard", &[]).await.status, 403);
    assert_eq!(app.client().call("dashboard", &[]).await.status, 401);
}
