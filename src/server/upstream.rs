//! The simulated provincial and ministry systems (docs/architecture.md §6): a
//! background task takes applications in 未提交至部系统, runs the automatic
//! checks of docs/domain.md §3.3 (AR03–AR09, AR12–AR14) and either returns them to
//! the provider (系统自动退回, T9) or moves them on: to 待短信核验 when
//! 短信核验 is on (`server::sms`, which moves them on once everyone
//! confirmed, or returns them at the deadline), else to 待前置审批 (T10) or
//! 待管局审核 (T11). Submissions wake it at once; a delay (zero in tests)
//! leaves time for 撤销 first.

use super::history::Author;
use super::transition::{record, Step};
use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::entity::{application, provider, subject};
use super::filings::{precheck, wizard_path};

use super::infra::state::AppState;
use super::registrar::{same_holder, RegistrarLookup, SimulatedRegistrar};
use super::{infra::live, providers};
use crate::domain::filing::Filing;
use crate::domain::identity::normalize_code;
use crate::domain::ip::check_ip_ranges;
use crate::domain::record::RecordStatus;
use crate::domain::review::ReturnReason;
use crate::domain::workflow::{transition, Action, Actor, Kind, State};
use crate::error::AppError;

const BLACKLIST: &str = include_str!("data/blacklist.txt");

/// How often the task looks for due applications when nothing wakes it.
const POLL: Duration = Duration::from_secs(2);
/// Applications handled per pass.
const BATCH: u64 = 50;

/// Starts the task; submissions notify `state.upstream` to wake it.
pub fn start(state: AppState) {
    tokio::spawn(async move {
        let delay = state.config.upstream_delay;
        let sms_window = state.config.sms_window;
        let registrar = SimulatedRegistrar::load();
        loop {
            match super::sms::expire_due(&state.db, Utc::now()).await {
                Ok(moved) if !moved.is_empty() => live::announce(&state, &moved),
                Ok(_) => {}
                Err(error) => tracing::warn!(?error, "短信核验 deadline pass failed"),
            }
            match process_due(&state.db, &registrar, delay, sms_window, Utc::now()).await {
                Ok(moved) if moved.is_empty() => {}
                Ok(moved) => {
                    tracing::info!(handled = moved.len(), "upstream pass");
                    live::announce(&state, &moved);
                }
                Err(error) => tracing::warn!(?error, "upstream pass failed"),
            }
            tokio::select! {
                _ = state.upstream.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
            if !delay.is_zero() {
                // Let the delay of what just arrived pass before looking.
                tokio::time::sleep(delay.min(POLL)).await;
            }
        }
    });
}

/// Handles every application that has waited `delay` in 未提交至部系统;
/// returns those that moved. With `sms_window`, what passes the checks
/// waits for 短信核验 that long first.
pub async fn process_due(
    db: &DatabaseConnection,
    registrar: &dyn RegistrarLookup,
    delay: Duration,
    sms_window: Option<Duration>,
    now: DateTime<Utc>,
) -> Result<Vec<i32>, AppError> {
    let cutoff = now - chrono::Duration::from_std(delay).unwrap_or_default();
    let due = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::State.eq(State::NotSubmittedToMinistry))
        .filter(application::Column::StateSince.lte(cutoff))
        .order_by_asc(application::Column::Id)
        .limit(BATCH)
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let mut moved = Vec::new();
    for id in due {
        match process_one(db, registrar, id, sms_window, now).await {
            Ok(true) => moved.push(id),
            Ok(false) => {}
            // Revoked or taken by another instance meanwhile.
            Err(AppError::Conflict) => {}
            Err(error) => tracing::warn!(application = id, ?error, "upstream check failed"),
        }
    }
    Ok(moved)
}

async fn process_one(
    db: &DatabaseConnection,
    registrar: &dyn RegistrarLookup,
    id: i32,
    sms_window: Option<Duration>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let txn = super::infra::db::begin_write(db).await?;
    let mut query = application::Entity::find_by_id(id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        // Two instances never take the same application.
        query = query.lock_with_behavior(
            sea_orm::sea_query::LockType::Update,
            sea_orm::sea_query::LockBehavior::SkipLocked,
        );
    }
    let Some(app) = query.one(&txn).await? else {
        return Ok(false);
    };
    let from = app.state;
    if from != State::NotSubmittedToMinistry {
        return Ok(false);
    }
    let filing = app.filing();
    // A cancellation or a claim files nothing new: the checks of new data
    // do not apply, and it goes to the 管局 alone.
    let cancel = !app.kind.files_new_data();
    let reasons = if cancel {
        Vec::new()
    } else {
        automatic_checks(&txn, registrar, &app, &filing).await?
    };
    // 短信核验 asks each 负责人 to confirm what is filed in their name; a
    // cancellation or a claim files nothing.
    let sms_window = sms_window.filter(|_| !cancel);
    let action = if !reasons.is_empty() {
        Action::AutoReturn
    } else if sms_window.is_some() {
        Action::ToSmsVerification
    } else if filing.has_pre_approvals() && !cancel {
        Action::ToPreApproval
    } else {
        Action::ToBureau
    };
    let to = transition(app.kind, from, action, Actor::System).map_err(|_| AppError::Internal)?;
    record(
        &txn,
        Step {
            app: &app,
            author: Author::SYSTEM,
            action,
            from,
            to,
            reasons: &reasons,
            changes: Vec::new(),
        },
        now,
    )
    .await?;
    if let (Action::ToSmsVerification, Some(window)) = (action, sms_window) {
        super::sms::start_round(&txn, &app, window, now).await?;
    }
    txn.commit().await?;
    Ok(true)
}

fn reason(field: &str, rule: &str, text: &str) -> ReturnReason {
    ReturnReason {
        field: field.to_owned(),
        rule: rule.to_owned(),
        text: text.to_owned(),
    }
}

/// The checks of docs/domain.md §3.3 the ministry runs (AR01/AR02, AR10/AR11
/// already ran before submit). Each finding names its rule and field.
pub async fn automatic_checks<C: ConnectionTrait>(
    db: &C,
    registrar: &dyn RegistrarLookup,
    app: &application::Model,
    filing: &Filing,
) -> Result<Vec<ReturnReason>, AppError> {
    let mut found = Vec::new();
    let cert = normalize_code(&filing.subject.cert_number);

    // AR03 / AR04: in flight elsewhere, or the domain filed by another subject.
    let checked = precheck(db, &cert, &filing.domains(), Some(app.id)).await?;
    for conflict in checked.conflicts {
        let field = wizard_path(filing, &conflict.field);
        found.push(reason(&field, &conflict.rule, &conflict.zh));
    }

    // AR05 / AR06 / AR07: the filing type against the live records. A
    // subject or domain cancelled once may be filed again as a new filing.
    let kind = app.kind;
    let live_subject = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(cert.clone()))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?;
    match &live_subject {
        Some(_) if kind == Kind::FirstFiling => found.push(reason(
            "subject.cert_number",
            "AR05",
            "备案类型错误：该主体已备案，请以“新增网站”或“新增接入”报备",
        )),
        None if kind != Kind::FirstFiling => {
            let cancelled = subject::Entity::find()
                .filter(subject::Column::CertNumber.eq(cert.clone()))
                .filter(subject::Column::Status.eq(RecordStatus::Cancelled))
                .one(db)
                .await?
                .is_some();
            found.push(if cancelled {
                reason(
                    "subject.cert_number",
                    "AR06",
                    "主体已注销，您的备案请求被拒绝；如需再次开办网站，请以首次备案重新报备",
                )
            } else {
                reason(
                    "subject.cert_number",
                    "AR07",
                    "备案申请中的数据在备案信息库中不存在，请核实后再次报备",
                )
            });
        }
        _ => {}
    }

    // AR13: filing onto a subject another account owns, or taking a site
    // over from another provider, needs its 备案密码 proved at submit.
    if matches!(kind, Kind::AddSite | Kind::AddAccess)
        && super::control::unproved(db, app, filing).await?
    {
        found.push(reason(
            "subject.cert_number",
            "AR13",
            "未提供该主体的备案密码：在他人主体名下新增网站或接入，须提供备案密码",
        ));
    }

    // AR08: a principal's ID number or mobile used by another subject in flight.
    let mut others_ids = HashSet::new();
    let mut others_mobiles = HashSet::new();
    let in_flight = application::Entity::find()
        .filter(application::Column::Id.ne(app.id))
        .filter(application::Column::SubjectCertNumber.ne(cert.clone()))
        .filter(
            application::Column::State.is_in(
                State::ALL
                    .into_iter()
                    .filter(|s| s.is_in_flight())
                    .map(|s| s.code()),
            ),
        )
        .all(db)
        .await?;
    for other in &in_flight {
        let other = other.filing();
        for person in other.persons() {
            others_ids.insert(normalize_code(&person.1.cert_number));
            others_mobiles.insert(person.1.mobile.clone());
        }
    }
    for (path, person) in filing.persons() {
        if !person.cert_number.is_empty()
            && others_ids.contains(&normalize_code(&person.cert_number))
        {
            found.push(reason(
                &format!("{path}.cert_number"),
                "AR08",
                "负责人证件号码重复：该证件正用于其他主体的备案申请",
            ));
        }
        if !person.mobile.is_empty() && others_mobiles.contains(&person.mobile) {
            found.push(reason(
                &format!("{path}.mobile"),
                "AR08",
                "手机号码或证件号码的备案频率大于1：该手机号码正用于其他主体的备案申请",
            ));
        }
    }

    // AR09: the provider's data must match the submitting provider.
    let provider = match app.provider_id {
        Some(id) => provider::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    match provider {
        Some(p) if filing.provider_id == Some(i64::from(p.id)) => {
            let blocks = providers::blocks(&p);
            for (i, site) in filing.sites.iter().enumerate() {
                for (k, access) in site.accesses.iter().enumerate() {
                    // Each provider answers for its own accesses only.
                    if access.is_of(filing.provider_id)
                        && check_ip_ranges(&access.ips, Some(&blocks)).is_err()
                    {
                        found.push(reason(
                            &format!("sites[{i}].accesses[{k}].ips"),
                            "AR09",
                            "接入商信息不一致：IP地址不属于该接入服务商",
                        ));
                    }
                }
            }
        }
        _ => found.push(reason("", "AR09", "接入商信息不一致")),
    }

    // AR14: each domain's registrar record names the subject as holder.
    for (index, domain) in filing.domains().iter().enumerate() {
        let Some(holder) = registrar.holder(domain) else {
            continue;
        };
        if !same_holder(&holder, &filing.subject.name) {
            found.push(reason(
                &wizard_path(filing, &format!("domains[{index}]")),
                "AR14",
                &format!("域名实名信息不一致：域名 {domain} 的持有者为“{holder}”，与主办单位名称不符，请先将域名过户至主办单位名下"),
            ));
        }
    }

    // AR12: the blacklist.
    for (list, entry) in BLACKLIST
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
    {
        match list {
            "cert" if entry == cert => found.push(reason(
                "subject.cert_number",
                "AR12",
                "该证件已被列入黑名单，不予备案",
            )),
            "site_name" => {
                for (i, site) in filing.sites.iter().enumerate() {
                    if site.name.contains(entry) {
                        found.push(reason(
                            &format!("sites[{i}].name"),
                            "AR12",
                            &format!("网站名称含有黑名单词语“{entry}”"),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(found)
}
