//! What changed since a return, field by field: the filer sees their own
//! fix before resubmitting, and the reviewer sees it on the resubmission.

use leptos::prelude::*;

use crate::domain::filing::Filing;
use crate::domain::review::{pinnable_fields, Change};
use crate::ui::wizard_fields::L;

/// The changes with each field's label (the path when it has none), or a
/// line saying nothing changed.
#[component]
pub fn ChangeTable(changes: Vec<Change>, filing: Filing) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="hint"><L zh="尚未修改任何内容。" en="Nothing changed yet."/></p> }
            .into_any();
    }
    let labels = pinnable_fields(&filing);
    let label_of = move |path: &str| {
        labels
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.label_zh.clone())
            .unwrap_or_else(|| path.to_owned())
    };
    view! {
        <table class="data changes">
            <thead><tr><th>"字段"</th><th>"退回时"</th><th>"现在"</th></tr></thead>
            <tbody>
                {changes.into_iter().map(|c| view! {
                    <tr><td>{label_of(&c.path)}</td><td><del>{c.before}</del></td><td><ins>{c.after}</ins></td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
