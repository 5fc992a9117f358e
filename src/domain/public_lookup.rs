//! 公共查询 (docs/domain.md §2.17): anyone, signed in or not, looks a filing up
//! by domain, 备案号, 主办单位名称, or an app's, mini-program's or quick
//! app's name or package, and sees only the public projection:
//! never certificate numbers, phones or e-mails.

use serde::{Deserialize, Serialize};

use super::domain_name::{check_domain, lookup_form};
use super::field_error::FieldError;
use super::icp_number::{parse_icp_number, IcpNumber};
use super::lang::Lang;
use super::service::ServiceKind;
use super::text::char_len;

/// What the visitor looks up by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LookupBy {
    #[default]
    Domain,
    Number,
    Name,
    /// An app, mini-program or quick app by (part of) its name, or by its
    /// exact package name, Bundle ID or platform id.
    App,
}

impl LookupBy {
    /// Every kind, in the order the form offers them.
    pub const ALL: [LookupBy; 4] = [
        LookupBy::Domain,
        LookupBy::Number,
        LookupBy::Name,
        LookupBy::App,
    ];

    /// The URL code (`?by=`).
    pub fn code(self) -> &'static str {
        match self {
            LookupBy::Domain => "domain",
            LookupBy::Number => "number",
            LookupBy::Name => "name",
            LookupBy::App => "app",
        }
    }

    /// The kind for a URL code; anything else is a domain lookup.
    pub fn from_code(code: &str) -> LookupBy {
        LookupBy::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or_default()
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            LookupBy::Domain => "网站域名",
            LookupBy::Number => "备案号",
            LookupBy::Name => "主办单位名称",
            LookupBy::App => "APP/小程序/快应用名称或包名",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            LookupBy::Domain => "Site domain",
            LookupBy::Number => "Filing number",
            LookupBy::Name => "Sponsor name",
            LookupBy::App => "App, mini-program or quick app name or package",
        }
    }

    /// The label in the page's language.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }
}

/// A checked lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupKey {
    /// A normalised registrable domain.
    Domain(String),
    /// A 主体 or 网站备案号.
    Number(IcpNumber),
    /// Part of a 主办单位名称.
    Name(String),
    /// Part of a service name, or a whole package or platform id.
    App(String),
}

/// Shortest name part looked up: one character would match half the country.
pub const MIN_NAME_CHARS: usize = 2;

/// Checks what the visitor typed; the error is for the field `q`.
pub fn parse_lookup(by: LookupBy, text: &str) -> Result<LookupKey, FieldError> {
    let text = text.trim();
    match by {
        LookupBy::Domain => check_domain(&lookup_form(text))
            .map(LookupKey::Domain)
            .map_err(|e| e.at("q")),
        LookupBy::Number => parse_icp_number(text)
            .map(LookupKey::Number)
            .map_err(|rule| {
                FieldError::new(
                    "q",
                    rule,
                    "备案号格式如 蜀ICP备2026000001号 或 蜀ICP备2026000001号-1",
                    "A number looks like 蜀ICP备2026000001号 or 蜀ICP备2026000001号-1",
                )
            }),
        LookupBy::App => {
            if (MIN_NAME_CHARS..=100).contains(&char_len(text)) {
                Ok(LookupKey::App(text.to_owned()))
            } else {
                Err(FieldError::new(
                    "q",
                    "LOOKUP_APP",
                    "请输入APP、小程序或快应用名称中连续的 2–100 个字，或完整的包名",
                    "Enter 2 to 100 characters of the name, or the whole package name",
                ))
            }
        }
        LookupBy::Name => {
            if (MIN_NAME_CHARS..=100).contains(&char_len(text)) {
                Ok(LookupKey::Name(text.to_owned()))
            } else {
                Err(FieldError::new(
                    "q",
                    "LOOKUP_NAME",
                    "请输入主办单位名称中连续的 2–100 个字",
                    "Enter 2 to 100 characters of the unit's name",
                ))
            }
        }
    }
}

/// One approved, live service as the public sees it (docs/domain.md §2.17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicRecord {
    /// 网站, APP, 小程序 or 快应用.
    pub kind: ServiceKind,
    /// An app's packages or a mini-program's platform id (empty for a website).
    pub app_ids: Vec<String>,
    /// 主办单位名称.
    pub unit_name: String,
    /// 单位性质, as its label.
    pub nature: String,
    /// 主体备案号.
    pub subject_number: String,
    /// 网站备案号.
    pub site_number: String,
    pub site_name: String,
    pub domains: Vec<String>,
    pub home_url: String,
    /// 前置审批项, as labels.
    pub pre_approvals: Vec<String>,
    /// 负责人: the person for an individual's filing, blank for a unit.
    pub leader_name: String,
    /// 审核通过日期 (Beijing date).
    pub approved_on: String,
    /// 是否限制接入.
    pub limit_access: bool,
    /// 公网安备号, once the filer recorded it (websites only).
    pub psb_number: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_are_checked_and_normalised() {
        assert_eq!(
            parse_lookup(LookupBy::Domain, " WWW.Example.COM "),
            Ok(LookupKey::Domain("example.com".into()))
        );
        assert_eq!(parse_lookup(LookupBy::Domain, "").unwrap_err().field, "q");
        let site = parse_lookup(LookupBy::Number, "蜀ICP备2026000001号-2").unwrap();
        assert!(matches!(site, LookupKey::Number(n) if n.site.as_deref() == Some("2")));
        assert_eq!(
            parse_lookup(LookupBy::Number, "川ICP备2026000001号")
                .unwrap_err()
                .rule,
            "ICP_PREFIX"
        );
        assert_eq!(
            parse_lookup(LookupBy::Name, "蓝").unwrap_err().rule,
            "LOOKUP_NAME"
        );
        assert_eq!(
            parse_lookup(LookupBy::Name, " 蓝海 "),
            Ok(LookupKey::Name("蓝海".into()))
        );
        assert_eq!(LookupBy::from_code("name"), LookupBy::Name);
        assert_eq!(
            parse_lookup(LookupBy::App, " com.example.app "),
            Ok(LookupKey::App("com.example.app".into()))
        );
        assert_eq!(
            parse_lookup(LookupBy::App, "a").unwrap_err().rule,
            "LOOKUP_APP"
        );
        assert_eq!(LookupBy::from_code("app"), LookupBy::App);
        assert_eq!(LookupBy::from_code("bogus"), LookupBy::Domain);
    }

    proptest! {
        #[test]
        fn no_input_panics(text in "\\PC{0,80}", by in 0usize..4) {
            let _ = parse_lookup(LookupBy::ALL[by], &text);
        }
    }
}
