//! A small horizontal bar chart as inline SVG (no scripts, no images), for
//! counts such as a queue by state or by age.

use leptos::prelude::*;

/// One labelled count.
pub type Bar = (String, u64);

const ROW: u32 = 22;
const LABEL: u32 = 120;
const WIDTH: u32 = 360;

/// Draws `bars` with `title` as the chart's accessible name.
#[component]
pub fn BarChart(title: String, bars: Vec<Bar>) -> impl IntoView {
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() as u32 + 4;
    let span = WIDTH - LABEL - 40;
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg role="img" aria-label=title width=WIDTH height=height viewBox=format!("0 0 {WIDTH} {height}")>
                {bars.into_iter().enumerate().map(|(i, (label, n))| {
                    let y = ROW * i as u32 + 2;
                    let w = (span as u64 * n / max) as u32;
                    view! {
                        <g>
                            <text x="0" y=y + 15 class="chart-label">{label}</text>
                            <rect x=LABEL y=y + 3 width=w.max(1) height=ROW - 6 class="chart-bar"/>
                            <text x=LABEL + w + 6 y=y + 15 class="chart-value">{n}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}
