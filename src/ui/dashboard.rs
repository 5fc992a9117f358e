//! The dashboard on the homes of provider staff and 管局 reviewers: open
//! applications by state, how long the role's own queue has waited against
//! its working-day limit, and approvals and returns lately. It refreshes
//! when an application changes.

use leptos::prelude::*;

use crate::api::dashboard::load_dashboard;
use crate::domain::dashboard::{Dashboard, DAYS};
use crate::ui::alert::FormAlert;
use crate::ui::bar_chart::BarChart;
use crate::ui::day_chart::DayChart;
use crate::ui::i18n::{lang, tr};
use crate::ui::live::refresh_on_changes;

/// The signed-in staff member's or reviewer's dashboard.
#[component]
pub fn DashboardPanel() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    refresh_on_changes(refresh);
    let board = Resource::new(move || refresh.get(), |_| load_dashboard());
    view! {
        <section class="panel dashboard" aria-labelledby="dashboard-title">
            <h2 id="dashboard-title">{tr("工作概览", "At a glance")}</h2>
            <Transition fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(board) => view! { <Figures board/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Figures(board: Dashboard) -> impl IntoView {
    let open: u64 = board.backlog.iter().map(|(_, n)| n).sum();
    let waiting: u64 = board.ages.iter().map(|(_, n)| n).sum();
    let limit = board.limit_days;
    let overdue_class = if board.overdue > 0 { "overdue" } else { "" };
    view! {
        <dl class="figures">
            <div><dt>{tr("在办申请", "Open")}</dt><dd id="figure-open">{open}</dd></div>
            <div><dt>{tr("待我处理", "In my queue")}</dt><dd id="figure-waiting">{waiting}</dd></div>
            <div class=overdue_class>
                <dt>{lang().pick(format!("超过 {limit} 个工作日"), format!("Over {limit} working days"))}</dt>
                <dd id="figure-overdue">{board.overdue}</dd>
            </div>
            <div><dt>{tr("本月审核通过", "Approved this month")}</dt><dd id="figure-approved">{board.month_approved}</dd></div>
            <div><dt>{tr("本月退回", "Returned this month")}</dt><dd id="figure-returned">{board.month_returned}</dd></div>
        </dl>
        <div class="charts">
            {if board.backlog.is_empty() {
                view! { <p class="empty">{tr("暂无在办申请。", "Nothing is open.")}</p> }.into_any()
            } else {
                let bars = board.backlog.iter().map(|(state, n)| (state.label(lang()).to_owned(), *n)).collect();
                view! { <BarChart title=tr("在办申请（按状态）", "Open applications by state").into() bars/> }.into_any()
            }}
            <BarChart title=lang().pick(format!("待我处理：已等待工作日（时限 {limit} 个工作日）"), format!("Waiting for me: working days waited (limit {limit})")) bars=board.ages.clone()/>
            <DayChart title=lang().pick(format!("近 {DAYS} 天审核通过与退回"), format!("Approved and returned in the last {DAYS} days")) days=board.daily.clone()/>
        </div>
    }
}
