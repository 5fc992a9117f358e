//! The work lists (queues) and who has which: shared so the navigation
//! shows only a role's own lists and the server refuses the rest.

use serde::{Deserialize, Serialize};

use super::lang::Lang;
use super::workflow::{Actor, State};

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// 待接入者核实 (provider).
    Verify,
    /// 退回处理: returned to the filer or to the provider.
    Returned,
    /// 待前置审批 and 前置审批 (authority).
    PreApproval,
    /// 待管局审核 (管局, own province).
    Bureau,
    /// 备案进度查询: everything submitted.
    Progress,
    /// 撤销申请 (provider): everything submitted, with 撤销 on what is
    /// still in 未提交至部系统.
    Revoke,
}

impl Scope {
    /// The states the list holds; `None` for every submitted state.
    pub fn states(self) -> Option<Vec<State>> {
        match self {
            Scope::Verify => Some(vec![State::PendingIspVerify]),
            Scope::Returned => Some(vec![State::ReturnedToSponsor, State::ReturnedToIsp]),
            Scope::PreApproval => Some(vec![
                State::PendingPreApproval,
                State::PreApprovalInProgress,
            ]),
            Scope::Bureau => Some(vec![State::PendingBureauReview]),
            Scope::Progress | Scope::Revoke => None,
        }
    }

    /// Whether `actor` has this list.
    pub fn open_to(self, actor: Actor) -> bool {
        match self {
            Scope::Verify => actor == Actor::Provider,
            Scope::Returned => matches!(actor, Actor::Filer | Actor::Provider),
            Scope::PreApproval => actor == Actor::PreApprovalAuthority,
            Scope::Bureau => actor == Actor::Bureau,
            Scope::Progress => actor != Actor::System,
            Scope::Revoke => actor == Actor::Provider,
        }
    }
}

/// Sort orders of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    /// Longest waiting first: the queues' default.
    #[default]
    Oldest,
    Newest,
    Subject,
}

impl Scope {
    /// Stable code, for URLs.
    pub fn code(self) -> &'static str {
        match self {
            Scope::Verify => "verify",
            Scope::Returned => "returned",
            Scope::PreApproval => "preapproval",
            Scope::Bureau => "bureau",
            Scope::Progress => "progress",
            Scope::Revoke => "revoke",
        }
    }

    /// Parses a URL code.
    pub fn from_code(code: &str) -> Option<Scope> {
        [
            Scope::Verify,
            Scope::Returned,
            Scope::PreApproval,
            Scope::Bureau,
            Scope::Progress,
            Scope::Revoke,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// The list's title.
    pub fn label_zh(self) -> &'static str {
        match self {
            Scope::Verify => "待接入者核实",
            Scope::Returned => "退回处理",
            Scope::PreApproval => "前置审批",
            Scope::Bureau => "管局审核",
            Scope::Progress => "备案进度查询",
            Scope::Revoke => "撤销申请",
        }
    }

    /// The list's title in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Scope::Verify => "To verify",
            Scope::Returned => "Returned",
            Scope::PreApproval => "Pre-approval",
            Scope::Bureau => "Bureau review",
            Scope::Progress => "Progress",
            Scope::Revoke => "Revoke",
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
    fn each_role_has_its_own_queues() {
        assert!(Scope::Verify.open_to(Actor::Provider));
        assert!(!Scope::Verify.open_to(Actor::Filer));
        assert!(!Scope::Bureau.open_to(Actor::Provider));
        assert!(Scope::Returned.open_to(Actor::Filer));
        assert!(!Scope::Returned.open_to(Actor::Bureau));
        assert!(Scope::Revoke.open_to(Actor::Provider));
        assert!(!Scope::Revoke.open_to(Actor::Filer));
        for scope in [
            Scope::Verify,
            Scope::Returned,
            Scope::PreApproval,
            Scope::Bureau,
            Scope::Progress,
            Scope::Revoke,
        ] {
            assert_eq!(Scope::from_code(scope.code()), Some(scope));
        }
    }
}
