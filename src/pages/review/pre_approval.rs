//! The 前置审批 items of an application on its review page: what each
//! item's decision is, and, for an authority while the application is
//! 前置审批中, a form to approve each of its own items (审批文号, 审批日期)
//! or refuse it with its reason. The shared rules check each choice before
//! it is sent; the server checks again.

use leptos::prelude::*;

use crate::api::review::{decide_items, PreApprovalItem};
use crate::domain::catalog::{label, pre_approval_types};
use crate::domain::field_error::FieldError;
use crate::domain::pre_approval::ItemDecision;
use crate::error::AppError;
use crate::ui::alert::FormAlert;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr};
use crate::ui::wizard_fields::today;

/// What the authority has chosen for one item so far.
#[derive(Debug, Clone, Default, PartialEq)]
struct Choice {
    /// `None` until 通过 or 不通过 is picked: the item is not sent.
    approved: Option<bool>,
    approval_no: String,
    approved_on: String,
    reason: String,
}

impl Choice {
    fn decision(&self, item: &PreApprovalItem) -> Option<ItemDecision> {
        let approved = self.approved?;
        Some(ItemDecision {
            site: item.site,
            item: item.item,
            approved,
            approval_no: self.approval_no.clone(),
            approved_on: self.approved_on.clone(),
            reason: self.reason.clone(),
        })
    }
}

/// The items table, with the decision form for the caller's own items
/// when `decides` holds. `reload` shows the application afresh afterwards.
#[component]
pub fn PreApprovalItems(
    id: i32,
    version: i32,
    items: Vec<PreApprovalItem>,
    decides: bool,
    filing: crate::domain::filing::Filing,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let choices = RwSignal::new(
        items
            .iter()
            .map(|item| match &item.decision {
                Some(d) => Choice {
                    approved: Some(d.approved),
                    approval_no: d.approval_no.clone(),
                    approved_on: d.approved_on.clone(),
                    reason: d.reason.clone(),
                },
                None => Choice {
                    approval_no: item.filed_no.clone(),
                    approved_on: today().to_string(),
                    ..Default::default()
                },
            })
            .collect::<Vec<_>>(),
    );
    // Field errors keyed by row: `items[row].approval_no` and so on.
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let confirming = RwSignal::new(false);
    let chosen = {
        let items = items.clone();
        move || -> Vec<(usize, ItemDecision)> {
            choices.with(|c| {
                items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| item.mine)
                    .filter_map(|(row, item)| c[row].decision(item).map(|d| (row, d)))
                    .collect()
            })
        }
    };
    let send = Action::new(move |sent: &Vec<(usize, ItemDecision)>| {
        let sent = sent.clone();
        async move {
            let decisions = sent.iter().map(|(_, d)| d.clone()).collect();
            decide_items(id, version, decisions)
                .await
                .map_err(|error| (sent.iter().map(|(row, _)| *row).collect::<Vec<_>>(), error))
        }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(_)) => reload.update(|n| *n += 1),
        // The server names items by their place in what was sent.
        Some(Err((rows, AppError::Validation(found)))) => errors.set(
            found
                .into_iter()
                .map(|mut e| {
                    e.field = renumber(&e.field, &rows);
                    e
                })
                .collect(),
        ),
        _ => {}
    });
    // What the shared rules find in the choices: nothing chosen, or each
    // chosen item's own errors.
    let findings = {
        let chosen = chosen.clone();
        move || -> Vec<FieldError> {
            let picked = chosen();
            if picked.is_empty() {
                return vec![FieldError::new(
                    "items",
                    "PA_NOTHING_DECIDED",
                    "请至少对一项选择“通过”或“不通过”",
                    "Choose approve or refuse for at least one item",
                )];
            }
            picked
                .iter()
                .flat_map(|(row, d)| d.validate(&filing, today(), &format!("items[{row}]")))
                .collect()
        }
    };
    // Once the user tried to submit, the errors follow each change, so a
    // fixed field loses its message as it is fixed.
    let attempted = RwSignal::new(false);
    Effect::new({
        let findings = findings.clone();
        move |_| {
            choices.track();
            if attempted.get_untracked() {
                let found = findings();
                if !found.is_empty() {
                    confirming.set(false);
                }
                errors.set(found);
            }
        }
    });
    let check = move |_| {
        attempted.set(true);
        let found = findings();
        confirming.set(found.is_empty());
        errors.set(found);
    };
    let error_at = move |field: String| {
        Signal::derive(move || errors.with(|e| e.iter().find(|e| e.field == field).cloned()))
    };
    view! {
        <section class="sub-card" id="pre-approval-items">
            <h2>{tr("前置审批事项", "Pre-approval items")}</h2>
            {decides.then(|| view! {
                <p class="hint">{tr("逐项决定本部门负责的事项：通过须填写审批文号和审批日期，不通过须填写原因。全部事项决定后，申请转管局审核，或退回接入服务提供者修改。", "Decide each item of your types: an approval needs its number and date, a refusal its reason. Once every item is decided, the application goes to the bureau or back to the provider.")}</p>
            })}
            <table class="data">
                <thead><tr>
                    <th>{tr("网站", "Site")}</th>
                    <th>{tr("类型", "Type")}</th>
                    <th>{tr("申报的审批文号", "Number as filed")}</th>
                    <th>{tr("决定", "Decision")}</th>
                </tr></thead>
                <tbody>
                    {items.iter().enumerate().map(|(row, item)| {
                        let kind = item.kind.clone();
                        let kind_label = move || label(pre_approval_types(), &kind, lang());
                        let decision = if decides && item.mine {
                            view! { <ItemForm row choices error_at/> }.into_any()
                        } else {
                            decision_text(item.decision.clone()).into_any()
                        };
                        view! {
                            <tr id=format!("pre-approval-{row}")>
                                <td>{item.site_name.clone()}</td>
                                <td>{kind_label}</td>
                                <td>{item.filed_no.clone()}</td>
                                <td class="pre-approval-decision">{decision}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {decides.then(|| view! {
                <FieldMessage id="items-error".into() error=error_at("items".into())/>
                <div class="actions">
                    <button type="button" class="button button-primary" id="decide-items"
                        disabled=move || send.pending().get() on:click=check>
                        {tr("提交逐项决定", "Submit item decisions")}
                    </button>
                </div>
                {move || confirming.get().then(|| view! {
                    <div class="confirm" role="alertdialog" aria-label=tr("确认操作", "Confirm")>
                        <p>{tr("确认提交所选事项的决定？全部事项决定后申请即转出，不可撤回。", "Submit the decisions chosen? Once every item is decided the application moves on; this cannot be undone.")}</p>
                        <button type="button" class="button button-primary" id="confirm-items"
                            disabled=move || send.pending().get()
                            on:click={
                                let chosen = chosen.clone();
                                move |_| { send.dispatch(chosen()); }
                            }>{tr("确认", "Confirm")}</button>
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>
                            {tr("取消", "Cancel")}
                        </button>
                    </div>
                })}
                <FormAlert error=Signal::derive(move || match send.value().get() {
                    Some(Err((_, AppError::Validation(_)))) | Some(Ok(_)) | None => None,
                    Some(Err((_, error))) => Some(error),
                })/>
            })}
        </section>
    }
}

/// `items[k]…` of the k-th item sent, as `items[row]…` of its table row.
fn renumber(field: &str, rows: &[usize]) -> String {
    let Some(rest) = field.strip_prefix("items[") else {
        return field.to_owned();
    };
    let Some((k, tail)) = rest.split_once(']') else {
        return field.to_owned();
    };
    match k.parse::<usize>().ok().and_then(|k| rows.get(k)) {
        Some(row) => format!("items[{row}]{tail}"),
        None => field.to_owned(),
    }
}

/// A recorded decision as text, or that it is still awaited.
fn decision_text(decision: Option<ItemDecision>) -> impl IntoView {
    match decision {
        None => view! { <span class="hint">{tr("待决定", "Awaiting decision")}</span> }.into_any(),
        Some(d) if d.approved => view! {
            <span class="badge state-approved">{tr("通过", "Approved")}</span>" "
            {d.approval_no}" · "{lang().date_time(&d.approved_on)}
        }
        .into_any(),
        Some(d) => view! {
            <span class="badge state-returned_to_isp">{tr("不通过", "Refused")}</span>" "{d.reason}
        }
        .into_any(),
    }
}

/// The inputs of one of the authority's items.
#[component]
fn ItemForm(
    row: usize,
    choices: RwSignal<Vec<Choice>>,
    error_at: impl Fn(String) -> Signal<Option<FieldError>> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let approved = move || choices.with(|c| c[row].approved);
    let set = move |change: fn(&mut Choice, String), value: String| {
        choices.update(|c| change(&mut c[row], value))
    };
    let at = format!("items[{row}]");
    view! {
        <div class="item-decision">
            <label><input type="radio" name=format!("item-{row}") id=format!("item-approve-{row}")
                checked=move || approved() == Some(true)
                on:change=move |_| choices.update(|c| c[row].approved = Some(true))/>
                {tr("通过", "Approve")}</label>" "
            <label><input type="radio" name=format!("item-{row}") id=format!("item-refuse-{row}")
                checked=move || approved() == Some(false)
                on:change=move |_| choices.update(|c| c[row].approved = Some(false))/>
                {tr("不通过", "Refuse")}</label>
            <div hidden=move || approved() != Some(true)>
                <label>{tr("审批文号", "Approval number")}
                    <input type="text" id=format!("item-no-{row}")
                        prop:value=move || choices.with(|c| c[row].approval_no.clone())
                        on:input=move |ev| set(|c, v| c.approval_no = v, event_target_value(&ev))/>
                </label>
                <FieldMessage id=format!("item-no-{row}-error") error=error_at(format!("{at}.approval_no"))/>
                <label>{tr("审批日期", "Approval date")}
                    <input type="date" id=format!("item-date-{row}")
                        prop:value=move || choices.with(|c| c[row].approved_on.clone())
                        on:input=move |ev| set(|c, v| c.approved_on = v, event_target_value(&ev))/>
                </label>
                <FieldMessage id=format!("item-date-{row}-error") error=error_at(format!("{at}.approved_on"))/>
            </div>
            <div hidden=move || approved() != Some(false)>
                <label>{tr("不通过原因", "Reason")}
                    <textarea id=format!("item-reason-{row}")
                        prop:value=move || choices.with(|c| c[row].reason.clone())
                        on:input=move |ev| set(|c, v| c.reason = v, event_target_value(&ev))></textarea>
                </label>
                <FieldMessage id=format!("item-reason-{row}-error") error=error_at(format!("{at}.reason"))/>
            </div>
            <FieldMessage id=format!("item-{row}-error") error=error_at(at.clone())/>
        </div>
    }
}
