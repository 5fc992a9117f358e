//! `application` (备案申请): one filing, change or cancellation as it moves
//! through the workflow, with its proposed data as a JSON payload.

use sea_orm::entity::prelude::*;

use super::json::Json;
use crate::domain::cancellation::Cancellation;
use crate::domain::change::Base;
use crate::domain::filing::Filing;
use crate::domain::pre_approval::ItemDecision;
use crate::domain::verification::Verification;
use crate::domain::workflow::{Channel, Kind, State};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// 操作类型, stored by its code (e.g. `FIRST_FILING`).
    pub kind: Kind,
    /// 自主备案 or 代为备案, stored as `SELF` or `PROXY`.
    pub channel: Channel,
    /// 备案状态, stored by its code (e.g. `PENDING_BUREAU_REVIEW`).
    pub state: State,
    /// Bumped by every write; guarded updates compare it.
    pub version: i32,
    /// The filer (网站主办者) the application belongs to.
    pub owner_id: i32,
    /// Who created it: the filer, or provider staff filing on their behalf.
    pub created_by: i32,
    /// The access provider the filing is made with.
    pub provider_id: Option<i32>,
    /// Copied from the payload for lists and conflict checks.
    pub subject_name: String,
    pub subject_cert_number: String,
    pub province: String,
    /// The 前置审批 type codes of every site, as `,code,code,`.
    pub pre_approval_kinds: String,
    /// The proposed filing; frozen once submitted.
    pub payload: Json<Filing>,
    /// The provider's 核验 (代为备案, 待接入者核实).
    pub verification: Option<Json<Verification>>,
    /// For a 注销: what it asks to cancel.
    pub cancellation: Option<Json<Cancellation>>,
    /// The 前置审批 items decided in the current round (cleared when the
    /// application enters 待前置审批); kept afterwards for the record.
    pub pre_approval_decisions: Option<Json<Vec<ItemDecision>>>,
    /// For a 变更: the live record it started from, what the locked fields
    /// and the diff compare against.
    pub base: Option<Json<Base>>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When it entered its current state: where the working-day clock
    /// starts (a save in the same state does not restart it).
    pub state_since: DateTimeUtc,
    /// When its owner was last warned that it will expire (45 days idle);
    /// a warning older than `updated_at` was for an earlier idle spell.
    pub idle_warned_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    /// When it first reached the 管局 (待管局审核): from then on the
    /// province's reviewers see it (`auth::policy`).
    pub reached_bureau_at: Option<DateTimeUtc>,
    /// When it first reached the pre-approval authorities (待前置审批).
    pub reached_pre_approval_at: Option<DateTimeUtc>,
    /// How the filer showed control of an existing subject it does not own,
    /// or of a site another provider serves: `password` (its 备案密码, at
    /// submit), else empty. The simulated ministry checks it again.
    pub control_proof: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
