//! An application's timeline (操作记录): who did what, when, with the
//! resulting state and any reason.

use leptos::prelude::*;

use crate::api::review::TimelineRow;
use crate::domain::role::Role;
use crate::i18n::*;
use crate::ui::language::is_english;

/// Who acted, by role.
pub fn actor_label(role: &str, english: bool) -> &'static str {
    match Role::from_code(role) {
        Some(r) if english => r.label_en(),
        Some(r) => r.label_zh(),
        None if english => "Ministry system",
        None => "部系统",
    }
}

/// The rows, oldest first.
#[component]
pub fn Timeline(rows: Vec<TimelineRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="timeline" id="history">
            {rows.into_iter().map(|row| {
                let state = row.state_to;
                let action = row.action;
                let role = row.actor_role.clone();
                let reason = row.reason.clone();
                view! {
                    <li>
                        <time>{row.at.clone()}</time>
                        <span class="timeline-action">{move || if is_english(i18n) { action.label_en() } else { action.label_zh() }}</span>
                        <span class="timeline-actor">{move || actor_label(&role, is_english(i18n))}</span>
                        <span class=format!("badge state-{}", state.code().to_lowercase())>
                            {move || if is_english(i18n) { state.label_en() } else { state.label_zh() }}
                        </span>
                        {(!reason.is_empty()).then(|| view! { <p class="timeline-reason">{reason}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
