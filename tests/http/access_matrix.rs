//! The access-control matrix: every server function, upload, download,
//! export and page, called by each of nine actors against filer A's
//! objects. The expected answer of every cell comes from `POLICY`.
//!
//! Two passes keep the cells independent. The first sends every refused
//! actor a request that would succeed for the owner (current versions, the
//! right 备案密码), and checks afterwards that nothing changed. The second
//! sends the allowed actors requests that pass the access check and then
//! stop at a stale version or a wrong password where they could, so that no
//! allowed cell disturbs the next.

use std::collections::BTreeSet;

use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use beian::server::entity::{account, application, document, history, message, site};
use beian::server::http::audit::REQUEST_ID_HEADER;

use crate::fixtures::accounts::{
    account_id, move_to_another_provider, provider_y, reviewer, signed_in,
};
use crate::fixtures::filing::{
    company_filing, draft_with_scans, load, saved_version, start_change, submit,
};
use crate::fixtures::world::passed;
use crate::harness::{logs_of_request, Client, Reply, TestApp};

const ANONYMOUS: &str = "anonymous";
const FILER_A: &str = "filer_a";
const FILER_B: &str = "filer_b";
const STAFF_X: &str = "staff_x";
const STAFF_Y: &str = "staff_y";
const BUREAU_P: &str = "bureau_p";
const BUREAU_Q: &str = "bureau_q";
const PRE_APPROVAL: &str = "preapproval";
const ADMIN: &str = "admin";

const SIGNED_IN: &[&str] = &[
    FILER_A,
    FILER_B,
    STAFF_X,
    STAFF_Y,
    BUREAU_P,
    BUREAU_Q,
    PRE_APPROVAL,
    ADMIN,
];
const EVERYONE: &[&str] = &[
    ANONYMOUS,
    FILER_A,
    FILER_B,
    STAFF_X,
    STAFF_Y,
    BUREAU_P,
    BUREAU_Q,
    PRE_APPROVAL,
    ADMIN,
];
const FILERS: &[&str] = &[FILER_A, FILER_B];
const STAFF: &[&str] = &[STAFF_X, STAFF_Y];
const BUREAUS: &[&str] = &[BUREAU_P, BUREAU_Q];
const FILING: &[&str] = &[FILER_A, FILER_B, STAFF_X, STAFF_Y];
/// Everyone who follows applications: all but the admin.
const WORK: &[&str] = &[
    FILER_A,
    FILER_B,
    STAFF_X,
    STAFF_Y,
    BUREAU_P,
    BUREAU_Q,
    PRE_APPROVAL,
];
/// Everyone with records to search: all but the pre-approval authority.
const SEARCHING: &[&str] = &[
    FILER_A, FILER_B, STAFF_X, STAFF_Y, BUREAU_P, BUREAU_Q, ADMIN,
];
/// Those who answer messages.
const ANSWERING: &[&str] = &[STAFF_X, STAFF_Y, BUREAU_P, BUREAU_Q, PRE_APPROVAL];
/// Those who read A's application waiting for staff X (待接入者核实): the
/// 管局 sees it only once it reaches the 管局 (`visibility.rs` covers every
/// state).
const READS_A: &[&str] = &[FILER_A, STAFF_X, ADMIN];

/// Who may read filer A's private data (ID numbers, phones, e-mail): A,
/// the provider A files through, the 管局 of A's province once submitted,
/// and the admin. Nobody else's answer may contain any of it.
const SEES_A: &[&str] = &[FILER_A, STAFF_X, BUREAU_P, ADMIN];

/// The one policy table: each endpoint or page and who may use it on A's
/// objects (or, for lists and searches, at all). Everyone else is refused
/// with 403 or 404, and a visitor is asked to sign in (401, or a redirect
/// to /login for a page).
const POLICY: &[(&str, &[&str])] = &[
    // Public.
    ("GET /captcha", EVERYONE),
    ("POST /api/agreements/accept", EVERYONE),
    ("POST /api/agreements/status", EVERYONE),
    ("POST /api/register", EVERYONE),
    ("POST /api/login", EVERYONE),
    ("POST /api/me", EVERYONE),
    ("POST /api/account/password", SIGNED_IN),
    ("PAGE /account/password", SIGNED_IN),
    ("POST /api/public/lookup", EVERYONE),
    ("PAGE /", EVERYONE),
    ("PAGE /login", EVERYONE),
    ("PAGE /query", EVERYONE),
    ("PAGE /register", EVERYONE),
    ("PAGE /register/privacy", EVERYONE),
    ("PAGE /register/form", EVERYONE),
    ("PAGE /register/done", EVERYONE),
    // 短信核验 is confirmed without a login; A's objects wait for none.
    ("POST /api/sms/confirm", EVERYONE),
    ("PAGE /sms", EVERYONE),
    // 电子化核验: the link's token is the authority, so the phone's page,
    // its check and its upload answer everyone (a wrong token gets the
    // link's own error); opening, reading and accepting are the provider's.
    ("PAGE /verify/{token}", EVERYONE),
    ("POST /api/verification/check_link", EVERYONE),
    ("POST /verify/upload", EVERYONE),
    // The language toggle: anyone, signed in or not.
    ("POST /language", EVERYONE),
    ("POST /api/verification/open_link", &[STAFF_X]),
    ("POST /api/verification/link", &[STAFF_X]),
    ("POST /api/verification/accept", &[STAFF_X]),
    // Lists and searches: every answer is scoped to the caller.
    ("POST /api/records/search", SEARCHING),
    ("POST /api/history/search", SEARCHING),
    ("GET /export/records.csv", SEARCHING),
    ("GET /export/history.csv", SEARCHING),
    ("PAGE /records", SEARCHING),
    ("PAGE /history", SEARCHING),
    ("POST /api/inspections/list", SEARCHING),
    ("PAGE /inspections", SEARCHING),
    ("POST /api/public_security/list", SEARCHING),
    ("PAGE /public-security", SEARCHING),
    ("POST /api/shells/list", SEARCHING),
    ("PAGE /shells", SEARCHING),
    ("POST /api/notifications/inbox", SIGNED_IN),
    ("POST /api/notifications/read_all", SIGNED_IN),
    ("PAGE /notifications", WORK),
    ("GET /events", SIGNED_IN),
    ("POST /api/messages/inbox", WORK),
    ("PAGE /messages", ANSWERING),
    ("PAGE /messages/open", ANSWERING),
    ("POST /api/messages/submitted", WORK),
    ("PAGE /messages/mine", FILERS),
    ("POST /api/review/queue", WORK),
    ("POST /api/review/stats", WORK),
    ("PAGE /work/{scope}", WORK),
    ("POST /api/filing/list", FILING),
    ("POST /api/cancel/search", FILING),
    ("POST /api/filing/precheck", FILING),
    ("PAGE /filings", FILING),
    ("PAGE /cancel", FILING),
    ("PAGE /claim", FILERS),
    ("PAGE /change", FILING),
    ("POST /api/filing/start", &[FILER_A, FILER_B, STAFF_X]),
    ("PAGE /filer", FILERS),
    (
        "POST /api/dashboard",
        &[STAFF_X, STAFF_Y, BUREAU_P, BUREAU_Q],
    ),
    ("PAGE /provider", STAFF),
    ("PAGE /filings/new", STAFF),
    ("PAGE /batch", STAFF),
    ("PAGE /batch/import", STAFF),
    ("POST /api/batch/accesses", STAFF),
    ("POST /api/provider/customers", STAFF),
    ("POST /api/provider/create_customer", STAFF),
    ("PAGE /bureau", BUREAUS),
    ("PAGE /preapproval", &[PRE_APPROVAL]),
    ("PAGE /admin", &[ADMIN]),
    ("PAGE /admin/accounts", &[ADMIN]),
    ("POST /api/admin/accounts", &[ADMIN]),
    ("POST /api/admin/create_account", &[ADMIN]),
    ("POST /api/admin/account_status", &[ADMIN]),
    // A's objects.
    ("POST /api/filing/load", &[FILER_A]),
    ("PAGE /filings/{id}", &[FILER_A]),
    ("PAGE /filings/{id}/checklist", &[FILER_A]),
    ("POST /api/filing/copy", &[FILER_A, STAFF_X]),
    ("POST /api/filing/save", &[FILER_A]),
    ("POST /api/filing/record_checks", &[FILER_A]),
    ("POST /api/filing/save_step", &[FILER_A]),
    ("POST /api/filing/submit", &[FILER_A]),
    ("POST /api/filing/verification", &[STAFF_X]),
    ("POST /documents", &[FILER_A]),
    ("GET /documents/{id}", &[FILER_A, ADMIN]),
    ("POST /api/review/detail", READS_A),
    ("PAGE /review/{id}", READS_A),
    ("POST /api/review/decide", &[STAFF_X]),
    ("POST /api/review/decide_form", &[STAFF_X]),
    ("POST /api/review/batch", &[STAFF_X]),
    // A's objects carry no 前置审批 item, so nobody decides one here; the
    // authorities' own types are tested in pre_approval.rs.
    ("POST /api/review/decide_items", &[]),
    ("POST /api/sms/resend", &[STAFF_X]),
    ("POST /api/admin/sms_outbox", &[ADMIN]),
    ("PAGE /admin/sms", &[ADMIN]),
    ("PAGE /admin/rules", &[ADMIN]),
    (
        "POST /api/review/approval_notice",
        &[FILER_A, STAFF_X, BUREAU_P],
    ),
    // The record's approval: the 管局 that approved it reads it.
    (
        "POST /api/history/detail",
        &[FILER_A, STAFF_X, BUREAU_P, ADMIN],
    ),
    ("PAGE /history/{id}", &[FILER_A, STAFF_X, BUREAU_P, ADMIN]),
    ("POST /api/records/versions", SEES_A),
    ("PAGE /records/versions", SEES_A),
    ("POST /api/messages/thread", &[FILER_A, STAFF_X]),
    ("POST /api/messages/post", &[FILER_A, STAFF_X]),
    ("POST /api/messages/handle", &[STAFF_X]),
    ("POST /api/messages/send_back", &[STAFF_X]),
    ("POST /api/change/start", &[FILER_A, STAFF_X]),
    ("POST /api/change/submit", &[FILER_A]),
    ("POST /api/cancel/apply", &[FILER_A, STAFF_X]),
    ("POST /api/batch/cancel", &[STAFF_X]),
    ("POST /api/batch/move", &[STAFF_X]),
    ("POST /api/batch/import", &[STAFF_X]),
    // 核查 of A's site: A and the staff serving it; the 管局 and the admin
    // only read findings.
    ("POST /api/inspections/check", &[FILER_A, STAFF_X]),
    ("POST /api/public_security/record", &[FILER_A, STAFF_X]),
    // Any filer may apply to claim A's subject; allowed callers give a
    // wrong 备案密码 (A: it is A's already), so nothing is created.
    ("POST /api/claim/apply", FILERS),
    // A's 空壳网站 -2: the staff whose provider left it remind A.
    ("POST /api/shells/remind", &[STAFF_X]),
    // Last: it ends the session.
    ("POST /api/logout", EVERYONE),
];

/// Filer A's objects, and what refused actors must not change.
struct Objects {
    filer_a: i64,
    admin: i64,
    record: i64,
    subject: String,
    site: String,
    password: String,
    draft: i64,
    draft_version: i64,
    draft_filing: Value,
    pending: i64,
    pending_version: i64,
    change: i64,
    change_version: i64,
    operation: i64,
    message: i64,
    document: i64,
}

/// The private values of A's filing (principal's ID number, mobile,
/// e-mail), never shown to anyone outside `SEES_A`.
const A_PRIVATE: [&str; 3] = ["44152319930906632X", "13800138000", "chen@example.com"];

struct Actor {
    name: &'static str,
    client: Client,
}

/// The first pass's requests would succeed for the owner; the second's
/// stop after the access check wherever they can.
#[derive(Clone, Copy, PartialEq)]
enum Pass {
    Refused,
    Allowed,
}

async fn world(app: &TestApp) -> (Vec<Actor>, Objects) {
    let filer_a = signed_in(app, FILER_A, "filer").await;
    let staff_x = signed_in(app, STAFF_X, "provider_staff").await;
    let bureau_p = reviewer(app, BUREAU_P, "bureau_reviewer", "510000").await;

    // A's approved record, with its numbers and 备案密码.
    let record =
        crate::fixtures::filing::self_filed(&filer_a, ["lanhai.com", "lanhai-cloud.cn"]).await;
    let record = passed(&staff_x, &bureau_p, record).await;
    let notice = filer_a
        .call_json("review/approval_notice", &json!({ "id": record }))
        .await
        .json();
    let subject = notice["numbers"]["subject"].as_str().unwrap().to_owned();
    let password = notice["password"].as_str().unwrap().to_owned();
    // Staff X end their access to site -2: a 空壳网站 that X left.
    let ended = crate::fixtures::world::apply(
        &staff_x,
        &subject,
        crate::fixtures::world::request(false, &[], &[&format!("{subject}-2")]),
        "",
    )
    .await;
    assert_eq!(ended.status, 200, "{}", ended.body);
    passed(&staff_x, &bureau_p, ended.json().as_i64().unwrap()).await;

    // A second subject of A's, submitted and waiting for staff X.
    let (pending, docs) = draft_with_scans(&filer_a, None).await;
    let mut filing = company_filing(&docs, ["lanhai-pending.com", "lanhai-pending.cn"]);
    filing["subject"]["cert_number"] = json!("91510100MA61WWWW6T");
    filing["subject"]["name"] = json!("成都蓝海网络有限公司");
    let version = saved_version(&filer_a, pending, 1, &filing).await;
    assert_eq!(submit(&filer_a, pending, version).await.status, 200);
    let pending_version = load(&filer_a, pending).await["version"].as_i64().unwrap();
    let posted = filer_a
        .call(
            "messages/post",
            &[
                ("application_id", &pending.to_string()),
                ("body", "请问核验要多久？"),
            ],
        )
        .await;
    assert_eq!(posted.status, 200, "{}", posted.body);
    let thread = filer_a
        .call_json("messages/thread", &json!({ "application_id": pending }))
        .await
        .json();
    let message = thread["messages"][0]["id"].as_i64().unwrap();

    // A draft with its scans, and the filing that would complete it.
    let (draft, docs) = draft_with_scans(&filer_a, None).await;
    let mut draft_filing = company_filing(&docs, ["lanhai-draft.com", "lanhai-draft.cn"]);
    draft_filing["subject"]["cert_number"] = json!("91510100MA61YYYY1N");
    draft_filing["subject"]["name"] = json!("成都蓝海数据有限公司");
    let draft_version = saved_version(&filer_a, draft, 1, &draft_filing).await;
    let document = docs.0["id"].as_i64().unwrap();

    // A 变更 of the record, started and not yet submitted.
    let change = start_change(&filer_a, &subject, "Site").await;
    assert_eq!(change.status, 200, "{}", change.body);
    let change = change.json().as_i64().unwrap();
    let change_version = load(&filer_a, change).await["version"].as_i64().unwrap();

    let history = filer_a
        .call_json("history/search", &json!({ "query": { "number": subject } }))
        .await
        .json();
    // The record's approval: an operation every reader of A's sees.
    let operation = history["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["application_id"] == record && row["state_to"] == "审核通过")
        .unwrap_or_else(|| panic!("the approval is in A's history: {history}"))["id"]
        .as_i64()
        .unwrap();

    let filer_a_id = account_id(app, FILER_A).await;

    // The others: a second filer, staff of a second provider, the 管局 of
    // another province, a pre-approval authority and the admin.
    let filer_b = signed_in(app, FILER_B, "filer").await;
    let staff_y = signed_in(app, STAFF_Y, "provider_staff").await;
    move_to_another_provider(app, STAFF_Y).await;
    let bureau_q = reviewer(app, BUREAU_Q, "bureau_reviewer", "110000").await;
    let pre_approval = reviewer(app, PRE_APPROVAL, "preapproval", "").await;
    let admin = reviewer(app, ADMIN, "system_admin", "").await;

    let actors = vec![
        Actor {
            name: ANONYMOUS,
            client: app.client(),
        },
        Actor {
            name: FILER_A,
            client: filer_a,
        },
        Actor {
            name: FILER_B,
            client: filer_b,
        },
        Actor {
            name: STAFF_X,
            client: staff_x,
        },
        Actor {
            name: STAFF_Y,
            client: staff_y,
        },
        Actor {
            name: BUREAU_P,
            client: bureau_p,
        },
        Actor {
            name: BUREAU_Q,
            client: bureau_q,
        },
        Actor {
            name: PRE_APPROVAL,
            client: pre_approval,
        },
        Actor {
            name: ADMIN,
            client: admin,
        },
    ];
    let objects = Objects {
        filer_a: filer_a_id,
        admin: account_id(app, ADMIN).await,
        record,
        site: format!("{subject}-1"),
        subject,
        password,
        draft,
        draft_version,
        draft_filing,
        pending,
        pending_version,
        change,
        change_version,
        operation,
        message,
        document,
    };
    (actors, objects)
}

/// What the refused actors must not have changed.
async fn snapshot(app: &TestApp) -> Value {
    let db = &app.state.db;
    let applications: Vec<(i32, String, i32)> = application::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.state.code().to_owned(), a.version))
        .collect();
    json!({
        "applications": applications,
        "history": history::Entity::find().count(db).await.unwrap(),
        "messages": message::Entity::find().count(db).await.unwrap(),
        "documents": document::Entity::find().count(db).await.unwrap(),
        "accounts": account::Entity::find().count(db).await.unwrap(),
        "sites": site::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| (s.number, s.status))
            .collect::<Vec<_>>(),
    })
}

/// The request of `endpoint` for `actor` in `pass`: A's objects, with the
/// data that would succeed in the first pass.
fn request_of(endpoint: &str, actor: &str, pass: Pass, a: &Objects) -> Request {
    let refused = pass == Pass::Refused;
    let version = |current: i64| if refused { current } else { current - 1 };
    let password = if refused {
        a.password.clone()
    } else {
        "wrong-password".into()
    };
    let unique = format!("m_{actor}");
    let json = |body: Value| Request::Json(body);
    match endpoint {
        "PAGE /filings/{id}" => Request::Page(format!("/filings/{}", a.draft)),
        "PAGE /filings/{id}/checklist" => Request::Page(format!("/filings/{}/checklist", a.draft)),
        "PAGE /review/{id}" => Request::Page(format!("/review/{}", a.pending)),
        "PAGE /history/{id}" => Request::Page(format!("/history/{}", a.operation)),
        "PAGE /records/versions" => {
            Request::Page(format!("/records/versions?number={}", a.subject))
        }
        "PAGE /work/{scope}" => Request::Page("/work/progress".into()),
        page if page.starts_with("PAGE ") => Request::Page(page[5..].to_owned()),
        "GET /captcha" => Request::Get("/captcha".into()),
        "GET /export/records.csv" => Request::Get("/export/records.csv".into()),
        "GET /export/history.csv" => Request::Get("/export/history.csv".into()),
        "GET /events" => Request::Get("/events".into()),
        "GET /documents/{id}" => Request::Get(format!("/documents/{}", a.document)),
        "POST /documents" => Request::Upload(a.draft),
        "POST /api/register" => form(vec![
            ("username", unique),
            ("password", "Passw0rd2026".into()),
            ("password_confirm", "Passw0rd2026".into()),
            ("real_name", "矩阵用户".into()),
            ("mobile", "13755553011".into()),
            ("email", "matrix@example.com".into()),
            ("kind", "person".into()),
        ]),
        "POST /api/agreements/accept" => form(vec![("agreement", "Terms".into())]),
        "POST /api/sms/confirm" => form(vec![
            ("mobile", "13800138000".into()),
            ("code", "123456".into()),
            ("cert_tail", "06632X".into()),
        ]),
        "POST /api/sms/resend" => json(json!({ "application_id": a.pending, "check_id": 1 })),
        "PAGE /verify/{token}" => Request::Page("/verify/00ff".into()),
        "POST /api/verification/check_link" => json(json!({ "token": "00ff" })),
        "POST /verify/upload" => Request::PhoneUpload,
        "POST /language" => Request::Language,
        "POST /api/verification/open_link" | "POST /api/verification/link" => {
            json(json!({ "id": a.pending }))
        }
        "POST /api/verification/accept" => json(json!({
            "id": a.pending, "version": a.pending_version, "verifier": "王核验"
        })),
        "POST /api/admin/sms_outbox" => form(vec![("page", "0".into())]),
        "POST /api/agreements/status" => form(vec![]),
        "POST /api/login" => form(vec![
            ("username", FILER_A.into()),
            ("password", "Passw0rd2026".into()),
            ("captcha", "0000".into()),
        ]),
        "POST /api/logout" | "POST /api/me" | "POST /api/dashboard" => form(vec![]),
        "POST /api/admin/accounts" | "POST /api/filing/list" => form(vec![("page", "0".into())]),
        "POST /api/admin/create_account" => form(vec![
            ("username", unique),
            ("password", "Passw0rd2026".into()),
            ("real_name", "矩阵人员".into()),
            ("mobile", "".into()),
            ("email", "".into()),
            ("role", "system_admin".into()),
            ("province", "".into()),
        ]),
        "POST /api/provider/customers" => form(vec![("query", "filer_a".into())]),
        // Allowed callers give a wrong current password: nothing changes.
        "POST /api/account/password" => form(vec![
            ("current_password", "Wrong2026x".into()),
            ("password", "Changed2026".into()),
            ("password_confirm", "Changed2026".into()),
        ]),
        // Refused callers try to disable A; the admin tries to disable
        // themself, which is refused by rule.
        "POST /api/admin/account_status" => form(vec![
            (
                "account_id",
                if refused { a.filer_a } else { a.admin }.to_string(),
            ),
            ("active", "false".into()),
        ]),
        "POST /api/provider/create_customer" => form(vec![
            ("username", unique),
            ("password", "Passw0rd2026".into()),
            ("password_confirm", "Passw0rd2026".into()),
            ("real_name", "矩阵客户".into()),
            ("mobile", "13755553012".into()),
            ("email", "customer@example.com".into()),
            ("kind", "person".into()),
        ]),
        "POST /api/public/lookup" => json(json!({ "by": "Domain", "q": "lanhai.com" })),
        "POST /api/records/search" | "POST /api/cancel/search" => {
            json(json!({ "query": { "subject": "蓝海" } }))
        }
        "POST /api/history/search" => json(json!({ "query": { "subject": "蓝海" } })),
        "POST /api/notifications/inbox" => json(json!({})),
        "POST /api/notifications/read_all" => Request::Form(Vec::new()),
        "POST /api/messages/inbox" => json(json!({ "only_open": false, "page": 0 })),
        "POST /api/messages/submitted" => json(json!({ "page": 0 })),
        "POST /api/review/queue" => json(json!({ "scope": scope_of(actor), "query": {} })),
        "POST /api/review/stats" => json(json!({ "scope": scope_of(actor) })),
        "POST /api/batch/accesses" => json(json!({ "query": {} })),
        "POST /api/filing/precheck" => json(json!({
            "cert_number": "91510100MA61YYYY1N",
            "domains": ["lanhai-draft.com"],
            "exclude": a.draft,
        })),
        // Staff file for A, whose 核验 record staff X hold.
        "POST /api/filing/start" if actor.starts_with("staff") => {
            json(json!({ "customer_id": a.filer_a }))
        }
        "POST /api/filing/start" => json(json!({ "customer_id": null })),
        "POST /api/filing/load" => json(json!({ "id": a.draft })),
        "POST /api/inspections/list" => form(vec![("number", "".into()), ("page", "0".into())]),
        "POST /api/claim/apply" => form(vec![
            ("subject_number", a.subject.clone()),
            (
                "password",
                if refused {
                    a.password.clone()
                } else {
                    "not-the-password".into()
                },
            ),
        ]),
        "POST /api/shells/list" => form(vec![("number", "".into()), ("page", "0".into())]),
        "POST /api/shells/remind" => form(vec![("number", format!("{}-2", a.subject))]),
        "POST /api/public_security/list" => {
            form(vec![("number", a.subject.clone()), ("page", "0".into())])
        }
        // Allowed callers give another province's number: refused by rule,
        // nothing stored.
        "POST /api/public_security/record" => form(vec![
            ("site_number", a.site.clone()),
            (
                "psb_number",
                if refused {
                    "川公网安备51010402000123号"
                } else {
                    "京公网安备11010802020088号"
                }
                .into(),
            ),
        ]),
        // Allowed callers name the subject, not a site: refused by rule
        // before anything is fetched (the matrix's app reaches no network).
        "POST /api/inspections/check" => form(vec![(
            "site_number",
            if refused {
                a.site.clone()
            } else {
                a.subject.clone()
            },
        )]),
        "POST /api/filing/copy" => form(vec![("id", a.record.to_string())]),
        "POST /api/filing/save" => json(json!({
            "id": a.draft, "version": version(a.draft_version), "filing": a.draft_filing,
        })),
        "POST /api/filing/save_step" => form(vec![
            ("id", a.draft.to_string()),
            ("version", version(a.draft_version).to_string()),
            ("step", "1".into()),
            ("fields[subject.name]", "成都蓝海数据有限公司".into()),
        ]),
        "POST /api/filing/submit" | "POST /api/filing/record_checks" => {
            json(json!({ "id": a.draft, "version": version(a.draft_version) }))
        }
        "POST /api/filing/verification" => json(json!({
            "id": a.pending, "version": version(a.pending_version),
            "verification": { "verifier": "王核验", "photo": null, "checklist": null },
        })),
        "POST /api/review/detail" => json(json!({ "id": a.pending })),
        "POST /api/review/decide" => json(json!({
            "id": a.pending, "version": version(a.pending_version), "action": "ReturnToSponsor",
            "reasons": [{ "field": "sites[0].name", "text": "网站名称与内容不符" }],
            "verification": null,
        })),
        "POST /api/review/decide_form" => form(vec![
            ("id", a.pending.to_string()),
            ("version", version(a.pending_version).to_string()),
            ("action", "RETURN_TO_SPONSOR".into()),
            ("reasons[0][field]", "sites[0].name".into()),
            ("reasons[0][text]", "网站名称与内容不符".into()),
            ("confirmed", "true".into()),
        ]),
        "POST /api/review/batch" => json(json!({
            "items": [[a.pending, version(a.pending_version)]], "action": "ReturnToSponsor",
            "reasons": [{ "field": "sites[0].name", "text": "网站名称与内容不符" }],
        })),
        "POST /api/review/decide_items" => json(json!({
            "id": a.pending, "version": version(a.pending_version),
            "decisions": [{ "site": 0, "item": 0, "approved": true,
                "approval_no": "川新闻办-2026001号", "approved_on": "2026-12-01", "reason": "" }],
        })),
        "POST /api/review/approval_notice" => json(json!({ "id": a.record })),
        "POST /api/history/detail" => json(json!({ "id": a.operation })),
        "POST /api/messages/thread" => json(json!({ "application_id": a.pending })),
        "POST /api/messages/post" => form(vec![
            ("application_id", a.pending.to_string()),
            ("body", "矩阵测试留言".into()),
        ]),
        "POST /api/messages/handle" => form(vec![("message_id", a.message.to_string())]),
        "POST /api/messages/send_back" => form(vec![
            ("message_id", a.message.to_string()),
            ("version", version(a.pending_version).to_string()),
        ]),
        "POST /api/change/start" => form(vec![
            ("subject_number", a.subject.clone()),
            ("kind", "Site".into()),
        ]),
        "POST /api/records/versions" => {
            json(json!({ "number": a.subject, "from": null, "to": null }))
        }
        "POST /api/change/submit" => json(json!({
            "id": a.change, "version": version(a.change_version), "password": password,
        })),
        "POST /api/cancel/apply" => Request::Form(crate::fixtures::world::cancel_form(
            &a.subject,
            &crate::fixtures::world::request(false, &[a.site.as_str()], &[]),
            &password,
        )),
        "POST /api/batch/cancel" => json(json!({
            "sites": [a.site],
            "reason": if refused { "NO_SERVICE" } else { "NOT_A_REASON" },
            "explanation": "客户合同到期",
        })),
        "POST /api/batch/move" => json(json!({
            "sites": [a.site],
            "from": "121.40.1.0/24",
            // A block of the caller's own provider (staff Y's is 123.56/16).
            "to": match (refused, actor) {
                (false, _) => "not-a-block",
                (true, STAFF_Y) => "123.56.2.0/24",
                (true, _) => "121.40.2.0/24",
            },
        })),
        "POST /api/batch/import" => json(json!({ "part": {
            "customer_id": a.filer_a, "header": crate::import::HEADER, "rows": [[2, [
                "蓝海商城", "www.lanhai-shop.com", "lanhai-shop.com", "网络购物", "中文简体",
                "121.40.1.10", "云接入", "四川省", "",
            ]]],
            "dry_run": true,
        } })),
        other => panic!("no request for {other}"),
    }
}

/// The queue each role works in (a scope of another role is refused).
fn scope_of(actor: &str) -> &'static str {
    match actor {
        FILER_A | FILER_B => "Progress",
        STAFF_X | STAFF_Y => "Verify",
        BUREAU_P | BUREAU_Q => "Bureau",
        _ => "PreApproval",
    }
}

enum Request {
    Page(String),
    Get(String),
    Form(Vec<(String, String)>),
    Json(Value),
    Upload(i64),
    /// The 电子化核验 phone's form, with a token no link has.
    PhoneUpload,
    /// The language toggle's plain form (Chinese, the default, again).
    Language,
}

/// A form of named fields.
fn form(fields: Vec<(&str, String)>) -> Request {
    Request::Form(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

async fn send(client: &Client, endpoint: &str, request: Request) -> Reply {
    let path = endpoint.split_once(' ').unwrap().1;
    let api = path.strip_prefix("/api/");
    match (request, api) {
        (Request::Page(path), _) => client.get(&path).await,
        (Request::Get(path), _) if path == "/events" => client.get_headers(&path).await,
        (Request::Get(path), _) => client.get(&path).await,
        (Request::Form(fields), Some(api)) => {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            client.call(api, &fields).await
        }
        (Request::Json(body), Some(api)) => client.call_json(api, &body).await,
        (Request::Upload(application), _) => {
            client
                .upload(
                    application,
                    "SUBJECT_CERT",
                    "scan.png",
                    crate::fixtures::filing::png(2048),
                )
                .await
        }
        (Request::Language, _) => client.choose_language("zh-CN", "/").await,
        (Request::PhoneUpload, _) => {
            crate::fixtures::filing::phone_upload(client, "00ff", &[]).await
        }
        (_, None) => panic!("{endpoint} is not a server function"),
    }
}

/// A batch answer (200, one outcome per item) in which every item was
/// refused for access: how batches report a refusal.
fn every_item_refused(reply: &Reply) -> bool {
    if reply.status != 200 {
        return false;
    }
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&reply.body) else {
        return false;
    };
    !items.is_empty()
        && items.iter().all(|item| {
            matches!(
                item["outcome"]["Err"].as_str(),
                Some("Forbidden" | "NotFound")
            )
        })
}

/// Every server function and route the router serves, as `METHOD /path`.
fn served_endpoints() -> BTreeSet<String> {
    let mut served: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| format!("{method} {path}"))
        .collect();
    // The routes `server::http::app::router` adds beside the server functions.
    for route in [
        "GET /captcha",
        "POST /documents",
        "GET /documents/{id}",
        "GET /export/records.csv",
        "GET /export/history.csv",
        "GET /events",
        "POST /verify/upload",
        "POST /language",
    ] {
        served.insert(route.to_owned());
    }
    for page in leptos_axum::generate_route_list(beian::app::App) {
        served.insert(format!("PAGE {}", page.path()));
    }
    served
}

#[tokio::test]
async fn every_endpoint_answers_each_actor_as_the_policy_says() {
    let app = TestApp::start().await;
    let (actors, a) = world(&app).await;

    let listed: BTreeSet<String> = POLICY.iter().map(|(e, _)| (*e).to_owned()).collect();
    assert_eq!(
        listed,
        served_endpoints(),
        "every served endpoint has a row in POLICY, and every row is served"
    );

    let mut mismatches = Vec::new();
    let before = snapshot(&app).await;
    for pass in [Pass::Refused, Pass::Allowed] {
        for (endpoint, allowed) in POLICY {
            for actor in &actors {
                let may = allowed.contains(&actor.name);
                if may != (pass == Pass::Allowed) {
                    continue;
                }
                let request = request_of(endpoint, actor.name, pass, &a);
                let reply = send(&actor.client, endpoint, request).await;
                let page = endpoint.starts_with("PAGE ");
                let to_login = reply.status == 302
                    && reply.headers.get("location").is_some_and(|l| l == "/login");
                let expected = if may {
                    "allowed"
                } else if actor.name == ANONYMOUS {
                    if page {
                        "a redirect to /login"
                    } else {
                        "401"
                    }
                } else {
                    "403 or 404"
                };
                let ok = match expected {
                    "allowed" => {
                        !to_login
                            && !matches!(reply.status, 401 | 403 | 404 | 500..)
                            && !every_item_refused(&reply)
                    }
                    "401" => reply.status == 401,
                    "a redirect to /login" => to_login,
                    _ => matches!(reply.status, 403 | 404) || every_item_refused(&reply),
                };
                if !ok {
                    mismatches.push(format!(
                        "{endpoint} as {}: expected {expected}, got {} {}",
                        actor.name,
                        reply.status,
                        reply.body.chars().take(160).collect::<String>()
                    ));
                }
                if !SEES_A.contains(&actor.name) {
                    for private in A_PRIVATE {
                        if reply.body.contains(private) {
                            mismatches
                                .push(format!("{endpoint} as {} shows A's {private}", actor.name));
                        }
                    }
                }
                if pass == Pass::Refused && snapshot(&app).await != before {
                    panic!(
                        "{endpoint} as {} changed data ({} {}); cells so far:\n{}",
                        actor.name,
                        reply.status,
                        reply.body,
                        mismatches.join("\n")
                    );
                }
                if !may && !page {
                    let id = reply.headers[REQUEST_ID_HEADER].to_str().unwrap();
                    let logged = logs_of_request(id);
                    let named = |line: &&String| {
                        line.contains("outcome=\"denied\"")
                            && (actor.name == ANONYMOUS || line.contains("actor="))
                    };
                    if !logged.iter().any(|line| named(&line)) {
                        mismatches.push(format!(
                            "{endpoint} as {}: no denial naming its actor in the log for request {id}",
                            actor.name
                        ));
                    }
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} cells differ from the policy:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// Mass assignment: ids of other parties inside a payload change nothing.
/// A scan of another filer's application does not become B's, and staff
/// cannot move their customer's filing to another provider.
#[tokio::test]
async fn ids_of_other_parties_inside_a_payload_take_nothing() {
    let app = TestApp::start().await;
    let filer_a = signed_in(&app, FILER_A, "filer").await;
    let filer_b = signed_in(&app, FILER_B, "filer").await;
    let (_, docs_a) = draft_with_scans(&filer_a, None).await;
    let (draft_b, docs_b) = draft_with_scans(&filer_b, None).await;

    // B's filing pointing at A's scan keeps only B's own documents.
    let mut filing = company_filing(&docs_b, ["lanhai.com", "lanhai-cloud.cn"]);
    filing["subject"]["cert_scan"] = docs_a.0.clone();
    let reply = crate::fixtures::filing::save(&filer_b, draft_b, 1, &filing).await;
    let saved = load(&filer_b, draft_b).await;
    assert_ne!(
        saved["filing"]["subject"]["cert_scan"]["id"], docs_a.0["id"],
        "A's scan became part of B's filing ({} {})",
        reply.status, reply.body
    );
    let document = docs_a.0["id"].as_i64().unwrap();
    assert_eq!(
        filer_b.get(&format!("/documents/{document}")).await.status,
        404
    );

    // Staff X file for a customer; a payload naming provider Y is ignored.
    let staff_x = signed_in(&app, STAFF_X, "provider_staff").await;
    let provider_y = provider_y(&app).await;
    let customer = app.make_customer(FILER_A).await;
    let (proxy, docs) = draft_with_scans(&staff_x, Some(customer as i64)).await;
    let mut filing = company_filing(&docs, ["lanhai-proxy.com", "lanhai-proxy.cn"]);
    filing["provider_id"] = json!(provider_y.id);
    let version = saved_version(&staff_x, proxy, 1, &filing).await;
    assert!(version > 1);
    let saved = load(&staff_x, proxy).await;
    assert_ne!(saved["filing"]["provider_id"], json!(provider_y.id));
    let row = application::Entity::find_by_id(proxy as i32)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(row.provider_id, Some(provider_y.id));
    assert_eq!(row.owner_id, customer, "the customer still owns it");
}

/// Suite 6, over-long fields and control characters: every text value of
/// every request in `POLICY` (each form field, each string inside a JSON
/// payload, and a query string on every page and download), sent with a
/// NUL in it or 2,001 characters long, is refused with a field error naming
/// that field, and nothing changes. The requests are the owner's valid ones,
/// so a value that slipped through would show as a change.
#[tokio::test]
async fn every_text_value_of_every_request_refuses_control_characters_and_over_long_text() {
    let app = TestApp::start().await;
    let (actors, a) = world(&app).await;
    let before = snapshot(&app).await;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (endpoint, allowed) in POLICY {
        let Some(actor) = actors.iter().find(|actor| allowed.contains(&actor.name)) else {
            continue;
        };
        let mut cases: Vec<(Request, String)> = Vec::new();
        for (bad, rule) in [("\u{0}", "TEXT_CONTROL_CHAR"), ("", "TEXT_TOO_LONG")] {
            let spoil = |value: &str| {
                if bad.is_empty() {
                    "长".repeat(2_001)
                } else {
                    format!("{value}{bad}")
                }
            };
            match request_of(endpoint, actor.name, Pass::Refused, &a) {
                Request::Page(path) | Request::Get(path) => {
                    let join = if path.contains('?') { '&' } else { '?' };
                    let value: String =
                        form_urlencoded::byte_serialize(spoil("蓝海").as_bytes()).collect();
                    let spoilt = format!("{path}{join}subject={value}");
                    cases.push((Request::Get(spoilt), format!("subject {rule}")));
                }
                Request::Form(fields) => {
                    for index in 0..fields.len() {
                        let mut spoilt = fields.clone();
                        spoilt[index].1 = spoil(&fields[index].1);
                        cases.push((Request::Form(spoilt), format!("{} {rule}", fields[index].0)));
                    }
                }
                Request::Json(body) => {
                    for (pointer, field) in string_leaves(&body) {
                        let mut spoilt = body.clone();
                        let leaf = spoilt.pointer_mut(&pointer).unwrap();
                        *leaf = json!(spoil(leaf.as_str().unwrap()));
                        cases.push((Request::Json(spoilt), format!("{field} {rule}")));
                    }
                }
                // Uploads are checked by their own sniffer (suite 6's corpus).
                Request::Upload(_) | Request::PhoneUpload => {}
                // The toggle reads only a language code and a local path,
                // and falls back on anything else (language_route's tests).
                Request::Language => {}
            }
        }
        for (request, expected) in cases {
            checked += 1;
            let reply = send(&actor.client, endpoint, request).await;
            // A server function names the field and rule in its error; a
            // page or download names the field in words.
            let (field, rule) = expected.split_once(' ').unwrap();
            let named = match serde_json::from_str::<Value>(&reply.body) {
                Ok(error) => {
                    let errors = &error["Validation"];
                    errors.as_array().map(Vec::len) == Some(1)
                        && errors[0]["field"] == field
                        && errors[0]["rule"] == rule
                }
                Err(_) => {
                    !endpoint.contains(" /api/") && reply.body.starts_with(&format!("{field}："))
                }
            };
            if reply.status != 422 || !named {
                failures.push(format!(
                    "{endpoint} as {} with {expected}: {} {}",
                    actor.name,
                    reply.status,
                    reply.body.chars().take(160).collect::<String>()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} values got through:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 250, "only {checked} values were tried");
    assert_eq!(snapshot(&app).await, before, "a refused value changed data");
    println!("{checked} spoilt values refused");
}

/// Every string inside a JSON body: its JSON pointer and the field name a
/// form gives it, its path without the server function's argument name
/// (`filing.subject.name` is the form's `subject.name`).
fn string_leaves(body: &Value) -> Vec<(String, String)> {
    fn walk(value: &Value, pointer: String, path: String, found: &mut Vec<(String, String)>) {
        match value {
            Value::String(_) => found.push((pointer, path)),
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(
                        item,
                        format!("{pointer}/{index}"),
                        format!("{path}[{index}]"),
                        found,
                    );
                }
            }
            Value::Object(fields) => {
                for (key, item) in fields {
                    let inner = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(item, format!("{pointer}/{key}"), inner, found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(body, String::new(), String::new(), &mut found);
    found
        .into_iter()
        .map(|(pointer, path)| {
            let field = match path.split_once('.') {
                Some((argument, inner)) if !argument.contains('[') => inner.to_owned(),
                _ => path,
            };
            (pointer, field)
        })
        .collect()
}

/// Every page of the matrix, in English, for each actor who may open it:
/// no Han character is left outside what users or the code lists wrote
/// (names, addresses, 备案号, place names), which stay as written.
#[tokio::test]
async fn every_page_in_english_has_no_chinese_outside_user_data() {
    let app = TestApp::start().await;
    let (actors, a) = world(&app).await;
    let written = user_written_text(&app).await;
    let mut untranslated = BTreeSet::new();
    let mut pages = 0;
    for actor in &actors {
        let chosen = actor.client.choose_language("en", "/").await;
        assert_eq!(chosen.status, 303, "{}", chosen.body);
        for (endpoint, allowed) in POLICY {
            if !endpoint.starts_with("PAGE ") || !allowed.contains(&actor.name) {
                continue;
            }
            let Request::Page(path) = request_of(endpoint, actor.name, Pass::Allowed, &a) else {
                unreachable!("a page's request is a page");
            };
            let reply = actor.client.get(&path).await;
            if reply.status != 200 {
                continue;
            }
            pages += 1;
            assert!(
                reply.body.contains("<html lang=\"en\""),
                "{path} is not marked English"
            );
            for run in han_runs(&visible_text(&reply.body)) {
                if !written.contains(&run) {
                    untranslated.insert(format!("{path}: {run}"));
                }
            }
        }
    }
    assert!(pages > 60, "only {pages} pages were read");
    assert!(
        untranslated.is_empty(),
        "{} Chinese texts on English pages:\n{}",
        untranslated.len(),
        untranslated.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The text a reader sees or hears: text nodes and the attributes read out
/// (`aria-label`, `title`, `placeholder`, `alt`), without scripts, styles
/// and the values of form fields (user data being edited).
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        rest = &rest[open..];
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        if let Some(skipped) = ["script", "style"]
            .into_iter()
            .find(|name| lower.starts_with(&format!("<{name}")))
        {
            let close = format!("</{skipped}>");
            rest = rest
                .find(&close)
                .map_or("", |end| &rest[end + close.len()..]);
            continue;
        }
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        for attribute in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
            let mut from = 0;
            while let Some(at) = tag[from..].find(attribute) {
                let start = from + at + attribute.len();
                let end = tag[start..].find('"').map_or(tag.len(), |e| start + e);
                let preceded = tag[..from + at].chars().last();
                if preceded.is_some_and(char::is_whitespace) {
                    text.push(' ');
                    text.push_str(&tag[start..end]);
                }
                from = end;
            }
        }
        rest = &rest[close + 1..];
        // A textarea's content is a form field's value.
        if tag.starts_with("<textarea") {
            rest = rest.find("</textarea>").map_or("", |end| &rest[end..]);
        }
    }
    text.push_str(rest);
    text
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// The maximal runs of Han characters in `text`.
fn han_runs(text: &str) -> Vec<String> {
    text.split(|c: char| !is_han(c))
        .filter(|run| !run.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Everything users and the code lists wrote, as one searchable text: every
/// string stored in the database, the provinces, their 备案号 prefixes, the
/// cities and counties, and the toggle's own name for Chinese.
async fn user_written_text(app: &TestApp) -> String {
    use beian::server::entity::*;
    use sea_orm::EntityTrait;
    fn leaves(value: &Value, into: &mut String) {
        match value {
            Value::String(s) => {
                into.push_str(s);
                into.push('\n');
                // A JSON column read back as its text.
                if let Ok(inner) = serde_json::from_str::<Value>(s) {
                    if !inner.is_string() {
                        leaves(&inner, into);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| leaves(v, into)),
            Value::Object(fields) => fields.values().for_each(|v| leaves(v, into)),
            _ => {}
        }
    }
    let db = &app.state.db;
    let mut text = String::from("中文\n");
    macro_rules! dump {
        ($($table:ident),*) => {$(
            for row in $table::Entity::find().into_json().all(db).await.unwrap() {
                leaves(&row, &mut text);
            }
        )*};
    }
    dump!(
        account,
        application,
        document,
        history,
        message,
        notification,
        provider,
        record_version,
        return_reason,
        site,
        site_access,
        site_domain,
        subject
    );
    for province in beian::domain::region::PROVINCES {
        text.push_str(&format!("{}\n{}\n", province.name_zh, province.prefix));
    }
    text.push_str(&std::fs::read_to_string("src/domain/data/codes/regions.tsv").unwrap());
    text
}
