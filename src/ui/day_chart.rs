//! Approvals and returns per day as inline SVG columns (no scripts, no
//! images): two thin bars per day, each day titled with its figures.

use leptos::prelude::*;

use crate::domain::dashboard::DayCount;
use crate::ui::i18n::{lang, tr};

const COLUMN: u32 = 14;
const HEIGHT: u32 = 120;
const AXIS: u32 = 18;
const LEFT: u32 = 28;

/// Draws `days` (oldest first) with `title` as the chart's accessible name.
#[component]
pub fn DayChart(title: String, days: Vec<DayCount>) -> impl IntoView {
    let max = days
        .iter()
        .map(|d| d.approved.max(d.returned))
        .max()
        .unwrap_or(0)
        .max(1);
    // Room on the right for the last date label.
    let width = LEFT + COLUMN * days.len() as u32 + 24;
    let total = HEIGHT + AXIS;
    let bar = move |n: u64| ((HEIGHT - 4) as u64 * n / max) as u32;
    view! {
        <figure class="chart">
            <figcaption>
                {title.clone()}
                <span class="legend"><i class="key chart-bar"></i>{tr("审核通过", "Approved")}<i class="key chart-bar-alt"></i>{tr("退回", "Returned")}</span>
            </figcaption>
            <svg role="img" aria-label=title width=width height=total viewBox=format!("0 0 {width} {total}")>
                <text x="0" y="12" class="chart-value">{max}</text>
                <line x1=LEFT y1=HEIGHT x2=width y2=HEIGHT class="chart-axis"/>
                {days.into_iter().enumerate().map(|(i, day)| {
                    let x = LEFT + COLUMN * i as u32;
                    let (a, r) = (bar(day.approved), bar(day.returned));
                    let label = format!("{:02}-{:02}", day.day.month, day.day.day);
                    let tip = lang().pick(format!("{label}：审核通过 {}，退回 {}", day.approved, day.returned), format!("{label}: {} approved, {} returned", day.approved, day.returned));
                    view! {
                        <g>
                            <title>{tip}</title>
                            <rect x=x + 1 y=HEIGHT - a width="5" height=a class="chart-bar"/>
                            <rect x=x + 7 y=HEIGHT - r width="5" height=r class="chart-bar-alt"/>
                            {(i % 7 == 0).then(|| view! {
                                <text x=x y=total - 4 class="chart-label">{label}</text>
                            })}
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}
