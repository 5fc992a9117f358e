//! The three-step wizard (主体 → 服务信息 (网站, APP, 小程序, 快应用, with their accesses) → 总结). The draft is saved on
//! the server at every step change and on 保存, so a reload or another
//! device continues where the user left; the step lives in the URL.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::auth::SessionUser;
use crate::api::change::submit_change;
use crate::api::filing::{
    load_filing, record_checks, save_filing, submit_filing, FilingView, ProviderOption, SaveStep,
};
use crate::domain::filing::{Context, Filing};
use crate::domain::filing_paths::{dom_id, step_of};
use crate::domain::ip::parse_blocks;
use crate::domain::review::{pinnable_fields, ReturnReason};
use crate::error::AppError;
use crate::pages::filing::list::FILING_ROLES;
use crate::pages::filing::sites_step::SitesStep;
use crate::pages::filing::subject_step::SubjectStep;
use crate::pages::filing::summary_step::SummaryStep;
use crate::ui::alert::{FormAlert, LoadFailure};
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;
use crate::ui::wizard_fields::{today, Wizard};

#[component]
pub fn WizardPage() -> impl IntoView {
    view! { <RoleGate roles=FILING_ROLES page=wizard/> }
}

/// The access providers a filer may file with, and whether the filing is
/// the provider's own (代为备案, whose provider is fixed).
#[derive(Clone)]
pub struct Providers(pub Vec<ProviderOption>, pub bool);

/// Bumped to reload the application from the server (after a submit).
#[derive(Clone, Copy)]
pub struct Reload(pub RwSignal<u32>);

fn wizard(_user: SessionUser) -> AnyView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let reload = Reload(RwSignal::new(0));
    provide_context(reload);
    let view_data = Resource::new(move || (id(), reload.0.get()), |(id, _)| load_filing(id));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(data) => view! { <WizardBody data/> }.into_any(),
                    Err(error) => view! { <LoadFailure error/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// Why the draft is being saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SaveReason {
    /// Moving to this step.
    Step(u8),
    /// The 保存 button.
    Button,
    /// A pause in typing: nothing typed is lost on a reload.
    Auto,
}

/// What a button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Request {
    Save(SaveReason),
    Submit,
}

/// How long typing must pause before the draft saves itself.
const AUTOSAVE_AFTER: std::time::Duration = std::time::Duration::from_millis(1500);

/// Saves the draft after each pause in editing. While a save or submit is
/// running the autosave waits for it (so versions never race) and then
/// saves whatever was edited meanwhile.
fn autosave(
    wizard: Wizard,
    dirty: RwSignal<bool>,
    save: Action<SaveReason, Result<(i32, SaveReason), AppError>>,
    submitting: Memo<bool>,
) {
    if !wizard.editable {
        return;
    }
    let timer = StoredValue::new(None::<TimeoutHandle>);
    // (Re)starts the pause after which the draft saves itself.
    let arm = move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let idle = dirty.try_get_untracked() == Some(true)
                    && save.pending().try_get_untracked() == Some(false)
                    && submitting.try_get_untracked() == Some(false);
                if idle {
                    save.dispatch(SaveReason::Auto);
                }
            },
            AUTOSAVE_AFTER,
        );
        timer.set_value(handle.ok());
    };
    Effect::new(move |previous: Option<()>| {
        wizard.filing.track();
        if previous.is_none() {
            return;
        }
        dirty.set(true);
        if !wizard.record_findings.with_untracked(Vec::is_empty) {
            wizard.record_findings.set(Vec::new());
        }
        arm();
    });
    // Edits made while a save was running are saved once it has ended.
    Effect::new(move |_| {
        let busy = save.pending().get() || submitting.get();
        if !busy && dirty.get_untracked() {
            arm();
        }
    });
    on_cleanup(move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    });
}

/// The wizard around a loaded application.
#[component]
fn WizardBody(data: FilingView) -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let step = move || {
        query
            .with(|q| {
                q.get("step")
                    .and_then(|s| s.parse::<u8>().ok())
                    .unwrap_or(1)
            })
            .clamp(1, 3)
    };
    let filing = RwSignal::new(data.filing.clone());
    let version = RwSignal::new(data.version);
    let providers = data.providers.clone();
    let findings = Memo::new(move |_| {
        filing.with(|f| {
            let blocks = f
                .provider_id
                .and_then(|id| providers.iter().find(|p| p.id == id))
                .and_then(|p| parse_blocks(&p.ip_blocks).ok());
            f.validate(&Context {
                today: today(),
                provider_blocks: blocks.as_deref(),
            })
        })
    });
    let wizard = Wizard {
        id: data.id,
        filing,
        editable: data.editable,
        change: data
            .change
            .as_ref()
            .map(|(kind, base)| (*kind, base.sites.len())),
        touched: RwSignal::new(HashSet::new()),
        show_all: RwSignal::new(false),
        // A returned filing opens with each reason at its field; editing
        // the field clears it (`Wizard::touch`).
        server_errors: RwSignal::new(
            data.return_reasons
                .iter()
                .map(|r| r.as_field_error())
                .collect(),
        ),
        findings,
        record_findings: RwSignal::new(Vec::new()),
    };
    provide_context(wizard);
    provide_context(Providers(data.providers.clone(), data.proxy));
    let id = data.id;
    // Some(true) after a save the user asked for, Some(false) after an
    // autosave. A plain form's save comes back with `saved` in the address.
    let status = RwSignal::new(query.with_untracked(|q| q.get("saved")).map(|_| true));
    // The step's plain form (no script): its error comes back in the address.
    let plain_save = ServerAction::<SaveStep>::new();
    // Edited since the last save was dispatched: only then may an autosave
    // run, and meanwhile no "saved" status shows.
    let dirty = RwSignal::new(false);
    let save = Action::new(move |reason: &SaveReason| {
        let reason = *reason;
        dirty.set(false);
        // The status speaks of this save only once it has finished.
        status.set(None);
        let f = filing.get_untracked();
        let v = version.get_untracked();
        async move {
            let saved = save_filing(id, v, f).await?;
            // Set before the action stops pending, so a request queued
            // behind this save sends the new version.
            version.set(saved);
            Ok((saved, reason))
        }
    });
    // After each save the server checks the rules that read the records, on
    // the version just saved; an answer that arrives after a further edit
    // is dropped.
    let record_check = Action::new(move |saved: &i32| record_checks(id, *saved));
    Effect::new(move |_| {
        if let Some(Ok(found)) = record_check.value().get() {
            if !dirty.get_untracked() {
                wizard.record_findings.set(found);
            }
        }
    });
    let go = navigate.clone();
    Effect::new(move |_| {
        if let Some(Ok((saved, reason))) = save.value().get() {
            record_check.dispatch(saved);
            if reason == SaveReason::Auto {
                status.set(Some(false));
                return;
            }
            wizard.show_all.set(true);
            status.set(Some(true));
            if let SaveReason::Step(step) = reason {
                go(&format!("/filings/{id}?step={step}"), Default::default());
            }
        }
    });
    let save_error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(Result::err)
            .or_else(|| plain_save.value().get().and_then(Result::err))
    });
    let password = RwSignal::new(String::new());
    let is_change = data.change.is_some();
    let submit = Action::new(move |_: &()| {
        let f = filing.get_untracked();
        let v = version.get_untracked();
        let given = password.get_untracked();
        async move {
            let v = save_filing(id, v, f).await?;
            version.set(v);
            if is_change {
                submit_change(id, v, given).await
            } else {
                submit_filing(id, v, Some(given).filter(|p| !p.is_empty())).await
            }
        }
    });
    let reload = expect_context::<Reload>();
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(_)) => reload.0.update(|n| *n += 1),
        Some(Err(AppError::Validation(errors))) => {
            wizard.server_errors.set(errors);
            wizard.show_all.set(true);
        }
        _ => {}
    });
    let submit_error = Signal::derive(move || submit.value().get().and_then(Result::err));
    autosave(wizard, dirty, save, submit.pending());
    // The buttons stay enabled while an autosave runs: a click then waits
    // for it instead of landing on a button disabled a moment ago.
    let queued = RwSignal::new(None::<Request>);
    let run = move |request: Request| match request {
        Request::Save(reason) => {
            save.dispatch(reason);
        }
        Request::Submit => {
            submit.dispatch(());
        }
    };
    let request = move |request: Request| {
        if save.pending().get_untracked() {
            queued.set(Some(request));
        } else {
            run(request);
        }
    };
    Effect::new(move |_| {
        if !save.pending().get() {
            if let Some(next) = queued.try_update(Option::take).flatten() {
                run(next);
            }
        }
    });
    let busy = Signal::derive(move || {
        submit.pending().get()
            || queued.with(Option::is_some)
            || save
                .input()
                .with(|input| input.is_some_and(|r| r != SaveReason::Auto))
    });
    let state = data.state;
    let owner = data.owner_name.clone();
    let step_link = move |n: u8, zh: &'static str, en: &'static str| {
        view! {
            <li class:current=move || step() == n>
                {if wizard.editable {
                    view! {
                        <button type="submit" form="wizard-form" name="to" value=n class="step-button" disabled=move || busy.get()
                            on:click=move |ev| { ev.prevent_default(); request(Request::Save(SaveReason::Step(n))); }>
                            {n}". "{tr(zh, en)}
                        </button>
                    }.into_any()
                } else {
                    view! { <A href=format!("/filings/{id}?step={n}")>{n}". "{tr(zh, en)}</A> }.into_any()
                }}
            </li>
        }
    };
    view! {
        <section class="panel wizard">
            <h1>
                {tr("备案信息录入", "Filing")}" #"{id}
                <span class=format!("badge state-{}", state.code().to_lowercase())>
                    {state.label(lang())}
                </span>
            </h1>
            {data.proxy.then(|| view! { <p class="hint">{tr("代为备案，客户：", "Filed on behalf of: ")}{owner.clone()}</p> })}
            // Markup, not views: a hydrating page has no nodes inside
            // `<noscript>` to hydrate.
            <noscript inner_html=format!(
                r#"<p class="alert alert-error" id="wizard-needs-script">{}</p>"#,
                tr(
                    "填写备案需要浏览器启用 JavaScript：每个字段都在输入时检查，扫描件在选择后上传，添加网站和提交也需要它。未启用时仍可填写并保存本步骤。请启用 JavaScript 或换用其他浏览器完成备案；备案查询和审核进度无需 JavaScript。",
                    "Filling in a filing needs JavaScript in your browser: every field is checked as you type, scans upload as you choose them, and adding sites and submitting need it too. Without it you can still fill in and save this step. Turn JavaScript on or use another browser to finish; searches and progress work without it.",
                ),
            )></noscript>
            {data.change.as_ref().map(|(kind, _)| view! {
                <p class="alert alert-info" id="change-kind">{lang().pick(format!("备案信息变更：{}。", kind.label(lang())), format!("Change: {}.", kind.label(lang())))}
                    {tr("不属于本次变更的信息不能修改；提交前请在“总结”中核对变更内容。", "Fields outside this change are locked; check the changes on the summary before submitting.")}</p>
            })}
            {(!data.editable).then(|| view! {
                <div class="alert alert-info" role="status">
                    {tr("该备案已提交，数据已冻结，不能再修改。如需修改请使用“申请留言”。", "This filing was submitted; its data is frozen and cannot be changed.")}
                </div>
            })}
            {(!data.return_reasons.is_empty()).then(|| view! { <ReturnNotice id reasons=data.return_reasons.clone() filing=data.filing.clone()/> })}
            // Enter in a field submits with the form's first button (the
            // step buttons below belong to the form too): this one, which
            // saves and stays on the step.
            <button type="submit" form="wizard-form" hidden tabindex="-1" aria-hidden="true"></button>
            <ol class="steps">
                {step_link(1, "主办单位信息", "Subject")}
                {step_link(2, "服务信息", "Services")}
                {step_link(3, "总结", "Summary")}
            </ol>
            <FormAlert error=save_error/>
            {move || status.get().filter(|_| !dirty.get()).map(|asked| view! {
                <p class="saved" role="status">
                    {if asked { view! { {tr("已保存草稿", "Draft saved")} } } else { view! { {tr("已自动保存", "Saved automatically")} } }}
                </p>
            })}
            // The step is a form, so it saves without the script too
            // (`filing/save_step`); with it, the buttons below save instead.
            <form method="post" action="/api/filing/save_step" id="wizard-form" on:submit=|ev| ev.prevent_default()>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="version" value=move || version.get()/>
            <input type="hidden" name="step" value=step/>

            {move || match step() {
                1 => view! { <SubjectStep/> }.into_any(),
                2 => view! { <SitesStep/> }.into_any(),
                _ => view! { <SummaryStep data=data.clone() version submit_error on_submit=Callback::new(move |_| request(Request::Submit)) submitting=busy password/> }.into_any(),
            }}
            {wizard.editable.then(|| view! {
                <div class="wizard-actions">
                    // Each posts the step and names the step to land on; the
                    // script saves in place of the post.
                    {move || (step() > 1).then(|| view! {
                        <button type="submit" name="to" value=step() - 1 class="button button-secondary" disabled=move || busy.get()
                            on:click=move |ev| { ev.prevent_default(); request(Request::Save(SaveReason::Step(step() - 1))); }>
                            {tr("上一步", "Back")}
                        </button>
                    })}
                    <button type="submit" name="to" value=step class="button button-secondary" disabled=move || busy.get()
                        on:click=move |ev| { ev.prevent_default(); request(Request::Save(SaveReason::Button)); }>
                        {tr("保存", "Save")}
                    </button>
                    {move || (step() < 3).then(|| view! {
                        <button type="submit" name="to" value=step() + 1 class="button button-primary" disabled=move || busy.get()
                            on:click=move |ev| { ev.prevent_default(); request(Request::Save(SaveReason::Step(step() + 1))); }>
                            {tr("保存并下一步", "Save and continue")}
                        </button>
                    })}
                </div>
            })}
            </form>
        </section>
    }
}

/// 未通过原因: why the filing came back, each pinned reason linked to its
/// field.
#[component]
fn ReturnNotice(id: i32, reasons: Vec<ReturnReason>, filing: Filing) -> impl IntoView {
    let fields = pinnable_fields(&filing, lang());
    view! {
        <div class="alert alert-error" role="alert" id="return-reasons">
            <p><strong>{tr("该备案被退回，请按以下原因修改后重新提交：", "This filing was returned. Fix the following and submit again:")}</strong></p>
            <ul>
                {reasons.into_iter().map(|r| {
                    let text = r.text.clone();
                    if r.field.is_empty() {
                        view! { <li>{text}</li> }.into_any()
                    } else {
                        let href = format!("/filings/{id}?step={}#{}", step_of(&r.field), dom_id(&r.field));
                        let label = fields
                            .iter()
                            .find(|f| f.path == r.field)
                            .map_or_else(|| r.field.clone(), |f| f.label.clone());
                        view! { <li><A href=href>{label}</A>{tr("：", ": ")}{text}</li> }.into_any()
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
