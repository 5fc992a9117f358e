//! CSV import of websites for a customer (provider staff): each valid row
//! becomes its own 代为备案 draft holding the customer's subject and that
//! one site, which staff then complete and submit in the wizard. A row is
//! imported whole or not at all; a bad row never stops the others. The
//! dry run answers the same checks and writes nothing.

use super::auth::policy::actor_of;
use super::history::{history_row, Author};
use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};

use super::entity::{
    account, application, application_domain, history, provider, site_domain, subject,
};
use super::filings::{blank_filing, customer, draft_row};

use super::{infra::time, providers, records};
use crate::domain::field_error::FieldError;
use crate::domain::filing::{Context, Filing};
use crate::domain::import::{column_of, layout, site_of, RowOutcome};
use crate::domain::record::RecordStatus;
use crate::domain::workflow::{Actor, Channel, HistoryAction, Kind, State};
use crate::error::AppError;

/// The filing each row's site joins: the customer's approved subject when
/// there is one, else what their account says (staff complete it later).
async fn base_filing<C: ConnectionTrait>(
    db: &C,
    owner: &account::Model,
    provider_id: Option<i32>,
) -> Result<Filing, AppError> {
    let live = subject::Entity::find()
        .filter(subject::Column::OwnerId.eq(owner.id))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?;
    let mut filing = blank_filing(owner, provider_id);
    if let Some(live) = live {
        filing.subject = records::approved_filing(db, &live).await?.subject;
    }
    Ok(filing)
}

/// Which of `domains` are filed already, or in another live application
/// of the customer (an earlier import of the same row, say); abandoned and
/// revoked ones no longer count. Three indexed queries for a whole part.
async fn taken<C: ConnectionTrait>(
    db: &C,
    owner_id: i32,
    domains: &[String],
) -> Result<HashSet<String>, AppError> {
    let mut taken: HashSet<String> = site_domain::Entity::find()
        .select_only()
        .column(site_domain::Column::Domain)
        .filter(site_domain::Column::Domain.is_in(domains.iter().cloned()))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    // By the domain first (indexed, almost always no row), then whose.
    let holders: Vec<(String, i32)> = application_domain::Entity::find()
        .select_only()
        .column(application_domain::Column::Domain)
        .column(application_domain::Column::ApplicationId)
        .filter(application_domain::Column::Domain.is_in(domains.iter().cloned()))
        .into_tuple()
        .all(db)
        .await?;
    if holders.is_empty() {
        return Ok(taken);
    }
    let live: HashSet<i32> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::Id.is_in(holders.iter().map(|(_, id)| *id)))
        .filter(application::Column::OwnerId.eq(owner_id))
        .filter(
            application::Column::State.is_not_in([State::Abandoned.code(), State::Revoked.code()]),
        )
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    taken.extend(
        holders
            .into_iter()
            .filter(|(_, id)| live.contains(id))
            .map(|(domain, _)| domain),
    );
    Ok(taken)
}

/// Checks, and unless `dry_run` imports, `rows` (numbered cells) of a file
/// whose header is `header`, for `customer_id`, as `staff`.
pub async fn import_sites(
    db: &DatabaseConnection,
    staff: &account::Model,
    customer_id: i32,
    header: &[String],
    rows: &[(usize, Vec<String>)],
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<Vec<RowOutcome>, AppError> {
    if actor_of(staff)? != Actor::Provider {
        return Err(AppError::Forbidden);
    }
    let txn = super::infra::db::begin_write(db).await?;
    // Whose drafts these would be is checked before what the file says.
    let owner = customer(&txn, staff, customer_id).await?;
    let layout = layout(header).map_err(AppError::field)?;
    let provider = provider::Entity::find_by_id(staff.provider_id.ok_or(AppError::Forbidden)?)
        .one(&txn)
        .await?
        .ok_or(AppError::Forbidden)?;
    let blocks = providers::blocks(&provider);
    let context = Context {
        today: time::beijing_today(now),
        provider_blocks: Some(&blocks),
    };
    let base = base_filing(&txn, &owner, Some(provider.id)).await?;
    // Each row's filing and errors, checked on its own first.
    let mut checked = Vec::with_capacity(rows.len());
    for (line, cells) in rows {
        let (site, mut errors) = site_of(&layout, cells);
        let mut filing = Filing {
            sites: vec![site],
            ..base.clone()
        };
        filing.normalize();
        // The subject is completed in the wizard: only the row's own site
        // is the row's to answer for.
        errors.extend(
            filing
                .validate(&context)
                .into_iter()
                .filter(|e| !e.warning && e.field.starts_with("sites[0]")),
        );
        checked.push((*line, filing, errors));
    }
    // Then the domains against the file and the database.
    let all: Vec<String> = checked.iter().flat_map(|(_, f, _)| f.domains()).collect();
    let taken = taken(&txn, owner.id, &all).await?;
    let mut seen = HashSet::new();
    for (_, filing, errors) in &mut checked {
        for domain in filing.domains() {
            if !seen.insert(domain.clone()) {
                errors.push(FieldError::new(
                    "sites[0].domains",
                    "IMPORT_DOMAIN_REPEATED",
                    &format!("域名 {domain} 在文件中重复出现"),
                    &format!("{domain} appears more than once in the file"),
                ));
            } else if taken.contains(&domain) {
                errors.push(FieldError::new(
                    "sites[0].domains",
                    "IMPORT_DOMAIN_TAKEN",
                    &format!("域名 {domain} 已备案或已在该客户的其他申请中"),
                    &format!("{domain} is filed already or in another application of the customer"),
                ));
            }
        }
    }
    let good: Vec<&Filing> = checked
        .iter()
        .filter(|(_, _, errors)| errors.is_empty())
        .map(|(_, filing, _)| filing)
        .collect();
    let mut draft_ids = if dry_run || good.is_empty() {
        Vec::new()
    } else {
        insert_drafts(&txn, staff, &owner, provider.id, &good, now).await?
    }
    .into_iter();
    let outcomes = checked
        .into_iter()
        .map(|(line, _, mut errors)| {
            let draft_id = if errors.is_empty() && !dry_run {
                draft_ids.next()
            } else {
                None
            };
            for error in &mut errors {
                error.field = column_of(&error.field).to_owned();
            }
            RowOutcome {
                line,
                errors,
                draft_id,
            }
        })
        .collect();
    txn.commit().await?;
    Ok(outcomes)
}

/// Writes one 代为备案 draft per filing, with its domains and its history
/// row, in a few multi-row statements; returns the ids in `filings` order.
async fn insert_drafts<C: ConnectionTrait>(
    txn: &C,
    staff: &account::Model,
    owner: &account::Model,
    provider_id: i32,
    filings: &[&Filing],
    now: DateTime<Utc>,
) -> Result<Vec<i32>, AppError> {
    let mut rows = Vec::with_capacity(filings.len());
    for filing in filings {
        let mut row = draft_row(
            Kind::FirstFiling,
            Channel::Proxy,
            (owner.id, staff.id),
            Some(provider_id),
            filing,
            now,
        )?;
        row.subject_cert_number = Set(filing.subject.cert_number.clone());
        row.province = Set(filing.subject.province.clone());
        rows.push(row);
    }
    // One statement numbers its rows in order on both databases.
    let mut ids = application::Entity::insert_many(rows)
        .exec_with_returning_keys(txn)
        .await?;
    ids.sort_unstable();
    let domains = ids.iter().zip(filings).flat_map(|(id, filing)| {
        filing
            .domains()
            .into_iter()
            .map(move |domain| application_domain::ActiveModel {
                application_id: Set(*id),
                domain: Set(domain),
            })
    });
    application_domain::Entity::insert_many(domains)
        .exec_without_returning(txn)
        .await?;
    let history_rows = ids.iter().map(|id| {
        history_row(
            *id,
            Author::of(staff),
            HistoryAction::Create,
            None,
            State::Draft,
            "CSV 导入",
            None,
            now,
        )
    });
    history::Entity::insert_many(history_rows)
        .exec_without_returning(txn)
        .await?;
    for id in &ids {
        tracing::info!(
            target: crate::server::http::audit::TARGET,
            request_id = crate::server::http::audit::request_id().as_deref(),
            actor = staff.id,
            action = HistoryAction::Create.code(),
            object = id,
            to = State::Draft.code(),
            outcome = "transition",
        );
    }
    Ok(ids)
}
