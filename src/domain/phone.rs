//! Landline numbers (办公电话) in the old MIIT form `086-010-12345678`
//! (docs/domain.md §4.5). Mobile numbers live in `account`, shared with sign-up.

use super::account::normalize_mobile;

/// Normalises a landline to `086-AAA-NNNNNNNN[-EXT]`; `None` when it is no
/// landline. Accepts `010-12345678`, `01012345678`, `+86 10 12345678`,
/// `086-010-12345678` and an extension after a second dash.
pub fn normalize_landline(value: &str) -> Option<String> {
    let compact: String = value.trim().chars().filter(|c| *c != ' ').collect();
    let rest = compact
        .strip_prefix("086-")
        .or_else(|| compact.strip_prefix("+86-"))
        .or_else(|| compact.strip_prefix("+86"))
        .map(|r| {
            if r.starts_with('0') {
                r.to_owned()
            } else {
                format!("0{r}")
            }
        })
        .unwrap_or_else(|| compact.clone());
    let parts: Vec<&str> = rest.split('-').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (area, number, extension) = match parts.as_slice() {
        [joined] if digits(joined) => split_area(joined)?,
        [area, number] if digits(area) && digits(number) => {
            (area.to_string(), number.to_string(), None)
        }
        [area, number, ext] if digits(area) && digits(number) && digits(ext) => {
            (area.to_string(), number.to_string(), Some(ext.to_string()))
        }
        _ => return None,
    };
    let area_ok = area.starts_with('0') && area_len(&area) == Some(area.len());
    let number_ok = (7..=8).contains(&number.len()) && !number.starts_with('0');
    let ext_ok = extension.as_ref().is_none_or(|e| e.len() <= 6);
    (area_ok && number_ok && ext_ok).then(|| match extension {
        Some(ext) => format!("086-{area}-{number}-{ext}"),
        None => format!("086-{area}-{number}"),
    })
}

/// Area codes 010 and 02x have three digits; the rest have four.
fn area_len(digits: &str) -> Option<usize> {
    let bytes = digits.as_bytes();
    match (bytes.first(), bytes.get(1)) {
        (Some(b'0'), Some(b'1' | b'2')) => Some(3),
        (Some(b'0'), Some(b'3'..=b'9')) => Some(4),
        _ => None,
    }
}

fn split_area(joined: &str) -> Option<(String, String, Option<String>)> {
    let len = area_len(joined)?;
    (joined.len() > len).then(|| (joined[..len].to_owned(), joined[len..].to_owned(), None))
}

/// A phone that may be either a mobile or a landline (应急联系电话, and 办公电话
/// where the province accepts a mobile), normalised.
pub fn normalize_any_phone(value: &str) -> Option<String> {
    normalize_mobile(value).or_else(|| normalize_landline(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn landline_forms() {
        assert_eq!(
            normalize_landline("086-010-12345678").as_deref(),
            Some("086-010-12345678")
        );
        assert_eq!(
            normalize_landline("010-12345678").as_deref(),
            Some("086-010-12345678")
        );
        assert_eq!(
            normalize_landline("02887654321").as_deref(),
            Some("086-028-87654321")
        );
        assert_eq!(
            normalize_landline("0851-8123456-801").as_deref(),
            Some("086-0851-8123456-801")
        );
        assert_eq!(
            normalize_landline("+86 28 87654321").as_deref(),
            Some("086-028-87654321")
        );
        assert_eq!(normalize_landline("12345678"), None);
        assert_eq!(normalize_landline("010-0123456"), None);
        assert_eq!(normalize_landline("13800138000"), None);
        assert_eq!(
            normalize_any_phone("13800138000").as_deref(),
            Some("13800138000")
        );
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent(s in "\\PC{0,24}") {
            if let Some(once) = normalize_landline(&s) {
                prop_assert_eq!(normalize_landline(&once), Some(once.clone()));
            }
        }

        #[test]
        fn generated_landlines_are_accepted(area in "0(10|2[0-9]|[3-9][0-9]{2})", number in "[2-8][0-9]{6,7}") {
            let typed = format!("{area}-{number}");
            prop_assert!(normalize_landline(&typed).is_some());
        }
    }
}
