//! 短信核验: since 2020 the ministry texts a code to every 负责人 of a
//! filing it accepts. Each confirms on a public page with the mobile, the
//! code and the last six characters of their certificate number before the
//! deadline, or the filing goes back to the provider. One text per
//! distinct mobile: a person who is 负责人 of the subject and of a site
//! confirms once. Shared so the confirmation page checks its fields as they
//! are typed and the server checks them again.

use serde::{Deserialize, Serialize};

use super::account::{check_mobile, normalize_mobile};
use super::field_error::FieldError;
use super::filing::Filing;
use super::lang::Lang;

/// Digits of a code.
pub const CODE_DIGITS: usize = 6;
/// Wrong tries that fail a person's check.
pub const MAX_TRIES: i32 = 5;
/// Characters of the certificate number a person confirms with.
pub const CERT_TAIL_CHARS: usize = 6;

/// Where one person's check stands. Stored by its `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum SmsStatus {
    /// The code was sent; no confirmation yet.
    Waiting,
    /// Confirmed with the right code and certificate.
    Confirmed,
    /// Five wrong tries.
    Failed,
    /// The deadline passed unconfirmed.
    TimedOut,
}

impl SmsStatus {
    const ALL: [SmsStatus; 4] = [
        SmsStatus::Waiting,
        SmsStatus::Confirmed,
        SmsStatus::Failed,
        SmsStatus::TimedOut,
    ];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            SmsStatus::Waiting => "WAITING",
            SmsStatus::Confirmed => "CONFIRMED",
            SmsStatus::Failed => "FAILED",
            SmsStatus::TimedOut => "TIMED_OUT",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<SmsStatus> {
        SmsStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            SmsStatus::Waiting => "待确认",
            SmsStatus::Confirmed => "已确认",
            SmsStatus::Failed => "核验失败",
            SmsStatus::TimedOut => "已超时",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            SmsStatus::Waiting => "Waiting",
            SmsStatus::Confirmed => "Confirmed",
            SmsStatus::Failed => "Failed",
            SmsStatus::TimedOut => "Timed out",
        }
    }

    /// The label in the page's language.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }
}

super::code::stored_as_code!(SmsStatus);

/// One text to send: a distinct mobile, who holds it, and the certificate
/// tails that confirm it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The mobile, normalised to 11 digits.
    pub mobile: String,
    /// Each role holding it, e.g. `主体负责人 张三`, `网站2负责人 李四`.
    pub holders: Vec<String>,
    /// The last six characters of each holder's certificate number.
    pub cert_tails: Vec<String>,
}

/// The last six characters of a certificate number, as typed back.
pub fn cert_tail(cert_number: &str) -> String {
    let upper: Vec<char> = cert_number.trim().to_uppercase().chars().collect();
    upper[upper.len().saturating_sub(CERT_TAIL_CHARS)..]
        .iter()
        .collect()
}

/// Everyone `filing` names as 负责人, one entry per distinct mobile, in
/// form order (the subject's first).
pub fn recipients(filing: &Filing) -> Vec<Recipient> {
    let mut people = vec![(
        format!("主体负责人 {}", filing.subject.principal.name.trim()),
        &filing.subject.principal,
    )];
    for (i, site) in filing.sites.iter().enumerate() {
        if !site.principal_same_as_subject {
            people.push((
                format!("网站{}负责人 {}", i + 1, site.principal.name.trim()),
                &site.principal,
            ));
        }
    }
    let mut out: Vec<Recipient> = Vec::new();
    for (holder, person) in people {
        let Some(mobile) = normalize_mobile(&person.mobile) else {
            continue;
        };
        let tail = cert_tail(&person.cert_number);
        match out.iter_mut().find(|r| r.mobile == mobile) {
            Some(r) => {
                r.holders.push(holder);
                if !r.cert_tails.contains(&tail) {
                    r.cert_tails.push(tail);
                }
            }
            None => out.push(Recipient {
                mobile,
                holders: vec![holder],
                cert_tails: vec![tail],
            }),
        }
    }
    out
}

/// What a person types on the confirmation page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Confirmation {
    pub mobile: String,
    pub code: String,
    pub cert_tail: String,
}

/// 短信核验码: the 6 digits of the text.
pub fn check_code(value: &str) -> Option<FieldError> {
    let code = value.trim();
    (code.len() != CODE_DIGITS || !code.bytes().all(|b| b.is_ascii_digit())).then(|| {
        FieldError::new(
            "code",
            "SMS_CODE_FORMAT",
            "核验码为短信中的 6 位数字",
            "The code is the 6 digits in the text message",
        )
    })
}

/// 证件号码后 6 位: six letters or digits.
pub fn check_cert_tail(value: &str) -> Option<FieldError> {
    let tail = value.trim();
    (tail.chars().count() != CERT_TAIL_CHARS || !tail.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| {
            FieldError::new(
                "cert_tail",
                "SMS_CERT_TAIL_FORMAT",
                "请填写证件号码的后 6 位",
                "Enter the last 6 characters of the certificate number",
            )
        })
}

impl Confirmation {
    /// The form's own errors, each at its field; none means it may be sent.
    pub fn validate(&self) -> Vec<FieldError> {
        [
            check_mobile(&self.mobile),
            check_code(&self.code),
            check_cert_tail(&self.cert_tail),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Whether the certificate tail typed is one of `tails`.
    pub fn tail_matches(&self, tails: &[String]) -> bool {
        let typed = self.cert_tail.trim().to_uppercase();
        tails.contains(&typed)
    }
}

/// The status after one more wrong try, `tries` wrong ones before it.
pub fn after_wrong_try(tries: i32) -> SmsStatus {
    if tries + 1 >= MAX_TRIES {
        SmsStatus::Failed
    } else {
        SmsStatus::Waiting
    }
}

/// One person's check as the outcome counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub holders: String,
    pub mobile: String,
    pub status: SmsStatus,
    /// Whether its one re-send was used.
    pub resent: bool,
}

/// Where an application's checks stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Someone may still confirm.
    Waiting,
    /// Everyone confirmed: on to 前置审批 or the 管局.
    AllConfirmed,
    /// It cannot complete: back to the provider with this reason.
    Returned(String),
}

/// The outcome of `checks` before the deadline. A failed check without
/// its re-send may still be sent again, so it waits; one failed after its
/// re-send ends the round.
pub fn outcome(checks: &[Check]) -> Outcome {
    let lost: Vec<&Check> = checks
        .iter()
        .filter(|c| c.status == SmsStatus::Failed && c.resent)
        .collect();
    if !lost.is_empty() {
        return Outcome::Returned(format!(
            "短信核验未通过：{}",
            named(&lost, "核验码错误次数过多")
        ));
    }
    if !checks.is_empty() && checks.iter().all(|c| c.status == SmsStatus::Confirmed) {
        Outcome::AllConfirmed
    } else {
        Outcome::Waiting
    }
}

/// The reason a timed-out application goes back with: who did not confirm.
pub fn timeout_reason(checks: &[Check]) -> String {
    let open: Vec<&Check> = checks
        .iter()
        .filter(|c| c.status != SmsStatus::Confirmed)
        .collect();
    format!("短信核验超时：{}", named(&open, "未在期限内确认"))
}

fn named(checks: &[&Check], what: &str) -> String {
    checks
        .iter()
        .map(|c| format!("{}（{}）{what}", c.holders, mask(&c.mobile)))
        .collect::<Vec<_>>()
        .join("；")
}

/// A round at a glance, for a work list: `短信核验 已确认 1/2`, with the
/// failed and timed-out checks counted when there are any.
pub fn summary(statuses: &[SmsStatus]) -> String {
    let count = |status| statuses.iter().filter(|s| **s == status).count();
    let mut text = format!(
        "短信核验 已确认 {}/{}",
        count(SmsStatus::Confirmed),
        statuses.len()
    );
    for status in [SmsStatus::Failed, SmsStatus::TimedOut] {
        if count(status) > 0 {
            text.push_str(&format!("，{} {}", status.label_zh(), count(status)));
        }
    }
    text
}

/// A mobile as shown to others: `138****8000`.
pub fn mask(mobile: &str) -> String {
    let chars: Vec<char> = mobile.chars().collect();
    if chars.len() != 11 {
        return "*".repeat(chars.len());
    }
    format!(
        "{}****{}",
        chars[..3].iter().collect::<String>(),
        chars[7..].iter().collect::<String>()
    )
}

/// A code from a random number.
pub fn code_from(random: u32) -> String {
    format!("{:06}", random % 1_000_000)
}

/// The text each person receives.
pub fn message(code: &str, holders: &[String], hours: i64) -> String {
    format!(
        "【ICP备案】{}：您的备案短信核验码为 {code}，{hours} 小时内有效。请打开备案系统首页的“备案短信核验”（/sms），输入手机号码、核验码和证件号码后 6 位完成核验。如非本人办理，请勿操作。",
        holders.join("、")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filing::{Person, Site};

    fn person(name: &str, cert: &str, mobile: &str) -> Person {
        Person {
            name: name.into(),
            cert_number: cert.into(),
            mobile: mobile.into(),
            ..Default::default()
        }
    }

    fn filing() -> Filing {
        let mut filing = Filing::default();
        filing.subject.principal = person("张三", "44152319930906632X", "13800138000");
        filing.sites = vec![
            Site {
                principal_same_as_subject: true,
                ..Default::default()
            },
            Site {
                principal: person("李四", "510107198805121237", "13900139000"),
                ..Default::default()
            },
            // The subject's 负责人 again, by number: one text.
            Site {
                principal: person("张三", "44152319930906632x", "138 0013 8000"),
                ..Default::default()
            },
        ];
        filing
    }

    #[test]
    fn one_text_per_distinct_mobile_naming_each_role() {
        let got = recipients(&filing());
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].mobile, "13800138000");
        assert_eq!(got[0].holders, ["主体负责人 张三", "网站3负责人 张三"]);
        assert_eq!(got[0].cert_tails, ["06632X"]);
        assert_eq!(got[1].holders, ["网站2负责人 李四"]);
        assert_eq!(got[1].cert_tails, ["121237"]);
    }

    #[test]
    fn the_form_checks_each_field_and_the_tail_ignores_case() {
        let good = Confirmation {
            mobile: "13800138000".into(),
            code: "012345".into(),
            cert_tail: "06632x".into(),
        };
        assert!(good.validate().is_empty());
        assert!(good.tail_matches(&["06632X".into()]));
        assert!(!good.tail_matches(&["121237".into()]));
        let bad = Confirmation {
            mobile: "1380013800".into(),
            code: "12345a".into(),
            cert_tail: "6632X".into(),
        };
        let rules: Vec<_> = bad.validate().into_iter().map(|e| e.rule).collect();
        assert_eq!(
            rules,
            [
                "ACC_MOBILE_FORMAT",
                "SMS_CODE_FORMAT",
                "SMS_CERT_TAIL_FORMAT"
            ]
        );
    }

    #[test]
    fn the_fifth_wrong_try_fails_the_check() {
        for tries in 0..MAX_TRIES - 1 {
            assert_eq!(after_wrong_try(tries), SmsStatus::Waiting, "{tries}");
        }
        assert_eq!(after_wrong_try(MAX_TRIES - 1), SmsStatus::Failed);
    }

    fn check(status: SmsStatus, resent: bool) -> Check {
        Check {
            holders: "主体负责人 张三".into(),
            mobile: "13800138000".into(),
            status,
            resent,
        }
    }

    #[test]
    fn the_round_completes_only_when_everyone_confirmed() {
        use SmsStatus::*;
        assert_eq!(outcome(&[]), Outcome::Waiting);
        assert_eq!(
            outcome(&[check(Confirmed, false), check(Waiting, false)]),
            Outcome::Waiting
        );
        assert_eq!(
            outcome(&[check(Confirmed, false), check(Confirmed, true)]),
            Outcome::AllConfirmed
        );
        // A failure may still be re-sent once; after that it ends the round.
        assert_eq!(outcome(&[check(Failed, false)]), Outcome::Waiting);
        assert_eq!(
            outcome(&[check(Confirmed, false), check(Failed, true)]),
            Outcome::Returned(
                "短信核验未通过：主体负责人 张三（138****8000）核验码错误次数过多".into()
            )
        );
    }

    #[test]
    fn a_round_is_summed_up_for_the_work_list() {
        use SmsStatus::*;
        assert_eq!(summary(&[Confirmed, Waiting]), "短信核验 已确认 1/2");
        assert_eq!(
            summary(&[Failed, Confirmed, TimedOut]),
            "短信核验 已确认 1/3，核验失败 1，已超时 1"
        );
    }

    #[test]
    fn a_timeout_names_who_did_not_confirm() {
        let mut other = check(SmsStatus::Waiting, false);
        other.holders = "网站2负责人 李四".into();
        other.mobile = "13900139000".into();
        assert_eq!(
            timeout_reason(&[check(SmsStatus::Confirmed, false), other]),
            "短信核验超时：网站2负责人 李四（139****9000）未在期限内确认"
        );
    }

    proptest::proptest! {
        /// Whoever holds which mobile, each distinct mobile gets one text
        /// naming every role that holds it, and the subject's comes first.
        #[test]
        fn one_text_per_distinct_mobile_whatever_the_people(
            mobiles in proptest::collection::vec(0usize..3, 0..6),
            same in proptest::collection::vec(proptest::bool::ANY, 6),
        ) {
            let numbers = ["13800138000", "13900139000", "13700137000"];
            let mut filing = Filing::default();
            filing.subject.principal = person("张三", "44152319930906632X", numbers[0]);
            for (i, m) in mobiles.iter().enumerate() {
                filing.sites.push(Site {
                    principal_same_as_subject: same[i],
                    principal: person("李四", "510107198805121237", numbers[*m]),
                    ..Default::default()
                });
            }
            let got = recipients(&filing);
            let mut expected: Vec<&str> = vec![numbers[0]];
            for (i, m) in mobiles.iter().enumerate() {
                if !same[i] && !expected.contains(&numbers[*m]) {
                    expected.push(numbers[*m]);
                }
            }
            let sent: Vec<&str> = got.iter().map(|r| r.mobile.as_str()).collect();
            proptest::prop_assert_eq!(sent, expected);
            let holders: usize = got.iter().map(|r| r.holders.len()).sum();
            proptest::prop_assert_eq!(holders, 1 + same.iter().take(mobiles.len()).filter(|s| !**s).count());
            proptest::prop_assert!(got[0].holders[0].starts_with("主体负责人"));
        }

        #[test]
        fn a_code_is_always_six_digits(random in proptest::num::u32::ANY) {
            let code = code_from(random);
            proptest::prop_assert_eq!(code.len(), CODE_DIGITS);
            proptest::prop_assert!(check_code(&code).is_none());
        }
    }

    #[test]
    fn codes_have_six_digits_and_statuses_round_trip() {
        assert_eq!(code_from(7), "000007");
        assert_eq!(code_from(4_294_967_295), "967295");
        for status in SmsStatus::ALL {
            assert_eq!(SmsStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(mask("13800138000"), "138****8000");
        assert_eq!(cert_tail(" 44152319930906632x "), "06632X");
    }
}
