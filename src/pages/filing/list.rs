//! 我的备案 / 备案管理: the filings a filer owns or a provider handles.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::auth::SessionUser;
use crate::api::filing::{list_filings, start_filing};
use crate::domain::domain_name::to_unicode;
use crate::domain::role::Role;
use crate::ui::alert::FormAlert;
use crate::ui::i18n::{lang, tr};
use crate::ui::pager::{page_from_query, Pager};
use crate::ui::role_gate::RoleGate;

/// Roles that enter filings.
pub const FILING_ROLES: &[Role] = &[Role::Filer, Role::ProviderStaff, Role::ProviderAdmin];

#[component]
pub fn FilingListPage() -> impl IntoView {
    view! { <RoleGate roles=FILING_ROLES page=list/> }
}

fn list(user: SessionUser) -> AnyView {
    let query = use_query_map();
    let page = move || page_from_query(query.with(|q| q.get("page")));
    let filings = Resource::new(page, list_filings);
    let navigate = use_navigate();
    let start = Action::new(|_: &()| start_filing(None));
    Effect::new(move |_| {
        if let Some(Ok(id)) = start.value().get() {
            navigate(&format!("/filings/{id}?step=1"), Default::default());
        }
    });
    let start_error = Signal::derive(move || start.value().get().and_then(Result::err));
    let new_button = if user.role == Role::Filer {
        view! {
            <button type="button" class="button" on:click=move |_| { start.dispatch(()); }>
                {tr("新建备案", "New filing")}
            </button>
        }
        .into_any()
    } else {
        view! { <A href="/filings/new" attr:class="button">{tr("代为备案", "File for a customer")}</A> }.into_any()
    };
    view! {
        <section class="panel">
            <h1>{tr("备案信息录入", "Filings")}</h1>
            <p class="toolbar">{new_button}</p>
            <FormAlert error=start_error/>
            <Suspense fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match filings.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(page) if page.rows.is_empty() => view! {
                            <p class="empty">{tr("还没有备案。点击“新建备案”开始填写。", "No filings yet. Start one with the button above.")}</p>
                        }.into_any(),
                        Ok(page) => view! {
                            <table class="data">
                                <thead><tr>
                                    <th>"#"</th>
                                    <th>{tr("主办单位", "Subject")}</th>
                                    <th>{tr("域名", "Domains")}</th>
                                    <th>{tr("备案类型", "Type")}</th>
                                    <th>{tr("状态", "State")}</th>
                                    <th>{tr("更新时间", "Updated")}</th>
                                    <th>{tr("操作", "Action")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|row| {
                                        let state = row.state;
                                        let kind = row.kind;
                                        view! {
                                            <tr>
                                                <td>{row.id}</td>
                                                <td>{if row.subject_name.is_empty() { "—".to_owned() } else { row.subject_name.clone() }}</td>
                                                <td>{row.domains.iter().map(|d| to_unicode(d)).collect::<Vec<_>>().join(tr("、", ", "))}</td>
                                                <td>{kind.label(lang())}</td>
                                                <td><span class=format!("badge state-{}", state.code().to_lowercase())>
                                                    {state.label(lang())}
                                                </span></td>
                                                <td>{lang().date_time(&row.updated_at)}</td>
                                                <td><A href=format!("/filings/{}?step=1", row.id)>
                                                    {move || tr("查看/填写", "Open")}
                                                </A></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <Pager base="/filings" page=page.page pages=page.pages/>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}
