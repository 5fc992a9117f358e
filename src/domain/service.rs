//! The kinds of service a filing carries (docs/domain.md §2.4.3): 网站,
//! APP, 小程序 and 快应用. They share a subject, principals, content,
//! 前置审批 and accesses; what differs is checked here: an app's platforms
//! with their package names and signing fingerprints, and a mini-program's
//! or quick app's platform and id. Every service of a subject draws its
//! number from one serial, and the kind adds its letter (`-2A`).

use serde::{Deserialize, Serialize};

use super::catalog::{self, Code};
use super::code_tables::tables;
use super::domain_name::check_host;
use super::field_error::FieldError;
use super::lang::Lang;
use super::text::{char_len, has_forbidden_chars, normalize_space};
use super::upload::DocumentRef;

/// What is filed: a website, or one of the kinds filed since 2023. Stored
/// by its `code()`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum ServiceKind {
    #[default]
    Website,
    App,
    MiniProgram,
    QuickApp,
}

impl ServiceKind {
    /// Every kind, in the order the wizard offers them.
    pub const ALL: [ServiceKind; 4] = [
        ServiceKind::Website,
        ServiceKind::App,
        ServiceKind::MiniProgram,
        ServiceKind::QuickApp,
    ];

    /// The code stored in the `site.kind` column and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            ServiceKind::Website => "web",
            ServiceKind::App => "app",
            ServiceKind::MiniProgram => "mini",
            ServiceKind::QuickApp => "quick",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<ServiceKind> {
        ServiceKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The letter its 备案号 ends with: `-1`, `-2A`, `-3X`, `-4K`.
    pub fn number_letter(self) -> &'static str {
        match self {
            ServiceKind::Website => "",
            ServiceKind::App => "A",
            ServiceKind::MiniProgram => "X",
            ServiceKind::QuickApp => "K",
        }
    }

    /// The kind a 备案号 suffix (`2A`) names.
    pub fn of_suffix(suffix: &str) -> ServiceKind {
        match suffix.chars().last() {
            Some('A') => ServiceKind::App,
            Some('X') => ServiceKind::MiniProgram,
            Some('K') => ServiceKind::QuickApp,
            _ => ServiceKind::Website,
        }
    }

    /// The kind a service's 备案号 names by its letter (`…号-2A` is an app).
    pub fn of_number(number: &str) -> ServiceKind {
        number
            .rsplit_once("号-")
            .map_or(ServiceKind::Website, |(_, suffix)| {
                ServiceKind::of_suffix(suffix)
            })
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ServiceKind::Website => lang.pick("网站", "Website"),
            ServiceKind::App => lang.pick("APP", "App"),
            ServiceKind::MiniProgram => lang.pick("小程序", "Mini-program"),
            ServiceKind::QuickApp => lang.pick("快应用", "Quick app"),
        }
    }

    /// The platforms a mini-program or quick app runs on; none for the others.
    pub fn platforms(self) -> &'static [Code] {
        match self {
            ServiceKind::MiniProgram => mini_program_platforms(),
            ServiceKind::QuickApp => quick_app_platforms(),
            _ => &[],
        }
    }
}

/// The systems an app is published for.
pub fn app_platforms() -> &'static [Code] {
    tables().app_platforms
}

/// The hosts of mini-programs.
pub fn mini_program_platforms() -> &'static [Code] {
    tables().mini_program_platforms
}

/// The phone makers' quick-app platforms.
pub fn quick_app_platforms() -> &'static [Code] {
    tables().quick_app_platforms
}

/// Most platforms, domains and SDKs one app lists.
pub const MAX_APP_PLATFORMS: usize = 4;
pub const MAX_APP_DOMAINS: usize = 20;
pub const MAX_APP_SDKS: usize = 50;

/// One platform an app is published for, with what identifies its build.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppPlatform {
    /// An `app_platforms()` code.
    pub platform: String,
    /// Android application id, HarmonyOS bundle name or iOS Bundle ID.
    pub package: String,
    /// The signing certificate's public key, as exported (PEM or hex).
    pub public_key: String,
    /// The signing certificate's fingerprint: SHA-1 on iOS, MD5 elsewhere.
    pub fingerprint: String,
}

/// A third-party SDK the app embeds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sdk {
    /// The SDK's provider (e.g. 某推送服务有限公司).
    pub provider: String,
    /// What it does (推送, 统计, 支付 …).
    pub kind: String,
}

/// What only an app carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppInfo {
    /// The app's icon, under the scans' 100 KB rules.
    pub icon: Option<DocumentRef>,
    pub platforms: Vec<AppPlatform>,
    /// The domains the app talks to, of any level.
    pub domains: Vec<String>,
    pub sdks: Vec<Sdk>,
}

/// What only a mini-program or quick app carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MiniProgram {
    /// A code of the kind's platform list.
    pub platform: String,
    /// Its id there: a WeChat AppID (`wx` and 16 hex digits), a quick
    /// app's package name, or another platform's id.
    pub app_id: String,
}

fn err(path: &str, rule: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new(path, rule, zh, en)
}

fn segments_ok(value: &str, segment_ok: impl Fn(&str) -> bool) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| segment_ok(p))
}

/// Android application id (also a HarmonyOS bundle name or a quick app's
/// package): at least two `.`-separated segments, each a letter and then
/// letters, digits or `_`. Returns the rule broken.
pub fn check_app_package(value: &str) -> Result<(), &'static str> {
    let ok = value.len() <= 255
        && segments_ok(value, |s| {
            let mut bytes = s.bytes();
            bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
                && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        });
    if ok {
        Ok(())
    } else {
        Err("APP_PACKAGE_FORMAT")
    }
}

/// iOS Bundle ID: reverse-DNS, at least two segments of letters, digits
/// and `-`, at most 155 characters.
pub fn check_bundle_id(value: &str) -> Result<(), &'static str> {
    let ok = value.len() <= 155
        && segments_ok(value, |s| {
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if ok {
        Ok(())
    } else {
        Err("BUNDLE_ID_FORMAT")
    }
}

/// A fingerprint of `bytes` bytes in its canonical form, upper-case hex
/// without separators, from either `2·bytes` hex digits or `bytes`
/// colon-separated pairs (as `keytool` prints it).
fn fingerprint(value: &str, bytes: usize) -> Option<String> {
    let value = value.trim();
    let hex: String = if value.contains(':') {
        let pairs: Vec<&str> = value.split(':').collect();
        if pairs.len() != bytes || pairs.iter().any(|p| p.len() != 2) {
            return None;
        }
        pairs.concat()
    } else {
        value.to_owned()
    };
    (hex.len() == 2 * bytes && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_uppercase())
}

/// Signature MD5: 32 hex digits, or 16 colon-separated bytes.
pub fn check_cert_md5(value: &str) -> Result<String, &'static str> {
    fingerprint(value, 16).ok_or("CERT_MD5_FORMAT")
}

/// Signature SHA-1: 40 hex digits, or 20 colon-separated bytes.
pub fn check_cert_sha1(value: &str) -> Result<String, &'static str> {
    fingerprint(value, 20).ok_or("CERT_SHA1_FORMAT")
}

/// A public key as exported: PEM armour and white space are dropped, and
/// what remains is 32–2048 characters of base64 or hex.
fn public_key_ok(value: &str) -> bool {
    let body: String = value
        .lines()
        .filter(|l| !l.trim_start().starts_with("-----"))
        .flat_map(|l| l.chars().filter(|c| !c.is_whitespace()))
        .collect();
    (32..=2048).contains(&body.len())
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// A WeChat AppID: `wx` and 16 lower-case hex digits.
fn wechat_app_id_ok(value: &str) -> bool {
    value.len() == 18
        && value.starts_with("wx")
        && value[2..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn short_text(out: &mut Vec<FieldError>, path: &str, value: &str, label: (&str, &str)) {
    let len = char_len(value.trim());
    if len == 0 {
        out.push(err(
            path,
            "TEXT_REQUIRED",
            &format!("请填写{}", label.0),
            &format!("Enter the {}", label.1),
        ));
    } else if !(2..=100).contains(&len) || has_forbidden_chars(value) {
        out.push(err(
            path,
            "TEXT_LENGTH",
            &format!("{}应为 2–100 个字，不含控制字符或 < >", label.0),
            &format!(
                "The {} has 2 to 100 characters without control characters or < >",
                label.1
            ),
        ));
    }
}

impl AppPlatform {
    /// Trims the identifiers and puts the fingerprint in its canonical form.
    fn normalize(&mut self) {
        self.package = self.package.trim().to_owned();
        self.public_key = self.public_key.trim().to_owned();
        let canonical = if self.platform == "IOS" {
            check_cert_sha1(&self.fingerprint)
        } else {
            check_cert_md5(&self.fingerprint)
        };
        self.fingerprint = canonical.unwrap_or_else(|_| self.fingerprint.trim().to_owned());
    }

    fn validate(&self, path: &str, out: &mut Vec<FieldError>) {
        let q = |field: &str| format!("{path}.{field}");
        let ios = self.platform == "IOS";
        if !catalog::is_offered(app_platforms(), &self.platform) {
            out.push(err(
                &q("platform"),
                "APP_PLATFORM",
                "请选择APP平台",
                "Choose the app's platform",
            ));
        }
        let package = match self.platform.as_str() {
            _ if self.package.is_empty() => Err("APP_PACKAGE_REQUIRED"),
            "IOS" => check_bundle_id(&self.package),
            "ANDROID" | "HARMONY" => check_app_package(&self.package),
            _ if (2..=255).contains(&self.package.len())
                && !self.package.contains(char::is_whitespace) =>
            {
                Ok(())
            }
            _ => Err("APP_PACKAGE_FORMAT"),
        };
        if let Err(rule) = package {
            let (zh, en) = match rule {
                "APP_PACKAGE_REQUIRED" if ios => ("请填写 Bundle ID", "Enter the Bundle ID"),
                "APP_PACKAGE_REQUIRED" => ("请填写包名", "Enter the package name"),
                "BUNDLE_ID_FORMAT" => (
                    "Bundle ID 格式不正确，应如 com.example.app（字母、数字、- 和 .）",
                    "Not a Bundle ID: like com.example.app (letters, digits, - and .)",
                ),
                _ => (
                    "包名格式不正确，应如 com.example.app：至少两段，每段以字母开头，只含字母、数字或 _",
                    "Not a package name: like com.example.app, two or more segments, each a letter then letters, digits or _",
                ),
            };
            out.push(err(&q("package"), rule, zh, en));
        }
        if !public_key_ok(&self.public_key) {
            out.push(err(
                &q("public_key"),
                "APP_PUBLIC_KEY",
                "请填写签名证书公钥（导出的 PEM 或十六进制内容，32–2048 个字符）",
                "Enter the signing certificate's public key (PEM or hex, 32 to 2048 characters)",
            ));
        }
        let fingerprint = if ios {
            check_cert_sha1(&self.fingerprint)
        } else {
            check_cert_md5(&self.fingerprint)
        };
        if let Err(rule) = fingerprint {
            let (zh, en) = if ios {
                (
                    "证书 SHA-1 指纹应为 40 位十六进制数，或以冒号分隔的 20 个字节",
                    "The SHA-1 fingerprint is 40 hex digits or 20 colon-separated bytes",
                )
            } else {
                (
                    "签名 MD5 应为 32 位十六进制数，或以冒号分隔的 16 个字节",
                    "The signature MD5 is 32 hex digits or 16 colon-separated bytes",
                )
            };
            out.push(err(&q("fingerprint"), rule, zh, en));
        }
    }
}

impl AppInfo {
    /// Canonical identifiers, fingerprints and domains, and trimmed SDKs.
    pub fn normalize(&mut self) {
        for platform in &mut self.platforms {
            platform.normalize();
        }
        for domain in &mut self.domains {
            if let Ok(host) = check_host(domain) {
                *domain = host;
            }
        }
        for sdk in &mut self.sdks {
            sdk.provider = normalize_space(&sdk.provider);
            sdk.kind = normalize_space(&sdk.kind);
        }
    }

    /// Every finding under `path` (`sites[1].app`).
    pub fn validate(&self, path: &str, out: &mut Vec<FieldError>) {
        let q = |field: &str| format!("{path}.{field}");
        if self.icon.is_none() {
            out.push(err(
                &q("icon"),
                "DOC_APP_ICON",
                "请上传APP图标",
                "Upload the app's icon",
            ));
        }
        if self.platforms.is_empty() || self.platforms.len() > MAX_APP_PLATFORMS {
            out.push(err(
                &q("platforms"),
                "APP_PLATFORMS_REQUIRED",
                "请填写 1–4 个APP平台",
                "List one to four platforms",
            ));
        }
        for (k, platform) in self.platforms.iter().enumerate() {
            let at = q(&format!("platforms[{k}]"));
            platform.validate(&at, out);
            if self.platforms[..k]
                .iter()
                .any(|other| other.platform == platform.platform)
            {
                out.push(err(
                    &format!("{at}.platform"),
                    "APP_PLATFORM_DUPLICATE",
                    "同一平台只能填写一次",
                    "Each platform appears once",
                ));
            }
        }
        if self.domains.is_empty() || self.domains.len() > MAX_APP_DOMAINS {
            out.push(err(
                &q("domains"),
                "APP_DOMAINS_REQUIRED",
                "请填写APP使用的域名（1–20 个，任意级别）",
                "List the domains the app uses (1 to 20, any level)",
            ));
        }
        for (j, domain) in self.domains.iter().enumerate() {
            if let Err(e) = check_host(domain) {
                out.push(e.at(&q(&format!("domains[{j}]"))));
            }
        }
        if self.sdks.len() > MAX_APP_SDKS {
            out.push(err(
                &q("sdks"),
                "APP_SDKS_TOO_MANY",
                "最多填写 50 个SDK",
                "At most 50 SDKs",
            ));
        }
        for (k, sdk) in self.sdks.iter().enumerate() {
            short_text(
                out,
                &q(&format!("sdks[{k}].provider")),
                &sdk.provider,
                ("SDK提供方", "SDK provider"),
            );
            short_text(
                out,
                &q(&format!("sdks[{k}].kind")),
                &sdk.kind,
                ("SDK类型", "SDK type"),
            );
        }
    }

    /// The package names and Bundle IDs, for the public lookup.
    pub fn packages(&self) -> Vec<String> {
        self.platforms
            .iter()
            .map(|p| p.package.clone())
            .filter(|p| !p.is_empty())
            .collect()
    }
}

impl MiniProgram {
    pub fn normalize(&mut self) {
        self.app_id = self.app_id.trim().to_owned();
    }

    /// Every finding under `path` (`sites[2].mini`) for a service of `kind`.
    pub fn validate(&self, kind: ServiceKind, path: &str, out: &mut Vec<FieldError>) {
        let q = |field: &str| format!("{path}.{field}");
        let (zh, en) = (kind.label(Lang::Zh), kind.label(Lang::En).to_lowercase());
        if !catalog::is_offered(kind.platforms(), &self.platform) {
            out.push(err(
                &q("platform"),
                "MINI_PLATFORM",
                &format!("请选择{zh}所在平台"),
                &format!("Choose the {en}'s platform"),
            ));
        }
        let id = self.app_id.as_str();
        let problem = if id.is_empty() {
            Some((
                "MINI_ID_REQUIRED",
                format!("请填写{zh}在平台上的ID"),
                format!("Enter the {en}'s id on its platform"),
            ))
        } else if kind == ServiceKind::QuickApp && check_app_package(id).is_err() {
            Some((
                "APP_PACKAGE_FORMAT",
                "快应用包名格式不正确，应如 com.example.quick".to_owned(),
                "Not a quick app package name: like com.example.quick".to_owned(),
            ))
        } else if kind == ServiceKind::MiniProgram
            && self.platform == "WECHAT"
            && !wechat_app_id_ok(id)
        {
            Some((
                "MINI_WECHAT_APPID",
                "微信小程序 AppID 应为 wx 加 16 位小写十六进制数".to_owned(),
                "A WeChat AppID is wx and 16 lower-case hex digits".to_owned(),
            ))
        } else if !(2..=64).contains(&id.len())
            || !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        {
            Some((
                "MINI_ID_FORMAT",
                "ID 应为 2–64 个字母、数字、_、- 或 .".to_owned(),
                "An id has 2 to 64 letters, digits, _, - or .".to_owned(),
            ))
        } else {
            None
        };
        if let Some((rule, zh, en)) = problem {
            out.push(err(&q("app_id"), rule, &zh, &en));
        }
    }
}

super::code::stored_as_code!(ServiceKind);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kinds_round_trip_and_letter_their_numbers() {
        for kind in ServiceKind::ALL {
            assert_eq!(ServiceKind::from_code(kind.code()), Some(kind));
            assert_eq!(
                ServiceKind::of_suffix(&format!("3{}", kind.number_letter())),
                kind
            );
        }
        assert_eq!(ServiceKind::from_code("bogus"), None);
        assert_eq!(ServiceKind::App.number_letter(), "A");
        assert_eq!(
            ServiceKind::of_number("蜀ICP备2026000001号-12X"),
            ServiceKind::MiniProgram
        );
        assert_eq!(
            ServiceKind::of_number("蜀ICP备2026000001号-3"),
            ServiceKind::Website
        );
    }

    #[test]
    fn package_names_follow_the_android_rule() {
        assert_eq!(check_app_package("com.example.app"), Ok(()));
        assert_eq!(check_app_package("cn.gov.app_2"), Ok(()));
        for bad in [
            "example",
            "com..app",
            "com.1app",
            ".com.app",
            "com.app-x",
            "",
        ] {
            assert_eq!(check_app_package(bad), Err("APP_PACKAGE_FORMAT"), "{bad}");
        }
        assert_eq!(check_bundle_id("com.example.my-app"), Ok(()));
        assert_eq!(
            check_bundle_id("com.example.app_x"),
            Err("BUNDLE_ID_FORMAT")
        );
        assert_eq!(check_bundle_id("app"), Err("BUNDLE_ID_FORMAT"));
    }

    #[test]
    fn fingerprints_take_both_spellings() {
        let plain = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
        assert_eq!(
            check_cert_md5(plain),
            Ok("A1B2C3D4E5F60718293A4B5C6D7E8F90".into())
        );
        let pairs = "A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90";
        assert_eq!(check_cert_md5(pairs), check_cert_md5(plain));
        assert_eq!(check_cert_md5(&plain[1..]), Err("CERT_MD5_FORMAT"));
        assert_eq!(check_cert_md5("A1:B2C3"), Err("CERT_MD5_FORMAT"));
        assert_eq!(
            check_cert_md5(&plain.replace('a', "g")),
            Err("CERT_MD5_FORMAT")
        );
        assert!(check_cert_sha1(&"0f".repeat(20)).is_ok());
        assert_eq!(check_cert_sha1(plain), Err("CERT_SHA1_FORMAT"));
    }

    fn android() -> AppPlatform {
        AppPlatform {
            platform: "ANDROID".into(),
            package: "com.example.app".into(),
            public_key: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".into(),
            fingerprint: "a1b2c3d4e5f60718293a4b5c6d7e8f90".into(),
        }
    }

    fn rules(app: &AppInfo) -> Vec<(String, String)> {
        let mut out = Vec::new();
        app.validate("sites[1].app", &mut out);
        out.into_iter().map(|e| (e.field, e.rule)).collect()
    }

    #[test]
    fn an_app_needs_its_icon_a_platform_and_its_domains() {
        let mut app = AppInfo {
            icon: Some(DocumentRef {
                id: 1,
                name: "icon.png".into(),
            }),
            platforms: vec![android()],
            domains: vec!["api.example.com".into()],
            sdks: vec![Sdk {
                provider: "某推送服务有限公司".into(),
                kind: "推送".into(),
            }],
        };
        assert!(rules(&app).is_empty(), "{:?}", rules(&app));
        let mut ios = android();
        ios.platform = "IOS".into();
        ios.package = "com.example.app".into();
        app.platforms.push(ios.clone());
        assert_eq!(
            rules(&app),
            [(
                "sites[1].app.platforms[1].fingerprint".to_owned(),
                "CERT_SHA1_FORMAT".to_owned()
            )]
        );
        app.platforms[1].fingerprint = "ab".repeat(20);
        app.platforms.push(android());
        assert_eq!(
            rules(&app),
            [(
                "sites[1].app.platforms[2].platform".to_owned(),
                "APP_PLATFORM_DUPLICATE".to_owned()
            )]
        );
        let empty = AppInfo::default();
        let found: Vec<String> = rules(&empty).into_iter().map(|(_, r)| r).collect();
        assert_eq!(
            found,
            [
                "DOC_APP_ICON",
                "APP_PLATFORMS_REQUIRED",
                "APP_DOMAINS_REQUIRED"
            ]
        );
    }

    #[test]
    fn normalising_makes_fingerprints_canonical() {
        let mut app = AppInfo {
            platforms: vec![AppPlatform {
                fingerprint: " a1:b2:c3:d4:e5:f6:07:18:29:3a:4b:5c:6d:7e:8f:90 ".into(),
                ..android()
            }],
            domains: vec!["API.Example.COM".into()],
            ..AppInfo::default()
        };
        app.normalize();
        assert_eq!(
            app.platforms[0].fingerprint,
            "A1B2C3D4E5F60718293A4B5C6D7E8F90"
        );
        assert_eq!(app.domains, ["api.example.com"]);
        let once = app.clone();
        app.normalize();
        assert_eq!(app, once);
    }

    #[test]
    fn mini_programs_and_quick_apps_name_their_platform_id() {
        let check = |kind, platform: &str, id: &str| {
            let mut out = Vec::new();
            MiniProgram {
                platform: platform.into(),
                app_id: id.into(),
            }
            .validate(kind, "sites[0].mini", &mut out);
            out.into_iter().map(|e| e.rule).collect::<Vec<_>>()
        };
        let mini = ServiceKind::MiniProgram;
        assert!(check(mini, "WECHAT", "wx0123456789abcdef").is_empty());
        assert_eq!(check(mini, "WECHAT", "wx0123"), ["MINI_WECHAT_APPID"]);
        assert!(check(mini, "ALIPAY", "2021001234567890").is_empty());
        assert_eq!(check(mini, "HUAWEI", "2021001"), ["MINI_PLATFORM"]);
        assert_eq!(check(mini, "BAIDU", ""), ["MINI_ID_REQUIRED"]);
        let quick = ServiceKind::QuickApp;
        assert!(check(quick, "HUAWEI", "com.example.quick").is_empty());
        assert_eq!(check(quick, "VIVO", "quick"), ["APP_PACKAGE_FORMAT"]);
        assert_eq!(
            check(quick, "WECHAT", "com.example.quick"),
            ["MINI_PLATFORM"],
            "a quick app's id is its package, whatever the platform"
        );
    }

    proptest! {
        #[test]
        fn a_canonical_fingerprint_is_accepted_again(bytes in proptest::collection::vec(any::<u8>(), 16)) {
            let pairs: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let canonical = check_cert_md5(&pairs.join(":")).unwrap();
            prop_assert_eq!(check_cert_md5(&canonical), Ok(canonical.clone()));
            prop_assert_eq!(check_cert_md5(&pairs.concat()), Ok(canonical));
        }

        #[test]
        fn well_formed_packages_pass(segments in proptest::collection::vec("[a-z][a-z0-9_]{0,8}", 2..5)) {
            prop_assert_eq!(check_app_package(&segments.join(".")), Ok(()));
        }

        #[test]
        fn no_input_panics(text in "\\PC{0,60}") {
            let _ = check_app_package(&text);
            let _ = check_bundle_id(&text);
            let _ = check_cert_md5(&text);
            let _ = check_cert_sha1(&text);
            let _ = public_key_ok(&text);
        }
    }
}
