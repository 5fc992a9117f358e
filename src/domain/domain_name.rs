//! Domain names (docs/domain.md §2.7, §4.7): normalising what people type,
//! the registrable-domain rule, the TLD allow-list (AR11) and the 首页URL.

use super::field_error::FieldError;
use super::punycode;

/// The allow-list of filable suffixes, kept as data.
const TLD_LIST: &str = include_str!("data/tlds.txt");

/// The allowed suffixes in their ASCII (`xn--`) form.
fn allowed_suffixes() -> impl Iterator<Item = String> {
    TLD_LIST
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(to_ascii_labels)
}

/// Converts each non-ASCII label to its `xn--` form.
fn to_ascii_labels(name: &str) -> String {
    name.split('.')
        .map(|label| {
            if label.is_ascii() {
                label.to_owned()
            } else {
                punycode::encode(label).map_or_else(|| label.to_owned(), |p| format!("xn--{p}"))
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Converts `xn--` labels back to Chinese for display.
pub fn to_unicode(name: &str) -> String {
    name.split('.')
        .map(|label| {
            label
                .strip_prefix("xn--")
                .and_then(punycode::decode)
                .unwrap_or_else(|| label.to_owned())
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Normalises what a user typed: trims, lower-cases, turns full-width dots
/// into `.`, drops a scheme, path, port and trailing dot, and converts
/// Chinese labels to Punycode. Keeps `www.` so the check can point it out.
/// Applying it twice changes nothing.
pub fn normalize_domain(input: &str) -> String {
    let text: String = input
        .trim()
        .chars()
        .map(|c| {
            if matches!(c, '。' | '．' | '｡') {
                '.'
            } else {
                c
            }
        })
        .collect::<String>()
        .to_lowercase();
    let without_scheme = text
        .split_once("://")
        .map_or(text.as_str(), |(_, rest)| rest);
    let host = without_scheme.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    to_ascii_labels(host.trim_matches(|c: char| c == '.' || c.is_whitespace()))
}

fn error(rule: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new("domain", rule, zh, en)
}

fn label_ok(label: &str) -> bool {
    let shape = (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-');
    let punycode_ok = label
        .strip_prefix("xn--")
        .is_none_or(|p| punycode::decode(p).is_some_and(|u| !u.is_ascii()));
    shape && punycode_ok
}

/// The longest allowed suffix the (normalised) name ends with.
pub fn allowed_suffix(name: &str) -> Option<String> {
    allowed_suffixes()
        .filter(|s| name.ends_with(&format!(".{s}")))
        .max_by_key(String::len)
}

/// What a visitor typed from the address bar (`WWW.Example.COM/`) in the
/// form the records hold (`example.com`), for looking a domain up.
pub fn lookup_form(typed: &str) -> String {
    let name = normalize_domain(typed);
    name.strip_prefix("www.").unwrap_or(&name).to_owned()
}

/// Checks one 网站域名 and returns its normalised form. Only the registrable
/// domain (`example.com`, `example.com.cn`) is filed, without `www.`;
/// sub-domains of `gov.cn` are the one exception.
pub fn check_domain(input: &str) -> Result<String, FieldError> {
    if input.trim().is_empty() {
        return Err(error(
            "DOMAIN_REQUIRED",
            "请填写网站域名",
            "Enter a domain name",
        ));
    }
    let name = normalize_domain(input);
    let labels: Vec<&str> = name.split('.').collect();
    if name.len() > 253 || labels.len() < 2 || !labels.iter().all(|l| label_ok(l)) {
        return Err(error(
            "DOMAIN_SYNTAX",
            "域名格式不正确：只能包含字母、数字、连字符和中文，如 example.com",
            "Not a domain name: use letters, digits, hyphens or Chinese, e.g. example.com",
        ));
    }
    let Some(suffix) = allowed_suffix(&name) else {
        let tld = to_unicode(labels.last().copied().unwrap_or(""));
        return Err(error(
            "DOMAIN_TLD",
            &format!("域名后缀 .{tld} 不在工信部批准的域名后缀列表中，不能备案"),
            &format!("The suffix .{tld} is not approved by the MIIT and cannot be filed"),
        ));
    };
    let suffix_labels = suffix.split('.').count();
    if labels.len() == suffix_labels + 1 {
        return Ok(name);
    }
    let registrable = labels[labels.len() - suffix_labels - 1..].join(".");
    if labels[0] == "www" {
        let shown = to_unicode(&registrable);
        return Err(error(
            "DOMAIN_WWW",
            &format!("网站域名要填写 www. 后的完整信息，请填写 {shown}"),
            &format!("Enter the domain without www., i.e. {shown}"),
        ));
    }
    if suffix == "gov.cn" {
        return Ok(name);
    }
    let shown = to_unicode(&registrable);
    Err(error(
        "DOMAIN_NOT_REGISTRABLE",
        &format!("只需备案一级域名 {shown}，其子域名随之备案"),
        &format!("File the registrable domain {shown}; its sub-domains are covered"),
    ))
}

/// Checks a host name of any level (`api.example.com`), as an app lists the
/// domains it talks to: the syntax and an approved suffix, nothing more.
/// Returns the normalised form.
pub fn check_host(input: &str) -> Result<String, FieldError> {
    let name = normalize_domain(input);
    let labels: Vec<&str> = name.split('.').collect();
    if name.is_empty() {
        return Err(error(
            "DOMAIN_REQUIRED",
            "请填写域名",
            "Enter a domain name",
        ));
    }
    if name.len() > 253 || labels.len() < 2 || !labels.iter().all(|l| label_ok(l)) {
        return Err(error(
            "DOMAIN_SYNTAX",
            "域名格式不正确：只能包含字母、数字、连字符和中文，如 api.example.com",
            "Not a domain name: use letters, digits, hyphens or Chinese, e.g. api.example.com",
        ));
    }
    if allowed_suffix(&name).is_none() {
        let tld = to_unicode(labels.last().copied().unwrap_or(""));
        return Err(error(
            "DOMAIN_TLD",
            &format!("域名后缀 .{tld} 不在工信部批准的域名后缀列表中"),
            &format!("The suffix .{tld} is not approved by the MIIT"),
        ));
    }
    Ok(name)
}

/// The host of a 首页URL such as `www.example.com/index.html`, normalised.
pub fn home_url_host(url: &str) -> String {
    normalize_domain(url)
}

/// 首页URL: the host must be one of the site's domains or a sub-domain of one.
pub fn check_home_url(url: &str, domains: &[String]) -> Option<FieldError> {
    let url = url.trim();
    let err = |rule: &str, zh: &str, en: &str| Some(FieldError::new("home_url", rule, zh, en));
    if url.is_empty() {
        return err(
            "HOME_URL_REQUIRED",
            "请填写网站首页网址",
            "Enter the home page URL",
        );
    }
    if url.chars().count() > 255
        || url
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
    {
        return err(
            "HOME_URL_FORMAT",
            "首页网址格式不正确",
            "The home page URL is not valid",
        );
    }
    let scheme_ok = match url.split_once("://") {
        Some((scheme, _)) => matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https"),
        None => true,
    };
    let host = home_url_host(url);
    let belongs = domains
        .iter()
        .map(|d| normalize_domain(d))
        .any(|d| !d.is_empty() && (host == d || host.ends_with(&format!(".{d}"))));
    if !scheme_ok || !belongs {
        return err(
            "HOME_URL_HOST",
            "首页网址的主机名必须是本网站的域名或其子域名，如 www.example.com",
            "The home page must be on one of this site's domains, e.g. www.example.com",
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rule(input: &str) -> String {
        check_domain(input)
            .err()
            .map(|e| e.rule)
            .unwrap_or_else(|| "OK".into())
    }

    #[test]
    fn normalises_what_people_type() {
        assert_eq!(
            normalize_domain(" HTTPS://Example.COM:8080/path?q "),
            "example.com"
        );
        assert_eq!(normalize_domain("例子。中国"), "xn--fsqu00a.xn--fiqs8s");
        assert_eq!(to_unicode("xn--fsqu00a.xn--fiqs8s"), "例子.中国");
    }

    #[test]
    fn registrable_domains_only() {
        assert_eq!(check_domain("example.com"), Ok("example.com".into()));
        assert_eq!(check_domain("Example.COM.cn"), Ok("example.com.cn".into()));
        assert_eq!(
            check_domain("例子.中国"),
            Ok("xn--fsqu00a.xn--fiqs8s".into())
        );
        assert_eq!(rule("www.example.com"), "DOMAIN_WWW");
        assert!(check_domain("www.example.com")
            .unwrap_err()
            .zh
            .contains("example.com"));
        assert_eq!(rule("a.b.example.com.cn"), "DOMAIN_NOT_REGISTRABLE");
        assert_eq!(rule("portal.chengdu.gov.cn"), "OK");
        assert_eq!(rule("example.rocks"), "DOMAIN_TLD");
        assert_eq!(rule("exa mple.com"), "DOMAIN_SYNTAX");
        assert_eq!(rule("-bad.com"), "DOMAIN_SYNTAX");
        assert_eq!(rule("com"), "DOMAIN_SYNTAX");
        assert_eq!(rule(""), "DOMAIN_REQUIRED");
    }

    #[test]
    fn home_url_must_sit_on_a_site_domain() {
        let domains = vec!["example.com".to_owned()];
        assert_eq!(check_home_url("www.example.com", &domains), None);
        assert_eq!(
            check_home_url("https://example.com/index.html", &domains),
            None
        );
        assert_eq!(
            check_home_url("www.other.com", &domains).unwrap().rule,
            "HOME_URL_HOST"
        );
        assert_eq!(
            check_home_url("ftp://example.com", &domains).unwrap().rule,
            "HOME_URL_HOST"
        );
        assert_eq!(
            check_home_url("notexample.com", &domains).unwrap().rule,
            "HOME_URL_HOST"
        );
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent(s in "\\PC{0,60}") {
            let once = normalize_domain(&s);
            prop_assert_eq!(normalize_domain(&once), once);
        }

        #[test]
        fn checks_never_panic(s in "\\PC{0,80}") {
            let _ = check_domain(&s);
            let _ = check_home_url(&s, std::slice::from_ref(&s));
        }

        #[test]
        fn accepted_names_are_stable(s in "[a-z0-9]{1,20}\\.(com|cn|com\\.cn|中国)") {
            let once = check_domain(&s).unwrap();
            prop_assert_eq!(check_domain(&once), Ok(once.clone()));
        }
    }
}
