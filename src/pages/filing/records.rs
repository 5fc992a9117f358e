//! `/cancel` (注销申请, seed §2.5) and `/change` (备案信息变更, §2.3): an
//! advanced search over the caller's live records (the filters are the
//! URL), then, for the chosen record, either a form to tick the subject,
//! sites or accesses to cancel, with the consequences spelled out before
//! anything is sent, or the choice of exactly one kind of change, which
//! opens the wizard on a draft of the record.

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::cancel::{search_records, ApplyCancellation, RecordQuery, RecordRow};
use crate::api::change::StartChange;
use crate::domain::cancellation::{reasons, Cancellation, MAX_EXPLANATION_CHARS};
use crate::domain::catalog;
use crate::domain::change::ChangeKind;
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::pages::filing::list::FILING_ROLES;
use crate::ui::alert::FormAlert;
use crate::ui::confirm_box::ConfirmBox;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;

/// What the chosen record is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Cancel,
    Change,
}

#[component]
pub fn CancelPage() -> impl IntoView {
    view! { <RoleGate roles=FILING_ROLES page=|_| records_page(Purpose::Cancel)/> }
}

#[component]
pub fn ChangePage() -> impl IntoView {
    view! { <RoleGate roles=FILING_ROLES page=|_| records_page(Purpose::Change)/> }
}

fn records_page(purpose: Purpose) -> AnyView {
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
    // The chosen record is in the address too (`pick`), so choosing is a
    // link that works before the script runs, and survives a reload.
    let picked = Memo::new(move |_| query.with(|q| q.get("pick")));
    let current = request.get_untracked();
    view! {
        <section class="panel">
            <h1>{if purpose == Purpose::Cancel { tr("注销申请", "Cancel") } else { tr("备案信息变更", "Change") }}</h1>
            <Form method="GET" action="" attr:class="filters">
                <label>{tr("主办单位名称", "Sponsor name")}<input type="search" name="name" value=current.name/></label>
                <label>{tr("备案号", "Filing number")}<input type="search" name="number" value=current.number/></label>
                <label>{tr("单位负责人", "Principal")}<input type="search" name="principal" value=current.principal/></label>
                <label>{tr("审核通过日期从", "Approved from")}<input type="date" name="from" value=current.from/></label>
                <label>{tr("至", "to")}<input type="date" name="to" value=current.to/></label>
                <button type="submit" class="button button-secondary">{tr("开始搜索", "Search")}</button>
            </Form>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || {
                    let pick = picked.get();
                    Suspend::new(async move {
                        match rows.await {
                            Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                            Ok(rows) if rows.is_empty() => view! { <p class="empty">{tr("没有符合条件的已备案记录。", "No filed records match.")}</p> }.into_any(),
                            Ok(rows) => {
                                let chosen = pick.and_then(|number| rows.iter().find(|r| r.record.subject_number == number).cloned());
                                view! {
                                    <RecordTable rows purpose/>
                                    {chosen.map(|row| match purpose {
                                        Purpose::Cancel => view! { <CancelForm row/> }.into_any(),
                                        Purpose::Change => view! { <ChangeChooser row/> }.into_any(),
                                    })}
                                }.into_any()
                            }
                        }
                    })
                }}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn RecordTable(rows: Vec<RecordRow>, purpose: Purpose) -> impl IntoView {
    let query = use_query_map();
    // This search's address, with the record picked.
    let pick = move |number: &str| {
        let mut params = query.get_untracked();
        params.replace("pick", number.to_owned());
        let anchor = if purpose == Purpose::Cancel {
            "cancel-form"
        } else {
            "change-chooser"
        };
        format!("{}#{anchor}", params.to_query_string())
    };
    let action = if purpose == Purpose::Cancel {
        tr("注销申请", "Cancel")
    } else {
        tr("申请变更", "Request a change")
    };
    view! {
        <table class="data records">
            <thead><tr>
                <th>{tr("主体备案号", "Subject filing number")}</th><th>{tr("主办单位名称", "Sponsor name")}</th><th>{tr("单位负责人", "Principal")}</th>
                <th>{tr("审核通过日期", "Approved on")}</th><th>{tr("网站", "Website")}</th><th>{tr("操作", "Actions")}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let href = pick(&row.record.subject_number);
                    view! {
                        <tr>
                            <td class="icp-number">{row.record.subject_number.clone()}</td>
                            <td>{row.name.clone()}</td>
                            <td>{row.principal.clone()}</td>
                            <td>{lang().date_time(&row.approved_on)}</td>
                            <td>{row.record.sites.iter().map(|s| view! { <div>{s.number.clone()}" "{s.name.clone()}</div> }).collect_view()}</td>
                            <td><A href=href attr:class="button button-secondary">{action}</A></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// 申请变更: exactly one kind, then the wizard on a draft of the record.
/// A plain form: before the script runs the server opens the wizard.
#[component]
fn ChangeChooser(row: RecordRow) -> impl IntoView {
    let number = row.record.subject_number.clone();
    let kind = RwSignal::new(None::<ChangeKind>);
    let navigate = use_navigate();
    let start = ServerAction::<StartChange>::new();
    Effect::new(move |_| {
        if let (Some(Ok(id)), Some(kind)) = (start.value().get(), kind.get_untracked()) {
            navigate(
                &format!("/filings/{id}?step={}", kind.first_step()),
                Default::default(),
            );
        }
    });
    let error = Signal::derive(move || {
        start
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e| e.field_errors().first().cloned())
    });
    view! {
        <section class="sub-card" id="change-chooser">
            <h2>{tr("申请变更：", "Change: ")}{row.name.clone()}" "<span class="icp-number">{number.clone()}</span></h2>
            <ActionForm action=start>
                <input type="hidden" name="subject_number" value=number.clone()/>
                <fieldset>
                    <legend>{tr("变更类型（每次只能选择一种）", "Kind of change (one at a time)")}</legend>
                    {ChangeKind::ALL.into_iter().map(|k| view! {
                        <label class="check">
                            <input type="radio" name="kind" value=k.code() required on:change=move |_| kind.set(Some(k))/>
                            {k.label(lang())}
                        </label>
                    }).collect_view()}
                </fieldset>
                <p class="hint">{tr("“变更网站信息”也用于变更APP、小程序和快应用的信息（变更APP信息），“新增网站”也可新增这三类服务。证件号码、所在省份和单位性质不能变更；更换主体须注销后重新备案。提交变更时须输入备案密码。", "“Change site details” also changes an app, mini-program or quick app, and “Add a site” can add any of them. The certificate number, province and nature cannot change; a new subject must cancel and file again. Submitting a change asks for the filing password.")}</p>
                <FieldMessage id="change-kind-error".to_owned() error/>
                <FormAlert error=Signal::derive(move || start.value().get().and_then(Result::err).filter(|e| e.field_errors().is_empty()))/>
                <button type="submit" class="button button-primary" id="start-change"
                    disabled=move || start.pending().get()>{tr("开始变更", "Start the change")}</button>
            </ActionForm>
        </section>
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
    // A server action, so an error a plain post brought back (`?__err=`)
    // shows at its field too.
    let send = ServerAction::<ApplyCancellation>::new();
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
            <h2>{tr("注销申请：", "Cancellation: ")}{row.name.clone()}" "<span class="icp-number">{subject_number.clone()}</span></h2>
            // Named as `cancel/apply` reads them, so the form posts as it is
            // before the script runs.
            <form method="post" action="/api/cancel/apply">
            <input type="hidden" name="subject_number" value=subject_number.clone()/>
            <fieldset>
                <legend>{tr("注销内容", "What to cancel")}</legend>
                <label class="check">
                    <input type="checkbox" id="cancel-subject" name="request[subject]" value="true"
                        on:change=move |ev| request.update(|r| r.subject = event_target_checked(&ev))/>
                    {tr("注销主体（其全部网站、APP、小程序、快应用和接入随之注销）", "Cancel the subject (with all its websites, apps, mini-programs, quick apps and access)")}
                </label>
                {record.sites.iter().enumerate().map(|(i, site)| {
                    let (number, for_access) = (site.number.clone(), site.number.clone());
                    let has_access = site.has_access;
                    view! {
                        <div class="site-targets">
                            <label class="check">
                                <input type="checkbox" id=format!("cancel-site-{i}") name=format!("request[sites][{i}]") value=site.number.clone()
                                    disabled=move || request.with(|r| r.subject)
                                    on:change=move |ev| toggle(|r| &mut r.sites, number.clone(), event_target_checked(&ev))/>
                                {lang().pick(format!("注销{} {} {}（{}）", site.kind.label(lang()), site.number, site.name, site.domains.join(tr("、", ", "))), format!("Cancel {} {} {} ({})", site.kind.label(lang()), site.number, site.name, site.domains.join(tr("、", ", "))))}
                            </label>
                            <label class="check">
                                <input type="checkbox" id=format!("cancel-access-{i}") name=format!("request[accesses][{i}]") value=site.number.clone()
                                    disabled=move || !has_access || request.with(|r| r.subject)
                                    on:change=move |ev| toggle(|r| &mut r.accesses, for_access.clone(), event_target_checked(&ev))/>
                                {if has_access { lang().pick(format!("取消接入 {}", site.number), format!("End access for {}", site.number)) } else { lang().pick(format!("{} 已无接入", site.number), format!("{} has no access left", site.number)) }}
                            </label>
                        </div>
                    }
                }).collect_view()}
                <FieldMessage id="cancel-targets-error".to_owned() error=error_at("targets")/>
            </fieldset>
            <label for="cancel-reason">{tr("申请注销的理由", "Reason for cancelling")}</label>
            <select id="cancel-reason" name="request[reason]" required on:change=move |ev| request.update(|r| r.reason = event_target_value(&ev))>
                <option value="">{tr("请选择", "Choose…")}</option>
                {catalog::offered(reasons()).map(|r| view! { <option value=r.code>{lang().pick(r.zh, r.en)}</option> }).collect_view()}
            </select>
            <FieldMessage id="cancel-reason-error".to_owned() error=error_at("reason")/>
            <label for="cancel-explanation">{tr("注销的原因说明", "Explanation")}</label>
            <textarea id="cancel-explanation" name="request[explanation]" rows="3" required maxlength=MAX_EXPLANATION_CHARS
                on:input=move |ev| request.update(|r| r.explanation = event_target_value(&ev))></textarea>
            <p class="hint">{move || lang().pick(format!("{} / {MAX_EXPLANATION_CHARS} 字", count()), format!("{} / {MAX_EXPLANATION_CHARS} characters", count()))}</p>
            <FieldMessage id="cancel-explanation-error".to_owned() error=error_at("explanation")/>
            // Asked only for 注销主体; before the script runs nobody can tell,
            // so it shows (`.without-script`) until the page is hydrated.
            <div class="cancel-password" class:without-script=move || request.with(|r| !r.subject)>
                <label for="cancel-password">{tr("备案密码", "Filing password")}</label>
                <input type="password" id="cancel-password" name="password" autocomplete="off"
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
                <p class="hint">{tr("注销主体须输入备案密码；一小时内连续输错 5 次将被锁定。", "Cancelling the subject needs the filing password; 5 wrong tries within an hour lock it.")}</p>
            </div>
            <FieldMessage id="cancel-password-error".to_owned() error=error_at("password")/>
            {move || {
                let list = warnings.get();
                (!list.is_empty()).then(|| view! {
                    <div class="alert alert-warning" role="alert" id="cancel-warnings">
                        <ul>{list.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <ConfirmBox label=tr("确认提交注销申请（注销经管局审核通过后不能恢复）", "Submit the cancellation (once the bureau approves it, it cannot be undone)") described_by="cancel-confirmed-error"/>
            <FieldMessage id="cancel-confirmed-error".to_owned() error=error_at("confirmed")/>
            <FormAlert error=Signal::derive(move || send.value().get().and_then(Result::err).filter(|e| !matches!(e, AppError::Validation(_))))/>
            {move || if confirming.get() {
                let number = subject_number.clone();
                view! {
                    <div class="confirm" role="alertdialog" aria-label=tr("确认注销", "Confirm cancellation")>
                        <p><strong>{tr("确认提交注销申请？注销经管局审核通过后不能恢复。", "Submit the cancellation? Once the bureau approves it, it cannot be undone.")}</strong></p>
                        <button type="button" class="button button-danger" id="confirm-cancel" disabled=move || send.pending().get()
                            on:click=move |_| {
                                send.dispatch(ApplyCancellation {
                                    subject_number: number.clone(),
                                    request: request.get_untracked(),
                                    password: password.get_untracked(),
                                    confirmed: None,
                                });
                            }>{tr("确认提交", "Submit")}</button>
                        " "
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{tr("返回修改", "Go back")}</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="submit" class="button button-primary" id="submit-cancel" on:click=move |ev| {
                        ev.prevent_default();
                        tried.set(true);
                        if local_errors.with_untracked(|e: &Vec<FieldError>| e.is_empty()) {
                            confirming.set(true);
                        }
                    }>{tr("提交注销申请", "Submit the cancellation")}</button>
                }.into_any()
            }}
            </form>
        </section>
    }
}
