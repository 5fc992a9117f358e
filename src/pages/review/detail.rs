//! `/review/:id`: one application as its reviewer (or its filer, following
//! progress) sees it: state and age, the numbers once approved, why it was
//! returned, the decisions the caller may take, everything that was filed
//! with its scans, and the timeline.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::pre_approval::PreApprovalItems;
use super::sms::SmsChecks;
use super::READING_ROLES;
use crate::api::auth::SessionUser;
use crate::api::filing::CopyFiling;
use crate::api::messages::{load_thread, Thread};
use crate::api::review::{decide, open_approval_notice, review_detail, DecideForm, ReviewView};
use crate::domain::cancellation::{reasons, Cancellation};
use crate::domain::field_error::FieldError;
use crate::domain::filing::Context;
use crate::domain::review::{needs_reason, validate_reasons, ReturnReason};
use crate::domain::role::Role;
use crate::domain::service::ServiceKind;
use crate::domain::workflow::{Action as ReviewAction, Actor, Phase, State};
use crate::error::AppError;
use crate::pages::review::electronic::ElectronicVerification;
use crate::ui::alert::{FormAlert, LoadFailure};
use crate::ui::change_table::ChangeTable;
use crate::ui::confirm_box::ConfirmBox;
use crate::ui::field::FieldMessage;
use crate::ui::filing_detail::FilingDetail;
use crate::ui::i18n::{lang, tr, Lang};
use crate::ui::message_thread::MessageThread;
use crate::ui::role_gate::RoleGate;
use crate::ui::timeline::{actor_label, Timeline};
use crate::ui::verification_form::VerificationForm;
use crate::ui::wizard_fields::{today, Wizard};

#[component]
pub fn ReviewPage() -> impl IntoView {
    view! { <RoleGate roles=READING_ROLES page=review_page/> }
}

fn review_page(user: SessionUser) -> AnyView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let reload = RwSignal::new(0u32);
    let data = Resource::new(move || (id(), reload.get()), |(id, _)| review_detail(id));
    let newer = follow_changes(id, data, reload);
    // The 留言 thread loads beside the application, not inside its view: a
    // resource made inside a resolved `Suspend` breaks hydration.
    // The admin reads applications but takes no part in their 留言.
    let writes_messages = user.role != Role::SystemAdmin;
    let messages_tick = RwSignal::new(0u32);
    let thread = Resource::new(
        move || (id(), messages_tick.get()),
        move |(id, _)| async move {
            if writes_messages {
                load_thread(id).await
            } else {
                Err(AppError::Forbidden)
            }
        },
    );
    view! {
        {move || newer.get().map(|state| view! {
            <div class="alert alert-info" role="status" id="review-updated">
                {lang().pick(
                    format!("该申请已被更新，当前状态：{}。", state.label(Lang::Zh)),
                    format!("This application has changed meanwhile; it is now: {}. ", state.label(Lang::En)),
                )}
                <button type="button" class="button button-small" on:click=move |_| reload.update(|n| *n += 1)>
                    {tr("刷新", "Refresh")}
                </button>
            </div>
        })}
        <Suspense fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <ReviewBody data=view reload thread messages_tick/> }.into_any(),
                    Err(error) => view! { <LoadFailure error/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// Live refresh of an open review page. When the application changes, the
/// page reloads at once, unless the caller could lose something by it: with
/// a decision panel or the 前置审批 item form open, or text typed in a box
/// (a reason, a 留言), it says so and waits for 刷新. Returns the state of a
/// newer version that waits.
fn follow_changes(
    id: impl Fn() -> i32 + Copy + Send + Sync + 'static,
    data: Resource<Result<ReviewView, AppError>>,
    reload: RwSignal<u32>,
) -> Signal<Option<State>> {
    // The version that waits, and its state.
    let newer = RwSignal::new(None::<(i32, State)>);
    let changed = RwSignal::new(0u32);
    crate::ui::live::refresh_on_changes(changed);
    // A load that shows the waiting version or a later one (刷新, or the
    // caller's own decision, whose announcement may come first) ends the
    // wait.
    Effect::new(move |_| {
        if let Some(Ok(view)) = data.get() {
            if newer
                .get_untracked()
                .is_some_and(|(version, _)| version <= view.version)
            {
                newer.set(None);
            }
        }
    });
    Effect::new(move |first: Option<()>| {
        changed.track();
        if first.is_none() {
            return;
        }
        let Some(Ok(shown)) = data.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Ok(fresh) = review_detail(id()).await else {
                return;
            };
            // A load that finished meanwhile may already show this version.
            let shown = match data.get_untracked() {
                Some(Ok(now)) => now,
                _ => shown,
            };
            if fresh.version > shown.version {
                if shown.allowed.is_empty() && !shown.decides_items && !text_typed() {
                    reload.update(|n| *n += 1);
                } else {
                    newer.set(Some((fresh.version, fresh.state)));
                }
            }
        });
    });
    Signal::derive(move || newer.get().map(|(_, state)| state))
}

/// True when a text box on the page holds text: a reload would lose it.
fn text_typed() -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Ok(boxes) = document().query_selector_all("textarea") else {
            return false;
        };
        (0..boxes.length())
            .filter_map(|i| boxes.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            .any(|area| !area.value().trim().is_empty())
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

#[component]
fn ReviewBody(
    data: ReviewView,
    reload: RwSignal<u32>,
    /// The application's 留言 thread, and what refetches it.
    thread: Resource<Result<Thread, AppError>>,
    messages_tick: RwSignal<u32>,
) -> impl IntoView {
    let state = data.state;
    let phase = Phase::of(data.kind, state);
    let id = data.id;
    let age = match data.limit {
        Some(limit) => lang().pick(
            format!("已等待 {} 个工作日（时限 {limit} 个工作日）", data.waited),
            format!("Waiting {} working days (limit {limit})", data.waited),
        ),
        None => String::new(),
    };
    let overdue = data.limit.is_some_and(|l| data.waited > l);
    let editable_by_me = matches!(
        (data.actor, state),
        (Some(Actor::Filer), State::Draft | State::ReturnedToSponsor)
            | (Some(Actor::Provider), State::Draft | State::ReturnedToIsp)
    );
    let labels: Vec<(String, String)> = data.pinnable.clone();
    let label_of = move |path: &str| {
        labels
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| path.to_owned())
    };
    view! {
        <section class="panel review">
            <h1>
                {lang().pick(format!("备案申请 #{id} "), format!("Application #{id} "))}{data.filing.subject.name.clone()}" "
                <span class="phase" id="review-phase">
                    {phase.label(lang())}
                </span>" "
                <span class=format!("badge state-{}", state.code().to_lowercase())>
                    {state.label(lang())}
                </span>
            </h1>
            <p class="meta">
                {data.kind.label(lang())}" · "{if data.proxy { tr("代为备案", "Filed by the provider") } else { tr("自主备案", "Self-filed") }}{tr(" · 主办者账号：", " · Filer account: ")}{data.owner_name.clone()}
                {(!age.is_empty()).then(|| view! { " · " <span class:overdue=overdue>{age.clone()}</span> })}
            </p>
            {data.numbers.clone().map(|numbers| view! { <ApprovalPanel id numbers_shown=numbers filer=data.actor == Some(Actor::Filer)/> })}
            {(!data.reasons.is_empty()).then(|| view! {
                <div class="alert alert-error" role="alert" id="return-reasons">
                    <p><strong>{tr("未通过原因：", "Reasons for return: ")}</strong></p>
                    <ul>
                        {data.reasons.iter().map(|r| {
                            let place = if r.field.is_empty() { tr("整体", "Whole application").to_owned() } else { label_of(&r.field) };
                            let rule = if r.rule.is_empty() { String::new() } else { format!("[{}] ", r.rule) };
                            view! { <li>{rule}{place}{tr("：", ": ")}{r.text.clone()}</li> }
                        }).collect_view()}
                    </ul>
                    {editable_by_me.then(|| view! {
                        <p><A href=format!("/filings/{id}?step=1") attr:class="button">{tr("修改并重新提交", "Edit and resubmit")}</A></p>
                    })}
                </div>
            })}
            {data.changes_since_return.clone().map(|changes| view! {
                <section class="sub-card" id="changes-since-return">
                    <h2>{tr("自上次退回以来的修改", "Changes since the last return")}</h2>
                    <ChangeTable changes filing=data.filing.clone()/>
                </section>
            })}
            {data.cancellation.clone().map(|request| view! { <CancellationSummary request/> })}
            {data.change_diff.clone().map(|changes| view! {
                <section class="sub-card" id="change-diff">
                    <h2>{tr("变更内容（与备案信息对比）", "The change (compared with the record)")}</h2>
                    <ChangeTable changes filing=data.filing.clone()/>
                </section>
            })}
            {(!data.allowed.is_empty()).then(|| view! { <DecisionPanel data=data.clone() reload/> })}
            {(!data.sms_checks.is_empty()).then(|| view! {
                <SmsChecks id checks=data.sms_checks.clone()
                    resend=state == State::PendingSmsVerification && data.actor == Some(Actor::Provider) reload/>
            })}
            {(data.decides_items || data.pre_approval_items.iter().any(|i| i.decision.is_some())).then(|| view! {
                <PreApprovalItems id version=data.version items=data.pre_approval_items.clone()
                    decides=data.decides_items filing=data.filing.clone() reload/>
            })}
            {(state == State::Revoked && matches!(data.actor, Some(Actor::Filer | Actor::Provider))).then(|| view! { <CopyToDraft id/> })}
            {(state != State::Draft && data.actor.is_some()).then(|| view! { <MessageThread id thread tick=messages_tick on_returned=Callback::new(move |_| reload.update(|n| *n += 1))/> })}
            <FilingDetail filing=data.filing.clone() verification=data.verification.clone() provider_names=data.provider_names.clone()/>
            <h2>{tr("操作记录", "Operations")}</h2>
            <Timeline rows=data.timeline.clone()/>
            {(!data.subject_applications.is_empty()).then(|| view! {
                <section id="subject-applications">
                    <h2>{tr("该主体的其他申请", "Other applications of this subject")}</h2>
                    <p class="hint">{tr("与本申请的操作记录一起，这里是该主体的全部操作。", "With this application's operations, these are all of the subject's.")}</p>
                    <table class="data">
                        <thead><tr><th>"#"</th><th>{tr("类型", "Kind")}</th><th>{tr("状态", "State")}</th><th>{tr("更新时间", "Updated")}</th></tr></thead>
                        <tbody>
                            {data.subject_applications.iter().map(|other| view! {
                                <tr>
                                    <td><A href=format!("/review/{}", other.id)>{format!("#{}", other.id)}</A></td>
                                    <td>{other.kind.label(lang())}</td>
                                    <td><span class=format!("badge state-{}", other.state.code().to_lowercase())>{other.state.label(lang())}</span></td>
                                    <td>{lang().date_time(&other.updated_at)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <h3>{tr("该主体其他申请的操作记录", "Operations on the subject's other applications")}</h3>
                    <table class="data" id="subject-history">
                        <thead><tr><th>{tr("时间", "Time")}</th><th>{tr("申请", "Application")}</th><th>{tr("操作", "Actions")}</th><th>{tr("操作者", "By")}</th><th>{tr("状态", "State")}</th><th>{tr("原因", "Reason")}</th></tr></thead>
                        <tbody>
                            {data.subject_history.iter().map(|op| view! {
                                <tr>
                                    <td>{lang().date_time(&op.row.at)}</td>
                                    <td><A href=format!("/review/{}", op.application_id)>{format!("#{} {}", op.application_id, op.kind.label(lang()))}</A></td>
                                    <td>{op.row.action.label(lang())}</td>
                                    <td>{actor_label(&op.row.actor_role, lang())}</td>
                                    <td><span class=format!("badge state-{}", op.row.state_to.code().to_lowercase())>{op.row.state_to.label(lang())}</span></td>
                                    <td>{op.row.reason.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            })}
        </section>
    }
}

/// What a 注销 application asks for.
#[component]
fn CancellationSummary(request: Cancellation) -> impl IntoView {
    let reason = reasons()
        .iter()
        .find(|r| r.code == request.reason)
        .map_or("", |r| lang().pick(r.zh, r.en));
    view! {
        <section class="sub-card" id="cancellation">
            <h2>{tr("注销内容", "What to cancel")}</h2>
            <ul>
                {request.subject.then(|| view! { <li><strong>{tr("注销主体", "Cancel the subject")}</strong>{tr("（其全部网站、APP、小程序、快应用和接入随之注销）", " (with all its websites, apps, mini-programs, quick apps and access)")}</li> })}
                {request.sites.iter().map(|n| view! { <li>{lang().pick(format!("注销{} {n}", ServiceKind::of_number(n).label(lang())), format!("Cancel {} {n}", ServiceKind::of_number(n).label(lang())))}</li> }).collect_view()}
                {request.accesses.iter().map(|n| view! { <li>{tr("取消接入 ", "End access ")}{n.clone()}</li> }).collect_view()}
            </ul>
            <p>{tr("申请注销的理由：", "Reason for cancelling: ")}{reason}</p>
            <p>{tr("原因说明：", "Explanation: ")}{request.explanation.clone()}</p>
        </section>
    }
}

/// 撤销 keeps what was filed: one click copies it into a new draft and
/// opens it in the wizard. A plain form, so it works before the script
/// runs too (the server then sends the browser to the draft).
#[component]
fn CopyToDraft(id: i32) -> impl IntoView {
    let copy = ServerAction::<CopyFiling>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(draft)) = copy.value().get() {
            navigate(&format!("/filings/{draft}?step=1"), Default::default());
        }
    });
    view! {
        <section class="sub-card" id="copy-to-draft">
            <p>{tr("该申请已撤销，所填信息和扫描件仍保留。可复制为新的草稿，修改后重新提交。", "This application was revoked. Its details and scans are kept: copy it to a new draft, edit it and submit again.")}</p>
            <ActionForm action=copy>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button button-primary" disabled=move || copy.pending().get()>{tr("复制为新草稿", "Copy to a new draft")}</button>
            </ActionForm>
            <FormAlert error=Signal::derive(move || copy.value().get().and_then(Result::err))/>
        </section>
    }
}

/// The numbers of an approved application; the filer also gets the
/// 备案密码, exactly once.
#[component]
fn ApprovalPanel(
    id: i32,
    numbers_shown: crate::api::review::Numbers,
    filer: bool,
) -> impl IntoView {
    let notice = Action::new(move |_: &()| open_approval_notice(id));
    view! {
        <div class="alert alert-success approval" role="status" id="approval">
            <p><strong>{tr("审核通过。", "Approved.")}</strong>{tr("主体备案号：", "Subject filing number: ")}<span class="icp-number" id="subject-number">{numbers_shown.subject.clone()}</span></p>
            <ul>
                {numbers_shown.sites.iter().map(|n| view! { <li>{lang().pick(format!("{}备案号：", ServiceKind::of_number(n).label(lang())), format!("{} filing number: ", ServiceKind::of_number(n).label(lang())))}<span class="icp-number site-number">{n.clone()}</span></li> }).collect_view()}
            </ul>
            {filer.then(|| view! {
                {move || match notice.value().get() {
                    None => view! {
                        <p>
                            <button type="button" class="button" id="show-password" on:click=move |_| { notice.dispatch(()); }>{tr("查看备案密码", "Show the filing password")}</button>
                            " "<span class="hint">{tr("备案密码只显示一次，请妥善保存。", "The filing password is shown only once; keep it safe.")}</span>
                        </p>
                    }.into_any(),
                    Some(Ok(n)) => match n.password {
                        Some(password) => view! {
                            <p class="password-once">{tr("备案密码：", "Filing password: ")}<code id="filing-password">{password}</code>
                                " "<strong>{tr("请立即记录：离开本页后将不再显示。", "Write it down now: it is not shown again after you leave this page.")}</strong></p>
                        }.into_any(),
                        None => view! { <p class="hint" id="password-gone">{tr("备案密码已显示过，不再显示。如遗忘，请通过管局办理找回。", "The filing password was shown before and is not shown again. If it is lost, the bureau can reset it.")}</p> }.into_any(),
                    },
                    Some(Err(error)) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                }}
            })}
        </div>
    }
}

/// The decisions the caller may take now, with return reasons (each for
/// the whole filing or pinned to a field) and, for 核验, the record.
#[component]
fn DecisionPanel(data: ReviewView, reload: RwSignal<u32>) -> impl IntoView {
    let id = data.id;
    let version = RwSignal::new(data.version);
    let reasons = RwSignal::new(vec![ReturnReason::default()]);
    let confirming = RwSignal::new(None::<ReviewAction>);
    let verifying = data.allowed.contains(&ReviewAction::Verify);
    let record = RwSignal::new(data.verification.clone());
    let verify_link = data.verify_link.clone();
    let returns: Vec<ReviewAction> = data
        .allowed
        .iter()
        .copied()
        .filter(|a| needs_reason(*a))
        .collect();
    let filing = data.filing.clone();
    if verifying {
        // The 核验 uploads attach to this application through the wizard's
        // context; they are the only inputs bound to it here (the filing
        // itself is shown read-only by `FilingDetail`).
        let filing = RwSignal::new(data.filing.clone());
        provide_context(Wizard {
            id,
            filing,
            editable: true,
            change: None,
            touched: RwSignal::new(HashSet::new()),
            show_all: RwSignal::new(true),
            server_errors: RwSignal::new(Vec::new()),
            findings: Memo::new(move |_| {
                filing.with(|f| {
                    f.validate(&Context {
                        today: today(),
                        provider_blocks: None,
                    })
                })
            }),
            record_findings: RwSignal::new(Vec::new()),
        });
    }
    let run = Action::new(move |action: &ReviewAction| {
        let action = *action;
        let v = version.get_untracked();
        let given: Vec<ReturnReason> = if needs_reason(action) {
            reasons
                .get_untracked()
                .into_iter()
                .filter(|r| !r.text.trim().is_empty())
                .collect()
        } else {
            Vec::new()
        };
        let verification = (action == ReviewAction::Verify).then(|| record.get_untracked());
        async move { decide(id, v, action, given, verification).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = run.value().get() {
            confirming.set(None);
            reload.update(|n| *n += 1);
        }
    });
    let reason_error = {
        let filing = filing.clone();
        move |action: ReviewAction| {
            let given: Vec<ReturnReason> = reasons
                .get()
                .into_iter()
                .filter(|r| !r.text.trim().is_empty())
                .collect();
            validate_reasons(action, &given, &filing)
        }
    };
    // Without JavaScript the form posts to `decide_form` and the page
    // comes back with its error in the address, which this action reads.
    let plain = ServerAction::<DecideForm>::new();
    let server_errors = move || match (run.value().get(), plain.value().get()) {
        (Some(Err(AppError::Validation(errors))), _)
        | (_, Some(Err(AppError::Validation(errors)))) => errors,
        _ => Vec::new(),
    };
    // The browser's own check of the reasons, then the server's.
    let local = RwSignal::new(Vec::<FieldError>::new());
    let reason_message = Signal::derive(move || {
        local.with(|errors| errors.first().cloned()).or_else(|| {
            server_errors()
                .into_iter()
                .find(|e| e.field == "reason" || e.field.starts_with("reasons["))
        })
    });
    let confirm_message =
        Signal::derive(move || server_errors().into_iter().find(|e| e.field == "confirmed"));
    let pinnable = data.pinnable.clone();
    view! {
        <section class="sub-card decision" id="decision">
            <h2>{tr("审核操作", "Decision")}</h2>
            {verifying.then(|| view! {
                <p class="hint">{tr("核验：查验证件原件，为网站负责人拍摄核验照片，打印核验单请其签字后扫描上传。", "Verification: check the original certificates, photograph the site principal, print the verification form for them to sign, and upload its scan.")}</p>
                <p><a href=format!("/filings/{id}/checklist") target="_blank" rel="external">{tr("打印《网站备案信息真实性核验单》", "Print the verification form")}</a></p>
                <VerificationForm id record version/>
                <ElectronicVerification id link=verify_link.clone() record version/>
            })}
            <form method="post" action="/api/review/decide_form" id="decision-form">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="version" value=move || version.get()/>
            {(!returns.is_empty()).then(|| {
                let pinnable = pinnable.clone();
                view! {
                    <fieldset class="reasons">
                        <legend>{tr("退回原因（退回时必填；可指定到具体字段，主办者将在该字段旁看到）", "Reasons for return (required to return; name a field and the filer sees the reason beside it)")}</legend>
                        {move || {
                            let pinnable = pinnable.clone();
                            (0..reasons.with(Vec::len)).map(move |i| {
                                let pinnable = pinnable.clone();
                                view! {
                                    <div class="reason-row">
                                        <label>{tr("字段", "Field")}
                                            <select id=format!("reason-field-{i}") name=format!("reasons[{i}][field]") on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                reasons.update(|r| r[i].field = v);
                                            }>
                                                <option value="" selected=move || reasons.with(|r| r[i].field.is_empty())>{tr("整体（不指定字段）", "Whole application (no field)")}</option>
                                                {pinnable.iter().map(|(path, label)| {
                                                    let path = path.clone();
                                                    let value = path.clone();
                                                    view! { <option value=value selected=move || reasons.with(|r| r[i].field == path)>{label.clone()}</option> }
                                                }).collect_view()}
                                            </select>
                                        </label>
                                        <label>{tr("原因", "Reason")}
                                            <textarea id=format!("reason-text-{i}") name=format!("reasons[{i}][text]") prop:value=move || reasons.with(|r| r[i].text.clone())
                                                on:input=move |ev| { let v = event_target_value(&ev); reasons.update(|r| r[i].text = v); }></textarea>
                                        </label>
                                    </div>
                                }
                            }).collect_view()
                        }}
                        <button type="button" class="button button-small" id="add-reason" on:click=move |_| reasons.update(|r| r.push(ReturnReason::default()))>{tr("增加一条原因", "Add a reason")}</button>
                        <FieldMessage id="reason-error".into() error=reason_message/>
                    </fieldset>
                }
            })}
            // Until the script runs, no dialog can ask; the form asks instead.
            <ConfirmBox label=tr("我已核对，确认提交所选操作（不可撤回）", "I have checked; take the chosen action (it cannot be undone)") described_by="confirmed-error"/>
            <FieldMessage id="confirmed-error".into() error=confirm_message/>
            <div class="actions">
                {data.allowed.iter().map(|action| {
                    let action = *action;
                    let reason_error = reason_error.clone();
                    view! {
                        <button type="submit" name="action" value=action.code() class=if needs_reason(action) || matches!(action, ReviewAction::Abandon | ReviewAction::Revoke) { "button button-danger" } else { "button button-primary" }
                            disabled=move || run.pending().get()
                            on:click=move |ev| {
                                ev.prevent_default();
                                let errors = reason_error(action);
                                if errors.is_empty() {
                                    local.set(Vec::new());
                                    confirming.set(Some(action));
                                } else {
                                    local.set(errors);
                                    confirming.set(None);
                                }
                            }>
                            {action.label(lang())}
                        </button>
                    }
                }).collect_view()}
            </div>
            {move || confirming.get().map(|action| view! {
                <div class="confirm" role="alertdialog" aria-label=tr("确认操作", "Confirm")>
                    <p>{lang().pick(format!("确认“{}”？此操作不可撤回。", action.label(lang())), format!("Confirm “{}”? This cannot be undone.", action.label(lang())))}</p>
                    <button type="button" class="button button-primary" id="confirm-action" disabled=move || run.pending().get()
                        on:click=move |_| { run.dispatch(action); }>{tr("确认", "Confirm")}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| confirming.set(None)>{tr("取消", "Cancel")}</button>
                </div>
            })}
            <FormAlert error=Signal::derive(move || run.value().get().or_else(|| plain.value().get()).and_then(Result::err))/>
            </form>
        </section>
    }
}
