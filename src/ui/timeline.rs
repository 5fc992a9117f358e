//! An application's timeline (操作记录): who did what, when, with the
//! resulting state and any reason.

use leptos::prelude::*;

use crate::api::review::TimelineRow;
use crate::domain::role::Role;
use crate::ui::i18n::{lang, Lang};

/// Who acted, by role.
pub fn actor_label(role: &str, lang: Lang) -> &'static str {
    match Role::from_code(role) {
        Some(r) => r.label(lang),
        None => lang.pick("部系统", "Ministry system"),
    }
}

/// The rows, oldest first.
#[component]
pub fn Timeline(rows: Vec<TimelineRow>) -> impl IntoView {
    view! {
        <ol class="timeline" id="history">
            {rows.into_iter().map(|row| {
                let state = row.state_to;
                let action = row.action;
                let role = row.actor_role.clone();
                let reason = row.reason.clone();
                view! {
                    <li>
                        <time>{lang().date_time(&row.at)}</time>
                        <span class="timeline-action">{action.label(lang())}</span>
                        <span class="timeline-actor">{actor_label(&role, lang())}</span>
                        <span class=format!("badge state-{}", state.code().to_lowercase())>
                            {state.label(lang())}
                        </span>
                        {(!reason.is_empty()).then(|| view! { <p class="timeline-reason">{reason}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
