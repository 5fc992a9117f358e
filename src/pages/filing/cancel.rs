//! `/cancel` (注销申请, seed §2.5): an advanced search over the caller's
//! live records (the filters are the URL), then, for the chosen record, a
//! form to tick the subject, sites or accesses to cancel, with the
//! consequences spelled out before anything is sent.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::auth::SessionUser;
use crate::api::cancellation::{apply_cancellation, search_records, RecordQuery, RecordRow};
use crate::domain::cancellation::{Cancellation, MAX_EXPLANATION_CHARS, REASONS};
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::pages::filing::list::FILING_ROLES;
use crate::ui::alert::FormAlert;
use crate::ui::field::FieldMessage;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn CancelPage() -> impl IntoView {
    view! { <RoleGate roles=FILING_ROLES page=cancel_page/> }
}

fn cancel_page(_user: SessionUser) -> AnyView {
    let query = use_query_map();
    let request = Memo::new(move |_| {
        query.with(|q| RecordQuery {
            name: q.get("name").unwrap_or_default(),
            number: q.get("number").unwrap_or_default(),
            principal: q.get("principal").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
        })
    });
    let rows = Resource::new(move || request.get(), search_records);
    let chosen = RwSignal::new(None::<RecordRow>);
    let current = request.get_untracked();
    view! {
        <section class="panel">
            <h1>"注销申请"</h1>
            <Form method="GET" action="" attr:class="filters">
                <label>"主办单位名称"<input type="search" name="name" value=current.name/></label>
                <label>"备案号"<input type="search" name="number" value=current.number/></label>
                <label>"单位负责人"<input type="search" name="principal" value=current.principal/></label>
                <label>"审核通过日期从"<input type="date" name="from" value=current.from/></label>
                <label>"至"<input type="date" name="to" value=current.to/></label>
                <button type="submit" class="button button-secondary">"开始搜索"</button>
            </Form>
            <Suspense fallback=|| view! { <p class="loading">"加载中…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">"没有符合条件的已备案记录。"</p> }.into_any(),
                        Ok(rows) => view! { <RecordTable rows chosen/> }.into_any(),
                    }
                })}
            </Suspense>
            {move || chosen.get().map(|row| view! { <CancelForm row/> })}
        </section>
    }
    .into_any()
}

#[component]
fn RecordTable(rows: Vec<RecordRow>, chosen: RwSignal<Option<RecordRow>>) -> impl IntoView {
    view! {
        <table class="data records">
            <thead><tr>
                <th>"主体备案号"</th><th>"主办单位名称"</th><th>"单位负责人"</th>
                <th>"审核通过日期"</th><th>"网站"</th><th>"操作"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let picked = row.clone();
                    view! {
                        <tr>
                            <td class="icp-number">{row.record.subject_number.clone()}</td>
                            <td>{row.name.clone()}</td>
                            <td>{row.principal.clone()}</td>
                            <td>{row.approved_on.clone()}</td>
                            <td>{row.record.sites.iter().map(|s| view! { <div>{s.number.clone()}" "{s.name.clone()}</div> }).collect_view()}</td>
                            <td><button type="button" class="button button-secondary"
                                on:click=move |_| chosen.set(Some(picked.clone()))>"注销申请"</button></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The form for one record. Every tick updates the warnings; sending asks
/// for a confirmation that repeats them.
#[component]
fn CancelForm(row: RecordRow) -> impl IntoView {
    let record = row.record.clone();
    let subject_number = record.subject_number.clone();
    let request = RwSignal::new(Cancellation::default());
    let password = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let navigate = use_navigate();
    let send = Action::new(
        move |(number, request, password): &(String, Cancellation, String)| {
            apply_cancellation(number.clone(), request.clone(), password.clone())
        },
    );
    Effect::new(move |_| match send.value().get() {
        Some(Ok(id)) => navigate(&format!("/review/{id}"), Default::default()),
        Some(Err(_)) => confirming.set(false),
        None => {}
    });
    let checked_record = record.clone();
    let local_errors = Memo::new(move |_| {
        let given = password.with(|p| !p.is_empty());
        request.with(|r| r.validate(&checked_record, given))
    });
    let error_at = move |field: &'static str| {
        Signal::derive(move || {
            let local = tried
                .get()
                .then(|| local_errors.with(|e| e.iter().find(|e| e.field == field).cloned()))
                .flatten();
            local.or_else(|| {
                send.value()
                    .get()
                    .and_then(Result::err)
                    .and_then(|e| e.field_errors().iter().find(|e| e.field == field).cloned())
            })
        })
    };
    let warned_record = record.clone();
    let warnings = Memo::new(move |_| request.with(|r| r.warnings(&warned_record)));
    let toggle =
        move |list: fn(&mut Cancellation) -> &mut Vec<String>, number: String, on: bool| {
            request.update(|r| {
                let items = list(r);
                items.retain(|n| *n != number);
                if on {
                    items.push(number);
                }
            });
        };
    let count = move || request.with(|r| r.explanation.trim().chars().count());
    view! {
        <section class="sub-card" id="cancel-form">
            <h2>"注销申请："{row.name.clone()}" "<span class="icp-number">{subject_number.clone()}</span></h2>
            <fieldset>
                <legend>"注销内容"</legend>
                <label class="check">
                    <input type="checkbox" id="cancel-subject"
                        on:change=move |ev| request.update(|r| r.subject = event_target_checked(&ev))/>
                    "注销主体（其全部网站和接入随之注销）"
                </label>
                {record.sites.iter().enumerate().map(|(i, site)| {
                    let (number, for_access) = (site.number.clone(), site.number.clone());
                    let has_access = site.has_access;
                    view! {
                        <div class="site-targets">
                            <label class="check">
                                <input type="checkbox" id=format!("cancel-site-{i}")
                                    disabled=move || request.with(|r| r.subject)
                                    on:change=move |ev| toggle(|r| &mut r.sites, number.clone(), event_target_checked(&ev))/>
                                {format!("注销网站 {} {}（{}）", site.number, site.name, site.domains.join("、"))}
                            </label>
                            <label class="check">
                                <input type="checkbox" id=format!("cancel-access-{i}")
                                    disabled=move || !has_access || request.with(|r| r.subject)
                                    on:change=move |ev| toggle(|r| &mut r.accesses, for_access.clone(), event_target_checked(&ev))/>
                                {if has_access { format!("取消接入 {}", site.number) } else { format!("{} 已无接入", site.number) }}
                            </label>
                        </div>
                    }
                }).collect_view()}
                <FieldMessage id="cancel-targets-error".to_owned() error=error_at("targets")/>
            </fieldset>
            <label for="cancel-reason">"申请注销的理由"</label>
            <select id="cancel-reason" on:change=move |ev| request.update(|r| r.reason = event_target_value(&ev))>
                <option value="">"请选择"</option>
                {REASONS.iter().map(|(code, label)| view! { <option value=*code>{*label}</option> }).collect_view()}
            </select>
            <FieldMessage id="cancel-reason-error".to_owned() error=error_at("reason")/>
            <label for="cancel-explanation">"注销的原因说明"</label>
            <textarea id="cancel-explanation" rows="3"
                on:input=move |ev| request.update(|r| r.explanation = event_target_value(&ev))></textarea>
            <p class="hint">{move || format!("{} / {MAX_EXPLANATION_CHARS} 字", count())}</p>
            <FieldMessage id="cancel-explanation-error".to_owned() error=error_at("explanation")/>
            {move || request.with(|r| r.subject).then(|| view! {
                <label for="cancel-password">"备案密码"</label>
                <input type="password" id="cancel-password" autocomplete="off"
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
                <p class="hint">"注销主体须输入备案密码；一小时内连续输错 5 次将被锁定。"</p>
            })}
            <FieldMessage id="cancel-password-error".to_owned() error=error_at("password")/>
            {move || {
                let list = warnings.get();
                (!list.is_empty()).then(|| view! {
                    <div class="alert alert-warning" role="alert" id="cancel-warnings">
                        <ul>{list.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <FormAlert error=Signal::derive(move || send.value().get().and_then(Result::err).filter(|e| !matches!(e, AppError::Validation(_))))/>
            {move || if confirming.get() {
                let number = subject_number.clone();
                view! {
                    <div class="confirm" role="alertdialog" aria-label="确认注销">
                        <p><strong>"确认提交注销申请？注销经管局审核通过后不能恢复。"</strong></p>
                        <button type="button" class="button button-danger" id="confirm-cancel" disabled=move || send.pending().get()
                            on:click=move |_| { send.dispatch((number.clone(), request.get_untracked(), password.get_untracked())); }>"确认提交"</button>
                        " "
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>"返回修改"</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-primary" id="submit-cancel" on:click=move |_| {
                        tried.set(true);
                        if local_errors.with_untracked(|e: &Vec<FieldError>| e.is_empty()) {
                            confirming.set(true);
                        }
                    }>"提交注销申请"</button>
                }.into_any()
            }}
        </section>
    }
}
