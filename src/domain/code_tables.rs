//! The code lists as data (docs/domain.md §2.18): 单位性质 with the 证件类型
//! each allows, 证件类型 with their number formats, the two levels of
//! 服务内容 (categories, and the codes with the category and 前置审批 each
//! needs), 网站语言, 前置审批 types, 接入方式, the platforms of
//! apps, mini-programs and quick apps, 注销 reasons and the regions.
//!
//! Each list is a tab-separated file in `src/domain/data/codes/`, compiled in
//! as the default so both the server and the browser have it. A server
//! started with `BEIAN_CODE_TABLES=<dir>` reads whichever of these files it
//! finds there instead, and every page carries the files that differ, so the
//! browser checks with the very lists the server enforces. A code that is no
//! longer used is marked `retired`: it is neither offered nor accepted, but
//! old records still show its label.

use std::sync::OnceLock;

use super::catalog::{Code, CONTENT_APP, CONTENT_OTHER};
use super::certificate::{CertType, Nature, NumberFormat};
use super::province_rules::{Profile, Rule};
use super::region::province_by_code;

/// The files, by name (without `.tsv`), with their built-in text.
pub const BUILT_IN: [(&str, &str); 14] = [
    ("natures", include_str!("data/codes/natures.tsv")),
    ("cert_types", include_str!("data/codes/cert_types.tsv")),
    (
        "service_groups",
        include_str!("data/codes/service_groups.tsv"),
    ),
    (
        "service_content",
        include_str!("data/codes/service_content.tsv"),
    ),
    ("languages", include_str!("data/codes/languages.tsv")),
    (
        "pre_approval_types",
        include_str!("data/codes/pre_approval_types.tsv"),
    ),
    ("access_modes", include_str!("data/codes/access_modes.tsv")),
    (
        "app_platforms",
        include_str!("data/codes/app_platforms.tsv"),
    ),
    (
        "mini_program_platforms",
        include_str!("data/codes/mini_program_platforms.tsv"),
    ),
    (
        "quick_app_platforms",
        include_str!("data/codes/quick_app_platforms.tsv"),
    ),
    (
        "cancellation_reasons",
        include_str!("data/codes/cancellation_reasons.tsv"),
    ),
    ("regions", include_str!("data/codes/regions.tsv")),
    (
        "province_rules",
        include_str!("data/codes/province_rules.tsv"),
    ),
    (
        "mobile_segments",
        include_str!("data/codes/mobile_segments.tsv"),
    ),
];

/// Every code list, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeTables {
    pub natures: &'static [Nature],
    pub cert_types: &'static [CertType],
    /// The first level of 服务内容: categories, in the order a form shows them.
    pub service_groups: &'static [Code],
    pub service_content: &'static [Code],
    /// `(服务内容 code, category code)`: the category each code sits in.
    pub content_groups: &'static [(&'static str, &'static str)],
    /// The 服务内容 codes an individual may choose.
    pub individual_content: &'static [&'static str],
    /// `(服务内容 code, 前置审批 code)`: content that needs that approval.
    pub content_needs_pre_approval: &'static [(&'static str, &'static str)],
    pub languages: &'static [Code],
    pub pre_approval_types: &'static [Code],
    pub access_modes: &'static [Code],
    pub app_platforms: &'static [Code],
    pub mini_program_platforms: &'static [Code],
    pub quick_app_platforms: &'static [Code],
    pub cancellation_reasons: &'static [Code],
    /// `code<TAB>name` lines of cities and counties (read by `region`).
    pub regions: &'static str,
    /// The province rule profiles, the default (`*`) among them.
    pub province_rules: &'static [Profile],
    /// `(number prefix, province code)`: where mobiles are registered.
    pub mobile_segments: &'static [(&'static str, &'static str)],
    /// The files that differ from the built-in ones, `(name, text)`: what a
    /// page must carry for the browser.
    pub replaced: &'static [(&'static str, &'static str)],
}

/// What is wrong with a table file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    /// The file's name, e.g. `natures`.
    pub file: String,
    /// 1-based line; 0 for the file as a whole.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "code table {}.tsv: {}", self.file, self.message),
            n => write!(f, "code table {}.tsv line {n}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for TableError {}

static INSTALLED: OnceLock<CodeTables> = OnceLock::new();

/// The tables in force: those installed at start, else the built-in ones.
pub fn tables() -> &'static CodeTables {
    INSTALLED.get_or_init(|| read(&[]).expect("the built-in code tables are valid"))
}

/// Puts `replacements` (file name, text) in force for the rest of the
/// process. Called once, before anything reads a table: by the server at
/// start and by the browser before it hydrates.
pub fn install(replacements: Vec<(String, String)>) -> Result<(), TableError> {
    let leaked: Vec<(&'static str, &'static str)> = replacements
        .into_iter()
        .map(|(name, text)| (leak(name), leak(text)))
        .collect();
    let tables = read(&leaked)?;
    INSTALLED.set(tables).map_err(|_| TableError {
        file: "*".into(),
        line: 0,
        message: "the code tables were already in use".into(),
    })
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

/// Reads every table, taking a file's text from `replacements` when it is
/// there and from the built-in files otherwise.
pub fn read(replacements: &[(&'static str, &'static str)]) -> Result<CodeTables, TableError> {
    for (name, _) in replacements {
        if !BUILT_IN.iter().any(|(known, _)| known == name) {
            return Err(TableError {
                file: (*name).into(),
                line: 0,
                message: "not a code table this system knows".into(),
            });
        }
    }
    let text = |name: &str| {
        replacements
            .iter()
            .chain(BUILT_IN.iter())
            .find(|(known, _)| *known == name)
            .map(|(_, text)| *text)
            .unwrap_or_default()
    };
    let replaced: Vec<_> = replacements
        .iter()
        .filter(|(name, body)| BUILT_IN.iter().all(|built| built != &(*name, *body)))
        .copied()
        .collect();

    let pre_approval_types = plain("pre_approval_types", text("pre_approval_types"))?;
    let cert_types = read_cert_types(text("cert_types"))?;
    let service_groups = plain("service_groups", text("service_groups"))?;
    let content =
        read_service_content(text("service_content"), service_groups, pre_approval_types)?;
    Ok(CodeTables {
        natures: read_natures(text("natures"), cert_types)?,
        cert_types,
        service_groups,
        service_content: content.codes,
        content_groups: content.groups,
        individual_content: content.individual,
        content_needs_pre_approval: content.needs_pre_approval,
        languages: plain("languages", text("languages"))?,
        pre_approval_types,
        access_modes: plain("access_modes", text("access_modes"))?,
        app_platforms: plain("app_platforms", text("app_platforms"))?,
        mini_program_platforms: plain("mini_program_platforms", text("mini_program_platforms"))?,
        quick_app_platforms: plain("quick_app_platforms", text("quick_app_platforms"))?,
        cancellation_reasons: plain("cancellation_reasons", text("cancellation_reasons"))?,
        regions: read_regions(text("regions"))?,
        province_rules: read_province_rules(text("province_rules"))?,
        mobile_segments: read_mobile_segments(text("mobile_segments"))?,
        replaced: slice(replaced),
    })
}

/// One line of a table: code, Chinese label, English label, attributes.
struct Row {
    line: usize,
    code: &'static str,
    zh: &'static str,
    en: &'static str,
    retired: bool,
    attributes: Vec<(&'static str, &'static str)>,
}

impl Row {
    fn attribute(&self, name: &str) -> Option<&'static str> {
        self.attributes
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| *value)
    }

    fn flag(&self, name: &str) -> bool {
        self.attribute(name).is_some()
    }
}

/// Splits a file into rows, checking what every table shares: three
/// non-empty columns, unique codes, only the attributes `allowed` (plus
/// `retired`), and no `<` (the text travels inside the page).
fn rows(file: &str, text: &'static str, allowed: &[&str]) -> Result<Vec<Row>, TableError> {
    let mut rows: Vec<Row> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let error = |message: String| TableError {
            file: file.into(),
            line,
            message,
        };
        let content = raw.trim_end_matches('\r');
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        if content.contains('<') {
            return Err(error("“<” is not allowed".into()));
        }
        let mut columns = content.split('\t').map(str::trim);
        let (Some(code), Some(zh), Some(en)) = (columns.next(), columns.next(), columns.next())
        else {
            return Err(error(
                "expected code, Chinese label and English label, separated by tabs".into(),
            ));
        };
        if code.is_empty() || zh.is_empty() || en.is_empty() {
            return Err(error("the code and both labels must not be empty".into()));
        }
        if rows.iter().any(|row| row.code == code) {
            return Err(error(format!("the code {code} appears twice")));
        }
        let mut attributes = Vec::new();
        let mut retired = false;
        for column in columns.filter(|c| !c.is_empty()) {
            let (key, value) = column.split_once('=').unwrap_or((column, ""));
            if key == "retired" {
                retired = true;
            } else if allowed.contains(&key) {
                attributes.push((key, value));
            } else {
                return Err(error(format!("unknown attribute “{key}”")));
            }
        }
        rows.push(Row {
            line,
            code,
            zh,
            en,
            retired,
            attributes,
        });
    }
    if rows.iter().all(|row| row.retired) {
        return Err(TableError {
            file: file.into(),
            line: 0,
            message: "no code is offered".into(),
        });
    }
    Ok(rows)
}

fn code_of(row: &Row) -> Code {
    Code {
        code: row.code,
        zh: row.zh,
        en: row.en,
        retired: row.retired,
    }
}

fn plain(file: &str, text: &'static str) -> Result<&'static [Code], TableError> {
    Ok(slice(rows(file, text, &[])?.iter().map(code_of).collect()))
}

/// Refuses a table that lacks a code the rules name.
fn with_code(list: &'static [Code], file: &str, code: &str) -> Result<&'static [Code], TableError> {
    match list.iter().find(|entry| entry.code == code) {
        Some(entry) if !entry.retired => Ok(list),
        _ => Err(TableError {
            file: file.into(),
            line: 0,
            message: format!("the code {code} must be present and not retired"),
        }),
    }
}

/// A comma-separated list attribute, each item checked by `known`. A
/// `Vec`, not a leaked slice: only what the tables keep is leaked (a leak
/// nothing points to is what the fuzzers' leak check stops on).
fn list(
    file: &str,
    row: &Row,
    name: &str,
    known: impl Fn(&str) -> bool,
) -> Result<Vec<&'static str>, TableError> {
    let items: Vec<&'static str> = row
        .attribute(name)
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    if let Some(unknown) = items.iter().find(|item| !known(item)) {
        return Err(TableError {
            file: file.into(),
            line: row.line,
            message: format!("{name}: {unknown} is not a known code"),
        });
    }
    Ok(items)
}

fn read_cert_types(text: &'static str) -> Result<&'static [CertType], TableError> {
    let file = "cert_types";
    let mut types = Vec::new();
    for row in rows(file, text, &["format", "personal"])? {
        let format = row.attribute("format").unwrap_or_default();
        let Some(format) = NumberFormat::from_name(format) else {
            return Err(TableError {
                file: file.into(),
                line: row.line,
                message: format!(
                    "format “{format}” is not one of {}",
                    NumberFormat::NAMES.join(", ")
                ),
            });
        };
        types.push(CertType {
            code: row.code,
            zh: row.zh,
            en: row.en,
            format,
            personal: row.flag("personal"),
            retired: row.retired,
        });
    }
    Ok(slice(types))
}

fn read_natures(
    text: &'static str,
    cert_types: &'static [CertType],
) -> Result<&'static [Nature], TableError> {
    let file = "natures";
    let mut natures = Vec::new();
    for row in rows(file, text, &["certs", "credit"])? {
        let certs = list(file, &row, "certs", |code| {
            cert_types.iter().any(|c| c.code == code)
        })?;
        if certs.is_empty() {
            return Err(TableError {
                file: file.into(),
                line: row.line,
                message: "certs: name at least one 证件类型".into(),
            });
        }
        let credit = list(file, &row, "credit", |pair| {
            pair.chars().count() == 2 && pair.chars().all(|c| c.is_ascii_alphanumeric())
        })?;
        natures.push(Nature {
            code: row.code,
            zh: row.zh,
            en: row.en,
            cert_types: slice(certs),
            credit_categories: slice(credit),
            retired: row.retired,
        });
    }
    Ok(slice(natures))
}

/// What `service_content.tsv` holds beyond its codes.
struct ServiceContent {
    codes: &'static [Code],
    groups: &'static [(&'static str, &'static str)],
    individual: &'static [&'static str],
    needs_pre_approval: &'static [(&'static str, &'static str)],
}

/// Reads the second level of 服务内容. Every code names its category, and
/// an offered code may not sit in a retired category, where no form would
/// show it.
fn read_service_content(
    text: &'static str,
    service_groups: &'static [Code],
    pre_approval_types: &'static [Code],
) -> Result<ServiceContent, TableError> {
    let file = "service_content";
    let rows = rows(file, text, &["group", "individual", "pre_approval"])?;
    let mut groups = Vec::new();
    let mut needs = Vec::new();
    for row in &rows {
        let error = |message: String| TableError {
            file: file.into(),
            line: row.line,
            message,
        };
        let named = row.attribute("group").unwrap_or_default();
        let Some(group) = service_groups.iter().find(|g| g.code == named) else {
            return Err(error(format!(
                "group: “{named}” is not a category of service_groups.tsv"
            )));
        };
        if group.retired && !row.retired {
            return Err(error(format!(
                "the category {named} is retired, so an offered code may not sit in it"
            )));
        }
        groups.push((row.code, group.code));
        for kind in list(file, row, "pre_approval", |code| {
            pre_approval_types.iter().any(|t| t.code == code)
        })? {
            needs.push((row.code, kind));
        }
    }
    let codes = slice(rows.iter().map(code_of).collect());
    with_code(codes, file, CONTENT_OTHER)?;
    with_code(codes, file, CONTENT_APP)?;
    let individual = rows
        .iter()
        .filter(|row| row.flag("individual"))
        .map(|row| row.code)
        .collect();
    Ok(ServiceContent {
        codes,
        groups: slice(groups),
        individual: slice(individual),
        needs_pre_approval: slice(needs),
    })
}

/// Checks the regions file: a six-digit code and a name on every line.
fn read_regions(text: &'static str) -> Result<&'static str, TableError> {
    for (index, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fits = raw.split_once('\t').is_some_and(|(code, name)| {
            code.len() == 6
                && code.bytes().all(|b| b.is_ascii_digit())
                && !name.trim().is_empty()
                && !name.contains('<')
        });
        if !fits {
            return Err(TableError {
                file: "regions".into(),
                line: index + 1,
                message: "expected a six-digit code, a tab and a name".into(),
            });
        }
    }
    Ok(text)
}

/// The lines of a file that carry data, with their 1-based numbers and
/// their tab-separated columns.
fn data_lines(text: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    text.lines().enumerate().filter_map(|(index, raw)| {
        let content = raw.trim_end_matches('\r');
        (!content.trim().is_empty() && !content.starts_with('#'))
            .then(|| (index + 1, content.split('\t').map(str::trim).collect()))
    })
}

fn read_province_rules(text: &'static str) -> Result<&'static [Profile], TableError> {
    let error = |line: usize, message: String| TableError {
        file: "province_rules".into(),
        line,
        message,
    };
    let mut profiles: Vec<Profile> = Vec::new();
    for (line, columns) in data_lines(text) {
        let province = columns[0];
        if province != "*" && province_by_code(province).is_none() {
            return Err(error(
                line,
                format!("{province} is not a province code or *"),
            ));
        }
        if profiles.iter().any(|p| p.province == province) {
            return Err(error(line, format!("{province} has two lines")));
        }
        let rules = columns[1..]
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| Rule::parse(c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|message| error(line, message))?;
        profiles.push(Profile {
            province,
            rules: slice(rules),
        });
    }
    // The default first, so the admin's list reads from the general down.
    profiles.sort_by_key(|p| p.province != "*");
    Ok(slice(profiles))
}

fn read_mobile_segments(
    text: &'static str,
) -> Result<&'static [(&'static str, &'static str)], TableError> {
    let mut segments = Vec::new();
    for (line, columns) in data_lines(text) {
        let fits = columns.len() == 2
            && (3..=11).contains(&columns[0].len())
            && columns[0].starts_with('1')
            && columns[0].bytes().all(|b| b.is_ascii_digit())
            && province_by_code(columns[1]).is_some();
        if !fits {
            return Err(TableError {
                file: "mobile_segments".into(),
                line,
                message: "expected a number prefix (3–11 digits from 1), a tab and a province code"
                    .into(),
            });
        }
        segments.push((columns[0], columns[1]));
    }
    Ok(slice(segments))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn replaced(name: &'static str, text: &str) -> Result<CodeTables, TableError> {
        read(&[(name, leak(text.to_owned()))])
    }

    #[test]
    fn the_built_in_tables_read_and_replace_nothing() {
        let tables = read(&[]).unwrap();
        assert_eq!(tables.natures.len(), 18);
        assert_eq!(tables.cert_types.len(), 38);
        assert_eq!(tables.service_content.len(), 30);
        assert!(tables.replaced.is_empty());
        // A file given with the built-in text replaces nothing either.
        let same = read(&[BUILT_IN[0]]).unwrap();
        assert!(same.replaced.is_empty());
    }

    #[test]
    fn every_reference_between_tables_resolves() {
        let tables = tables();
        for nature in tables.natures {
            for code in nature.cert_types {
                assert!(tables.cert_types.iter().any(|c| c.code == *code), "{code}");
            }
        }
        for (content, approval) in tables.content_needs_pre_approval {
            assert!(tables.service_content.iter().any(|c| c.code == *content));
            assert!(tables
                .pre_approval_types
                .iter()
                .any(|c| c.code == *approval));
        }
    }

    #[test]
    fn a_replaced_file_changes_the_lists_and_is_reported_for_the_page() {
        let text = format!(
            "{}8589934592\t网络直播\tLive streaming\tgroup=CULTURE\tpre_approval=512\n",
            BUILT_IN[3]
                .1
                .replace("4194304\tWAP\tWAP", "4194304\tWAP\tWAP\tretired")
        );
        let tables = replaced("service_content", &text).unwrap();
        let live = tables
            .service_content
            .iter()
            .find(|c| c.code == "8589934592")
            .unwrap();
        assert_eq!(
            (live.zh, live.en, live.retired),
            ("网络直播", "Live streaming", false)
        );
        assert!(tables
            .content_needs_pre_approval
            .contains(&("8589934592", "512")));
        assert!(tables
            .service_content
            .iter()
            .any(|c| c.code == "4194304" && c.retired));
        assert_eq!(tables.replaced.len(), 1);
        assert_eq!(tables.replaced[0].0, "service_content");
    }

    #[test]
    fn mistakes_are_named_with_their_file_and_line() {
        let cases: [(&'static str, &str, usize, &str); 12] = [
            ("languages", "# c\n1\t中文\n", 2, "expected code"),
            (
                "languages",
                "1\t中文\tChinese\n1\t英语\tEnglish\n",
                2,
                "appears twice",
            ),
            (
                "languages",
                "1\t中文\tChinese\tcolour=red\n",
                1,
                "unknown attribute",
            ),
            ("languages", "1\t<b>中文</b>\tChinese\n", 1, "“<”"),
            ("natures", "X\t某\tSome\tcerts=999\n", 1, "999"),
            (
                "cert_types",
                "1\t某证\tSome\tformat=shoe_size\n",
                1,
                "shoe_size",
            ),
            (
                "service_content",
                "1\t即时通信\tIM\tgroup=COMMS\n",
                0,
                "8388608",
            ),
            ("service_content", "1\t即时通信\tIM\n", 1, "service_groups"),
            ("regions", "5101\t成都\n", 1, "six-digit"),
            (
                "province_rules",
                "*\n999999\tdistinct_contacts\n",
                2,
                "not a province",
            ),
            (
                "province_rules",
                "440000\tmax_services=99\n",
                1,
                "max_services",
            ),
            (
                "mobile_segments",
                "138\t440000\n2000\t440000\n",
                2,
                "number prefix",
            ),
        ];
        for (file, text, line, says) in cases {
            let error = replaced(file, text).unwrap_err();
            assert_eq!((error.file.as_str(), error.line), (file, line), "{error}");
            assert!(error.to_string().contains(says), "{error}");
        }
        assert!(replaced("colours", "1\t红\tRed\n").is_err());
        let all_retired = replaced("languages", "1\t中文\tChinese\tretired\n").unwrap_err();
        assert!(all_retired.message.contains("no code is offered"));
    }

    #[test]
    fn every_service_code_sits_in_an_offered_category_unless_both_are_retired() {
        let tables = tables();
        for code in tables.service_content {
            let (_, group) = tables
                .content_groups
                .iter()
                .find(|(content, _)| *content == code.code)
                .unwrap();
            assert!(tables.service_groups.iter().any(|g| g.code == *group));
        }
        let retired_comms = BUILT_IN[2].1.replace(
            "COMMS\t通信与搜索\tCommunication and search",
            "COMMS\t通信与搜索\tCommunication and search\tretired",
        );
        let error = replaced("service_groups", &retired_comms).unwrap_err();
        assert_eq!(error.file, "service_content");
        assert!(error.message.contains("COMMS is retired"), "{error}");
        let content = BUILT_IN[3]
            .1
            .replace("\tgroup=COMMS\n", "\tgroup=COMMS\tretired\n");
        let both = read(&[
            ("service_groups", leak(retired_comms)),
            ("service_content", leak(content)),
        ])
        .unwrap();
        assert!(both
            .service_content
            .iter()
            .any(|c| c.code == "1" && c.retired));
    }

    /// A table file written from generated entries.
    fn file_of(entries: &[(String, String, String, bool)]) -> String {
        entries
            .iter()
            .map(|(code, zh, en, retired)| {
                let flag = if *retired { "\tretired" } else { "" };
                format!("{code}\t{zh}\t{en}{flag}\n")
            })
            .collect()
    }

    proptest! {
        /// Any well-formed list reads back exactly as written, code by code.
        #[test]
        fn every_code_round_trips(
            entries in proptest::collection::btree_map(
                "[A-Z0-9_]{1,12}",
                ("[\\p{Han}]{1,8}", "[A-Za-z][A-Za-z ,/()-]{0,20}[A-Za-z]", any::<bool>()),
                1..20,
            )
        ) {
            let mut entries: Vec<_> = entries
                .into_iter()
                .map(|(code, (zh, en, retired))| (code, zh, en, retired))
                .collect();
            entries[0].3 = false;
            let tables = replaced("access_modes", &file_of(&entries)).unwrap();
            let read: Vec<_> = tables
                .access_modes
                .iter()
                .map(|c| (c.code.to_owned(), c.zh.to_owned(), c.en.to_owned(), c.retired))
                .collect();
            prop_assert_eq!(read, entries);
        }
    }

    #[test]
    fn every_built_in_code_round_trips_through_a_file() {
        let tables = tables();
        let lists = [
            ("service_groups", tables.service_groups),
            ("languages", tables.languages),
            ("pre_approval_types", tables.pre_approval_types),
            ("access_modes", tables.access_modes),
            ("app_platforms", tables.app_platforms),
            ("mini_program_platforms", tables.mini_program_platforms),
            ("quick_app_platforms", tables.quick_app_platforms),
            ("cancellation_reasons", tables.cancellation_reasons),
        ];
        for (name, list) in lists {
            let entries: Vec<_> = list
                .iter()
                .map(|c| {
                    (
                        c.code.to_owned(),
                        c.zh.to_owned(),
                        c.en.to_owned(),
                        c.retired,
                    )
                })
                .collect();
            let again = replaced(name, &file_of(&entries)).unwrap();
            let list_again = match name {
                "service_groups" => again.service_groups,
                "languages" => again.languages,
                "pre_approval_types" => again.pre_approval_types,
                "access_modes" => again.access_modes,
                "app_platforms" => again.app_platforms,
                "mini_program_platforms" => again.mini_program_platforms,
                "quick_app_platforms" => again.quick_app_platforms,
                _ => again.cancellation_reasons,
            };
            assert_eq!(list_again, list, "{name}");
        }
    }
}
