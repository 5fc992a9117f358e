//! A work list: `/work/verify` (待接入者核实), `/work/returned` (退回处理),
//! `/work/preapproval`, `/work/bureau` (管局审核), `/work/progress`
//! (备案进度查询) and `/work/revoke` (撤销申请). Filters live in the URL, so a list can be bookmarked and
//! works without JavaScript; with it, rows can be picked for a batch and
//! walked with the keyboard.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::WORK_ROLES;
use crate::api::auth::SessionUser;
use crate::api::review::{
    decide, decide_batch, queue, queue_stats, BatchResult, DecideForm, QueuePage, QueueQuery,
};
use crate::domain::catalog::pre_approval_types;
use crate::domain::field_error::FieldError;
use crate::domain::filing::Filing;
use crate::domain::queue::{Scope, Sort};
use crate::domain::region::PROVINCES;
use crate::domain::review::{validate_reasons, ReturnReason};
use crate::domain::workflow::{Action as ReviewAction, Phase, State};
use crate::error::AppError;
use crate::ui::alert::{row_error, FormAlert};
use crate::ui::bar_chart::BarChart;
use crate::ui::confirm_box::ConfirmBox;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr, Lang};
use crate::ui::live::refresh_on_changes;
use crate::ui::pager::percent_encoded;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn QueuePage() -> impl IntoView {
    view! { <RoleGate roles=WORK_ROLES page=queue_page/> }
}

/// The decisions a list offers for a batch.
fn batch_actions(scope: Scope) -> &'static [ReviewAction] {
    match scope {
        Scope::Verify => &[ReviewAction::Verify, ReviewAction::ReturnToSponsor],
        Scope::Bureau => &[ReviewAction::Approve, ReviewAction::ReturnToIsp],
        _ => &[],
    }
}

fn queue_page(_user: SessionUser) -> AnyView {
    let params = use_params_map();
    let query = use_query_map();
    let scope = Memo::new(move |_| {
        params.with(|p| {
            p.get("scope")
                .and_then(|s| Scope::from_code(&s))
                .unwrap_or(Scope::Progress)
        })
    });
    let request = Memo::new(move |_| {
        query.with(|q| QueueQuery {
            text: q.get("text").unwrap_or_default(),
            province: q.get("province").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            pre_approval: q.get("pre_approval").unwrap_or_default(),
            sort: match q.get("sort").as_deref() {
                Some("newest") => Sort::Newest,
                Some("subject") => Sort::Subject,
                _ => Sort::Oldest,
            },
            page: crate::ui::pager::page_from_query(q.get("page")),
        })
    });
    let refresh = RwSignal::new(0u32);
    refresh_on_changes(refresh);
    // Picked rows (id → the version shown) outlive a live refresh; a row
    // that changed meanwhile fails its batch with a conflict.
    let selected = RwSignal::new(BTreeMap::<i32, i32>::new());
    provide_context(RevokeAnswers(RwSignal::new(BTreeMap::new())));
    // A 撤销 posted without the script comes back here, its error if any
    // in the address.
    let plain_revoke = ServerAction::<DecideForm>::new();
    let rows = Resource::new(
        move || (scope.get(), request.get(), refresh.get()),
        |(scope, request, _)| queue(scope, request),
    );
    // The keyboard cursor lives with the page, not the table: a live
    // refresh redraws the table, and the row under the cursor must survive.
    let cursor = RwSignal::new(0usize);
    walk_with_keys(scope, rows, cursor, selected);
    let stats = Resource::new(
        move || (scope.get(), refresh.get()),
        |(scope, _)| queue_stats(scope),
    );
    view! {
        <section class="panel queue">
            <h1>{move || scope.get().label(lang())}</h1>
            {move || view! { <Filters scope=scope.get() request/> }}
            <FormAlert error=Signal::derive(move || plain_revoke.value().get().and_then(Result::err))/>
            <Transition>
                {move || Suspend::new(async move {
                    stats.await.ok().filter(|s| !s.by_state.is_empty()).map(|s| view! {
                        <div class="charts">
                            <BarChart title=tr("按状态", "State").into() bars=s.by_state.iter().map(|(state, n)| (state.label(lang()).to_owned(), *n)).collect()/>
                            <BarChart title=tr("按已等待时间", "Waiting").into() bars=s.by_age.clone()/>
                        </div>
                    })
                })}
            </Transition>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(page) if page.rows.is_empty() => view! {
                            <p class="empty">{tr("没有符合条件的备案申请。", "Nothing matches.")}</p>
                        }.into_any(),
                        Ok(page) => view! { <QueueTable scope=scope.get_untracked() page selected cursor/> }.into_any(),
                    }
                })}
            </Suspense>
            {move || {
                let scope = scope.get();
                (!batch_actions(scope).is_empty()).then(|| view! { <BatchBar scope selected/> })
            }}
        </section>
    }
    .into_any()
}

/// The filter form: a GET form, so the filters are the URL.
#[component]
fn Filters(scope: Scope, request: Memo<QueueQuery>) -> impl IntoView {
    let current = request.get_untracked();
    view! {
        <Form method="GET" action="" attr:class="filters">
            <label>{tr("主办单位/域名", "Sponsor or domain")}<input type="search" name="text" value=current.text.clone()/></label>
            <label>{tr("省份", "Province")}
                <select name="province">
                    <option value="">{tr("全部", "All")}</option>
                    {PROVINCES.iter().map(|p| view! {
                        <option value=p.code selected=current.province == p.code>{p.name(lang())}</option>
                    }).collect_view()}
                </select>
            </label>
            {(scope == Scope::PreApproval).then(|| view! {
                <label>{tr("前置审批类型", "Pre-approval type")}
                    <select name="pre_approval">
                        <option value="">{tr("全部", "All")}</option>
                        {pre_approval_types().iter().map(|t| view! {
                            <option value=t.code selected=current.pre_approval == t.code>{lang().pick(t.zh, t.en)}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
            <label>{tr("提交日期从", "Submitted from")}<input type="date" name="from" value=current.from.clone()/></label>
            <label>{tr("至", "to")}<input type="date" name="to" value=current.to.clone()/></label>
            <label>{tr("排序", "Sort")}
                <select name="sort">
                    <option value="oldest" selected=current.sort == Sort::Oldest>{tr("等待最久优先", "Longest waiting first")}</option>
                    <option value="newest" selected=current.sort == Sort::Newest>{tr("最新优先", "Newest first")}</option>
                    <option value="subject" selected=current.sort == Sort::Subject>{tr("按主办单位", "By sponsor")}</option>
                </select>
            </label>
            <button type="submit" class="button button-secondary">{tr("查询", "Look up")}</button>
        </Form>
    }
}

/// The province's answers to this page's 撤销 requests (id → accepted),
/// kept above the table so a live refresh of the rows does not hide them.
#[derive(Debug, Clone, Copy)]
struct RevokeAnswers(RwSignal<BTreeMap<i32, bool>>);

/// 撤销申请 on one row: offered only in 未提交至部系统, confirmed before it
/// is sent, and the province's answer shown at once. A refusal means the
/// application moved on meanwhile.
#[component]
fn RevokeCell(id: i32, version: i32, state: State) -> impl IntoView {
    let answers = expect_context::<RevokeAnswers>().0;
    let asking = RwSignal::new(false);
    let revoke = Action::new(move |_: &()| async move {
        let result = decide(id, version, ReviewAction::Revoke, Vec::new(), None).await;
        match &result {
            Ok(_) => answers.update(|a| {
                a.insert(id, true);
            }),
            Err(AppError::Conflict) => answers.update(|a| {
                a.insert(id, false);
            }),
            Err(_) => {}
        }
        result
    });
    let error = Signal::derive(move || {
        revoke
            .value()
            .get()
            .and_then(Result::err)
            .filter(|e| *e != AppError::Conflict)
    });
    view! {
        {move || match answers.with(|a| a.get(&id).copied()) {
            Some(true) => view! { <span class="answer accepted" role="status">{tr("省局答复：已撤销", "Provincial bureau: revoked")}</span> }.into_any(),
            Some(false) => view! {
                <span class="answer refused" role="status">{tr("省局答复：不予撤销——该申请已进入部系统，不能再撤销", "Provincial bureau: not revoked — the application has reached the ministry's system")}</span>
            }.into_any(),
            None if state != State::NotSubmittedToMinistry => view! { <span class="hint">"—"</span> }.into_any(),
            None if asking.get() => view! {
                <span class="confirm-inline">{tr("确认撤销 #", "Revoke #")}{id}{tr("？撤销后该申请终止，可复制为新草稿。", "? The application ends; it can be copied to a new draft.")}
                    <button type="button" class="button button-danger" disabled=move || revoke.pending().get()
                        on:click=move |_| { revoke.dispatch(()); }>{tr("确认撤销", "Revoke")}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| asking.set(false)>{tr("取消", "Cancel")}</button>
                </span>
            }.into_any(),
            // The review page's plain decision, until the script runs; its
            // box stands in for the confirmation above.
            None => view! {
                <form method="post" action="/api/review/decide_form" class="inline-form">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="version" value=version/>
                    <ConfirmBox label=lang().pick(format!("确认撤销 #{id}"), format!("Revoke #{id}"))/>
                    <button type="submit" name="action" value=ReviewAction::Revoke.code() class="button button-secondary"
                        on:click=move |ev| { ev.prevent_default(); asking.set(true); }>{tr("撤销申请", "Revoke")}</button>
                </form>
            }.into_any(),
        }}
        <FormAlert error/>
    }
}

#[component]
fn QueueTable(
    scope: Scope,
    page: QueuePage,
    selected: RwSignal<BTreeMap<i32, i32>>,
    cursor: RwSignal<usize>,
) -> impl IntoView {
    let all_ids: Vec<(i32, i32)> = page.rows.iter().map(|r| (r.id, r.version)).collect();
    let total = page.rows.len();
    let batchable = !batch_actions(scope).is_empty();
    view! {
        <p class="hint shortcuts">
            {tr("快捷键：j / k 上下移动，Enter 打开", "Keys: j / k to move, Enter to open")}
            {batchable.then(|| view! { {tr("，x 选择", ", x to select")} })}
        </p>
        <table class="data queue-table">
            <thead><tr>
                {batchable.then(|| {
                    let all_ids = all_ids.clone();
                    view! {
                        <th><input type="checkbox" aria-label=tr("全选", "Select all")
                            prop:checked=move || selected.with(|s| !s.is_empty() && s.len() == total)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.set(if on { all_ids.iter().copied().collect() } else { BTreeMap::new() });
                            }/></th>
                    }
                })}
                <th>"#"</th>
                <th>{tr("主办单位", "Subject")}</th>
                <th>{tr("网站", "Sites")}</th>
                {(scope == Scope::PreApproval).then(|| view! { <th>{tr("前置审批类型", "Pre-approval types")}</th> })}
                <th>{tr("省份", "Province")}</th>
                <th>{tr("备案类型", "Type")}</th>
                <th>{tr("阶段", "Phase")}</th>
                <th>{tr("状态", "State")}</th>
                {(scope == Scope::Returned).then(|| view! { <th>{tr("未通过原因", "Why returned")}</th> })}
                <th>{tr("提交时间", "Submitted")}</th>
                <th>{tr("已等待（工作日）", "Waited (working days)")}</th>
                <th>{tr("操作", "Action")}</th>
            </tr></thead>
            <tbody>
                {page.rows.into_iter().enumerate().map(|(i, row)| {
                    let id = row.id;
                    let version = row.version;
                    let state = row.state;
                    let kind = row.kind;
                    let phase = Phase::of(kind, state);
                    let age = match row.limit {
                        Some(limit) => format!("{} / {limit}", row.waited),
                        None => row.waited.to_string(),
                    };
                    view! {
                        <tr id=format!("queue-row-{i}") data-id=id tabindex="0" class=format!("urgency-{}", row.urgency)
                            class:cursor=move || cursor.get() == i
                            on:focus=move |_| cursor.set(i)>
                            {batchable.then(|| view! {
                                <td><input type="checkbox" aria-label=lang().pick(format!("选择 #{id}"), format!("Select #{id}"))
                                    prop:checked=move || selected.with(|s| s.contains_key(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        selected.update(|s| { if on { s.insert(id, version); } else { s.remove(&id); } });
                                    }/></td>
                            })}
                            <td>{id}</td>
                            <td><A href=format!("/review/{id}")>{if row.subject_name.is_empty() { "—".to_owned() } else { row.subject_name.clone() }}</A></td>
                            <td class="sites">{row.sites.join(tr("；", "; "))}</td>
                            {(scope == Scope::PreApproval).then(|| view! { <td>{row.pre_approvals.join(tr("、", ", "))}</td> })}
                            <td>{row.province.clone()}</td>
                            <td>{kind.label(lang())}</td>
                            <td class="phase">{phase.label(lang())}</td>
                            <td><span class=format!("badge state-{}", state.code().to_lowercase())>
                                {state.label(lang())}
                            </span>
                            {(!row.sms.is_empty()).then(|| view! { <br/><span class="hint sms-summary">{row.sms.clone()}</span> })}
                            </td>
                            {(scope == Scope::Returned).then(|| view! { <td class="return-reason">{row.return_reason.clone()}</td> })}
                            <td>{lang().date_time(&row.submitted_at)}</td>
                            <td class="age">{age}</td>
                            <td class="row-actions">
                                <A href=format!("/review/{id}") attr:class="button button-small button-secondary">
                                    {tr("详细", "Details")}
                                </A>
                                {(scope == Scope::Revoke).then(|| view! { <RevokeCell id version state/> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <QueryPager scope page=page.page pages=page.pages total=page.total/>
    }
}

/// j / k move the cursor, Enter opens its row and x picks it for a batch.
///
/// The keys are heard on the window, not the table: a live refresh redraws
/// the table under the user's hands, and focus then falls to the page body.
/// They act only while focus is in the list or has fallen out of it, never
/// while the user types in a field or works a button elsewhere.
fn walk_with_keys(
    scope: Memo<Scope>,
    rows: Resource<Result<QueuePage, AppError>>,
    cursor: RwSignal<usize>,
    selected: RwSignal<BTreeMap<i32, i32>>,
) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;

        let navigate = leptos_router::hooks::use_navigate();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                return;
            }
            let Some(target) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            // On a row itself, or on the body after a redraw took the focus.
            let in_list = target
                .closest(".queue-table tbody")
                .ok()
                .flatten()
                .is_some();
            let on_row = match target.tag_name().as_str() {
                "BODY" => true,
                "TR" => in_list,
                _ => false,
            };
            if !on_row && !in_list {
                return;
            }
            let shown: Vec<(i32, i32)> = rows.with_untracked(|page| match page {
                Some(Ok(page)) => page.rows.iter().map(|r| (r.id, r.version)).collect(),
                _ => Vec::new(),
            });
            let Some(last) = shown.len().checked_sub(1) else {
                return;
            };
            let here = cursor.get_untracked().min(last);
            let move_to = |i: usize| {
                cursor.set(i);
                focus_row(i);
            };
            match ev.key().as_str() {
                "j" | "ArrowDown" => {
                    ev.prevent_default();
                    move_to((here + 1).min(last));
                }
                "k" | "ArrowUp" => {
                    ev.prevent_default();
                    move_to(here.saturating_sub(1));
                }
                "Enter" if on_row => {
                    navigate(&format!("/review/{}", shown[here].0), Default::default())
                }
                "x" if !batch_actions(scope.get_untracked()).is_empty() => {
                    let (id, version) = shown[here];
                    selected.update(|s| {
                        if s.remove(&id).is_none() {
                            s.insert(id, version);
                        }
                    });
                }
                _ => {}
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (scope, rows, cursor, selected);
}

/// Moves keyboard focus to a row of the list.
#[cfg(feature = "hydrate")]
fn focus_row(i: usize) {
    use wasm_bindgen::JsCast;
    if let Some(row) = document()
        .get_element_by_id(&format!("queue-row-{i}"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = row.focus();
    }
}

/// Page links that keep the filters.
#[component]
fn QueryPager(scope: Scope, page: u64, pages: u64, total: u64) -> impl IntoView {
    let query = use_query_map();
    let link = move |p: u64| {
        let mut params: Vec<(String, String)> = query.with_untracked(|q| {
            ["text", "province", "from", "to", "pre_approval", "sort"]
                .iter()
                .filter_map(|k| q.get(k).map(|v| (k.to_string(), v)))
                .collect()
        });
        params.push(("page".into(), (p + 1).to_string()));
        let encoded: Vec<String> = params
            .into_iter()
            .map(|(k, v)| format!("{k}={}", percent_encoded(&v)))
            .collect();
        format!("/work/{}?{}", scope.code(), encoded.join("&"))
    };
    view! {
        <nav class="pager">
            {(page > 0).then(|| view! { <A href=link(page - 1)>{tr("上一页", "Previous")}</A> })}
            <span>{lang().pick(format!("第 {} / {} 页，共 {total} 条", page + 1, pages.max(1)), format!("Page {} of {}, {} in all", page + 1, pages.max(1), Lang::En.count(total)))}</span>
            {(page + 1 < pages).then(|| view! { <A href=link(page + 1)>{tr("下一页", "Next")}</A> })}
        </nav>
    }
}

/// The batch bar: one decision for every selected row, each with its own
/// result.
#[component]
fn BatchBar(scope: Scope, selected: RwSignal<BTreeMap<i32, i32>>) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let confirming = RwSignal::new(None::<ReviewAction>);
    // The browser's check of the one reason; the server checks it per row.
    let reason_error = RwSignal::new(None::<FieldError>);
    let given = move || {
        let text = reason.get_untracked();
        (!text.trim().is_empty())
            .then(|| ReturnReason {
                field: String::new(),
                rule: String::new(),
                text,
            })
            .into_iter()
            .collect::<Vec<_>>()
    };
    let run = Action::new(move |action: &ReviewAction| {
        let action = *action;
        let chosen: Vec<(i32, i32)> =
            selected.with_untracked(|s| s.iter().map(|(id, v)| (*id, *v)).collect());
        let reasons = given();
        async move { decide_batch(chosen, action, reasons).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = run.value().get() {
            selected.set(BTreeMap::new());
            confirming.set(None);
        }
    });
    let results = move || run.value().get().and_then(Result::ok).unwrap_or_default();
    view! {
        <section class="batch-bar" aria-label=tr("批量操作", "Batch")>
            <p>{move || lang().pick(format!("已选择 {} 条", selected.with(|s| s.len())), format!("{} selected", selected.with(|s| s.len())))}</p>
            <label>{tr("退回原因（批量退回时必填）", "Reason for return (required to return in bulk)")}
                <textarea id="batch-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </label>
            <FieldMessage id="batch-reason-error".into() error=Signal::derive(move || reason_error.get())/>
            <div class="actions">
                {batch_actions(scope).iter().map(|action| {
                    let action = *action;
                    view! {
                        <button type="button" class="button" disabled=move || selected.with(|s| s.is_empty()) || run.pending().get()
                            on:click=move |_| {
                                let error = validate_reasons(action, &given(), &Filing::default()).into_iter().next();
                                confirming.set(error.is_none().then_some(action));
                                reason_error.set(error);
                            }>
                            {lang().pick(format!("批量{}", action.label(lang())), format!("{} in bulk", action.label(lang())))}
                        </button>
                    }
                }).collect_view()}
            </div>
            {move || confirming.get().map(|action| view! {
                <div class="confirm" role="alertdialog" aria-label=tr("确认批量操作", "Confirm the batch")>
                    <p>{lang().pick(format!("确认对选中的 {} 条申请执行“{}”？", selected.with(|s| s.len()), action.label(lang())), format!("Apply “{1}” to the {0} selected applications?", selected.with(|s| s.len()), action.label(lang())))}</p>
                    <button type="button" class="button button-primary" on:click=move |_| { run.dispatch(action); }>{tr("确认", "Confirm")}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| confirming.set(None)>{tr("取消", "Cancel")}</button>
                </div>
            })}
            <FormAlert error=Signal::derive(move || run.value().get().and_then(Result::err))/>
            {move || {
                let rows = results();
                (!rows.is_empty()).then(|| view! {
                    <ul class="batch-results">
                        {rows.into_iter().map(|BatchResult { id, outcome }| match outcome {
                            Ok(state) => view! { <li class="ok">{lang().pick(format!("#{id} 成功：{}", state.label(lang())), format!("#{id} done: {}", state.label(lang())))}</li> }.into_any(),
                            Err(error) => view! { <li class="failed">{lang().pick(format!("#{id} 未完成：{}", row_error(&error)), format!("#{id} not done: {}", row_error(&error)))}</li> }.into_any(),
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
