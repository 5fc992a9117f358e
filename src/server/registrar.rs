//! Domain real-name consistency (AR14): the holder a registrar has on
//! record for a filed domain must be the subject that files it. Registrars
//! are reached through `RegistrarLookup`; the simulated ministry uses
//! `SimulatedRegistrar`, which reads `data/domain_holders.tsv`, so tests
//! and demos never leave the machine.

use std::collections::HashMap;

use crate::domain::domain_name::normalize_domain;

/// Who holds a domain, as its registrar's real-name record says.
pub trait RegistrarLookup: Send + Sync {
    /// The holder's name, or `None` when the registrar has no record of
    /// the domain (then nothing is checked).
    fn holder(&self, domain: &str) -> Option<String>;
}

const HOLDERS: &str = include_str!("data/domain_holders.tsv");

/// The registrar records of `data/domain_holders.tsv`.
pub struct SimulatedRegistrar {
    holders: HashMap<String, String>,
}

impl SimulatedRegistrar {
    /// Reads the built-in table.
    pub fn load() -> SimulatedRegistrar {
        let holders = HOLDERS
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .map(|(domain, holder)| (normalize_domain(domain), holder.trim().to_owned()))
            .collect();
        SimulatedRegistrar { holders }
    }
}

impl RegistrarLookup for SimulatedRegistrar {
    fn holder(&self, domain: &str) -> Option<String> {
        self.holders.get(&normalize_domain(domain)).cloned()
    }
}

/// Whether a registrar's holder and a subject's name are the same name:
/// white space and the width of brackets do not count (`（` is `(`).
pub fn same_holder(holder: &str, subject: &str) -> bool {
    let canonical = |name: &str| -> String {
        name.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                other => other,
            })
            .collect()
    };
    canonical(holder) == canonical(subject)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_domain_names_its_holder_and_an_unlisted_one_nothing() {
        let registrar = SimulatedRegistrar::load();
        assert_eq!(
            registrar.holder("RealName-LanHai.com").as_deref(),
            Some("成都蓝海科技有限公司")
        );
        assert_eq!(registrar.holder("nowhere.example"), None);
    }

    #[test]
    fn names_match_whatever_the_spaces_and_bracket_widths() {
        assert!(same_holder(
            "蓝海（成都）科技有限公司",
            "蓝海(成都)科技 有限公司"
        ));
        assert!(!same_holder("北京别家科技有限公司", "成都蓝海科技有限公司"));
    }
}
