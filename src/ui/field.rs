//! A labelled form field with its inline error.
//!
//! The error shown is the server's for this field after a submit, or the
//! shared `domain` check as the user edits (once the field has been left or
//! was refused), so the browser and the server speak with one voice.

use leptos::prelude::*;

use crate::domain::field_error::{first_for, FieldError};
use crate::error::AppError;
use crate::ui::i18n::lang;

/// The field errors of an action's last result, for its fields to pick from.
pub fn field_errors<T, S>(value: S) -> Signal<Vec<FieldError>>
where
    S: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || {
        value.with(|v| match v {
            Some(Err(error)) => error.field_errors().to_vec(),
            _ => Vec::new(),
        })
    })
}

/// The non-field error of an action's last result, for the form banner.
pub fn action_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    S: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned())))
}

/// The message line under a field (always present so screen readers hear
/// changes to it).
#[component]
pub fn FieldMessage(id: String, #[prop(into)] error: Signal<Option<FieldError>>) -> impl IntoView {
    view! {
        <p class="field-error" class:field-warning=move || error.with(|e| e.as_ref().is_some_and(|e| e.warning)) id=id role="alert">
            {move || error.get().map(|e| e.message(lang()).to_owned())}
        </p>
    }
}

/// A text-like input (`text`, `password`, `email`, `tel`).
#[component]
pub fn TextField(
    /// Form field name, also the `FieldError::field` it shows.
    name: &'static str,
    /// Label content.
    #[prop(into)]
    label: ViewFn,
    /// Errors from the last submit.
    #[prop(into)]
    server_errors: Signal<Vec<FieldError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<ViewFn>,
    /// The shared rule to run as the user edits.
    #[prop(optional)]
    check: Option<Callback<String, Option<FieldError>>>,
    /// Pass a signal to share the value with other fields' checks.
    #[prop(optional)]
    value: Option<RwSignal<String>>,
    /// Set to show the check's verdict before the field was left (a form
    /// page's 下一步 checks every field on it).
    #[prop(optional, into)]
    reveal: Option<Signal<bool>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let value = value.unwrap_or_else(|| RwSignal::new(String::new()));
    let touched = RwSignal::new(false);
    let edited = RwSignal::new(false);
    Effect::new(move |_| {
        server_errors.track();
        edited.set(false);
    });
    let server_error =
        Signal::derive(move || server_errors.with(|errors| first_for(errors, name).cloned()));
    let shown = Signal::derive(move || match server_error.get() {
        Some(error) if !edited.get() => Some(error),
        _ if touched.get() || reveal.is_some_and(|r| r.get()) => {
            check.and_then(|c| c.run(value.get()))
        }
        _ => None,
    });
    let described_by = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <div class="field" class:has-error=move || shown.with(Option::is_some)>
            <label for=id.clone()>
                {label.run()}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                aria-required=required.then_some("true")
                aria-invalid=move || shown.with(Option::is_some).to_string()
                aria-describedby=described_by
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    edited.set(true);
                    if server_error.with_untracked(Option::is_some) {
                        touched.set(true);
                    }
                }
                on:blur=move |_| touched.set(true)
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint.run()}</p> })}
            <FieldMessage id=error_id error=shown/>
        </div>
    }
}
