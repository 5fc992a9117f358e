//! Province rule profiles (docs/domain.md §4.13): the built-in profile of
//! 广东 (440000) switches on `distinct_contacts`, `mobile_home_province`,
//! `max_services=5` and `legal_representative` (and the two rules that read
//! the records, tested in `shells.rs`); 上海 (310000) `commitment_letter`;
//! 四川 (510000) follows the default, which switches on none. Each rule
//! refuses a filing in its province at the field it concerns, and the same
//! filing in 四川 is submitted.

use serde_json::{json, Value};

use crate::fixtures::accounts::signed_in;
use crate::fixtures::filing::{draft_with_scans, saved_version, scan, submit};
use crate::harness::{Client, TestApp};

/// Moves a filing's subject to 广州市天河区, with a 广东 mobile.
pub(crate) fn in_guangdong(filing: &mut Value) {
    let subject = &mut filing["subject"];
    subject["province"] = json!("440000");
    subject["city"] = json!("440100");
    subject["county"] = json!("440106");
    subject["cert_address"] = json!("广东省广州市天河区天河路1号");
    subject["mail_address"] = json!("广东省广州市天河区天河路1号");
    subject["principal"]["mobile"] = json!("13802510001");
}

/// Moves a filing's subject to 上海市黄浦区.
fn in_shanghai(filing: &mut Value) {
    let subject = &mut filing["subject"];
    subject["province"] = json!("310000");
    subject["city"] = json!("310100");
    subject["county"] = json!("310101");
    subject["cert_address"] = json!("上海市黄浦区中山东一路1号");
    subject["mail_address"] = json!("上海市黄浦区中山东一路1号");
}

/// Filing `n` (its own subject and domains) in `province`, changed by
/// `edit`, submitted: the rules the refusal names, empty when it went in.
async fn refused_rules(
    filer: &Client,
    n: usize,
    province: &str,
    edit: impl Fn(&mut Value),
) -> Vec<(String, String)> {
    let (id, docs) = draft_with_scans(filer, None).await;
    let mut filing = crate::fixtures::numbered::filing_of(&docs, n, "510000");
    match province {
        "440000" => in_guangdong(&mut filing),
        "310000" => in_shanghai(&mut filing),
        _ => {}
    }
    edit(&mut filing);
    let version = saved_version(filer, id, 1, &filing).await;
    let reply = submit(filer, id, version).await;
    if reply.status == 200 {
        return Vec::new();
    }
    assert_eq!(reply.status, 422, "{}", reply.body);
    reply.json()["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(field: &str, rule: &str) -> (String, String) {
    (field.to_owned(), rule.to_owned())
}

/// Each site gets a 负责人 of its own, two people sharing one mobile (not
/// the subject's: the national rules refuse that everywhere).
fn shared_mobile(filing: &mut Value) {
    let people = [
        ("李四", "510107198805121237", "li@example.com"),
        ("王五", "510107199203150027", "wang@example.com"),
    ];
    for (k, (name, cert, email)) in people.into_iter().enumerate() {
        let mut other = filing["subject"]["principal"].clone();
        other["name"] = json!(name);
        other["cert_number"] = json!(cert);
        other["email"] = json!(email);
        other["mobile"] = json!("13802519999");
        filing["sites"][k]["principal_same_as_subject"] = json!(false);
        filing["sites"][k]["principal"] = other;
    }
}

#[tokio::test]
async fn distinct_contacts_is_on_in_guangdong_and_off_in_sichuan() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let on = refused_rules(&filer, 1, "440000", shared_mobile).await;
    assert_eq!(
        on,
        [pair("sites[1].principal.mobile", "RULE_DISTINCT_MOBILE")]
    );
    let same_email = |f: &mut Value| {
        shared_mobile(f);
        f["sites"][1]["principal"]["mobile"] = json!("13802510002");
        f["sites"][1]["principal"]["email"] = f["subject"]["principal"]["email"].clone();
    };
    let on = refused_rules(&filer, 2, "440000", same_email).await;
    assert_eq!(
        on,
        [pair("sites[1].principal.email", "RULE_DISTINCT_EMAIL")]
    );
    assert_eq!(refused_rules(&filer, 3, "510000", shared_mobile).await, []);
}

#[tokio::test]
async fn mobile_home_province_is_on_in_guangdong_and_off_in_sichuan() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    // 1398001 is listed as a 四川 segment.
    let sichuan_mobile = |f: &mut Value| f["subject"]["principal"]["mobile"] = json!("13980010001");
    let on = refused_rules(&filer, 1, "440000", sichuan_mobile).await;
    assert_eq!(
        on,
        [pair("subject.principal.mobile", "RULE_MOBILE_PROVINCE")]
    );
    // A number no listed segment covers is not checked.
    let unlisted = |f: &mut Value| f["subject"]["principal"]["mobile"] = json!("19912340001");
    assert_eq!(refused_rules(&filer, 2, "440000", unlisted).await, []);
    // 1391000 is listed as 北京: 四川 does not check.
    let beijing_mobile = |f: &mut Value| f["subject"]["principal"]["mobile"] = json!("13910000001");
    assert_eq!(refused_rules(&filer, 3, "510000", beijing_mobile).await, []);
}

#[tokio::test]
async fn max_services_is_on_in_guangdong_and_off_in_sichuan() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let six_sites = |n: usize| {
        move |f: &mut Value| {
            let template = f["sites"][0].clone();
            let names = [
                "蓝海科技",
                "蓝海云服务",
                "蓝海商城",
                "蓝海图库",
                "蓝海笔记",
                "蓝海工具",
            ];
            let sites: Vec<Value> = names
                .iter()
                .enumerate()
                .map(|(k, name)| {
                    let mut site = template.clone();
                    let domain = format!("six{n}-{k}.com");
                    site["name"] = json!(name);
                    site["home_url"] = json!(format!("www.{domain}"));
                    site["domains"] = json!([domain]);
                    site
                })
                .collect();
            f["sites"] = json!(sites);
        }
    };
    let on = refused_rules(&filer, 1, "440000", six_sites(1)).await;
    assert_eq!(on, [pair("sites", "RULE_MAX_SERVICES")]);
    assert_eq!(refused_rules(&filer, 2, "510000", six_sites(2)).await, []);
}

#[tokio::test]
async fn legal_representative_is_on_in_guangdong_and_off_in_sichuan() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let delegated = |f: &mut Value| f["subject"]["principal_by_authorisation"] = json!(true);
    let on = refused_rules(&filer, 1, "440000", delegated).await;
    assert_eq!(on, [pair("subject.authorisation", "RULE_AUTHORISATION")]);
    assert_eq!(refused_rules(&filer, 2, "510000", delegated).await, []);

    // With the 授权书 uploaded to the draft, 广东 takes it.
    let (id, docs) = draft_with_scans(&filer, None).await;
    let letter = scan(&filer, id, "AUTHORISATION").await;
    let mut filing = crate::fixtures::numbered::filing_of(&docs, 3, "510000");
    in_guangdong(&mut filing);
    delegated(&mut filing);
    filing["subject"]["authorisation"] = letter;
    let version = saved_version(&filer, id, 1, &filing).await;
    let reply = submit(&filer, id, version).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn commitment_letter_is_on_in_shanghai_and_off_in_sichuan() {
    let app = TestApp::start().await;
    let filer = signed_in(&app, "filer_a", "filer").await;
    let on = refused_rules(&filer, 1, "310000", |_| {}).await;
    assert_eq!(on, [pair("subject.commitment", "RULE_COMMITMENT")]);
    assert_eq!(refused_rules(&filer, 2, "510000", |_| {}).await, []);

    // With the 承诺书 uploaded to the draft, 上海 takes it.
    let (id, docs) = draft_with_scans(&filer, None).await;
    let letter = scan(&filer, id, "COMMITMENT").await;
    let mut filing = crate::fixtures::numbered::filing_of(&docs, 3, "510000");
    in_shanghai(&mut filing);
    filing["subject"]["commitment"] = letter;
    let version = saved_version(&filer, id, 1, &filing).await;
    let reply = submit(&filer, id, version).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}
