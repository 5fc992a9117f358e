//! 单位性质 and 证件类型 (docs/domain.md §2.2.1–§2.2.2): which certificate a
//! subject of each nature may present, and how each number is checked.

use super::date::Date;
use super::field_error::FieldError;
use super::identity::{
    check_business_reg_no, check_credit_code, check_org_code, check_resident_id,
    credit_code_category, normalize_code, resident_id_check_char,
};

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
}

const fn cert(
    code: &'static str,
    zh: &'static str,
    en: &'static str,
    format: NumberFormat,
) -> CertType {
    CertType {
        code,
        zh,
        en,
        format,
    }
}

use NumberFormat as F;

/// Every certificate type the wizard offers.
pub const CERT_TYPES: &[CertType] = &[
    cert(
        "1",
        "营业执照（个人或企业）",
        "Business licence",
        F::BusinessLicence,
    ),
    cert("2", "居民身份证", "Resident ID card", F::ResidentId),
    cert(
        "3",
        "组织机构代码证",
        "Organisation code certificate",
        F::OrgCode,
    ),
    cert(
        "4",
        "事业单位法人证书",
        "Public institution certificate",
        F::FreeText,
    ),
    cert("5", "部队代号", "Military unit code", F::FreeText),
    cert(
        "6",
        "社会团体法人登记证书",
        "Social organisation certificate",
        F::FreeText,
    ),
    cert("7", "护照", "Passport", F::Passport),
    cert(
        "9",
        "组织机构代码证",
        "Organisation code certificate",
        F::OrgCode,
    ),
    cert(
        "10",
        "组织机构代码证",
        "Organisation code certificate",
        F::OrgCode,
    ),
    cert(
        "11",
        "台湾居民来往大陆通行证",
        "Mainland travel permit for Taiwan residents",
        F::TaiwanPermit,
    ),
    cert(
        "12",
        "组织机构代码证",
        "Organisation code certificate",
        F::OrgCode,
    ),
    cert(
        "13",
        "统一社会信用代码证书",
        "Unified social credit code certificate",
        F::CreditCode,
    ),
    cert(
        "14",
        "港澳居民来往内地通行证",
        "Mainland travel permit for HK and Macao residents",
        F::HkMacaoPermit,
    ),
    cert(
        "15",
        "统一社会信用代码证书",
        "Unified social credit code certificate",
        F::CreditCode,
    ),
    cert(
        "16",
        "组织机构代码证",
        "Organisation code certificate",
        F::OrgCode,
    ),
    cert(
        "17",
        "民办非企业单位登记证书",
        "Private non-enterprise unit certificate",
        F::FreeText,
    ),
    cert(
        "18",
        "组织机构代码证",
        "Organisation code certificate",
        F::OrgCode,
    ),
    cert(
        "19",
        "基金会法人登记证书",
        "Foundation certificate",
        F::FreeText,
    ),
    cert(
        "20",
        "组织机构代码证",
        "Organisation code certificate",
        F::OrgCode,
    ),
    cert(
        "21",
        "律师事务所执业许可证",
        "Law firm licence",
        F::FreeText,
    ),
    cert(
        "22",
        "外国在华文化中心登记证",
        "Foreign cultural centre certificate",
        F::FreeText,
    ),
    cert(
        "23",
        "军队单位对外有偿服务许可证",
        "Military paid-services licence",
        F::FreeText,
    ),
    cert(
        "24",
        "统一社会信用代码证书",
        "Unified social credit code certificate",
        F::CreditCode,
    ),
    cert(
        "25",
        "宗教活动场所登记证",
        "Religious venue certificate",
        F::FreeText,
    ),
    cert(
        "27",
        "外国企业常驻代表机构登记证",
        "Foreign enterprise representative office certificate",
        F::FreeText,
    ),
    cert(
        "28",
        "司法鉴定许可证",
        "Judicial appraisal licence",
        F::FreeText,
    ),
    cert(
        "30",
        "外国人永久居留身份证",
        "Foreign permanent resident ID card",
        F::ForeignPermanent,
    ),
    cert(
        "34",
        "外国政府旅游部门常驻代表机构批准登记证",
        "Foreign tourism office certificate",
        F::FreeText,
    ),
    cert(
        "35",
        "境外机构证件",
        "Overseas organisation certificate",
        F::FreeText,
    ),
    cert(
        "36",
        "社会服务机构登记证书",
        "Social service organisation certificate",
        F::FreeText,
    ),
    cert(
        "37",
        "民办学校办学许可证",
        "Private school licence",
        F::FreeText,
    ),
    cert(
        "38",
        "医疗机构执业许可证",
        "Medical institution licence",
        F::FreeText,
    ),
    cert("39", "公证机构执业证", "Notary licence", F::FreeText),
    cert(
        "40",
        "北京市外国驻华使馆人员子女学校办学许可证",
        "Embassy children's school licence (Beijing)",
        F::FreeText,
    ),
    cert(
        "41",
        "港澳居民居住证",
        "Residence permit for HK and Macao residents",
        F::HkMacaoResidence,
    ),
    cert(
        "42",
        "台湾居民居住证",
        "Residence permit for Taiwan residents",
        F::TaiwanResidence,
    ),
    cert(
        "43",
        "农村集体经济组织登记证",
        "Rural collective economic organisation certificate",
        F::FreeText,
    ),
    cert(
        "44",
        "仲裁委员会登记证",
        "Arbitration commission certificate",
        F::FreeText,
    ),
];

/// Certificates a natural person (a 负责人 or an individual subject) can hold.
pub const PERSONAL_CERT_TYPES: &[&str] = &["2", "7", "11", "14", "30", "41", "42"];

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
}

const fn nature(
    code: &'static str,
    zh: &'static str,
    en: &'static str,
    cert_types: &'static [&'static str],
    credit_categories: &'static [&'static str],
) -> Nature {
    Nature {
        code,
        zh,
        en,
        cert_types,
        credit_categories,
    }
}

/// Every 单位性质, in the order of the MIIT list.
pub const NATURES: &[Nature] = &[
    nature(
        "DEFENSE",
        "国防机构",
        "Defence organisation",
        &["5", "23"],
        &[],
    ),
    nature(
        "GOV",
        "政府机关",
        "Government agency",
        &["13", "9"],
        &["11", "21"],
    ),
    nature(
        "INSTITUTION",
        "事业单位",
        "Public institution",
        &["15", "4", "3"],
        &["12", "A1"],
    ),
    nature(
        "ENTERPRISE",
        "企业",
        "Enterprise",
        &["1", "12", "27"],
        &["91", "92", "93"],
    ),
    nature("INDIVIDUAL", "个人", "Individual", PERSONAL_CERT_TYPES, &[]),
    nature(
        "SOCIAL_ORG",
        "社会团体",
        "Social organisation",
        &["6", "10", "16"],
        &["51", "13"],
    ),
    nature(
        "PRIVATE_NONENT",
        "民办非企业单位",
        "Private non-enterprise unit",
        &["17", "36", "37"],
        &["52"],
    ),
    nature("FOUNDATION", "基金会", "Foundation", &["19", "18"], &["53"]),
    nature(
        "LAW_FIRM",
        "律师执业机构",
        "Law firm",
        &["21", "20"],
        &["31"],
    ),
    nature(
        "FOREIGN_CULTURE",
        "外国在华文化中心",
        "Foreign cultural centre",
        &["22"],
        &["41"],
    ),
    nature(
        "MASS_ORG",
        "群众性团体组织",
        "Mass organisation",
        &["24"],
        &[],
    ),
    nature(
        "JUDICIAL_APPRAISAL",
        "司法鉴定机构",
        "Judicial appraisal institution",
        &["28"],
        &["34"],
    ),
    nature(
        "RELIGIOUS",
        "宗教团体",
        "Religious organisation",
        &["25"],
        &["71", "72"],
    ),
    nature(
        "OVERSEAS",
        "境外机构",
        "Overseas organisation",
        &["35", "34", "40"],
        &[],
    ),
    nature("MEDICAL", "医疗机构", "Medical institution", &["38"], &[]),
    nature("NOTARY", "公证机构", "Notary office", &["39"], &["32"]),
    nature(
        "COLLECTIVE",
        "集体经济",
        "Rural collective economy",
        &["43"],
        &["N1", "N2", "N3"],
    ),
    nature(
        "ARBITRATION",
        "仲裁机构",
        "Arbitration institution",
        &["44"],
        &["35"],
    ),
];

/// Looks a 单位性质 up by code.
pub fn nature_by_code(code: &str) -> Option<&'static Nature> {
    NATURES.iter().find(|n| n.code == code)
}

/// Looks a 证件类型 up by code.
pub fn cert_type_by_code(code: &str) -> Option<&'static CertType> {
    CERT_TYPES.iter().find(|c| c.code == code)
}

/// True when a 负责人 may hold this certificate type.
pub fn is_personal_cert_type(code: &str) -> bool {
    PERSONAL_CERT_TYPES.contains(&code)
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
        for n in NATURES {
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
