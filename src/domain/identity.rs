//! Checksummed identity numbers (docs/domain.md §4.1–§4.4): the resident ID
//! (GB 11643), the unified social credit code (GB 32100), the organisation
//! code (GB 11714) and the old 15-digit business registration number.
//!
//! Each check returns the id of the rule that failed, so `beian check`, the
//! wizard and the return reasons can all name the same rule.

use super::date::Date;

/// Why a resident ID number is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentIdProblem {
    /// Not 17 digits and a digit or `X`.
    Format,
    /// The first two digits are no province code.
    Region,
    /// The birth date is not a real day, before 1900 or in the future.
    BirthDate,
    /// The MOD 11-2 check character does not match.
    Checksum,
    /// The holder is younger than 18.
    Minor,
}

impl ResidentIdProblem {
    /// Stable rule id.
    pub fn rule(self) -> &'static str {
        match self {
            Self::Format => "RIC_FORMAT",
            Self::Region => "RIC_REGION",
            Self::BirthDate => "RIC_BIRTH_DATE",
            Self::Checksum => "RIC_CHECKSUM",
            Self::Minor => "RIC_MINOR",
        }
    }

    /// Chinese explanation.
    pub fn zh(self) -> &'static str {
        match self {
            Self::Format => "身份证号码应为 18 位：17 位数字加 1 位数字或 X",
            Self::Region => "身份证号码前两位不是有效的省级行政区划代码",
            Self::BirthDate => "身份证号码中的出生日期无效",
            Self::Checksum => "身份证号码校验位错误，请核对后重新填写",
            Self::Minor => "未满 18 周岁不能作为备案主体或负责人",
        }
    }

    /// English explanation.
    pub fn en(self) -> &'static str {
        match self {
            Self::Format => "A resident ID has 18 characters: 17 digits and a digit or X",
            Self::Region => "The first two digits are not a province code",
            Self::BirthDate => "The birth date inside the ID number is not valid",
            Self::Checksum => "The check character of the ID number is wrong",
            Self::Minor => "Persons under 18 cannot file or be a person in charge",
        }
    }
}

const RIC_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RIC_CHECK: &[u8; 11] = b"10X98765432";

/// The GB 11643 check character for the first 17 digits.
pub fn resident_id_check_char(body: &str) -> Option<char> {
    let digits: Vec<u32> = body
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    if digits.len() != 17 {
        return None;
    }
    let sum: u32 = digits.iter().zip(RIC_WEIGHTS).map(|(d, w)| d * w).sum();
    Some(RIC_CHECK[(sum % 11) as usize] as char)
}

/// Upper-cases and trims an ID-like number (`x` → `X`, spaces dropped).
pub fn normalize_code(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Checks an 18-digit resident ID. `adult_on` asks for age ≥ 18 on that day;
/// `today` bounds the birth date.
pub fn check_resident_id(
    value: &str,
    today: Date,
    adult_on: Option<Date>,
) -> Result<(), ResidentIdProblem> {
    let id = normalize_code(value);
    let bytes = id.as_bytes();
    let shape = bytes.len() == 18
        && bytes[..17].iter().all(u8::is_ascii_digit)
        && (bytes[17].is_ascii_digit() || bytes[17] == b'X');
    if !shape {
        return Err(ResidentIdProblem::Format);
    }
    let region: u32 = id[..2].parse().map_err(|_| ResidentIdProblem::Format)?;
    if !(11..=65).contains(&region) && !matches!(region, 71 | 81 | 82 | 83) {
        return Err(ResidentIdProblem::Region);
    }
    let birth = Date::parse_compact(&id[6..14]).ok_or(ResidentIdProblem::BirthDate)?;
    if birth.year < 1900 || birth > today {
        return Err(ResidentIdProblem::BirthDate);
    }
    if resident_id_check_char(&id[..17]) != Some(bytes[17] as char) {
        return Err(ResidentIdProblem::Checksum);
    }
    if adult_on.is_some_and(|on| birth.age_on(on) < 18) {
        return Err(ResidentIdProblem::Minor);
    }
    Ok(())
}

/// The 31 symbols of GB 32100 (no I, O, S, V, Z); a symbol's value is its index.
const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn uscc_value(c: char) -> Option<u32> {
    USCC_CHARS.find(c).map(|i| i as u32)
}

/// Why a unified social credit code is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditCodeProblem {
    /// Wrong length or a character outside the GB 32100 set.
    Format,
    /// The check character does not match.
    Checksum,
}

impl CreditCodeProblem {
    /// Stable rule id.
    pub fn rule(self) -> &'static str {
        match self {
            Self::Format => "USCC_FORMAT",
            Self::Checksum => "USCC_CHECKSUM",
        }
    }

    /// Chinese explanation.
    pub fn zh(self) -> &'static str {
        match self {
            Self::Format => "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）",
            Self::Checksum => "统一社会信用代码校验位错误，请按证件核对",
        }
    }

    /// English explanation.
    pub fn en(self) -> &'static str {
        match self {
            Self::Format => "A credit code has 18 digits or capitals (no I, O, S, V, Z)",
            Self::Checksum => "The check character of the credit code is wrong",
        }
    }
}

/// Checks a unified social credit code (GB 32100-2015).
pub fn check_credit_code(value: &str) -> Result<(), CreditCodeProblem> {
    let code = normalize_code(value);
    let chars: Vec<char> = code.chars().collect();
    let shape = chars.len() == 18
        && chars.iter().all(|c| uscc_value(*c).is_some())
        && chars[2..8].iter().all(char::is_ascii_digit);
    if !shape {
        return Err(CreditCodeProblem::Format);
    }
    let body: String = chars[..17].iter().collect();
    if credit_code_check_char(&body) != Some(chars[17]) {
        return Err(CreditCodeProblem::Checksum);
    }
    Ok(())
}

/// The GB 32100 check character for the first 17 characters of a credit
/// code (`None` when one is outside the code's character set).
pub fn credit_code_check_char(body: &str) -> Option<char> {
    let values: Vec<u32> = body.chars().map(uscc_value).collect::<Option<_>>()?;
    if values.len() != 17 {
        return None;
    }
    let sum: u32 = values.iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
    USCC_CHARS.chars().nth(((31 - sum % 31) % 31) as usize)
}

/// The registering department (pos 1) and category (pos 2) of a credit code.
pub fn credit_code_category(value: &str) -> Option<(char, char)> {
    let code = normalize_code(value);
    let mut chars = code.chars();
    Some((chars.next()?, chars.next()?))
}

/// Checks a 9-character organisation code, with or without its hyphen
/// (`D2143569-X`), per GB 11714.
pub fn check_org_code(value: &str) -> Result<(), &'static str> {
    let code: String = normalize_code(value)
        .chars()
        .filter(|c| *c != '-')
        .collect();
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 9 || !chars[..8].iter().all(char::is_ascii_alphanumeric) {
        return Err("ORGCODE_FORMAT");
    }
    let body: String = chars[..8].iter().collect();
    if org_code_check_char(&body) != Some(chars[8]) {
        return Err("ORGCODE_CHECKSUM");
    }
    Ok(())
}

/// The GB 11714 check character for the first 8 characters of an
/// organisation code (`None` unless they are 8 letters or digits).
pub fn org_code_check_char(body: &str) -> Option<char> {
    let values: Vec<u32> = body
        .chars()
        .map(|c| c.to_digit(36))
        .collect::<Option<_>>()?;
    if values.len() != 8 {
        return None;
    }
    let weights = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = values.iter().zip(weights).map(|(v, w)| v * w).sum();
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

/// Checks a pre-2015 15-digit business registration number (ISO 7064
/// MOD 11,10, GS 15-2006).
pub fn check_business_reg_no(value: &str) -> Result<(), &'static str> {
    let code = normalize_code(value);
    let digits: Vec<u32> = code
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()
        .ok_or("BIZREG_FORMAT")?;
    if digits.len() != 15 {
        return Err("BIZREG_FORMAT");
    }
    let mut p = 10;
    for d in &digits[..14] {
        let s = p % 11 + d;
        let m = match s % 10 {
            0 => 10,
            m => m,
        };
        p = 2 * m;
    }
    if (11 - p % 11) % 10 != digits[14] {
        return Err("BIZREG_CHECKSUM");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> Date {
        Date::new(2026, 11, 28).unwrap()
    }

    #[test]
    fn resident_id_worked_examples() {
        for valid in [
            "11010519491231002X",
            "11010519491231002x",
            "500229200109218555",
            "44152319930906632X",
        ] {
            assert_eq!(check_resident_id(valid, today(), None), Ok(()), "{valid}");
        }
        // A correct check character, but born in 1880: before 1900.
        assert_eq!(resident_id_check_char("44052418800101001"), Some('4'));
        assert_eq!(
            check_resident_id("440524188001010014", today(), None),
            Err(ResidentIdProblem::BirthDate)
        );
        // The WeChat sample number: the check character should be 2.
        assert_eq!(
            check_resident_id("110105199001011234", today(), None),
            Err(ResidentIdProblem::Checksum)
        );
        assert_eq!(resident_id_check_char("11010519900101123"), Some('2'));
        assert_eq!(
            check_resident_id("11010519490231002X", today(), None),
            Err(ResidentIdProblem::BirthDate)
        );
        assert_eq!(
            check_resident_id("990105194912310021", today(), None),
            Err(ResidentIdProblem::Region)
        );
        assert_eq!(
            check_resident_id("1101051949123100", today(), None),
            Err(ResidentIdProblem::Format)
        );
    }

    #[test]
    fn minors_are_refused_only_where_required() {
        let body = "11010520081129001";
        let id = format!("{body}{}", resident_id_check_char(body).unwrap());
        assert_eq!(check_resident_id(&id, today(), None), Ok(()));
        assert_eq!(
            check_resident_id(&id, today(), Some(today())),
            Err(ResidentIdProblem::Minor)
        );
        assert_eq!(
            check_resident_id(&id, today(), Some(today().plus_days(1))),
            Ok(())
        );
    }

    #[test]
    fn credit_code_worked_examples() {
        for valid in [
            "91350100M000100Y43",
            "92500105MAC817EJ5D",
            "91110108551385082Q",
            "91440300708461136T",
        ] {
            assert_eq!(check_credit_code(valid), Ok(()), "{valid}");
        }
        assert_eq!(
            check_credit_code("91350100M000100Y44"),
            Err(CreditCodeProblem::Checksum)
        );
        assert_eq!(
            check_credit_code("91350100M000100YI3"),
            Err(CreditCodeProblem::Format)
        );
        assert_eq!(credit_code_category("91350100M000100Y43"), Some(('9', '1')));
    }

    #[test]
    fn organisation_code_worked_examples() {
        assert_eq!(check_org_code("D2143569-X"), Ok(()));
        assert_eq!(check_org_code("M000100Y-4"), Ok(()));
        assert_eq!(check_org_code("M000100Y4"), Ok(()));
        assert_eq!(check_org_code("M000100Y-5"), Err("ORGCODE_CHECKSUM"));
        assert_eq!(check_org_code("M00"), Err("ORGCODE_FORMAT"));
    }

    #[test]
    fn business_registration_number_example() {
        assert_eq!(check_business_reg_no("110108000000016"), Ok(()));
        assert_eq!(
            check_business_reg_no("110108000000017"),
            Err("BIZREG_CHECKSUM")
        );
    }

    proptest! {
        #[test]
        fn computed_check_chars_always_validate(body in "[1-6][1-5][0-9]{4}(19[0-9]{2}|200[0-7])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}") {
            let id = format!("{body}{}", resident_id_check_char(&body).unwrap());
            prop_assert_eq!(check_resident_id(&id, today(), Some(today())), Ok(()));
        }

        #[test]
        fn checks_never_panic(s in "\\PC{0,40}") {
            let _ = check_resident_id(&s, today(), Some(today()));
            let _ = check_credit_code(&s);
            let _ = check_org_code(&s);
            let _ = check_business_reg_no(&s);
        }

        #[test]
        fn normalising_codes_is_idempotent(s in "\\PC{0,40}") {
            let once = normalize_code(&s);
            prop_assert_eq!(normalize_code(&once), once);
        }
    }
}
