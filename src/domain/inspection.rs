//! 核查 after approval (docs/domain.md §2.19): a live website must answer
//! and show its 备案号 at the foot of its home page, linked to the
//! ministry's lookup site. What a fetched page proves is decided here, so
//! the checker and its tests judge a page the same way.

use serde::{Deserialize, Serialize};

use super::field_error::FieldError;
use super::icp_number::parse_icp_number;
use super::lang::Lang;

/// The ministry's lookup site every footer's 备案号 must link to.
pub const MINISTRY_HOST: &str = "beian.miit.gov.cn";

/// Days a filer has to fix a finding before staff are asked to end the
/// access (取消接入), unless the server is configured otherwise.
pub const DEFAULT_DEADLINE_DAYS: i64 = 15;

/// A home page as the fetcher got it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub status: u16,
    pub body: String,
}

/// What a 核查 found wrong with a site. Stored by its `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum Finding {
    /// No answer at all: no address, refused, timed out.
    Unreachable,
    /// An answer, but not a page (4xx, 5xx).
    BadStatus,
    /// The page does not show the 备案号.
    NumberMissing,
    /// The 备案号 is shown but not linked to the ministry's site.
    NotLinked,
}

impl Finding {
    const ALL: [Finding; 4] = [
        Finding::Unreachable,
        Finding::BadStatus,
        Finding::NumberMissing,
        Finding::NotLinked,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Finding::Unreachable => "unreachable",
            Finding::BadStatus => "bad_status",
            Finding::NumberMissing => "number_missing",
            Finding::NotLinked => "not_linked",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Finding> {
        Finding::ALL.into_iter().find(|f| f.code() == code)
    }

    /// What the filer is told to fix.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Finding::Unreachable => ("网站无法访问", "The site does not answer"),
            Finding::BadStatus => ("首页返回错误状态", "The home page answers with an error"),
            Finding::NumberMissing => (
                "首页底部未展示备案号",
                "The home page does not show its ICP number",
            ),
            Finding::NotLinked => (
                "备案号未链接至 beian.miit.gov.cn",
                "The ICP number is not linked to beian.miit.gov.cn",
            ),
        };
        lang.pick(zh, en)
    }
}

super::code::stored_as_code!(Finding);

/// Where a 核查 task stands. Stored by its `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum TaskStatus {
    /// 待整改: the filer must fix the site by the deadline.
    Open,
    /// 逾期未整改: past the deadline, proposed to staff as 取消接入.
    Overdue,
    /// 已整改: a later 核查 found the site right.
    Fixed,
    /// 已结束: the site or its access ended, so nothing is left to check.
    Ended,
}

impl TaskStatus {
    const ALL: [TaskStatus; 4] = [
        TaskStatus::Open,
        TaskStatus::Overdue,
        TaskStatus::Fixed,
        TaskStatus::Ended,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Overdue => "overdue",
            TaskStatus::Fixed => "fixed",
            TaskStatus::Ended => "ended",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Its name in a list.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            TaskStatus::Open => ("待整改", "To fix"),
            TaskStatus::Overdue => ("逾期未整改", "Overdue"),
            TaskStatus::Fixed => ("已整改", "Fixed"),
            TaskStatus::Ended => ("已结束", "Ended"),
        };
        lang.pick(zh, en)
    }

    /// Whether the task still asks something of someone.
    pub fn is_pending(self) -> bool {
        matches!(self, TaskStatus::Open | TaskStatus::Overdue)
    }
}

super::code::stored_as_code!(TaskStatus);

/// Checks the 网站备案号 a check is asked for: a site's number (the
/// subject's with `-n`), not a subject's.
pub fn check_site_number(text: &str) -> Option<FieldError> {
    match parse_icp_number(text) {
        Ok(number) if number.site.is_some() => None,
        Ok(_) => Some(FieldError::new(
            "site_number",
            "INSPECT_SITE_NUMBER",
            "请填写网站备案号：主体备案号后加“-序号”，如 京ICP备12345678号-1",
            "Enter a site's number: the subject's number and -n, e.g. 京ICP备12345678号-1",
        )),
        Err(_) => Some(FieldError::new(
            "site_number",
            "INSPECT_SITE_NUMBER",
            "备案号格式不正确，如 京ICP备12345678号-1",
            "Not a filing number; e.g. 京ICP备12345678号-1",
        )),
    }
}

/// Judges a fetched home page (`None`: nothing answered) against the
/// subject's 备案号 (`京ICP备12345678号`; a site's `-1` may follow it).
pub fn judge(page: Option<&Page>, subject_number: &str) -> Result<(), Finding> {
    let page = page.ok_or(Finding::Unreachable)?;
    if !(200..300).contains(&page.status) {
        return Err(Finding::BadStatus);
    }
    let wanted = squeeze(subject_number);
    if !squeeze(&visible_text(&page.body)).contains(&wanted) {
        return Err(Finding::NumberMissing);
    }
    let linked = anchors(&page.body).any(|(href, inner)| {
        links_to_ministry(href) && squeeze(&visible_text(inner)).contains(&wanted)
    });
    if linked {
        Ok(())
    } else {
        Err(Finding::NotLinked)
    }
}

/// Whether `href` points at the ministry's site (any page of it).
fn links_to_ministry(href: &str) -> bool {
    let href = href.trim().to_ascii_lowercase();
    let rest = href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))
        .or_else(|| href.strip_prefix("//"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            host == MINISTRY_HOST
        }
        None => false,
    }
}

/// Each `<a …>…</a>` of `html`: its `href` and its inner HTML.
fn anchors(html: &str) -> impl Iterator<Item = (&str, &str)> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = find_tag(&lower, "<a", from) {
        let Some(open_end) = lower[start..].find('>').map(|i| start + i) else {
            break;
        };
        let close = lower[open_end..]
            .find("</a")
            .map_or(html.len(), |i| open_end + i);
        let href = attribute(&html[start..open_end], &lower[start..open_end], "href");
        found.push((href, &html[open_end + 1..close]));
        from = close;
    }
    found.into_iter()
}

/// Where the next `tag` (followed by a space or `>`) starts at or after
/// `from`, in lower-cased HTML.
fn find_tag(lower: &str, tag: &str, mut from: usize) -> Option<usize> {
    while let Some(i) = lower[from..].find(tag).map(|i| from + i) {
        if opens(&lower[i..], tag) {
            return Some(i);
        }
        from = i + tag.len();
    }
    None
}

/// Whether lower-cased `html` starts with tag `tag` (followed by a space
/// or `>`, so `<abbr` is not `<a`).
fn opens(html: &str, tag: &str) -> bool {
    html.starts_with(tag)
        && matches!(html[tag.len()..].chars().next(), Some(c) if c.is_ascii_whitespace() || c == '>')
}

/// The value of attribute `name` in an opening tag (`tag`, and `lower`
/// its lower-cased copy), quoted or not; empty when it has none.
fn attribute<'a>(tag: &'a str, lower: &str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| from + i) {
        let before = lower[..i].chars().next_back();
        let after = lower[i + name.len()..].trim_start();
        if matches!(before, Some(c) if c.is_ascii_whitespace()) && after.starts_with('=') {
            let value_at = lower.len() - after.len() + 1;
            let value = tag[value_at..].trim_start();
            return match value.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &value[1..];
                    &inner[..inner.find(quote).unwrap_or(inner.len())]
                }
                _ => {
                    let end = value
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(value.len());
                    &value[..end]
                }
            };
        }
        from = i + name.len();
    }
    ""
}

/// The text of some HTML with its tags, comments, scripts and styles
/// left out: a number inside a comment or a script is not shown.
fn visible_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut text = String::with_capacity(html.len());
    let mut at = 0;
    while at < html.len() {
        let rest = &lower[at..];
        let skip_to = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| at + i + 3)
        } else if opens(rest, "<script") {
            rest.find("</script").map(|i| at + i)
        } else if opens(rest, "<style") {
            rest.find("</style").map(|i| at + i)
        } else if rest.starts_with('<') {
            rest.find('>').map(|i| at + i + 1)
        } else {
            let next = rest.find('<').map_or(html.len(), |i| at + i);
            text.push_str(&html[at..next]);
            text.push(' ');
            at = next;
            continue;
        };
        at = skip_to.unwrap_or(html.len());
    }
    text.replace("&nbsp;", " ")
}

/// `s` without white space, so `京ICP备 12345678号` still counts.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NUMBER: &str = "京ICP备12345678号";

    fn ok(body: &str) -> Page {
        Page {
            status: 200,
            body: body.into(),
        }
    }

    #[test]
    fn a_footer_linking_the_number_to_the_ministry_passes() {
        for body in [
            r#"<footer><a href="https://beian.miit.gov.cn/" target="_blank">京ICP备12345678号-1</a></footer>"#,
            r#"<A HREF='http://beian.miit.gov.cn/#/Integrated/index'>京ICP备 12345678号</A>"#,
            r#"<a class=x href=//beian.miit.gov.cn><span>京ICP备12345678号</span></a>"#,
        ] {
            assert_eq!(judge(Some(&ok(body)), NUMBER), Ok(()), "{body}");
        }
    }

    #[test]
    fn each_fault_is_named() {
        assert_eq!(judge(None, NUMBER), Err(Finding::Unreachable));
        let error = Page {
            status: 502,
            body: NUMBER.into(),
        };
        assert_eq!(judge(Some(&error), NUMBER), Err(Finding::BadStatus));
        for (body, finding) in [
            ("<p>欢迎光临</p>", Finding::NumberMissing),
            ("<!-- 京ICP备12345678号 --><p>x</p>", Finding::NumberMissing),
            (
                "<script>var n='京ICP备12345678号'</script>",
                Finding::NumberMissing,
            ),
            ("<p>京ICP备87654321号</p>", Finding::NumberMissing),
            ("<footer>京ICP备12345678号</footer>", Finding::NotLinked),
            (
                r#"<a href="https://beian.miit.gov.cn.example.com/">京ICP备12345678号</a>"#,
                Finding::NotLinked,
            ),
            (
                r#"<a href="https://example.com/">京ICP备12345678号</a> <a href="https://beian.miit.gov.cn/">查询</a>"#,
                Finding::NotLinked,
            ),
            (
                r#"<abbr href="https://beian.miit.gov.cn/">京ICP备12345678号</abbr>"#,
                Finding::NotLinked,
            ),
        ] {
            assert_eq!(judge(Some(&ok(body)), NUMBER), Err(finding), "{body}");
        }
    }

    #[test]
    fn only_a_sites_number_is_checked() {
        assert_eq!(check_site_number("京ICP备12345678号-1"), None);
        assert_eq!(check_site_number(" 蜀ICP备2026000001号-12 "), None);
        for wrong in ["京ICP备12345678号", "", "lanhai.com", "京ICP备123号-1"] {
            assert_eq!(
                check_site_number(wrong).map(|e| e.rule),
                Some("INSPECT_SITE_NUMBER".to_owned()),
                "{wrong}"
            );
        }
    }

    #[test]
    fn codes_round_trip() {
        for finding in Finding::ALL {
            assert_eq!(Finding::from_code(finding.code()), Some(finding));
        }
        for status in TaskStatus::ALL {
            assert_eq!(TaskStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(Finding::from_code("gone"), None);
    }

    proptest! {
        /// No page, however broken, makes the judge panic.
        #[test]
        fn any_page_is_judged(body in any::<String>(), status in any::<u16>()) {
            let _ = judge(Some(&Page { status, body }), NUMBER);
        }

        /// Wrapped in a ministry link, the number passes whatever surrounds it.
        #[test]
        fn a_linked_number_passes_anywhere(before in "[^<>]{0,40}", after in "[^<>]{0,40}") {
            let body = format!(r#"{before}<a href="https://beian.miit.gov.cn/">{NUMBER}</a>{after}"#);
            prop_assert_eq!(judge(Some(&ok(&body)), NUMBER), Ok(()));
        }
    }
}
