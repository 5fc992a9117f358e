//! The code lists of a site and its access (docs/domain.md §2.4.1, §2.4.2, §2.5,
//! §2.6): 网站服务内容, 网站语言, 前置审批 types and 接入方式. Codes are the
//! MIIT system's own, so exports and imports need no mapping.

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
}

const fn c(code: &'static str, zh: &'static str, en: &'static str) -> Code {
    Code { code, zh, en }
}

/// 网站服务内容 (bit-flag codes of the MIIT interface).
pub const SERVICE_CONTENT: &[Code] = &[
    c("128", "单位门户网站", "Organisation portal"),
    c("32", "博客/个人空间", "Blog / personal space"),
    c("8388608", "其他", "Other"),
    c("1", "即时通信", "Instant messaging"),
    c("2", "搜索引擎", "Search engine"),
    c("4", "综合门户", "General portal"),
    c("8", "网上邮局", "Web mail"),
    c("16", "网络新闻", "Online news"),
    c("64", "网络广告/信息", "Online advertising"),
    c("256", "网络购物", "Online shopping"),
    c("512", "网上支付", "Online payment"),
    c("1024", "网上银行", "Online banking"),
    c("2048", "网上炒股/股票基金", "Online stocks and funds"),
    c("4096", "网络游戏", "Online games"),
    c("8192", "网络音乐", "Online music"),
    c("16384", "网络影视", "Online video"),
    c("32768", "网络图片", "Online pictures"),
    c("65536", "网络软件/下载", "Software downloads"),
    c("131072", "网上求职", "Job search"),
    c("262144", "网上交友/婚介", "Dating"),
    c("524288", "网上房产", "Real estate"),
    c("1048576", "网络教育", "Online education"),
    c("2097152", "网站建设", "Website building"),
    c("4194304", "WAP", "WAP"),
    c("134217728", "APP", "App"),
    c("268435456", "网络借贷信息中介", "P2P lending intermediary"),
    c("536870912", "互联网股权融资", "Equity crowdfunding"),
    c("1073741824", "互联网保险", "Online insurance"),
    c(
        "2147483648",
        "互联网跨界金融及资产管理",
        "Cross-sector finance and asset management",
    ),
    c("4294967296", "网上非银支付", "Non-bank payment"),
];

/// The 服务内容 codes an individual may choose (博客/个人空间, 其他).
pub const INDIVIDUAL_CONTENT: &[&str] = &["32", "8388608"];

/// The 服务内容 code 其他, which needs the remark to describe the site.
pub const CONTENT_OTHER: &str = "8388608";
/// 服务内容 "APP", what a generated app files.
pub const CONTENT_APP: &str = "134217728";

/// 网站语言 (ordinal codes).
pub const LANGUAGES: &[Code] = &[
    c("1", "中文简体", "Simplified Chinese"),
    c("2", "中文繁体", "Traditional Chinese"),
    c("3", "维吾尔语", "Uyghur"),
    c("4", "哈萨克语", "Kazakh"),
    c("5", "柯尔克孜语", "Kyrgyz"),
    c("6", "蒙古语", "Mongolian"),
    c("7", "藏语", "Tibetan"),
    c("8", "壮语", "Zhuang"),
    c("9", "朝鲜语", "Korean"),
    c("10", "彝文", "Yi"),
    c("11", "苗语", "Miao"),
    c("12", "英语", "English"),
    c("13", "日语", "Japanese"),
    c("14", "法语", "French"),
    c("15", "俄罗斯语", "Russian"),
    c("16", "西班牙语", "Spanish"),
    c("17", "阿拉伯语", "Arabic"),
];

/// 前置审批 types (bit-flag codes).
pub const PRE_APPROVAL_TYPES: &[Code] = &[
    c("1", "新闻", "News"),
    c("2", "出版", "Publishing"),
    c("4", "教育", "Education"),
    c("8", "医疗保健", "Health care"),
    c("16", "药品和医疗器械", "Drugs and medical devices"),
    c("32", "电子公告服务", "Bulletin board services"),
    c("256", "文化", "Culture"),
    c("512", "广播电影电视节目", "Radio, film and TV programmes"),
    c("2048", "网络预约车", "Ride hailing"),
    c("4096", "互联网金融", "Internet finance"),
    c(
        "8192",
        "校外培训（高中及以下阶段）",
        "Off-campus tutoring (up to senior high)",
    ),
    c("16384", "宗教", "Religion"),
];

/// 接入方式 (bit-flag codes).
pub const ACCESS_MODES: &[Code] = &[
    c("16", "云接入", "Cloud access"),
    c("4", "虚拟主机", "Virtual hosting"),
    c("2", "主机托管", "Colocation"),
    c("1", "专线", "Leased line"),
    c("8", "其他方式", "Other"),
];

/// Service content that needs a matching 前置审批 item (docs/domain.md §4.11):
/// `(content code, pre-approval code)`.
pub const CONTENT_NEEDS_PRE_APPROVAL: &[(&str, &str)] = &[
    ("16", "1"),
    ("1048576", "4"),
    ("16384", "512"),
    ("4096", "256"),
    ("1024", "4096"),
    ("2048", "4096"),
    ("268435456", "4096"),
    ("536870912", "4096"),
    ("1073741824", "4096"),
    ("2147483648", "4096"),
    ("4294967296", "4096"),
];

/// Finds an entry of a code list.
pub fn find(list: &'static [Code], code: &str) -> Option<&'static Code> {
    list.iter().find(|entry| entry.code == code)
}

/// The label of a code in the chosen language, or the code itself.
pub fn label(list: &'static [Code], code: &str, lang: Lang) -> String {
    find(list, code).map_or_else(|| code.to_owned(), |e| lang.pick(e.zh, e.en).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_per_list() {
        for list in [SERVICE_CONTENT, LANGUAGES, PRE_APPROVAL_TYPES, ACCESS_MODES] {
            let mut codes: Vec<_> = list.iter().map(|e| e.code).collect();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), list.len());
        }
    }

    #[test]
    fn the_pre_approval_map_names_known_codes() {
        for (content, approval) in CONTENT_NEEDS_PRE_APPROVAL {
            assert!(find(SERVICE_CONTENT, content).is_some());
            assert!(find(PRE_APPROVAL_TYPES, approval).is_some());
        }
        assert_eq!(label(SERVICE_CONTENT, CONTENT_OTHER, Lang::Zh), "其他");
    }
}
