//! 备案信息变更 (docs/domain.md §2.16, T20–T22): starting a change of one kind
//! from a live record, and applying it once the 管局 approves. The change
//! is edited and submitted through the wizard (`filings`), which refuses
//! edits to locked fields and asks for the 备案密码 on submit.

use super::auth::policy::actor_of;
use super::documents::copy_scans;
use super::history::{write_history, Author};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use super::cancellations::own_subject;
use super::entity::{account, application, subject};
use super::filings::{draft_row, save_in};
use super::records::{approved_filing, in_flight, live_sites, lock_subject};

use crate::domain::change::{Base, ChangeKind};
use crate::domain::field_error::FieldError;
use crate::domain::filing::Filing;
use crate::domain::workflow::{Actor, Channel, HistoryAction, State};
use crate::error::AppError;
use crate::server::entity::json::Json;

/// Starts a change of `kind` on the live record `subject_number`: a draft
/// holding the record as it is (with copies of its scans), which the
/// wizard then edits. Returns its id.
pub async fn start(
    db: &DatabaseConnection,
    account: &account::Model,
    subject_number: &str,
    kind: ChangeKind,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let txn = super::infra::db::begin_write(db).await?;
    let subject = own_subject(&txn, account, subject_number).await?;
    let draft = start_in(&txn, account, &subject, kind, "", now).await?;
    txn.commit().await?;
    Ok(draft.id)
}

/// A change draft just started: what the record holds now.
pub(crate) struct Started {
    pub id: i32,
    /// The draft's version, for the next guarded save.
    pub version: i32,
    pub filing: Filing,
    /// The live site numbers, in the order of `filing.sites`.
    pub site_numbers: Vec<String>,
}

/// `start` inside the caller's transaction, on a subject the caller may
/// act on; `note` goes into the creating history row.
pub(crate) async fn start_in<C: ConnectionTrait>(
    txn: &C,
    account: &account::Model,
    subject: &subject::Model,
    kind: ChangeKind,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Started, AppError> {
    let actor = actor_of(account)?;
    lock_subject(txn, subject.id).await?;
    if let Some(blocking) = in_flight(txn, &subject.cert_number).await? {
        return Err(AppError::field(FieldError::new(
            "kind",
            "CHG_IN_FLIGHT",
            &format!(
                "该主体有正在办理的申请 #{}（{}），请待其办结或撤销后再申请变更",
                blocking.id,
                blocking.state.label_zh()
            ),
            &format!(
                "Application #{} of this subject is in progress; wait for it or revoke it first",
                blocking.id
            ),
        )));
    }
    let sites = live_sites(txn, subject.id).await?;
    let mut filing = approved_filing(txn, subject).await?;
    filing.sites = sites.iter().map(|row| row.data()).collect();
    let provider_id = match actor {
        Actor::Provider => account.provider_id,
        _ => filing.provider_id.and_then(|p| i32::try_from(p).ok()),
    };
    // Staff change what their provider serves: its accesses are the open ones.
    filing.provider_id = provider_id.map(i64::from);
    let channel = Channel::of(actor);
    let row = draft_row(
        kind.kind(),
        channel,
        (subject.owner_id, account.id),
        provider_id,
        &filing,
        now,
    )?;
    let draft = row.insert(txn).await?;
    // The record's parts come from different approvals; normalised first
    // (a site's principal "same as the subject" takes the subject's scan),
    // the draft's first save changes nothing and the base is exact.
    filing.normalize();
    let mut sources: Vec<i32> = sites.iter().map(|s| s.application_id).collect();
    sources.push(subject.application_id);
    copy_scans(txn, &sources, draft.id, &mut filing, now).await?;
    let site_numbers: Vec<String> = sites.iter().map(|s| s.number.clone()).collect();
    let base = Base {
        filing: filing.clone(),
        site_numbers: site_numbers.clone(),
    };
    application::Entity::update_many()
        .col_expr(application::Column::Base, Expr::value(Json(base)))
        .filter(application::Column::Id.eq(draft.id))
        .exec(txn)
        .await?;
    let what = format!("{}：{}", kind.label_zh(), subject.number);
    write_history(
        txn,
        draft.id,
        Author::of(account),
        HistoryAction::Create,
        None,
        State::Draft,
        &if note.is_empty() {
            what
        } else {
            format!("{what}（{note}）")
        },
        None,
        now,
    )
    .await?;
    let version = save_in(txn, account, draft.id, 1, filing.clone(), now).await?;
    Ok(Started {
        id: draft.id,
        version,
        filing,
        site_numbers,
    })
}
