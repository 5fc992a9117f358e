//! `/batch/import` (批量导入): provider staff pick a customer, choose or
//! paste a CSV of websites, run 试导入 (every row checked by the wizard's
//! rules, nothing saved) and then 导入, which makes each good row its own
//! 代为备案 draft. The file is read and split here with the shared CSV
//! code and sent in parts, so a long file shows its progress; every bad
//! row is listed with its column and rule.

use leptos::prelude::*;

use crate::api::import::{import_part, FilePart};
use crate::api::provider::{find_customers, CustomerRow};
use crate::domain::csv;
use crate::domain::field_error::FieldError;
use crate::domain::import::{layout, RowOutcome, CHUNK_ROWS};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::ui::alert::FormAlert;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;

const STAFF: &[Role] = &[Role::ProviderStaff, Role::ProviderAdmin];

#[component]
pub fn ImportPage() -> impl IntoView {
    view! { <RoleGate roles=STAFF page=|_| import_page()/> }
}

/// What the last run did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Checking,
    Importing,
}

fn file_problem(zh: &str, en: &str) -> Option<FieldError> {
    Some(FieldError::new("file", "IMPORT_FILE", zh, en))
}

fn import_page() -> AnyView {
    let search = RwSignal::new(String::new());
    let customers = Resource::new(move || search.get(), find_customers);
    let customer = RwSignal::new(None::<CustomerRow>);
    let text = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<FieldError>);
    let server_error = RwSignal::new(None::<AppError>);
    let progress = RwSignal::new((0usize, 0usize));
    let outcomes = RwSignal::new(Vec::<RowOutcome>::new());
    let running = RwSignal::new(None::<Run>);
    let finished = RwSignal::new(None::<Run>);

    let start = move |run: Run| {
        file_error.set(None);
        server_error.set(None);
        let Some(chosen) = customer.get_untracked() else {
            file_error.set(file_problem("请先选择客户", "Choose the customer first"));
            return;
        };
        let records = match csv::parse(&text.get_untracked()) {
            Ok(records) => records,
            Err(bad) => {
                file_error.set(file_problem(
                    &lang().pick(
                        format!("第 {} 行的引号没有闭合", bad.line),
                        format!("Line {} has an unclosed quote", bad.line),
                    ),
                    &format!("A quote opened on line {} is never closed", bad.line),
                ));
                return;
            }
        };
        let Some((header, rows)) = records.split_first() else {
            file_error.set(file_problem("文件是空的", "The file is empty"));
            return;
        };
        if let Err(error) = layout(header) {
            file_error.set(Some(error));
            return;
        }
        if rows.is_empty() {
            file_error.set(file_problem(
                "表头下面没有数据行",
                "There are no rows under the header",
            ));
            return;
        }
        let header = header.clone();
        let rows: Vec<(usize, Vec<String>)> =
            rows.iter().cloned().zip(2..).map(|(r, n)| (n, r)).collect();
        progress.set((0, rows.len()));
        outcomes.set(Vec::new());
        finished.set(None);
        running.set(Some(run));
        leptos::task::spawn_local(async move {
            for chunk in rows.chunks(CHUNK_ROWS) {
                let part = FilePart {
                    customer_id: chosen.id,
                    header: header.clone(),
                    rows: chunk.to_vec(),
                    dry_run: run == Run::Checking,
                };
                match import_part(part).await {
                    Ok(mut answered) => {
                        outcomes.update(|all| all.append(&mut answered));
                        progress.update(|(done, _)| *done += chunk.len());
                    }
                    Err(error) => {
                        server_error.set(Some(error));
                        break;
                    }
                }
            }
            running.set(None);
            finished.set(Some(run));
        });
    };

    view! {
        <section class="panel">
            <h1>{tr("批量导入网站", "Import sites")}</h1>
            <p class="hint">
                {tr("为一个客户导入一批网站（每行一个网站及其接入），每个合格的行生成一份代为备案草稿，主体信息取自客户已备案的主体（没有则在草稿中补填）。先「试导入」检查全部行，再「导入」。", "Import a batch of sites for one customer (one site and its access per row). Each good row becomes a draft filed on the customer's behalf, with the subject taken from the customer's filed subject (or filled in later in the draft). Try the import first to check every row, then import.")}
                <a href="/import-template.csv" download rel="external">{tr("下载导入模板", "Download the template")}</a>
            </p>
            <h2>{tr("1. 选择客户", "1. Choose the customer")}</h2>
            {move || customer.get().map(|c| view! {
                <p id="chosen-customer" class="ok">{lang().pick(format!("已选择：{}（{}）", c.real_name, c.username), format!("Chosen: {} ({})", c.real_name, c.username))}</p>
            })}
            <label for="customer-search">{tr("按用户名或名称查找客户", "Find a customer by username or name")}</label>
            <input id="customer-search" type="search" prop:value=move || search.get()
                on:input=move |ev| search.set(event_target_value(&ev))/>
            <Transition fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match customers.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">{tr("没有匹配的客户账号。", "No customer account matches.")}</p> }.into_any(),
                        Ok(rows) => view! {
                            <ul class="customer-choices">
                                {rows.into_iter().map(|c| {
                                    let label = lang().pick(format!("{}（{}）", c.real_name, c.username), format!("{} ({})", c.real_name, c.username));
                                    view! {
                                        <li><button type="button" class="button button-small"
                                            on:click=move |_| customer.set(Some(c.clone()))>{lang().pick(format!("选择 {label}"), format!("Choose {label}"))}</button></li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>

            <h2>{tr("2. 选择或粘贴 CSV 文件", "2. Choose or paste a CSV file")}</h2>
            <label for="import-file">{tr("CSV 文件（UTF-8，第一行为表头）", "CSV file (UTF-8, header in the first row)")}</label>
            <input id="import-file" type="file" accept=".csv,text/csv" on:change=move |ev| {
                read_file(ev, text, file_error);
            }/>
            <label for="import-text">{tr("CSV 内容", "CSV text")}</label>
            <textarea id="import-text" rows="8" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <FieldMessage id="import-file-error".into() error=Signal::derive(move || file_error.get())/>

            <div class="actions">
                <button type="button" class="button button-secondary" id="import-check"
                    disabled=move || running.get().is_some()
                    on:click=move |_| start(Run::Checking)>{tr("试导入（只检查，不保存）", "Try (check only, save nothing)")}</button>
                <button type="button" class="button" id="import-run"
                    disabled=move || running.get().is_some()
                    on:click=move |_| start(Run::Importing)>{tr("导入为草稿", "Import as drafts")}</button>
            </div>
            {move || {
                let (done, total) = progress.get();
                (total > 0).then(|| view! {
                    <p class="import-progress">
                        <progress max=total value=done></progress>
                        {lang().pick(format!(" 已处理 {done} / {total} 行"), format!(" {done} of {total} rows processed"))}
                    </p>
                })
            }}
            <FormAlert error=Signal::derive(move || server_error.get())/>
            {move || finished.get().map(|run| view! { <Report run outcomes=outcomes.get()/> })}
        </section>
    }
    .into_any()
}

/// Puts a chosen file's text into `text`.
fn read_file(ev: leptos::ev::Event, text: RwSignal<String>, error: RwSignal<Option<FieldError>>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(value) => text.set(value.as_string().unwrap_or_default()),
                Err(_) => error.set(file_problem(
                    "无法读取这个文件",
                    "The file could not be read",
                )),
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, text, error);
}

/// The result of a run: counts, then every bad row by column.
#[component]
fn Report(run: Run, outcomes: Vec<RowOutcome>) -> impl IntoView {
    let bad: Vec<RowOutcome> = outcomes
        .iter()
        .filter(|o| !o.errors.is_empty())
        .cloned()
        .collect();
    let good = outcomes.len() - bad.len();
    let summary = match run {
        Run::Checking => lang().pick(format!("试导入完成：{good} 行可以导入，{} 行有问题（未保存任何数据）。",
            bad.len()
        ), format!("Trial done: {good} rows can be imported, {} have problems (nothing was saved).",
            bad.len()
        )),
        Run::Importing => lang().pick(format!("导入完成：已生成 {} 份草稿，{} 行未导入。草稿在「备案申请」列表中，补全后即可提交。",
            outcomes.iter().filter(|o| o.draft_id.is_some()).count(),
            bad.len()
        ), format!("Import done: {} drafts created, {} rows not imported. The drafts are in the filings list; complete and submit them there.",
            outcomes.iter().filter(|o| o.draft_id.is_some()).count(),
            bad.len()
        )),
    };
    view! {
        <p id="import-summary" class=if bad.is_empty() { "ok" } else { "warning" }>{summary}</p>
        {(!bad.is_empty()).then(|| view! {
            <table class="data import-errors">
                <thead><tr><th>{tr("行", "Row")}</th><th>{tr("列", "Column")}</th><th>{tr("问题", "Problem")}</th><th>{tr("规则", "Rule")}</th></tr></thead>
                <tbody>
                    {bad.into_iter().flat_map(|o| {
                        let line = o.line;
                        o.errors.into_iter().map(move |e| view! {
                            <tr><td>{line}</td><td>{e.field}</td><td>{lang().pick(e.zh, e.en)}</td><td><code>{e.rule}</code></td></tr>
                        })
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}
