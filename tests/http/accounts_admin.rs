//! The administrator creates staff, reviewer and admin accounts; nobody
//! else may.

use crate::harness::TestApp;

const PASSWORD: &str = "Secret2026";

fn reviewer_form<'a>(username: &'a str, province: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("username", username),
        ("password", "Review2026"),
        ("real_name", "李审核"),
        ("mobile", ""),
        ("email", ""),
        ("role", "bureau_reviewer"),
        ("province", province),
    ]
}

#[tokio::test]
async fn the_admin_creates_a_reviewer_bound_to_a_province_who_can_log_in() {
    let app = TestApp::start().await;
    app.create_account("root_admin", PASSWORD, "system_admin", "")
        .await;
    let admin = app.client();
    assert_eq!(admin.login(&app, "root_admin", PASSWORD).await.status, 200);

    let missing = admin
        .call("admin/create_account", &reviewer_form("gd_reviewer", ""))
        .await;
    assert_eq!(missing.rules(), vec!["ACC_PROVINCE_REQUIRED"]);
    let created = admin
        .call(
            "admin/create_account",
            &reviewer_form("gd_reviewer", "440000"),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);

    let list = admin.call("admin/accounts", &[("page", "0")]).await.json();
    assert_eq!(list["total"], 2);
    assert_eq!(list["rows"][0]["username"], "gd_reviewer");
    assert_eq!(list["rows"][0]["province"], "440000");

    let reviewer = app.client();
    assert_eq!(
        reviewer
            .login(&app, "gd_reviewer", "Review2026")
            .await
            .status,
        200
    );
    assert_eq!(
        reviewer.call("me", &[]).await.json()["role"],
        "BureauReviewer"
    );
}

#[tokio::test]
async fn only_the_admin_may_manage_accounts() {
    let app = TestApp::start().await;
    app.create_account("staff_a", PASSWORD, "provider_staff", "")
        .await;
    let visitor = app.client();
    assert_eq!(
        visitor
            .call("admin/accounts", &[("page", "0")])
            .await
            .json(),
        "Unauthorized"
    );
    assert_eq!(
        visitor
            .call(
                "admin/create_account",
                &reviewer_form("x_reviewer", "440000")
            )
            .await
            .json(),
        "Unauthorized"
    );

    let staff = app.client();
    assert_eq!(staff.login(&app, "staff_a", PASSWORD).await.status, 200);
    assert_eq!(
        staff.call("admin/accounts", &[("page", "0")]).await.json(),
        "Forbidden"
    );
    assert_eq!(
        staff
            .call(
                "admin/create_account",
                &reviewer_form("x_reviewer", "440000")
            )
            .await
            .json(),
        "Forbidden"
    );
}

#[tokio::test]
async fn the_account_list_pages_and_clamps() {
    let app = TestApp::start().await;
    app.create_account("root_admin", PASSWORD, "system_admin", "")
        .await;
    for i in 0..21 {
        app.create_account(&format!("staff_{i:02}"), PASSWORD, "provider_staff", "")
            .await;
    }
    let admin = app.client();
    assert_eq!(admin.login(&app, "root_admin", PASSWORD).await.status, 200);
    let first = admin.call("admin/accounts", &[("page", "0")]).await.json();
    assert_eq!(
        (first["total"].as_u64(), first["pages"].as_u64()),
        (Some(22), Some(2))
    );
    assert_eq!(first["rows"].as_array().unwrap().len(), 20);
    let beyond = admin.call("admin/accounts", &[("page", "9")]).await.json();
    assert_eq!(beyond["page"], 1);
    assert_eq!(beyond["rows"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_admin_creates_a_pre_approval_authority_with_the_types_it_decides() {
    use beian::server::accounts::find_by_username;

    let app = TestApp::start().await;
    app.create_account("root_admin", PASSWORD, "system_admin", "")
        .await;
    let admin = app.client();
    assert_eq!(admin.login(&app, "root_admin", PASSWORD).await.status, 200);
    let form = |kinds: &[&'static str]| {
        let mut form = vec![
            ("username", "health_office"),
            ("password", "Approve2026"),
            ("real_name", "周审批"),
            ("mobile", ""),
            ("email", ""),
            ("role", "preapproval"),
            ("province", ""),
        ];
        // The form's checkboxes, as a browser posts them.
        form.extend(kinds.iter().map(|k| ("pre_approval_kinds[]", *k)));
        form
    };
    let none = admin.call("admin/create_account", &form(&[])).await;
    assert_eq!(none.rules(), vec!["ACC_PRE_APPROVAL_KINDS"]);
    let unknown = admin.call("admin/create_account", &form(&["3"])).await;
    assert_eq!(unknown.rules(), vec!["ACC_PRE_APPROVAL_KINDS"]);
    let created = admin
        .call("admin/create_account", &form(&["8", "16"]))
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let stored = find_by_username(&app.state.db, "health_office")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.pre_approval_kinds, ",16,8,");
}
