//! A work list: `/work/verify` (待接入者核实), `/work/returned` (退回处理),
//! `/work/preapproval`, `/work/bureau` (管局审核), `/work/progress`
//! (备案进度查询) and `/work/revoke` (撤销申请). Filters live in the URL, so a list can be bookmarked and
//! works without JavaScript; with it, rows can be picked for a batch and
//! walked with the keyboard.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::WORK_ROLES;
use crate::api::auth::SessionUser;
use crate::api::review::{
    decide, decide_batch, queue, queue_stats, BatchResult, QueuePage, QueueQuery,
};
use crate::domain::catalog::PRE_APPROVAL_TYPES;
use crate::domain::field_error::FieldError;
use crate::domain::filing::Filing;
use crate::domain::queue::{Scope, Sort};
use crate::domain::region::PROVINCES;
use crate::domain::review::{validate_reasons, ReturnReason};
use crate::domain::workflow::{Action as ReviewAction, Phase, State};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::alert::{row_error, FormAlert};
use crate::ui::bar_chart::BarChart;
use crate::ui::field::FieldMessage;
use crate::ui::language::is_english;
use crate::ui::live::refresh_on_changes;
use crate::ui::role_gate::RoleGate;
use crate::ui::wizard_fields::L;

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
    let rows = Resource::new(
        move || (scope.get(), request.get(), refresh.get()),
        |(scope, request, _)| queue(scope, request),
    );
    let stats = Resource::new(
        move || (scope.get(), refresh.get()),
        |(scope, _)| queue_stats(scope),
    );
    view! {
        <section class="panel queue">
            <h1>{move || scope.get().label_zh()}</h1>
            {move || view! { <Filters scope=scope.get() request/> }}
            <Transition>
                {move || Suspend::new(async move {
                    stats.await.ok().filter(|s| !s.by_state.is_empty()).map(|s| view! {
                        <div class="charts">
                            <BarChart title="按状态".into() bars=s.by_state.iter().map(|(state, n)| (state.label_zh().to_owned(), *n)).collect()/>
                            <BarChart title="按已等待时间".into() bars=s.by_age.clone()/>
                        </div>
                    })
                })}
            </Transition>
            <Suspense fallback=|| view! { <p class="loading">"加载中…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(page) if page.rows.is_empty() => view! {
                            <p class="empty"><L zh="没有符合条件的备案申请。" en="Nothing matches."/></p>
                        }.into_any(),
                        Ok(page) => view! { <QueueTable scope=scope.get_untracked() page selected/> }.into_any(),
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
            <label>"主办单位/域名"<input type="search" name="text" value=current.text.clone()/></label>
            <label>"省份"
                <select name="province">
                    <option value="">"全部"</option>
                    {PROVINCES.iter().map(|p| view! {
                        <option value=p.code selected=current.province == p.code>{p.name_zh}</option>
                    }).collect_view()}
                </select>
            </label>
            {(scope == Scope::PreApproval).then(|| view! {
                <label>"前置审批类型"
                    <select name="pre_approval">
                        <option value="">"全部"</option>
                        {PRE_APPROVAL_TYPES.iter().map(|t| view! {
                            <option value=t.code selected=current.pre_approval == t.code>{t.zh}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
            <label>"提交日期从"<input type="date" name="from" value=current.from.clone()/></label>
            <label>"至"<input type="date" name="to" value=current.to.clone()/></label>
            <label>"排序"
                <select name="sort">
                    <option value="oldest" selected=current.sort == Sort::Oldest>"等待最久优先"</option>
                    <option value="newest" selected=current.sort == Sort::Newest>"最新优先"</option>
                    <option value="subject" selected=current.sort == Sort::Subject>"按主办单位"</option>
                </select>
            </label>
            <button type="submit" class="button button-secondary">"查询"</button>
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
            Some(true) => view! { <span class="answer accepted" role="status">"省局答复：已撤销"</span> }.into_any(),
            Some(false) => view! {
                <span class="answer refused" role="status">"省局答复：不予撤销——该申请已进入部系统，不能再撤销"</span>
            }.into_any(),
            None if state != State::NotSubmittedToMinistry => view! { <span class="hint">"—"</span> }.into_any(),
            None if asking.get() => view! {
                <span class="confirm-inline">"确认撤销 #"{id}"？撤销后该申请终止，可复制为新草稿。"
                    <button type="button" class="button button-danger" disabled=move || revoke.pending().get()
                        on:click=move |_| { revoke.dispatch(()); }>"确认撤销"</button>
                    <button type="button" class="button button-secondary" on:click=move |_| asking.set(false)>"取消"</button>
                </span>
            }.into_any(),
            None => view! {
                <button type="button" class="button button-secondary" on:click=move |_| asking.set(true)>"撤销申请"</button>
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
) -> impl IntoView {
    let i18n = use_i18n();
    let cursor = RwSignal::new(0usize);
    let navigate = use_navigate();
    let ids: Vec<(i32, i32)> = page.rows.iter().map(|r| (r.id, r.version)).collect();
    let total = page.rows.len();
    let batchable = !batch_actions(scope).is_empty();
    let keyed_ids = ids.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let move_to = |i: usize| {
            cursor.set(i);
            focus_row(i);
        };
        match ev.key().as_str() {
            "j" | "ArrowDown" => {
                ev.prevent_default();
                move_to((cursor.get_untracked() + 1).min(total.saturating_sub(1)));
            }
            "k" | "ArrowUp" => {
                ev.prevent_default();
                move_to(cursor.get_untracked().saturating_sub(1));
            }
            "Enter" => {
                if let Some((id, _)) = keyed_ids.get(cursor.get_untracked()) {
                    navigate(&format!("/review/{id}"), Default::default());
                }
            }
            "x" if batchable => {
                if let Some((id, version)) = keyed_ids.get(cursor.get_untracked()) {
                    let (id, version) = (*id, *version);
                    selected.update(|s| {
                        if s.remove(&id).is_none() {
                            s.insert(id, version);
                        }
                    });
                }
            }
            _ => {}
        }
    };
    let all_ids = ids.clone();
    view! {
        <p class="hint shortcuts">
            <L zh="快捷键：j / k 上下移动，Enter 打开" en="Keys: j / k to move, Enter to open"/>
            {batchable.then(|| view! { <L zh="，x 选择" en=", x to select"/> })}
        </p>
        <table class="data queue-table" on:keydown=on_key>
            <thead><tr>
                {batchable.then(|| {
                    let all_ids = all_ids.clone();
                    view! {
                        <th><input type="checkbox" aria-label="全选"
                            prop:checked=move || selected.with(|s| !s.is_empty() && s.len() == total)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.set(if on { all_ids.iter().copied().collect() } else { BTreeMap::new() });
                            }/></th>
                    }
                })}
                <th>"#"</th>
                <th><L zh="主办单位" en="Subject"/></th>
                <th><L zh="网站" en="Sites"/></th>
                {(scope == Scope::PreApproval).then(|| view! { <th><L zh="前置审批类型" en="Pre-approval types"/></th> })}
                <th><L zh="省份" en="Province"/></th>
                <th><L zh="备案类型" en="Type"/></th>
                <th><L zh="阶段" en="Phase"/></th>
                <th><L zh="状态" en="State"/></th>
                {(scope == Scope::Returned).then(|| view! { <th><L zh="未通过原因" en="Why returned"/></th> })}
                <th><L zh="提交时间" en="Submitted"/></th>
                <th><L zh="已等待（工作日）" en="Waited (working days)"/></th>
                <th><L zh="操作" en="Action"/></th>
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
                                <td><input type="checkbox" aria-label=format!("选择 #{id}")
                                    prop:checked=move || selected.with(|s| s.contains_key(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        selected.update(|s| { if on { s.insert(id, version); } else { s.remove(&id); } });
                                    }/></td>
                            })}
                            <td>{id}</td>
                            <td><A href=format!("/review/{id}")>{if row.subject_name.is_empty() { "—".to_owned() } else { row.subject_name.clone() }}</A></td>
                            <td class="sites">{row.sites.join("；")}</td>
                            {(scope == Scope::PreApproval).then(|| view! { <td>{row.pre_approvals.join("、")}</td> })}
                            <td>{row.province.clone()}</td>
                            <td>{move || if is_english(i18n) { kind.label_en() } else { kind.label_zh() }}</td>
                            <td class="phase">{move || if is_english(i18n) { phase.label_en() } else { phase.label_zh() }}</td>
                            <td><span class=format!("badge state-{}", state.code().to_lowercase())>
                                {move || if is_english(i18n) { state.label_en() } else { state.label_zh() }}
                            </span>
                            {(!row.sms.is_empty()).then(|| view! { <br/><span class="hint sms-summary">{row.sms.clone()}</span> })}
                            </td>
                            {(scope == Scope::Returned).then(|| view! { <td class="return-reason">{row.return_reason.clone()}</td> })}
                            <td>{row.submitted_at.clone()}</td>
                            <td class="age">{age}</td>
                            <td class="row-actions">
                                <A href=format!("/review/{id}") attr:class="button button-small button-secondary">
                                    <L zh="详细" en="Details"/>
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

/// Moves keyboard focus to a row of the list.
fn focus_row(i: usize) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(row) = document()
            .get_element_by_id(&format!("queue-row-{i}"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = row.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = i;
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
            .map(|(k, v)| format!("{k}={}", urlencoding(&v)))
            .collect();
        format!("/work/{}?{}", scope.code(), encoded.join("&"))
    };
    view! {
        <nav class="pager">
            {(page > 0).then(|| view! { <A href=link(page - 1)>"上一页"</A> })}
            <span>{format!("第 {} / {} 页，共 {total} 条", page + 1, pages.max(1))}</span>
            {(page + 1 < pages).then(|| view! { <A href=link(page + 1)>"下一页"</A> })}
        </nav>
    }
}

/// Percent-encodes a query value.
fn urlencoding(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
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
        <section class="batch-bar" aria-label="批量操作">
            <p>{move || format!("已选择 {} 条", selected.with(|s| s.len()))}</p>
            <label>"退回原因（批量退回时必填）"
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
                            {format!("批量{}", action.label_zh())}
                        </button>
                    }
                }).collect_view()}
            </div>
            {move || confirming.get().map(|action| view! {
                <div class="confirm" role="alertdialog" aria-label="确认批量操作">
                    <p>{format!("确认对选中的 {} 条申请执行“{}”？", selected.with(|s| s.len()), action.label_zh())}</p>
                    <button type="button" class="button button-primary" on:click=move |_| { run.dispatch(action); }>"确认"</button>
                    <button type="button" class="button button-secondary" on:click=move |_| confirming.set(None)>"取消"</button>
                </div>
            })}
            <FormAlert error=Signal::derive(move || run.value().get().and_then(Result::err))/>
            {move || {
                let rows = results();
                (!rows.is_empty()).then(|| view! {
                    <ul class="batch-results">
                        {rows.into_iter().map(|BatchResult { id, outcome }| match outcome {
                            Ok(state) => view! { <li class="ok">{format!("#{id} 成功：{}", state.label_zh())}</li> }.into_any(),
                            Err(error) => view! { <li class="failed">{format!("#{id} 未完成：{}", row_error(&error))}</li> }.into_any(),
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
