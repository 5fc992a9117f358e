//! Account rules (docs/domain.md §2.1, §4.5, §4.6): registration and accounts
//! created by the administrator.

use serde::{Deserialize, Serialize};

/// Whether an account may sign in. Stored by its `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum AccountStatus {
    /// 启用.
    Active,
    /// 停用: signs in no more; its sessions ended when it was disabled.
    Disabled,
}

impl AccountStatus {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Disabled => "disabled",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<AccountStatus> {
        [AccountStatus::Active, AccountStatus::Disabled]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

super::code::stored_as_code!(AccountStatus);

use super::catalog::{is_offered, pre_approval_types};
use super::field_error::FieldError;
use super::region::province_by_code;
use super::role::Role;
use super::text::{char_len, has_forbidden_chars, normalize_space};

/// Whether a filer registers as an organisation (单位) or a person (个人).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilerKind {
    /// 单位
    Organisation,
    /// 个人
    Person,
}

impl FilerKind {
    /// Stable code used in forms and the database.
    pub fn code(self) -> &'static str {
        match self {
            FilerKind::Organisation => "org",
            FilerKind::Person => "person",
        }
    }

    /// Parses a submitted code.
    pub fn from_code(code: &str) -> Option<FilerKind> {
        match code {
            "org" => Some(FilerKind::Organisation),
            "person" => Some(FilerKind::Person),
            _ => None,
        }
    }
}

/// Login names are case-insensitive: this is the form stored and compared.
pub fn canonical_username(value: &str) -> String {
    value.trim().to_ascii_lowercase()
}

/// 用户名: 4–32 letters, digits or underscores.
pub fn check_username(value: &str) -> Option<FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Some(FieldError::new(
            "username",
            "ACC_USERNAME_REQUIRED",
            "请填写用户名",
            "Enter a username",
        ));
    }
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Some(FieldError::new(
            "username",
            "ACC_USERNAME_CHARS",
            "用户名只能包含字母、数字和下划线",
            "Use only letters, digits and underscores",
        ));
    }
    if !(4..=32).contains(&value.len()) {
        return Some(FieldError::new(
            "username",
            "ACC_USERNAME_LENGTH",
            "用户名长度应为 4–32 个字符",
            "A username has 4 to 32 characters",
        ));
    }
    None
}

/// 密码: 8–128 characters with at least one letter and one digit, and not
/// the username itself.
pub fn check_password(password: &str, username: &str) -> Option<FieldError> {
    let len = char_len(password);
    if len == 0 {
        return Some(FieldError::new(
            "password",
            "ACC_PASSWORD_REQUIRED",
            "请填写密码",
            "Enter a password",
        ));
    }
    if !(8..=128).contains(&len) {
        return Some(FieldError::new(
            "password",
            "ACC_PASSWORD_LENGTH",
            "密码长度应为 8–128 个字符",
            "A password has 8 to 128 characters",
        ));
    }
    let has_letter = password.chars().any(|c| c.is_alphabetic());
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    if !has_letter || !has_digit {
        return Some(FieldError::new(
            "password",
            "ACC_PASSWORD_WEAK",
            "密码须同时包含字母和数字",
            "Use both letters and digits",
        ));
    }
    if !username.trim().is_empty() && canonical_username(password) == canonical_username(username) {
        return Some(FieldError::new(
            "password",
            "ACC_PASSWORD_IS_USERNAME",
            "密码不能与用户名相同",
            "The password must differ from the username",
        ));
    }
    None
}

/// 确认密码 must repeat the password exactly.
pub fn check_password_confirm(password: &str, confirm: &str) -> Option<FieldError> {
    if password != confirm {
        return Some(FieldError::new(
            "password_confirm",
            "ACC_PASSWORD_MISMATCH",
            "两次输入的密码不一致",
            "The two passwords differ",
        ));
    }
    None
}

/// 真实姓名: 2–30 characters, no markup or control characters.
pub fn check_real_name(value: &str) -> Option<FieldError> {
    let value = normalize_space(value);
    if value.is_empty() {
        return Some(FieldError::new(
            "real_name",
            "ACC_NAME_REQUIRED",
            "请填写真实姓名",
            "Enter your real name",
        ));
    }
    if has_forbidden_chars(&value) {
        return Some(FieldError::new(
            "real_name",
            "ACC_NAME_CHARS",
            "姓名不能包含 < > 或控制字符",
            "A name cannot contain < > or control characters",
        ));
    }
    if !(2..=30).contains(&char_len(&value)) {
        return Some(FieldError::new(
            "real_name",
            "ACC_NAME_LENGTH",
            "姓名长度应为 2–30 个字",
            "A name has 2 to 30 characters",
        ));
    }
    None
}

/// Normalises a mainland mobile number to its 11 digits, accepting an
/// optional `+86`/`86` prefix and spaces or dashes; `None` when invalid.
pub fn normalize_mobile(value: &str) -> Option<String> {
    let compact: String = value.chars().filter(|c| *c != ' ' && *c != '-').collect();
    let digits = compact
        .strip_prefix("+86")
        .or_else(|| compact.strip_prefix("86").filter(|rest| rest.len() == 11))
        .unwrap_or(&compact);
    let bytes = digits.as_bytes();
    let valid = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    valid.then(|| digits.to_owned())
}

/// 手机号码: a mainland mobile number (docs/domain.md §4.5).
pub fn check_mobile(value: &str) -> Option<FieldError> {
    if value.trim().is_empty() {
        return Some(FieldError::new(
            "mobile",
            "ACC_MOBILE_REQUIRED",
            "请填写手机号码",
            "Enter a mobile number",
        ));
    }
    if normalize_mobile(value).is_none() {
        return Some(FieldError::new(
            "mobile",
            "ACC_MOBILE_FORMAT",
            "手机号码应为 11 位数字，以 1 开头，如 13800138000",
            "A mobile number has 11 digits starting with 1, e.g. 13800138000",
        ));
    }
    None
}

/// True for an address of the docs/domain.md §4.6 shape.
pub fn is_valid_email(value: &str) -> bool {
    if value.len() > 254 {
        return false;
    }
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let local_ok = (1..=64).contains(&local.len())
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_ok = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    let tld = labels.last().copied().unwrap_or("");
    local_ok && labels_ok && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// 电子邮箱 (docs/domain.md §4.6).
pub fn check_email(value: &str) -> Option<FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Some(FieldError::new(
            "email",
            "ACC_EMAIL_REQUIRED",
            "请填写电子邮箱",
            "Enter an e-mail address",
        ));
    }
    if !is_valid_email(value) {
        return Some(FieldError::new(
            "email",
            "ACC_EMAIL_FORMAT",
            "电子邮箱格式不正确，如 name@example.com",
            "Enter an address like name@example.com",
        ));
    }
    None
}

/// The version of the two registration agreements' text. Raise it with
/// any change to that text: an acceptance of an older text no longer opens
/// the form, and each account records the version its holder accepted.
pub const AGREEMENTS_VERSION: &str = "2026-12";

/// The two agreement screens (注册协议), in the order they are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Agreement {
    /// 服务条款.
    Terms,
    /// 信息真实性与个人信息保护.
    Privacy,
}

/// How far a visitor has accepted the agreements: kept in their session
/// from the first screen to the registration form, so the form opens only
/// after both, and no address skips a screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    /// The `AGREEMENTS_VERSION` shown when the screens were accepted.
    pub version: String,
    /// When 服务条款 was accepted (Unix seconds).
    pub terms_at: Option<i64>,
    /// When 信息真实性与个人信息保护 was accepted (Unix seconds).
    pub privacy_at: Option<i64>,
}

impl Acceptance {
    /// Records `agreement` accepted at `at`. The terms start a fresh
    /// acceptance; the second screen counts only after the first of the
    /// version in force, so `false` means "start again at the first".
    pub fn accept(&mut self, agreement: Agreement, at: i64) -> bool {
        match agreement {
            Agreement::Terms => {
                *self = Acceptance {
                    version: AGREEMENTS_VERSION.to_owned(),
                    terms_at: Some(at),
                    privacy_at: None,
                };
                true
            }
            Agreement::Privacy if self.is_current() && self.terms_at.is_some() => {
                self.privacy_at = Some(at);
                true
            }
            Agreement::Privacy => false,
        }
    }

    /// When the last of both screens was accepted, if both were, of the
    /// version in force.
    pub fn completed_at(&self) -> Option<i64> {
        self.is_current()
            .then_some(())
            .and(self.terms_at)
            .and(self.privacy_at)
    }

    fn is_current(&self) -> bool {
        self.version == AGREEMENTS_VERSION
    }
}

/// What a filer submits on the registration form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub username: String,
    pub password: String,
    pub password_confirm: String,
    pub real_name: String,
    pub mobile: String,
    pub email: String,
    /// `org` or `person`; empty when nothing was chosen.
    pub kind: String,
    /// Both agreement screens were accepted (接受).
    pub accepted_agreements: bool,
}

impl Registration {
    /// Every broken rule, one per field at most, in form order.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !self.accepted_agreements {
            errors.push(FieldError::new(
                "agreements",
                "ACC_AGREEMENTS_REQUIRED",
                "请先阅读并接受注册协议",
                "Read and accept the agreements first",
            ));
        }
        errors.extend(check_username(&self.username));
        errors.extend(check_password(&self.password, &self.username));
        errors.extend(check_password_confirm(
            &self.password,
            &self.password_confirm,
        ));
        errors.extend(check_real_name(&self.real_name));
        errors.extend(check_mobile(&self.mobile));
        errors.extend(check_email(&self.email));
        if FilerKind::from_code(&self.kind).is_none() {
            errors.push(FieldError::new(
                "kind",
                "ACC_KIND_REQUIRED",
                "请选择单位或个人",
                "Choose organisation or person",
            ));
        }
        errors
    }
}

/// 修改密码: the current password and the new one twice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    pub current_password: String,
    pub password: String,
    pub password_confirm: String,
}

impl PasswordChange {
    /// Every broken rule, one per field at most. Whether the current
    /// password is right only the server can tell.
    pub fn validate(&self, username: &str) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.current_password.is_empty() {
            errors.push(FieldError::new(
                "current_password",
                "ACC_CURRENT_PASSWORD_REQUIRED",
                "请填写当前密码",
                "Enter your current password",
            ));
        }
        match check_password(&self.password, username) {
            Some(error) => errors.push(error),
            None if self.password == self.current_password => errors.push(FieldError::new(
                "password",
                "ACC_PASSWORD_UNCHANGED",
                "新密码不能与当前密码相同",
                "The new password must differ from the current one",
            )),
            None => {}
        }
        errors.extend(check_password_confirm(
            &self.password,
            &self.password_confirm,
        ));
        errors
    }
}

/// An account the administrator creates (any role but a self-registered filer).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    pub username: String,
    pub password: String,
    pub real_name: String,
    /// Optional for staff accounts; checked when given.
    pub mobile: String,
    /// Optional for staff accounts; checked when given.
    pub email: String,
    /// A `Role::code()`.
    pub role: String,
    /// GB/T 2260 province code; required for a 管局 reviewer, optional for
    /// a pre-approval authority (which then sees only that province).
    pub province: String,
    /// The 前置审批 type codes a pre-approval authority decides (at least
    /// one); it sees only applications carrying one of them.
    #[serde(default)]
    pub pre_approval_kinds: Vec<String>,
}

impl NewAccount {
    /// Every broken rule, one per field at most, in form order.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(check_username(&self.username));
        errors.extend(check_password(&self.password, &self.username));
        errors.extend(check_real_name(&self.real_name));
        if !self.mobile.trim().is_empty() {
            errors.extend(check_mobile(&self.mobile));
        }
        if !self.email.trim().is_empty() {
            errors.extend(check_email(&self.email));
        }
        match Role::from_code(&self.role) {
            None => errors.push(FieldError::new(
                "role",
                "ACC_ROLE_REQUIRED",
                "请选择角色",
                "Choose a role",
            )),
            Some(Role::Filer) => errors.push(FieldError::new(
                "role",
                "ACC_ROLE_FILER_SELF_REGISTERS",
                "网站主办者请自行注册",
                "Filers register themselves",
            )),
            Some(role) if role.needs_province() => {
                if province_by_code(self.province.trim()).is_none() {
                    errors.push(FieldError::new(
                        "province",
                        "ACC_PROVINCE_REQUIRED",
                        "管局审核人员须选择所属省份",
                        "A bureau reviewer needs a province",
                    ));
                }
            }
            Some(Role::PreApprovalAuthority) => {
                if !self.province.trim().is_empty()
                    && province_by_code(self.province.trim()).is_none()
                {
                    errors.push(FieldError::new(
                        "province",
                        "ACC_PROVINCE_UNKNOWN",
                        "请选择有效的省份，或留空表示全国",
                        "Choose a valid province, or none for the whole country",
                    ));
                }
                let known = |k: &String| is_offered(pre_approval_types(), k);
                if self.pre_approval_kinds.is_empty() || !self.pre_approval_kinds.iter().all(known)
                {
                    errors.push(FieldError::new(
                        "pre_approval_kinds",
                        "ACC_PRE_APPROVAL_KINDS",
                        "前置审批部门须选择其审批的前置审批类型",
                        "A pre-approval authority needs the pre-approval types it decides",
                    ));
                }
            }
            Some(_) => {
                if !self.province.trim().is_empty() {
                    errors.push(FieldError::new(
                        "province",
                        "ACC_PROVINCE_NOT_APPLICABLE",
                        "只有管局审核人员和前置审批部门绑定省份",
                        "Only bureau reviewers and pre-approval authorities are bound to a province",
                    ));
                }
            }
        }
        if Role::from_code(&self.role) != Some(Role::PreApprovalAuthority)
            && !self.pre_approval_kinds.is_empty()
        {
            errors.push(FieldError::new(
                "pre_approval_kinds",
                "ACC_PRE_APPROVAL_KINDS_NOT_APPLICABLE",
                "只有前置审批部门选择前置审批类型",
                "Only pre-approval authorities decide pre-approval types",
            ));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_opens_only_after_both_agreements_of_the_version_in_force() {
        let mut acceptance = Acceptance::default();
        assert!(
            !acceptance.accept(Agreement::Privacy, 10),
            "the second screen needs the first"
        );
        assert_eq!(acceptance.completed_at(), None);
        assert!(acceptance.accept(Agreement::Terms, 20));
        assert_eq!(acceptance.completed_at(), None, "one screen is not enough");
        assert!(acceptance.accept(Agreement::Privacy, 30));
        assert_eq!(acceptance.completed_at(), Some(30));

        // Accepting the first screen again starts over.
        assert!(acceptance.accept(Agreement::Terms, 40));
        assert_eq!(acceptance.completed_at(), None);

        // An acceptance of an older text counts for nothing.
        let old = Acceptance {
            version: "2010-01".into(),
            terms_at: Some(1),
            privacy_at: Some(2),
        };
        assert_eq!(old.completed_at(), None);
        let mut old_terms = Acceptance {
            privacy_at: None,
            ..old
        };
        assert!(!old_terms.accept(Agreement::Privacy, 3));
    }

    #[test]
    fn a_password_change_needs_the_current_one_and_a_new_strong_different_one() {
        let change = |current: &str, new: &str, confirm: &str| {
            PasswordChange {
                current_password: current.into(),
                password: new.into(),
                password_confirm: confirm.into(),
            }
            .validate("filer_a")
            .into_iter()
            .map(|e| e.rule)
            .collect::<Vec<_>>()
        };
        assert!(change("Old2026pass", "New2026pass", "New2026pass").is_empty());
        assert_eq!(
            change("", "New2026pass", "New2026pass"),
            ["ACC_CURRENT_PASSWORD_REQUIRED"]
        );
        assert_eq!(
            change("Same2026pass", "Same2026pass", "Same2026pass"),
            ["ACC_PASSWORD_UNCHANGED"]
        );
        assert_eq!(
            change("Old2026pass", "short1", "short1"),
            ["ACC_PASSWORD_LENGTH"]
        );
        assert_eq!(
            change("Old2026pass", "New2026pass", "New2026pasS"),
            ["ACC_PASSWORD_MISMATCH"]
        );
    }
    use proptest::prelude::*;

    fn valid_registration() -> Registration {
        Registration {
            username: "zhang_san".into(),
            password: "Secret123".into(),
            password_confirm: "Secret123".into(),
            real_name: "张三".into(),
            mobile: "13800138000".into(),
            email: "zhangsan@example.com".into(),
            kind: "person".into(),
            accepted_agreements: true,
        }
    }

    fn rules(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.rule.as_str()).collect()
    }

    #[test]
    fn a_complete_registration_passes() {
        assert!(valid_registration().validate().is_empty());
    }

    #[test]
    fn each_field_reports_its_own_rule() {
        let r = Registration {
            username: "ab".into(),
            password: "short".into(),
            password_confirm: "other".into(),
            real_name: "<b>".into(),
            mobile: "12345".into(),
            email: "nobody".into(),
            kind: "".into(),
            accepted_agreements: false,
        };
        assert_eq!(
            rules(&r.validate()),
            vec![
                "ACC_AGREEMENTS_REQUIRED",
                "ACC_USERNAME_LENGTH",
                "ACC_PASSWORD_LENGTH",
                "ACC_PASSWORD_MISMATCH",
                "ACC_NAME_CHARS",
                "ACC_MOBILE_FORMAT",
                "ACC_EMAIL_FORMAT",
                "ACC_KIND_REQUIRED",
            ]
        );
    }

    #[test]
    fn username_rules() {
        assert_eq!(
            check_username("用户名字").unwrap().rule,
            "ACC_USERNAME_CHARS"
        );
        assert_eq!(check_username("a-b-c").unwrap().rule, "ACC_USERNAME_CHARS");
        assert_eq!(
            check_username(&"a".repeat(33)).unwrap().rule,
            "ACC_USERNAME_LENGTH"
        );
        assert!(check_username("User_01").is_none());
        assert_eq!(canonical_username(" User_01 "), "user_01");
    }

    #[test]
    fn password_rules() {
        assert_eq!(
            check_password("abcdefgh", "u").unwrap().rule,
            "ACC_PASSWORD_WEAK"
        );
        assert_eq!(
            check_password("12345678", "u").unwrap().rule,
            "ACC_PASSWORD_WEAK"
        );
        assert_eq!(
            check_password("Admin1234", "admin1234").unwrap().rule,
            "ACC_PASSWORD_IS_USERNAME"
        );
        assert!(check_password("密码abc12345", "u").is_none());
    }

    #[test]
    fn mobile_numbers_are_normalised() {
        assert_eq!(
            normalize_mobile("+86 138-0013-8000").as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            normalize_mobile("8613800138000").as_deref(),
            Some("13800138000")
        );
        assert_eq!(normalize_mobile("12800138000"), None);
        assert_eq!(normalize_mobile("1380013800"), None);
        assert_eq!(normalize_mobile("１3800138000"), None);
    }

    #[test]
    fn email_shapes() {
        assert!(is_valid_email("a.b+c@mail.example.cn"));
        assert!(!is_valid_email("a@b"));
        assert!(!is_valid_email("a@b.c"));
        assert!(!is_valid_email("a b@example.com"));
        assert!(!is_valid_email("@example.com"));
        assert!(!is_valid_email("a@.com"));
    }

    #[test]
    fn admin_accounts_bind_reviewers_to_a_province() {
        let mut a = NewAccount {
            username: "sc_reviewer".into(),
            password: "Review2026".into(),
            real_name: "李四".into(),
            role: "bureau_reviewer".into(),
            ..Default::default()
        };
        assert_eq!(rules(&a.validate()), vec!["ACC_PROVINCE_REQUIRED"]);
        a.province = "510000".into();
        assert!(a.validate().is_empty());
        a.role = "provider_staff".into();
        assert_eq!(rules(&a.validate()), vec!["ACC_PROVINCE_NOT_APPLICABLE"]);
        a.role = "filer".into();
        a.province.clear();
        assert_eq!(rules(&a.validate()), vec!["ACC_ROLE_FILER_SELF_REGISTERS"]);
    }

    proptest! {
        #[test]
        fn normalised_mobiles_are_valid_and_stable(s in "\\PC{0,20}") {
            if let Some(m) = normalize_mobile(&s) {
                prop_assert_eq!(m.len(), 11);
                prop_assert_eq!(normalize_mobile(&m), Some(m.clone()));
                prop_assert!(check_mobile(&m).is_none());
            }
        }

        #[test]
        fn validators_never_panic(s in "\\PC{0,300}") {
            let _ = check_username(&s);
            let _ = check_password(&s, &s);
            let _ = check_real_name(&s);
            let _ = check_email(&s);
        }

        #[test]
        fn valid_usernames_pass(s in "[A-Za-z0-9_]{4,32}") {
            prop_assert!(check_username(&s).is_none());
        }
    }
}
