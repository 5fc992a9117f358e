//! `beian check`: one verdict per `kind<TAB>value` line, so provider staff
//! can check a spreadsheet column before an import with the very rules the
//! wizard and the server apply.

use super::account::{is_valid_email, normalize_mobile};
use super::date::Date;
use super::domain_name::check_domain;
use super::icp_number::parse_icp_number;
use super::identity::{check_credit_code, check_org_code, check_resident_id};
use super::ip::check_ip_ranges;
use super::service::{check_app_package, check_bundle_id, check_cert_md5};
use super::site_name::{check_site_name, NameContext};

/// The kinds `beian check` understands.
pub const KINDS: &[&str] = &[
    "ric",
    "uscc",
    "orgcode",
    "icp",
    "domain",
    "ip",
    "mobile",
    "email",
    "sitename",
    "app_package",
    "bundle_id",
    "cert_md5",
];

/// Checks one value of a kind: `Ok(())` or the id of the rule it breaks.
pub fn check_value(kind: &str, value: &str, today: Date) -> Result<(), String> {
    let rule = |r: &str| Err(r.to_owned());
    match kind {
        "ric" => check_resident_id(value, today, None).map_err(|p| p.rule().to_owned()),
        "uscc" => check_credit_code(value).map_err(|p| p.rule().to_owned()),
        "orgcode" => check_org_code(value).map_err(str::to_owned),
        "icp" => parse_icp_number(value).map(|_| ()).map_err(str::to_owned),
        "domain" => check_domain(value).map(|_| ()).map_err(|e| e.rule),
        "ip" => check_ip_ranges(value, None).map(|_| ()).map_err(|e| e.rule),
        "mobile" => {
            if normalize_mobile(value).is_some() {
                Ok(())
            } else {
                rule("ACC_MOBILE_FORMAT")
            }
        }
        "email" => {
            if is_valid_email(value.trim()) {
                Ok(())
            } else {
                rule("ACC_EMAIL_FORMAT")
            }
        }
        "sitename" => {
            let ctx = NameContext {
                individual: false,
                national: false,
                subject_name: "",
            };
            match check_site_name(value, ctx).into_iter().find(|e| !e.warning) {
                Some(e) => Err(e.rule),
                None => Ok(()),
            }
        }
        "app_package" => check_app_package(value.trim()).map_err(str::to_owned),
        "bundle_id" => check_bundle_id(value.trim()).map_err(str::to_owned),
        "cert_md5" => check_cert_md5(value).map(|_| ()).map_err(str::to_owned),
        _ => rule("CHECK_UNKNOWN_KIND"),
    }
}

/// The output line for one input line: `value<TAB>valid|invalid<TAB>rule`,
/// with `-` as the rule of a valid value.
pub fn check_line(line: &str, today: Date) -> String {
    let line = line.trim_end_matches(['\r', '\n']);
    let Some((kind, value)) = line.split_once('\t') else {
        return format!("{line}\tinvalid\tCHECK_LINE_FORMAT");
    };
    match check_value(kind.trim(), value, today) {
        Ok(()) => format!("{value}\tvalid\t-"),
        Err(rule) => format!("{value}\tinvalid\t{rule}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_verdict_per_line() {
        let today = Date::new(2026, 11, 28).unwrap();
        let cases = [
            ("ric\t11010519491231002X", "11010519491231002X\tvalid\t-"),
            (
                "ric\t110105199001011234",
                "110105199001011234\tinvalid\tRIC_CHECKSUM",
            ),
            ("uscc\t91350100M000100Y43", "91350100M000100Y43\tvalid\t-"),
            ("orgcode\tD2143569-X", "D2143569-X\tvalid\t-"),
            (
                "icp\t川ICP备2022001273号",
                "川ICP备2022001273号\tinvalid\tICP_PREFIX",
            ),
            (
                "domain\twww.example.com",
                "www.example.com\tinvalid\tDOMAIN_WWW",
            ),
            ("ip\t10.0.0.1", "10.0.0.1\tinvalid\tIP_NOT_PUBLIC"),
            ("mobile\t13800138000", "13800138000\tvalid\t-"),
            (
                "email\tnot-an-email",
                "not-an-email\tinvalid\tACC_EMAIL_FORMAT",
            ),
            (
                "sitename\t中国蓝海",
                "中国蓝海\tinvalid\tSITENAME_NATIONAL_WORD",
            ),
            ("app_package\tcom.example.app", "com.example.app\tvalid\t-"),
            (
                "app_package\tcom.1example",
                "com.1example\tinvalid\tAPP_PACKAGE_FORMAT",
            ),
            (
                "bundle_id\tcom.example.my-app",
                "com.example.my-app\tvalid\t-",
            ),
            (
                "cert_md5\tA1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90",
                "A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90\tvalid\t-",
            ),
            ("cert_md5\tabc", "abc\tinvalid\tCERT_MD5_FORMAT"),
            ("phone\t123", "123\tinvalid\tCHECK_UNKNOWN_KIND"),
            ("no tab here", "no tab here\tinvalid\tCHECK_LINE_FORMAT"),
        ];
        for (input, expected) in cases {
            assert_eq!(check_line(input, today), expected);
        }
        for kind in KINDS {
            assert_ne!(
                check_value(kind, "", today),
                Err("CHECK_UNKNOWN_KIND".into())
            );
        }
    }
}
