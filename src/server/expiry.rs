//! The timer of idle applications (docs/domain.md §3.2, T19): warns the
//! owner of a draft or returned filing idle for 38 days, and has the
//! system abandon (放弃) one idle for 45. Idle means `updated_at`: every
//! save and every transition restarts it. Runs in the housekeeping round.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::entity::application;
use super::history::Author;
use super::notifications::{filer_side, notify};
use super::transition::{record, Step};
use crate::domain::expiry::{expired_state, idle, Idle, EXPIRING, IDLE_LIMIT_DAYS, WARNING_DAYS};
use crate::domain::review::ReturnReason;
use crate::domain::workflow::Action;
use crate::error::AppError;

/// Applications handled per round of each kind.
const BATCH: u64 = 200;

/// What a round did: the ids abandoned (for the live lists) and how many
/// owners were warned.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub abandoned: Vec<i32>,
    pub warned: usize,
}

/// One round as of `now`.
pub async fn sweep(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Swept, AppError> {
    let mut swept = Swept::default();
    let warn_from = now - Duration::days(IDLE_LIMIT_DAYS - WARNING_DAYS);
    for id in idle_since(db, warn_from, true).await? {
        if warn(db, id, now).await? {
            swept.warned += 1;
        }
    }
    for id in idle_since(db, now - Duration::days(IDLE_LIMIT_DAYS), false).await? {
        match abandon(db, id, now).await {
            Ok(true) => swept.abandoned.push(id),
            Ok(false) => {}
            // Saved or moved on meanwhile: no longer idle.
            Err(AppError::Conflict) => {}
            Err(error) => tracing::warn!(application = id, ?error, "expiry failed"),
        }
    }
    Ok(swept)
}

/// Expiring applications unchanged since `cutoff`, oldest first; with
/// `unwarned`, only those not yet warned in this idle spell.
async fn idle_since<C: ConnectionTrait>(
    db: &C,
    cutoff: DateTime<Utc>,
    unwarned: bool,
) -> Result<Vec<i32>, AppError> {
    let mut query = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::State.is_in(EXPIRING))
        .filter(application::Column::UpdatedAt.lte(cutoff));
    if unwarned {
        query = query.filter(
            application::Column::IdleWarnedAt
                .is_null()
                .or(Expr::col(application::Column::IdleWarnedAt)
                    .lt(Expr::col(application::Column::UpdatedAt))),
        );
    }
    Ok(query
        .order_by_asc(application::Column::UpdatedAt)
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?)
}

/// Calendar days application `app` has been idle at `now`.
fn days_idle(app: &application::Model, now: DateTime<Utc>) -> i64 {
    (now - app.updated_at).num_days()
}

/// Warns the filer side of application `id`, if it is still due a warning.
async fn warn(db: &DatabaseConnection, id: i32, now: DateTime<Utc>) -> Result<bool, AppError> {
    let txn = super::infra::db::begin_write(db).await?;
    let Some(app) = application::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(false);
    };
    let Idle::Warn { days_left } = idle(app.state, days_idle(&app, now)) else {
        return Ok(false);
    };
    // Marks it warned unless it changed since it was read; no version
    // bump, as nothing about the application itself changed.
    let marked = application::Entity::update_many()
        .col_expr(application::Column::IdleWarnedAt, Expr::value(now))
        .filter(application::Column::Id.eq(app.id))
        .filter(application::Column::Version.eq(app.version))
        .exec(&txn)
        .await?;
    if marked.rows_affected != 1 {
        return Ok(false);
    }
    let (name, name_en) = match app.subject_name.as_str() {
        "" => ("未命名", "untitled"),
        name => (name, name),
    };
    let idle = days_idle(&app, now);
    let text = format!(
        "备案申请 #{}（{name}）已 {idle} 天未处理，将于 {days_left} 天后由系统自动放弃。请尽快修改并提交。",
        app.id,
    );
    let text_en = format!(
        "Application #{} ({name_en}) has waited {idle} days; the system abandons it in {days_left} days. Please complete and submit it soon.",
        app.id,
    );
    for account_id in filer_side(&app) {
        notify(
            &txn,
            account_id,
            app.id,
            "ICP备案申请即将过期",
            (&text, &text_en),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// Abandons application `id` for the system, if it is still expired.
async fn abandon(db: &DatabaseConnection, id: i32, now: DateTime<Utc>) -> Result<bool, AppError> {
    let txn = super::infra::db::begin_write(db).await?;
    let Some(app) = application::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(false);
    };
    if idle(app.state, days_idle(&app, now)) != Idle::Expired {
        return Ok(false);
    }
    let Some(to) = expired_state(app.kind, app.state) else {
        return Ok(false);
    };
    let reason = ReturnReason {
        field: String::new(),
        rule: String::new(),
        text: format!("超过 {IDLE_LIMIT_DAYS} 天未处理，系统自动放弃"),
    };
    record(
        &txn,
        Step {
            app: &app,
            author: Author::SYSTEM,
            action: Action::Abandon,
            from: app.state,
            to,
            reasons: std::slice::from_ref(&reason),
            changes: Vec::new(),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workflow::{HistoryAction, State};
    use crate::server::entity::{history, notification};
    use crate::server::infra::test_support::{an_application, memory};
    use sea_orm::{ActiveModelTrait, PaginatorTrait, Set};

    async fn idle_for(db: &DatabaseConnection, state: State, days: i64) -> application::Model {
        let app = an_application(db, state, "", &[]).await;
        let mut aged: application::ActiveModel = app.into();
        aged.updated_at = Set(Utc::now() - Duration::days(days));
        aged.update(db).await.expect("aged")
    }

    async fn notices(db: &DatabaseConnection, app: &application::Model) -> u64 {
        notification::Entity::find()
            .filter(notification::Column::ApplicationId.eq(app.id))
            .count(db)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn an_idle_draft_is_warned_once_then_abandoned_by_the_system() {
        let db = memory().await;
        let draft = idle_for(&db, State::Draft, 39).await;
        let fresh = idle_for(&db, State::Draft, 10).await;
        let waiting = idle_for(&db, State::PendingBureauReview, 100).await;
        let now = Utc::now();

        let first = sweep(&db, now).await.unwrap();
        assert_eq!(
            first,
            Swept {
                abandoned: vec![],
                warned: 1
            }
        );
        assert_eq!(notices(&db, &draft).await, 1);
        // One warning per idle spell, however many rounds run.
        assert_eq!(sweep(&db, now).await.unwrap().warned, 0);
        assert_eq!(notices(&db, &draft).await, 1);

        // Seven days on it expires; the others are untouched.
        let later = now + Duration::days(7);
        let second = sweep(&db, later).await.unwrap();
        assert_eq!(second.abandoned, vec![draft.id]);
        let reread = |id| {
            let db = db.clone();
            async move {
                application::Entity::find_by_id(id)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap()
            }
        };
        assert_eq!(reread(draft.id).await.state, State::Abandoned);
        assert_eq!(reread(fresh.id).await.state, State::Draft);
        assert_eq!(reread(waiting.id).await.state, State::PendingBureauReview);
        let row = history::Entity::find()
            .filter(history::Column::ApplicationId.eq(draft.id))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.action, HistoryAction::Act(Action::Abandon));
        assert_eq!(row.actor_role, "system");
        assert!(row.reason.contains("45 天"), "{}", row.reason);
        // The owner hears of the abandonment too.
        assert_eq!(notices(&db, &draft).await, 2);
    }

    #[tokio::test]
    async fn a_save_after_the_warning_starts_a_new_idle_spell() {
        let db = memory().await;
        let returned = idle_for(&db, State::ReturnedToSponsor, 40).await;
        let now = Utc::now();
        assert_eq!(sweep(&db, now).await.unwrap().warned, 1);
        // The owner saves: updated_at moves past the warning.
        let mut saved: application::ActiveModel = returned.clone().into();
        saved.updated_at = Set(now + Duration::minutes(1));
        saved.update(&db).await.unwrap();
        assert_eq!(
            sweep(&db, now + Duration::days(10)).await.unwrap(),
            Swept::default()
        );
        let again = sweep(&db, now + Duration::days(39)).await.unwrap();
        assert_eq!(again.warned, 1);
        assert_eq!(notices(&db, &returned).await, 2);
    }
}
