//! `/records` (备案信息查询, seed §2.7): 高级查询 over the approved, live
//! websites the caller may see. The conditions, the order and the page
//! cursor are the URL, so a result can be bookmarked and works without
//! JavaScript; pages follow a keyset cursor, so the hundredth is as quick
//! as the first.

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

use crate::api::records::{search_records, RecordPage, RecordQuery};
use crate::domain::certificate::NATURES;
use crate::domain::region::PROVINCES;
use crate::domain::role::Role;
use crate::ui::alert::FormAlert;
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
            <h1>"备案信息查询"</h1>
            <Form method="GET" action="" attr:class="filters" attr:id="record-search">
                <label>"主办单位名称"<input type="search" name="name" value=current.name.clone()/></label>
                <label>"备案号"<input type="search" name="number" placeholder="完整备案号或开头部分" value=current.number.clone()/></label>
                <label>"网站域名"<input type="search" name="domain" value=current.domain.clone()/></label>
                <label>"负责人"<input type="search" name="principal" value=current.principal.clone()/></label>
                <label>"单位性质"
                    <select name="nature">
                        <option value="">"全部"</option>
                        {NATURES.iter().map(|n| view! {
                            <option value=n.code selected=selected(n.code, &current.nature)>{n.zh}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"省份"
                    <select name="province">
                        <option value="">"全部"</option>
                        {PROVINCES.iter().map(|p| view! {
                            <option value=p.code selected=selected(p.code, &current.province)>{p.name_zh}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"审核通过日期从"<input type="date" name="from" value=current.from.clone()/></label>
                <label>"至"<input type="date" name="to" value=current.to.clone()/></label>
                <label>"排序"
                    <select name="sort">
                        <option value="">"审核通过时间（新→旧）"</option>
                        <option value="number" selected=current.sort == "number">"网站备案号"</option>
                    </select>
                </label>
                <button type="submit" class="button button-primary">"开始搜索"</button>
            </Form>
            <Suspense fallback=|| view! { <p class="loading">"查询中…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(found) if found.rows.is_empty() => view! {
                            <p class="empty" id="records-empty">"没有符合条件的已备案网站。"</p>
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
        <p class="export"><a href=export download rel="external">"导出 CSV（全部结果）"</a></p>
        <table class="data record-results">
            <thead><tr>
                <th>"网站备案号"</th><th>"网站名称"</th><th>"网站域名"</th><th>"主办单位名称"</th>
                <th>"单位性质"</th><th>"省份"</th><th>"负责人"</th><th>"审核通过日期"</th><th>"操作"</th>
            </tr></thead>
            <tbody>
                {found.rows.into_iter().map(|r| {
                    let history = format!("/history?number={}", r.site_number);
                    let versions = format!("/records/versions?number={}", r.subject_number);
                    view! {
                    <tr>
                        <td class="icp-number">{r.site_number}</td>
                        <td>{r.site_name}</td>
                        <td>{r.domains.join("、")}</td>
                        <td>{r.unit_name}" "<span class="icp-number">{r.subject_number}</span></td>
                        <td>{r.nature}</td>
                        <td>{r.province}</td>
                        <td>{r.principal}</td>
                        <td>{r.approved_on}</td>
                        <td>
                            <A href=format!("/review/{}", r.application_id)>"详细"</A>" "
                            <A href=history>"历史记录"</A>" "
                            <A href=versions>"历史版本"</A>
                        </td>
                    </tr>
                }}).collect_view()}
            </tbody>
        </table>
        <nav class="pager" aria-label="翻页">
            {deep.then(|| view! { <A href=link("")>"回到第一页"</A> })}
            {found.next.map(|next| view! { <A href=link(&next) attr:id="records-next">"下一页"</A> })}
        </nav>
    }
}
