//! The filing wizard (信息录入): start a draft, load, save at each step,
//! record the provider's 核验, pre-check conflicts, and submit.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::api::review::TimelineRow;
use crate::domain::change::ChangeKind;
use crate::domain::field_error::FieldError;
use crate::domain::filing::Filing;
use crate::domain::review::ReturnReason;
use crate::domain::verification::Verification;
use crate::domain::workflow::{Kind, State};
use crate::error::AppError;

/// An access provider the filer may choose, with the blocks the browser
/// checks IP addresses against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderOption {
    pub id: i64,
    pub name: String,
    pub ip_blocks: String,
}

/// Everything the wizard shows for one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingView {
    pub id: i32,
    pub version: i32,
    pub state: State,
    pub kind: Kind,
    /// True for 代为备案 (filed by the provider).
    pub proxy: bool,
    /// True when the caller may still change it.
    pub editable: bool,
    /// True when the caller is provider staff (who must record 核验).
    pub provider_actor: bool,
    /// The customer's (owner's) display name.
    pub owner_name: String,
    pub filing: Filing,
    pub verification: Verification,
    pub providers: Vec<ProviderOption>,
    pub history: Vec<TimelineRow>,
    /// Why it was returned, when it is back with the caller: shown at the
    /// fields concerned.
    pub return_reasons: Vec<ReturnReason>,
    /// The filing as it was returned, to show what changed since.
    pub returned: Option<Filing>,
    /// For a 变更: its kind and the live record it started from.
    pub change: Option<(ChangeKind, Filing)>,
}

/// The conflict pre-check's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrecheckView {
    pub kind: Kind,
    pub conflicts: Vec<FieldError>,
}

/// One row of a filing list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingRow {
    pub id: i32,
    pub subject_name: String,
    pub domains: Vec<String>,
    pub state: State,
    pub kind: Kind,
    pub proxy: bool,
    pub updated_at: String,
}

/// A page of filings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingPage {
    pub rows: Vec<FilingRow>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// Rows per page of the filing lists.
pub const FILINGS_PER_PAGE: u64 = 20;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::server::auth::guard::require_account;
    pub use crate::server::filings;
    pub use crate::server::infra::time::{beijing_minutes, beijing_today};
    pub use chrono::Utc;
}

/// Starts a draft and returns its id. Provider staff name the customer.
#[server(endpoint = "filing/start", input = Json)]
pub async fn start_filing(customer_id: Option<i32>) -> Result<i32, AppError> {
    use ssr::*;
    let (state, account) = require_account().await?;
    let app = filings::create_draft(&state.db, &account, customer_id, Utc::now()).await?;
    Ok(app.id)
}

/// Loads an application the caller may see.
#[server(endpoint = "filing/load", input = Json)]
pub async fn load_filing(id: i32) -> Result<FilingView, AppError> {
    use crate::domain::workflow::{can_edit, Actor};

    use crate::server::providers;

    use ssr::*;

    let (state, account) = require_account().await?;
    let app = crate::server::auth::policy::visible(&state.db, &account, id).await?;
    let actor = crate::server::auth::policy::actor_of(&account)?;
    let app_state = app.state;
    let channel = app.channel;
    let owner = crate::server::accounts::by_id(&state.db, app.owner_id).await?;
    let rows = crate::server::history::history_of(&state.db, app.id).await?;
    let (return_reasons, returned) = match rows.last() {
        Some(last) if can_edit(app_state, actor, channel) => (
            crate::server::history::reasons_of(&state.db, last.id).await?,
            last.snapshot_filing(),
        ),
        _ => (Vec::new(), None),
    };
    let history = rows.into_iter().map(TimelineRow::from).collect();
    let providers = providers::list(&state.db)
        .await?
        .into_iter()
        .map(|p| ProviderOption {
            id: i64::from(p.id),
            name: p.name,
            ip_blocks: p.ip_blocks,
        })
        .collect();
    Ok(FilingView {
        id: app.id,
        version: app.version,
        state: app_state,
        kind: app.kind,
        proxy: app.is_proxy(),
        editable: can_edit(app_state, actor, channel),
        provider_actor: actor == Actor::Provider,
        owner_name: owner.map(|o| o.real_name).unwrap_or_default(),
        filing: app.filing(),
        verification: app.verification_record(),
        providers,
        history,
        return_reasons,
        returned,
        change: app.change_base().and_then(|base| {
            let kind = ChangeKind::from_kind(app.kind)?;
            Some((kind, base.filing))
        }),
    })
}

/// Copies a revoked (已撤销) application, scans included, into a new draft
/// and returns its id. Form-encoded: a plain form is sent on to the draft.
#[server(endpoint = "filing/copy")]
pub async fn copy_filing(id: i32) -> Result<i32, AppError> {
    use ssr::*;
    let (state, account) = require_account().await?;
    let draft = filings::copy_revoked(&state.db, &account, id, Utc::now()).await?;
    crate::server::http::plain_form::redirect_plain_form(&format!("/filings/{draft}?step=1"));
    Ok(draft)
}

/// Saves the draft (保存) and returns its new version. Anything but the
/// filing itself (a `state`, a `number`, another owner) is not accepted.
#[server(endpoint = "filing/save", input = Json)]
pub async fn save_filing(id: i32, version: i32, filing: Filing) -> Result<i32, AppError> {
    use ssr::*;
    let (state, account) = require_account().await?;
    filings::save(&state.db, &account, id, version, filing, Utc::now()).await
}

/// Saves the wizard's current step as its plain form posts it when the
/// script is not running; each input is named by `domain::step_form`, and
/// what the form did not post stays as stored. The browser goes on to step
/// `to` (the button pressed) or stays on `step`, told the draft was saved.
#[server(endpoint = "filing/save_step")]
pub async fn save_step(
    id: i32,
    version: i32,
    step: u8,
    to: Option<u8>,
    fields: Option<BTreeMap<String, String>>,
    lists: Option<BTreeMap<String, Vec<String>>>,
    flags: Option<BTreeMap<String, Vec<String>>>,
) -> Result<i32, AppError> {
    use crate::domain::step_form::StepForm;
    use ssr::*;
    let (state, account) = require_account().await?;
    let form = StepForm {
        fields: fields.unwrap_or_default(),
        lists: lists.unwrap_or_default(),
        flags: flags.unwrap_or_default(),
    };
    let saved = filings::save_step(&state.db, &account, id, version, &form, Utc::now()).await?;
    let next = to.unwrap_or(step).clamp(1, 3);
    crate::server::http::plain_form::redirect_plain_form(&format!(
        "/filings/{id}?step={next}&saved=1"
    ));
    Ok(saved)
}

/// Records the provider's 核验 (verifier, photo, signed checklist).
#[server(endpoint = "filing/verification", input = Json)]
pub async fn save_verification(
    id: i32,
    version: i32,
    verification: Verification,
) -> Result<i32, AppError> {
    use ssr::*;
    let (state, account) = require_account().await?;
    filings::save_verification(&state.db, &account, id, version, verification, Utc::now()).await
}

/// Submits (提交): the filing is frozen and moves on; returns the new state.
/// `password` is the subject's 备案密码, needed to file under a subject
/// another account owns or to take a site over from another provider.
#[server(endpoint = "filing/submit", input = Json)]
pub async fn submit_filing(
    id: i32,
    version: i32,
    password: Option<String>,
) -> Result<State, AppError> {
    use ssr::*;
    let (state, account) = require_account().await?;
    let now = Utc::now();
    let to = filings::submit(
        &state.db,
        &account,
        id,
        version,
        password.as_deref().unwrap_or_default(),
        now,
        beijing_today(now),
    )
    .await?;
    crate::server::infra::live::after_commit(&state, &[(id, to)]);
    Ok(to)
}

/// The province rules that read the live records (a mobile another
/// subject's 负责人 uses, a 空壳主体 adding sites, a 转入 with nothing to
/// move), on the caller's draft as saved at `version`. The wizard asks after
/// each save, so they show while the user types; submit checks them again.
#[server(endpoint = "filing/record_checks", input = Json)]
pub async fn record_checks(id: i32, version: i32) -> Result<Vec<FieldError>, AppError> {
    use ssr::*;
    let (state, account) = require_account().await?;
    filings::record_findings(&state.db, &account, id, version).await
}

/// Is this certificate number or domain already filed or in flight, and
/// which filing type applies? `exclude` is the caller's own draft.
#[server(endpoint = "filing/precheck", input = Json)]
pub async fn precheck_filing(
    cert_number: String,
    domains: Vec<String>,
    exclude: Option<i32>,
) -> Result<PrecheckView, AppError> {
    use crate::domain::domain_name::normalize_domain;
    use ssr::*;
    let (state, account) = require_account().await?;
    // A tool of those who file; reviewers have the application itself.
    if !matches!(
        crate::server::auth::policy::actor_of(&account)?,
        crate::domain::workflow::Actor::Filer | crate::domain::workflow::Actor::Provider
    ) {
        return Err(AppError::Forbidden);
    }
    if domains.len() > 100 {
        return Err(AppError::BadRequest);
    }
    let domains: Vec<String> = domains
        .iter()
        .map(|d| normalize_domain(d))
        .filter(|d| !d.is_empty())
        .collect();
    let found = filings::precheck(&state.db, &cert_number, &domains, exclude).await?;
    Ok(PrecheckView {
        kind: found.kind,
        conflicts: found.conflicts,
    })
}

/// The caller's filings (a filer's own, or the provider's), newest first.
#[server(endpoint = "filing/list")]
pub async fn list_filings(page: u64) -> Result<FilingPage, AppError> {
    use crate::domain::domain_name::to_unicode;
    use ssr::*;
    let (state, account) = require_account().await?;
    let listing = filings::list_for(&state.db, &account, page, FILINGS_PER_PAGE).await?;
    let rows = listing
        .rows
        .into_iter()
        .map(|app| {
            let filing = app.filing();
            Ok(FilingRow {
                id: app.id,
                subject_name: app.subject_name.clone(),
                domains: filing.domains().iter().map(|d| to_unicode(d)).collect(),
                state: app.state,
                kind: app.kind,
                proxy: app.is_proxy(),
                updated_at: beijing_minutes(app.updated_at),
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(FilingPage {
        rows,
        page: listing.page,
        pages: listing.pages,
        total: listing.total,
    })
}
