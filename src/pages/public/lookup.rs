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
use crate::ui::i18n::{lang, tr};

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
            <h1>{tr("备案信息公共查询", "Public filing lookup")}</h1>
            <p class="hint">{tr("无需登录。仅显示已审核通过且未注销的网站、APP、小程序和快应用的公开信息，不含证件号码、电话和电子邮箱。", "No login needed. Shows only the public details of approved, uncancelled websites, apps, mini-programs and quick apps: no certificate numbers, phones or e-mail addresses.")}</p>
            <Form method="GET" action="" attr:class="filters">
                <label>{tr("查询方式", "Look up by")}
                    <select name="by" on:change=move |ev| typed_by.set(LookupBy::from_code(&event_target_value(&ev)))>
                        {LookupBy::ALL.into_iter().map(|k| view! {
                            <option value=k.code() selected=k == by>{k.label(lang())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{tr("查询内容", "Search for")}
                    <input type="search" name="q" id="lookup-q" value=text required
                        on:input=move |ev| typed.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="button button-primary">{tr("查询", "Look up")}</button>
            </Form>
            <FieldMessage id="lookup-q-error".to_owned() error=typed_error/>
            <Suspense fallback=|| view! { <p class="loading">{tr("查询中…", "Looking up…")}</p> }>
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
                            <p class="empty" id="lookup-empty">{tr("未查询到备案信息：该网站未备案、备案已注销，或查询内容有误。", "No filing found: the site is not filed, its filing was cancelled, or the search is mistyped.")}</p>
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
                <th>{tr("主办单位名称", "Sponsor name")}</th><th>{tr("单位性质", "Nature")}</th><th>{tr("主体备案号", "Subject filing number")}</th><th>{tr("服务备案号", "Service filing number")}</th>
                <th>{tr("服务类型", "Service kind")}</th><th>{tr("服务名称", "Service name")}</th><th>{tr("网站域名或包名", "Domains or packages")}</th><th>{tr("首页网址", "Home page URL")}</th><th>{tr("前置审批项", "Pre-approvals")}</th>
                <th>{tr("负责人", "Principal")}</th><th>{tr("审核通过日期", "Approved on")}</th><th>{tr("是否限制接入", "Access restricted")}</th><th>{tr("公网安备号", "Public-security number")}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <td>{r.unit_name}</td>
                        <td>{r.nature}</td>
                        <td class="icp-number">{r.subject_number}</td>
                        <td class="icp-number">{r.site_number}</td>
                        <td class="service-kind">{r.kind.label(lang())}</td>
                        <td>{r.site_name}</td>
                        <td>{if r.kind == ServiceKind::Website { r.domains.join(tr("、", ", ")) } else { r.app_ids.join(tr("、", ", ")) }}</td>
                        <td>{r.home_url}</td>
                        <td>{if r.pre_approvals.is_empty() { tr("无", "None").to_owned() } else { r.pre_approvals.join(tr("、", ", ")) }}</td>
                        <td>{r.leader_name}</td>
                        <td>{lang().date_time(&r.approved_on)}</td>
                        <td>{if r.limit_access { tr("是", "Yes") } else { tr("否", "No") }}</td>
                        <td class="psb-number">{r.psb_number.unwrap_or_else(|| "—".to_owned())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
