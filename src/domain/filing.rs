//! The filing (备案信息) as the wizard edits it: a subject with its
//! principal, and up to ten sites each with domains, content, pre-approval
//! items, a principal and accesses. `Filing::validate` applies every rule of
//! docs/domain.md §2 and §4 (AR01, AR02, AR10, AR11 of §3.3) and reports each
//! finding at its path, e.g. `sites[1].domains[0]`.

use serde::{Deserialize, Serialize};

use super::account::{is_valid_email, normalize_mobile};
use super::catalog::{
    self, access_modes, content_needs_pre_approval, individual_content, languages,
    pre_approval_types, service_content, CONTENT_OTHER,
};
use super::certificate::{
    cert_type_by_code, check_cert_number, credit_category_warning, nature_by_code,
};
use super::date::Date;
use super::domain_name::{check_domain, check_home_url, normalize_domain};
use super::field_error::FieldError;
use super::identity::normalize_code;
use super::ip::{check_ip_ranges, IpBlock};
use super::lang::Lang;
use super::phone::normalize_any_phone;
use super::region::{address_in_province, check_location, province_by_code};
use super::service::{AppInfo, MiniProgram, ServiceKind};
use super::site_name::{check_site_name, NameContext};
use super::text::{char_len, has_forbidden_chars, normalize_space};
use super::upload::DocumentRef;

/// Most sites in one application (docs/domain.md §2.4).
pub const MAX_SITES: usize = 10;
/// Most domains per site.
pub const MAX_DOMAINS: usize = 10;
/// Certificates must stay valid this many days after submission (a common reason for returns).
pub const MIN_CERT_VALIDITY_DAYS: i64 = 90;

/// A 负责人 (主体负责人 or 网站负责人), docs/domain.md §2.3.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// 姓名.
    pub name: String,
    /// 有效证件类型 (a personal certificate type code).
    pub cert_type: String,
    /// 有效证件号码.
    pub cert_number: String,
    /// 证件有效期 start, `YYYY-MM-DD`.
    pub valid_from: String,
    /// 证件有效期 end, `YYYY-MM-DD` (empty when long-term).
    pub valid_to: String,
    /// 长期有效.
    pub long_term: bool,
    /// 办公电话.
    pub office_phone: String,
    /// 手机号码.
    pub mobile: String,
    /// 应急联系电话.
    pub emergency_phone: String,
    /// 电子邮箱.
    pub email: String,
    /// 证件扫描件.
    pub cert_scan: Option<DocumentRef>,
}

/// 主办单位信息 (docs/domain.md §2.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subject {
    /// 所在省 (GB/T 2260), which decides the 管局.
    pub province: String,
    /// 所在市.
    pub city: String,
    /// 所在区县.
    pub county: String,
    /// 单位性质 code.
    pub nature: String,
    /// 证件类型 code.
    pub cert_type: String,
    /// 证件号码.
    pub cert_number: String,
    /// 主办单位名称.
    pub name: String,
    /// 证件住所.
    pub cert_address: String,
    /// 通信地址.
    pub mail_address: String,
    /// 投资人或主管单位 (several separated by `;`).
    pub investor: String,
    /// 备注.
    pub remark: String,
    /// 主体负责人.
    pub principal: Person,
    /// 主办单位证件扫描件 (organisations).
    pub cert_scan: Option<DocumentRef>,
    /// The 主体负责人 is not the legal representative and acts by the
    /// representative's authorisation (a province may then ask for it).
    pub principal_by_authorisation: bool,
    /// 授权书: that authorisation, scanned.
    pub authorisation: Option<DocumentRef>,
    /// 《网站备案信息真实性承诺书》, signed and scanned, where the province
    /// asks for it (`Rule::CommitmentLetter`).
    pub commitment: Option<DocumentRef>,
}

/// A 前置审批 item (docs/domain.md §2.5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PreApproval {
    /// The pre-approval type code.
    pub kind: String,
    /// 审批号, e.g. `粤-12345号`.
    pub approval_no: String,
    /// The approval's scan.
    pub document: Option<DocumentRef>,
    /// 审批日期 `YYYY-MM-DD`, recorded by the authority when it approves
    /// the item (`domain::pre_approval`); empty until then.
    pub approved_on: String,
}

/// 接入信息 (docs/domain.md §2.6). A live site may be served by several
/// providers at once (新增接入 adds one beside the others), so each access
/// names its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Access {
    /// The 接入服务商 serving it. `None` while it is being filed: the
    /// filing's provider is the one, and approval writes it here.
    pub provider_id: Option<i64>,
    /// 网站IP地址: `start-end;…`.
    pub ips: String,
    /// 接入方式 codes.
    pub modes: Vec<String>,
    /// 服务器放置地: province codes.
    pub server_location: Vec<String>,
}

/// One service of the filing (docs/domain.md §2.4): a website, or an app,
/// mini-program or quick app (`kind`). The name is the website's because
/// websites were the only kind for most of the system's life; every kind
/// shares the fields below but the website's `home_url` and `domains`, and
/// adds its own in `app` or `mini`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Site {
    /// 网站, APP, 小程序 or 快应用; records from before the other kinds are websites.
    pub kind: ServiceKind,
    /// 网站名称 / APP名称 / 小程序名称 / 快应用名称.
    pub name: String,
    /// 首页URL (websites only).
    pub home_url: String,
    /// 网站域名 (1–10), registrable domains without `www.` (websites only:
    /// they are what the national domain checks and the lookup key on).
    pub domains: Vec<String>,
    /// 网站服务内容 codes (at least one).
    pub content: Vec<String>,
    /// 网站语言 codes.
    pub languages: Vec<String>,
    /// 前置审批 items.
    pub pre_approvals: Vec<PreApproval>,
    /// 网站负责人 is the 主体负责人 ("同主体负责人").
    pub principal_same_as_subject: bool,
    /// 网站负责人 (ignored while `principal_same_as_subject`).
    pub principal: Person,
    /// 网站备注 (required when the content includes 其他).
    pub remark: String,
    /// 接入信息 (at least one).
    pub accesses: Vec<Access>,
    /// An app's platforms, domains and SDKs (apps only).
    pub app: AppInfo,
    /// A mini-program's or quick app's platform and id (those kinds only).
    pub mini: MiniProgram,
    /// 转入: the site, filed and served by other providers, moves to this
    /// filing's provider, whose approved access then replaces theirs.
    /// Without it a 新增接入 joins them.
    pub transfer_in: bool,
}

impl Access {
    /// Whether the access belongs to `provider`'s filing: its own, or not
    /// yet approved and so the filing's.
    pub fn is_of(&self, provider: Option<i64>) -> bool {
        self.provider_id.is_none() || self.provider_id == provider
    }
}

impl Site {
    /// The accesses a site has once `provider`'s application is approved.
    /// A provider changes only its own: every other provider's access stays
    /// as the live record has it, whatever copy the application carries
    /// (or, when the site moves here, `transfer_in`, ends), and the
    /// application's own accesses are written as `provider`'s.
    pub fn approved_accesses(
        live: &[Access],
        proposed: &[Access],
        provider: Option<i64>,
        transfer_in: bool,
    ) -> Vec<Access> {
        let others = live
            .iter()
            .filter(|a| !transfer_in && !a.is_of(provider))
            .cloned();
        let own = proposed
            .iter()
            .filter(|a| a.is_of(provider))
            .map(|a| Access {
                provider_id: provider,
                ..a.clone()
            });
        others.chain(own).collect()
    }

    /// What identifies the service to people: a website's domains, an
    /// app's package names and Bundle IDs, or a mini-program's or quick
    /// app's platform id. Lists and the public lookup show these.
    pub fn identifiers(&self) -> Vec<String> {
        match self.kind {
            ServiceKind::Website => self.domains.clone(),
            ServiceKind::App => self.app.packages(),
            ServiceKind::MiniProgram | ServiceKind::QuickApp => {
                vec![self.mini.app_id.clone()]
            }
        }
        .into_iter()
        .filter(|id| !id.is_empty())
        .collect()
    }

    /// The providers serving the site, each once, in id order.
    pub fn providers(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.accesses.iter().filter_map(|a| a.provider_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// A whole filing as one JSON payload (docs/architecture.md §3: frozen at submit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filing {
    /// The access provider (接入服务商) the filing is made with.
    pub provider_id: Option<i64>,
    /// 主办单位信息.
    pub subject: Subject,
    /// 网站信息.
    pub sites: Vec<Site>,
}

/// What validation needs beyond the filing itself.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Today in Beijing time: certificate validity and ages count from it.
    pub today: Date,
    /// The chosen provider's IP blocks; `None` while no provider is chosen.
    pub provider_blocks: Option<&'a [IpBlock]>,
}

fn err(path: &str, rule: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new(path, rule, zh, en)
}

/// A free-text field: required, length, and no control characters or `<>`.
fn check_text(
    out: &mut Vec<FieldError>,
    path: &str,
    value: &str,
    required: bool,
    (min, max): (usize, usize),
    label: (&str, &str),
) {
    let len = char_len(value.trim());
    if len == 0 {
        if required {
            out.push(err(
                path,
                "TEXT_REQUIRED",
                &format!("请填写{}", label.0),
                &format!("Enter the {}", label.1),
            ));
        }
    } else if len < min || len > max {
        out.push(err(
            path,
            "TEXT_LENGTH",
            &format!("{}应为 {min}–{max} 个字", label.0),
            &format!("The {} has {min} to {max} characters", label.1),
        ));
    } else if has_forbidden_chars(value) {
        out.push(err(
            path,
            "TEXT_CHARS",
            &format!("{}不能包含控制字符或 < >", label.0),
            &format!("The {} cannot contain control characters or < >", label.1),
        ));
    }
}

impl Person {
    fn normalize(&mut self) {
        for text in [
            &mut self.name,
            &mut self.office_phone,
            &mut self.emergency_phone,
            &mut self.email,
        ] {
            *text = normalize_space(text);
        }
        self.cert_number = normalize_code(&self.cert_number);
        if let Some(mobile) = normalize_mobile(&self.mobile) {
            self.mobile = mobile;
        }
        for phone in [&mut self.office_phone, &mut self.emergency_phone] {
            if let Some(normal) = normalize_any_phone(phone) {
                *phone = normal;
            }
        }
        if self.long_term {
            self.valid_to.clear();
        }
    }

    /// Checks one person; `adult` asks for age ≥ 18 (individual filings).
    fn validate(&self, path: &str, today: Date, adult: bool, out: &mut Vec<FieldError>) {
        let p = |field: &str| format!("{path}.{field}");
        check_text(out, &p("name"), &self.name, true, (2, 30), ("姓名", "name"));
        match cert_type_by_code(&self.cert_type).filter(|c| c.personal && !c.retired) {
            None => out.push(err(
                &p("cert_type"),
                "PERSON_CERT_TYPE",
                "请选择负责人的有效证件类型",
                "Choose the person's certificate type",
            )),
            Some(cert) => {
                if let Some(e) =
                    check_cert_number(cert, &self.cert_number, today, adult.then_some(today))
                {
                    out.push(e.at(&p("cert_number")));
                }
            }
        }
        let from = Date::parse(&self.valid_from);
        match from {
            None => out.push(err(
                &p("valid_from"),
                "CERT_VALID_FROM",
                "请填写证件有效期起始日期",
                "Enter the date the certificate became valid",
            )),
            Some(from) if from > today => out.push(err(
                &p("valid_from"),
                "CERT_VALID_FROM",
                "证件有效期起始日期不能晚于今天",
                "The certificate cannot become valid in the future",
            )),
            Some(_) => {}
        }
        if !self.long_term {
            match Date::parse(&self.valid_to) {
                None => out.push(err(
                    &p("valid_to"),
                    "CERT_VALID_TO",
                    "请填写证件有效期截止日期，或勾选“长期”",
                    "Enter the expiry date or tick long-term",
                )),
                Some(to) if from.is_some_and(|f| to <= f) => out.push(err(
                    &p("valid_to"),
                    "CERT_VALID_TO",
                    "截止日期必须晚于起始日期",
                    "The expiry must follow the start",
                )),
                Some(to) if to < today.plus_days(MIN_CERT_VALIDITY_DAYS) => out.push(err(
                    &p("valid_to"),
                    "CERT_EXPIRING",
                    "证件有效期需大于三个月，请更换证件后备案",
                    "The certificate must stay valid for more than three months",
                )),
                Some(_) => {}
            }
        }
        if self.office_phone.trim().is_empty() {
            out.push(err(
                &p("office_phone"),
                "PHONE_REQUIRED",
                "请填写办公电话",
                "Enter the office phone",
            ));
        } else if normalize_any_phone(&self.office_phone).is_none() {
            out.push(err(
                &p("office_phone"),
                "PHONE_FORMAT",
                "办公电话格式如 086-028-12345678 或 028-12345678",
                "An office phone looks like 086-028-12345678 or 028-12345678",
            ));
        }
        if self.mobile.trim().is_empty() {
            out.push(err(
                &p("mobile"),
                "ACC_MOBILE_REQUIRED",
                "请填写手机号码",
                "Enter a mobile number",
            ));
        } else if normalize_mobile(&self.mobile).is_none() {
            out.push(err(
                &p("mobile"),
                "ACC_MOBILE_FORMAT",
                "手机号码应为 11 位数字，以 1 开头",
                "A mobile number has 11 digits starting with 1",
            ));
        }
        if self.emergency_phone.trim().is_empty() {
            out.push(err(
                &p("emergency_phone"),
                "PHONE_REQUIRED",
                "请填写应急联系电话",
                "Enter an emergency phone",
            ));
        } else {
            match normalize_any_phone(&self.emergency_phone) {
                None => out.push(err(
                    &p("emergency_phone"),
                    "PHONE_FORMAT",
                    "应急联系电话应为手机号码或固定电话",
                    "An emergency phone is a mobile or a landline",
                )),
                Some(e) if normalize_mobile(&self.mobile).is_some_and(|m| m == e) => out.push(err(
                    &p("emergency_phone"),
                    "PHONE_EMERGENCY_SAME",
                    "应急联系电话不能与手机号码相同",
                    "The emergency phone must differ from the mobile",
                )),
                Some(_) => {}
            }
        }
        if self.email.trim().is_empty() {
            out.push(err(
                &p("email"),
                "ACC_EMAIL_REQUIRED",
                "请填写电子邮箱",
                "Enter an e-mail address",
            ));
        } else if !is_valid_email(self.email.trim()) {
            out.push(err(
                &p("email"),
                "ACC_EMAIL_FORMAT",
                "电子邮箱格式不正确，如 name@example.com",
                "Not an e-mail address, e.g. name@example.com",
            ));
        }
        if self.cert_scan.is_none() {
            out.push(err(
                &p("cert_scan"),
                "DOC_PRINCIPAL_CERT",
                "请上传负责人证件扫描件",
                "Upload a scan of the person's certificate",
            ));
        }
    }
}

impl Filing {
    /// True when a site carries 前置审批 items, which route the filing
    /// through the pre-approval authority (T10).
    pub fn has_pre_approvals(&self) -> bool {
        self.sites.iter().any(|s| !s.pre_approvals.is_empty())
    }

    /// The 前置审批 type codes of all sites, sorted and once each, as
    /// `,code,code,` (empty when none): stored beside the payload so the
    /// authority's list can filter by type with one `LIKE '%,code,%'`.
    pub fn pre_approval_kinds(&self) -> String {
        let kinds: std::collections::BTreeSet<&str> = self
            .sites
            .iter()
            .flat_map(|s| &s.pre_approvals)
            .map(|p| p.kind.as_str())
            .filter(|k| !k.is_empty() && !k.contains(','))
            .collect();
        if kinds.is_empty() {
            return String::new();
        }
        let joined: Vec<&str> = kinds.into_iter().collect();
        format!(",{},", joined.join(","))
    }

    /// Puts every value in its canonical form (trimmed text, upper-case
    /// codes, 11-digit mobiles, `086-` landlines, lower-case punycode
    /// domains, `start-end` IP ranges) and copies the subject's principal
    /// into sites that say "同主体负责人". Applying it twice changes nothing.
    pub fn normalize(&mut self) {
        let s = &mut self.subject;
        for text in [
            &mut s.name,
            &mut s.cert_address,
            &mut s.mail_address,
            &mut s.investor,
            &mut s.remark,
        ] {
            *text = normalize_space(text);
        }
        s.cert_number = normalize_code(&s.cert_number);
        s.principal.normalize();
        let principal = s.principal.clone();
        for site in &mut self.sites {
            site.name = normalize_space(&site.name);
            site.home_url = site.home_url.trim().to_owned();
            site.remark = normalize_space(&site.remark);
            site.domains = site.domains.iter().map(|d| normalize_domain(d)).collect();
            // Only a website has a home page and 网站域名, only an app its
            // app data, only a mini-program or quick app its platform id: a
            // kind switched in the wizard leaves nothing of the other behind.
            if site.kind != ServiceKind::Website {
                site.home_url.clear();
                site.domains.clear();
            }
            match site.kind {
                ServiceKind::App => site.app.normalize(),
                _ => site.app = AppInfo::default(),
            }
            match site.kind {
                ServiceKind::MiniProgram | ServiceKind::QuickApp => site.mini.normalize(),
                _ => site.mini = MiniProgram::default(),
            }
            if site.principal_same_as_subject {
                site.principal = principal.clone();
            } else {
                site.principal.normalize();
            }
            for item in &mut site.pre_approvals {
                item.approval_no = normalize_space(&item.approval_no);
            }
            for access in &mut site.accesses {
                if let Ok(canonical) = check_ip_ranges(&access.ips, None) {
                    access.ips = canonical;
                }
            }
        }
    }

    /// Every finding (errors and warnings) with its field path. The browser
    /// runs it as the user types; the server runs it again on every call.
    pub fn validate(&self, ctx: &Context<'_>) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.provider_id.is_none() {
            out.push(err(
                "provider_id",
                "PROVIDER_REQUIRED",
                "请选择接入服务商",
                "Choose the access provider",
            ));
        }
        self.validate_subject(ctx, &mut out);
        if self.sites.is_empty() {
            out.push(err(
                "sites",
                "SITES_REQUIRED",
                "请至少添加一个网站",
                "Add at least one site",
            ));
        }
        if self.sites.len() > MAX_SITES {
            out.push(err(
                "sites",
                "SITES_TOO_MANY",
                "一次备案最多 10 个网站",
                "At most 10 sites per filing",
            ));
        }
        let mut seen_domains: Vec<String> = Vec::new();
        for (i, site) in self.sites.iter().enumerate() {
            self.validate_site(i, site, ctx, &mut seen_domains, &mut out);
        }
        super::province_rules::check(self, &mut out);
        out
    }

    fn individual(&self) -> bool {
        self.subject.nature == "INDIVIDUAL"
    }

    fn validate_subject(&self, ctx: &Context<'_>, out: &mut Vec<FieldError>) {
        let s = &self.subject;
        out.extend(
            check_location(&s.province, &s.city, &s.county)
                .into_iter()
                .map(|e| {
                    let path = format!("subject.{}", e.field);
                    e.at(&path)
                }),
        );
        let nature = nature_by_code(&s.nature).filter(|n| !n.retired);
        match nature {
            None => out.push(err(
                "subject.nature",
                "SUBJECT_NATURE",
                "请选择主办单位性质",
                "Choose the nature of the subject",
            )),
            Some(nature) => match cert_type_by_code(&s.cert_type)
                .filter(|c| !c.retired && nature.cert_types.contains(&c.code))
            {
                None => out.push(err(
                    "subject.cert_type",
                    "SUBJECT_CERT_TYPE",
                    &format!("请选择“{}”可用的证件类型", nature.zh),
                    &format!("Choose a certificate type allowed for \"{}\"", nature.en),
                )),
                Some(cert) => {
                    let adult = self.individual().then_some(ctx.today);
                    match check_cert_number(cert, &s.cert_number, ctx.today, adult) {
                        Some(e) => out.push(e.at("subject.cert_number")),
                        None => out.extend(
                            credit_category_warning(nature, &s.cert_number)
                                .map(|w| w.at("subject.cert_number")),
                        ),
                    }
                }
            },
        }
        let (name_max, name_label) = if self.individual() {
            (30, ("主办者姓名", "name"))
        } else {
            (100, ("主办单位名称", "subject name"))
        };
        check_text(
            out,
            "subject.name",
            &s.name,
            true,
            (2, name_max),
            name_label,
        );
        check_text(
            out,
            "subject.cert_address",
            &s.cert_address,
            true,
            (4, 200),
            ("证件住所", "certificate address"),
        );
        check_text(
            out,
            "subject.mail_address",
            &s.mail_address,
            true,
            (4, 200),
            ("通信地址", "mailing address"),
        );
        check_text(
            out,
            "subject.investor",
            &s.investor,
            true,
            (2, 200),
            ("投资人或主管单位", "investor or supervising unit"),
        );
        check_text(
            out,
            "subject.remark",
            &s.remark,
            false,
            (0, 500),
            ("备注", "remark"),
        );
        if let Some(province) = province_by_code(&s.province) {
            if !s.mail_address.trim().is_empty()
                && !address_in_province(&s.mail_address, &s.province)
            {
                out.push(err(
                    "subject.mail_address",
                    "ADDRESS_OUTSIDE_PROVINCE",
                    &format!("通信地址必须位于所选地区（{}）内", province.name_zh),
                    &format!(
                        "The mailing address must lie in the chosen region ({})",
                        province.name_en
                    ),
                ));
            }
            if !s.cert_address.trim().is_empty()
                && !address_in_province(&s.cert_address, &s.province)
            {
                let zh = format!("证件住所非“{}”本省", province.name_zh);
                let en = format!("The certificate address is outside {}", province.name_en);
                out.push(if self.individual() {
                    FieldError::warning(
                        "subject.cert_address",
                        "ADDRESS_OUTSIDE_PROVINCE",
                        &format!("{zh}：外省个人需上传本省居住证"),
                        &format!("{en}: upload a local residence permit"),
                    )
                } else {
                    err("subject.cert_address", "ADDRESS_OUTSIDE_PROVINCE", &zh, &en)
                });
            }
        }
        if !self.individual() && nature.is_some() && s.cert_scan.is_none() {
            out.push(err(
                "subject.cert_scan",
                "DOC_SUBJECT_CERT",
                "请上传主办单位证件扫描件",
                "Upload a scan of the subject's certificate",
            ));
        }
        s.principal
            .validate("subject.principal", ctx.today, self.individual(), out);
        if self.individual() {
            if !s.name.trim().is_empty()
                && normalize_space(&s.name) != normalize_space(&s.principal.name)
            {
                out.push(err(
                    "subject.principal.name",
                    "INDIVIDUAL_NAME_MISMATCH",
                    "个人备案的负责人姓名必须与主办者姓名一致",
                    "For an individual, the person in charge is the subject",
                ));
            }
            if normalize_code(&s.cert_number) != normalize_code(&s.principal.cert_number) {
                out.push(err(
                    "subject.principal.cert_number",
                    "INDIVIDUAL_CERT_MISMATCH",
                    "个人备案的负责人证件号码必须与主办者证件号码一致",
                    "For an individual, the certificate numbers must match",
                ));
            }
        }
    }

    fn validate_site(
        &self,
        i: usize,
        site: &Site,
        ctx: &Context<'_>,
        seen: &mut Vec<String>,
        out: &mut Vec<FieldError>,
    ) {
        let p = |field: &str| format!("sites[{i}].{field}");
        let national = matches!(self.subject.nature.as_str(), "GOV" | "DEFENSE");
        let name_ctx = NameContext {
            individual: self.individual(),
            national,
            subject_name: &self.subject.name,
        };
        out.extend(
            check_site_name(&site.name, name_ctx)
                .into_iter()
                .map(|e| e.at(&p("name"))),
        );

        match site.kind {
            ServiceKind::Website => Self::validate_domains(i, site, seen, out),
            ServiceKind::App => site.app.validate(&p("app"), out),
            kind => site.mini.validate(kind, &p("mini"), out),
        }

        if site.content.is_empty() {
            out.push(err(
                &p("content"),
                "SITE_CONTENT_REQUIRED",
                "网站服务内容至少要选择一项，否则会因格式错误被系统退回",
                "Choose at least one service content",
            ));
        }
        if let Some(code) = site
            .content
            .iter()
            .find(|c| !catalog::is_offered(service_content(), c))
        {
            out.push(err(
                &p("content"),
                "SITE_CONTENT_UNKNOWN",
                &format!(
                    "服务内容“{}”已停用或无效，请重新选择",
                    catalog::label(service_content(), code, Lang::Zh)
                ),
                &format!(
                    "The service content \"{}\" is retired or unknown; choose again",
                    catalog::label(service_content(), code, Lang::En)
                ),
            ));
        }
        if self.individual()
            && site
                .content
                .iter()
                .any(|c| !individual_content().contains(&c.as_str()))
        {
            out.push(err(
                &p("content"),
                "SITE_CONTENT_INDIVIDUAL",
                "个人网站的服务内容只能选择“博客/个人空间”或“其他”",
                "Personal sites may only choose blog/personal space or other",
            ));
        }
        if site.languages.is_empty()
            || site
                .languages
                .iter()
                .any(|c| !catalog::is_offered(languages(), c))
        {
            out.push(err(
                &p("languages"),
                "SITE_LANGUAGE_REQUIRED",
                "请至少选择一种网站语言",
                "Choose at least one language",
            ));
        }
        let needs_remark = site.content.iter().any(|c| c == CONTENT_OTHER);
        check_text(
            out,
            &p("remark"),
            &site.remark,
            needs_remark,
            (if needs_remark { 5 } else { 0 }, 500),
            (
                "网站备注（选择“其他”时请说明网站实际内容）",
                "remark (describe the content when choosing Other)",
            ),
        );

        if self.individual() && !site.pre_approvals.is_empty() {
            out.push(err(
                &p("pre_approvals"),
                "PRE_APPROVAL_INDIVIDUAL",
                "个人网站不能涉及前置审批项",
                "Personal sites cannot carry pre-approval items",
            ));
        }
        for (content, needed) in content_needs_pre_approval() {
            if site.content.iter().any(|c| c == content)
                && !site.pre_approvals.iter().any(|a| a.kind == *needed)
            {
                let content_zh = catalog::label(service_content(), content, Lang::Zh);
                let needed_zh = catalog::label(pre_approval_types(), needed, Lang::Zh);
                out.push(err(
                    &p("pre_approvals"),
                    "PRE_APPROVAL_REQUIRED",
                    &format!("服务内容“{content_zh}”需要“{needed_zh}”前置审批"),
                    &format!(
                        "The content \"{}\" needs a \"{}\" pre-approval",
                        catalog::label(service_content(), content, Lang::En),
                        catalog::label(pre_approval_types(), needed, Lang::En)
                    ),
                ));
            }
        }
        for (k, item) in site.pre_approvals.iter().enumerate() {
            let q = |field: &str| p(&format!("pre_approvals[{k}].{field}"));
            if !catalog::is_offered(pre_approval_types(), &item.kind) {
                out.push(err(
                    &q("kind"),
                    "PRE_APPROVAL_KIND",
                    "请选择前置审批类型",
                    "Choose the pre-approval type",
                ));
            } else if site.pre_approvals[..k]
                .iter()
                .any(|other| other.kind == item.kind)
            {
                out.push(err(
                    &q("kind"),
                    "PRE_APPROVAL_DUPLICATE",
                    "同一前置审批类型只能填写一次",
                    "Each pre-approval type appears once",
                ));
            }
            check_text(
                out,
                &q("approval_no"),
                &item.approval_no,
                true,
                (2, 100),
                ("前置审批号", "approval number"),
            );
            if item.document.is_none() {
                out.push(err(
                    &q("document"),
                    "DOC_PRE_APPROVAL",
                    "请上传前置审批文件扫描件",
                    "Upload the approval's scan",
                ));
            }
        }

        if !site.principal_same_as_subject {
            site.principal
                .validate(&p("principal"), ctx.today, self.individual(), out);
            let subject = &self.subject.principal;
            let other_person =
                normalize_code(&site.principal.cert_number) != normalize_code(&subject.cert_number);
            let same_mobile = normalize_mobile(&site.principal.mobile)
                .is_some_and(|m| Some(m) == normalize_mobile(&subject.mobile));
            if other_person && same_mobile {
                out.push(err(
                    &p("principal.mobile"),
                    "PHONE_SHARED_BY_PERSONS",
                    "不同负责人不能使用同一个手机号码",
                    "Different persons need different mobile numbers",
                ));
            }
        }

        if site.accesses.is_empty() {
            out.push(err(
                &p("accesses"),
                "ACCESS_REQUIRED",
                "每个网站至少添加一条接入信息",
                "Add at least one access to each site",
            ));
        }
        for (k, access) in site.accesses.iter().enumerate() {
            let q = |field: &str| p(&format!("accesses[{k}].{field}"));
            // Another provider's access is checked against its own blocks
            // when that provider files it, never against this one's.
            let blocks = ctx
                .provider_blocks
                .filter(|_| access.is_of(self.provider_id));
            if let Err(e) = check_ip_ranges(&access.ips, blocks) {
                out.push(e.at(&q("ips")));
            }
            if access.modes.is_empty()
                || access
                    .modes
                    .iter()
                    .any(|m| !catalog::is_offered(access_modes(), m))
            {
                out.push(err(
                    &q("modes"),
                    "ACCESS_MODE_REQUIRED",
                    "请选择网站接入方式",
                    "Choose the access mode",
                ));
            }
            if access.server_location.is_empty()
                || access
                    .server_location
                    .iter()
                    .any(|c| province_by_code(c).is_none())
            {
                out.push(err(
                    &q("server_location"),
                    "ACCESS_LOCATION_REQUIRED",
                    "请选择服务器放置地（境内省份）",
                    "Choose where the servers are (a mainland province)",
                ));
            }
        }
    }

    /// A website's 网站域名 and 首页URL; `seen` gathers the filing's
    /// domains so each is filed once.
    fn validate_domains(i: usize, site: &Site, seen: &mut Vec<String>, out: &mut Vec<FieldError>) {
        let p = |field: &str| format!("sites[{i}].{field}");
        if site.domains.is_empty() {
            out.push(err(
                &p("domains"),
                "DOMAINS_REQUIRED",
                "请至少填写一个网站域名",
                "Enter at least one domain",
            ));
        }
        if site.domains.len() > MAX_DOMAINS {
            out.push(err(
                &p("domains"),
                "DOMAINS_TOO_MANY",
                "每个网站最多 10 个域名",
                "At most 10 domains per site",
            ));
        }
        for (j, domain) in site.domains.iter().enumerate() {
            let path = p(&format!("domains[{j}]"));
            match check_domain(domain) {
                Err(e) => out.push(e.at(&path)),
                Ok(name) if seen.contains(&name) => out.push(err(
                    &path,
                    "DOMAIN_DUPLICATE",
                    "该域名已在本次备案中填写过",
                    "This domain already appears in this filing",
                )),
                Ok(name) => seen.push(name),
            }
        }
        out.extend(check_home_url(&site.home_url, &site.domains).map(|e| e.at(&p("home_url"))));
    }

    /// The 负责人 of the filing with the wizard path of each: the
    /// subject's, then each site's own (a site that reuses the subject's
    /// adds no one).
    pub fn persons(&self) -> Vec<(String, &Person)> {
        let mut persons = vec![("subject.principal".to_owned(), &self.subject.principal)];
        for (i, site) in self.sites.iter().enumerate() {
            if !site.principal_same_as_subject {
                persons.push((format!("sites[{i}].principal"), &site.principal));
            }
        }
        persons
    }

    /// The normalised domains of all sites, for conflict checks.
    pub fn domains(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .sites
            .iter()
            .flat_map(|s| s.domains.iter())
            .map(|d| normalize_domain(d))
            .filter(|d| !d.is_empty())
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// Every uploaded document the filing refers to.
    pub fn documents(&self) -> Vec<&DocumentRef> {
        let s = &self.subject;
        let persons = std::iter::once(&s.principal).chain(
            self.sites
                .iter()
                .filter(|site| !site.principal_same_as_subject)
                .map(|site| &site.principal),
        );
        s.cert_scan
            .iter()
            .chain(s.authorisation.iter())
            .chain(s.commitment.iter())
            .chain(persons.filter_map(|p| p.cert_scan.as_ref()))
            .chain(self.sites.iter().flat_map(|site| {
                site.pre_approvals
                    .iter()
                    .filter_map(|a| a.document.as_ref())
            }))
            .chain(self.sites.iter().filter_map(|site| site.app.icon.as_ref()))
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::field_error::has_blocking;
    use crate::domain::ip::parse_blocks;
    use proptest::prelude::*;

    pub(crate) fn today() -> Date {
        Date::new(2026, 11, 28).unwrap()
    }

    fn doc(id: i64) -> Option<DocumentRef> {
        Some(DocumentRef {
            id,
            name: format!("scan{id}.png"),
        })
    }

    fn person(name: &str, id: &str, mobile: &str) -> Person {
        Person {
            name: name.into(),
            cert_type: "2".into(),
            cert_number: id.into(),
            valid_from: "2020-01-01".into(),
            valid_to: "2040-01-01".into(),
            long_term: false,
            office_phone: "028-85551234".into(),
            mobile: mobile.into(),
            emergency_phone: "13900139000".into(),
            email: "chen@example.com".into(),
            cert_scan: doc(2),
        }
    }

    /// A complete, valid two-site company filing.
    pub(crate) fn company_filing() -> Filing {
        let site = |name: &str, domain: &str| Site {
            name: name.into(),
            home_url: format!("www.{domain}"),
            domains: vec![domain.into()],
            content: vec!["128".into()],
            languages: vec!["1".into()],
            pre_approvals: vec![],
            principal_same_as_subject: true,
            principal: Person::default(),
            remark: String::new(),
            accesses: vec![Access {
                provider_id: None,
                ips: "121.40.1.10".into(),
                modes: vec!["16".into()],
                server_location: vec!["510000".into()],
            }],
            ..Site::default()
        };
        Filing {
            provider_id: Some(1),
            subject: Subject {
                province: "510000".into(),
                city: "510100".into(),
                county: "510107".into(),
                nature: "ENTERPRISE".into(),
                cert_type: "1".into(),
                cert_number: "91350100M000100Y43".into(),
                name: "成都蓝海科技有限公司".into(),
                cert_address: "四川省成都市武侯区天府大道北段1号".into(),
                mail_address: "成都市武侯区天府大道北段1号".into(),
                investor: "陈明".into(),
                remark: String::new(),
                principal: person("陈明", "44152319930906632X", "13800138000"),
                cert_scan: doc(1),
                principal_by_authorisation: false,
                authorisation: None,
                commitment: None,
            },
            sites: vec![
                site("蓝海科技", "lanhai.com"),
                site("蓝海云服务", "lanhai-cloud.cn"),
            ],
        }
    }

    fn blocks() -> Vec<IpBlock> {
        parse_blocks("121.40.0.0/14").unwrap()
    }

    fn findings(filing: &Filing) -> Vec<(String, String)> {
        let blocks = blocks();
        let ctx = Context {
            today: today(),
            provider_blocks: Some(&blocks),
        };
        filing
            .validate(&ctx)
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    fn has(filing: &Filing, path: &str, rule: &str) -> bool {
        findings(filing).iter().any(|(f, r)| f == path && r == rule)
    }

    #[test]
    fn pre_approval_kinds_lists_each_code_once_between_commas() {
        let mut filing = company_filing();
        assert_eq!(filing.pre_approval_kinds(), "");
        let item = |kind: &str| PreApproval {
            kind: kind.into(),
            ..Default::default()
        };
        filing.sites[0].pre_approvals = vec![item("8"), item("1")];
        filing.sites.push(filing.sites[0].clone());
        filing.sites[1].pre_approvals.push(item("16"));
        assert_eq!(filing.pre_approval_kinds(), ",1,16,8,");
    }

    #[test]
    fn a_complete_filing_passes() {
        assert_eq!(findings(&company_filing()), vec![]);
    }

    #[test]
    fn the_issue_examples_are_flagged_at_their_fields() {
        let mut f = company_filing();
        f.subject.principal.cert_number = "110105199001011234".into();
        f.subject.cert_number = "91350100M000100Y44".into();
        f.sites[1].domains[0] = "www.lanhai-cloud.cn".into();
        f.sites[0].content.clear();
        f.sites[1].name = "中国蓝海".into();
        assert!(has(&f, "subject.principal.cert_number", "RIC_CHECKSUM"));
        assert!(has(&f, "subject.cert_number", "USCC_CHECKSUM"));
        assert!(has(&f, "sites[1].domains[0]", "DOMAIN_WWW"));
        assert!(has(&f, "sites[0].content", "SITE_CONTENT_REQUIRED"));
        assert!(has(&f, "sites[1].name", "SITENAME_NATIONAL_WORD"));
    }

    #[test]
    fn cross_field_rules() {
        let mut f = company_filing();
        f.subject.cert_type = "2".into();
        assert!(has(&f, "subject.cert_type", "SUBJECT_CERT_TYPE"));

        let mut f = company_filing();
        f.subject.mail_address = "广东省广州市天河区".into();
        assert!(has(&f, "subject.mail_address", "ADDRESS_OUTSIDE_PROVINCE"));

        let mut f = company_filing();
        f.subject.principal.emergency_phone = "138 0013 8000".into();
        assert!(has(
            &f,
            "subject.principal.emergency_phone",
            "PHONE_EMERGENCY_SAME"
        ));

        let mut f = company_filing();
        f.sites[1].domains[0] = "LANHAI.com".into();
        assert!(has(&f, "sites[1].domains[0]", "DOMAIN_DUPLICATE"));

        let mut f = company_filing();
        f.sites[0].content = vec!["16".into()];
        assert!(has(&f, "sites[0].pre_approvals", "PRE_APPROVAL_REQUIRED"));
        f.sites[0].pre_approvals.push(PreApproval {
            kind: "1".into(),
            approval_no: "川新闻-2026-001号".into(),
            document: doc(9),
            ..Default::default()
        });
        assert!(!has(&f, "sites[0].pre_approvals", "PRE_APPROVAL_REQUIRED"));

        let mut f = company_filing();
        f.sites[0].content = vec![CONTENT_OTHER.into()];
        assert!(has(&f, "sites[0].remark", "TEXT_REQUIRED"));

        let mut f = company_filing();
        f.sites[0].accesses[0].ips = "8.8.8.8".into();
        assert!(has(
            &f,
            "sites[0].accesses[0].ips",
            "IP_NOT_IN_PROVIDER_BLOCKS"
        ));

        let mut f = company_filing();
        f.sites[0].principal_same_as_subject = false;
        f.sites[0].principal = person("李华", "11010519491231002X", "13800138000");
        assert!(has(
            &f,
            "sites[0].principal.mobile",
            "PHONE_SHARED_BY_PERSONS"
        ));

        let mut f = company_filing();
        f.subject.principal.valid_to = today().plus_days(30).to_string();
        assert!(has(&f, "subject.principal.valid_to", "CERT_EXPIRING"));

        let mut f = company_filing();
        f.sites[0].home_url = "www.elsewhere.com".into();
        assert!(has(&f, "sites[0].home_url", "HOME_URL_HOST"));
    }

    #[test]
    fn individual_rules() {
        let mut f = company_filing();
        f.subject.nature = "INDIVIDUAL".into();
        f.subject.cert_type = "2".into();
        f.subject.cert_number = "44152319930906632X".into();
        f.subject.name = "陈明".into();
        f.subject.cert_scan = None;
        f.sites.truncate(1);
        f.sites[0].name = "读书笔记".into();
        f.sites[0].content = vec!["32".into()];
        assert_eq!(findings(&f), vec![]);
        f.sites[0].content = vec!["128".into()];
        assert!(has(&f, "sites[0].content", "SITE_CONTENT_INDIVIDUAL"));
        f.subject.principal.name = "陈小明".into();
        assert!(has(
            &f,
            "subject.principal.name",
            "INDIVIDUAL_NAME_MISMATCH"
        ));
    }

    fn access(provider: Option<i64>, ips: &str) -> Access {
        Access {
            provider_id: provider,
            ips: ips.into(),
            ..Access::default()
        }
    }

    #[test]
    fn approval_adds_a_providers_access_beside_the_others() {
        let live = [access(Some(1), "121.40.1.10")];
        let proposed = [access(None, "47.92.0.1")];
        let approved = Site::approved_accesses(&live, &proposed, Some(2), false);
        assert_eq!(
            approved,
            vec![access(Some(1), "121.40.1.10"), access(Some(2), "47.92.0.1")]
        );
    }

    #[test]
    fn a_transfer_replaces_every_other_providers_access() {
        let live = [access(Some(1), "121.40.1.10"), access(Some(3), "39.96.0.1")];
        let proposed = [access(Some(1), "121.40.1.10"), access(None, "47.92.0.1")];
        let approved = Site::approved_accesses(&live, &proposed, Some(2), true);
        assert_eq!(approved, vec![access(Some(2), "47.92.0.1")]);
    }

    #[test]
    fn a_provider_changes_only_its_own_access() {
        let live = [access(Some(1), "121.40.1.10"), access(Some(2), "47.92.0.1")];
        // The application carries copies of both; provider 2 rewrote
        // provider 1's copy, which must not reach the record.
        let proposed = [access(Some(1), "47.92.0.9"), access(Some(2), "47.92.0.2")];
        let approved = Site::approved_accesses(&live, &proposed, Some(2), false);
        assert_eq!(
            approved,
            vec![access(Some(1), "121.40.1.10"), access(Some(2), "47.92.0.2")]
        );
        let site = Site {
            accesses: approved,
            ..Site::default()
        };
        assert_eq!(site.providers(), vec![1, 2]);
    }

    #[test]
    fn another_providers_access_is_not_checked_against_this_providers_blocks() {
        let mut f = company_filing();
        f.sites[0].accesses.push(access(Some(7), "47.92.0.1"));
        f.sites[0].accesses[1].modes = vec!["16".into()];
        f.sites[0].accesses[1].server_location = vec!["510000".into()];
        assert!(!findings(&f)
            .iter()
            .any(|(path, _)| path.starts_with("sites[0].accesses")));
        f.sites[0].accesses[1].provider_id = None;
        assert!(has(
            &f,
            "sites[0].accesses[1].ips",
            "IP_NOT_IN_PROVIDER_BLOCKS"
        ));
    }

    #[test]
    fn warnings_do_not_block() {
        let mut f = company_filing();
        f.subject.nature = "GOV".into();
        f.subject.cert_type = "13".into();
        let blocks = blocks();
        let found = f.validate(&Context {
            today: today(),
            provider_blocks: Some(&blocks),
        });
        assert!(found
            .iter()
            .any(|e| e.rule == "USCC_CATEGORY_MISMATCH" && e.warning));
        assert!(!has_blocking(&found));
    }

    #[test]
    fn normalising_fills_canonical_forms() {
        let mut f = company_filing();
        f.subject.principal.mobile = "+86 138-0013-8000".into();
        f.sites[0].accesses[0].ips = "121.40.1.10 ; 121.40.1.11".into();
        f.sites[0].domains[0] = " LanHai.COM ".into();
        f.normalize();
        assert_eq!(f.subject.principal.mobile, "13800138000");
        assert_eq!(f.subject.principal.office_phone, "086-028-85551234");
        assert_eq!(
            f.sites[0].accesses[0].ips,
            "121.40.1.10-121.40.1.10;121.40.1.11-121.40.1.11"
        );
        assert_eq!(f.sites[0].domains[0], "lanhai.com");
        assert_eq!(f.sites[0].principal, f.subject.principal);
        assert_eq!(findings(&f), vec![]);
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent_and_validation_never_panics(
            name in "\\PC{0,20}", domain in "\\PC{0,30}", ips in "\\PC{0,30}", mobile in "\\PC{0,16}", cert in "\\PC{0,20}",
        ) {
            let mut f = company_filing();
            f.subject.name = name;
            f.sites[0].domains[0] = domain;
            f.sites[0].accesses[0].ips = ips;
            f.subject.principal.mobile = mobile;
            f.subject.principal.cert_number = cert;
            let _ = findings(&f);
            f.normalize();
            let once = f.clone();
            f.normalize();
            prop_assert_eq!(f, once);
        }
    }
}
