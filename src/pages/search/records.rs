//! `/records` (备案信息查询, seed §2.7): 高级查询 over the approved, live
//! websites the caller may see. The conditions, the order and the page
//! cursor are the URL, so a result can be bookmarked and works without
//! JavaScript; pages follow a keyset cursor, so the hundredth is as quick
//! as the first.

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

use crate::api::records::{search_records, RecordPage, RecordQuery};
use crate::domain::certificate::natures;
use crate::domain::region::PROVINCES;
use crate::domain::role::Role;
use crate::ui::alert::FormAlert;
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;

/// Everyone with records (and so a history) to look at: the pre-approval
/// authority has none.
pub const SEARCHING_ROLES: &[Role] = &[
    Role::Filer,
    Role::ProviderStaff,
    Role::ProviderAdmin,
    Role::BureauReviewer,
    Role::SystemAdmin,
];

#[component]
pub fn RecordSearchPage() -> impl IntoView {
    view! { <RoleGate roles=SEARCHING_ROLES page=|_| search_page()/> }
}

fn search_page() -> AnyView {
    let query = use_query_map();
    let request = Memo::new(move |_| {
        query.with(|q| RecordQuery {
            name: q.get("name").unwrap_or_default(),
            number: q.get("number").unwrap_or_default(),
            domain: q.get("domain").unwrap_or_default(),
            principal: q.get("principal").unwrap_or_default(),
            nature: q.get("nature").unwrap_or_default(),
            province: q.get("province").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            sort: q.get("sort").unwrap_or_default(),
            after: q.get("after").unwrap_or_default(),
            limit: 0,
        })
    });
    let page = Resource::new(move || request.get(), search_records);
    let current = request.get_untracked();
    let selected = |value: &str, current: &str| value == current;
    view! {
        <section class="panel">
            <h1>{tr("备案信息查询", "Records")}</h1>
            <Form method="GET" action="" attr:class="filters" attr:id="record-search">
                <label>{tr("主办单位名称", "Sponsor name")}<input type="search" name="name" value=current.name.clone()/></label>
                <label>{tr("备案号", "Filing number")}<input type="search" name="number" placeholder=tr("完整备案号或开头部分", "A whole filing number or its start") value=current.number.clone()/></label>
                <label>{tr("网站域名", "Domains")}<input type="search" name="domain" value=current.domain.clone()/></label>
                <label>{tr("负责人", "Principal")}<input type="search" name="principal" value=current.principal.clone()/></label>
                <label>{tr("单位性质", "Nature")}
                    <select name="nature">
                        <option value="">{tr("全部", "All")}</option>
                        {natures().iter().map(|n| view! {
                            <option value=n.code selected=selected(n.code, &current.nature)>{lang().pick(n.zh, n.en)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{tr("省份", "Province")}
                    <select name="province">
                        <option value="">{tr("全部", "All")}</option>
                        {PROVINCES.iter().map(|p| view! {
                            <option value=p.code selected=selected(p.code, &current.province)>{p.name(lang())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{tr("审核通过日期从", "Approved from")}<input type="date" name="from" value=current.from.clone()/></label>
                <label>{tr("至", "to")}<input type="date" name="to" value=current.to.clone()/></label>
                <label>{tr("排序", "Sort")}
                    <select name="sort">
                        <option value="">{tr("审核通过时间（新→旧）", "Approved (newest first)")}</option>
                        <option value="number" selected=current.sort == "number">{tr("网站备案号", "Site filing number")}</option>
                    </select>
                </label>
                <button type="submit" class="button button-primary">{tr("开始搜索", "Search")}</button>
            </Form>
            <Suspense fallback=|| view! { <p class="loading">{tr("查询中…", "Looking up…")}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(found) if found.rows.is_empty() => view! {
                            <p class="empty" id="records-empty">{tr("没有符合条件的已备案网站。", "No filed sites match.")}</p>
                        }.into_any(),
                        Ok(found) => view! { <Results found request=request.get_untracked()/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// The table and the links to the first and the next page, which keep
/// the conditions of the URL.
#[component]
fn Results(found: RecordPage, request: RecordQuery) -> impl IntoView {
    let query = use_query_map();
    let deep = !request.after.is_empty();
    let link = move |after: &str| {
        let mut params = query.get_untracked();
        params.remove("after");
        if !after.is_empty() {
            params.replace("after", after.to_owned());
        }
        format!("/records{}", params.to_query_string())
    };
    // Every result of these conditions, not just this page.
    let export = link("").replacen("/records", "/export/records.csv", 1);
    view! {
        <p class="export"><a href=export download rel="external">{tr("导出 CSV（全部结果）", "Export CSV (all results)")}</a></p>
        <table class="data record-results">
            <thead><tr>
                <th>{tr("网站备案号", "Site filing number")}</th><th>{tr("网站名称", "Site name")}</th><th>{tr("网站域名", "Domains")}</th><th>{tr("主办单位名称", "Sponsor name")}</th>
                <th>{tr("单位性质", "Nature")}</th><th>{tr("省份", "Province")}</th><th>{tr("负责人", "Principal")}</th><th>{tr("审核通过日期", "Approved on")}</th><th>{tr("操作", "Actions")}</th>
            </tr></thead>
            <tbody>
                {found.rows.into_iter().map(|r| {
                    let history = format!("/history?number={}", r.site_number);
                    let versions = format!("/records/versions?number={}", r.subject_number);
                    view! {
                    <tr>
                        <td class="icp-number">{r.site_number}</td>
                        <td>{r.site_name}</td>
                        <td>{r.domains.join(tr("、", ", "))}</td>
                        <td>{r.unit_name}" "<span class="icp-number">{r.subject_number}</span></td>
                        <td>{r.nature}</td>
                        <td>{r.province}</td>
                        <td>{r.principal}</td>
                        <td>{lang().date_time(&r.approved_on)}</td>
                        <td>
                            <A href=format!("/review/{}", r.application_id)>{tr("详细", "Details")}</A>" "
                            <A href=history>{tr("历史记录", "History")}</A>" "
                            <A href=versions>{tr("历史版本", "Versions")}</A>
                        </td>
                    </tr>
                }}).collect_view()}
            </tbody>
        </table>
        <nav class="pager" aria-label=tr("翻页", "Pages")>
            {deep.then(|| view! { <A href=link("")>{tr("回到第一页", "Back to the first page")}</A> })}
            {found.next.map(|next| view! { <A href=link(&next) attr:id="records-next">{tr("下一页", "Next")}</A> })}
        </nav>
    }
}
