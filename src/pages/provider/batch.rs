//! `/batch` (批量操作): provider staff filter their own live accesses (the
//! filters are the URL), tick sites, and either 批量取消接入 with one
//! reason, or 批量变更接入 from one IP block to another. The move is
//! checked and each site's new addresses previewed as the blocks are
//! typed, with the same domain code the server applies; every destructive
//! step asks first, and the answer comes back per subject.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

use crate::api::batch::{
    cancel_accesses, move_accesses, own_accesses, AccessList, AccessQuery, SubjectResult,
};
use crate::domain::cancellation::{reasons, Cancellation, MAX_EXPLANATION_CHARS};
use crate::domain::catalog;
use crate::domain::field_error::{first_for, FieldError};
use crate::domain::ip::parse_blocks;
use crate::domain::ip_move::IpMove;
use crate::domain::role::Role;
use crate::ui::alert::{row_error, FormAlert};
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;

/// Who may use the batch tools.
const STAFF: &[Role] = &[Role::ProviderStaff, Role::ProviderAdmin];

#[component]
pub fn BatchPage() -> impl IntoView {
    view! { <RoleGate roles=STAFF page=|_| batch_page()/> }
}

fn batch_page() -> AnyView {
    let query = use_query_map();
    let request = Memo::new(move |_| {
        query.with(|q| AccessQuery {
            name: q.get("name").unwrap_or_default(),
            number: q.get("number").unwrap_or_default(),
            domain: q.get("domain").unwrap_or_default(),
            block: q.get("block").unwrap_or_default(),
        })
    });
    let list = Resource::new(move || request.get(), own_accesses);
    let current = request.get_untracked();
    view! {
        <section class="panel">
            <h1>{tr("批量操作", "Batch")}</h1>
            <p class="hint">{tr("按条件找出本单位接入的网站，勾选后批量取消接入（如合同到期的客户），或在机房迁移时批量变更接入IP。每个主体单独生成一份申请，互不影响。", "Find the sites your organisation hosts, tick them, and end their access together (say, for customers whose contracts ended) or move their IP addresses when a data centre moves. Each subject gets an application of its own.")}</p>
            <Form method="GET" action="" attr:class="filters">
                <label>{tr("主办单位名称", "Sponsor name")}<input type="search" name="name" value=current.name/></label>
                <label>{tr("备案号", "Filing number")}<input type="search" name="number" value=current.number/></label>
                <label>{tr("域名", "Domain")}<input type="search" name="domain" value=current.domain/></label>
                <label>{tr("IP地址段", "IP block")}<input type="search" name="block" placeholder="121.40.1.0/24" value=current.block/></label>
                <button type="submit" class="button button-secondary">{tr("开始搜索", "Search")}</button>
            </Form>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => {
                            let block = first_for(error.field_errors(), "block").cloned();
                            view! {
                                <FieldMessage id="batch-block-error".to_owned() error=Signal::derive(move || block.clone())/>
                                <FormAlert error=Signal::derive(move || Some(error.clone()).filter(|e| e.field_errors().is_empty()))/>
                            }.into_any()
                        }
                        Ok(list) if list.rows.is_empty() => view! { <p class="empty">{tr("没有符合条件的本单位接入网站。", "None of your hosted sites match.")}</p> }.into_any(),
                        Ok(list) => view! { <BatchTools list/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// The ticked rows and the two batch forms over them.
#[component]
fn BatchTools(list: AccessList) -> impl IntoView {
    let AccessList {
        rows,
        more,
        provider_blocks,
    } = list;
    let blocks = StoredValue::new(parse_blocks(&provider_blocks).unwrap_or_default());
    let all: Vec<String> = rows.iter().map(|r| r.site_number.clone()).collect();
    let total = all.len();
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let ip_move = Memo::new(move |_| {
        IpMove::parse(&from.get(), &to.get(), &blocks.get_value()).map_err(|errors| {
            // Nothing typed yet is no error to show.
            errors
                .into_iter()
                .filter(|e| !(e.field == "from" && from.with(String::is_empty)))
                .filter(|e| !(e.field == "to" && to.with(String::is_empty)))
                .collect::<Vec<FieldError>>()
        })
    });
    let preview = move |ips: &[String]| -> Option<Result<String, String>> {
        let ip_move = ip_move.get().ok()?;
        let mut moved = Vec::new();
        for one in ips {
            match ip_move.apply(one, &blocks.get_value()) {
                Ok(Some(new)) => moved.push(new),
                Ok(None) => moved.push(one.clone()),
                Err(error) => return Some(Err(lang().pick(error.zh, error.en))),
            }
        }
        Some(Ok(moved.join(tr("；", "; "))))
    };
    let results = RwSignal::new(Vec::<SubjectResult>::new());
    view! {
        <p class="hint" id="batch-count">
            {move || lang().pick(format!("已选 {} / {total} 个网站", selected.with(BTreeSet::len)), format!("{} of {total} sites selected", selected.with(BTreeSet::len)))}
            {more.then_some(tr("（结果较多，仅列出前 500 个，请缩小条件）", " (many results: only the first 500 are listed; narrow the search)"))}
        </p>
        <table class="data batch-accesses">
            <thead><tr>
                <th><input type="checkbox" id="batch-all" aria-label=tr("全选", "Select all")
                    prop:checked=move || selected.with(|s| s.len() == total)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.set(if on { all.iter().cloned().collect() } else { BTreeSet::new() });
                    }/></th>
                <th>{tr("网站备案号", "Site filing number")}</th><th>{tr("网站名称", "Site name")}</th><th>{tr("主办单位名称", "Sponsor name")}</th>
                <th>{tr("域名", "Domain")}</th><th>{tr("IP地址", "IP addresses")}</th><th>{tr("迁移后IP地址", "IP after the move")}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let number = row.site_number.clone();
                    let checked = number.clone();
                    let ips = row.ips.clone();
                    view! {
                        <tr>
                            <td><input type="checkbox" class="batch-pick" aria-label=lang().pick(format!("选择 {number}"), format!("Select {number}"))
                                prop:checked=move || selected.with(|s| s.contains(&checked))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    selected.update(|s| { if on { s.insert(number.clone()); } else { s.remove(&number); } });
                                }/></td>
                            <td class="icp-number">{row.site_number.clone()}</td>
                            <td>{row.site_name.clone()}</td>
                            <td>{row.subject_name.clone()}" "<span class="icp-number">{row.subject_number.clone()}</span></td>
                            <td>{row.domains.join(tr("、", ", "))}</td>
                            <td>{row.ips.join(tr("；", "; "))}</td>
                            <td class="move-preview">{move || match preview(&ips) {
                                None => String::new(),
                                Some(Ok(new)) => new,
                                Some(Err(problem)) => lang().pick(format!("不能迁移：{problem}"), format!("Cannot move: {problem}")),
                            }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <div class="batch-forms">
            <CancelAccesses selected results/>
            <MoveAccesses selected from to ip_move results/>
        </div>
        <BatchResults results/>
    }
}

/// 批量取消接入: one reason and explanation for every ticked site.
#[component]
fn CancelAccesses(
    selected: RwSignal<BTreeSet<String>>,
    results: RwSignal<Vec<SubjectResult>>,
) -> impl IntoView {
    let grounds = RwSignal::new(Cancellation::default());
    let tried = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let send = Action::new(move |(sites, grounds): &(Vec<String>, Cancellation)| {
        cancel_accesses(
            sites.clone(),
            grounds.reason.clone(),
            grounds.explanation.clone(),
        )
    });
    Effect::new(move |_| {
        if let Some(outcome) = send.value().get() {
            confirming.set(false);
            if let Ok(rows) = outcome {
                results.set(rows);
            }
        }
    });
    let local = Memo::new(move |_| grounds.with(Cancellation::validate_grounds));
    let error_at = move |field: &'static str| {
        Signal::derive(move || {
            let mine = tried
                .get()
                .then(|| local.with(|e| first_for(e, field).cloned()))
                .flatten();
            mine.or_else(|| {
                send.value()
                    .get()
                    .and_then(Result::err)
                    .and_then(|e| first_for(e.field_errors(), field).cloned())
            })
        })
    };
    view! {
        <fieldset class="sub-card" id="batch-cancel">
            <legend>{tr("批量取消接入", "End access in bulk")}</legend>
            <label for="batch-reason">{tr("申请注销的理由", "Reason for cancelling")}</label>
            <select id="batch-reason" on:change=move |ev| grounds.update(|g| g.reason = event_target_value(&ev))>
                <option value="">{tr("请选择", "Choose…")}</option>
                {catalog::offered(reasons()).map(|r| view! { <option value=r.code>{lang().pick(r.zh, r.en)}</option> }).collect_view()}
            </select>
            <FieldMessage id="batch-reason-error".to_owned() error=error_at("reason")/>
            <label for="batch-explanation">{tr("原因说明", "Explanation")}</label>
            <textarea id="batch-explanation" rows="2"
                on:input=move |ev| grounds.update(|g| g.explanation = event_target_value(&ev))></textarea>
            <p class="hint">{move || lang().pick(format!("{} / {MAX_EXPLANATION_CHARS} 字", grounds.with(|g| g.explanation.trim().chars().count())), format!("{} / {MAX_EXPLANATION_CHARS} characters", grounds.with(|g| g.explanation.trim().chars().count())))}</p>
            <FieldMessage id="batch-explanation-error".to_owned() error=error_at("explanation")/>
            <FieldMessage id="batch-cancel-sites-error".to_owned() error=error_at("sites")/>
            <FormAlert error=Signal::derive(move || send.value().get().and_then(Result::err).filter(|e| e.field_errors().is_empty()))/>
            {move || if confirming.get() {
                view! {
                    <div class="confirm" role="alertdialog" aria-label=tr("确认批量取消接入", "Confirm ending access")>
                        <p><strong>{move || lang().pick(format!("确认对选中的 {} 个网站取消接入？若网站没有其他接入商，它将成为空壳网站，备案号可能被管局注销，且不能恢复。",
                            selected.with(BTreeSet::len)), format!("End access for the {} selected sites? A site with no other provider becomes an empty site (空壳网站); the bureau may cancel its number, and that cannot be undone.",
                            selected.with(BTreeSet::len)))}</strong></p>
                        <button type="button" class="button button-danger" id="confirm-batch-cancel" disabled=move || send.pending().get()
                            on:click=move |_| { send.dispatch((selected.get_untracked().into_iter().collect(), grounds.get_untracked())); }>{tr("确认提交", "Submit")}</button>
                        " "
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{tr("返回修改", "Go back")}</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-danger" id="batch-cancel-submit"
                        disabled=move || selected.with(BTreeSet::is_empty)
                        on:click=move |_| {
                            tried.set(true);
                            if local.with_untracked(Vec::is_empty) { confirming.set(true); }
                        }>{tr("取消所选网站的接入", "End access for the selected sites")}</button>
                }.into_any()
            }}
        </fieldset>
    }
}

/// 批量变更接入: from one block to another of the same size.
#[component]
fn MoveAccesses(
    selected: RwSignal<BTreeSet<String>>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    ip_move: Memo<Result<IpMove, Vec<FieldError>>>,
    results: RwSignal<Vec<SubjectResult>>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let send = Action::new(move |(sites, from, to): &(Vec<String>, String, String)| {
        move_accesses(sites.clone(), from.clone(), to.clone())
    });
    Effect::new(move |_| {
        if let Some(outcome) = send.value().get() {
            confirming.set(false);
            if let Ok(rows) = outcome {
                results.set(rows);
            }
        }
    });
    let error_at = move |field: &'static str| {
        Signal::derive(move || {
            ip_move
                .get()
                .err()
                .and_then(|e| first_for(&e, field).cloned())
                .or_else(|| {
                    send.value()
                        .get()
                        .and_then(Result::err)
                        .and_then(|e| first_for(e.field_errors(), field).cloned())
                })
        })
    };
    view! {
        <fieldset class="sub-card" id="batch-move">
            <legend>{tr("批量变更接入（IP迁移）", "Change access in bulk (IP move)")}</legend>
            <label for="move-from">{tr("迁出地址段", "From block")}</label>
            <input id="move-from" placeholder="121.40.1.0/24" autocomplete="off"
                on:input=move |ev| from.set(event_target_value(&ev).trim().to_owned())/>
            <FieldMessage id="move-from-error".to_owned() error=error_at("from")/>
            <label for="move-to">{tr("迁入地址段", "To block")}</label>
            <input id="move-to" placeholder="121.41.8.0/24" autocomplete="off"
                on:input=move |ev| to.set(event_target_value(&ev).trim().to_owned())/>
            <FieldMessage id="move-to-error".to_owned() error=error_at("to")/>
            <p class="hint">{tr("地址在段内的位置不变，如 121.40.1.10 迁到 121.41.8.10。迁入地址段须在本单位登记的IP地址段内；变更接入无需备案密码，提交后报管局审核。", "Each address keeps its place in the block: 121.40.1.10 moves to 121.41.8.10. The new block must be inside your organisation's registered blocks. A change of access needs no filing password and goes to the bureau for review.")}</p>
            <FieldMessage id="batch-move-sites-error".to_owned() error=error_at("sites")/>
            <FormAlert error=Signal::derive(move || send.value().get().and_then(Result::err).filter(|e| e.field_errors().is_empty()))/>
            {move || if confirming.get() {
                view! {
                    <div class="confirm" role="alertdialog" aria-label=tr("确认批量变更接入", "Confirm the move")>
                        <p><strong>{move || lang().pick(format!("确认将选中的 {} 个网站从 {} 迁移到 {}？每个主体生成一份变更接入申请，报管局审核。",
                            selected.with(BTreeSet::len), from.get(), to.get()), format!("Move the {} selected sites from {} to {}? Each subject gets a change-of-access application for the bureau to review.",
                            selected.with(BTreeSet::len), from.get(), to.get()))}</strong></p>
                        <button type="button" class="button button-primary" id="confirm-batch-move" disabled=move || send.pending().get()
                            on:click=move |_| { send.dispatch((selected.get_untracked().into_iter().collect(), from.get_untracked(), to.get_untracked())); }>{tr("确认提交", "Submit")}</button>
                        " "
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{tr("返回修改", "Go back")}</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-primary" id="batch-move-submit"
                        disabled=move || selected.with(BTreeSet::is_empty) || ip_move.with(Result::is_err)
                        on:click=move |_| confirming.set(true)>{tr("变更所选网站的接入", "Move the selected sites")}</button>
                }.into_any()
            }}
        </fieldset>
    }
}

/// One line per subject: the application sent, or why not.
#[component]
fn BatchResults(results: RwSignal<Vec<SubjectResult>>) -> impl IntoView {
    move || {
        let rows = results.get();
        (!rows.is_empty()).then(|| {
            view! {
                <ul class="batch-results" id="batch-results">
                    {rows.into_iter().map(|SubjectResult { subject_number, site_numbers, outcome }| {
                        let what = lang().pick(format!("{subject_number}（{}）", site_numbers.join("、")), format!("{subject_number} ({})", site_numbers.join("、")));
                        match outcome {
                            Ok(id) => view! {
                                <li class="ok">{what}{tr("：已提交申请 ", ": application submitted ")}<A href=format!("/review/{id}")>{format!("#{id}")}</A></li>
                            }.into_any(),
                            Err(error) => view! { <li class="failed">{lang().pick(format!("{what}：未完成，{}", row_error(&error)), format!("{what}: not done, {}", row_error(&error)))}</li> }.into_any(),
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}
