//! The review workflow over HTTP: from submission to a 备案号, returns with
//! field-pinned reasons, the simulated upstream, illegal transitions, and
//! concurrent approvals.

use std::time::Duration;

use serde_json::{json, Value};

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::filing::{
    company_filing, decide, detail, draft_with_scans, load, saved_version, scan, self_filed,
    submit, timeline_actions, verification, verified,
};
use crate::harness::{changed_within, Client, TestApp};

#[tokio::test]
async fn a_self_filed_filing_is_returned_fixed_verified_and_approved() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;

    // The provider's queue holds it; a return needs a reason.
    let queue = staff
        .call_json("review/queue", &json!({ "scope": "Verify", "query": {} }))
        .await;
    assert_eq!(queue.json()["rows"][0]["id"], id, "{}", queue.body);
    let view = detail(&staff, id).await;
    assert_eq!(view["allowed"], json!(["Verify", "ReturnToSponsor"]));
    let version = view["version"].as_i64().unwrap();
    let refused = decide(&staff, id, version, "ReturnToSponsor", json!([])).await;
    assert_eq!(refused.rules(), ["REASON_REQUIRED"]);
    let pinned = json!([{ "field": "sites[1].name", "text": "网站名称与域名内容不符" }]);
    let returned = decide(&staff, id, version, "ReturnToSponsor", pinned).await;
    assert_eq!(returned.json(), "ReturnedToSponsor", "{}", returned.body);

    // The filer sees the reason at the field, fixes it and submits again.
    let view = load(&filer, id).await;
    assert_eq!(view["editable"], true);
    assert_eq!(view["return_reasons"][0]["field"], "sites[1].name");
    assert_eq!(
        view["returned"]["sites"][1]["name"], "蓝海云服务",
        "the filing as returned"
    );
    let mut filing = view["filing"].clone();
    filing["sites"][1]["name"] = json!("蓝海云平台");
    let version = saved_version(&filer, id, view["version"].as_i64().unwrap(), &filing).await;
    assert_eq!(submit(&filer, id, version).await.json(), "PendingIspVerify");

    // Staff verify; the upstream sends it to the 管局.
    let view = verified(&staff, id).await;
    assert_eq!(view["state"], "PendingBureauReview");
    let queue = bureau
        .call_json(
            "review/queue",
            &json!({ "scope": "Bureau", "query": { "text": "lanhai" } }),
        )
        .await;
    assert_eq!(queue.json()["total"], 1, "{}", queue.body);

    let view = detail(&bureau, id).await;
    assert_eq!(view["allowed"], json!(["Approve", "ReturnToIsp"]));
    assert_eq!(
        view["changes_since_return"],
        json!([{ "path": "sites[1].name", "before": "蓝海云服务", "after": "蓝海云平台" }]),
        "the reviewer sees what the resubmission fixed"
    );
    let approved = decide(
        &bureau,
        id,
        view["version"].as_i64().unwrap(),
        "Approve",
        json!([]),
    )
    .await;
    assert_eq!(approved.json(), "Approved", "{}", approved.body);

    let view = detail(&filer, id).await;
    let subject = view["numbers"]["subject"].as_str().unwrap().to_owned();
    assert!(
        subject.starts_with("蜀ICP备20") && subject.ends_with("000001号"),
        "{subject}"
    );
    assert_eq!(
        view["numbers"]["sites"],
        json!([format!("{subject}-1"), format!("{subject}-2")])
    );
    assert_eq!(
        timeline_actions(&view),
        [
            "CREATE",
            "SUBMIT",
            "RETURN_TO_SPONSOR",
            "SUBMIT",
            "VERIFY",
            "TO_BUREAU",
            "APPROVE"
        ]
    );

    // The 备案密码 is shown to the filer once, and never to the staff.
    let notice = |client: &Client| {
        let client = client.clone();
        async move {
            client
                .call_json("review/approval_notice", &json!({ "id": id }))
                .await
                .json()
        }
    };
    assert_eq!(notice(&staff).await["password"], Value::Null);
    let first = notice(&filer).await;
    assert_eq!(first["password"].as_str().unwrap().len(), 10);
    assert_eq!(notice(&filer).await["password"], Value::Null);

    // Every transition told the filer.
    let inbox = filer
        .call_json("notifications/inbox", &json!({}))
        .await
        .json();
    assert!(inbox["unread"].as_u64().unwrap() >= 5, "{inbox}");
    let read = filer.call("notifications/read_all", &[]).await;
    assert_eq!(read.status, 200);
    let inbox = filer
        .call_json("notifications/inbox", &json!({}))
        .await
        .json();
    assert_eq!(inbox["unread"], 0);

    // Progress lists it with its state; the chart counts it.
    let progress = filer
        .call_json("review/queue", &json!({ "scope": "Progress", "query": {} }))
        .await
        .json();
    assert_eq!(progress["rows"][0]["state"], "Approved");
    let counts = filer
        .call_json("review/stats", &json!({ "scope": "Progress" }))
        .await
        .json();
    assert_eq!(counts["by_state"], json!([["Approved", 1]]));
    // A later change drafted for the same subject shows beside the first in
    // the filer's view; the 管局 sees only what was submitted to it.
    let (draft, docs) = draft_with_scans(&filer, None).await;
    let later = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    saved_version(&filer, draft, 1, &later).await;
    let others = detail(&filer, id).await["subject_applications"].clone();
    assert_eq!(others[0]["id"], draft, "{others}");
    assert_eq!(others[0]["state"], "Draft");
    assert_eq!(detail(&bureau, id).await["subject_applications"], json!([]));
    // Every operation on the subject: the draft's creation shows on the
    // approved application, and the approval on the draft.
    let ops = detail(&filer, id).await["subject_history"].clone();
    assert_eq!(ops[0]["application_id"], draft, "{ops}");
    assert_eq!(ops[0]["row"]["action"], "CREATE", "{ops}");
    let ops = detail(&filer, draft).await["subject_history"].clone();
    assert!(
        ops.as_array()
            .unwrap()
            .iter()
            .any(|op| op["application_id"] == id && op["row"]["action"] == "APPROVE"),
        "{ops}"
    );
    assert_eq!(detail(&bureau, id).await["subject_history"], json!([]));

    // Lists are per role: a filer has no 管局 queue.
    let refused = filer
        .call_json("review/queue", &json!({ "scope": "Bureau", "query": {} }))
        .await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn live_updates_need_a_session() {
    let app = TestApp::start().await;
    assert_eq!(app.client().get("/events").await.status, 401);
    let filer = signed_in(&app, "filer_a", "filer").await;
    let reply = filer
        .http
        .get(format!("{}/events", filer.base))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.headers()["content-type"], "text/event-stream");
}

#[tokio::test]
async fn a_submission_on_one_instance_reaches_pages_open_on_another() {
    let first = TestApp::start().await;
    if first.state.db.get_database_backend() != sea_orm::DbBackend::Postgres {
        eprintln!("several instances share a PostgreSQL database only; nothing to check on SQLite");
        return;
    }
    let second = first.second_instance().await;
    let filer = signed_in(&first, "filer_a", "filer").await;
    let staff = signed_in(&second, "staff_a", "provider_staff").await;
    let mut events = staff
        .http
        .get(format!("{}/events", staff.base))
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 200);
    // The second instance starts listening in the background: wait until an
    // announcement of the first, about an application the staff may read,
    // gets through.
    let seen = crate::visibility::submitted(&filer, 20, false).await as i32;
    let mut listening = false;
    for _ in 0..40 {
        beian::server::infra::live::announce(&first.state, &[seen]);
        if changed_within(&mut events, Duration::from_millis(250)).await {
            listening = true;
            break;
        }
    }
    assert!(listening, "the second instance never heard the first");
    while changed_within(&mut events, Duration::from_millis(300)).await {}

    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    assert!(
        changed_within(&mut events, Duration::from_secs(10)).await,
        "staff on the second instance are told of submission {id}"
    );
}

#[tokio::test]
async fn a_domain_filed_by_another_subject_comes_back_with_ar04() {
    let app = TestApp::start().await;
    let first = signed_in(&app, "filer_a", "filer").await;
    let second = signed_in(&app, "filer_b", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let id = self_filed(&first, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let view = verified(&staff, id).await;
    let reply = decide(
        &bureau,
        id,
        view["version"].as_i64().unwrap(),
        "Approve",
        json!([]),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    // Another subject files lanhai.com: a warning at submit, the ministry's
    // automatic return after.
    let (other, docs) = draft_with_scans(&second, None).await;
    let mut filing = company_filing(&docs, ["other-site.com", "lanhai.com"]);
    filing["subject"]["cert_number"] = json!("91110108551385082Q");
    filing["subject"]["principal"]["cert_number"] = json!("510107198805121237");
    filing["subject"]["principal"]["mobile"] = json!("13700137000");
    let version = saved_version(&second, other, 1, &filing).await;
    let reply = submit(&second, other, version).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let view = verified(&staff, other).await;
    assert_eq!(view["state"], "ReturnedToIsp");
    let reasons = view["reasons"].as_array().unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r["rule"] == "AR04" && r["field"] == "sites[1].domains[0]"),
        "{reasons:?}"
    );
    assert_eq!(timeline_actions(&view).last().unwrap(), "AUTO_RETURN");
}

#[tokio::test]
async fn a_domain_whose_registrar_names_another_holder_comes_back_with_ar14() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    // The simulated registrar holds held-elsewhere.com for 北京别家科技有限公司,
    // and realname-lanhai.com for the filer's 成都蓝海科技有限公司.
    let id = self_filed(&filer, ["realname-lanhai.com", "held-elsewhere.com"]).await;
    let view = verified(&staff, id).await;
    assert_eq!(view["state"], "ReturnedToIsp", "{view}");
    let reasons: Vec<(String, String)> = view["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap().to_owned(),
                r["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [("AR14".to_owned(), "sites[1].domains[0]".to_owned())]
    );
    assert!(
        view["reasons"][0]["text"]
            .as_str()
            .unwrap()
            .contains("北京别家科技有限公司"),
        "{view}"
    );

    // Domains their registrar holds for the subject's name go on to the
    // 管局 (another filer: the first subject's application is in flight).
    let second = signed_in(&app, "filer_b", "filer").await;
    let (id, docs) = draft_with_scans(&second, None).await;
    let mut filing = company_filing(&docs, ["realname-lanhai.cn", "other-site.com"]);
    filing["subject"]["cert_number"] = json!("91110108551385082Q");
    filing["subject"]["principal"]["cert_number"] = json!("510107198805121237");
    filing["subject"]["principal"]["mobile"] = json!("13700137000");
    let version = saved_version(&second, id, 1, &filing).await;
    assert_eq!(submit(&second, id, version).await.status, 200);
    let view = verified(&staff, id).await;
    assert_eq!(view["state"], "PendingBureauReview", "{view}");
}

#[tokio::test]
async fn every_illegal_transition_is_refused_for_every_role() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let authority = reviewer(&app, "authority", "preapproval", "").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let all_actions = [
        "Verify",
        "ReturnToSponsor",
        "Revoke",
        "AutoReturn",
        "ToPreApproval",
        "ToBureau",
        "OpenPreApproval",
        "ApprovePreApproval",
        "RejectPreApproval",
        "Approve",
        "ReturnToIsp",
        "Abandon",
        "Submit",
    ];
    let reason = json!([{ "field": "", "text": "测试原因" }]);
    // (state to reach, the one role and action that may move it on)
    let people = [
        (&filer, "filer"),
        (&staff, "staff"),
        (&bureau, "bureau"),
        (&authority, "authority"),
    ];
    for stage in ["PendingIspVerify", "PendingBureauReview", "Approved"] {
        let view = detail(&staff, id).await;
        assert_eq!(view["state"], stage);
        let version = view["version"].as_i64().unwrap();
        for (client, who) in people {
            for action in all_actions {
                let legal = matches!(
                    (stage, who, action),
                    ("PendingIspVerify", "staff", "Verify" | "ReturnToSponsor")
                        | ("PendingBureauReview", "bureau", "Approve" | "ReturnToIsp")
                );
                if legal {
                    continue;
                }
                let reply = decide(client, id, version, action, reason.clone()).await;
                assert!(
                    [403, 404, 409].contains(&reply.status),
                    "{who} {action} in {stage}: {} {}",
                    reply.status,
                    reply.body
                );
            }
        }
        assert_eq!(
            detail(&staff, id).await["version"],
            version,
            "nothing moved in {stage}"
        );
        match stage {
            "PendingIspVerify" => {
                verified(&staff, id).await;
            }
            "PendingBureauReview" => {
                let reply = decide(&bureau, id, version, "Approve", json!([])).await;
                assert_eq!(reply.status, 200, "{}", reply.body);
            }
            _ => {}
        }
    }
    // A reviewer of another province does not even see it.
    let other = reviewer(&app, "bureau_gd", "bureau_reviewer", "440000").await;
    let reply = other.call_json("review/detail", &json!({ "id": id })).await;
    assert_eq!(reply.status, 404);
}

#[tokio::test]
async fn two_hundred_concurrent_approvals_issue_one_number() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let version = verified(&staff, id).await["version"].as_i64().unwrap();

    let attempts = (0..200).map(|_| {
        let bureau = bureau.clone();
        tokio::spawn(async move {
            decide(&bureau, id, version, "Approve", json!([]))
                .await
                .status
        })
    });
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [200, 409].contains(s)),
        "{statuses:?}"
    );

    let view = detail(&bureau, id).await;
    assert_eq!(
        timeline_actions(&view)
            .iter()
            .filter(|a| *a == "APPROVE")
            .count(),
        1
    );
    assert_eq!(view["numbers"]["sites"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn no_two_approvals_share_a_number() {
    let app = TestApp::start().await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let subjects = [
        (
            "91350100M000100Y43",
            "44152319930906632X",
            "13800138000",
            ["a-one.cn", "a-two.cn"],
        ),
        (
            "91510100MA61AAAA6L",
            "510107198805121237",
            "13700137000",
            ["b-one.cn", "b-two.cn"],
        ),
        (
            "91510100MA61BBBB9K",
            "510107199001010034",
            "13600136000",
            ["c-one.cn", "c-two.cn"],
        ),
    ];
    let mut ids = Vec::new();
    for (i, (cert, person, mobile, domains)) in subjects.iter().enumerate() {
        let filer = signed_in(&app, &format!("filer_{i}"), "filer").await;
        let (id, docs) = draft_with_scans(&filer, None).await;
        let mut filing = company_filing(&docs, *domains);
        filing["subject"]["cert_number"] = json!(cert);
        filing["subject"]["principal"]["cert_number"] = json!(person);
        filing["subject"]["principal"]["mobile"] = json!(mobile);
        let version = saved_version(&filer, id, 1, &filing).await;
        let reply = submit(&filer, id, version).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let view = verified(&staff, id).await;
        assert_eq!(
            view["state"], "PendingBureauReview",
            "{:?}",
            view["reasons"]
        );
        ids.push((id, view["version"].as_i64().unwrap()));
    }
    // Approve all three at once.
    let approvals = ids.iter().map(|(id, version)| {
        let bureau = bureau.clone();
        let (id, version) = (*id, *version);
        tokio::spawn(async move {
            decide(&bureau, id, version, "Approve", json!([]))
                .await
                .status
        })
    });
    for approval in approvals {
        assert_eq!(approval.await.unwrap(), 200);
    }
    let mut numbers = Vec::new();
    for (id, _) in &ids {
        let view = detail(&bureau, *id).await;
        numbers.push(view["numbers"]["subject"].as_str().unwrap().to_owned());
        for site in view["numbers"]["sites"].as_array().unwrap() {
            numbers.push(site.as_str().unwrap().to_owned());
        }
    }
    let distinct: std::collections::HashSet<_> = numbers.iter().collect();
    assert_eq!(distinct.len(), numbers.len(), "{numbers:?}");
}

#[tokio::test]
async fn a_batch_reports_each_row_and_one_stale_row_fails_alone() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let other = signed_in(&app, "filer_b", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let first = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let (second, docs) = draft_with_scans(&other, None).await;
    let mut filing = company_filing(&docs, ["b-one.cn", "b-two.cn"]);
    filing["subject"]["cert_number"] = json!("91510100MA61AAAA6L");
    filing["subject"]["principal"]["cert_number"] = json!("510107198805121237");
    filing["subject"]["principal"]["mobile"] = json!("13700137000");
    let version = saved_version(&other, second, 1, &filing).await;
    assert_eq!(submit(&other, second, version).await.status, 200);

    let v1 = detail(&staff, first).await["version"].as_i64().unwrap();
    let v2 = detail(&staff, second).await["version"].as_i64().unwrap();
    let reason = json!([{ "field": "", "text": "请补充域名证书" }]);
    // The second row is offered at a version that is already stale.
    let reply = staff
        .call_json(
            "review/batch",
            &json!({ "items": [[first, v1], [second, v2 - 1]], "action": "ReturnToSponsor", "reasons": reason }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let results = reply.json();
    assert_eq!(
        results[0]["outcome"]["Ok"], "ReturnedToSponsor",
        "{results}"
    );
    assert_eq!(results[1]["outcome"]["Err"], "Conflict", "{results}");
    assert_eq!(detail(&staff, second).await["state"], "PendingIspVerify");
}

#[tokio::test]
async fn the_authority_filters_its_list_by_pre_approval_type() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let authority = reviewer(&app, "authority", "preapproval", "").await;
    let (id, docs) = draft_with_scans(&filer, None).await;
    let mut filing = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    filing["sites"][0]["pre_approvals"] = json!([{
        "kind": "1", "approval_no": "川新闻办-2026001号",
        "document": scan(&filer, id, "PRE_APPROVAL").await
    }]);
    let version = saved_version(&filer, id, 1, &filing).await;
    assert_eq!(submit(&filer, id, version).await.json(), "PendingIspVerify");
    assert_eq!(verified(&staff, id).await["state"], "PendingPreApproval");

    let list = |kind: &'static str| {
        let authority = authority.clone();
        async move {
            let reply = authority
                .call_json(
                    "review/queue",
                    &json!({ "scope": "PreApproval", "query": { "pre_approval": kind } }),
                )
                .await;
            assert_eq!(reply.status, 200, "{}", reply.body);
            reply.json()
        }
    };
    let news = list("1").await;
    assert_eq!(news["total"], 1, "{news}");
    assert_eq!(news["rows"][0]["pre_approvals"], json!(["新闻"]));
    assert_eq!(list("").await["total"], 1, "no filter");
    assert_eq!(list("2").await["total"], 0, "出版 is not on it");
    assert_eq!(
        list("%").await["total"],
        0,
        "an unknown code matches nothing"
    );
}

#[tokio::test]
async fn a_revoked_application_is_copied_into_a_new_draft_with_its_scans() {
    // The ministry waits a minute, leaving time to revoke.
    let app = TestApp::start_with(|config| config.upstream_delay = Duration::from_secs(60)).await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let bureau = reviewer(&app, "bureau_sc", "bureau_reviewer", "510000").await;
    let id = self_filed(&filer, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let copy = |client: &Client| {
        let client = client.clone();
        async move { client.call("filing/copy", &[("id", &id.to_string())]).await }
    };
    assert_eq!(copy(&filer).await.rules(), ["COPY_NOT_REVOKED"]);

    let version = detail(&staff, id).await["version"].as_i64().unwrap();
    let version = verification(&staff, id, version).await;
    let verified = decide(&staff, id, version, "Verify", json!([])).await;
    assert_eq!(verified.json(), "NotSubmittedToMinistry");
    let view = detail(&staff, id).await;
    assert_eq!(view["allowed"], json!(["Revoke"]));
    // 撤销申请 is the provider's list of what it submitted.
    let revocable = |client: &Client| {
        let client = client.clone();
        async move {
            client
                .call_json("review/queue", &json!({ "scope": "Revoke", "query": {} }))
                .await
        }
    };
    let listed = revocable(&staff).await.json();
    assert_eq!(listed["rows"][0]["id"], id, "{listed}");
    assert_eq!(listed["rows"][0]["state"], "NotSubmittedToMinistry");
    assert_eq!(revocable(&filer).await.status, 403);
    let version = view["version"].as_i64().unwrap();
    let revoked = decide(&staff, id, version, "Revoke", json!([])).await;
    assert_eq!(revoked.json(), "Revoked", "{}", revoked.body);
    // The province's answer to a second try: it has moved on.
    assert_eq!(
        decide(&staff, id, version, "Revoke", json!([]))
            .await
            .status,
        409
    );

    // The filer copies it; the draft has the same data and its own scans.
    assert_eq!(copy(&bureau).await.status, 403);
    let reply = copy(&filer).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let draft = reply.json().as_i64().unwrap();
    assert_ne!(draft, id);
    let old = load(&filer, id).await["filing"].clone();
    let new = load(&filer, draft).await;
    assert_eq!(new["state"], "Draft");
    let without_scan_ids = |filing: &Value| {
        let mut filing = filing.clone();
        filing["subject"]["cert_scan"]["id"] = json!(0);
        filing["subject"]["principal"]["cert_scan"]["id"] = json!(0);
        for site in filing["sites"].as_array_mut().unwrap() {
            site["principal"]["cert_scan"]["id"] = json!(0);
        }
        filing
    };
    assert_eq!(without_scan_ids(&new["filing"]), without_scan_ids(&old));
    let scan = &new["filing"]["subject"]["cert_scan"];
    assert_ne!(scan["id"], old["subject"]["cert_scan"]["id"]);
    assert_eq!(
        new["filing"]["sites"][0]["principal"]["cert_scan"],
        new["filing"]["subject"]["principal"]["cert_scan"],
        "a scan used twice is copied once"
    );
    let download = filer.get(&format!("/documents/{}", scan["id"])).await;
    assert_eq!(download.status, 200, "the copied scan belongs to the draft");
    // It can be submitted again as it is.
    assert_eq!(
        submit(&filer, draft, new["version"].as_i64().unwrap())
            .await
            .json(),
        "PendingIspVerify"
    );
}

#[tokio::test]
async fn saving_the_verification_does_not_restart_the_working_day_clock() {
    use beian::server::entity::application;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};

    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let staff = signed_in(&app, "staff_a", "provider_staff").await;
    let id = self_filed(&filer, ["clock-test.cn", "clock-test.com.cn"]).await;
    // It has waited a month in 待接入者核实.
    let row = application::Entity::find_by_id(id as i32)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut aged: application::ActiveModel = row.into();
    aged.state_since = Set(chrono::Utc::now() - chrono::Duration::days(30));
    aged.update(&app.state.db).await.unwrap();
    let before = detail(&staff, id).await;
    let waited = before["waited"].as_i64().unwrap();
    assert!(waited >= 15, "{before}");
    assert_eq!(before["limit"], 5);

    // Staff record the 核验 (a write in the same state): still a month.
    let version = verification(&staff, id, before["version"].as_i64().unwrap()).await;
    let after = detail(&staff, id).await;
    assert_eq!(after["version"], version);
    assert_eq!(after["waited"], waited, "{after}");

    // A transition does restart it.
    assert_eq!(
        decide(&staff, id, version, "Verify", json!([]))
            .await
            .status,
        200
    );
    assert_eq!(detail(&staff, id).await["waited"], 0);
}
