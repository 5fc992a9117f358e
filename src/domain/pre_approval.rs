//! 前置审批 decided item by item: each 前置审批 item of each site is
//! approved, with its 审批文号 and date, or refused with its own reason.
//! An application may carry items of several authorities (新闻 and 医疗保健,
//! say); each decides its own, and the application moves on only once every
//! item is decided. Shared so the authority's form checks an item as it is
//! filled in and the server checks it again.

use serde::{Deserialize, Serialize};

use super::catalog::{label, pre_approval_types};
use super::date::Date;
use super::field_error::FieldError;
use super::filing::{Filing, PreApproval};
use super::lang::Lang;
use super::review::{ReturnReason, MAX_REASON_CHARS};
use super::workflow::Action;

/// The longest 审批文号 accepted.
pub const MAX_APPROVAL_NO_CHARS: usize = 64;

/// One authority's decision on one item: `sites[site].pre_approvals[item]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemDecision {
    pub site: usize,
    pub item: usize,
    pub approved: bool,
    /// 审批文号, when approved.
    pub approval_no: String,
    /// 审批日期 `YYYY-MM-DD`, when approved.
    pub approved_on: String,
    /// Why it was refused, when refused.
    pub reason: String,
}

/// Where the application stands once its item decisions are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Some item is still undecided: it stays with the authorities.
    Waiting,
    /// Every item approved: on to the 管局.
    Approved,
    /// Every item decided and some refused: back to the provider with one
    /// reason per refused item, at its site's 前置审批.
    Refused(Vec<ReturnReason>),
}

/// True for the actions that the item decisions take, never a person
/// directly: approving the whole application at once would approve other
/// authorities' items too.
pub fn decided_per_item(action: Action) -> bool {
    matches!(
        action,
        Action::ApprovePreApproval | Action::RejectPreApproval
    )
}

/// Every item of `filing` as `(site, item, the item)`, in form order.
pub fn items(filing: &Filing) -> Vec<(usize, usize, &PreApproval)> {
    filing
        .sites
        .iter()
        .enumerate()
        .flat_map(|(s, site)| {
            site.pre_approvals
                .iter()
                .enumerate()
                .map(move |(i, item)| (s, i, item))
        })
        .collect()
}

/// The item a decision is about, if the filing has it.
pub fn item_of<'a>(filing: &'a Filing, decision: &ItemDecision) -> Option<&'a PreApproval> {
    filing
        .sites
        .get(decision.site)?
        .pre_approvals
        .get(decision.item)
}

impl ItemDecision {
    /// Checks the decision against `filing` on `today`; errors are at
    /// `{at}.approval_no`, `{at}.approved_on`, `{at}.reason` or `at` itself.
    pub fn validate(&self, filing: &Filing, today: Date, at: &str) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if item_of(filing, self).is_none() {
            errors.push(FieldError::new(
                at,
                "PA_ITEM_UNKNOWN",
                "该前置审批项不在此备案中",
                "The filing has no such pre-approval item",
            ));
            return errors;
        }
        if self.approved {
            let number = self.approval_no.trim().chars().count();
            if number == 0 {
                errors.push(FieldError::new(
                    &format!("{at}.approval_no"),
                    "PA_APPROVAL_NO_REQUIRED",
                    "通过时须填写审批文号",
                    "An approval needs its approval number",
                ));
            } else if number > MAX_APPROVAL_NO_CHARS {
                errors.push(FieldError::new(
                    &format!("{at}.approval_no"),
                    "PA_APPROVAL_NO_TOO_LONG",
                    "审批文号不能超过64个字",
                    "An approval number has at most 64 characters",
                ));
            }
            match Date::parse(&self.approved_on) {
                None => errors.push(FieldError::new(
                    &format!("{at}.approved_on"),
                    "PA_DATE_REQUIRED",
                    "通过时须填写审批日期（年-月-日）",
                    "An approval needs its date (YYYY-MM-DD)",
                )),
                Some(day) if day > today => errors.push(FieldError::new(
                    &format!("{at}.approved_on"),
                    "PA_DATE_FUTURE",
                    "审批日期不能晚于今天",
                    "The approval date cannot be after today",
                )),
                Some(_) => {}
            }
        } else {
            let chars = self.reason.trim().chars().count();
            if chars == 0 {
                errors.push(FieldError::new(
                    &format!("{at}.reason"),
                    "PA_REASON_REQUIRED",
                    "不通过时须填写原因",
                    "A refusal needs a reason",
                ));
            } else if chars > MAX_REASON_CHARS {
                errors.push(FieldError::new(
                    &format!("{at}.reason"),
                    "PA_REASON_TOO_LONG",
                    "原因不能超过500个字",
                    "A reason has at most 500 characters",
                ));
            }
        }
        errors
    }
}

/// `recorded` with `new` added, a new decision on an item replacing the
/// earlier one (an authority may correct itself until the last item is in).
pub fn merge(mut recorded: Vec<ItemDecision>, new: Vec<ItemDecision>) -> Vec<ItemDecision> {
    for decision in new {
        recorded.retain(|d| (d.site, d.item) != (decision.site, decision.item));
        recorded.push(decision);
    }
    recorded.sort_by_key(|d| (d.site, d.item));
    recorded
}

/// The decision recorded for one item, if any.
pub fn decision_for(decisions: &[ItemDecision], site: usize, item: usize) -> Option<&ItemDecision> {
    decisions.iter().find(|d| (d.site, d.item) == (site, item))
}

/// Where the application stands with `decisions` over `filing`'s items.
pub fn outcome(filing: &Filing, decisions: &[ItemDecision]) -> Outcome {
    let mut refused = Vec::new();
    for (site, item, pre_approval) in items(filing) {
        match decision_for(decisions, site, item) {
            None => return Outcome::Waiting,
            Some(d) if d.approved => {}
            Some(d) => refused.push(ReturnReason {
                field: format!("sites[{site}].pre_approvals"),
                rule: String::new(),
                text: format!(
                    "前置审批（{}）未通过：{}",
                    label(pre_approval_types(), &pre_approval.kind, Lang::Zh),
                    d.reason.trim()
                ),
            }),
        }
    }
    if refused.is_empty() {
        Outcome::Approved
    } else {
        Outcome::Refused(refused)
    }
}

/// Writes each approved item's 审批文号 and date into `filing`, so the
/// record carries what the authority approved.
pub fn apply_approvals(filing: &mut Filing, decisions: &[ItemDecision]) {
    for d in decisions.iter().filter(|d| d.approved) {
        if let Some(item) = filing
            .sites
            .get_mut(d.site)
            .and_then(|site| site.pre_approvals.get_mut(d.item))
        {
            item.approval_no = d.approval_no.trim().to_owned();
            item.approved_on = d.approved_on.trim().to_owned();
        }
    }
}

/// One line per decision for the history: `网站1 新闻：通过，文号，日期`.
pub fn summary(filing: &Filing, decisions: &[ItemDecision]) -> String {
    decisions
        .iter()
        .map(|d| {
            let kind = item_of(filing, d)
                .map(|item| label(pre_approval_types(), &item.kind, Lang::Zh))
                .unwrap_or_default();
            let verdict = if d.approved {
                format!("通过，{}，{}", d.approval_no.trim(), d.approved_on.trim())
            } else {
                format!("不通过，{}", d.reason.trim())
            };
            format!("网站{} {kind}：{verdict}", d.site + 1)
        })
        .collect::<Vec<_>>()
        .join("；")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filing::Site;

    fn filing() -> Filing {
        let item = |kind: &str, no: &str| PreApproval {
            kind: kind.into(),
            approval_no: no.into(),
            ..Default::default()
        };
        Filing {
            sites: vec![
                Site {
                    pre_approvals: vec![item("1", "川新闻办-2026001号"), item("8", "川卫-77号")],
                    ..Default::default()
                },
                Site::default(),
                Site {
                    pre_approvals: vec![item("1", "川新闻办-2026002号")],
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    fn approve(site: usize, item: usize) -> ItemDecision {
        ItemDecision {
            site,
            item,
            approved: true,
            approval_no: "川新闻办-2026001号".into(),
            approved_on: "2026-12-01".into(),
            reason: String::new(),
        }
    }

    fn refuse(site: usize, item: usize, reason: &str) -> ItemDecision {
        ItemDecision {
            site,
            item,
            reason: reason.into(),
            ..Default::default()
        }
    }

    const TODAY: Date = Date {
        year: 2026,
        month: 12,
        day: 6,
    };

    #[test]
    fn items_are_listed_site_by_site_in_form_order() {
        let f = filing();
        let places: Vec<_> = items(&f).into_iter().map(|(s, i, _)| (s, i)).collect();
        assert_eq!(places, vec![(0, 0), (0, 1), (2, 0)]);
    }

    #[test]
    fn the_application_waits_until_every_item_is_decided() {
        let f = filing();
        assert_eq!(outcome(&f, &[]), Outcome::Waiting);
        assert_eq!(
            outcome(&f, &[approve(0, 0), approve(2, 0)]),
            Outcome::Waiting
        );
        assert_eq!(
            outcome(&f, &[approve(0, 0), approve(0, 1), approve(2, 0)]),
            Outcome::Approved
        );
    }

    #[test]
    fn a_refused_item_returns_with_its_own_reason_at_its_site() {
        let f = filing();
        let decided = [approve(0, 0), refuse(0, 1, "许可证已过期"), approve(2, 0)];
        let Outcome::Refused(reasons) = outcome(&f, &decided) else {
            panic!("expected a refusal");
        };
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].field, "sites[0].pre_approvals");
        assert_eq!(reasons[0].text, "前置审批（医疗保健）未通过：许可证已过期");
        // The reason is one a return accepts: pinned to a field the filing has.
        assert!(
            crate::domain::review::validate_reasons(Action::RejectPreApproval, &reasons, &f)
                .is_empty()
        );
    }

    #[test]
    fn a_later_decision_on_an_item_replaces_the_earlier() {
        let merged = merge(
            vec![refuse(0, 1, "材料不全"), approve(2, 0)],
            vec![approve(0, 1), approve(0, 0)],
        );
        let places: Vec<_> = merged
            .iter()
            .map(|d| (d.site, d.item, d.approved))
            .collect();
        assert_eq!(places, vec![(0, 0, true), (0, 1, true), (2, 0, true)]);
    }

    #[test]
    fn an_approval_needs_its_number_and_a_date_not_after_today() {
        let f = filing();
        assert!(approve(0, 0).validate(&f, TODAY, "items[0]").is_empty());
        let mut d = approve(0, 0);
        d.approval_no = "  ".into();
        d.approved_on = "2026-12-07".into();
        let codes: Vec<_> = d
            .validate(&f, TODAY, "items[0]")
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect();
        assert_eq!(
            codes,
            vec![
                (
                    "items[0].approval_no".into(),
                    "PA_APPROVAL_NO_REQUIRED".into()
                ),
                ("items[0].approved_on".into(), "PA_DATE_FUTURE".into()),
            ]
        );
        d.approval_no = "号".repeat(MAX_APPROVAL_NO_CHARS + 1);
        d.approved_on = "2026-02-30".into();
        let codes: Vec<_> = d
            .validate(&f, TODAY, "items[0]")
            .into_iter()
            .map(|e| e.rule)
            .collect();
        assert_eq!(codes, vec!["PA_APPROVAL_NO_TOO_LONG", "PA_DATE_REQUIRED"]);
    }

    #[test]
    fn a_refusal_needs_a_reason_and_an_item_the_filing_has() {
        let f = filing();
        let codes = |d: ItemDecision| -> Vec<String> {
            d.validate(&f, TODAY, "items[0]")
                .into_iter()
                .map(|e| e.rule)
                .collect()
        };
        assert_eq!(codes(refuse(0, 0, " ")), vec!["PA_REASON_REQUIRED"]);
        assert_eq!(
            codes(refuse(0, 0, &"长".repeat(MAX_REASON_CHARS + 1))),
            vec!["PA_REASON_TOO_LONG"]
        );
        assert_eq!(codes(refuse(1, 0, "无")), vec!["PA_ITEM_UNKNOWN"]);
        assert_eq!(codes(approve(0, 2)), vec!["PA_ITEM_UNKNOWN"]);
    }

    #[test]
    fn approvals_are_written_into_the_filing_and_summarised() {
        let mut f = filing();
        let decided = [approve(0, 0), refuse(0, 1, "许可证已过期")];
        apply_approvals(&mut f, &decided);
        assert_eq!(f.sites[0].pre_approvals[0].approved_on, "2026-12-01");
        assert_eq!(f.sites[0].pre_approvals[1].approved_on, "");
        assert_eq!(
            summary(&f, &decided),
            "网站1 新闻：通过，川新闻办-2026001号，2026-12-01；网站1 医疗保健：不通过，许可证已过期"
        );
    }

    #[test]
    fn only_the_item_decisions_approve_or_refuse_pre_approval() {
        assert!(decided_per_item(Action::ApprovePreApproval));
        assert!(decided_per_item(Action::RejectPreApproval));
        assert!(!decided_per_item(Action::OpenPreApproval));
    }
}
