//! What changed, field by field: the filer sees their own fix before
//! resubmitting, the reviewer sees it on the resubmission, and 历史记录查询
//! shows what each operation changed.

use leptos::prelude::*;

use crate::domain::filing::Filing;
use crate::domain::review::{pinnable_fields, Change};
use crate::ui::i18n::{lang, tr};

/// The changes with each field's label (the path when it has none), or a
/// line saying nothing changed. The column heads default to a return's
/// (退回时 / 现在).
#[component]
pub fn ChangeTable(
    changes: Vec<Change>,
    filing: Filing,
    #[prop(default = tr("退回时", "When returned"))] before: &'static str,
    #[prop(default = tr("现在", "Now"))] after: &'static str,
) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="hint">{tr("尚未修改任何内容。", "Nothing changed yet.")}</p> }
            .into_any();
    }
    let labels = pinnable_fields(&filing, lang());
    let label_of = move |path: &str| {
        labels
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.label.clone())
            .unwrap_or_else(|| path.to_owned())
    };
    view! {
        <table class="data changes">
            <thead><tr><th>{tr("字段", "Field")}</th><th>{before}</th><th>{after}</th></tr></thead>
            <tbody>
                {changes.into_iter().map(|c| view! {
                    <tr><td>{label_of(&c.path)}</td><td><del>{c.before}</del></td><td><ins>{c.after}</ins></td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
