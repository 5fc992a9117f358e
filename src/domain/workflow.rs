//! Stages and states of an application (docs/domain.md §3.1), who may edit it,
//! and the one transition table (§3.2, T2–T19) that both the UI (which
//! buttons to show) and the server (what to accept) consult. The change and
//! cancellation transitions (T20–T25) join it with their issue.

use serde::{Deserialize, Serialize};

use super::code::stored_as_code;
use super::lang::Lang;

/// 备案状态 (docs/domain.md §3.1 canonical set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum State {
    /// 未提交（已保存）: being entered.
    Draft,
    /// 待接入者核实: a filer submitted; the provider must verify.
    PendingIspVerify,
    /// 退回主办者修改.
    ReturnedToSponsor,
    /// 未提交至部系统: the provider submitted to the province.
    NotSubmittedToMinistry,
    /// 待短信核验: the ministry accepted it and texted each 负责人 a code;
    /// every one must confirm before the deadline (`domain::sms`).
    PendingSmsVerification,
    /// 待前置审批.
    PendingPreApproval,
    /// 前置审批.
    PreApprovalInProgress,
    /// 待管局审核.
    PendingBureauReview,
    /// 退回接入服务提供者修改.
    ReturnedToIsp,
    /// 审核通过.
    Approved,
    /// 已撤销.
    Revoked,
    /// 已注销.
    Cancelled,
    /// 已放弃.
    Abandoned,
}

impl State {
    /// Every state, for parsing.
    pub const ALL: [State; 13] = [
        State::Draft,
        State::PendingIspVerify,
        State::ReturnedToSponsor,
        State::NotSubmittedToMinistry,
        State::PendingSmsVerification,
        State::PendingPreApproval,
        State::PreApprovalInProgress,
        State::PendingBureauReview,
        State::ReturnedToIsp,
        State::Approved,
        State::Revoked,
        State::Cancelled,
        State::Abandoned,
    ];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            State::Draft => "DRAFT",
            State::PendingIspVerify => "PENDING_ISP_VERIFY",
            State::ReturnedToSponsor => "RETURNED_TO_SPONSOR",
            State::NotSubmittedToMinistry => "NOT_SUBMITTED_TO_MINISTRY",
            State::PendingSmsVerification => "PENDING_SMS_VERIFICATION",
            State::PendingPreApproval => "PENDING_PRE_APPROVAL",
            State::PreApprovalInProgress => "PRE_APPROVAL_IN_PROGRESS",
            State::PendingBureauReview => "PENDING_BUREAU_REVIEW",
            State::ReturnedToIsp => "RETURNED_TO_ISP",
            State::Approved => "APPROVED",
            State::Revoked => "REVOKED",
            State::Cancelled => "CANCELLED",
            State::Abandoned => "ABANDONED",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Chinese label, as the seed's progress page shows it.
    pub fn label_zh(self) -> &'static str {
        match self {
            State::Draft => "未提交（已保存）",
            State::PendingIspVerify => "待接入者核实",
            State::ReturnedToSponsor => "退回主办者修改",
            State::NotSubmittedToMinistry => "未提交至部系统",
            State::PendingSmsVerification => "待短信核验",
            State::PendingPreApproval => "待前置审批",
            State::PreApprovalInProgress => "前置审批",
            State::PendingBureauReview => "待管局审核",
            State::ReturnedToIsp => "退回接入服务提供者修改",
            State::Approved => "审核通过",
            State::Revoked => "已撤销",
            State::Cancelled => "已注销",
            State::Abandoned => "已放弃",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            State::Draft => "Draft (saved)",
            State::PendingIspVerify => "Awaiting provider verification",
            State::ReturnedToSponsor => "Returned to the filer",
            State::NotSubmittedToMinistry => "Not yet sent to the ministry",
            State::PendingSmsVerification => "Awaiting SMS verification",
            State::PendingPreApproval => "Awaiting pre-approval",
            State::PreApprovalInProgress => "Pre-approval in progress",
            State::PendingBureauReview => "Awaiting bureau review",
            State::ReturnedToIsp => "Returned to the provider",
            State::Approved => "Approved",
            State::Revoked => "Revoked",
            State::Cancelled => "Cancelled",
            State::Abandoned => "Abandoned",
        }
    }

    /// The label in the page's language.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }

    /// True for the end of an approval: 审核通过, or 已注销 for a 注销. The
    /// live records then hold what the application asked for.
    pub fn is_granted(self) -> bool {
        matches!(self, State::Approved | State::Cancelled)
    }

    /// True once submitted and not yet closed: the subject and its domains
    /// are "in flight" (one application at a time, docs/domain.md §2.8).
    pub fn is_in_flight(self) -> bool {
        !matches!(
            self,
            State::Draft | State::Approved | State::Revoked | State::Cancelled | State::Abandoned
        )
    }
}

/// Who acts on an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// 网站主办者 (自主备案).
    Filer,
    /// 接入服务商 staff (代为备案, verification, fixing a return).
    Provider,
    /// The simulated provincial and ministry systems (系统自动退回 and routing).
    System,
    /// 前置审批部门.
    PreApprovalAuthority,
    /// 管局 reviewer.
    Bureau,
}

/// Who started an application: the filer itself (自主备案) or provider
/// staff for a customer (代为备案). Stored by its `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum Channel {
    /// Started by the filer.
    SelfFiled,
    /// Started by provider staff on the customer's behalf.
    Proxy,
}

impl Channel {
    /// The channel an actor's new application gets.
    pub fn of(creator: Actor) -> Channel {
        if creator == Actor::Filer {
            Channel::SelfFiled
        } else {
            Channel::Proxy
        }
    }

    /// Stable code used in the database.
    pub fn code(self) -> &'static str {
        match self {
            Channel::SelfFiled => "SELF",
            Channel::Proxy => "PROXY",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Channel> {
        [Channel::SelfFiled, Channel::Proxy]
            .into_iter()
            .find(|c| c.code() == code)
    }

    /// The side that drafts, and so alone edits and submits, the draft.
    pub fn creator(self) -> Actor {
        match self {
            Channel::SelfFiled => Actor::Filer,
            Channel::Proxy => Actor::Provider,
        }
    }
}

/// Whether `actor` may edit the payload (docs/domain.md §3.1 "Editable by"): a
/// draft only by the side that created it, a filing returned to the filer
/// by the filer, one returned to the provider by the provider. Nobody else
/// edits.
pub fn can_edit(state: State, actor: Actor, channel: Channel) -> bool {
    match state {
        State::Draft => actor == channel.creator(),
        State::ReturnedToSponsor => actor == Actor::Filer,
        State::ReturnedToIsp => actor == Actor::Provider,
        _ => false,
    }
}

/// Something an actor does to an application (docs/domain.md §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// 提交 (T2 by the filer, T3 by the provider).
    Submit,
    /// 核实通过并提交 (T4).
    Verify,
    /// 退回主办者 (T5, T6).
    ReturnToSponsor,
    /// 撤销, answered by the province (T7).
    Revoke,
    /// 系统自动退回 (T9), or 短信核验 not completed in time (T9b).
    AutoReturn,
    /// Checks passed; each 负责人 confirms by SMS first (T10a).
    ToSmsVerification,
    /// Checks passed; pre-approval items wait (T10).
    ToPreApproval,
    /// Checks passed; straight to the 管局 (T11).
    ToBureau,
    /// The authority takes the items up (T12).
    OpenPreApproval,
    /// Every item approved (T13).
    ApprovePreApproval,
    /// An item rejected (T14).
    RejectPreApproval,
    /// 审核通过 (T17).
    Approve,
    /// 退回接入服务提供者修改 (T18).
    ReturnToIsp,
    /// 放弃 (T19).
    Abandon,
}

impl Action {
    /// Every action, for `allowed_actions`.
    pub const ALL: [Action; 14] = [
        Action::Submit,
        Action::Verify,
        Action::ReturnToSponsor,
        Action::Revoke,
        Action::AutoReturn,
        Action::ToSmsVerification,
        Action::ToPreApproval,
        Action::ToBureau,
        Action::OpenPreApproval,
        Action::ApprovePreApproval,
        Action::RejectPreApproval,
        Action::Approve,
        Action::ReturnToIsp,
        Action::Abandon,
    ];
}

impl Action {
    /// Stable code, as the history records it.
    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "SUBMIT",
            Action::Verify => "VERIFY",
            Action::ReturnToSponsor => "RETURN_TO_SPONSOR",
            Action::Revoke => "REVOKE",
            Action::AutoReturn => "AUTO_RETURN",
            Action::ToSmsVerification => "TO_SMS_VERIFICATION",
            Action::ToPreApproval => "TO_PRE_APPROVAL",
            Action::ToBureau => "TO_BUREAU",
            Action::OpenPreApproval => "OPEN_PRE_APPROVAL",
            Action::ApprovePreApproval => "APPROVE_PRE_APPROVAL",
            Action::RejectPreApproval => "REJECT_PRE_APPROVAL",
            Action::Approve => "APPROVE",
            Action::ReturnToIsp => "RETURN_TO_ISP",
            Action::Abandon => "ABANDON",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The button and timeline label in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            Action::Submit => "提交",
            Action::Verify => "核验通过并提交省局",
            Action::ReturnToSponsor => "退回主办者修改",
            Action::Revoke => "撤销申请",
            Action::AutoReturn => "系统自动退回",
            Action::ToSmsVerification => "转短信核验",
            Action::ToPreApproval => "转前置审批",
            Action::ToBureau => "转管局审核",
            Action::OpenPreApproval => "受理前置审批",
            Action::ApprovePreApproval => "前置审批通过",
            Action::RejectPreApproval => "前置审批不通过",
            Action::Approve => "审核通过",
            Action::ReturnToIsp => "退回接入服务提供者修改",
            Action::Abandon => "放弃",
        }
    }

    /// The label in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Action::Submit => "Submit",
            Action::Verify => "Verify and submit to the province",
            Action::ReturnToSponsor => "Return to the filer",
            Action::Revoke => "Revoke",
            Action::AutoReturn => "Returned by the system",
            Action::ToSmsVerification => "Sent for SMS verification",
            Action::ToPreApproval => "Sent to pre-approval",
            Action::ToBureau => "Sent to the bureau",
            Action::OpenPreApproval => "Pre-approval taken up",
            Action::ApprovePreApproval => "Pre-approval granted",
            Action::RejectPreApproval => "Pre-approval refused",
            Action::Approve => "Approve",
            Action::ReturnToIsp => "Return to the provider",
            Action::Abandon => "Abandon",
        }
    }

    /// The label in the page's language.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }
}

/// What a history row records: an application's creation, or an action
/// taken on it. Stored, and sent to the browser, by its `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum HistoryAction {
    /// 创建: a draft was made (new, copied, or a change or cancellation started).
    Create,
    /// An action of the workflow.
    Act(Action),
    /// 前置审批逐项决定: an authority decided some 前置审批 items
    /// (`domain::pre_approval`); the state moves only with the last one.
    DecideItems,
}

impl HistoryAction {
    /// Stable code: `CREATE`, `PRE_APPROVAL_ITEMS`, or the action's.
    pub fn code(self) -> &'static str {
        match self {
            HistoryAction::Create => "CREATE",
            HistoryAction::DecideItems => "PRE_APPROVAL_ITEMS",
            HistoryAction::Act(action) => action.code(),
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<HistoryAction> {
        match code {
            "CREATE" => Some(HistoryAction::Create),
            "PRE_APPROVAL_ITEMS" => Some(HistoryAction::DecideItems),
            _ => Action::from_code(code).map(HistoryAction::Act),
        }
    }

    /// The workflow action, `None` for a creation or item decisions.
    pub fn action(self) -> Option<Action> {
        match self {
            HistoryAction::Create | HistoryAction::DecideItems => None,
            HistoryAction::Act(action) => Some(action),
        }
    }

    /// The timeline label in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            HistoryAction::Create => "创建",
            HistoryAction::DecideItems => "前置审批逐项决定",
            HistoryAction::Act(action) => action.label_zh(),
        }
    }

    /// The timeline label in English.
    pub fn label_en(self) -> &'static str {
        match self {
            HistoryAction::Create => "Created",
            HistoryAction::DecideItems => "Pre-approval items decided",
            HistoryAction::Act(action) => action.label_en(),
        }
    }

    /// The label in the page's language.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }
}

/// Why a transition is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowError {
    pub state: State,
    pub action: Action,
    pub actor: Actor,
}

/// The state an action leads an application of `kind` to, or why it is not
/// allowed (docs/domain.md §3.2). An approved 注销 ends in 已注销, every
/// other approval in 审核通过.
pub fn transition(
    kind: Kind,
    state: State,
    action: Action,
    actor: Actor,
) -> Result<State, WorkflowError> {
    let to = table(state, action, actor)?;
    Ok(if to == State::Approved && kind == Kind::Cancel {
        State::Cancelled
    } else {
        to
    })
}

/// The transition table itself, the same for every kind.
fn table(state: State, action: Action, actor: Actor) -> Result<State, WorkflowError> {
    use Action as A;
    use Actor as R;
    use State as S;
    let to = match (state, action, actor) {
        (S::Draft | S::ReturnedToSponsor, A::Submit, R::Filer) => S::PendingIspVerify,
        (S::Draft | S::ReturnedToIsp, A::Submit, R::Provider) => S::NotSubmittedToMinistry,
        (S::PendingIspVerify, A::Verify, R::Provider) => S::NotSubmittedToMinistry,
        (S::PendingIspVerify | S::ReturnedToIsp, A::ReturnToSponsor, R::Provider) => {
            S::ReturnedToSponsor
        }
        (S::NotSubmittedToMinistry, A::Revoke, R::Provider) => S::Revoked,
        (S::NotSubmittedToMinistry, A::AutoReturn, R::System) => S::ReturnedToIsp,
        (S::NotSubmittedToMinistry, A::ToPreApproval, R::System) => S::PendingPreApproval,
        (S::NotSubmittedToMinistry, A::ToBureau, R::System) => S::PendingBureauReview,
        (S::NotSubmittedToMinistry, A::ToSmsVerification, R::System) => S::PendingSmsVerification,
        (S::PendingSmsVerification, A::AutoReturn, R::System) => S::ReturnedToIsp,
        (S::PendingSmsVerification, A::ToPreApproval, R::System) => S::PendingPreApproval,
        (S::PendingSmsVerification, A::ToBureau, R::System) => S::PendingBureauReview,
        (S::PendingPreApproval, A::OpenPreApproval, R::PreApprovalAuthority) => {
            S::PreApprovalInProgress
        }
        (S::PreApprovalInProgress, A::ApprovePreApproval, R::PreApprovalAuthority) => {
            S::PendingBureauReview
        }
        (S::PreApprovalInProgress, A::RejectPreApproval, R::PreApprovalAuthority) => {
            S::ReturnedToIsp
        }
        (S::PendingBureauReview, A::Approve, R::Bureau) => S::Approved,
        (S::PendingBureauReview, A::ReturnToIsp, R::Bureau) => S::ReturnedToIsp,
        (S::Draft | S::ReturnedToSponsor, A::Abandon, R::Filer) => S::Abandoned,
        (S::Draft | S::ReturnedToIsp, A::Abandon, R::Provider) => S::Abandoned,
        (S::Draft | S::ReturnedToSponsor | S::ReturnedToIsp, A::Abandon, R::System) => S::Abandoned,
        _ => {
            return Err(WorkflowError {
                state,
                action,
                actor,
            })
        }
    };
    Ok(to)
}

/// True when `actor` may take `action` in some state: refusing an action
/// that is never theirs is `Forbidden`, one that is not theirs *now* is a
/// stale view (`Conflict`).
pub fn ever_allowed(action: Action, actor: Actor) -> bool {
    State::ALL
        .into_iter()
        .any(|s| table(s, action, actor).is_ok())
}

/// The actions `actor` may take in `state`: the buttons the UI shows.
pub fn allowed_actions(state: State, actor: Actor) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| table(state, *a, actor).is_ok())
        .collect()
}

/// 操作类型 of an application, detected from the national picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum Kind {
    /// 首次备案: neither subject nor domain is filed.
    FirstFiling,
    /// 新增网站: the subject is filed, the site is new.
    AddSite,
    /// 新增接入: the site is filed with another provider.
    AddAccess,
    /// 注销: cancelling a subject, sites or accesses of a live record.
    Cancel,
    /// 变更主体信息.
    ChangeSubject,
    /// 变更网站信息.
    ChangeSite,
    /// 变更接入信息.
    ChangeAccess,
    /// 认领: a filed subject moves into the applicant's account, proved by
    /// its 备案密码; the record's data stay as they are.
    Claim,
}

impl Kind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Kind::FirstFiling => "FIRST_FILING",
            Kind::AddSite => "ADD_SITE",
            Kind::AddAccess => "ADD_ACCESS",
            Kind::Cancel => "CANCEL",
            Kind::ChangeSubject => "CHANGE_SUBJECT",
            Kind::ChangeSite => "CHANGE_SITE",
            Kind::ChangeAccess => "CHANGE_ACCESS",
            Kind::Claim => "CLAIM",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Every kind.
    pub const ALL: [Kind; 8] = [
        Kind::FirstFiling,
        Kind::AddSite,
        Kind::AddAccess,
        Kind::Cancel,
        Kind::ChangeSubject,
        Kind::ChangeSite,
        Kind::ChangeAccess,
        Kind::Claim,
    ];

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::FirstFiling => "首次备案",
            Kind::AddSite => "新增网站",
            Kind::AddAccess => "新增接入",
            Kind::Cancel => "注销",
            Kind::ChangeSubject => "变更主体信息",
            Kind::ChangeSite => "变更网站信息",
            Kind::ChangeAccess => "变更接入信息",
            Kind::Claim => "备案认领",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Kind::FirstFiling => "First filing",
            Kind::AddSite => "New site",
            Kind::AddAccess => "New access",
            Kind::Cancel => "Cancellation",
            Kind::ChangeSubject => "Subject change",
            Kind::ChangeSite => "Site change",
            Kind::ChangeAccess => "Access change",
            Kind::Claim => "Claim",
        }
    }

    /// The label in the page's language.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }

    /// Whether the application files data of its own: a 注销 and a 认领
    /// carry the live record as it is, so the ministry's checks of new
    /// data and the provider's 核验 record do not apply to them.
    pub fn files_new_data(self) -> bool {
        !matches!(self, Kind::Cancel | Kind::Claim)
    }
}

/// 备案阶段, shown beside the state on the progress list (docs/domain.md
/// §3.1): it follows from the kind and the state, so it is never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// 报备阶段: a filing (首次备案, 新增网站, 新增接入) on its way.
    Filing,
    /// 变更阶段: a change on its way.
    Change,
    /// 注销阶段: a cancellation, on its way or done (已注销).
    Cancel,
    /// 审核通过阶段: approved.
    Approved,
}

impl Phase {
    /// The phase of an application of `kind` in `state`.
    pub fn of(kind: Kind, state: State) -> Phase {
        match kind {
            Kind::Cancel => Phase::Cancel,
            _ if state == State::Approved => Phase::Approved,
            Kind::ChangeSubject | Kind::ChangeSite | Kind::ChangeAccess | Kind::Claim => {
                Phase::Change
            }
            Kind::FirstFiling | Kind::AddSite | Kind::AddAccess => Phase::Filing,
        }
    }

    /// Chinese label, as the seed's progress page names it.
    pub fn label_zh(self) -> &'static str {
        match self {
            Phase::Filing => "报备阶段",
            Phase::Change => "变更阶段",
            Phase::Cancel => "注销阶段",
            Phase::Approved => "审核通过阶段",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Phase::Filing => "Filing",
            Phase::Change => "Change",
            Phase::Cancel => "Cancellation",
            Phase::Approved => "Approved",
        }
    }

    /// The label in the page's language.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for state in State::ALL {
            assert_eq!(State::from_code(state.code()), Some(state));
        }
        for action in Action::ALL {
            assert_eq!(Action::from_code(action.code()), Some(action));
        }
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(kind.code()), Some(kind));
        }
    }

    #[test]
    fn a_history_action_travels_as_its_code() {
        let submit = HistoryAction::Act(Action::Submit);
        assert_eq!(serde_json::to_string(&submit).unwrap(), "\"SUBMIT\"");
        assert_eq!(
            serde_json::from_str::<HistoryAction>("\"CREATE\"").unwrap(),
            HistoryAction::Create
        );
        assert!(serde_json::from_str::<HistoryAction>("\"NONSENSE\"").is_err());
        for code in ["CREATE", "APPROVE", "RETURN_TO_ISP"] {
            assert_eq!(code.parse::<HistoryAction>().unwrap().to_string(), code);
        }
    }

    #[test]
    fn actions_never_theirs_are_told_apart_from_stale_ones() {
        assert!(!ever_allowed(Action::Approve, Actor::Filer));
        assert!(!ever_allowed(Action::Approve, Actor::Provider));
        assert!(!ever_allowed(Action::Verify, Actor::Bureau));
        assert!(ever_allowed(Action::Approve, Actor::Bureau));
        assert!(ever_allowed(Action::Abandon, Actor::Filer));
    }

    const ACTORS: [Actor; 5] = [
        Actor::Filer,
        Actor::Provider,
        Actor::System,
        Actor::PreApprovalAuthority,
        Actor::Bureau,
    ];

    #[test]
    fn submit_routes_by_actor_and_freezes() {
        let submit =
            |state, actor| transition(Kind::FirstFiling, state, Action::Submit, actor).ok();
        assert_eq!(
            submit(State::Draft, Actor::Filer),
            Some(State::PendingIspVerify)
        );
        assert_eq!(
            submit(State::Draft, Actor::Provider),
            Some(State::NotSubmittedToMinistry)
        );
        assert_eq!(
            submit(State::ReturnedToSponsor, Actor::Filer),
            Some(State::PendingIspVerify)
        );
        assert_eq!(
            submit(State::ReturnedToIsp, Actor::Provider),
            Some(State::NotSubmittedToMinistry)
        );
        for frozen in [
            State::PendingIspVerify,
            State::NotSubmittedToMinistry,
            State::Approved,
        ] {
            assert!(!can_edit(frozen, Actor::Filer, Channel::SelfFiled));
            assert_eq!(submit(frozen, Actor::Filer), None);
        }
        assert!(!can_edit(
            State::PendingIspVerify,
            Actor::Provider,
            Channel::SelfFiled
        ));
    }

    #[test]
    fn a_draft_is_edited_only_by_the_side_that_started_it() {
        assert!(can_edit(State::Draft, Actor::Filer, Channel::SelfFiled));
        assert!(!can_edit(State::Draft, Actor::Provider, Channel::SelfFiled));
        assert!(can_edit(State::Draft, Actor::Provider, Channel::Proxy));
        assert!(!can_edit(State::Draft, Actor::Filer, Channel::Proxy));
        // A return goes to one side whoever started the filing.
        assert!(can_edit(
            State::ReturnedToIsp,
            Actor::Provider,
            Channel::SelfFiled
        ));
        assert!(can_edit(
            State::ReturnedToSponsor,
            Actor::Filer,
            Channel::Proxy
        ));
        for channel in [Channel::SelfFiled, Channel::Proxy] {
            assert_eq!(Channel::from_code(channel.code()), Some(channel));
            assert_eq!(Channel::of(channel.creator()), channel);
        }
    }

    #[test]
    fn the_review_path_follows_domain_4_2() {
        use Action as A;
        use Actor as R;
        let path = [
            (A::Submit, R::Filer, State::PendingIspVerify),
            (A::Verify, R::Provider, State::NotSubmittedToMinistry),
            (A::ToPreApproval, R::System, State::PendingPreApproval),
            (
                A::OpenPreApproval,
                R::PreApprovalAuthority,
                State::PreApprovalInProgress,
            ),
            (
                A::ApprovePreApproval,
                R::PreApprovalAuthority,
                State::PendingBureauReview,
            ),
            (A::Approve, R::Bureau, State::Approved),
        ];
        let mut state = State::Draft;
        for (action, actor, expected) in path {
            state = transition(Kind::FirstFiling, state, action, actor).unwrap();
            assert_eq!(state, expected);
        }
        assert_eq!(
            transition(
                Kind::FirstFiling,
                State::NotSubmittedToMinistry,
                A::Revoke,
                R::Provider
            ),
            Ok(State::Revoked)
        );
        assert!(
            transition(
                Kind::FirstFiling,
                State::PendingBureauReview,
                A::Revoke,
                R::Provider
            )
            .is_err(),
            "撤销 only before the ministry"
        );
        assert!(transition(
            Kind::FirstFiling,
            State::PendingBureauReview,
            A::Approve,
            R::Provider
        )
        .is_err());
    }

    #[test]
    fn sms_verification_sits_between_the_ministry_and_the_reviewers() {
        use Action as A;
        use Actor as R;
        let sms = State::PendingSmsVerification;
        let t = |state, action, actor| transition(Kind::FirstFiling, state, action, actor);
        assert_eq!(
            t(
                State::NotSubmittedToMinistry,
                A::ToSmsVerification,
                R::System
            ),
            Ok(sms)
        );
        assert_eq!(
            t(sms, A::ToPreApproval, R::System),
            Ok(State::PendingPreApproval)
        );
        assert_eq!(
            t(sms, A::ToBureau, R::System),
            Ok(State::PendingBureauReview)
        );
        // Not confirmed in time: back to the provider, with a reason.
        assert_eq!(t(sms, A::AutoReturn, R::System), Ok(State::ReturnedToIsp));
        // Only the system moves it: nobody edits, revokes or decides.
        for actor in [R::Filer, R::Provider, R::Bureau, R::PreApprovalAuthority] {
            assert!(allowed_actions(sms, actor).is_empty(), "{actor:?}");
            assert!(!can_edit(sms, actor, Channel::Proxy));
        }
        assert!(sms.is_in_flight());
    }

    #[test]
    fn an_approved_cancellation_ends_cancelled_and_is_granted() {
        let approve = |kind| {
            transition(
                kind,
                State::PendingBureauReview,
                Action::Approve,
                Actor::Bureau,
            )
        };
        assert_eq!(approve(Kind::Cancel), Ok(State::Cancelled));
        for kind in Kind::ALL.into_iter().filter(|k| *k != Kind::Cancel) {
            assert_eq!(approve(kind), Ok(State::Approved), "{kind:?}");
        }
        // Only the approval differs: a cancellation is returned like any other.
        assert_eq!(
            transition(
                Kind::Cancel,
                State::PendingBureauReview,
                Action::ReturnToIsp,
                Actor::Bureau
            ),
            Ok(State::ReturnedToIsp)
        );
        assert!(State::Cancelled.is_granted() && State::Approved.is_granted());
        assert!(!State::Revoked.is_granted() && !State::Abandoned.is_granted());
    }

    #[test]
    fn the_phase_follows_the_kind_until_approval() {
        assert_eq!(
            Phase::of(Kind::FirstFiling, State::PendingBureauReview),
            Phase::Filing
        );
        assert_eq!(
            Phase::of(Kind::AddAccess, State::ReturnedToIsp),
            Phase::Filing
        );
        assert_eq!(
            Phase::of(Kind::ChangeSite, State::NotSubmittedToMinistry),
            Phase::Change
        );
        for kind in Kind::ALL.into_iter().filter(|k| *k != Kind::Cancel) {
            assert_eq!(Phase::of(kind, State::Approved), Phase::Approved);
        }
        for state in [State::PendingIspVerify, State::Cancelled] {
            assert_eq!(Phase::of(Kind::Cancel, state), Phase::Cancel);
        }
    }

    #[test]
    fn terminal_states_allow_nothing_and_edits_match_submits() {
        for actor in ACTORS {
            for state in [
                State::Approved,
                State::Revoked,
                State::Cancelled,
                State::Abandoned,
            ] {
                assert!(
                    allowed_actions(state, actor).is_empty(),
                    "{state:?} {actor:?}"
                );
            }
            for state in State::ALL {
                for channel in [Channel::SelfFiled, Channel::Proxy] {
                    // A draft is the creator's alone, to edit and to submit.
                    let submits = transition(Kind::FirstFiling, state, Action::Submit, actor)
                        .is_ok()
                        && (state != State::Draft || actor == channel.creator());
                    assert_eq!(
                        can_edit(state, actor, channel),
                        submits,
                        "{state:?} {actor:?} {channel:?}"
                    );
                }
            }
        }
        assert_eq!(
            allowed_actions(State::PendingIspVerify, Actor::Provider),
            vec![Action::Verify, Action::ReturnToSponsor]
        );
    }
}

stored_as_code!(State);
stored_as_code!(Channel);
stored_as_code!(Kind);
stored_as_code!(HistoryAction);

impl From<HistoryAction> for String {
    fn from(action: HistoryAction) -> String {
        action.code().to_owned()
    }
}

impl TryFrom<String> for HistoryAction {
    type Error = super::code::UnknownCode;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        code.parse()
    }
}
