//! 备案号 formatting and parsing (docs/domain.md §2.10): `蜀ICP备2026000001号`
//! for a subject and `…号-3` for its third site.

use super::field_error::FieldError;
use super::region::PROVINCES;

/// A parsed 备案号.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcpNumber {
    /// The province prefix, e.g. `蜀`.
    pub prefix: String,
    /// 8 digits (older numbers) or 10 digits (since about 2019).
    pub serial: String,
    /// The site suffix `n` with an optional service letter (A, X, K).
    pub site: Option<String>,
}

impl IcpNumber {
    /// The subject's own number (without any site suffix).
    pub fn subject_number(&self) -> String {
        format!("{}ICP备{}号", self.prefix, self.serial)
    }
}

impl std::fmt::Display for IcpNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.subject_number())?;
        match &self.site {
            Some(site) => write!(f, "-{site}"),
            None => Ok(()),
        }
    }
}

/// Parses a 备案号, strictly in the current form
/// `^(京|…|新)ICP备(\d{8}|\d{10})号(-\d{1,4}[AXK]?)?$`.
pub fn parse_icp_number(text: &str) -> Result<IcpNumber, &'static str> {
    let text = text.trim();
    let mut chars = text.chars();
    let prefix = chars.next().ok_or("ICP_FORMAT")?.to_string();
    if !PROVINCES.iter().any(|p| p.prefix == prefix) {
        return Err("ICP_PREFIX");
    }
    let rest = chars.as_str().strip_prefix("ICP备").ok_or("ICP_FORMAT")?;
    let (serial, tail) = rest.split_once('号').ok_or("ICP_FORMAT")?;
    if !matches!(serial.len(), 8 | 10) || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return Err("ICP_SERIAL");
    }
    let site = match tail {
        "" => None,
        _ => {
            let suffix = tail.strip_prefix('-').ok_or("ICP_FORMAT")?;
            let digits = suffix.trim_end_matches(['A', 'X', 'K']);
            let letters = suffix.len() - digits.len();
            let ok = (1..=4).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !digits.starts_with('0')
                && letters <= 1;
            if !ok {
                return Err("ICP_SITE_SUFFIX");
            }
            Some(suffix.to_owned())
        }
    };
    Ok(IcpNumber {
        prefix,
        serial: serial.to_owned(),
        site,
    })
}

/// 主体备案号 in a form field named `field`: a subject's number, without a
/// site's `-n` (认领 asks for one).
pub fn check_subject_number(field: &str, text: &str) -> Option<FieldError> {
    match parse_icp_number(text) {
        Ok(number) if number.site.is_none() => None,
        Ok(number) => Some(FieldError::new(
            field,
            "ICP_SUBJECT_NUMBER",
            &format!(
                "请填写主体备案号（不带“-序号”），如 {}",
                number.subject_number()
            ),
            &format!(
                "Enter the subject's number, without -n: {}",
                number.subject_number()
            ),
        )),
        Err(_) => Some(FieldError::new(
            field,
            "ICP_SUBJECT_NUMBER",
            "主体备案号格式不正确，如 蜀ICP备2026000001号",
            "Not a subject's ICP number; e.g. 蜀ICP备2026000001号",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    #[test]
    fn a_claim_takes_a_subjects_number_and_names_it_for_a_sites() {
        assert_eq!(check_subject_number("n", "蜀ICP备2026000001号"), None);
        let site = check_subject_number("n", "蜀ICP备2026000001号-2").unwrap();
        assert!(site.zh.contains("蜀ICP备2026000001号"), "{site:?}");
        assert!(check_subject_number("n", "蜀ICP备").is_some());
    }

    #[test]
    fn real_numbers_parse() {
        let n = parse_icp_number("京ICP备11018762号-11").unwrap();
        assert_eq!(n.subject_number(), "京ICP备11018762号");
        assert_eq!(n.site.as_deref(), Some("11"));
        assert!(parse_icp_number("陕ICP备2022001273号").is_ok());
        assert!(parse_icp_number("黔ICP备15014846号-1").is_ok());
        assert!(parse_icp_number("粤ICP备2022001970号-2A").is_ok());
        assert_eq!(parse_icp_number("川ICP备2022001273号"), Err("ICP_PREFIX"));
        assert_eq!(parse_icp_number("京ICP备123号"), Err("ICP_SERIAL"));
        assert_eq!(
            parse_icp_number("京ICP备11018762号-0"),
            Err("ICP_SITE_SUFFIX")
        );
        assert_eq!(parse_icp_number("京ICP证150476号"), Err("ICP_FORMAT"));
    }

    proptest! {
        #[test]
        fn display_round_trips(serial in "[0-9]{10}", site in proptest::option::of("[1-9][0-9]{0,3}[AXK]?")) {
            let n = IcpNumber { prefix: "蜀".into(), serial, site };
            prop_assert_eq!(parse_icp_number(&n.to_string()), Ok(n));
        }

        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = parse_icp_number(&s);
        }
    }
}
