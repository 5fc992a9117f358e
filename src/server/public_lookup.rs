//! 公共查询 over the live records: only live sites of live subjects are
//! found, so a cancellation drops them the moment it is approved.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::entity::{site, site_domain, subject};
use super::records::{approved_filing, live_sites};
use crate::domain::catalog::{label, pre_approval_types};
use crate::domain::certificate::nature_by_code;
use crate::domain::lang::Lang;
use crate::domain::public_lookup::{LookupKey, PublicRecord};
use crate::domain::record::RecordStatus;
use crate::domain::service::ServiceKind;
use crate::error::AppError;

/// Most services one lookup returns.
pub const MAX_RESULTS: usize = 20;

/// The live services `key` finds, in 备案号 order.
pub async fn lookup<C: ConnectionTrait>(
    db: &C,
    key: &LookupKey,
) -> Result<Vec<PublicRecord>, AppError> {
    let mut found: Vec<(subject::Model, site::Model)> = Vec::new();
    match key {
        LookupKey::Domain(domain) => {
            if let Some(row) = site_domain::Entity::find_by_id(domain.clone())
                .one(db)
                .await?
            {
                if let Some(site) = site::Entity::find_by_id(row.site_id).one(db).await? {
                    found.extend(with_subject(db, site).await?);
                }
            }
        }
        LookupKey::Number(number) if number.site.is_some() => {
            if let Some(site) = site::Entity::find()
                .filter(site::Column::Number.eq(number.to_string()))
                .one(db)
                .await?
            {
                found.extend(with_subject(db, site).await?);
            }
        }
        LookupKey::Number(number) => {
            let subjects = subject::Entity::find()
                .filter(subject::Column::Number.eq(number.subject_number()))
                .filter(subject::Column::Status.eq(RecordStatus::Live))
                .all(db)
                .await?;
            found.extend(sites_of(db, subjects).await?);
        }
        LookupKey::App(text) => {
            let sites = site::Entity::find()
                .filter(site::Column::Kind.ne(ServiceKind::Website))
                .filter(site::Column::Status.eq(RecordStatus::Live))
                .filter(
                    Condition::any()
                        .add(super::infra::like::contains(site::Column::Name, text))
                        .add(super::infra::like::contains(
                            site::Column::AppIds,
                            &format!(",{text},"),
                        )),
                )
                .order_by_asc(site::Column::Number)
                .limit(MAX_RESULTS as u64)
                .all(db)
                .await?;
            for site in sites {
                found.extend(with_subject(db, site).await?);
            }
        }
        LookupKey::Name(part) => {
            let subjects = subject::Entity::find()
                .filter(super::infra::like::contains(
                    subject::Column::Name,
                    part.as_str(),
                ))
                .filter(subject::Column::Status.eq(RecordStatus::Live))
                .order_by_asc(subject::Column::Number)
                .limit(MAX_RESULTS as u64)
                .all(db)
                .await?;
            found.extend(sites_of(db, subjects).await?);
        }
    }
    found.truncate(MAX_RESULTS);
    let mut records = Vec::with_capacity(found.len());
    for (subject, site) in found {
        records.push(project(db, &subject, &site).await?);
    }
    Ok(records)
}

/// The site with its subject, when both are live.
async fn with_subject<C: ConnectionTrait>(
    db: &C,
    site: site::Model,
) -> Result<Option<(subject::Model, site::Model)>, AppError> {
    if site.status != RecordStatus::Live {
        return Ok(None);
    }
    Ok(subject::Entity::find_by_id(site.subject_id)
        .one(db)
        .await?
        .filter(|s| s.status == RecordStatus::Live)
        .map(|s| (s, site)))
}

/// Every live site of the subjects, subject by subject.
async fn sites_of<C: ConnectionTrait>(
    db: &C,
    subjects: Vec<subject::Model>,
) -> Result<Vec<(subject::Model, site::Model)>, AppError> {
    let mut found = Vec::new();
    for subject in subjects {
        if found.len() >= MAX_RESULTS {
            break;
        }
        for site in live_sites(db, subject.id).await? {
            found.push((subject.clone(), site));
        }
    }
    Ok(found)
}

/// The public projection of one site (docs/domain.md §2.17).
async fn project<C: ConnectionTrait>(
    db: &C,
    subject: &subject::Model,
    site: &site::Model,
) -> Result<PublicRecord, AppError> {
    let filing = approved_filing(db, subject).await?;
    let payload = site.data();
    let individual = filing.subject.nature == "INDIVIDUAL";
    Ok(PublicRecord {
        kind: site.kind,
        app_ids: site
            .app_ids
            .split(',')
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect(),
        unit_name: subject.name.clone(),
        nature: nature_by_code(&filing.subject.nature)
            .map(|n| n.zh.to_owned())
            .unwrap_or_default(),
        subject_number: subject.number.clone(),
        site_number: site.number.clone(),
        site_name: site.name.clone(),
        domains: payload.domains.clone(),
        home_url: payload.home_url.clone(),
        pre_approvals: payload
            .pre_approvals
            .iter()
            .map(|p| label(pre_approval_types(), &p.kind, Lang::Zh))
            .collect(),
        leader_name: if individual {
            filing.subject.principal.name
        } else {
            String::new()
        },
        approved_on: super::infra::time::beijing_today(site.approved_at).to_string(),
        limit_access: false,
        psb_number: site.psb_number.clone(),
    })
}
