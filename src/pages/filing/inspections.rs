//! `/inspections`, 网站核查: what the checks of live websites found, for the
//! filer who must fix it, the staff who serve the site (and end its access
//! once a finding is overdue), the province's 管局 and the admin. A check
//! can be run now by 网站备案号; every button is a plain form first.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::auth::SessionUser;
use crate::api::inspections::{list_inspections, CheckSite, InspectionList, InspectionRow};
use crate::domain::inspection::{
    check_site_number, TaskStatus, DEFAULT_DEADLINE_DAYS, MINISTRY_HOST,
};
use crate::pages::search::records::SEARCHING_ROLES;
use crate::ui::alert::FormAlert;
use crate::ui::field::{action_error, field_errors, TextField};
use crate::ui::i18n::{lang, tr};
use crate::ui::number_filter::{number_in_query, NumberFilter};
use crate::ui::pager::{page_from_query, Pager};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn InspectionsPage() -> impl IntoView {
    view! { <RoleGate roles=SEARCHING_ROLES page=inspections_page/> }
}

fn inspections_page(_user: SessionUser) -> AnyView {
    let query = use_query_map();
    let check = ServerAction::<CheckSite>::new();
    let number = number_in_query();
    let list = Resource::new(
        move || {
            (
                number.get(),
                query.with(|q| page_from_query(q.get("page"))),
                check.version().get(),
            )
        },
        |(number, page, _)| list_inspections(number, page),
    );
    view! {
        <section class="panel">
            <h1>{tr("网站核查", "Site checks")}</h1>
            <p class="hint">{move || lang().pick(
                format!("已备案网站的首页须能访问，并在底部展示备案号、链接至 {MINISTRY_HOST}。核查未通过的网站须在期限内（默认 {DEFAULT_DEADLINE_DAYS} 天）整改，整改后点“复查”；逾期未整改的，接入服务商可取消接入。"),
                format!("A filed website's home page must answer and show its ICP number at the bottom, linked to {MINISTRY_HOST}. A site that fails must be fixed by its deadline (by default {DEFAULT_DEADLINE_DAYS} days); press “Recheck” once it is. When a finding is overdue the provider may end the access."),
            )}</p>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(found) => view! { <Inspections found check number/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Inspections(
    found: InspectionList,
    check: ServerAction<CheckSite>,
    number: Memo<String>,
) -> impl IntoView {
    let InspectionList {
        rows,
        page,
        pages,
        total,
        may_check,
        ends_access,
    } = found;
    view! {
        {may_check.then(|| view! { <CheckForm check/> })}
        <h2>{tr("核查记录", "Findings")}</h2>
        <NumberFilter number/>
        {if rows.is_empty() {
            view! { <p class="empty">{tr("暂无核查记录：所有已核查的网站均符合要求。", "No findings: every site checked so far is right.")}</p> }.into_any()
        } else {
            view! {
                <p class="muted">{move || lang().pick(format!("共 {total} 条"), format!("{total} in all"))}</p>
                <div class="table-scroll">
                    <table class="data" id="inspections">
                        <thead><tr>
                            <th>{tr("网站备案号", "Site number")}</th>
                            <th>{tr("网站名称", "Site name")}</th>
                            <th>{tr("域名", "Domain")}</th>
                            <th>{tr("问题", "Finding")}</th>
                            <th>{tr("状态", "Status")}</th>
                            <th>{tr("整改期限", "Fix by")}</th>
                            <th>{tr("最近核查", "Last checked")}</th>
                            <th>{tr("操作", "Actions")}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|row| view! { <InspectionLine row may_check ends_access check/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <Pager base="/inspections" page pages keep=&["number"]/>
            }.into_any()
        }}
    }
}

#[component]
fn InspectionLine(
    row: InspectionRow,
    may_check: bool,
    ends_access: bool,
    check: ServerAction<CheckSite>,
) -> impl IntoView {
    let pending = row.status.is_pending();
    let end_access = (ends_access && row.status == TaskStatus::Overdue).then(|| {
        let number = &row.subject_number;
        format!("/cancel?number={number}&pick={number}#cancel-form")
    });
    let status = row.status;
    let finding = row.finding;
    let site_number = row.site_number.clone();
    view! {
        <tr class:overdue=status == TaskStatus::Overdue>
            <td class="icp-number">{row.site_number.clone()}</td>
            <td>{row.site_name.clone()}</td>
            <td>{row.domain.clone()}</td>
            <td>{move || finding.label(lang())}</td>
            <td>{move || status.label(lang())}</td>
            <td>{lang().date_time(&row.deadline)}</td>
            <td>{lang().date_time(&row.checked_at)}</td>
            <td class="actions">
                {(may_check && pending).then(|| view! {
                    <ActionForm action=check attr:class="inline-form">
                        <input type="hidden" name="site_number" value=site_number.clone()/>
                        <button type="submit" class="button button-small">{tr("复查", "Recheck")}</button>
                    </ActionForm>
                })}
                {end_access.map(|href| view! {
                    <A href=href attr:class="button button-small button-danger">{tr("取消接入", "End access")}</A>
                })}
            </td>
        </tr>
    }
}

/// 立即核查 by 网站备案号, with what it found.
#[component]
fn CheckForm(check: ServerAction<CheckSite>) -> impl IntoView {
    let errors = field_errors(check.value());
    let error = action_error(check.value());
    let verdict = move || {
        check.value().get().and_then(Result::ok).map(|result| match result.finding {
            None => view! {
                <p class="alert alert-success" role="status" id="check-verdict">{move || lang().pick(
                    format!("{} 核查通过：首页展示了备案号并链接至 {MINISTRY_HOST}。", result.site_number),
                    format!("{} passed: its home page shows the ICP number linked to {MINISTRY_HOST}.", result.site_number),
                )}</p>
            }.into_any(),
            Some(finding) => view! {
                <p class="alert alert-warning" role="status" id="check-verdict">{move || lang().pick(
                    format!("{} 核查未通过：{}。", result.site_number, finding.label(lang())),
                    format!("{} failed: {}.", result.site_number, finding.label(lang())),
                )}</p>
            }.into_any(),
        })
    };
    view! {
        <FormAlert error/>
        <ActionForm action=check attr:class="check-form" attr:novalidate=true>
            <TextField name="site_number" label=move || tr("网站备案号", "Site number")
                hint=move || tr("如 京ICP备12345678号-1", "e.g. 京ICP备12345678号-1") server_errors=errors
                check=Callback::new(|v: String| check_site_number(&v)) required=true/>
            <button type="submit" class="button" id="check-now">{tr("立即核查", "Check now")}</button>
        </ActionForm>
        <div aria-live="polite">{verdict}</div>
    }
}
