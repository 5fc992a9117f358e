//! 前置审批 decided item by item: each authority decides the items of its
//! own types, with 审批文号 and date or a reason; the last decision moves
//! the application on, and nobody approves the application as a whole.

use serde_json::{json, Value};

use crate::fixtures::accounts::{authority, reviewer, signed_in};
use crate::fixtures::filing::{
    after_upstream, company_filing, decide, detail, draft_with_scans, saved_version, scan, submit,
    timeline_actions, verified,
};
use crate::harness::{Client, Reply, TestApp};

/// A filing whose first site carries a 新闻 item and whose second a
/// 医疗保健 item, submitted and verified: it waits in 待前置审批.
async fn two_items(filer: &Client, staff: &Client) -> i64 {
    let (id, docs) = draft_with_scans(filer, None).await;
    let mut filing = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    filing["sites"][0]["pre_approvals"] = json!([{
        "kind": "1", "approval_no": "川新闻办-2026001号",
        "document": scan(filer, id, "PRE_APPROVAL").await
    }]);
    filing["sites"][1]["pre_approvals"] = json!([{
        "kind": "8", "approval_no": "川卫-2026077号",
        "document": scan(filer, id, "PRE_APPROVAL").await
    }]);
    let version = saved_version(filer, id, 1, &filing).await;
    assert_eq!(submit(filer, id, version).await.status, 200);
    assert_eq!(verified(staff, id).await["state"], "PendingPreApproval");
    id
}

async fn version(client: &Client, id: i64) -> i64 {
    detail(client, id).await["version"].as_i64().unwrap()
}

async fn decide_items(client: &Client, id: i64, version: i64, decisions: Value) -> Reply {
    client
        .call_json(
            "review/decide_items",
            &json!({ "id": id, "version": version, "decisions": decisions }),
        )
        .await
}

fn approve(site: usize, number: &str) -> Value {
    json!({ "site": site, "item": 0, "approved": true, "approval_no": number, "approved_on": "2026-12-01", "reason": "" })
}

fn refuse(site: usize, reason: &str) -> Value {
    json!({ "site": site, "item": 0, "approved": false, "approval_no": "", "approved_on": "", "reason": reason })
}

/// The authority takes the application up (受理).
async fn opened(office: &Client, id: i64) {
    let version = version(office, id).await;
    let reply = decide(office, id, version, "OpenPreApproval", json!([])).await;
    assert_eq!(reply.json(), "PreApprovalInProgress", "{}", reply.body);
}

#[tokio::test]
async fn each_authority_decides_its_own_items_and_the_last_moves_the_application_on() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let news = authority(&app, "news_office", &["1"]).await;
    let health = authority(&app, "health_office", &["8"]).await;
    let id = two_items(&filer, &staff).await;
    opened(&news, id).await;

    // The page names both items; the 新闻 office decides only its own.
    let view = detail(&news, id).await;
    assert_eq!(view["decides_items"], true);
    let mine: Vec<_> = view["pre_approval_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap().to_owned(), i["mine"] == true))
        .collect();
    assert_eq!(mine, [("1".into(), true), ("8".into(), false)]);
    // Nobody approves or refuses the whole application any more.
    assert_eq!(view["allowed"], json!([]));
    let v = version(&news, id).await;
    for action in ["ApprovePreApproval", "RejectPreApproval"] {
        let reasons = json!([{ "field": "", "text": "整体" }]);
        assert_eq!(
            decide(&news, id, v, action, reasons).await.status,
            403,
            "{action}"
        );
    }
    // Another office's item is refused outright, with nothing recorded.
    assert_eq!(
        decide_items(&news, id, v, json!([approve(1, "川新闻办-1号")]))
            .await
            .status,
        403
    );

    let reply = decide_items(&news, id, v, json!([approve(0, "川新闻办-2026001号")])).await;
    assert_eq!(reply.json(), "PreApprovalInProgress", "{}", reply.body);
    // A stale version changes nothing.
    assert_eq!(
        decide_items(&news, id, v, json!([approve(0, "川新闻办-2026001号")]))
            .await
            .status,
        409
    );
    let view = detail(&health, id).await;
    assert_eq!(view["pre_approval_items"][0]["decision"]["approved"], true);
    assert!(view["pre_approval_items"][1]["decision"].is_null());
    let last = view["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "PRE_APPROVAL_ITEMS");
    assert_eq!(
        last["reason"],
        "网站1 新闻：通过，川新闻办-2026001号，2026-12-01"
    );

    // The last item moves it on, with each number and date in the filing.
    let v = version(&health, id).await;
    let reply = decide_items(&health, id, v, json!([approve(1, "川卫-2026077号")])).await;
    assert_eq!(reply.json(), "PendingBureauReview", "{}", reply.body);
    let view = detail(&staff, id).await;
    assert_eq!(view["state"], "PendingBureauReview");
    let items: Vec<_> = view["filing"]["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let item = &s["pre_approvals"][0];
            (item["approval_no"].clone(), item["approved_on"].clone())
        })
        .collect();
    assert_eq!(
        items,
        [
            (json!("川新闻办-2026001号"), json!("2026-12-01")),
            (json!("川卫-2026077号"), json!("2026-12-01")),
        ]
    );
    let actions = timeline_actions(&view);
    assert_eq!(
        actions[actions.len() - 2..],
        ["PRE_APPROVAL_ITEMS", "APPROVE_PRE_APPROVAL"]
    );
}

#[tokio::test]
async fn a_refused_item_returns_the_application_with_its_reason_at_its_site() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let both = authority(&app, "both_offices", &["1", "8"]).await;
    let id = two_items(&filer, &staff).await;
    opened(&both, id).await;

    let v = version(&both, id).await;
    let reply = decide_items(
        &both,
        id,
        v,
        json!([approve(0, "川新闻办-2026001号"), refuse(1, "许可证已过期")]),
    )
    .await;
    assert_eq!(reply.json(), "ReturnedToIsp", "{}", reply.body);
    let view = detail(&staff, id).await;
    assert_eq!(
        view["reasons"],
        json!([{ "field": "sites[1].pre_approvals", "rule": "", "text": "前置审批（医疗保健）未通过：许可证已过期" }])
    );
    // Nothing was approved, so the filing carries no approval date.
    assert_eq!(
        view["filing"]["sites"][0]["pre_approvals"][0]["approved_on"],
        ""
    );

    // Fixed and sent again, it starts a fresh round.
    let v = view["version"].as_i64().unwrap();
    let resubmitted = submit(&staff, id, v).await;
    assert_eq!(
        resubmitted.json(),
        "NotSubmittedToMinistry",
        "{}",
        resubmitted.body
    );
    assert_eq!(
        after_upstream(&staff, id).await["state"],
        "PendingPreApproval"
    );
    let view = detail(&both, id).await;
    assert!(
        view["pre_approval_items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["decision"].is_null()),
        "{view}"
    );
}

#[tokio::test]
async fn item_decisions_are_checked_and_only_an_authority_takes_them() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let news = authority(&app, "news_office", &["1", "8"]).await;
    let id = two_items(&filer, &staff).await;

    // Before 受理 the items are not decided yet.
    let v = version(&news, id).await;
    assert_eq!(
        decide_items(&news, id, v, json!([approve(0, "1号")]))
            .await
            .status,
        409
    );
    opened(&news, id).await;
    let v = version(&news, id).await;
    for (who, client) in [("filer", &filer), ("staff", &staff), ("bureau", &bureau)] {
        let status = decide_items(client, id, v, json!([approve(0, "1号")]))
            .await
            .status;
        assert!([403, 404].contains(&status), "{who}: {status}");
    }

    // Each field's error names the item sent and the field.
    let mut no_number = approve(0, " ");
    no_number["approved_on"] = json!("2099-01-01");
    let reply = decide_items(&news, id, v, json!([refuse(1, " "), no_number])).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    let fields: Vec<_> = reply.json()["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["field"].as_str().unwrap(),
                e["rule"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            "items[0].reason PA_REASON_REQUIRED",
            "items[1].approval_no PA_APPROVAL_NO_REQUIRED",
            "items[1].approved_on PA_DATE_FUTURE",
        ]
    );
    let mut unknown = approve(0, "1号");
    unknown["item"] = json!(3);
    assert_eq!(
        decide_items(&news, id, v, json!([unknown])).await.rules(),
        ["PA_ITEM_UNKNOWN"]
    );
    assert_eq!(decide_items(&news, id, v, json!([])).await.status, 400);
    // None of it was recorded.
    assert_eq!(version(&news, id).await, v);
}
