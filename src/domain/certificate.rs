//! 单位性质 and 证件类型 (docs/domain.md §2.2.1–§2.2.2): which certificate a
//! subject of each nature may present, and how each number is checked.

use super::code_tables::tables;
use super::date::Date;
use super::field_error::FieldError;
use super::identity::{
    check_business_reg_no, check_credit_code, check_org_code, check_resident_id,
    credit_code_category, normalize_code, resident_id_check_char,
};

use NumberFormat as F;

/// How the number of a certificate type is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// 居民身份证 (GB 11643).
    ResidentId,
    /// 统一社会信用代码 (GB 32100).
    CreditCode,
    /// 组织机构代码 (GB 11714).
    OrgCode,
    /// 营业执照: a credit code, or the old 15-digit registration number.
    BusinessLicence,
    /// 护照.
    Passport,
    /// 港澳居民来往内地通行证.
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证.
    TaiwanPermit,
    /// 外国人永久居留身份证.
    ForeignPermanent,
    /// 港澳居民居住证 (prefix 81/82, GB 11643 checksum).
    HkMacaoResidence,
    /// 台湾居民居住证 (prefix 83, GB 11643 checksum).
    TaiwanResidence,
    /// Other licences: 1–30 letters (Chinese included), digits and `-()（）`.
    FreeText,
}

impl NumberFormat {
    /// The names the `cert_types` table writes, in the order of `ALL`.
    pub const NAMES: [&str; 11] = [
        "resident_id",
        "credit_code",
        "org_code",
        "business_licence",
        "passport",
        "hk_macao_permit",
        "taiwan_permit",
        "foreign_permanent",
        "hk_macao_residence",
        "taiwan_residence",
        "free_text",
    ];
    const ALL: [NumberFormat; 11] = [
        F::ResidentId,
        F::CreditCode,
        F::OrgCode,
        F::BusinessLicence,
        F::Passport,
        F::HkMacaoPermit,
        F::TaiwanPermit,
        F::ForeignPermanent,
        F::HkMacaoResidence,
        F::TaiwanResidence,
        F::FreeText,
    ];

    /// The format a table names, e.g. `resident_id`.
    pub fn from_name(name: &str) -> Option<NumberFormat> {
        Self::NAMES
            .iter()
            .position(|known| *known == name)
            .map(|i| Self::ALL[i])
    }
}

/// A 证件类型 with its stable code (the MIIT system's numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CertType {
    /// Stable code, e.g. `2` for 居民身份证.
    pub code: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// How its number is checked.
    pub format: NumberFormat,
    /// A natural person (a 负责人 or an individual subject) may hold it.
    pub personal: bool,
    /// No longer offered or accepted; kept so old records show its label.
    pub retired: bool,
}

/// A 单位性质 with the certificate types it may present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nature {
    /// Our stable code, e.g. `ENTERPRISE`.
    pub code: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// Allowed 证件类型 codes, in the order the wizard offers them.
    pub cert_types: &'static [&'static str],
    /// Credit-code department+category pairs that fit (empty: no check).
    pub credit_categories: &'static [&'static str],
    /// No longer offered or accepted; kept so old records show its label.
    pub retired: bool,
}

/// Every 单位性质, in the order of the MIIT list.
pub fn natures() -> &'static [Nature] {
    tables().natures
}

/// Every 证件类型.
pub fn cert_types() -> &'static [CertType] {
    tables().cert_types
}

/// Looks a 单位性质 up by code.
/// Retired ones included, so old records show their label.
pub fn nature_by_code(code: &str) -> Option<&'static Nature> {
    natures().iter().find(|n| n.code == code)
}

/// Looks a 证件类型 up by code.
/// Retired ones included, so old records show their label.
pub fn cert_type_by_code(code: &str) -> Option<&'static CertType> {
    cert_types().iter().find(|c| c.code == code)
}

/// The certificates a natural person may hold, as the wizard offers them.
pub fn personal_cert_types() -> impl Iterator<Item = &'static CertType> {
    cert_types().iter().filter(|c| c.personal && !c.retired)
}

fn bad(rule: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new("cert_number", rule, zh, en)
}

/// Checks a certificate number against its type. `adult_on` demands that a
/// resident ID holder is at least 18 on that day.
pub fn check_cert_number(
    cert_type: &CertType,
    value: &str,
    today: Date,
    adult_on: Option<Date>,
) -> Option<FieldError> {
    let number = normalize_code(value);
    if number.is_empty() {
        return Some(bad(
            "CERT_REQUIRED",
            "请填写证件号码",
            "Enter the certificate number",
        ));
    }
    if number.chars().count() > 30 {
        return Some(bad(
            "CERT_LENGTH",
            "证件号码不能超过 30 个字符",
            "A certificate number has at most 30 characters",
        ));
    }
    let ascii_shape = |ok: bool, zh: &str, en: &str| (!ok).then(|| bad("CERT_FORMAT", zh, en));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match cert_type.format {
        F::ResidentId => check_resident_id(&number, today, adult_on)
            .err()
            .map(|p| bad(p.rule(), p.zh(), p.en())),
        F::CreditCode => check_credit_code(&number).err().map(|p| bad(p.rule(), p.zh(), p.en())),
        F::OrgCode => check_org_code(&number).err().map(|rule| {
            bad(rule, "组织机构代码应为 8 位数字或字母加 1 位校验码，如 D2143569-X", "An organisation code is 8 letters or digits and a check character, e.g. D2143569-X")
        }),
        F::BusinessLicence => {
            let ok = if number.len() == 15 { check_business_reg_no(&number).is_ok() } else { check_credit_code(&number).is_ok() };
            (!ok).then(|| match check_credit_code(&number) {
                Err(p) if number.len() == 18 => bad(p.rule(), p.zh(), p.en()),
                _ if number.len() == 15 => bad("BIZREG_CHECKSUM", "营业执照注册号校验位错误", "The check digit of the registration number is wrong"),
                _ => bad("USCC_FORMAT", "营业执照号码应为 18 位统一社会信用代码（或 15 位旧注册号）", "Enter the 18-character credit code (or the old 15-digit number)"),
            })
        }
        F::Passport => ascii_shape(
            (5..=20).contains(&number.len()) && number.chars().all(|c| c.is_ascii_alphanumeric()),
            "护照号码应为 5–20 位字母或数字",
            "A passport number has 5 to 20 letters or digits",
        ),
        F::HkMacaoPermit => ascii_shape(
            (number.len() == 9 || number.len() == 11) && (number.starts_with('H') || number.starts_with('M')) && digits(&number[1..]),
            "港澳通行证号码应为 H 或 M 加 8 位（或 10 位）数字",
            "The permit number is H or M followed by 8 (or 10) digits",
        ),
        F::TaiwanPermit => ascii_shape(
            (number.len() == 8 && digits(&number)) || (number.len() == 10 && number.chars().all(|c| c.is_ascii_alphanumeric())),
            "台湾居民来往大陆通行证号码应为 8 位数字",
            "The permit number has 8 digits",
        ),
        F::ForeignPermanent => {
            let old = number.is_ascii()
                && number.len() == 15
                && number[..3].bytes().all(|b| b.is_ascii_uppercase()) && digits(&number[3..]);
            let new = number.is_ascii()
                && number.len() == 18
                && number.starts_with('9')
                && resident_id_check_char(&number[..17]) == number.chars().nth(17);
            ascii_shape(old || new, "永久居留身份证号码应为 15 位（3 位字母加 12 位数字）或以 9 开头的 18 位", "The card number has 15 characters (3 letters, 12 digits) or 18 starting with 9")
        }
        F::HkMacaoResidence | F::TaiwanResidence => {
            let prefixes: &[&str] = if cert_type.format == F::HkMacaoResidence { &["81", "82"] } else { &["83"] };
            if !prefixes.iter().any(|p| number.starts_with(p)) {
                return Some(bad("CERT_FORMAT", "居住证号码前两位应为 81、82（港澳）或 83（台湾）", "A residence permit number starts with 81 or 82 (HK, Macao) or 83 (Taiwan)"));
            }
            check_resident_id(&number, today, adult_on).err().map(|p| bad(p.rule(), p.zh(), p.en()))
        }
        F::FreeText => ascii_shape(
            number.chars().all(|c| c.is_alphanumeric() || "-()（）".contains(c)),
            "证件号码只能包含文字、字母、数字和 -()（）",
            "Use letters, digits and -()（） only",
        ),
    }
}

/// A warning when a credit code's department and category (positions 1–2)
/// do not fit the chosen 单位性质, e.g. a 9-1 enterprise code filed as 政府机关.
pub fn credit_category_warning(nature: &Nature, cert_number: &str) -> Option<FieldError> {
    if nature.credit_categories.is_empty() || check_credit_code(cert_number).is_err() {
        return None;
    }
    let (department, category) = credit_code_category(cert_number)?;
    let pair: String = [department, category].iter().collect();
    (!nature.credit_categories.contains(&pair.as_str())).then(|| {
        FieldError::warning(
            "cert_number",
            "USCC_CATEGORY_MISMATCH",
            &format!(
                "该信用代码的登记管理部门和机构类别（{pair}）与所选单位性质“{}”不一致，请核对",
                nature.zh
            ),
            &format!(
                "The code's department and category ({pair}) do not fit the chosen nature \"{}\"",
                nature.en
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 28).unwrap()
    }

    fn check(code: &str, value: &str) -> Option<String> {
        check_cert_number(cert_type_by_code(code).unwrap(), value, today(), None).map(|e| e.rule)
    }

    #[test]
    fn every_nature_offers_known_cert_types() {
        for n in natures() {
            assert!(!n.cert_types.is_empty(), "{}", n.code);
            for c in n.cert_types {
                assert!(
                    cert_type_by_code(c).is_some(),
                    "{} offers unknown {c}",
                    n.code
                );
            }
        }
        assert_eq!(nature_by_code("INDIVIDUAL").unwrap().cert_types[0], "2");
        assert_eq!(nature_by_code("ENTERPRISE").unwrap().cert_types[0], "1");
    }

    #[test]
    fn numbers_are_checked_by_their_type() {
        assert_eq!(check("1", "91350100M000100Y43"), None);
        assert_eq!(check("1", "110108000000016"), None);
        assert_eq!(
            check("1", "91350100M000100Y44").as_deref(),
            Some("USCC_CHECKSUM")
        );
        assert_eq!(check("2", "11010519491231002X"), None);
        assert_eq!(
            check("2", "110105199001011234").as_deref(),
            Some("RIC_CHECKSUM")
        );
        assert_eq!(check("12", "D2143569-X"), None);
        assert_eq!(check("14", "H12345678"), None);
        assert_eq!(check("14", "X12345678").as_deref(), Some("CERT_FORMAT"));
        assert_eq!(check("4", "事证第110000001234号"), None);
        assert_eq!(check("4", "<b>").as_deref(), Some("CERT_FORMAT"));
        assert_eq!(check("2", "").as_deref(), Some("CERT_REQUIRED"));
    }

    #[test]
    fn credit_categories_warn_but_never_block() {
        let gov = nature_by_code("GOV").unwrap();
        let warning = credit_category_warning(gov, "91350100M000100Y43").unwrap();
        assert!(warning.warning);
        assert_eq!(warning.rule, "USCC_CATEGORY_MISMATCH");
        assert!(credit_category_warning(
            nature_by_code("ENTERPRISE").unwrap(),
            "91350100M000100Y43"
        )
        .is_none());
    }
}
