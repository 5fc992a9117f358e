//! The two languages of the system, and how a request's language is chosen.
//!
//! Every user-facing text is written as a pair, Chinese first, and picked by
//! a `Lang` (`Lang::pick`). A pair cannot lack either language, so no key can
//! go missing, and the browser and the server pick the same way.

use serde::{Deserialize, Serialize};

use super::code::stored_as_code;

/// The cookie that remembers a visitor's choice (also saved on the account).
pub const LANG_COOKIE: &str = "lang";

/// A language the UI is shown in. Chinese is the default for everyone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum Lang {
    /// Simplified Chinese (zh-CN).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The text of a pair in this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The BCP 47 tag, for `<html lang>`, the cookie and the account.
    pub fn code(self) -> &'static str {
        self.pick("zh-CN", "en")
    }

    /// The language a stored tag names, if it is one of ours.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim() {
            "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language: what the toggle switches to.
    pub fn other(self) -> Lang {
        self.pick(Lang::En, Lang::Zh)
    }

    /// The language an `Accept-Language` header prefers among ours: the
    /// highest-weighted range that is Chinese or English, else Chinese.
    /// Ranges are taken in order on equal weights, as RFC 9110 allows.
    pub fn of_accept_language(header: &str) -> Lang {
        let mut best: Option<(u16, Lang)> = None;
        for range in header.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), quality);
            let (Some(weight), Some(lang)) = (weight, of_range(&tag)) else {
                continue;
            };
            if weight > 0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, lang));
            }
        }
        best.map_or(Lang::Zh, |(_, lang)| lang)
    }

    /// A date (`2026-12-07`) or time (`2026-12-07 10:05`, Beijing) as this
    /// language writes it: Chinese keeps the numeric form Chinese systems
    /// use; English writes `7 Dec 2026, 10:05`. Other text is returned as is.
    pub fn date_time(self, text: &str) -> String {
        let (date, time) = text.split_once(' ').unwrap_or((text, ""));
        let parts: Vec<&str> = date.split('-').collect();
        let numeric = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        let is_date = parts.len() == 3
            && numeric(parts[0], 4)
            && numeric(parts[1], 2)
            && numeric(parts[2], 2);
        let month = parts
            .get(1)
            .and_then(|m| m.parse::<usize>().ok())
            .unwrap_or(0);
        if self == Lang::Zh || !is_date || !(1..=12).contains(&month) {
            return text.to_owned();
        }
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let day = parts[2].trim_start_matches('0');
        let date = format!("{day} {} {}", MONTHS[month - 1], parts[0]);
        if time.is_empty() {
            date
        } else {
            format!("{date}, {time}")
        }
    }

    /// A count as this language writes it: English groups thousands with
    /// commas (`12,345`); Chinese writes the digits alone.
    pub fn count(self, n: u64) -> String {
        let digits = n.to_string();
        if self == Lang::Zh {
            return digits;
        }
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        grouped
    }

    /// The choice a `Cookie` header (or `document.cookie`) carries, if it
    /// names one of ours: the server and the browser read it the same way.
    pub fn of_cookies(cookies: &str) -> Option<Lang> {
        cookies.split(';').find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == LANG_COOKIE).then(|| Lang::from_code(value))?
        })
    }

    /// The language of a request: the saved choice if any, else the
    /// browser's `Accept-Language`, else Chinese.
    pub fn of_request(choice: Option<Lang>, accept_language: Option<&str>) -> Lang {
        choice
            .or_else(|| accept_language.map(Lang::of_accept_language))
            .unwrap_or_default()
    }
}

/// Ours among the language ranges: any Chinese, any English.
fn of_range(tag: &str) -> Option<Lang> {
    let primary = tag.split('-').next().unwrap_or("");
    match primary {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// A `q` value in thousandths (`0.8` → 800), or `None` when malformed.
fn quality(q: &str) -> Option<u16> {
    let q = q.trim();
    let (whole, fraction) = q.split_once('.').unwrap_or((q, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

stored_as_code!(Lang);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_choice_wins_over_the_browser() {
        assert_eq!(
            Lang::of_request(Lang::of_cookies("lang=en"), Some("zh-CN")),
            Lang::En
        );
        assert_eq!(
            Lang::of_request(Lang::of_cookies("lang=zh-CN"), Some("en-US")),
            Lang::Zh
        );
    }

    #[test]
    fn an_unknown_cookie_falls_back_to_the_browser() {
        assert_eq!(
            Lang::of_request(Lang::of_cookies("lang=fr"), Some("en-GB")),
            Lang::En
        );
        assert_eq!(Lang::of_request(None, None), Lang::Zh);
    }

    #[test]
    fn the_browser_s_weights_decide() {
        assert_eq!(Lang::of_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(
            Lang::of_accept_language("fr-FR, en;q=0.5, zh;q=0.8"),
            Lang::Zh
        );
        assert_eq!(Lang::of_accept_language("zh-TW;q=0.3, en;q=0.31"), Lang::En);
        assert_eq!(Lang::of_accept_language("de, fr"), Lang::Zh);
        assert_eq!(Lang::of_accept_language("en;q=0, zh;q=0.1"), Lang::Zh);
        assert_eq!(Lang::of_accept_language(""), Lang::Zh);
    }

    #[test]
    fn malformed_weights_are_ignored() {
        assert_eq!(Lang::of_accept_language("en;q=2, zh;q=0.5"), Lang::Zh);
        assert_eq!(Lang::of_accept_language("en;q=0.1234"), Lang::Zh);
        assert_eq!(Lang::of_accept_language("en;q=abc"), Lang::Zh);
        assert_eq!(Lang::of_accept_language("en;q=1.0"), Lang::En);
    }

    #[test]
    fn dates_and_times_follow_the_language() {
        assert_eq!(Lang::En.date_time("2026-12-07"), "7 Dec 2026");
        assert_eq!(Lang::En.date_time("2026-01-31 09:05"), "31 Jan 2026, 09:05");
        assert_eq!(Lang::Zh.date_time("2026-12-07 10:05"), "2026-12-07 10:05");
        // Anything that is not a date is left alone.
        assert_eq!(Lang::En.date_time("—"), "—");
        assert_eq!(Lang::En.date_time("2026-13-01"), "2026-13-01");
        assert_eq!(Lang::En.date_time("长期"), "长期");
    }

    #[test]
    fn counts_follow_the_language() {
        assert_eq!(Lang::En.count(0), "0");
        assert_eq!(Lang::En.count(999), "999");
        assert_eq!(Lang::En.count(1_000), "1,000");
        assert_eq!(Lang::En.count(4_000_000), "4,000,000");
        assert_eq!(Lang::Zh.count(4_000_000), "4000000");
    }

    #[test]
    fn the_choice_is_read_from_the_cookies() {
        assert_eq!(Lang::of_cookies("sid=abc; lang=en"), Some(Lang::En));
        assert_eq!(Lang::of_cookies("lang=zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::of_cookies("xlang=en; lang=fr"), None);
        assert_eq!(Lang::of_cookies(""), None);
    }

    #[test]
    fn codes_round_trip() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
    }
}
