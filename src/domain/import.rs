//! CSV import of websites for a customer (provider staff): each row is one
//! website with its access, read here into the wizard's `Site` so the
//! browser's dry run and the server apply the same rules. The header row
//! names the columns, in any order; code lists take a code or its Chinese
//! label, several separated by `、` `;` or spaces.

use serde::{Deserialize, Serialize};

use super::catalog::{self, access_modes, languages, service_content, Code};
use super::field_error::FieldError;
use super::filing::{Access, Site};
use super::region::PROVINCES;

/// The columns, each with the field path of the first site it fills.
pub const COLUMNS: [(&str, &str); 9] = [
    ("网站名称", "sites[0].name"),
    ("首页URL", "sites[0].home_url"),
    ("域名", "sites[0].domains"),
    ("服务内容", "sites[0].content"),
    ("语言", "sites[0].languages"),
    ("IP地址", "sites[0].accesses[0].ips"),
    ("接入方式", "sites[0].accesses[0].modes"),
    ("服务器放置地", "sites[0].accesses[0].server_location"),
    ("备注", "sites[0].remark"),
];

/// The one column a file may leave out.
const OPTIONAL: &str = "备注";

/// Rows per request when the browser sends a file in parts.
pub const CHUNK_ROWS: usize = 200;

/// One row's outcome, as the import answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowOutcome {
    /// The row's number in the file (the header is row 1).
    pub line: usize,
    /// Every problem, each with its column name in `field`.
    pub errors: Vec<FieldError>,
    /// The draft made of the row (never on a dry run).
    pub draft_id: Option<i32>,
}

/// Where each column is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout(Vec<Option<usize>>);

/// Finds the columns in a header row; names every missing one.
pub fn layout(header: &[String]) -> Result<Layout, FieldError> {
    let positions: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|(name, _)| header.iter().position(|h| h.trim() == *name))
        .collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(&positions)
        .filter(|((name, _), at)| at.is_none() && *name != OPTIONAL)
        .map(|((name, _), _)| *name)
        .collect();
    if missing.is_empty() {
        Ok(Layout(positions))
    } else {
        Err(FieldError::new(
            "file",
            "IMPORT_COLUMNS",
            &format!("表头缺少列：{}（请使用导入模板）", missing.join("、")),
            &format!(
                "The header lacks: {} (use the template)",
                missing.join(", ")
            ),
        ))
    }
}

/// The column a field path belongs to, for reporting an error by column.
pub fn column_of(path: &str) -> &'static str {
    COLUMNS
        .iter()
        .filter(|(_, prefix)| path.starts_with(prefix))
        .max_by_key(|(_, prefix)| prefix.len())
        .map_or("—", |(name, _)| *name)
}

fn list(cell: &str) -> Vec<String> {
    cell.split(|c: char| "、;；,，".contains(c) || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Codes of a list cell; an entry that is neither a code nor a label is
/// reported at `path`.
fn codes(
    cell: &str,
    options: &[(&str, &str)],
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
    let mut found = Vec::new();
    for entry in list(cell) {
        match options
            .iter()
            .find(|(code, zh)| *code == entry || *zh == entry)
        {
            Some((code, _)) => found.push((*code).to_owned()),
            None => errors.push(FieldError::new(
                path,
                "IMPORT_UNKNOWN_CODE",
                &format!("“{entry}”不是可选的值"),
                &format!("\"{entry}\" is not one of the choices"),
            )),
        }
    }
    found
}

fn pairs(list: &'static [Code]) -> Vec<(&'static str, &'static str)> {
    catalog::offered(list).map(|c| (c.code, c.zh)).collect()
}

/// One row's site, and the entries it could not read.
pub fn site_of(layout: &Layout, cells: &[String]) -> (Site, Vec<FieldError>) {
    let cell = |i: usize| {
        layout.0[i]
            .and_then(|at| cells.get(at))
            .map_or("", |c| c.trim())
    };
    let mut errors = Vec::new();
    let provinces: Vec<(&str, &str)> = PROVINCES.iter().map(|p| (p.code, p.name_zh)).collect();
    let site = Site {
        name: cell(0).to_owned(),
        home_url: cell(1).to_owned(),
        domains: list(cell(2)),
        content: codes(
            cell(3),
            &pairs(service_content()),
            COLUMNS[3].1,
            &mut errors,
        ),
        languages: codes(cell(4), &pairs(languages()), COLUMNS[4].1, &mut errors),
        principal_same_as_subject: true,
        remark: cell(8).to_owned(),
        accesses: vec![Access {
            provider_id: None,
            ips: cell(5).to_owned(),
            modes: codes(cell(6), &pairs(access_modes()), COLUMNS[6].1, &mut errors),
            server_location: codes(cell(7), &provinces, COLUMNS[7].1, &mut errors),
        }],
        ..Site::default()
    };
    (site, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn reads_columns_in_any_order_with_labels_or_codes() {
        let mut header: Vec<String> = COLUMNS.iter().map(|(n, _)| (*n).to_owned()).collect();
        header.reverse();
        let layout = layout(&header).unwrap();
        let (site, errors) = site_of(
            &layout,
            &row(&[
                "",
                "四川省",
                "专线、16",
                "121.40.1.10",
                "中文简体",
                "单位门户网站;64",
                "lanhai.com lanhai.cn",
                "www.lanhai.com",
                "蓝海科技",
            ]),
        );
        assert_eq!(errors, vec![]);
        assert_eq!(site.name, "蓝海科技");
        assert_eq!(site.domains, ["lanhai.com", "lanhai.cn"]);
        assert_eq!(site.content, ["128", "64"]);
        assert_eq!(site.accesses[0].server_location, ["510000"]);
        assert!(site.principal_same_as_subject);
    }

    #[test]
    fn names_missing_columns_and_unknown_entries_by_column() {
        let error = layout(&row(&["网站名称", "域名"])).unwrap_err();
        assert_eq!(error.rule, "IMPORT_COLUMNS");
        assert!(error.zh.contains("首页URL") && !error.zh.contains("备注"));

        let header: Vec<String> = COLUMNS[..8].iter().map(|(n, _)| (*n).to_owned()).collect();
        let layout = layout(&header).unwrap();
        let (_, errors) = site_of(
            &layout,
            &row(&[
                "a",
                "b",
                "c.com",
                "网络赌场",
                "1",
                "1.1.1.1",
                "16",
                "510000",
            ]),
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(column_of(&errors[0].field), "服务内容");
        assert_eq!(column_of("sites[0].accesses[0].ips"), "IP地址");
        assert_eq!(column_of("sites[0].domains[1]"), "域名");
        assert_eq!(column_of("subject.name"), "—");
    }
}
