//! Filing applications on the entry side: drafts, the 核验 record, the
//! conflict pre-check and submission (T1–T3). Every write runs in one
//! transaction, compares the version it was given, and every state change
//! writes exactly one history row.

use super::accounts::customers_of;
use super::auth::policy::actor_of;
use super::documents::{copy_scans, document_slots, resolve_documents};
use super::history::write_history;
use super::history::Author;
use super::infra::paging::{page_of, Listing};
use super::transition::guarded_update;
use super::transition::{record, Step};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::auth::policy::{visible, Viewer};
use super::entity::{
    account, application, application_domain, document, provider, site, site_domain, subject,
};
use super::providers;

use crate::domain::account::AccountStatus;
use crate::domain::change::{unchanged, violations, ChangeKind};
use crate::domain::date::Date;
use crate::domain::field_error::{has_blocking, FieldError};
use crate::domain::filing::{Context, Filing};
use crate::domain::identity::normalize_code;
use crate::domain::record::RecordStatus;
use crate::domain::role::Role;
use crate::domain::step_form::StepForm;
use crate::domain::verification::Verification;
use crate::domain::workflow::{
    can_edit, transition, Action, Actor, Channel, HistoryAction, Kind, State,
};
use crate::error::AppError;
use crate::server::entity::json::Json;

/// A draft's value as a list column: at most `max` characters, without
/// control characters. The payload keeps what was typed (JSON escapes it)
/// for the validators to flag at submit; a NUL could not even be stored in
/// a PostgreSQL text column.
fn column_text(value: &str, max: usize) -> String {
    value
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect()
}

/// Starts a draft (T1). A filer files for themself; provider staff file for
/// `customer_id`, a filer account (代为备案).
pub async fn create_draft(
    db: &DatabaseConnection,
    account: &account::Model,
    customer_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<application::Model, AppError> {
    let actor = actor_of(account)?;
    let txn = crate::server::infra::db::begin_write(db).await?;
    let (owner, channel) = match actor {
        Actor::Filer => (account.clone(), Channel::SelfFiled),
        Actor::Provider => (
            customer(&txn, account, customer_id.ok_or(AppError::BadRequest)?).await?,
            Channel::Proxy,
        ),
        _ => return Err(AppError::Forbidden),
    };
    let provider_id = match actor {
        Actor::Filer => providers::sole_provider(&txn).await?,
        _ => account.provider_id,
    };
    let filing = blank_filing(&owner, provider_id);
    let app = draft_row(
        Kind::FirstFiling,
        channel,
        (owner.id, account.id),
        provider_id,
        &filing,
        now,
    )?
    .insert(&txn)
    .await?;
    write_history(
        &txn,
        app.id,
        Author::of(account),
        HistoryAction::Create,
        None,
        State::Draft,
        "",
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(app)
}

/// A new filing of `owner`, with what their account already says filled in.
pub(crate) fn blank_filing(owner: &account::Model, provider_id: Option<i32>) -> Filing {
    let mut filing = Filing {
        provider_id: provider_id.map(i64::from),
        ..Filing::default()
    };
    if owner.filer_kind.as_deref() == Some("person") {
        filing.subject.nature = "INDIVIDUAL".into();
        filing.subject.cert_type = "2".into();
        filing.subject.name = owner.real_name.clone();
        filing.subject.principal.name = owner.real_name.clone();
    }
    filing.subject.principal.mobile = owner.mobile.clone();
    filing.subject.principal.email = owner.email.clone();
    filing
}

/// The active customer account `staff` file for (代为备案); any other id is
/// `NotFound`, whether it exists or not.
pub(crate) async fn customer<C: ConnectionTrait>(
    db: &C,
    staff: &account::Model,
    id: i32,
) -> Result<account::Model, AppError> {
    let provider_id = staff.provider_id.ok_or(AppError::Forbidden)?;
    account::Entity::find_by_id(id)
        .filter(account::Column::Role.eq(Role::Filer))
        .filter(account::Column::Status.eq(AccountStatus::Active))
        .filter(customers_of(provider_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A new draft's row, owned by `people.0` and created by `people.1`.
pub(crate) fn draft_row(
    kind: Kind,
    channel: Channel,
    people: (i32, i32),
    provider_id: Option<i32>,
    filing: &Filing,
    now: DateTime<Utc>,
) -> Result<application::ActiveModel, AppError> {
    Ok(application::ActiveModel {
        kind: Set(kind),
        channel: Set(channel),
        state: Set(State::Draft),
        version: Set(1),
        owner_id: Set(people.0),
        created_by: Set(people.1),
        provider_id: Set(provider_id),
        subject_name: Set(column_text(&filing.subject.name, 100)),
        subject_cert_number: Set(String::new()),
        province: Set(String::new()),
        payload: Set(Json(filing.clone())),
        verification: Set(None),
        cancellation: Set(None),
        base: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        state_since: Set(now),
        submitted_at: Set(None),
        ..Default::default()
    })
}

/// 撤销 leaves the frozen data behind: this copies a revoked application
/// (its filing and its scans) into a new draft for the same owner, so
/// nobody types it again. The provider's 核验 is not copied: it is done
/// again for the new submission. Returns the new draft's id.
pub async fn copy_revoked(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let actor = actor_of(account)?;
    if !matches!(actor, Actor::Filer | Actor::Provider) {
        return Err(AppError::Forbidden);
    }
    let txn = crate::server::infra::db::begin_write(db).await?;
    let old = visible(&txn, account, id).await?;
    if old.state != State::Revoked {
        return Err(AppError::field(FieldError::new(
            "form",
            "COPY_NOT_REVOKED",
            "只有已撤销的申请可以复制为新草稿",
            "Only a revoked application can be copied into a new draft",
        )));
    }
    let mut filing = old.filing();
    // The columns copied from the filing are filled by the save below.
    let draft = draft_row(
        old.kind,
        old.channel,
        (old.owner_id, account.id),
        old.provider_id,
        &Filing::default(),
        now,
    )?
    .insert(&txn)
    .await?;
    copy_scans(&txn, &[old.id], draft.id, &mut filing, now).await?;
    write_history(
        &txn,
        draft.id,
        Author::of(account),
        HistoryAction::Create,
        None,
        State::Draft,
        &format!("复制自已撤销的申请 #{}", old.id),
        None,
        now,
    )
    .await?;
    save_in(&txn, account, draft.id, 1, filing, now).await?;
    txn.commit().await?;
    Ok(draft.id)
}

/// Loads an application this actor may edit now, or says why not.
async fn editable<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    id: i32,
    version: i32,
) -> Result<(application::Model, Actor), AppError> {
    let actor = actor_of(account)?;
    if !matches!(actor, Actor::Filer | Actor::Provider) {
        return Err(AppError::Forbidden);
    }
    let app = visible(db, account, id).await?;
    let (state, channel) = (app.state, app.channel);
    // Another side's draft is not this actor's to touch; a filing that has
    // moved on (or a stale version) is a conflict to reload.
    if state == State::Draft && actor != channel.creator() {
        return Err(AppError::Forbidden);
    }
    if !can_edit(state, actor, channel) || app.version != version {
        return Err(AppError::Conflict);
    }
    Ok((app, actor))
}

/// Saves a draft (保存): normalised, with its documents resolved; returns
/// the new version. Rules are not enforced here, so half-typed work is kept.
pub async fn save(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    version: i32,
    filing: Filing,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let txn = crate::server::infra::db::begin_write(db).await?;
    let version = save_in(&txn, account, id, version, filing, now).await?;
    txn.commit().await?;
    Ok(version)
}

/// `save` of the wizard's step as a plain form posts it (no script): the
/// posted fields written over the stored draft, read and saved in one
/// transaction. A key that names no field of the draft is refused.
pub async fn save_step(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    version: i32,
    form: &StepForm,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let txn = crate::server::infra::db::begin_write(db).await?;
    let (app, _) = editable(&txn, account, id, version).await?;
    let mut filing = app.filing();
    form.apply(&mut filing).map_err(|_| AppError::BadRequest)?;
    let version = save_in(&txn, account, id, version, filing, now).await?;
    txn.commit().await?;
    Ok(version)
}

/// `save` inside the caller's transaction.
pub(crate) async fn save_in<C: ConnectionTrait>(
    txn: &C,
    account: &account::Model,
    id: i32,
    version: i32,
    mut filing: Filing,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let (app, actor) = editable(txn, account, id, version).await?;
    if actor == Actor::Provider {
        // Staff file with their own provider, whatever the payload says.
        filing.provider_id = app.provider_id.map(i64::from);
    } else if let Some(chosen) = filing.provider_id {
        let exists = match i32::try_from(chosen) {
            Ok(id) => provider::Entity::find_by_id(id).one(txn).await?.is_some(),
            Err(_) => false,
        };
        if !exists {
            filing.provider_id = None;
        }
    }
    filing.normalize();
    resolve_documents(txn, app.id, document_slots(&mut filing)).await?;
    if let Some(base) = app.change_base() {
        let kind = ChangeKind::from_kind(app.kind).ok_or(AppError::Internal)?;
        let errors = violations(kind, &base.filing, &filing);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
    }
    let provider_id = filing.provider_id.and_then(|p| i32::try_from(p).ok());
    guarded_update(
        txn,
        &app,
        version,
        vec![
            (
                application::Column::Payload,
                Expr::value(Json(filing.clone())),
            ),
            (
                application::Column::SubjectName,
                Expr::value(column_text(&filing.subject.name, 100)),
            ),
            (
                application::Column::SubjectCertNumber,
                Expr::value(column_text(&filing.subject.cert_number, 32)),
            ),
            (
                application::Column::Province,
                Expr::value(column_text(&filing.subject.province, 6)),
            ),
            (application::Column::ProviderId, Expr::value(provider_id)),
            (
                application::Column::PreApprovalKinds,
                Expr::value(
                    filing
                        .pre_approval_kinds()
                        .chars()
                        .take(200)
                        .collect::<String>(),
                ),
            ),
            (application::Column::UpdatedAt, Expr::value(now)),
        ],
    )
    .await?;
    application_domain::Entity::delete_many()
        .filter(application_domain::Column::ApplicationId.eq(app.id))
        .exec(txn)
        .await?;
    let domains: Vec<_> = filing
        .domains()
        .into_iter()
        .filter(|d| d.len() <= 253)
        .map(|domain| application_domain::ActiveModel {
            application_id: Set(app.id),
            domain: Set(domain),
        })
        .collect();
    if !domains.is_empty() {
        application_domain::Entity::insert_many(domains)
            .exec(txn)
            .await?;
    }
    Ok(version + 1)
}

/// Records the provider's 核验: on a draft it files (代为备案) or on a
/// self-filed application it verifies (待接入者核实).
pub async fn save_verification(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    version: i32,
    mut verification: Verification,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    if actor_of(account)? != Actor::Provider {
        return Err(AppError::Forbidden);
    }
    let txn = crate::server::infra::db::begin_write(db).await?;
    let app = visible(&txn, account, id).await?;
    // Its own draft or return, or a self-filed one it is verifying.
    let state = app.state;
    if !(can_edit(state, Actor::Provider, app.channel) || state == State::PendingIspVerify)
        || app.version != version
    {
        return Err(AppError::Conflict);
    }
    verification.verifier = verification.verifier.trim().to_owned();
    // A 核验 saved here is face to face; only an accepted 电子化核验 link
    // records an electronic one (`server::verify_links::accept`).
    verification.electronic = None;
    resolve_documents(
        &txn,
        app.id,
        vec![&mut verification.photo, &mut verification.checklist],
    )
    .await?;
    guarded_update(
        &txn,
        &app,
        version,
        vec![
            (
                application::Column::Verification,
                Expr::value(Json(verification)),
            ),
            (application::Column::UpdatedAt, Expr::value(now)),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(version + 1)
}

/// What the conflict pre-check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precheck {
    /// Which filing type applies.
    pub kind: Kind,
    /// AR03/AR04 conflicts, each at `cert_number` or `domains[i]`; a domain
    /// filed by another subject is a warning.
    pub conflicts: Vec<FieldError>,
}

/// Is the certificate number or a domain already filed or in flight?
/// Looks at every other application; `exclude` is the caller's own.
pub async fn precheck<C: ConnectionTrait>(
    db: &C,
    cert_number: &str,
    domains: &[String],
    exclude: Option<i32>,
) -> Result<Precheck, AppError> {
    let cert = normalize_code(cert_number);
    let others = |query: sea_orm::Select<application::Entity>| match exclude {
        Some(id) => query.filter(application::Column::Id.ne(id)),
        None => query,
    };
    let mut conflicts = Vec::new();
    // What is filed comes from the live records, so a cancelled subject,
    // site or domain no longer counts; what is in flight from applications.
    let subject_filed = !cert.is_empty()
        && subject::Entity::find()
            .filter(subject::Column::CertNumber.eq(cert.clone()))
            .filter(subject::Column::Status.eq(RecordStatus::Live))
            .one(db)
            .await?
            .is_some();
    if !cert.is_empty() {
        let same_subject = others(
            application::Entity::find()
                .filter(application::Column::SubjectCertNumber.eq(cert.clone())),
        )
        .all(db)
        .await?;
        for app in &same_subject {
            if app.state.is_in_flight() {
                conflicts.push(FieldError::new(
                    "cert_number",
                    "AR03",
                    &format!("网站主办者冲突：该证件已有进行中的备案申请（{}）", app.state.label_zh()),
                    &format!("Subject conflict: this certificate already has an application in progress ({})", app.state.label_en()),
                ));
            }
        }
    }
    let mut site_filed_here = false;
    for (i, domain) in domains.iter().enumerate() {
        let path = format!("domains[{i}]");
        if let Some(filed) = filed_subject_of(db, domain).await? {
            if !cert.is_empty() && filed.cert_number == cert {
                site_filed_here = true;
            } else {
                // Filed elsewhere is the ministry's call (the domain may have
                // changed hands): a warning here, 系统自动退回 there.
                conflicts.push(FieldError::warning(
                    &path,
                    "AR04",
                    "域名冲突：该域名已被其他主体备案",
                    "Domain conflict: filed under another subject",
                ));
            }
        }
        let rows = application_domain::Entity::find()
            .filter(application_domain::Column::Domain.eq(domain.clone()))
            .all(db)
            .await?;
        for row in rows {
            if Some(row.application_id) == exclude {
                continue;
            }
            let Some(app) = application::Entity::find_by_id(row.application_id)
                .one(db)
                .await?
            else {
                continue;
            };
            // In flight elsewhere is a certain conflict and blocks the submit.
            if app.state.is_in_flight() {
                let state = app.state;
                conflicts.push(FieldError::new(
                    &path,
                    "AR04",
                    &format!(
                        "域名冲突：该域名已有进行中的备案申请（{}）",
                        state.label_zh()
                    ),
                    &format!(
                        "Domain conflict: already in an application in progress ({})",
                        state.label_en()
                    ),
                ));
            }
        }
    }
    let kind = if site_filed_here {
        Kind::AddAccess
    } else if subject_filed {
        Kind::AddSite
    } else {
        Kind::FirstFiling
    };
    Ok(Precheck { kind, conflicts })
}

/// The live subject whose live site holds `domain`, if any.
async fn filed_subject_of<C: ConnectionTrait>(
    db: &C,
    domain: &str,
) -> Result<Option<subject::Model>, AppError> {
    let Some(row) = site_domain::Entity::find_by_id(domain.to_owned())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(site) = site::Entity::find_by_id(row.site_id)
        .one(db)
        .await?
        .filter(|s| s.status == RecordStatus::Live)
    else {
        return Ok(None);
    };
    Ok(subject::Entity::find_by_id(site.subject_id)
        .one(db)
        .await?
        .filter(|s| s.status == RecordStatus::Live))
}

/// The rules that read the live records rather than the filing alone: the
/// province's `unique_mobile` and `no_shell_additions`, and a 转入 that
/// would move nothing. A 变更 adds no sites, so only the first applies.
async fn record_rules<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    filing: &Filing,
) -> Result<Vec<FieldError>, AppError> {
    let mut errors = super::principal_mobiles::check(db, filing).await?;
    if app.change_base().is_none() {
        errors.extend(super::shells::refuses_additions(db, filing).await?);
        errors.extend(super::control::transfers_with_nothing_to_move(db, app, filing).await?);
    }
    Ok(errors)
}

/// `record_rules` on a draft its editor saved at `version`, for the wizard
/// to show while the user types; only the one who may edit it may ask.
pub async fn record_findings(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    version: i32,
) -> Result<Vec<FieldError>, AppError> {
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    let (app, _) = editable(&txn, account, id, version).await?;
    let errors = record_rules(&txn, &app, &app.filing()).await?;
    txn.commit().await?;
    Ok(errors)
}

/// Submits (提交, T2/T3): validates everything, re-checks conflicts and
/// the 核验 for provider filings, freezes the payload and moves the state.
/// A 变更 also needs the record's 备案密码 (`password`, checked before the
/// transaction so a wrong one counts) and at least one change.
pub async fn submit(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    version: i32,
    password: &str,
    now: DateTime<Utc>,
    today: Date,
) -> Result<State, AppError> {
    // The caller is shown to be the applicant before any 备案密码 is
    // compared, so nobody else can use the check as an oracle or lock the
    // owner out with it.
    let (seen, _) = editable(db, account, id, version).await?;
    let change = seen.change_base();
    let to_prove = if change.is_some() {
        let found = subject::Entity::find()
            .filter(subject::Column::CertNumber.eq(seen.subject_cert_number.clone()))
            .filter(subject::Column::Status.eq(RecordStatus::Live))
            .one(db)
            .await?
            .ok_or(AppError::Conflict)?;
        if password.is_empty() {
            return Err(AppError::field(FieldError::new(
                "password",
                "CHG_PASSWORD_REQUIRED",
                "提交变更需要输入备案密码",
                "Submitting a change needs the filing password",
            )));
        }
        Some(found)
    } else {
        let found = super::control::subject_to_prove(db, &seen, &seen.filing()).await?;
        if found.is_some() && password.is_empty() {
            return Err(AppError::field(super::control::password_required()));
        }
        found
    };
    if let Some(found) = &to_prove {
        super::filing_password::check(db, found, password, now).await?;
    }
    let txn = crate::server::infra::db::begin_write(db).await?;
    if let Some(found) = &to_prove {
        // A change and a 注销 on one subject never both go in flight.
        super::records::lock_subject(&txn, found.id).await?;
    }
    let (app, actor) = editable(&txn, account, id, version).await?;
    let from = app.state;
    let to = transition(app.kind, from, Action::Submit, actor).map_err(|_| AppError::Conflict)?;
    let filing = app.filing();
    let provider = match app.provider_id {
        Some(p) => provider::Entity::find_by_id(p).one(&txn).await?,
        None => None,
    };
    let blocks = provider.as_ref().map(providers::blocks);
    let mut errors = filing.validate(&Context {
        today,
        provider_blocks: blocks.as_deref(),
    });
    let verification = app.verification_record();
    if actor == Actor::Provider {
        errors.extend(verification.validate());
    }
    if let Some(nothing) = change.as_ref().and_then(|b| unchanged(&b.filing, &filing)) {
        errors.push(nothing);
    }
    let found = precheck(
        &txn,
        &filing.subject.cert_number,
        &filing.domains(),
        Some(app.id),
    )
    .await?;
    errors.extend(found.conflicts.into_iter().map(|c| {
        let path = wizard_path(&filing, &c.field);
        c.at(&path)
    }));
    errors.extend(record_rules(&txn, &app, &filing).await?);
    if has_blocking(&errors) {
        errors.retain(|e| !e.warning);
        return Err(AppError::Validation(errors));
    }
    record(
        &txn,
        Step {
            app: &app,
            author: Author::of(account),
            action: Action::Submit,
            from,
            to,
            reasons: &[],
            changes: vec![
                // A change keeps the kind it was started as.
                (
                    application::Column::Kind,
                    Expr::value(if change.is_some() {
                        app.kind
                    } else {
                        found.kind
                    }),
                ),
                (application::Column::SubmittedAt, Expr::value(now)),
                (
                    application::Column::ControlProof,
                    Expr::value(if to_prove.is_some() {
                        super::control::PROVED_BY_PASSWORD
                    } else {
                        ""
                    }),
                ),
            ],
        },
        now,
    )
    .await?;
    // The payload is frozen now: scans it no longer refers to are dropped.
    let mut kept: Vec<i32> = filing
        .documents()
        .iter()
        .filter_map(|d| i32::try_from(d.id).ok())
        .collect();
    kept.extend(
        [&verification.photo, &verification.checklist]
            .into_iter()
            .flatten()
            .filter_map(|d| i32::try_from(d.id).ok()),
    );
    document::Entity::delete_many()
        .filter(document::Column::ApplicationId.eq(app.id))
        .filter(document::Column::Id.is_not_in(kept))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(to)
}

/// Where in the wizard a pre-check conflict belongs: `cert_number` is the
/// subject's certificate, `domains[i]` (an index into `Filing::domains`)
/// the first place that domain is typed.
pub(crate) fn wizard_path(filing: &Filing, precheck_field: &str) -> String {
    let index = precheck_field
        .strip_prefix("domains[")
        .and_then(|r| r.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok());
    match index {
        None => "subject.cert_number".to_owned(),
        Some(i) => match filing.domains().get(i) {
            Some(domain) => domain_path(filing, domain),
            None => "sites".to_owned(),
        },
    }
}

/// The field path of the first occurrence of a domain in the filing.
pub(crate) fn domain_path(filing: &Filing, domain: &str) -> String {
    for (i, site) in filing.sites.iter().enumerate() {
        for (j, d) in site.domains.iter().enumerate() {
            if crate::domain::domain_name::normalize_domain(d) == domain {
                return format!("sites[{i}].domains[{j}]");
            }
        }
    }
    "sites".to_owned()
}

/// One page of the applications this account may see, newest change first.
pub async fn list_for(
    db: &DatabaseConnection,
    account: &account::Model,
    page: u64,
    per_page: u64,
) -> Result<Listing<application::Model>, AppError> {
    if !matches!(actor_of(account)?, Actor::Filer | Actor::Provider) {
        return Err(AppError::Forbidden);
    }
    let query = application::Entity::find().filter(Viewer::of(account).applications());
    let query = query
        .order_by_desc(application::Column::UpdatedAt)
        .order_by_desc(application::Column::Id);
    page_of(db, query, page, per_page).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::infra::test_support::{an_application, memory};

    const CERT: &str = "91350100M000100Y43";

    fn rules(found: &Precheck) -> Vec<(String, String)> {
        found
            .conflicts
            .iter()
            .map(|c| (c.field.clone(), c.rule.clone()))
            .collect()
    }

    #[tokio::test]
    async fn the_precheck_names_what_is_in_flight_and_only_that() {
        let db = memory().await;
        let domains = vec!["lanhai.com".to_owned(), "lanhai.cn".to_owned()];
        let clear = precheck(&db, CERT, &domains, None).await.unwrap();
        assert_eq!(clear.kind, Kind::FirstFiling);
        assert!(clear.conflicts.is_empty());

        // A draft is nobody's claim yet.
        let draft = an_application(&db, State::Draft, CERT, &["lanhai.com"]).await;
        assert!(precheck(&db, CERT, &domains, None)
            .await
            .unwrap()
            .conflicts
            .is_empty());

        // Submitted, the same certificate and domain conflict (AR03, AR04),
        // except for the application itself.
        let submitted = an_application(&db, State::PendingIspVerify, CERT, &["lanhai.cn"]).await;
        let found = precheck(&db, CERT, &domains, None).await.unwrap();
        assert_eq!(
            rules(&found),
            [
                ("cert_number".to_owned(), "AR03".to_owned()),
                ("domains[1]".to_owned(), "AR04".to_owned()),
            ]
        );
        let own = precheck(&db, CERT, &domains, Some(submitted.id))
            .await
            .unwrap();
        assert!(own.conflicts.is_empty(), "{:?}", rules(&own));
        assert_ne!(draft.id, submitted.id);
    }
}
