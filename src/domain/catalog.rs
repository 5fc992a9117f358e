//! The code lists of a site and its access (docs/domain.md §2.4.1, §2.4.2, §2.5,
//! §2.6): 网站服务内容, 网站语言, 前置审批 types and 接入方式. Codes are the
//! MIIT system's own, so exports and imports need no mapping; the lists
//! themselves are data (`code_tables`).

use super::code_tables::tables;
use super::lang::Lang;

/// One entry of a code list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// Stable code as text (some exceed 32 bits).
    pub code: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// No longer offered or accepted; kept so old records show its label.
    pub retired: bool,
}

/// 网站服务内容 (bit-flag codes of the MIIT interface).
pub fn service_content() -> &'static [Code] {
    tables().service_content
}

/// The categories of 服务内容 (its first level), in the order forms show them.
pub fn service_groups() -> &'static [Code] {
    tables().service_groups
}

/// The 服务内容 a form shows, under its categories: each category that holds
/// a shown code (see `shown`), with those codes, in the files' order.
pub fn service_content_by_group(chosen: &[String]) -> Vec<(&'static Code, Vec<&'static Code>)> {
    let groups = &tables().content_groups;
    service_groups()
        .iter()
        .map(|group| {
            let codes = shown(service_content(), chosen)
                .filter(|code| groups.contains(&(code.code, group.code)))
                .collect::<Vec<_>>();
            (group, codes)
        })
        .filter(|(_, codes)| !codes.is_empty())
        .collect()
}

/// The 服务内容 codes an individual may choose (博客/个人空间, 其他).
pub fn individual_content() -> &'static [&'static str] {
    tables().individual_content
}

/// The 服务内容 code 其他, which needs the remark to describe the site.
pub const CONTENT_OTHER: &str = "8388608";
/// 服务内容 "APP", what a generated app files.
pub const CONTENT_APP: &str = "134217728";

/// 网站语言 (ordinal codes).
pub fn languages() -> &'static [Code] {
    tables().languages
}

/// 前置审批 types (bit-flag codes).
pub fn pre_approval_types() -> &'static [Code] {
    tables().pre_approval_types
}

/// 接入方式 (bit-flag codes).
pub fn access_modes() -> &'static [Code] {
    tables().access_modes
}

/// Service content that needs a matching 前置审批 item (docs/domain.md §4.11):
/// `(content code, pre-approval code)`.
pub fn content_needs_pre_approval() -> &'static [(&'static str, &'static str)] {
    tables().content_needs_pre_approval
}

/// Finds an entry of a code list, retired or not (old records show it).
pub fn find(list: &'static [Code], code: &str) -> Option<&'static Code> {
    list.iter().find(|entry| entry.code == code)
}

/// The entries a form offers: the list without its retired codes.
pub fn offered(list: &'static [Code]) -> impl Iterator<Item = &'static Code> {
    list.iter().filter(|entry| !entry.retired)
}

/// The entries a form shows: those offered, and any retired one already
/// `chosen`, so an old record still shows what it holds.
pub fn shown<'a>(
    list: &'static [Code],
    chosen: &'a [String],
) -> impl Iterator<Item = &'static Code> + 'a {
    list.iter()
        .filter(move |entry| !entry.retired || chosen.iter().any(|c| c == entry.code))
}

impl Code {
    /// The label in `lang`, marked when the code is retired.
    pub fn name(&self, lang: Lang) -> String {
        match (self.retired, lang) {
            (false, _) => lang.pick(self.zh, self.en).to_owned(),
            (true, Lang::Zh) => format!("{}（已停用）", self.zh),
            (true, Lang::En) => format!("{} (retired)", self.en),
        }
    }
}

/// True when new or changed data may use this code.
pub fn is_offered(list: &'static [Code], code: &str) -> bool {
    find(list, code).is_some_and(|entry| !entry.retired)
}
/// The label of a code in the chosen language, or the code itself.
pub fn label(list: &'static [Code], code: &str, lang: Lang) -> String {
    find(list, code).map_or_else(|| code.to_owned(), |e| lang.pick(e.zh, e.en).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_content_shows_under_its_categories_each_code_once() {
        let grouped = service_content_by_group(&[]);
        assert_eq!(grouped[0].0.zh, "综合类");
        assert!(grouped[0].1.iter().any(|c| c.code == CONTENT_OTHER));
        let finance = grouped.iter().find(|(g, _)| g.code == "FINANCE").unwrap();
        assert!(finance.1.iter().any(|c| c.zh == "网上银行"));
        let mut codes: Vec<_> = grouped
            .iter()
            .flat_map(|(_, codes)| codes.iter().map(|c| c.code))
            .collect();
        assert_eq!(codes.len(), service_content().len());
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), service_content().len());
    }

    #[test]
    fn a_retired_code_keeps_its_label_but_is_not_offered() {
        let list: &'static [Code] = Box::leak(Box::new([
            Code {
                code: "1",
                zh: "甲",
                en: "A",
                retired: false,
            },
            Code {
                code: "2",
                zh: "乙",
                en: "B",
                retired: true,
            },
        ]));
        assert_eq!(label(list, "2", Lang::Zh), "乙");
        assert!(is_offered(list, "1") && !is_offered(list, "2") && !is_offered(list, "3"));
        assert_eq!(offered(list).map(|c| c.code).collect::<Vec<_>>(), ["1"]);
        let chosen = ["2".to_owned()];
        assert_eq!(
            shown(list, &chosen).count(),
            2,
            "a chosen retired code still shows"
        );
        assert_eq!(shown(list, &[]).count(), 1);
        assert_eq!(list[1].name(Lang::Zh), "乙（已停用）");
        assert_eq!(list[1].name(Lang::En), "B (retired)");
        assert_eq!(label(list, "3", Lang::En), "3");
        assert_eq!(label(service_content(), CONTENT_OTHER, Lang::Zh), "其他");
    }
}
