//! Provinces with their GB/T 2260 codes and 备案号 prefixes (docs/domain.md §4.10),
//! and the cities and counties of the address pickers (kept as data).

use super::code_tables::tables;
use super::field_error::FieldError;
use super::lang::Lang;

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

impl Province {
    /// The name in the page's language.
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.name_zh, self.name_en)
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

/// A city or county: its GB/T 2260 code and Chinese name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Six-digit code, e.g. `510107`.
    pub code: &'static str,
    /// Chinese name, e.g. `武侯区`.
    pub name: &'static str,
}

fn regions() -> impl Iterator<Item = Region> {
    tables()
        .regions
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(code, name)| Region { code, name })
}

/// The cities of a province, in code order.
pub fn cities_of(province_code: &str) -> Vec<Region> {
    let prefix = province_code.get(..2).unwrap_or("--");
    regions()
        .filter(|r| r.code.starts_with(prefix) && r.code.ends_with("00"))
        .collect()
}

/// The counties (districts) of a city, in code order.
pub fn counties_of(city_code: &str) -> Vec<Region> {
    let prefix = city_code.get(..4).unwrap_or("--");
    regions()
        .filter(|r| r.code.starts_with(prefix) && !r.code.ends_with("00"))
        .collect()
}

/// The name of a city or county code.
pub fn region_name(code: &str) -> Option<&'static str> {
    regions().find(|r| r.code == code).map(|r| r.name)
}

/// A place name without its administrative suffix (四川省 → 四川, 武侯区 →
/// 武侯), which is how people write it in addresses and site names.
pub fn short_name(name: &str) -> &str {
    const SUFFIXES: &[&str] = &[
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "辖县",
        "新区",
        "省",
        "市",
        "区",
        "县",
    ];
    SUFFIXES
        .iter()
        .find_map(|s| {
            name.strip_suffix(s)
                .filter(|rest| rest.chars().count() >= 2)
        })
        .unwrap_or(name)
}

/// Every place name of two or more characters (provinces, cities and
/// counties in short form), for the site-name rule on 地名.
pub fn place_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = PROVINCES
        .iter()
        .map(|p| short_name(p.name_zh))
        .chain(regions().map(|r| short_name(r.name)))
        .filter(|n| n.chars().count() >= 2)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// 主办单位所在地: the province, city and county must nest (docs/domain.md §2.2).
pub fn check_location(province: &str, city: &str, county: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if province_by_code(province).is_none() {
        errors.push(FieldError::new(
            "province",
            "LOCATION_PROVINCE",
            "请选择主办单位所在省份",
            "Choose the province",
        ));
        return errors;
    }
    if !cities_of(province).iter().any(|c| c.code == city) {
        errors.push(FieldError::new(
            "city",
            "LOCATION_CITY",
            "请选择所在省份下的城市",
            "Choose a city of that province",
        ));
        return errors;
    }
    if !counties_of(city).iter().any(|c| c.code == county) {
        errors.push(FieldError::new(
            "county",
            "LOCATION_COUNTY",
            "请选择所在城市下的区县",
            "Choose a county of that city",
        ));
    }
    errors
}

/// AR10: an address must lie in the chosen province, i.e. name it or one
/// of its cities (通信地址 "必须属于备案省市区", 证件住所 "非本省").
pub fn address_in_province(address: &str, province: &str) -> bool {
    let Some(p) = province_by_code(province) else {
        return false;
    };
    address.contains(short_name(p.name_zh))
        || cities_of(province)
            .iter()
            .any(|c| address.contains(short_name(c.name)))
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

    #[test]
    fn cities_and_counties_nest() {
        assert!(cities_of("510000").iter().any(|c| c.name == "成都市"));
        assert!(counties_of("510100").iter().any(|c| c.name == "武侯区"));
        assert!(check_location("510000", "510100", "510107").is_empty());
        assert_eq!(
            check_location("510000", "440100", "440106")[0].rule,
            "LOCATION_CITY"
        );
        assert_eq!(
            check_location("510000", "510100", "440106")[0].rule,
            "LOCATION_COUNTY"
        );
        for p in PROVINCES {
            let cities = cities_of(p.code);
            assert!(!cities.is_empty(), "{} has no city", p.name_zh);
            for c in cities {
                assert!(!counties_of(c.code).is_empty(), "{} has no county", c.name);
            }
        }
    }

    #[test]
    fn addresses_are_matched_by_short_names() {
        assert_eq!(short_name("四川省"), "四川");
        assert_eq!(short_name("新疆维吾尔自治区"), "新疆");
        assert_eq!(short_name("城区"), "城区");
        assert!(address_in_province("成都市武侯区天府大道1号", "510000"));
        assert!(address_in_province("四川省成都市", "510000"));
        assert!(!address_in_province("广东省广州市天河区", "510000"));
        assert!(place_names().contains(&"武侯"));
    }
}
