//! 注销 (docs/domain.md §2.14): what a cancellation asks for, its checks, the
//! warnings the user must see before sending it, and the cascade it has
//! once approved. Shared so the form warns as boxes are ticked and the
//! server decides the same way.

use serde::{Deserialize, Serialize};

use super::catalog::{self, Code};
use super::code_tables::tables;
use super::field_error::FieldError;
use super::service::ServiceKind;

/// The longest explanation, in characters.
pub const MAX_EXPLANATION_CHARS: usize = 500;

/// 申请注销的理由 (a code table).
pub fn reasons() -> &'static [Code] {
    tables().cancellation_reasons
}

/// A cancellation as the user ticked it. Sites are named by their
/// 网站备案号; `accesses` names the sites whose access (this provider's
/// 接入) ends while the site stays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cancellation {
    pub subject: bool,
    pub sites: Vec<String>,
    pub accesses: Vec<String>,
    pub reason: String,
    pub explanation: String,
}

/// The live record a cancellation is checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveRecord {
    pub subject_number: String,
    pub sites: Vec<LiveSite>,
}

/// One live site of the record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSite {
    pub number: String,
    pub name: String,
    /// 网站, APP, 小程序 or 快应用: the actions name it (注销APP).
    pub kind: ServiceKind,
    /// What identifies it: a website's domains, an app's packages or a
    /// mini-program's platform id.
    pub domains: Vec<String>,
    /// Whether it still has an access (a site without one is 空壳网站).
    pub has_access: bool,
}

/// What an approved cancellation does, the cascade applied: the subject
/// takes all its sites; a cancelled site takes its access.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effect {
    pub subject: bool,
    pub sites: Vec<String>,
    pub accesses: Vec<String>,
}

impl Cancellation {
    /// Every rule the request breaks, each at its field. `password_given`
    /// says whether a 备案密码 came with it (needed for 注销主体).
    pub fn validate(&self, record: &LiveRecord, password_given: bool) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !self.subject && self.sites.is_empty() && self.accesses.is_empty() {
            errors.push(FieldError::new(
                "targets",
                "CXL_NOTHING",
                "请勾选要注销的主体、网站或接入",
                "Tick what to cancel",
            ));
        }
        let known = |n: &String| record.sites.iter().any(|s| &s.number == n);
        if !self.sites.iter().chain(&self.accesses).all(known) {
            errors.push(FieldError::new(
                "targets",
                "CXL_UNKNOWN_TARGET",
                "所选网站不属于该主体或已注销，请刷新后重新选择",
                "A ticked site is not a live site of this subject; reload and tick again",
            ));
        }
        if let Some(site) = self.accesses.iter().find(|n| {
            record
                .sites
                .iter()
                .any(|s| &s.number == *n && !s.has_access)
        }) {
            errors.push(FieldError::new(
                "targets",
                "CXL_NO_ACCESS",
                &format!("网站 {site} 已没有接入，无需取消接入"),
                &format!("Site {site} has no access left to cancel"),
            ));
        }
        errors.extend(self.validate_grounds());
        if self.subject && !password_given {
            errors.push(FieldError::new(
                "password",
                "CXL_PASSWORD_REQUIRED",
                "注销主体需要输入备案密码",
                "Cancelling the subject needs the filing password",
            ));
        }
        errors
    }

    /// The reason and explanation alone: a batch checks them once before
    /// applying the same grounds to many subjects.
    pub fn validate_grounds(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !catalog::is_offered(reasons(), &self.reason) {
            errors.push(FieldError::new(
                "reason",
                "CXL_REASON",
                "请选择申请注销的理由",
                "Pick a reason",
            ));
        }
        let chars = self.explanation.trim().chars().count();
        if chars == 0 || chars > MAX_EXPLANATION_CHARS {
            errors.push(FieldError::new(
                "explanation",
                "CXL_EXPLANATION",
                &format!("请填写注销的原因说明（1–{MAX_EXPLANATION_CHARS} 个字）"),
                &format!("Explain the cancellation (1–{MAX_EXPLANATION_CHARS} characters)"),
            ));
        }
        errors
    }

    /// The cascade (docs/domain.md §2.14) of this request on `record`.
    pub fn effect(&self, record: &LiveRecord) -> Effect {
        let all: Vec<String> = record.sites.iter().map(|s| s.number.clone()).collect();
        let sites: Vec<String> = if self.subject {
            all
        } else {
            all.into_iter().filter(|n| self.sites.contains(n)).collect()
        };
        let accesses = record
            .sites
            .iter()
            .filter(|s| self.accesses.contains(&s.number) && !sites.contains(&s.number))
            .map(|s| s.number.clone())
            .collect();
        Effect {
            subject: self.subject,
            sites,
            accesses,
        }
    }

    /// What the user must know before sending: the number is gone for
    /// good, and what would be left as an empty shell (空壳).
    pub fn warnings(&self, record: &LiveRecord) -> Vec<String> {
        let effect = self.effect(record);
        let mut warnings = Vec::new();
        if effect.subject || !effect.sites.is_empty() {
            warnings.push(
                "注销后备案号立即作废，且不能恢复；如需再次开办网站，须重新备案。".to_owned(),
            );
        }
        for number in &effect.accesses {
            warnings.push(format!(
                "取消接入后，网站 {number} 将没有接入服务商（空壳网站），其备案号可能被管局注销。"
            ));
        }
        let keeps_a_site = record
            .sites
            .iter()
            .any(|s| !effect.sites.contains(&s.number));
        if !effect.subject && !effect.sites.is_empty() && !keeps_a_site {
            warnings.push(
                "注销全部网站后，主体将没有网站（空壳主体），主体备案号可能被管局注销。".to_owned(),
            );
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record() -> LiveRecord {
        LiveRecord {
            subject_number: "蜀ICP备2026000001号".into(),
            sites: ["-1", "-2"]
                .iter()
                .map(|n| LiveSite {
                    number: format!("蜀ICP备2026000001号{n}"),
                    name: "网站".into(),
                    kind: ServiceKind::Website,
                    domains: vec![],
                    has_access: true,
                })
                .collect(),
        }
    }

    fn request(subject: bool, sites: &[&str], accesses: &[&str]) -> Cancellation {
        let full = |n: &&str| format!("蜀ICP备2026000001号{n}");
        Cancellation {
            subject,
            sites: sites.iter().map(full).collect(),
            accesses: accesses.iter().map(full).collect(),
            reason: "NO_SERVICE".into(),
            explanation: "网站停止运营".into(),
        }
    }

    #[test]
    fn a_subject_takes_every_site_and_needs_the_password() {
        let cancel = request(true, &[], &["-2"]);
        let effect = cancel.effect(&record());
        assert_eq!(effect.sites.len(), 2);
        assert!(
            effect.accesses.is_empty(),
            "cancelled sites take their access"
        );
        let rules: Vec<String> = cancel
            .validate(&record(), false)
            .into_iter()
            .map(|e| e.rule)
            .collect();
        assert_eq!(rules, ["CXL_PASSWORD_REQUIRED"]);
        assert!(cancel.validate(&record(), true).is_empty());
    }

    #[test]
    fn empty_shells_are_warned_about() {
        let last_access = request(false, &[], &["-1"]).warnings(&record());
        assert!(
            last_access.iter().any(|w| w.contains("空壳网站")),
            "{last_access:?}"
        );
        let all_sites = request(false, &["-1", "-2"], &[]).warnings(&record());
        assert!(
            all_sites.iter().any(|w| w.contains("空壳主体")),
            "{all_sites:?}"
        );
        assert!(all_sites.iter().any(|w| w.contains("不能恢复")));
        let one_site = request(false, &["-1"], &[]).warnings(&record());
        assert!(!one_site.iter().any(|w| w.contains("空壳")), "{one_site:?}");
    }

    #[test]
    fn bad_requests_are_refused_at_their_fields() {
        let mut cancel = request(false, &[], &[]);
        cancel.reason = "NOPE".into();
        cancel.explanation = " ".into();
        let fields: Vec<String> = cancel
            .validate(&record(), false)
            .into_iter()
            .map(|e| format!("{}:{}", e.field, e.rule))
            .collect();
        assert_eq!(
            fields,
            [
                "targets:CXL_NOTHING",
                "reason:CXL_REASON",
                "explanation:CXL_EXPLANATION"
            ]
        );
        let unknown = request(false, &["-9"], &[]);
        assert_eq!(
            unknown.validate(&record(), false)[0].rule,
            "CXL_UNKNOWN_TARGET"
        );
    }

    proptest! {
        /// No live child under a cancelled parent, whatever is ticked.
        #[test]
        fn the_cascade_never_leaves_a_live_child(
            subject in any::<bool>(),
            sites in proptest::collection::vec(prop_oneof![Just("-1"), Just("-2")], 0..3),
            accesses in proptest::collection::vec(prop_oneof![Just("-1"), Just("-2")], 0..3),
        ) {
            let effect = request(subject, &sites, &accesses).effect(&record());
            if effect.subject {
                prop_assert_eq!(effect.sites.len(), 2);
            }
            for access in &effect.accesses {
                prop_assert!(!effect.sites.contains(access));
            }
        }
    }
}
