//! Races (docs/testing.md, suite 4): two parties act on the same application at
//! the same moment, round after round. Each round has exactly one winner,
//! the loser gets `Conflict`, no number is issued twice and nothing is
//! half-written: every application's state is the state its last history
//! row reached.
//!
//! `BEIAN_RACE_ROUNDS` sets the rounds per pair: 10 in the test command,
//! 1,000 in the long run (docs/testing.md).

use std::collections::HashSet;

use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;

use beian::server::entity::{application, history};

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::filing::{
    after_upstream, decide, detail, draft_with_scans, saved_version, submit,
};
use crate::fixtures::numbered::{awaiting_bureau, filing_of, rounds, site_numbers, verification};
use crate::harness::{Reply, TestApp};

/// Exactly one of two racing answers is a success and the other a conflict.
fn one_winner(first: &Reply, second: &Reply) -> bool {
    let mut statuses = [first.status, second.status];
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [200, 409],
        "one winner and one conflict: {} / {}",
        first.body,
        second.body
    );
    first.status == 200
}

/// Nothing half-written: each application's state is its last history
/// row's, and no site number was issued twice.
async fn consistent(app: &TestApp) {
    let db = &app.state.db;
    let rows = history::Entity::find()
        .order_by_asc(history::Column::Id)
        .all(db)
        .await
        .unwrap();
    for application in application::Entity::find().all(db).await.unwrap() {
        let last = rows
            .iter()
            .rev()
            .find(|row| row.application_id == application.id)
            .expect("every application has history");
        assert_eq!(
            last.state_to, application.state,
            "application {} is where its history says",
            application.id
        );
    }
    let numbers = site_numbers(app).await;
    let unique: HashSet<&String> = numbers.iter().collect();
    assert_eq!(unique.len(), numbers.len(), "no site number twice");
}

/// How many history rows of application `id` leave `state`: the ways out
/// of it taken, which a race must keep to one.
async fn exits_from(app: &TestApp, id: i64, state: &str) -> usize {
    history::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| {
            row.application_id == id as i32 && row.state_from.map(|s| s.code()) == Some(state)
        })
        .count()
}

#[tokio::test]
async fn approve_against_approve_or_return_has_one_winner() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let first = reviewer(&app, "bureau_1", "bureau_reviewer", "510000").await;
    let second = reviewer(&app, "bureau_2", "bureau_reviewer", "510000").await;
    let reason = json!([{ "field": "sites[0].name", "text": "网站名称与内容不符" }]);
    for round in 0..rounds() {
        let (id, version) = awaiting_bureau(&filer, &staff, round, "510000").await;
        let other = if round % 2 == 0 {
            "Approve"
        } else {
            "ReturnToIsp"
        };
        let other_reasons = if other == "Approve" {
            json!([])
        } else {
            reason.clone()
        };
        let (approved, answered) = tokio::join!(
            decide(&first, id, version, "Approve", json!([])),
            decide(&second, id, version, other, other_reasons),
        );
        let first_won = one_winner(&approved, &answered);
        let view = detail(&first, id).await;
        let expected = if first_won || other == "Approve" {
            "Approved"
        } else {
            "ReturnedToIsp"
        };
        assert_eq!(view["state"], expected, "round {round}");
        assert_eq!(
            exits_from(&app, id, "PENDING_BUREAU_REVIEW").await,
            1,
            "round {round}: one decision"
        );
        let sites = view["numbers"]["sites"].as_array().map_or(0, Vec::len);
        assert_eq!(
            sites,
            if expected == "Approved" { 2 } else { 0 },
            "round {round}"
        );
    }
    consistent(&app).await;
}

#[tokio::test]
async fn revoke_against_the_ministry_pick_up_has_one_winner() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let (mut revoked, mut passed) = (0, 0);
    for round in 0..rounds() {
        let (id, docs) = draft_with_scans(&filer, None).await;
        let version = saved_version(&filer, id, 1, &filing_of(&docs, round, "510000")).await;
        assert_eq!(submit(&filer, id, version).await.status, 200);
        let version = verification(&staff, id).await;
        let reply = decide(&staff, id, version, "Verify", json!([])).await;
        assert_eq!(reply.json(), "NotSubmittedToMinistry", "{}", reply.body);
        // The simulated ministry takes it up at once; staff revoke at once.
        let revoke = decide(&staff, id, version + 1, "Revoke", json!([])).await;
        let view = after_upstream(&staff, id).await;
        match revoke.status {
            200 => {
                revoked += 1;
                assert_eq!(view["state"], "Revoked", "round {round}");
            }
            409 => {
                passed += 1;
                assert_eq!(view["state"], "PendingBureauReview", "round {round}");
            }
            other => panic!("round {round}: revoke answered {other}: {}", revoke.body),
        }
        let after_verify = exits_from(&app, id, "NOT_SUBMITTED_TO_MINISTRY").await;
        assert_eq!(
            after_verify, 1,
            "round {round}: one way out of 未提交至部系统"
        );
    }
    println!("撤销 won {revoked} rounds, the ministry {passed}");
    assert_eq!(revoked + passed, rounds());
    consistent(&app).await;
}

#[tokio::test]
async fn concurrent_approvals_in_two_provinces_never_share_a_number() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let sichuan = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let beijing = reviewer(&app, "bureau_bj", "bureau_reviewer", "110000").await;
    let mut waiting = Vec::new();
    for round in 0..rounds() {
        let province = if round % 2 == 0 { "510000" } else { "110000" };
        let (id, version) = awaiting_bureau(&filer, &staff, round, province).await;
        let bureau = if province == "510000" {
            &sichuan
        } else {
            &beijing
        };
        waiting.push((bureau.clone(), id, version));
    }
    let approvals = waiting.into_iter().map(|(bureau, id, version)| {
        tokio::spawn(async move { decide(&bureau, id, version, "Approve", json!([])).await })
    });
    for approval in approvals {
        let reply = approval.await.unwrap();
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    let numbers = site_numbers(&app).await;
    assert_eq!(numbers.len(), rounds() * 2);
    for prefix in ["蜀ICP备", "京ICP备"] {
        assert!(
            numbers.iter().any(|n| n.starts_with(prefix)),
            "{prefix} numbers: {numbers:?}"
        );
    }
    consistent(&app).await;
}

/// 批量核实 against the filer's edit. A filer who spots a mistake after
/// submitting has staff return the filing (退回主办者) and fixes it, while
/// other staff verify the page in a batch. Verify and return race at the
/// same version: exactly one wins. The filer's edit lands only after a
/// return, and an edit from a page opened before submitting never does, so
/// what staff verified is what goes upstream.
#[tokio::test]
async fn batch_verify_against_the_filers_edit_has_one_winner() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let colleague = signed_in(&app, "staff_b", "provider_staff").await;
    let reason = json!([{ "field": "sites[0].name", "text": "主办者申请修改网站名称" }]);
    let (mut verified, mut edited) = (0, 0);
    for round in 0..rounds() {
        let (id, docs) = draft_with_scans(&filer, None).await;
        let filing = filing_of(&docs, round, "510000");
        let saved = saved_version(&filer, id, 1, &filing).await;
        assert_eq!(submit(&filer, id, saved).await.status, 200);
        let version = verification(&staff, id).await;
        let mut fixed = filing.clone();
        fixed["sites"][0]["name"] = json!(format!("修改后的网站{round}"));

        let items = json!({ "items": [[id, version]], "action": "Verify", "reasons": [] });
        let batch = staff.call_json("review/batch", &items);
        let return_then_edit = async {
            let returned = decide(&colleague, id, version, "ReturnToSponsor", reason.clone()).await;
            let edit = if returned.status == 200 {
                Some(crate::fixtures::filing::save(&filer, id, version + 1, &fixed).await)
            } else {
                None
            };
            (returned, edit)
        };
        // An edit from the filer's page as it was before submitting.
        let stale_edit = crate::fixtures::filing::save(&filer, id, saved, &fixed);
        let (batch, (returned, edit), stale_edit) =
            tokio::join!(batch, return_then_edit, stale_edit);

        assert_eq!(batch.status, 200, "{}", batch.body);
        let outcome = &batch.json()[0]["outcome"];
        let verify_won = outcome["Ok"].is_string();
        assert_ne!(
            verify_won,
            returned.status == 200,
            "round {round}: one winner"
        );
        let loser = if verify_won {
            returned.status == 409
        } else {
            outcome["Err"] == "Conflict"
        };
        assert!(
            loser,
            "round {round}: the loser gets Conflict: {outcome} / {}",
            returned.body
        );
        assert_eq!(stale_edit.status, 409, "round {round}: {}", stale_edit.body);
        let view = crate::fixtures::filing::load(&filer, id).await;
        if verify_won {
            verified += 1;
            assert!(edit.is_none(), "round {round}");
            assert_eq!(
                view["filing"]["sites"][0]["name"],
                filing["sites"][0]["name"]
            );
            assert_ne!(view["state"], "ReturnedToSponsor", "round {round}");
        } else {
            edited += 1;
            let edit = edit.expect("the filer edits after a return");
            assert_eq!(edit.status, 200, "round {round}: {}", edit.body);
            assert_eq!(view["state"], "ReturnedToSponsor", "round {round}");
            assert_eq!(
                view["filing"]["sites"][0]["name"],
                fixed["sites"][0]["name"]
            );
        }
        assert_eq!(
            exits_from(&app, id, "PENDING_ISP_VERIFY").await,
            1,
            "round {round}: one way out of 待接入者核实"
        );
    }
    println!("核实 won {verified} rounds, 退回并修改 {edited}");
    consistent(&app).await;
}
