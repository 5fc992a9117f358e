//! Province rule profiles (docs/domain.md §4.13): the rules a 管局 adds to
//! the national ones, kept as data (`province_rules.tsv`, a code table) so
//! a provider follows a province's yearly changes by editing a file. The
//! wizard names them as soon as the province is chosen and checks them as
//! the user types; the server checks them again on every submit.

use super::account::normalize_mobile;
use super::code_tables::tables;
use super::field_error::FieldError;
use super::filing::{Filing, Person};
use super::lang::Lang;
use super::region::province_by_code;

/// One rule a profile switches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Different 负责人 may not share a mobile or an e-mail address.
    DistinctContacts,
    /// A 负责人's mobile must be registered in the filing's province (by
    /// its 号段, `mobile_segments.tsv`; a segment not listed is not checked).
    MobileHomeProvince,
    /// At most this many sites and services in one application.
    MaxServices(usize),
    /// A 主体负责人 who is not the legal representative needs the
    /// representative's 授权书.
    LegalRepresentative,
    /// The subject uploads a signed 《网站备案信息真实性承诺书》.
    CommitmentLetter,
    /// A mobile another live subject's 负责人 uses is refused. It needs the
    /// records, so the server checks it (`server::principal_mobiles`).
    UniqueMobile,
    /// A 空壳主体 (no live site served by any provider) may not add sites
    /// or services directly: it is cancelled and filed again first. It
    /// needs the records, so the server checks it (`server::shells`).
    NoShellAdditions,
}

impl Rule {
    /// The names the table writes, e.g. `max_services=5`.
    pub const NAMES: [&str; 7] = [
        "distinct_contacts",
        "mobile_home_province",
        "max_services",
        "legal_representative",
        "unique_mobile",
        "no_shell_additions",
        "commitment_letter",
    ];

    /// Reads `name` or `name=value` as the table writes it.
    pub fn parse(text: &str) -> Result<Rule, String> {
        let (name, value) = text.split_once('=').unwrap_or((text, ""));
        match (name, value) {
            ("distinct_contacts", "") => Ok(Rule::DistinctContacts),
            ("mobile_home_province", "") => Ok(Rule::MobileHomeProvince),
            ("legal_representative", "") => Ok(Rule::LegalRepresentative),
            ("unique_mobile", "") => Ok(Rule::UniqueMobile),
            ("no_shell_additions", "") => Ok(Rule::NoShellAdditions),
            ("commitment_letter", "") => Ok(Rule::CommitmentLetter),
            ("max_services", n) => match n.parse() {
                Ok(n) if (1..=super::filing::MAX_SITES).contains(&n) => Ok(Rule::MaxServices(n)),
                _ => Err(format!(
                    "max_services needs a number from 1 to {}",
                    super::filing::MAX_SITES
                )),
            },
            _ => Err(format!(
                "unknown rule “{text}”; the rules are {}",
                Self::NAMES.join(", ")
            )),
        }
    }

    /// What the rule asks, as the wizard names it.
    pub fn describe(self, lang: Lang) -> String {
        match self {
            Rule::DistinctContacts => lang
                .pick(
                    "不同负责人的手机号码和电子邮箱不能相同",
                    "Different persons in charge need different mobiles and e-mail addresses",
                )
                .to_owned(),
            Rule::MobileHomeProvince => lang
                .pick(
                    "负责人的手机号码归属地须为本省",
                    "Each person in charge's mobile must be registered in this province",
                )
                .to_owned(),
            Rule::MaxServices(n) => match lang {
                Lang::Zh => format!("一次备案最多 {n} 个网站或互联网服务"),
                Lang::En => format!("At most {n} sites or services per application"),
            },
            Rule::LegalRepresentative => lang
                .pick(
                    "主体负责人应为法定代表人，否则须上传法定代表人授权书",
                    "The subject's person in charge is the legal representative, or uploads the representative's authorisation",
                )
                .to_owned(),
            Rule::CommitmentLetter => lang
                .pick(
                    "须上传主办单位签章的《网站备案信息真实性承诺书》",
                    "The subject uploads its signed commitment to the filing's truth",
                )
                .to_owned(),
            Rule::UniqueMobile => lang
                .pick(
                    "负责人的手机号码不能已被其他主体的负责人使用",
                    "A person in charge's mobile may not be one another subject's person in charge uses",
                )
                .to_owned(),
            Rule::NoShellAdditions => lang
                .pick(
                    "空壳主体（没有任何网站有接入）不能直接新增网站或互联网服务，须先注销主体后重新备案",
                    "An empty subject (no site served by any provider) cannot add sites or services directly; cancel it and file it again",
                )
                .to_owned(),
        }
    }
}

/// The rules of one province, or of every province without its own (`*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// A province code, or `*`.
    pub province: &'static str,
    pub rules: &'static [Rule],
}

/// Every profile, the default (`*`) first.
pub fn profiles() -> &'static [Profile] {
    tables().province_rules
}

/// The rules in force for a filing in `province`.
pub fn rules_for(province: &str) -> &'static [Rule] {
    let profiles = profiles();
    profiles
        .iter()
        .find(|p| p.province == province)
        .or_else(|| profiles.iter().find(|p| p.province == "*"))
        .map_or(&[], |p| p.rules)
}

/// The province a mobile is registered in, by the longest listed prefix of
/// its number; `None` when no listed 号段 covers it.
pub fn home_province(mobile: &str) -> Option<&'static str> {
    let mobile = normalize_mobile(mobile)?;
    tables()
        .mobile_segments
        .iter()
        .filter(|(prefix, _)| mobile.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, province)| *province)
}

/// The findings of the rules in force for the filing's province.
pub fn check(filing: &Filing, out: &mut Vec<FieldError>) {
    let province = filing.subject.province.as_str();
    for rule in rules_for(province) {
        match *rule {
            Rule::DistinctContacts => distinct_contacts(filing, out),
            Rule::MobileHomeProvince => mobile_home_province(filing, province, out),
            Rule::MaxServices(most) if filing.sites.len() > most => out.push(FieldError::new(
                "sites",
                "RULE_MAX_SERVICES",
                &format!("本省一次备案最多 {most} 个网站或互联网服务"),
                &format!("This province allows at most {most} sites or services per application"),
            )),
            Rule::MaxServices(_) => {}
            Rule::CommitmentLetter if filing.subject.commitment.is_none() => {
                out.push(FieldError::new(
                    "subject.commitment",
                    "RULE_COMMITMENT",
                    "本省要求上传主办单位签章的《网站备案信息真实性承诺书》",
                    "This province needs the subject's signed commitment to the filing's truth",
                ))
            }
            Rule::CommitmentLetter => {}
            // They need the records: the server checks them at submit.
            Rule::UniqueMobile | Rule::NoShellAdditions => {}
            Rule::LegalRepresentative => {
                let subject = &filing.subject;
                if subject.principal_by_authorisation && subject.authorisation.is_none() {
                    out.push(FieldError::new(
                        "subject.authorisation",
                        "RULE_AUTHORISATION",
                        "本省要求：主体负责人不是法定代表人的，须上传法定代表人授权书",
                        "This province needs the legal representative's authorisation when the person in charge is someone else",
                    ));
                }
            }
        }
    }
}

/// Mobiles shared by two sites' own 负责人, and e-mails shared by any two
/// 负责人. (A site's 负责人 sharing the subject's mobile is refused by the
/// national rules already, `PHONE_SHARED_BY_PERSONS`.)
fn distinct_contacts(filing: &Filing, out: &mut Vec<FieldError>) {
    let persons = filing.persons();
    for (index, (path, person)) in persons.iter().enumerate() {
        let another =
            |(_, e): &&(String, &Person)| e.cert_number.trim() != person.cert_number.trim();
        let mobile = normalize_mobile(&person.mobile);
        let shared_mobile = mobile.is_some()
            && persons[1.min(index)..index]
                .iter()
                .filter(another)
                .any(|(_, e)| normalize_mobile(&e.mobile) == mobile);
        if shared_mobile {
            out.push(FieldError::new(
                &format!("{path}.mobile"),
                "RULE_DISTINCT_MOBILE",
                "本省要求不同负责人使用不同的手机号码",
                "This province needs a different mobile for each person in charge",
            ));
        }
        let email = person.email.trim().to_lowercase();
        let shared_email = !email.is_empty()
            && persons[..index]
                .iter()
                .filter(another)
                .any(|(_, e)| e.email.trim().to_lowercase() == email);
        if shared_email {
            out.push(FieldError::new(
                &format!("{path}.email"),
                "RULE_DISTINCT_EMAIL",
                "本省要求不同负责人使用不同的电子邮箱",
                "This province needs a different e-mail address for each person in charge",
            ));
        }
    }
}

fn mobile_home_province(filing: &Filing, province: &str, out: &mut Vec<FieldError>) {
    for (path, person) in filing.persons() {
        let Some(home) = home_province(&person.mobile).filter(|home| *home != province) else {
            continue;
        };
        let (zh, en) = province_by_code(home).map_or((home, home), |p| (p.name_zh, p.name_en));
        out.push(FieldError::new(
            &format!("{path}.mobile"),
            "RULE_MOBILE_PROVINCE",
            &format!("本省要求负责人的手机号码归属本省，此号码归属{zh}"),
            &format!("This province needs a mobile registered here; this one is from {en}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_as_the_table_writes_them() {
        assert_eq!(Rule::parse("distinct_contacts"), Ok(Rule::DistinctContacts));
        assert_eq!(Rule::parse("max_services=3"), Ok(Rule::MaxServices(3)));
        assert!(Rule::parse("max_services=0").is_err());
        assert!(Rule::parse("max_services=11").is_err());
        assert!(Rule::parse("colour")
            .unwrap_err()
            .contains("distinct_contacts"));
    }

    #[test]
    fn a_province_without_a_profile_follows_the_default() {
        assert_eq!(rules_for("440000").len(), 6, "广东 has its own");
        assert!(rules_for("510000").is_empty(), "四川 follows the default");
    }

    #[test]
    fn the_longest_listed_segment_names_the_home_province() {
        assert_eq!(home_province("13802512345"), Some("440000"));
        assert_eq!(home_province("+86 138 0251 2345"), Some("440000"));
        assert_eq!(home_province("13980012345"), Some("510000"));
        assert_eq!(
            home_province("19999999999"),
            None,
            "not listed: not checked"
        );
        assert_eq!(home_province("12345"), None);
    }
}
