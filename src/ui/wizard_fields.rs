//! The wizard's inputs. They read and write one shared `Filing` signal by
//! field path and show the first finding of `Filing::validate` for their
//! path once the field was left (or after a save or submit showed all), or
//! the server's answer for it.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::domain::change::{locked, ChangeKind};
use crate::domain::date::Date;
use crate::domain::field_error::FieldError;
use crate::domain::filing::Filing;
use crate::domain::filing_paths::{codes, codes_mut, dom_id, text, text_mut};
use crate::domain::step_form::{list_name, text_name};
use crate::domain::upload::DocumentRef;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr};

/// The state every wizard input shares, provided as context.
#[derive(Clone, Copy)]
pub struct Wizard {
    /// The application's id (uploads attach to it).
    pub id: i32,
    /// The filing as edited.
    pub filing: RwSignal<Filing>,
    /// False once submitted: every input is read-only.
    pub editable: bool,
    /// For a 变更: its kind and how many sites the live record has, which
    /// decide the locked fields.
    pub change: Option<(ChangeKind, usize)>,
    /// Paths the user has left.
    pub touched: RwSignal<HashSet<String>>,
    /// Show every finding (after a save, a step change or a submit).
    pub show_all: RwSignal<bool>,
    /// The server's field errors from the last submit.
    pub server_errors: RwSignal<Vec<FieldError>>,
    /// `Filing::validate` of the current filing.
    pub findings: Memo<Vec<FieldError>>,
    /// The rules that read the live records (a mobile another subject
    /// uses …), as the server found them on the last save; emptied as soon
    /// as the filing changes again, so they never speak of older values.
    pub record_findings: RwSignal<Vec<FieldError>>,
}

impl Wizard {
    /// Whether the user may edit the field at `path` now.
    pub fn can_edit(&self, path: &str) -> bool {
        self.editable
            && !self
                .change
                .is_some_and(|(kind, sites)| locked(kind, path, sites))
    }

    /// Whether sites may be added (a first filing, or 新增网站).
    pub fn can_add_site(&self) -> bool {
        self.editable
            && self
                .change
                .is_none_or(|(kind, _)| kind == ChangeKind::AddSite)
    }

    /// Whether site `i` may be deleted (never a live one in a change).
    pub fn can_remove_site(&self, i: usize) -> bool {
        self.editable
            && self
                .change
                .is_none_or(|(kind, sites)| kind == ChangeKind::AddSite && i >= sites)
    }

    /// Whether a domain of site `i` may be removed: a 变更网站信息 may drop
    /// domains though it may not add or edit them.
    pub fn can_remove_domain(&self, i: usize) -> bool {
        self.can_remove_site(i)
            || (self.editable
                && self
                    .change
                    .is_some_and(|(kind, _)| kind == ChangeKind::Site))
    }

    /// The message to show under `path`, if any.
    pub fn error_for(&self, path: &str) -> Option<FieldError> {
        let server = self
            .server_errors
            .with(|errors| errors.iter().find(|e| e.field == path).cloned());
        if server.is_some() {
            return server;
        }
        let shown = self.show_all.get() || self.touched.with(|t| t.contains(path));
        if !shown {
            return None;
        }
        let at_path = |all: &Vec<FieldError>, warning: bool| {
            all.iter()
                .find(|e| e.field == path && e.warning == warning)
                .cloned()
        };
        self.findings
            .with(|all| at_path(all, false))
            .or_else(|| self.record_findings.with(|all| at_path(all, false)))
            .or_else(|| self.findings.with(|all| at_path(all, true)))
    }

    /// Marks a field as left, and forgets the server's word on it.
    pub fn touch(&self, path: &str) {
        self.touched.update(|t| {
            t.insert(path.to_owned());
        });
        self.server_errors
            .update(|errors| errors.retain(|e| e.field != path));
    }
}

/// Today's date where the code runs: the browser's clock, or Beijing time
/// on the server.
pub fn today() -> Date {
    #[cfg(feature = "ssr")]
    {
        crate::server::infra::time::beijing_today(chrono::Utc::now())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let now = js_sys::Date::new_0();
        Date::new(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        )
        .unwrap_or(Date {
            year: 2026,
            month: 1,
            day: 1,
        })
    }
}

/// Text as the markup inside a `<textarea>`, which shows it verbatim: a
/// view child would carry the page's hydration markers into the text.
fn as_markup(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

fn message_line(w: Wizard, path: String) -> impl IntoView {
    let id = format!("{}-error", dom_id(&path));
    view! { <FieldMessage id=id error=Signal::derive(move || w.error_for(&path))/> }
}

/// A text input (or textarea) bound to a text path.
#[component]
pub fn TextIn(
    path: String,
    zh: &'static str,
    en: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let id = dom_id(&path);
    let error_id = format!("{id}-error");
    let read = path.clone();
    let value = move || {
        w.filing
            .with(|f| text(f, &read).cloned().unwrap_or_default())
    };
    let write = path.clone();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        w.filing.update(|f| {
            if let Some(slot) = text_mut(f, &write) {
                *slot = v;
            }
        });
    };
    let left = path.clone();
    let on_blur = move |_| w.touch(&left);
    let flagged = path.clone();
    let has_error = Signal::derive(move || w.error_for(&flagged).is_some_and(|e| !e.warning));
    let value = Signal::derive(value);
    let disabled = !w.can_edit(&path);
    // The name and the value as markup serve the step's plain form, before
    // the script runs; after, the value follows the filing.
    let name = text_name(&path);
    let initial = value.get_untracked();
    let input = if multiline {
        view! {
            <textarea id=id.clone() name=name rows="3" placeholder=placeholder disabled=disabled aria-describedby=error_id.clone()
                inner_html=as_markup(&initial) prop:value=value on:input=on_input on:blur=on_blur></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name type=kind placeholder=placeholder disabled=disabled aria-describedby=error_id.clone()
                aria-invalid=move || has_error.get().to_string() value=initial prop:value=value on:input=on_input on:blur=on_blur/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=has_error>
            <label for=id>
                {tr(zh, en)}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {input}
            {message_line(w, path)}
        </div>
    }
}

/// A select bound to a text path; `options` are (code, zh, en).
#[component]
pub fn SelectIn(
    path: String,
    zh: &'static str,
    en: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String, String)>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let id = dom_id(&path);
    let disabled = !w.can_edit(&path);
    let read = path.clone();
    let value = Signal::derive(move || {
        w.filing
            .with(|f| text(f, &read).cloned().unwrap_or_default())
    });
    let write = path.clone();
    let on_change = move |ev| {
        let v = event_target_value(&ev);
        w.filing.update(|f| {
            if let Some(slot) = text_mut(f, &write) {
                *slot = v;
            }
        });
        w.touch(&write);
    };
    let flagged = path.clone();
    let has_error = move || w.error_for(&flagged).is_some_and(|e| !e.warning);
    view! {
        <div class="field" class:has-error=has_error>
            <label for=id.clone()>
                {tr(zh, en)}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            <select id=id name=text_name(&path) disabled=disabled on:change=on_change prop:value=value>
                <option value="">{move || tr("—请选择—", "— choose —")}</option>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(code, zh, en)| {
                            let selected = code == current;
                            view! { <option value=code selected=selected>{lang().pick(zh, en)}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {message_line(w, path)}
        </div>
    }
}

/// One checkbox's choice: (code, zh, en).
pub type CheckOption = (String, String, String);

/// The choices of a `ChecksIn`, under headings when the list has two levels
/// (服务内容's categories); a flat list is one group without a heading.
pub struct CheckOptions(pub Vec<(Option<(String, String)>, Vec<CheckOption>)>);

impl From<Vec<CheckOption>> for CheckOptions {
    fn from(options: Vec<CheckOption>) -> Self {
        CheckOptions(vec![(None, options)])
    }
}

/// Checkboxes bound to a code-list path.
#[component]
pub fn ChecksIn(
    path: String,
    zh: &'static str,
    en: &'static str,
    #[prop(into)] options: CheckOptions,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let id = dom_id(&path);
    let disabled = !w.can_edit(&path);
    let boxes = |options: Vec<CheckOption>| {
        options
            .into_iter()
            .map(|(code, label_zh, label_en)| {
                let read = path.clone();
                let write = path.clone();
                let code_read = code.clone();
                let checked = move || w.filing.with(|f| codes(f, &read).contains(&code_read));
                let ticked = checked();
                let name = list_name(&path);
                let code_write = code.clone();
                let on_change = move |ev| {
                    let on = event_target_checked(&ev);
                    w.filing.update(|f| {
                        if let Some(list) = codes_mut(f, &write) {
                            list.retain(|c| *c != code_write);
                            if on {
                                list.push(code_write.clone());
                            }
                        }
                    });
                    w.touch(&write);
                };
                view! {
                    <label class="check">
                        <input type="checkbox" name=name value=code disabled=disabled checked=ticked prop:checked=checked on:change=on_change/>
                        {lang().pick(label_zh, label_en)}
                    </label>
                }
            })
            .collect_view()
    };
    let groups = options
        .0
        .into_iter()
        .map(|(heading, options)| match heading {
            None => view! { <div class="check-grid">{boxes(options)}</div> }.into_any(),
            Some((heading_zh, heading_en)) => view! {
                <fieldset class="check-group">
                    <legend>{lang().pick(heading_zh, heading_en)}</legend>
                    <div class="check-grid">{boxes(options)}</div>
                </fieldset>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <fieldset class="field checks" id=id>
            <legend>{tr(zh, en)}</legend>
            // Posted first, so a list with nothing ticked still arrives.
            <input type="hidden" name=list_name(&path) value="" disabled=disabled/>
            {groups}
            {message_line(w, path)}
        </fieldset>
    }
}

/// A scan upload: checks the size and type in the browser, posts to
/// `/documents`, and hands the stored reference to `on_uploaded`.
#[component]
pub fn DocUpload(
    /// The path whose error shows under it (e.g. `subject.cert_scan`).
    path: String,
    zh: &'static str,
    en: &'static str,
    /// `domain::upload::DOCUMENT_KINDS` code.
    kind: &'static str,
    #[prop(into)] current: Signal<Option<DocumentRef>>,
    on_uploaded: Callback<DocumentRef>,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let id = dom_id(&path);
    let can_upload = w.can_edit(&path);
    let local_error = RwSignal::new(None::<FieldError>);
    let busy = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            match browser_check(&file) {
                Some(error) => {
                    local_error.set(Some(error));
                    input.set_value("");
                }
                None => {
                    local_error.set(None);
                    busy.set(true);
                    leptos::task::spawn_local(async move {
                        match upload(w.id, kind, file).await {
                            Ok(doc) => on_uploaded.run(doc),
                            Err(error) => local_error.set(Some(error)),
                        }
                        busy.set(false);
                    });
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, on_uploaded, kind);
    };
    let shown_path = path.clone();
    let shown = Signal::derive(move || local_error.get().or_else(|| w.error_for(&shown_path)));
    let error_id = format!("{id}-error");
    view! {
        <div class="field upload" class:has-error=move || shown.with(Option::is_some)>
            <label for=id.clone()>{tr(zh, en)}<span class="required" aria-hidden="true">" *"</span></label>
            <p class="hint">
                {move || tr("JPEG、PNG 或 PDF，不超过 100 KB。", "JPEG, PNG or PDF, at most 100 KB.")}
            </p>
            {move || current.get().map(|doc| view! {
                <p class="uploaded">
                    <a href=format!("/documents/{}", doc.id) rel="external">{doc.name.clone()}</a>
                </p>
            })}
            {can_upload.then(|| view! {
                <input id=id type="file" accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
                    aria-describedby=error_id.clone() on:change=on_change/>
            })}
            {move || busy.get().then(|| view! { <p class="hint">{move || tr("正在上传…", "Uploading…")}</p> })}
            <FieldMessage id=error_id error=shown/>
        </div>
    }
}

/// What the browser can tell before uploading: size and declared type.
#[cfg(feature = "hydrate")]
fn browser_check(file: &web_sys::File) -> Option<FieldError> {
    use crate::domain::upload::MAX_UPLOAD_BYTES;
    if file.size() > MAX_UPLOAD_BYTES as f64 {
        return Some(FieldError::new(
            "file",
            "DOC_TOO_LARGE",
            "扫描件不能超过 100 KB，请压缩后重新上传",
            "A scan must not exceed 100 KB; compress it and retry",
        ));
    }
    if !matches!(
        file.type_().as_str(),
        "image/jpeg" | "image/png" | "application/pdf"
    ) {
        return Some(FieldError::new(
            "file",
            "DOC_TYPE",
            "只能上传 JPEG、PNG 或 PDF 文件",
            "Only JPEG, PNG or PDF files are accepted",
        ));
    }
    None
}

/// Posts one file to `/documents`.
#[cfg(feature = "hydrate")]
async fn upload(
    application_id: i32,
    kind: &str,
    file: web_sys::File,
) -> Result<DocumentRef, FieldError> {
    use crate::error::AppError;
    let failed = || {
        FieldError::new(
            "file",
            "DOC_UPLOAD",
            "上传失败，请检查网络后重试",
            "The upload failed; check the network and retry",
        )
    };
    let form = web_sys::FormData::new().map_err(|_| failed())?;
    form.append_with_str("application_id", &application_id.to_string())
        .map_err(|_| failed())?;
    form.append_with_str("kind", kind).map_err(|_| failed())?;
    form.append_with_blob_and_filename("file", &file, &file.name())
        .map_err(|_| failed())?;
    let response = gloo_net::http::Request::post("/documents")
        .body(form)
        .map_err(|_| failed())?
        .send()
        .await
        .map_err(|_| failed())?;
    if response.ok() {
        return response.json::<DocumentRef>().await.map_err(|_| failed());
    }
    Err(match response.json::<AppError>().await {
        Ok(AppError::Validation(errors)) => errors.into_iter().next().unwrap_or_else(failed),
        Ok(AppError::TooLarge) => FieldError::new(
            "file",
            "DOC_TOO_LARGE",
            "扫描件不能超过 100 KB",
            "A scan must not exceed 100 KB",
        ),
        Ok(AppError::Conflict) => FieldError::new(
            "file",
            "DOC_FROZEN",
            "该备案已提交，不能再上传",
            "This filing was submitted; uploads are closed",
        ),
        _ => failed(),
    })
}
