//! Provinces with their GB/T 2260 codes and 备案号 prefixes (DOMAIN.md §6.10).

/// A province-level division that has a 通信管理局.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province {
    /// GB/T 2260 code, e.g. `510000`.
    pub code: &'static str,
    /// Chinese name, e.g. `四川省`.
    pub name_zh: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// The one-character 备案号 prefix, e.g. `蜀` (not 川).
    pub prefix: &'static str,
}

const fn p(
    code: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    prefix: &'static str,
) -> Province {
    Province {
        code,
        name_zh,
        name_en,
        prefix,
    }
}

/// The 31 mainland provinces (Hong Kong, Macao and Taiwan have no ICP filing).
pub const PROVINCES: [Province; 31] = [
    p("110000", "北京市", "Beijing", "京"),
    p("120000", "天津市", "Tianjin", "津"),
    p("130000", "河北省", "Hebei", "冀"),
    p("140000", "山西省", "Shanxi", "晋"),
    p("150000", "内蒙古自治区", "Inner Mongolia", "蒙"),
    p("210000", "辽宁省", "Liaoning", "辽"),
    p("220000", "吉林省", "Jilin", "吉"),
    p("230000", "黑龙江省", "Heilongjiang", "黑"),
    p("310000", "上海市", "Shanghai", "沪"),
    p("320000", "江苏省", "Jiangsu", "苏"),
    p("330000", "浙江省", "Zhejiang", "浙"),
    p("340000", "安徽省", "Anhui", "皖"),
    p("350000", "福建省", "Fujian", "闽"),
    p("360000", "江西省", "Jiangxi", "赣"),
    p("370000", "山东省", "Shandong", "鲁"),
    p("410000", "河南省", "Henan", "豫"),
    p("420000", "湖北省", "Hubei", "鄂"),
    p("430000", "湖南省", "Hunan", "湘"),
    p("440000", "广东省", "Guangdong", "粤"),
    p("450000", "广西壮族自治区", "Guangxi", "桂"),
    p("460000", "海南省", "Hainan", "琼"),
    p("500000", "重庆市", "Chongqing", "渝"),
    p("510000", "四川省", "Sichuan", "蜀"),
    p("520000", "贵州省", "Guizhou", "黔"),
    p("530000", "云南省", "Yunnan", "滇"),
    p("540000", "西藏自治区", "Tibet", "藏"),
    p("610000", "陕西省", "Shaanxi", "陕"),
    p("620000", "甘肃省", "Gansu", "陇"),
    p("630000", "青海省", "Qinghai", "青"),
    p("640000", "宁夏回族自治区", "Ningxia", "宁"),
    p("650000", "新疆维吾尔自治区", "Xinjiang", "新"),
];

/// Looks a province up by its GB/T 2260 code.
pub fn province_by_code(code: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_follow_real_numbers() {
        assert_eq!(province_by_code("510000").unwrap().prefix, "蜀");
        assert_eq!(province_by_code("520000").unwrap().prefix, "黔");
        assert_eq!(province_by_code("530000").unwrap().prefix, "滇");
        assert_eq!(province_by_code("620000").unwrap().prefix, "陇");
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut codes: Vec<_> = PROVINCES.iter().map(|p| p.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 31);
        assert!(codes.iter().all(|c| c.len() == 6 && c.ends_with("0000")));
    }
}
