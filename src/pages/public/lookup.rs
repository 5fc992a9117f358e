//! `/query` (公共查询): anyone looks a filing up by domain, 备案号, unit
//! name, or an app's name or package. The query is the URL (`?by=domain&q=…`), so a result can be
//! linked and works without JavaScript; the browser checks the input with
//! the server's own rule as it is typed.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::public::public_lookup;
use crate::domain::public_lookup::{parse_lookup, LookupBy, PublicRecord};
use crate::domain::service::ServiceKind;
use crate::ui::alert::FormAlert;
use crate::ui::field::FieldMessage;

#[component]
pub fn LookupPage() -> impl IntoView {
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query.with(|q| {
            (
                LookupBy::from_code(&q.get("by").unwrap_or_default()),
                q.get("q").unwrap_or_default(),
            )
        })
    });
    let found = Resource::new(
        move || asked.get(),
        |(by, q)| async move {
            if q.trim().is_empty() {
                None
            } else {
                Some(public_lookup(by, q).await)
            }
        },
    );
    let (by, text) = asked.get_untracked();
    let typed_by = RwSignal::new(by);
    let typed = RwSignal::new(text.clone());
    let typed_error = Signal::derive(move || {
        let text = typed.get();
        (!text.trim().is_empty())
            .then(|| parse_lookup(typed_by.get(), &text).err())
            .flatten()
    });
    view! {
        <section class="panel">
            <h1>"备案信息公共查询"</h1>
            <p class="hint">"无需登录。仅显示已审核通过且未注销的网站、APP、小程序和快应用的公开信息，不含证件号码、电话和电子邮箱。"</p>
            <Form method="GET" action="" attr:class="filters">
                <label>"查询方式"
                    <select name="by" on:change=move |ev| typed_by.set(LookupBy::from_code(&event_target_value(&ev)))>
                        {LookupBy::ALL.into_iter().map(|k| view! {
                            <option value=k.code() selected=k == by>{k.label_zh()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"查询内容"
                    <input type="search" name="q" id="lookup-q" value=text required
                        on:input=move |ev| typed.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="button button-primary">"查询"</button>
            </Form>
            <FieldMessage id="lookup-q-error".to_owned() error=typed_error/>
            <Suspense fallback=|| view! { <p class="loading">"查询中…"</p> }>
                {move || Suspend::new(async move {
                    match found.await {
                        None => ().into_any(),
                        Some(Err(error)) => {
                            let field = error.field_errors().first().cloned();
                            view! {
                                <FieldMessage id="lookup-error".to_owned() error=Signal::derive(move || field.clone())/>
                                <FormAlert error=Signal::derive(move || Some(error.clone()).filter(|e| e.field_errors().is_empty()))/>
                            }.into_any()
                        }
                        Some(Ok(rows)) if rows.is_empty() => view! {
                            <p class="empty" id="lookup-empty">"未查询到备案信息：该网站未备案、备案已注销，或查询内容有误。"</p>
                        }.into_any(),
                        Some(Ok(rows)) => view! { <Results rows/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Results(rows: Vec<PublicRecord>) -> impl IntoView {
    view! {
        <div class="table-wrap">
        <table class="data lookup-results">
            <thead><tr>
                <th>"主办单位名称"</th><th>"单位性质"</th><th>"主体备案号"</th><th>"服务备案号"</th>
                <th>"服务类型"</th><th>"服务名称"</th><th>"网站域名或包名"</th><th>"首页网址"</th><th>"前置审批项"</th>
                <th>"负责人"</th><th>"审核通过日期"</th><th>"是否限制接入"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <td>{r.unit_name}</td>
                        <td>{r.nature}</td>
                        <td class="icp-number">{r.subject_number}</td>
                        <td class="icp-number">{r.site_number}</td>
                        <td class="service-kind">{r.kind.label(false)}</td>
                        <td>{r.site_name}</td>
                        <td>{if r.kind == ServiceKind::Website { r.domains.join("、") } else { r.app_ids.join("、") }}</td>
                        <td>{r.home_url}</td>
                        <td>{if r.pre_approvals.is_empty() { "无".to_owned() } else { r.pre_approvals.join("、") }}</td>
                        <td>{r.leader_name}</td>
                        <td>{r.approved_on}</td>
                        <td>{if r.limit_access { "是" } else { "否" }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
