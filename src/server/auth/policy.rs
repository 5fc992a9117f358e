//! Who may see what: the one access policy. Every list, search, export,
//! detail, thread, download and event stream takes its scope from here, as
//! a query condition for many rows or as `may_read` for one, and the two
//! say the same (a test compares them over objects in every state).
//! History rows, messages and scans follow their application; live records
//! have their own scope (`sites`, `subjects_to_act_on`).
//!
//! - A filer sees their own applications and records.
//! - Provider staff see their provider's applications: those it files for
//!   customers (代为备案) and self-filed ones from their submission on (a
//!   draft is the filer's private work). Of the live records, only the
//!   sites their provider serves (a site may be served by several); they
//!   cancel their own access, and a whole site only when it is theirs alone.
//!   Of the 空壳 (shells), the sites their provider served last.
//! - A 管局 reviewer sees their province's applications from the moment
//!   they reached the 管局 (待管局审核), and the live records of the province.
//! - A pre-approval authority sees applications carrying one of its
//!   前置审批 types (in its province, when it has one) from the moment they
//!   reached pre-approval (待前置审批). It searches no records.
//! - The system administrator reads everything and decides nothing.
//!
//! Anything outside the scope is `NotFound`, so an id taken from someone
//! else reveals nothing, not even that it exists.

use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait};

use crate::domain::filing::Site;
use crate::domain::record::RecordStatus;
use crate::domain::role::Role;
use crate::domain::workflow::{Actor, Channel};
use crate::error::AppError;
use crate::server::entity::{account, application, site, site_access, subject};

/// An account as the policy sees it: its role and what binds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    Filer {
        account_id: i32,
    },
    Provider {
        provider_id: i32,
    },
    Bureau {
        province: String,
    },
    PreApproval {
        /// Its 前置审批 type codes; none means it sees nothing.
        kinds: Vec<String>,
        /// Its province, when an admin bound it to one.
        province: Option<String>,
    },
    Admin,
    /// An account missing what its role needs (staff without a provider,
    /// a reviewer without a province): it sees nothing.
    Nobody,
}

impl Viewer {
    /// The viewer an account is.
    pub fn of(account: &account::Model) -> Viewer {
        match account.role {
            Role::Filer => Viewer::Filer {
                account_id: account.id,
            },
            Role::ProviderStaff | Role::ProviderAdmin => match account.provider_id {
                Some(provider_id) => Viewer::Provider { provider_id },
                None => Viewer::Nobody,
            },
            Role::BureauReviewer => match account.province.as_deref() {
                Some(province) if !province.is_empty() => Viewer::Bureau {
                    province: province.to_owned(),
                },
                _ => Viewer::Nobody,
            },
            Role::PreApprovalAuthority => Viewer::PreApproval {
                kinds: kinds_of(&account.pre_approval_kinds),
                province: account.province.clone().filter(|p| !p.is_empty()),
            },
            Role::SystemAdmin => Viewer::Admin,
        }
    }

    /// The workflow role this viewer acts in; the admin and `Nobody` take
    /// no part in the workflow.
    pub fn actor(&self) -> Option<Actor> {
        match self {
            Viewer::Filer { .. } => Some(Actor::Filer),
            Viewer::Provider { .. } => Some(Actor::Provider),
            Viewer::Bureau { .. } => Some(Actor::Bureau),
            Viewer::PreApproval { .. } => Some(Actor::PreApprovalAuthority),
            Viewer::Admin | Viewer::Nobody => None,
        }
    }

    /// The applications this viewer may read, as a condition on
    /// `application`.
    pub fn applications(&self) -> Condition {
        use application::Column as A;
        match self {
            Viewer::Filer { account_id } => Condition::all().add(A::OwnerId.eq(*account_id)),
            Viewer::Provider { provider_id } => {
                Condition::all().add(A::ProviderId.eq(*provider_id)).add(
                    Condition::any()
                        .add(A::Channel.eq(Channel::Proxy))
                        .add(A::SubmittedAt.is_not_null()),
                )
            }
            Viewer::Bureau { province } => Condition::all()
                .add(A::Province.eq(province.clone()))
                .add(A::ReachedBureauAt.is_not_null()),
            Viewer::PreApproval { kinds, province } => {
                if kinds.is_empty() {
                    return nothing();
                }
                let mut carrying = Condition::any();
                for kind in kinds {
                    carrying = carrying.add(A::PreApprovalKinds.contains(format!(",{kind},")));
                }
                let mut scope = Condition::all()
                    .add(A::ReachedPreApprovalAt.is_not_null())
                    .add(carrying);
                if let Some(province) = province {
                    scope = scope.add(A::Province.eq(province.clone()));
                }
                scope
            }
            Viewer::Admin => Condition::all(),
            Viewer::Nobody => nothing(),
        }
    }

    /// Whether this viewer may read `app`: `applications` for one row.
    pub fn may_read(&self, app: &application::Model) -> bool {
        match self {
            Viewer::Filer { account_id } => app.owner_id == *account_id,
            Viewer::Provider { provider_id } => {
                app.provider_id == Some(*provider_id)
                    && (app.is_proxy() || app.submitted_at.is_some())
            }
            Viewer::Bureau { province } => {
                app.province == *province && app.reached_bureau_at.is_some()
            }
            Viewer::PreApproval { kinds, province } => {
                app.reached_pre_approval_at.is_some()
                    && kinds
                        .iter()
                        .any(|k| app.pre_approval_kinds.contains(&format!(",{k},")))
                    && province.as_ref().is_none_or(|p| app.province == *p)
            }
            Viewer::Admin => true,
            Viewer::Nobody => false,
        }
    }

    /// Whether this viewer decides 前置审批 items of type `kind`: an
    /// authority its own types, nobody else any.
    pub fn decides_pre_approval(&self, kind: &str) -> bool {
        matches!(self, Viewer::PreApproval { kinds, .. } if kinds.iter().any(|k| k == kind))
    }

    /// Whether this viewer searches the live records at all (备案信息查询):
    /// the pre-approval authorities decide items, they keep no registry.
    pub fn searches_records(&self) -> bool {
        !matches!(self, Viewer::PreApproval { .. } | Viewer::Nobody)
    }

    /// Whether this viewer tends the live sites it reads (runs 核查 checks,
    /// records 公网安备 numbers): the filer who keeps them and the staff who
    /// serve them; a 管局 and the admin only read.
    pub fn tends_sites(&self) -> bool {
        matches!(self, Viewer::Filer { .. } | Viewer::Provider { .. })
    }

    /// The live sites this viewer may read, as a condition on `site`.
    pub fn sites(&self) -> Condition {
        let subjects = |condition: Condition| {
            Query::select()
                .column(subject::Column::Id)
                .from(subject::Entity)
                .cond_where(condition)
                .to_owned()
        };
        match self {
            Viewer::Filer { account_id } => Condition::all().add(
                site::Column::SubjectId
                    .in_subquery(subjects(subject::Column::OwnerId.eq(*account_id).into())),
            ),
            Viewer::Provider { provider_id } => {
                Condition::all().add(site::Column::Id.in_subquery(served_by(*provider_id)))
            }
            Viewer::Bureau { province } => {
                Condition::all().add(site::Column::SubjectId.in_subquery(subjects(
                    subject::Column::Province.eq(province.clone()).into(),
                )))
            }
            Viewer::Admin => Condition::all(),
            Viewer::PreApproval { .. } | Viewer::Nobody => nothing(),
        }
    }

    /// Of the 空壳网站 (live sites no provider serves, `server::shells`),
    /// those this viewer answers for: staff the shells their provider
    /// left (it served them last), so it can press the owner; anyone else
    /// as `sites` reads them.
    pub fn shell_sites(&self) -> Condition {
        match self {
            Viewer::Provider { provider_id } => {
                Condition::all().add(site::Column::FormerProviderId.eq(*provider_id))
            }
            _ => self.sites(),
        }
    }

    /// Of the 空壳主体 (`server::shells`), those this viewer answers for:
    /// staff those with a site their provider served last, a filer its
    /// own, a 管局 its province's, the admin all.
    pub fn shell_subjects(&self) -> Condition {
        match self {
            Viewer::Filer { account_id } => {
                Condition::all().add(subject::Column::OwnerId.eq(*account_id))
            }
            Viewer::Provider { provider_id } => {
                let left = Query::select()
                    .column(site::Column::SubjectId)
                    .from(site::Entity)
                    .and_where(site::Column::FormerProviderId.eq(*provider_id))
                    .to_owned();
                Condition::all().add(subject::Column::Id.in_subquery(left))
            }
            Viewer::Bureau { province } => {
                Condition::all().add(subject::Column::Province.eq(province.clone()))
            }
            Viewer::Admin => Condition::all(),
            Viewer::PreApproval { .. } | Viewer::Nobody => nothing(),
        }
    }

    /// The live subjects this viewer may apply to change or cancel: a
    /// filer its own, staff those with a live site their provider serves.
    pub fn subjects_to_act_on(&self) -> Condition {
        match self {
            Viewer::Filer { account_id } => {
                Condition::all().add(subject::Column::OwnerId.eq(*account_id))
            }
            Viewer::Provider { provider_id } => {
                let served = Query::select()
                    .column(site::Column::SubjectId)
                    .from(site::Entity)
                    .and_where(site::Column::Id.in_subquery(served_by(*provider_id)))
                    .and_where(site::Column::Status.eq(RecordStatus::Live))
                    .to_owned();
                Condition::all().add(subject::Column::Id.in_subquery(served))
            }
            _ => nothing(),
        }
    }

    /// The provider whose accesses this viewer acts on: staff their own;
    /// `None` for a filer, who acts on every access of their sites.
    pub fn acting_provider(&self) -> Option<i32> {
        match self {
            Viewer::Provider { provider_id } => Some(*provider_id),
            _ => None,
        }
    }

    /// Whether this viewer may cancel live site `site` of `subject`
    /// (`whole`), or else its access: a filer on its own subject's; staff
    /// the access of a site their provider serves, and the whole site only
    /// when no other provider serves it too.
    pub fn may_cancel(&self, subject: &subject::Model, site: &Site, whole: bool) -> bool {
        match self {
            Viewer::Filer { account_id } => subject.owner_id == *account_id,
            Viewer::Provider { provider_id } => {
                let serving = site.providers();
                let ours = i64::from(*provider_id);
                if whole {
                    serving == [ours]
                } else {
                    serving.contains(&ours)
                }
            }
            _ => false,
        }
    }
}

/// The ids of the sites `provider_id` serves.
fn served_by(provider_id: i32) -> SelectStatement {
    Query::select()
        .column(site_access::Column::SiteId)
        .from(site_access::Entity)
        .and_where(site_access::Column::ProviderId.eq(provider_id))
        .to_owned()
}

/// The workflow role of an account, or `Forbidden` for accounts that take
/// no part in filings (the admin, or staff without a provider).
pub fn actor_of(account: &account::Model) -> Result<Actor, AppError> {
    Viewer::of(account).actor().ok_or(AppError::Forbidden)
}

/// The system administrator: reads every application (备案信息查询 and
/// 历史记录查询 cover all of them) but takes no part in the workflow.
pub fn is_admin(account: &account::Model) -> bool {
    Viewer::of(account) == Viewer::Admin
}

/// A condition no row meets.
fn nothing() -> Condition {
    Condition::all().add(Expr::cust("1 = 0"))
}

/// The codes of a stored `,code,code,` list.
fn kinds_of(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The application if this account may read it (the admin every one).
/// Only for read-only views; every action goes through `visible`.
pub async fn readable<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    id: i32,
) -> Result<application::Model, AppError> {
    crate::server::http::audit::record_object(id);
    let viewer = Viewer::of(account);
    let found = application::Entity::find_by_id(id).one(db).await?;
    match found {
        Some(app) if viewer.may_read(&app) => Ok(app),
        _ => {
            tracing::warn!(
                account = account.id,
                application = id,
                "refused access to another's application"
            );
            Err(AppError::NotFound)
        }
    }
}

/// The application if this account may read it and takes part in the
/// workflow: what every action starts with. The admin, who decides
/// nothing, is `Forbidden`.
pub async fn visible<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    id: i32,
) -> Result<application::Model, AppError> {
    if Viewer::of(account).actor().is_none() {
        return Err(AppError::Forbidden);
    }
    readable(db, account, id).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workflow::{Kind, State};

    fn app(owner: i32, provider: Option<i32>, channel: Channel) -> application::Model {
        let now = chrono::Utc::now();
        application::Model {
            id: 1,
            kind: Kind::FirstFiling,
            channel,
            state: State::Draft,
            version: 1,
            owner_id: owner,
            created_by: owner,
            provider_id: provider,
            subject_name: String::new(),
            subject_cert_number: String::new(),
            province: "510000".into(),
            pre_approval_kinds: ",8,".into(),
            payload: crate::server::entity::json::Json(Default::default()),
            verification: None,
            cancellation: None,
            pre_approval_decisions: None,
            base: None,
            created_at: now,
            updated_at: now,
            state_since: now,
            idle_warned_at: None,
            submitted_at: None,
            reached_bureau_at: None,
            reached_pre_approval_at: None,
            control_proof: String::new(),
        }
    }

    #[test]
    fn a_self_filed_draft_is_the_filers_alone_until_submitted() {
        let mut draft = app(7, Some(1), Channel::SelfFiled);
        let staff = Viewer::Provider { provider_id: 1 };
        assert!(Viewer::Filer { account_id: 7 }.may_read(&draft));
        assert!(!Viewer::Filer { account_id: 8 }.may_read(&draft));
        assert!(!staff.may_read(&draft));
        draft.submitted_at = Some(chrono::Utc::now());
        assert!(staff.may_read(&draft));
        assert!(!Viewer::Provider { provider_id: 2 }.may_read(&draft));
    }

    #[test]
    fn reviewers_see_an_application_only_once_it_reached_them() {
        let mut submitted = app(7, Some(1), Channel::Proxy);
        submitted.submitted_at = Some(chrono::Utc::now());
        let bureau = Viewer::Bureau {
            province: "510000".into(),
        };
        let health = Viewer::PreApproval {
            kinds: vec!["8".into()],
            province: None,
        };
        let news = Viewer::PreApproval {
            kinds: vec!["1".into()],
            province: None,
        };
        assert!(!bureau.may_read(&submitted));
        assert!(!health.may_read(&submitted));
        submitted.reached_pre_approval_at = Some(chrono::Utc::now());
        assert!(health.may_read(&submitted));
        assert!(!news.may_read(&submitted));
        assert!(!bureau.may_read(&submitted));
        submitted.reached_bureau_at = Some(chrono::Utc::now());
        assert!(bureau.may_read(&submitted));
        let elsewhere = Viewer::Bureau {
            province: "110000".into(),
        };
        assert!(!elsewhere.may_read(&submitted));
        let health_beijing = Viewer::PreApproval {
            kinds: vec!["8".into()],
            province: Some("110000".into()),
        };
        assert!(!health_beijing.may_read(&submitted));
    }

    #[test]
    fn the_admin_reads_all_and_acts_on_nothing() {
        assert!(Viewer::Admin.may_read(&app(7, None, Channel::SelfFiled)));
        assert_eq!(Viewer::Admin.actor(), None);
        assert!(!Viewer::Nobody.may_read(&app(7, None, Channel::SelfFiled)));
    }

    #[test]
    fn a_stored_kind_list_reads_back_as_its_codes() {
        assert_eq!(kinds_of(",1,8,"), ["1", "8"]);
        assert!(kinds_of("").is_empty());
    }
}
