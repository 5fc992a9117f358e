//! 空壳 (empty shells): a **空壳网站** is a live site no provider serves (its
//! last access was ended); a **空壳主体** a live subject none of whose live
//! sites any provider serves. Providers must see the shells they left and
//! press the owner to bring them back into service or cancel them, and a
//! province may forbid a 空壳主体 to add services directly
//! (`Rule::NoShellAdditions`).

use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::auth::policy::Viewer;
use super::entity::{notification, site, site_access, site_domain, subject};
use super::infra::like::starts_with;
use crate::domain::domain_name::normalize_domain;
use crate::domain::field_error::FieldError;
use crate::domain::filing::Filing;
use crate::domain::identity::normalize_code;
use crate::domain::province_rules::{rules_for, Rule};
use crate::domain::record::RecordStatus;
use crate::error::AppError;

/// The ids of the sites some provider serves.
fn served() -> SelectStatement {
    Query::select()
        .column(site_access::Column::SiteId)
        .from(site_access::Entity)
        .to_owned()
}

/// Live sites no provider serves.
fn shell_site() -> Condition {
    Condition::all()
        .add(site::Column::Status.eq(RecordStatus::Live))
        .add(site::Column::Id.not_in_subquery(served()))
}

/// Live subjects with no live site any provider serves.
fn shell_subject() -> Condition {
    let serving = Query::select()
        .column(site::Column::SubjectId)
        .from(site::Entity)
        .and_where(site::Column::Status.eq(RecordStatus::Live))
        .and_where(site::Column::Id.in_subquery(served()))
        .to_owned();
    Condition::all()
        .add(subject::Column::Status.eq(RecordStatus::Live))
        .add(subject::Column::Id.not_in_subquery(serving))
}

/// One shell as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shell {
    /// A 空壳主体 with its live sites (none of them served).
    Subject(subject::Model, u64),
    /// A 空壳网站 with its subject.
    Site(site::Model, subject::Model),
}

/// The shells a viewer answers for, 空壳主体 first, then 空壳网站, each
/// by number; page `page` (zero-based) of `per_page`, with the totals.
pub struct ShellPage {
    pub rows: Vec<Shell>,
    pub page: u64,
    pub pages: u64,
    pub subjects: u64,
    pub sites: u64,
}

/// The shells `viewer` may see (`Viewer::shell_subjects`, `shell_sites`)
/// whose number starts with `number` (a subject's number finds it and its
/// sites; empty finds all).
pub async fn list<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    number: &str,
    page: u64,
    per_page: u64,
) -> Result<ShellPage, AppError> {
    let per_page = per_page.max(1);
    let subjects_query = || {
        subject::Entity::find()
            .filter(starts_with(subject::Column::Number, number.trim()))
            .filter(shell_subject())
            .filter(viewer.shell_subjects())
    };
    let sites_query = || {
        site::Entity::find()
            .filter(starts_with(site::Column::Number, number.trim()))
            .filter(shell_site())
            .filter(viewer.shell_sites())
    };
    let subject_total = subjects_query().count(db).await?;
    let site_total = sites_query().count(db).await?;
    let pages = (subject_total + site_total).div_ceil(per_page).max(1);
    let page = page.min(pages - 1);
    let offset = page * per_page;
    let mut rows = Vec::new();
    if offset < subject_total {
        let found = subjects_query()
            .order_by_asc(subject::Column::Number)
            .offset(offset)
            .limit(per_page)
            .all(db)
            .await?;
        for subject in found {
            let live = site::Entity::find()
                .filter(site::Column::SubjectId.eq(subject.id))
                .filter(site::Column::Status.eq(RecordStatus::Live))
                .count(db)
                .await?;
            rows.push(Shell::Subject(subject, live));
        }
    }
    let left = per_page - rows.len() as u64;
    if left > 0 {
        let found = sites_query()
            .order_by_asc(site::Column::Number)
            .offset(offset.saturating_sub(subject_total))
            .limit(left)
            .all(db)
            .await?;
        let ids: Vec<i32> = found.iter().map(|s| s.subject_id).collect();
        let subjects = subject::Entity::find()
            .filter(subject::Column::Id.is_in(ids))
            .all(db)
            .await?;
        for site in found {
            if let Some(subject) = subjects.iter().find(|s| s.id == site.subject_id) {
                rows.push(Shell::Site(site.clone(), subject.clone()));
            }
        }
    }
    Ok(ShellPage {
        rows,
        page,
        pages,
        subjects: subject_total,
        sites: site_total,
    })
}

/// The owner and the wording of a reminder about the shell numbered
/// `number` that `viewer` sees: ((account, application), (中文, English)).
async fn reminder<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    number: &str,
) -> Result<((i32, i32), (String, String)), AppError> {
    if let Some(site) = site::Entity::find()
        .filter(site::Column::Number.eq(number))
        .filter(shell_site())
        .filter(viewer.shell_sites())
        .one(db)
        .await?
    {
        let subject = subject::Entity::find_by_id(site.subject_id)
            .one(db)
            .await?
            .ok_or(AppError::Internal)?;
        return Ok((
            (subject.owner_id, site.application_id),
            (
                format!("您的网站 {}（{}）已没有接入服务商（空壳网站），备案号可能被管局注销。请尽快通过接入服务商办理新增接入，或申请注销该网站。", site.number, site.name),
                format!("Your site {} ({}) has no access provider (an empty site), and the bureau may cancel its number. File a new access through a provider soon, or apply to cancel the site.", site.number, site.name),
            ),
        ));
    }
    let subject = subject::Entity::find()
        .filter(subject::Column::Number.eq(number))
        .filter(shell_subject())
        .filter(viewer.shell_subjects())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        (subject.owner_id, subject.application_id),
        (
            format!("您的主体 {}（{}）下已没有任何接入服务商接入的网站（空壳主体），主体备案号可能被管局注销。请尽快办理新增接入，或申请注销主体。", subject.number, subject.name),
            format!("Your subject {} ({}) has no site served by any provider (an empty subject), and the bureau may cancel its number. File a new access soon, or apply to cancel the subject.", subject.number, subject.name),
        ),
    ))
}

/// Reminds the owner of shell `number` (a site's or a subject's number)
/// to bring it back into service or cancel it. Staff only, of the shells
/// their provider left; a reminder the owner has not read yet is not sent
/// again. Returns whether one was sent.
pub async fn remind<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    number: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppError> {
    if viewer.acting_provider().is_none() {
        return Err(AppError::Forbidden);
    }
    let ((owner, app), (text, text_en)) = reminder(db, viewer, number.trim()).await?;
    let unread = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(owner))
        .filter(notification::Column::Text.eq(text.clone()))
        .filter(notification::Column::Read.eq(false))
        .count(db)
        .await?;
    if unread > 0 {
        return Ok(false);
    }
    super::notifications::notify(db, owner, app, "空壳备案提醒", (&text, &text_en), now).await?;
    Ok(true)
}

/// `Rule::NoShellAdditions`, where the filing's province switches it on:
/// an error when the filing adds a site or service (one none of whose
/// domains the subject holds already) to a 空壳主体. 新增接入 of the
/// subject's own shell sites stays open: it is how a shell comes back.
pub async fn refuses_additions<C: ConnectionTrait>(
    db: &C,
    filing: &Filing,
) -> Result<Option<FieldError>, AppError> {
    if !rules_for(&filing.subject.province).contains(&Rule::NoShellAdditions) {
        return Ok(None);
    }
    let Some(shell) = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(normalize_code(&filing.subject.cert_number)))
        .filter(shell_subject())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let own_sites = Query::select()
        .column(site::Column::Id)
        .from(site::Entity)
        .and_where(site::Column::SubjectId.eq(shell.id))
        .and_where(site::Column::Status.eq(RecordStatus::Live))
        .to_owned();
    for proposed in &filing.sites {
        let domains: Vec<String> = proposed
            .domains
            .iter()
            .map(|d| normalize_domain(d))
            .collect();
        let held = !domains.is_empty()
            && site_domain::Entity::find()
                .filter(site_domain::Column::Domain.is_in(domains))
                .filter(site_domain::Column::SiteId.in_subquery(own_sites.clone()))
                .count(db)
                .await?
                > 0;
        if !held {
            return Ok(Some(FieldError::new(
                "subject.cert_number",
                "RULE_SHELL_SUBJECT",
                &format!("本省要求：主体 {} 为空壳主体（没有任何网站有接入），不能直接新增网站或互联网服务，须先注销主体后重新备案；已有网站可办理新增接入", shell.number),
                &format!("This province refuses new sites or services for subject {}: no provider serves any of its sites (an empty subject). Cancel it and file again; its own sites may take a new access", shell.number),
            )));
        }
    }
    Ok(None)
}
