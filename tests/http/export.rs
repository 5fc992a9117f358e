//! CSV export of 备案信息查询 and 历史记录查询 over HTTP: the caller's scope
//! and conditions, spreadsheet-ready, and refusals with their status.

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::world::{world, World};
use crate::harness::Reply;

/// The records of a CSV reply, header first, without the BOM.
fn lines(reply: &Reply) -> Vec<String> {
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.headers["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    assert!(reply.headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename="));
    let body = reply
        .body
        .strip_prefix('\u{feff}')
        .expect("a BOM for Excel");
    body.split_terminator("\r\n").map(str::to_owned).collect()
}

#[tokio::test]
async fn exports_follow_the_search_conditions_and_scope() {
    let World {
        app,
        filer,
        staff,
        bureau,
        record,
    } = world().await;
    let site_1 = format!("{}-1", record.subject);

    let all = lines(&staff.get("/export/records.csv").await);
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all[0].starts_with("网站备案号,网站名称,域名"));
    assert!(all[1..].iter().all(|l| l.contains(&record.subject)));

    let one = lines(
        &bureau
            .get(&format!("/export/records.csv?number={site_1}&sort=number"))
            .await,
    );
    assert_eq!(one.len(), 2);
    assert!(one[1].starts_with(&format!("{site_1},")), "{one:?}");

    let stranger = signed_in(&app, "filer_b", "filer").await;
    assert_eq!(lines(&stranger.get("/export/records.csv").await).len(), 1);

    let history = lines(&filer.get("/export/history.csv?action=APPROVE").await);
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(history[1].contains("审核通过"));

    let authority = reviewer(&app, "pre_a", "preapproval", "").await;
    assert_eq!(authority.get("/export/records.csv").await.status, 403);
    assert_eq!(app.client().get("/export/records.csv").await.status, 401);
    assert_eq!(app.client().get("/export/history.csv").await.status, 401);
}
