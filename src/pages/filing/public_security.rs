//! `/public-security`, 公安联网备案: each live website the caller may read,
//! with its 公网安备 number or the days left to record one (30 after
//! approval). Filers and the serving staff record it in the row's form, a
//! plain form first; the 管局 and the admin read.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::SessionUser;
use crate::api::public_security::{list_public_security, PsbList, PsbRow, RecordPublicSecurity};
use crate::domain::public_security::DEADLINE_DAYS;
use crate::pages::search::records::SEARCHING_ROLES;
use crate::ui::alert::FormAlert;
use crate::ui::field::{action_error, field_errors};
use crate::ui::i18n::{lang, tr};
use crate::ui::number_filter::{number_in_query, NumberFilter};
use crate::ui::pager::{page_from_query, Pager};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn PublicSecurityPage() -> impl IntoView {
    view! { <RoleGate roles=SEARCHING_ROLES page=public_security_page/> }
}

fn public_security_page(_user: SessionUser) -> AnyView {
    let query = use_query_map();
    let record = ServerAction::<RecordPublicSecurity>::new();
    let number = number_in_query();
    let list = Resource::new(
        move || {
            (
                number.get(),
                query.with(|q| page_from_query(q.get("page"))),
                record.version().get(),
            )
        },
        |(number, page, _)| list_public_security(number, page),
    );
    let errors = field_errors(record.value());
    let error = action_error(record.value());
    let saved = move || record.value().get().and_then(Result::ok);
    view! {
        <section class="panel">
            <h1>{tr("公安联网备案", "Public-security filing")}</h1>
            <p class="hint">{move || lang().pick(
                format!("网站审核通过后 {DEADLINE_DAYS} 日内须在全国互联网安全管理服务平台办理公安联网备案，取得公网安备号后在此填写；到期前 7 天和 1 天会提醒。公网安备号在备案公共查询中展示。"),
                format!("Within {DEADLINE_DAYS} days of approval a website is filed on the national public-security platform; record the number it issues here. You are reminded 7 days and 1 day before. The number is shown in the public lookup."),
            )}</p>
            <NumberFilter number/>
            <FormAlert error/>
            {move || errors.with(|e| e.first().map(|e| view! {
                <p class="alert alert-error" role="alert" id="psb-error">{e.message(lang()).to_owned()}</p>
            }))}
            {move || saved().map(|number| view! {
                <p class="alert alert-success" role="status" id="psb-saved">{move || lang().pick(format!("已保存公网安备号 {number}。"), format!("Saved {number}."))}</p>
            })}
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(found) => view! { <Websites found record/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Websites(found: PsbList, record: ServerAction<RecordPublicSecurity>) -> impl IntoView {
    let PsbList {
        rows,
        page,
        pages,
        total,
        may_record,
    } = found;
    if rows.is_empty() {
        return view! { <p class="empty">{tr("没有符合条件的已备案网站。", "No filed websites match.")}</p> }
            .into_any();
    }
    view! {
        <p class="muted">{move || lang().pick(format!("共 {total} 个网站"), format!("{total} websites"))}</p>
        <div class="table-scroll">
            <table class="data" id="public-security">
                <thead><tr>
                    <th>{tr("网站备案号", "Site number")}</th>
                    <th>{tr("网站名称", "Site name")}</th>
                    <th>{tr("域名", "Domain")}</th>
                    <th>{tr("审核通过日期", "Approved on")}</th>
                    <th>{tr("办理期限", "Due by")}</th>
                    <th>{tr("公网安备号", "Public-security number")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <Website row may_record record/> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager base="/public-security" page pages keep=&["number"]/>
    }
    .into_any()
}

#[component]
fn Website(
    row: PsbRow,
    may_record: bool,
    record: ServerAction<RecordPublicSecurity>,
) -> impl IntoView {
    let left = row.days_left;
    let owing = row.psb_number.is_none();
    let input_id = format!("psb-{}", row.site_number);
    let label = lang().pick(
        format!("{} 的公网安备号", row.site_number),
        format!("Public-security number of {}", row.site_number),
    );
    view! {
        <tr class:overdue=owing && left < 0>
            <td class="icp-number">{row.site_number.clone()}</td>
            <td>{row.site_name.clone()}</td>
            <td>{row.domain.clone()}</td>
            <td>{lang().date_time(&row.approved_on)}</td>
            <td>
                {lang().date_time(&row.due_on)}
                {owing.then(|| view! {
                    <span class="muted">" "{move || if left >= 0 {
                        lang().pick(format!("（还剩 {left} 天）"), format!("({left} days left)"))
                    } else {
                        lang().pick("（已逾期）".to_owned(), "(overdue)".to_owned())
                    }}</span>
                })}
            </td>
            <td>
                {row.psb_number.clone().map(|n| view! { <span class="psb-number">{n}</span> })}
                {may_record.then(|| view! {
                    <ActionForm action=record attr:class="inline-form">
                        <input type="hidden" name="site_number" value=row.site_number.clone()/>
                        <input type="text" id=input_id.clone() name="psb_number" required aria-label=label.clone()
                            placeholder=tr("如 川公网安备51010402000123号", "As the bureau issued it")
                            value=row.psb_number.clone().unwrap_or_default()/>
                        <button type="submit" class="button button-small">{if owing { tr("填写", "Record") } else { tr("修改", "Change") }}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
