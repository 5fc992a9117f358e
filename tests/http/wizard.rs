//! The filing wizard's server functions and upload routes, called as the
//! browser calls them, with JavaScript's checks out of the way: the server
//! must refuse on its own.

use serde_json::json;

use crate::fixtures::accounts::signed_in;
use crate::fixtures::filing::{
    company_filing, draft_with_scans, load, png, save, saved_version, scan, start, submit,
};
use crate::harness::TestApp;

#[tokio::test]
async fn a_filer_saves_then_submits_and_the_filing_freezes() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let (id, docs) = draft_with_scans(&filer, None).await;
    let filing = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);

    let version = saved_version(&filer, id, 1, &filing).await;
    let view = load(&filer, id).await;
    assert_eq!(view["state"], "Draft");
    assert_eq!(
        view["filing"]["subject"]["principal"]["office_phone"],
        "086-028-85551234"
    );

    let submitted = submit(&filer, id, version).await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    assert_eq!(submitted.json(), "PendingIspVerify");

    let view = load(&filer, id).await;
    assert_eq!(view["state"], "PendingIspVerify");
    assert_eq!(view["editable"], false);
    let actions: Vec<_> = view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions, ["CREATE", "SUBMIT"]);

    // Frozen: no save, no second submit, no upload.
    let version = view["version"].as_i64().unwrap();
    assert_eq!(save(&filer, id, version, &filing).await.status, 409);
    assert_eq!(submit(&filer, id, version).await.status, 409);
    assert_eq!(
        filer
            .upload(id, "SUBJECT_CERT", "late.png", png(100))
            .await
            .status,
        409
    );
}

#[tokio::test]
async fn bad_values_are_refused_at_their_fields_and_nothing_moves() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let (id, docs) = draft_with_scans(&filer, None).await;
    let mut filing = company_filing(&docs, ["lanhai.com", "www.lanhai-cloud.cn"]);
    filing["subject"]["cert_number"] = json!("91350100M000100Y44");
    filing["subject"]["principal"]["cert_number"] = json!("110105199001011234");
    filing["sites"][0]["content"] = json!([]);
    filing["sites"][1]["name"] = json!("中国蓝海");
    let version = saved_version(&filer, id, 1, &filing).await;

    let refused = submit(&filer, id, version).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let errors = refused.json()["Validation"].as_array().unwrap().clone();
    let at = |field: &str, rule: &str| {
        errors
            .iter()
            .any(|e| e["field"] == field && e["rule"] == rule)
    };
    assert!(at("subject.cert_number", "USCC_CHECKSUM"), "{errors:?}");
    assert!(at("subject.principal.cert_number", "RIC_CHECKSUM"));
    assert!(at("sites[1].domains[0]", "DOMAIN_WWW"));
    assert!(at("sites[0].content", "SITE_CONTENT_REQUIRED"));
    assert!(at("sites[1].name", "SITENAME_NATIONAL_WORD"));

    let view = load(&filer, id).await;
    assert_eq!(view["state"], "Draft");
    assert_eq!(view["editable"], true);
    assert_eq!(
        view["filing"]["sites"][1]["name"], "中国蓝海",
        "typed values are kept"
    );
}

#[tokio::test]
async fn a_filer_cannot_read_or_change_another_filers_draft() {
    let app = TestApp::start().await;
    let owner = signed_in(&app, "filer_a", "filer").await;
    let other = signed_in(&app, "filer_b", "filer").await;
    let (id, docs) = draft_with_scans(&owner, None).await;
    let filing = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    assert_eq!(save(&owner, id, 1, &filing).await.status, 200);

    assert_eq!(
        other
            .call_json("filing/load", &json!({ "id": id }))
            .await
            .status,
        404
    );
    assert_eq!(save(&other, id, 2, &json!({})).await.status, 404);
    assert_eq!(submit(&other, id, 2).await.status, 404);
    assert_eq!(
        other
            .upload(id, "SUBJECT_CERT", "x.png", png(100))
            .await
            .status,
        404
    );
    let doc_id = docs.0["id"].as_i64().unwrap();
    assert_eq!(other.get(&format!("/documents/{doc_id}")).await.status, 404);
    // Nor can another's scan be attached to one's own draft.
    let (mine, _) = draft_with_scans(&other, None).await;
    let stolen = company_filing(&docs, ["b.com", "c.com"]);
    let reply = save(&other, mine, 1, &stolen).await;
    assert_eq!(reply.rules(), ["DOC_UNKNOWN"]);

    let view = load(&owner, id).await;
    assert_eq!(view["version"], 2);
    assert_eq!(view["filing"]["subject"]["name"], "成都蓝海科技有限公司");
    assert_eq!(owner.get(&format!("/documents/{doc_id}")).await.status, 200);
}

#[tokio::test]
async fn state_and_number_in_a_payload_are_ignored() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let (id, docs) = draft_with_scans(&filer, None).await;
    let mut filing = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    filing["state"] = json!("APPROVED");
    filing["number"] = json!("蜀ICP备2026000001号");
    let body = json!({ "id": id, "version": 1, "filing": filing, "state": "APPROVED", "number": "蜀ICP备2026000001号", "owner_id": 999 });
    let reply = filer.call_json("filing/save", &body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    let view = load(&filer, id).await;
    assert_eq!(view["state"], "Draft");
    assert!(view["filing"].get("state").is_none() && view["filing"].get("number").is_none());
    assert!(!load(&filer, id).await.to_string().contains("ICP备"));
}

#[tokio::test]
async fn scans_are_checked_by_exact_size_and_by_content() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let id = start(&filer, None).await;

    assert_eq!(
        filer
            .upload(id, "SUBJECT_CERT", "max.png", png(100 * 1024))
            .await
            .status,
        200
    );
    assert_eq!(
        filer
            .upload(id, "SUBJECT_CERT", "big.png", png(100 * 1024 + 1))
            .await
            .status,
        413
    );
    let html = filer
        .upload(
            id,
            "SUBJECT_CERT",
            "page.png",
            b"<html><script>alert(1)</script></html>".to_vec(),
        )
        .await;
    assert_eq!(html.status, 422);
    assert_eq!(html.rules(), ["DOC_TYPE"]);
    // The hostile corpus (docs/testing.md, suite 6): each refused at the file
    // field with its own reason, and nothing stored.
    let mut polyglot = png(2048);
    polyglot.extend(b"PK\x03\x04 and a zip archive after the image");
    let mut bomb = png(2048);
    bomb[16..24].copy_from_slice(&[0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0]); // 100,000²
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
    let script_pdf = b"%PDF-1.4\n<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>\n%%EOF\n";
    let stored = || async {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        beian::server::entity::document::Entity::find()
            .filter(beian::server::entity::document::Column::ApplicationId.eq(id as i32))
            .count(&app.state.db)
            .await
            .unwrap()
    };
    assert_eq!(stored().await, 1, "only the first, valid scan");
    let corpus: [(&str, Vec<u8>, &str); 4] = [
        ("polyglot.png", polyglot, "DOC_MALFORMED"),
        ("bomb.png", bomb, "DOC_PIXELS"),
        ("drawing.png", svg.to_vec(), "DOC_TYPE"),
        ("licence.pdf", script_pdf.to_vec(), "DOC_ACTIVE_CONTENT"),
    ];
    for (name, bytes, rule) in corpus {
        let refused = filer.upload(id, "SUBJECT_CERT", name, bytes).await;
        assert_eq!(refused.status, 422, "{name}: {}", refused.body);
        assert_eq!(refused.rules(), [rule], "{name}");
        let error = &refused.json()["Validation"][0];
        assert_eq!(error["field"], "file", "{name}");
        assert!(!error["zh"].as_str().unwrap().is_empty(), "{name}");
        assert_eq!(stored().await, 1, "{name}: nothing stored");
    }
    let pdf = filer
        .upload(
            id,
            "SUBJECT_CERT",
            "licence.pdf",
            b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n".to_vec(),
        )
        .await;
    let download = filer.get(&format!("/documents/{}", pdf.json()["id"])).await;
    assert_eq!(download.headers["content-type"], "application/pdf");
    assert!(download.headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
}

#[tokio::test]
async fn provider_staff_file_for_a_customer_only_with_verification() {
    let app = TestApp::start().await;
    app.create_account("customer", "Passw0rd2026", "filer", "")
        .await;
    let staff = signed_in(&app, "staff_x", "provider_staff").await;
    // A filer who is nobody's customer yet can be neither found nor filed for.
    let unknown = staff
        .call("provider/customers", &[("query", "custom")])
        .await
        .json();
    assert_eq!(unknown, json!([]));
    app.make_customer("customer").await;
    let customers = staff
        .call("provider/customers", &[("query", "custom")])
        .await
        .json();
    let customer_id = customers[0]["id"].as_i64().unwrap();

    let (id, docs) = draft_with_scans(&staff, Some(customer_id)).await;
    let filing = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    let version = saved_version(&staff, id, 1, &filing).await;

    let refused = submit(&staff, id, version).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.rules(),
        ["VERIFY_VERIFIER", "VERIFY_PHOTO", "VERIFY_CHECKLIST"]
    );

    let photo = scan(&staff, id, "VERIFY_PHOTO").await;
    let checklist = scan(&staff, id, "CHECKLIST").await;
    let verification = json!({ "verifier": "王备案", "photo": photo, "checklist": checklist });
    let reply = staff
        .call_json(
            "filing/verification",
            &json!({ "id": id, "version": version, "verification": verification }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let version = reply.json().as_i64().unwrap();

    let submitted = submit(&staff, id, version).await;
    assert_eq!(
        submitted.json(),
        "NotSubmittedToMinistry",
        "{}",
        submitted.body
    );

    // The customer sees the filing made for them, read-only.
    let customer = app.client();
    assert_eq!(
        customer
            .login(&app, "customer", "Passw0rd2026")
            .await
            .status,
        200
    );
    let view = load(&customer, id).await;
    assert_eq!(view["proxy"], true);
    assert_eq!(view["editable"], false);
    // A filer never records a verification.
    let reply = customer
        .call_json(
            "filing/verification",
            &json!({ "id": id, "version": view["version"], "verification": {} }),
        )
        .await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn a_domain_in_flight_elsewhere_is_a_conflict() {
    let app = TestApp::start().await;
    let first = signed_in(&app, "filer_a", "filer").await;
    let (id, docs) = draft_with_scans(&first, None).await;
    let filing = company_filing(&docs, ["lanhai.com", "lanhai-cloud.cn"]);
    let version = saved_version(&first, id, 1, &filing).await;
    assert_eq!(submit(&first, id, version).await.status, 200);

    let second = signed_in(&app, "filer_b", "filer").await;
    let precheck = second
        .call_json(
            "filing/precheck",
            &json!({ "cert_number": "", "domains": ["LanHai.com"], "exclude": null }),
        )
        .await;
    assert_eq!(precheck.json()["conflicts"][0]["rule"], "AR04");

    let (other, docs) = draft_with_scans(&second, None).await;
    let mut filing = company_filing(&docs, ["other-site.com", "lanhai.com"]);
    filing["subject"]["cert_number"] = json!("91110108551385082Q");
    let version = saved_version(&second, other, 1, &filing).await;
    let refused = submit(&second, other, version).await;
    assert_eq!(refused.status, 422);
    let errors = refused.json()["Validation"].as_array().unwrap().clone();
    assert!(
        errors
            .iter()
            .any(|e| e["field"] == "sites[1].domains[0]" && e["rule"] == "AR04"),
        "{errors:?}"
    );
}

#[tokio::test]
async fn provider_staff_open_an_account_for_a_new_customer() {
    let app = TestApp::start().await;
    let staff = signed_in(&app, "staff_x", "provider_staff").await;
    let form = |mobile: &'static str| {
        [
            ("username", "new_customer"),
            ("password", "Customer2026"),
            ("password_confirm", "Customer2026"),
            ("real_name", "王小明"),
            ("mobile", mobile),
            ("email", "wang@example.com"),
            ("kind", "person"),
        ]
    };
    let refused = staff.call("provider/create_customer", &form("12345")).await;
    assert_eq!(refused.rules(), ["ACC_MOBILE_FORMAT"]);
    let created = staff
        .call("provider/create_customer", &form("13500135000"))
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let id = created.json()["id"].as_i64().unwrap();
    let filing = start(&staff, Some(id)).await;
    let view = load(&staff, filing).await;
    assert_eq!(view["owner_name"], "王小明");
    assert_eq!(view["filing"]["subject"]["nature"], "INDIVIDUAL");

    // Filers cannot open accounts for others; the customer can sign in.
    let filer = signed_in(&app, "filer_a", "filer").await;
    assert_eq!(
        filer
            .call("provider/create_customer", &form("13600136000"))
            .await
            .status,
        403
    );
    let customer = app.client();
    assert_eq!(
        customer
            .login(&app, "new_customer", "Customer2026")
            .await
            .status,
        200
    );
}
