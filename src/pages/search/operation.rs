//! `/history/:id` (历史记录查询's 详细): one operation in full: who did
//! it and in which role, when, from which state to which, the reasons it
//! recorded (each at its field), and the field diff against the version
//! before it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::history::{load_operation, OperationDetail};
use crate::domain::review::pinnable_fields;
use crate::pages::search::records::SEARCHING_ROLES;
use crate::ui::alert::LoadFailure;
use crate::ui::change_table::ChangeTable;
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn OperationPage() -> impl IntoView {
    view! { <RoleGate roles=SEARCHING_ROLES page=|_| operation_page()/> }
}

fn operation_page() -> AnyView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let detail = Resource::new(id, load_operation);
    view! {
        <section class="panel">
            <p><A href="/history">{tr("← 返回历史记录查询", "← Back to the history search")}</A></p>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(found) => view! { <Operation found/> }.into_any(),
                        Err(error) => view! { <LoadFailure error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Operation(found: OperationDetail) -> impl IntoView {
    let op = found.operation;
    let labels = pinnable_fields(&found.filing, lang());
    let place = move |path: &str| {
        if path.is_empty() {
            return tr("整体", "Whole application").to_owned();
        }
        labels
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.label.clone())
            .unwrap_or_else(|| path.to_owned())
    };
    let states = if op.state_from.is_empty() {
        op.state_to.clone()
    } else {
        format!("{} → {}", op.state_from, op.state_to)
    };
    view! {
        <h1>{lang().pick(format!("操作详细：{}", op.action), format!("Operation: {}", op.action))}</h1>
        <dl class="operation" id="operation">
            <dt>{tr("时间", "Time")}</dt><dd>{lang().date_time(&op.at)}</dd>
            <dt>{tr("操作人", "By")}</dt><dd>{op.actor}</dd>
            <dt>{tr("角色", "Role")}</dt><dd>{op.role}</dd>
            <dt>{tr("申请", "Application")}</dt>
            <dd><A href=format!("/review/{}", op.application_id)>{format!("#{}", op.application_id)}</A>" "{op.subject_name}</dd>
            <dt>{tr("状态变化", "State change")}</dt><dd id="operation-states">{states}</dd>
            <dt>{tr("原因说明", "Explanation")}</dt><dd>{if op.reason.is_empty() { "—".to_owned() } else { op.reason }}</dd>
        </dl>
        {(!found.reasons.is_empty()).then(|| view! {
            <h2>{tr("未通过原因", "Reasons for return")}</h2>
            <ul id="operation-reasons">
                {found.reasons.iter().map(|r| {
                    let rule = if r.rule.is_empty() { String::new() } else { format!("[{}] ", r.rule) };
                    view! { <li>{rule}{place(&r.field)}{tr("：", ": ")}{r.text.clone()}</li> }
                }).collect_view()}
            </ul>
        })}
        <h2>{tr("字段变更", "Field changes")}</h2>
        <div id="operation-changes">
            {match found.changes {
                Some(changes) => view! {
                    <ChangeTable changes filing=found.filing before=tr("修改前", "Before") after=tr("修改后", "After")/>
                }.into_any(),
                None if found.first_version => view! {
                    <p class="hint">{tr("首次提交，没有可对比的早先版本。", "First submission: there is no earlier version to compare.")}</p>
                }.into_any(),
                None => view! { <p class="hint">{tr("此操作未修改备案信息。", "This operation changed no filing details.")}</p> }.into_any(),
            }}
        </div>
    }
}
