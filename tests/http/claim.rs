//! 备案认领 over HTTP: a filer claims a subject filed under another account
//! with its 备案密码. Bad numbers, a missing or wrong password, one's own
//! subject and a second claim in flight are refused at their fields; only
//! filers claim. The claim goes through the provider's 核实 and the 管局,
//! the previous owner is told at both ends and never sees the claim, and
//! on approval the subject is the claimant's to search, change and cancel.

use serde_json::json;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use beian::server::entity::{notification, subject};

use crate::fixtures::accounts::{account_id, signed_in};
use crate::fixtures::filing::{detail, start_change};
use crate::fixtures::world::{passed, world, World};
use crate::harness::{Client, Reply};

async fn claim(client: &Client, number: &str, password: &str) -> Reply {
    client
        .call(
            "claim/apply",
            &[("subject_number", number), ("password", password)],
        )
        .await
}

/// The site numbers `client` finds in 备案信息查询, in order.
async fn found_sites(client: &Client) -> Vec<String> {
    let reply = client
        .call_json("records/search", &json!({ "query": {} }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mut found: Vec<String> = reply.json()["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["site_number"].as_str().unwrap().to_owned())
        .collect();
    found.sort();
    found
}

#[tokio::test]
async fn a_filer_claims_a_subject_with_its_password_through_the_provider_and_the_bureau() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let claimant = signed_in(&app, "filer_b", "filer").await;
    let subject_number = record.subject.as_str();

    // Refused at their fields; nothing is created.
    for (number, password, rule) in [
        ("蜀ICP备", "x", "ICP_SUBJECT_NUMBER"),
        (&*format!("{subject_number}-1"), "x", "ICP_SUBJECT_NUMBER"),
        ("京ICP备2026999999号", "x", "CLAIM_NOT_FOUND"),
        (subject_number, "", "CLAIM_PASSWORD_REQUIRED"),
        (subject_number, "not-the-password", "FILING_PASSWORD_WRONG"),
    ] {
        let reply = claim(&claimant, number, password).await;
        assert_eq!(reply.rules(), [rule], "{number}: {}", reply.body);
    }
    let own = claim(&filer, subject_number, &record.password).await;
    assert_eq!(own.rules(), ["CLAIM_ALREADY_YOURS"], "{}", own.body);
    for stranger in [&staff, &bureau] {
        let reply = claim(stranger, subject_number, &record.password).await;
        assert_eq!(reply.status, 403, "{}", reply.body);
    }

    // With the 备案密码 it goes to the serving provider.
    let reply = claim(&claimant, subject_number, &record.password).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let id = reply.json().as_i64().unwrap();
    let view = detail(&claimant, id).await;
    assert_eq!(view["kind"], "Claim");
    assert_eq!(view["state"], "PendingIspVerify");
    assert_eq!(detail(&staff, id).await["state"], "PendingIspVerify");
    let hidden = filer.call_json("review/detail", &json!({ "id": id })).await;
    assert_eq!(
        hidden.status, 404,
        "the previous owner never reads the claim"
    );
    let again = claim(&claimant, subject_number, &record.password).await;
    assert_eq!(again.rules(), ["CLAIM_IN_FLIGHT"], "{}", again.body);

    // The previous owner was told, by name of the claiming account.
    let owner = account_id(&app, "filer_a").await as i32;
    let told = |text: &'static str| {
        let db = app.state.db.clone();
        async move {
            notification::Entity::find()
                .filter(notification::Column::AccountId.eq(owner))
                .filter(notification::Column::Text.contains(text))
                .all(&db)
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(told("正被账号 filer_b 以备案密码申请认领").await, 1);

    // Verified and approved: the subject is the claimant's.
    passed(&staff, &bureau, id).await;
    let moved = subject::Entity::find()
        .filter(subject::Column::Number.eq(subject_number))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(i64::from(moved.owner_id), account_id(&app, "filer_b").await);
    assert_eq!(told("已由认领申请").await, 1);
    assert_eq!(
        found_sites(&claimant).await,
        [format!("{subject_number}-1"), format!("{subject_number}-2")]
    );
    assert_eq!(found_sites(&filer).await, Vec::<String>::new());
    // The claimant changes it now; the previous owner cannot.
    assert_eq!(
        start_change(&claimant, subject_number, "Site").await.status,
        200
    );
    assert_eq!(
        start_change(&filer, subject_number, "Site").await.status,
        404
    );
}
