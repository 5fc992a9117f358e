//! 公安联网备案 (docs/domain.md §2.20): within 30 days of approval a website
//! is filed with the public-security bureau, which issues a 公网安备 number
//! such as `川公网安备51010402000123号`; the filer records it here, and is
//! reminded 7 days and 1 day before the 30 run out.

use super::field_error::FieldError;

/// Days after approval by which the 公网安备 number is due.
pub const DEADLINE_DAYS: i64 = 30;

/// Days left at which the filer is reminded, earliest first.
pub const REMINDERS: [i64; 2] = [7, 1];

/// The reminder due for a site approved `days_since` days ago whose last
/// reminder was at `reminded` days left (`None`: none yet): the days left
/// to name in it, or `None` when nothing is due.
pub fn reminder_due(days_since: i64, reminded: Option<i64>) -> Option<i64> {
    let left = DEADLINE_DAYS - days_since;
    if left < 0 {
        return None;
    }
    REMINDERS
        .iter()
        .rev()
        .find(|&&at| left <= at)
        .copied()
        .filter(|&at| reminded.is_none_or(|sent| at < sent))
        .map(|_| left)
}

/// The stage a reminder sent with `left` days to go stands for: what
/// `reminder_due` compares the next one with.
pub fn reminder_stage(left: i64) -> i64 {
    REMINDERS
        .iter()
        .rev()
        .find(|&&at| left <= at)
        .copied()
        .unwrap_or(DEADLINE_DAYS)
}

/// The number as stored: without white space (`京公网安备 11010802020088号`
/// is written both ways).
pub fn normalize(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks a 公网安备 number for a subject of `province` (a six-digit code):
/// one character for the province, `公网安备`, 14 digits whose first two
/// are the province's, and `号`.
pub fn check_number(text: &str, province: &str) -> Option<FieldError> {
    let number = normalize(text);
    let bad = |zh: &str, en: &str| Some(FieldError::new("psb_number", "PSB_FORMAT", zh, en));
    let mut chars = number.chars();
    let Some(prefix) = chars.next() else {
        return bad(
            "请填写公网安备号",
            "Enter the public-security filing number",
        );
    };
    let digits = chars
        .as_str()
        .strip_prefix("公网安备")
        .and_then(|rest| rest.strip_suffix('号'));
    match digits {
        Some(d) if !prefix.is_ascii() && d.len() == 14 && d.bytes().all(|b| b.is_ascii_digit()) => {
            if province.len() == 6 && !d.starts_with(&province[..2]) {
                bad(
                    "公网安备号的地区代码与主办单位所在省不一致",
                    "The number's region code is not the subject's province",
                )
            } else {
                None
            }
        }
        _ => bad(
            "公网安备号格式应为“省简称公网安备”加 14 位数字和“号”，如 川公网安备51010402000123号",
            "The format is the province's character, 公网安备, 14 digits and 号, e.g. 川公网安备51010402000123号",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_filer_is_reminded_at_seven_days_left_then_one() {
        assert_eq!(reminder_due(0, None), None);
        assert_eq!(reminder_due(22, None), None);
        assert_eq!(reminder_due(23, None), Some(7));
        assert_eq!(reminder_due(25, Some(7)), None);
        assert_eq!(reminder_due(29, Some(7)), Some(1));
        assert_eq!(reminder_due(30, Some(1)), None);
        // A server that was down at 7 days left sends the 1-day one only.
        assert_eq!(reminder_due(29, None), Some(1));
        assert_eq!(reminder_due(31, None), None);
        assert_eq!(reminder_stage(7), 7);
        assert_eq!(reminder_stage(3), 7);
        assert_eq!(reminder_stage(1), 1);
        assert_eq!(reminder_stage(0), 1);
    }

    #[test]
    fn numbers_of_the_subjects_province_pass() {
        assert_eq!(check_number("川公网安备51010402000123号", "510000"), None);
        assert_eq!(check_number("京公网安备 11010802020088号", "110000"), None);
        let rule = |text: &str| check_number(text, "510000").map(|e| e.rule);
        assert_eq!(
            rule("京公网安备11010802020088号").as_deref(),
            Some("PSB_FORMAT")
        );
        for wrong in [
            "",
            "51010402000123",
            "川公网安备5101040200012号",
            "川ICP备51010402000123号",
            "A公网安备51010402000123号",
        ] {
            assert_eq!(rule(wrong).as_deref(), Some("PSB_FORMAT"), "{wrong}");
        }
    }

    proptest! {
        /// Reminders never repeat a stage and come only inside the window.
        #[test]
        fn reminders_come_once_per_stage(days in 0i64..60) {
            let mut sent = None;
            let mut count = 0;
            for day in 0..=days {
                if let Some(left) = reminder_due(day, sent) {
                    prop_assert!((0..=7).contains(&left));
                    sent = Some(reminder_stage(left));
                    count += 1;
                }
            }
            prop_assert!(count <= REMINDERS.len());
        }

        #[test]
        fn any_text_is_checked(text in any::<String>()) {
            let _ = check_number(&text, "510000");
        }
    }
}
