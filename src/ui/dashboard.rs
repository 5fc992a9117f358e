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
use crate::ui::live::refresh_on_changes;
use crate::ui::wizard_fields::L;

/// The signed-in staff member's or reviewer's dashboard.
#[component]
pub fn DashboardPanel() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    refresh_on_changes(refresh);
    let board = Resource::new(move || refresh.get(), |_| load_dashboard());
    view! {
        <section class="panel dashboard" aria-labelledby="dashboard-title">
            <h2 id="dashboard-title"><L zh="工作概览" en="At a glance"/></h2>
            <Transition fallback=|| view! { <p class="loading">"加载中…"</p> }>
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
            <div><dt><L zh="在办申请" en="Open"/></dt><dd id="figure-open">{open}</dd></div>
            <div><dt><L zh="待我处理" en="In my queue"/></dt><dd id="figure-waiting">{waiting}</dd></div>
            <div class=overdue_class>
                <dt>{format!("超过 {limit} 个工作日")}</dt>
                <dd id="figure-overdue">{board.overdue}</dd>
            </div>
            <div><dt><L zh="本月审核通过" en="Approved this month"/></dt><dd id="figure-approved">{board.month_approved}</dd></div>
            <div><dt><L zh="本月退回" en="Returned this month"/></dt><dd id="figure-returned">{board.month_returned}</dd></div>
        </dl>
        <div class="charts">
            {if board.backlog.is_empty() {
                view! { <p class="empty"><L zh="暂无在办申请。" en="Nothing is open."/></p> }.into_any()
            } else {
                let bars = board.backlog.iter().map(|(state, n)| (state.label_zh().to_owned(), *n)).collect();
                view! { <BarChart title="在办申请（按状态）".into() bars/> }.into_any()
            }}
            <BarChart title=format!("待我处理：已等待工作日（时限 {limit} 个工作日）") bars=board.ages.clone()/>
            <DayChart title=format!("近 {DAYS} 天审核通过与退回") days=board.daily.clone()/>
        </div>
    }
}
