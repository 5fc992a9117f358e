//! The 网站名称 rule engine (docs/domain.md §4.9). The word lists are data
//! (`data/site_names.txt`, place names from the region table); each finding
//! names the rule and the word that fired, so the filer knows what to change.

use super::field_error::FieldError;
use super::region::place_names;
use super::text::{char_len, has_forbidden_chars, normalize_space};

const RULES: &str = include_str!("data/site_names.txt");

/// The words of one `[section]` of the rule file.
fn words(section: &str) -> impl Iterator<Item = &'static str> + '_ {
    let header = format!("[{section}]");
    RULES
        .lines()
        .map(str::trim)
        .skip_while(move |l| *l != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Who names the site: decides which lists apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameContext<'a> {
    /// The subject is a person (单位性质 个人).
    pub individual: bool,
    /// The subject is a national body (政府机关, 国防机构), free to use 中国 etc.
    pub national: bool,
    /// 主办单位名称: words it carries may appear in its site names.
    pub subject_name: &'a str,
}

fn finding(rule: &str, zh: String, en: String) -> FieldError {
    FieldError {
        field: "name".into(),
        rule: rule.into(),
        zh,
        en,
        warning: false,
    }
}

/// Checks a site name and returns every rule it breaks (errors first, then
/// warnings).
pub fn check_site_name(raw: &str, ctx: NameContext<'_>) -> Vec<FieldError> {
    let name = normalize_space(raw);
    let len = char_len(&name);
    if len == 0 {
        return vec![finding(
            "SITENAME_REQUIRED",
            "请填写网站名称".into(),
            "Enter the site name".into(),
        )];
    }
    let mut found = Vec::new();
    if !(3..=30).contains(&len) {
        found.push(finding(
            "SITENAME_LENGTH",
            "网站名称应为 3–30 个字".into(),
            "A site name has 3 to 30 characters".into(),
        ));
    }
    if name.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        found.push(finding(
            "SITENAME_DIGITS_ONLY",
            "网站名称不能为纯数字".into(),
            "A site name cannot be only digits".into(),
        ));
    } else if name.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        found.push(finding(
            "SITENAME_LATIN_ONLY",
            "网站名称不能为纯英文字母".into(),
            "A site name cannot be only Latin letters".into(),
        ));
    }
    if has_forbidden_chars(&name)
        || name
            .chars()
            .any(|c| !(c.is_alphanumeric() || c == ' ' || c == '·' || c == '-'))
    {
        found.push(finding(
            "SITENAME_SYMBOLS",
            "网站名称不能包含特殊符号".into(),
            "A site name cannot contain special symbols".into(),
        ));
    }
    let carried = |w: &str| ctx.subject_name.contains(w);
    if let Some(word) = words("deny_always").find(|w| name.contains(w)) {
        found.push(finding(
            "SITENAME_SENSITIVE",
            format!("网站名称含有禁用词“{word}”"),
            format!("The name contains the forbidden word \"{word}\""),
        ));
    }
    if !ctx.national {
        if let Some(word) = words("deny_unless_national").find(|w| name.contains(w) && !carried(w))
        {
            found.push(finding(
                "SITENAME_NATIONAL_WORD",
                format!("非国家机关的网站名称不能使用“{word}”"),
                format!("Only national bodies may use \"{word}\" in a site name"),
            ));
        }
        if let Some(place) = place_names()
            .into_iter()
            .find(|p| name.contains(p) && (ctx.individual || !carried(p)))
        {
            found.push(finding(
                "SITENAME_PLACE_NAME",
                format!("网站名称不能使用地名“{place}”（单位名称中含有的除外）"),
                format!("The name uses the place name \"{place}\" (allowed only when the subject's own name carries it)"),
            ));
        }
    }
    if ctx.individual {
        if let Some(word) = words("deny_for_individual").find(|w| name.contains(w)) {
            found.push(finding(
                "SITENAME_PERSONAL_WORD",
                format!("个人网站名称不能含有“{word}”等企业、论坛或商业词汇"),
                format!("A personal site name cannot contain \"{word}\" (organisation, forum or commercial words)"),
            ));
        }
        if name.contains('.') {
            found.push(finding(
                "SITENAME_PERSONAL_DOMAIN",
                "个人网站名称不能使用域名".into(),
                "A personal site cannot be named after a domain".into(),
            ));
        }
        if !ctx.subject_name.is_empty() && name == normalize_space(ctx.subject_name) {
            found.push(finding(
                "SITENAME_PERSONAL_PERSON_NAME",
                "个人网站名称不能使用人名".into(),
                "A personal site cannot be named after a person".into(),
            ));
        }
        if len > 10 && len <= 30 {
            let mut w = finding(
                "SITENAME_PERSONAL_LENGTH",
                "个人网站名称建议为 3–10 个字".into(),
                "Personal site names of 3 to 10 characters are recommended".into(),
            );
            w.warning = true;
            found.push(w);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PERSON: NameContext<'static> = NameContext {
        individual: true,
        national: false,
        subject_name: "张三",
    };
    const COMPANY: NameContext<'static> = NameContext {
        individual: false,
        national: false,
        subject_name: "成都蓝海科技有限公司",
    };
    const GOV: NameContext<'static> = NameContext {
        individual: false,
        national: true,
        subject_name: "某某市人民政府",
    };

    fn rules(name: &str, ctx: NameContext<'_>) -> Vec<String> {
        check_site_name(name, ctx)
            .into_iter()
            .map(|e| e.rule)
            .collect()
    }

    #[test]
    fn reports_the_rule_that_fired() {
        assert!(rules("蓝海科技", COMPANY).is_empty());
        assert!(rules("读书笔记", PERSON).is_empty());
        assert_eq!(rules("12345", COMPANY), ["SITENAME_DIGITS_ONLY"]);
        assert_eq!(rules("bluesea", COMPANY), ["SITENAME_LATIN_ONLY"]);
        assert_eq!(rules("蓝海★科技", COMPANY), ["SITENAME_SYMBOLS"]);
        assert_eq!(rules("中国蓝海", COMPANY), ["SITENAME_NATIONAL_WORD"]);
        assert!(rules("中国政务", GOV).is_empty());
        assert_eq!(rules("成都蓝海科技", COMPANY), Vec::<String>::new());
        assert_eq!(rules("杭州蓝海科技", COMPANY), ["SITENAME_PLACE_NAME"]);
        assert_eq!(rules("成都美食", PERSON), ["SITENAME_PLACE_NAME"]);
        assert_eq!(rules("张三的博客", PERSON), ["SITENAME_PERSONAL_WORD"]);
        assert_eq!(rules("网上博彩乐园", COMPANY), ["SITENAME_SENSITIVE"]);
        assert_eq!(
            rules("张三", PERSON),
            ["SITENAME_LENGTH", "SITENAME_PERSONAL_PERSON_NAME"]
        );
        assert_eq!(rules("", PERSON), ["SITENAME_REQUIRED"]);
        let long = check_site_name("一个关于读书笔记与摘抄的小站", PERSON);
        assert_eq!(long.len(), 1);
        assert!(long[0].warning);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = check_site_name(&s, PERSON);
            let _ = check_site_name(&s, COMPANY);
        }
    }
}
