//! Bulk demo data for `beian seed-demo --subjects N --sites-per-subject K`:
//! realistic filings at a national provider's size, for the benchmarks and
//! for trying the queries by hand.
//!
//! Every value comes from the subject's index through a hash, so a run is
//! reproducible, numbers are unique, and each filing passes
//! `Filing::validate()` (the tests check thousands). Most subjects are
//! approved, with live records, 备案号 and the history of the path they
//! took through `workflow::transition`; the rest are drafts or in flight.
//! Rows go in by multi-row INSERTs with ids assigned here, one transaction
//! per chunk of subjects, so a million sites take minutes on either
//! database.
//!
//! Generated owners log in as `demo{n}` and every generated subject's
//! 备案密码 is `seed::GENERATED_PASSWORD`: hashing a fresh one per subject would
//! cost a second each.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Iterable, Set,
    Statement, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::entity::{
    account, application, application_domain, document, history, number_counter, principal_mobile,
    record_version, site, site_access, site_domain, subject, subject_gram,
};
use super::{accounts, auth, infra::time, numbers, providers, records};
use crate::domain::account::{AccountStatus, AGREEMENTS_VERSION};
use crate::domain::catalog::CONTENT_APP;
use crate::domain::date::Date;
use crate::domain::domain_name::normalize_domain;
use crate::domain::filing::{Access, Filing, Person, Site, Subject};
use crate::domain::identity::{
    credit_code_check_char, org_code_check_char, resident_id_check_char,
};
use crate::domain::ip::IpBlock;
use crate::domain::record::RecordStatus;
use crate::domain::region::{cities_of, counties_of, Province, Region, PROVINCES};
use crate::domain::role::Role;
use crate::domain::service::{AppInfo, AppPlatform, MiniProgram, ServiceKind};
use crate::domain::upload::DocumentRef;
use crate::domain::verification::Verification;
use crate::domain::workflow::{transition, Action, Actor, Channel, HistoryAction, Kind, State};
use crate::error::AppError;
use crate::server::entity::json::Json;

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub subjects: u64,
    /// 1–10: a filing holds at most ten sites.
    pub sites_per_subject: u64,
}

/// What a run wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    pub subjects: u64,
    /// Live sites (of approved subjects).
    pub live_sites: u64,
    /// Applications left as drafts or in flight.
    pub unfinished: u64,
}

/// Subjects written per transaction.
const CHUNK: u64 = 500;

/// A whole 1×1 PNG: every generated scan has these bytes (the tests build
/// theirs from it too).
pub const SCAN_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Brand words and their pinyin, for names and domains.
const BRANDS: &[(&str, &str)] = &[
    ("蓝海", "lanhai"),
    ("天府", "tianfu"),
    ("云帆", "yunfan"),
    ("星辰", "xingchen"),
    ("青木", "qingmu"),
    ("远航", "yuanhang"),
    ("明德", "mingde"),
    ("启航", "qihang"),
    ("博远", "boyuan"),
    ("睿智", "ruizhi"),
    ("知行", "zhixing"),
    ("鼎盛", "dingsheng"),
    ("金石", "jinshi"),
    ("春晖", "chunhui"),
    ("鸿图", "hongtu"),
    ("嘉禾", "jiahe"),
    ("恒信", "hengxin"),
    ("瑞丰", "ruifeng"),
    ("立方", "lifang"),
    ("数云", "shuyun"),
    ("易通", "yitong"),
    ("智联", "zhilian"),
    ("汇通", "huitong"),
    ("长风", "changfeng"),
    ("墨香", "moxiang"),
    ("晨光", "chenguang"),
    ("海川", "haichuan"),
    ("光合", "guanghe"),
    ("松果", "songguo"),
    ("青橙", "qingcheng"),
    ("白鹭", "bailu"),
];
const TRADES: &[&str] = &[
    "科技有限公司",
    "网络科技有限公司",
    "信息技术有限公司",
    "文化传媒有限公司",
    "电子商务有限公司",
    "软件有限公司",
    "教育咨询有限公司",
    "餐饮管理有限公司",
];
/// Site-name endings and a service content (none needs 前置审批).
const SITE_KINDS: &[(&str, &str)] = &[
    ("官网", "128"),
    ("商城", "256"),
    ("资讯", "64"),
    ("服务平台", "2097152"),
    ("技术博客", "32"),
    ("图库", "32768"),
    ("下载站", "65536"),
    ("招聘", "131072"),
];
/// Personal site-name endings (no 博客, 论坛 or other organisation words).
const PERSONAL_KINDS: &[&str] = &["随笔", "笔记", "小站", "摄影集", "读书札记", "旅行日志"];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
    "霞", "平", "刚", "婷",
];
const ROADS: &[&str] = &[
    "建设路",
    "解放路",
    "文化路",
    "和平路",
    "新华路",
    "长江路",
    "滨河路",
    "科技路",
];
const TLDS: &[&str] = &["com", "cn", "net", "com.cn", "org", "top"];

/// A well-mixed hash of `n` and a salt (SplitMix64), for every choice.
fn mix(n: u64, salt: u64) -> u64 {
    let mut z = n
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(salt.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn pick<T: Copy>(list: &[T], n: u64, salt: u64) -> T {
    list[(mix(n, salt) % list.len() as u64) as usize]
}

/// A city and its counties.
type City = (Region, Vec<Region>);

/// The provinces with their cities and counties in the region table.
pub struct Places(Vec<(Province, Vec<City>)>);

impl Places {
    /// Reads the region table once.
    pub fn load() -> Places {
        let places = PROVINCES
            .iter()
            .map(|p| {
                let cities = cities_of(p.code)
                    .into_iter()
                    .map(|c| (c, counties_of(c.code)))
                    .filter(|(_, counties)| !counties.is_empty())
                    .collect::<Vec<_>>();
                (*p, cities)
            })
            .filter(|(_, cities)| !cities.is_empty())
            .collect();
        Places(places)
    }

    fn of(&self, n: u64) -> (Province, Region, Region) {
        let (province, cities) = &self.0[(mix(n, 1) % self.0.len() as u64) as usize];
        let (city, counties) = &cities[(mix(n, 2) % cities.len() as u64) as usize];
        let county = counties[(mix(n, 3) % counties.len() as u64) as usize];
        (*province, *city, county)
    }
}

/// The generated subject `n`'s filing, its scans not attached yet. Its
/// sites are hosted by the provider, at addresses in `block`.
pub fn filing(
    places: &Places,
    (provider_id, block): (i32, &IpBlock),
    n: u64,
    sites: u64,
) -> Filing {
    let (province, city, county) = places.of(n);
    let person_name = format!(
        "{}{}{}",
        pick(SURNAMES, n, 4),
        pick(GIVEN, n, 5),
        pick(GIVEN, n, 6)
    );
    // Birth dates 1960–1998 and a sequence number: unique per index.
    let epoch = Date {
        year: 1960,
        month: 1,
        day: 1,
    };
    let born = epoch.plus_days((n % 14000) as i64);
    let ric_body = format!(
        "{}{:04}{:02}{:02}{:03}",
        county.code,
        born.year,
        born.month,
        born.day,
        (n / 14000) % 1000
    );
    let ric = format!(
        "{ric_body}{}",
        resident_id_check_char(&ric_body).unwrap_or('0')
    );
    let individual = mix(n, 7).is_multiple_of(5);
    let brand = pick(BRANDS, n, 8);
    let address = format!(
        "{}{}{}{}{}号",
        province.name_zh,
        city.name,
        county.name,
        pick(ROADS, n, 9),
        mix(n, 10) % 300 + 1
    );
    let principal = Person {
        name: person_name.clone(),
        cert_type: "2".into(),
        cert_number: ric,
        valid_from: "2020-01-01".into(),
        valid_to: "2040-01-01".into(),
        long_term: false,
        office_phone: format!("010-{}", 60_000_000 + n % 30_000_000),
        mobile: format!("13{:09}", n % 1_000_000_000),
        emergency_phone: format!("15{:09}", n % 1_000_000_000),
        email: format!("{}{n}@example.com", brand.1),
        cert_scan: None,
    };
    let (nature, cert_type, cert_number, name) = if individual {
        let number = principal.cert_number.clone();
        ("INDIVIDUAL", "2", number, person_name.clone())
    } else {
        let org_body = format!("{:08}", n % 100_000_000);
        let org = format!(
            "{org_body}{}",
            org_code_check_char(&org_body).unwrap_or('0')
        );
        let body = format!("91{}{org}", county.code);
        let uscc = format!("{body}{}", credit_code_check_char(&body).unwrap_or('0'));
        let short = city.name.trim_end_matches('市');
        let name = format!("{short}{}{}", brand.0, pick(TRADES, n, 11));
        ("ENTERPRISE", "1", uscc, name)
    };
    let sites = (0..sites)
        .map(|j| {
            let salt = 100 + j * 7;
            let (word, pinyin) = pick(BRANDS, n, salt);
            let (kind, content) = if individual {
                (pick(PERSONAL_KINDS, n, salt + 1), "32")
            } else {
                pick(SITE_KINDS, n, salt + 1)
            };
            let site_name = format!("{word}{kind}");
            let domain = format!("{pinyin}{n:x}{j}.{}", pick(TLDS, n, salt + 2));
            // Sites share addresses, as on real virtual hosts.
            let (low, high) = block.bounds();
            let ip = block
                .address(low + 1 + u128::from(n * 10 + j) % (high - low - 1).max(1))
                .map(|ip| ip.to_string())
                .unwrap_or_default();
            let access = Access {
                provider_id: None,
                ips: ip,
                modes: vec!["16".into()],
                server_location: vec![province.code.into()],
            };
            // One company in four files its last service as an Android app.
            if !individual && j > 0 && j + 1 == sites && mix(n, 16).is_multiple_of(4) {
                return Site {
                    kind: ServiceKind::App,
                    name: site_name,
                    content: vec![CONTENT_APP.into()],
                    languages: vec!["1".into()],
                    principal_same_as_subject: true,
                    accesses: vec![access],
                    app: AppInfo {
                        icon: None,
                        platforms: vec![AppPlatform {
                            platform: "ANDROID".into(),
                            package: format!("com.{pinyin}.app{n:x}"),
                            public_key: format!(
                                "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA{:016x}",
                                mix(n, 17)
                            ),
                            fingerprint: format!("{:016X}{:016X}", mix(n, 18), mix(n, 19)),
                        }],
                        domains: vec![format!("api.{domain}")],
                        sdks: Vec::new(),
                    },
                    ..Site::default()
                };
            }
            Site {
                kind: ServiceKind::Website,
                name: site_name,
                home_url: format!("www.{domain}"),
                domains: vec![domain],
                content: vec![content.into()],
                languages: vec!["1".into()],
                pre_approvals: vec![],
                principal_same_as_subject: true,
                principal: Person::default(),
                remark: String::new(),
                accesses: vec![access],
                app: AppInfo::default(),
                mini: MiniProgram::default(),
                transfer_in: false,
            }
        })
        .collect();
    Filing {
        provider_id: Some(i64::from(provider_id)),
        subject: Subject {
            province: province.code.into(),
            city: city.code.into(),
            county: county.code.into(),
            nature: nature.into(),
            cert_type: cert_type.into(),
            cert_number,
            name,
            cert_address: address.clone(),
            mail_address: address,
            investor: person_name,
            remark: String::new(),
            principal,
            cert_scan: None,
            principal_by_authorisation: false,
            authorisation: None,
            commitment: None,
        },
        sites,
    }
}

/// Who takes each step of a generated application.
struct Cast<'a> {
    owner: &'a account::Model,
    staff: &'a account::Model,
    reviewer: &'a account::Model,
}

impl Cast<'_> {
    fn of(&self, actor: Actor) -> (i32, String) {
        match actor {
            Actor::Filer => (self.owner.id, self.owner.role.code().to_owned()),
            Actor::Provider => (self.staff.id, self.staff.role.code().to_owned()),
            Actor::Bureau => (self.reviewer.id, self.reviewer.role.code().to_owned()),
            Actor::System | Actor::PreApprovalAuthority => (0, "system".into()),
        }
    }
}

/// The state subject `n` is left in, and whether its provider filed it.
fn fate(n: u64) -> (State, bool) {
    let proxy = mix(n, 12).is_multiple_of(2);
    match mix(n, 13) % 100 {
        0..=1 => (State::Draft, proxy),
        2..=4 => (State::PendingIspVerify, false),
        5..=7 => (State::PendingBureauReview, proxy),
        _ => (State::Approved, proxy),
    }
}

/// The workflow steps from 草稿 to `target`.
fn path(target: State, proxy: bool) -> Vec<(Action, Actor)> {
    let mut steps = if proxy {
        vec![(Action::Submit, Actor::Provider)]
    } else {
        vec![
            (Action::Submit, Actor::Filer),
            (Action::Verify, Actor::Provider),
        ]
    };
    steps.push((Action::ToBureau, Actor::System));
    steps.push((Action::Approve, Actor::Bureau));
    let len = match target {
        State::Draft => 0,
        State::PendingIspVerify => 1,
        State::PendingBureauReview => steps.len() - 1,
        _ => steps.len(),
    };
    steps.truncate(len);
    steps
}

/// Next free ids and 备案号 serials, carried from chunk to chunk.
struct Cursor {
    account: i32,
    application: i32,
    document: i32,
    history: i32,
    subject: i32,
    site: i32,
    serials: HashMap<(String, i32), i32>,
}

/// One chunk's rows, inserted table by table.
#[derive(Default)]
struct Rows {
    accounts: Vec<account::ActiveModel>,
    applications: Vec<application::ActiveModel>,
    application_domains: Vec<application_domain::ActiveModel>,
    documents: Vec<document::ActiveModel>,
    history: Vec<history::ActiveModel>,
    subjects: Vec<subject::ActiveModel>,
    sites: Vec<site::ActiveModel>,
    site_accesses: Vec<site_access::ActiveModel>,
    site_domains: Vec<site_domain::ActiveModel>,
    record_versions: Vec<record_version::ActiveModel>,
    principal_mobiles: Vec<principal_mobile::ActiveModel>,
    subject_grams: Vec<subject_gram::ActiveModel>,
}

/// Everything every generated subject shares.
struct Shared<'a> {
    places: Places,
    block: IpBlock,
    provider_id: i32,
    staff: &'a account::Model,
    reviewers: HashMap<String, account::Model>,
    password_hash: String,
    scan_sha256: String,
    sites_per_subject: u64,
    now: DateTime<Utc>,
}

impl Shared<'_> {
    fn scan(
        &self,
        rows: &mut Rows,
        cursor: &mut Cursor,
        app_id: i32,
        by: i32,
        kind: &str,
        at: DateTime<Utc>,
    ) -> DocumentRef {
        let id = cursor.document;
        cursor.document += 1;
        let name = format!("{}.png", kind.to_lowercase());
        rows.documents.push(document::ActiveModel {
            id: Set(id),
            application_id: Set(app_id),
            uploaded_by: Set(by),
            kind: Set(kind.to_owned()),
            file_name: Set(name.clone()),
            mime: Set("image/png".into()),
            size: Set(SCAN_PNG.len() as i32),
            sha256: Set(self.scan_sha256.clone()),
            bytes: Set(SCAN_PNG.to_vec()),
            created_at: Set(at),
        });
        DocumentRef {
            id: i64::from(id),
            name,
        }
    }

    /// Adds subject `n`'s rows; true when it ended approved.
    fn add(&self, rows: &mut Rows, cursor: &mut Cursor, n: u64) -> Result<bool, AppError> {
        let mut filing = filing(
            &self.places,
            (self.provider_id, &self.block),
            n,
            self.sites_per_subject,
        );
        let (target, proxy) = fate(n);
        let steps = path(target, proxy);
        let individual = filing.subject.nature == "INDIVIDUAL";
        let reviewer = self
            .reviewers
            .get(&filing.subject.province)
            .ok_or(AppError::Internal)?;
        // Approved over the last three years; in-flight ones lately.
        let age_days = if target == State::Approved {
            (mix(n, 14) % 1095) as i64
        } else {
            (mix(n, 14) % 20) as i64
        };
        let created = self.now
            - Duration::days(age_days + 12)
            - Duration::seconds((mix(n, 15) % 86_400) as i64);

        let owner = account::Model {
            id: cursor.account,
            username: format!("demo{n}"),
            password_hash: self.password_hash.clone(),
            role: Role::Filer,
            real_name: filing.subject.name.clone(),
            mobile: filing.subject.principal.mobile.clone(),
            email: filing.subject.principal.email.clone(),
            filer_kind: Some(if individual { "person" } else { "org" }.into()),
            province: None,
            status: AccountStatus::Active,
            last_login_at: None,
            previous_login_at: None,
            agreements_accepted_at: Some(created),
            agreements_version: Some(AGREEMENTS_VERSION.to_owned()),
            created_at: created,
            provider_id: None,
            session_epoch: 0,
            pre_approval_kinds: String::new(),
            language: None,
        };
        cursor.account += 1;
        let cast = Cast {
            owner: &owner,
            staff: self.staff,
            reviewer,
        };
        let app_id = cursor.application;
        cursor.application += 1;
        let filer = if proxy { self.staff.id } else { owner.id };
        if !individual {
            filing.subject.cert_scan =
                Some(self.scan(rows, cursor, app_id, filer, "SUBJECT_CERT", created));
        }
        filing.subject.principal.cert_scan =
            Some(self.scan(rows, cursor, app_id, filer, "PRINCIPAL_CERT", created));
        for site in &mut filing.sites {
            if site.kind == ServiceKind::App {
                site.app.icon = Some(self.scan(rows, cursor, app_id, filer, "APP_ICON", created));
            }
        }

        let mut state = State::Draft;
        let mut at = created;
        let mut verification = None;
        let mut submitted_at = None;
        let mut reached_bureau_at = None;
        let mut history_row =
            |action: HistoryAction, from: Option<State>, to: State, by: (i32, String), at| {
                rows.history.push(history::ActiveModel {
                    id: Set(cursor.history),
                    application_id: Set(app_id),
                    actor_id: Set(by.0),
                    actor_role: Set(by.1),
                    action: Set(action),
                    state_from: Set(from),
                    state_to: Set(to),
                    reason: Set(String::new()),
                    snapshot: Set(None),
                    at: Set(at),
                });
                cursor.history += 1;
            };
        history_row(
            HistoryAction::Create,
            None,
            State::Draft,
            cast.of(if proxy { Actor::Provider } else { Actor::Filer }),
            at,
        );
        for (action, actor) in &steps {
            at += match action {
                Action::Approve => Duration::days(9),
                Action::ToBureau => Duration::minutes(3),
                _ => Duration::days(1),
            };
            let to = transition(Kind::FirstFiling, state, *action, *actor)
                .map_err(|_| AppError::Internal)?;
            if *action == Action::Submit {
                submitted_at = Some(at);
            }
            if to == State::PendingBureauReview {
                reached_bureau_at = reached_bureau_at.or(Some(at));
            }
            history_row(
                HistoryAction::Act(*action),
                Some(state),
                to,
                cast.of(*actor),
                at,
            );
            state = to;
        }
        if steps
            .iter()
            .any(|(a, r)| *r == Actor::Provider && matches!(a, Action::Submit | Action::Verify))
        {
            verification = Some(Verification {
                verifier: self.staff.real_name.clone(),
                photo: Some(self.scan(rows, cursor, app_id, self.staff.id, "VERIFY_PHOTO", at)),
                checklist: Some(self.scan(rows, cursor, app_id, self.staff.id, "CHECKLIST", at)),
                electronic: None,
            });
        }
        rows.applications.push(application::ActiveModel {
            id: Set(app_id),
            kind: Set(Kind::FirstFiling),
            channel: Set(if proxy {
                Channel::Proxy
            } else {
                Channel::SelfFiled
            }),
            state: Set(state),
            version: Set(1 + steps.len() as i32),
            owner_id: Set(owner.id),
            created_by: Set(filer),
            provider_id: Set(Some(self.provider_id)),
            subject_name: Set(filing.subject.name.clone()),
            subject_cert_number: Set(filing.subject.cert_number.clone()),
            province: Set(filing.subject.province.clone()),
            pre_approval_kinds: Set(String::new()),
            payload: Set(Json(filing.clone())),
            verification: Set(verification.map(Json)),
            cancellation: Set(None),
            pre_approval_decisions: Set(None),
            base: Set(None),
            created_at: Set(created),
            updated_at: Set(at),
            state_since: Set(at),
            idle_warned_at: Set(None),
            submitted_at: Set(submitted_at),
            reached_bureau_at: Set(reached_bureau_at),
            reached_pre_approval_at: Set(None),
            control_proof: Set(String::new()),
        });
        for domain in filing.domains() {
            rows.application_domains
                .push(application_domain::ActiveModel {
                    application_id: Set(app_id),
                    domain: Set(domain),
                });
        }
        rows.accounts.push(owner.clone().into());
        if state != State::Approved {
            return Ok(false);
        }
        let year = time::beijing_today(at).year;
        let serial = cursor
            .serials
            .entry((filing.subject.province.clone(), year))
            .or_insert(0);
        *serial += 1;
        let prefix = PROVINCES
            .iter()
            .find(|p| p.code == filing.subject.province)
            .map_or("", |p| p.prefix);
        let number = numbers::format_subject_number(prefix, year, *serial);
        let subject_id = cursor.subject;
        cursor.subject += 1;
        rows.subjects.push(subject::ActiveModel {
            id: Set(subject_id),
            cert_number: Set(filing.subject.cert_number.clone()),
            name: Set(filing.subject.name.clone()),
            province: Set(filing.subject.province.clone()),
            number: Set(number.clone()),
            password_hash: Set(self.password_hash.clone()),
            last_site_suffix: Set(filing.sites.len() as i32),
            status: Set(RecordStatus::Live),
            owner_id: Set(owner.id),
            application_id: Set(app_id),
            approved_at: Set(at),
            version: Set(1),
            nature: Set(filing.subject.nature.clone()),
            principal_name: Set(filing.subject.principal.name.clone()),
        });
        let mut record = filing.clone();
        record.sites.clear();
        for (i, proposed) in filing.sites.iter().enumerate() {
            let site_id = cursor.site;
            cursor.site += 1;
            let suffix = i as i32 + 1;
            let provider = Some(i64::from(self.provider_id));
            let approved = Site {
                accesses: Site::approved_accesses(&[], &proposed.accesses, provider, false),
                ..proposed.clone()
            };
            record.sites.push(approved.clone());
            rows.sites.push(site::ActiveModel {
                id: Set(site_id),
                subject_id: Set(subject_id),
                suffix: Set(suffix),
                number: Set(numbers::site_number(&number, suffix, proposed.kind)),
                name: Set(proposed.name.clone()),
                kind: Set(proposed.kind),
                app_ids: Set(records::app_ids(proposed)),
                payload: Set(Json(approved)),
                status: Set(RecordStatus::Live),
                application_id: Set(app_id),
                approved_at: Set(at),
                inspected_at: Set(None),
                psb_number: Set(None),
                psb_reminded: Set(None),
                former_provider_id: Set(None),
            });
            rows.site_accesses.push(site_access::ActiveModel {
                site_id: Set(site_id),
                provider_id: Set(self.provider_id),
            });
            for domain in &proposed.domains {
                rows.site_domains.push(site_domain::ActiveModel {
                    domain: Set(normalize_domain(domain)),
                    site_id: Set(site_id),
                });
            }
        }
        rows.principal_mobiles
            .extend(super::principal_mobiles::rows(subject_id, &record));
        rows.subject_grams.extend(super::name_grams::rows(
            subject_id,
            &filing.subject.name,
            &filing.subject.principal.name,
        ));
        rows.record_versions.push(record_version::ActiveModel {
            subject_id: Set(subject_id),
            version: Set(1),
            application_id: Set(app_id),
            approved_at: Set(at),
            filing: Set(Json(record)),
            ..Default::default()
        });
        Ok(true)
    }
}

/// Inserts rows in statements small enough for either database's limit on
/// bound values (SQLite's is 32,766).
async fn insert_all<A, C>(db: &C, rows: Vec<A>) -> Result<(), AppError>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
    let per_statement = (30_000 / columns).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(per_statement).collect();
        <A::Entity as EntityTrait>::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The highest id of `table`, 0 when empty.
async fn max_id<C: ConnectionTrait>(db: &C, table: &str) -> Result<i32, AppError> {
    let backend = db.get_database_backend();
    let sql = format!("SELECT COALESCE(MAX(id), 0) AS id FROM {table}");
    let row = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
        .ok_or(AppError::Internal)?;
    let value: i64 = row
        .try_get::<i64>("", "id")
        .or_else(|_| row.try_get::<i32>("", "id").map(i64::from))?;
    i32::try_from(value).map_err(|_| AppError::Internal)
}

/// A reviewer of each province, `demo_reviewer_{code}`, to approve the
/// generated filings.
async fn reviewers(
    db: &DatabaseConnection,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<HashMap<String, account::Model>, AppError> {
    let mut found = HashMap::new();
    for province in PROVINCES {
        let username = format!("demo_reviewer_{}", province.code);
        let reviewer = match accounts::find_by_username(db, &username).await? {
            Some(account) => account,
            None => {
                account::ActiveModel {
                    username: Set(username),
                    password_hash: Set(password_hash.to_owned()),
                    role: Set(Role::BureauReviewer),
                    real_name: Set(format!("{}审核员", province.name_zh)),
                    mobile: Set(String::new()),
                    email: Set(String::new()),
                    province: Set(Some(province.code.into())),
                    status: Set(AccountStatus::Active),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?
            }
        };
        found.insert(province.code.to_owned(), reviewer);
    }
    Ok(found)
}

/// Writes the 备案号 counters as they stand.
async fn save_counters<C: ConnectionTrait>(
    db: &C,
    serials: &HashMap<(String, i32), i32>,
) -> Result<(), AppError> {
    for ((province, year), last_serial) in serials {
        number_counter::Entity::insert(number_counter::ActiveModel {
            province: Set(province.clone()),
            year: Set(*year),
            last_serial: Set(*last_serial),
        })
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                number_counter::Column::Province,
                number_counter::Column::Year,
            ])
            .update_column(number_counter::Column::LastSerial)
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Generates `scale` on top of the demo accounts (which must exist),
/// calling `progress` with the subjects written so far after each chunk.
pub async fn generate(
    db: &DatabaseConnection,
    scale: Scale,
    now: DateTime<Utc>,
    progress: impl Fn(u64),
) -> Result<Generated, AppError> {
    if !(1..=10).contains(&scale.sites_per_subject) {
        return Err(AppError::BadRequest);
    }
    let provider = providers::list(db)
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let block = providers::blocks(&provider)
        .into_iter()
        .find(IpBlock::is_ipv4)
        .ok_or(AppError::NotFound)?;
    let staff = accounts::find_by_username(db, super::seed::DEMO_ACCOUNTS[1].username)
        .await?
        .ok_or(AppError::NotFound)?;
    let password_hash = auth::password::hash(super::seed::GENERATED_PASSWORD.into()).await?;
    let shared = Shared {
        places: Places::load(),
        block,
        provider_id: provider.id,
        staff: &staff,
        reviewers: reviewers(db, &password_hash, now).await?,
        password_hash,
        scan_sha256: format!("{:x}", Sha256::digest(SCAN_PNG)),
        sites_per_subject: scale.sites_per_subject,
        now,
    };
    let mut serials = HashMap::new();
    for counter in number_counter::Entity::find().all(db).await? {
        serials.insert((counter.province, counter.year), counter.last_serial);
    }
    let mut cursor = Cursor {
        account: max_id(db, "account").await? + 1,
        application: max_id(db, "application").await? + 1,
        document: max_id(db, "document").await? + 1,
        history: max_id(db, "history").await? + 1,
        subject: max_id(db, "subject").await? + 1,
        site: max_id(db, "site").await? + 1,
        serials,
    };
    // Indexes continue past every account so far: a second run adds new
    // people, never the same ones again.
    let first = cursor.account as u64;
    let mut generated = Generated::default();
    let mut done = 0;
    while done < scale.subjects {
        let size = CHUNK.min(scale.subjects - done);
        let mut rows = Rows::default();
        for n in first + done..first + done + size {
            if shared.add(&mut rows, &mut cursor, n)? {
                generated.live_sites += scale.sites_per_subject;
            } else {
                generated.unfinished += 1;
            }
        }
        let txn = super::infra::db::begin_write(db).await?;
        insert_all(&txn, rows.accounts).await?;
        insert_all(&txn, rows.applications).await?;
        insert_all(&txn, rows.application_domains).await?;
        insert_all(&txn, rows.documents).await?;
        insert_all(&txn, rows.history).await?;
        insert_all(&txn, rows.subjects).await?;
        insert_all(&txn, rows.sites).await?;
        insert_all(&txn, rows.site_accesses).await?;
        insert_all(&txn, rows.site_domains).await?;
        insert_all(&txn, rows.record_versions).await?;
        insert_all(&txn, rows.principal_mobiles).await?;
        insert_all(&txn, rows.subject_grams).await?;
        // The counters move in the same transaction, so an interrupted
        // run never leaves a number that a later approval issues again.
        save_counters(&txn, &cursor.serials).await?;
        txn.commit().await?;
        done += size;
        generated.subjects = done;
        progress(done);
    }
    // A bulk load: the planners learn of it now rather than later.
    super::infra::db::refresh_statistics(db).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        // Ids were given here: the sequences move past them.
        let txn = db.begin().await?;
        for table in [
            "account",
            "application",
            "document",
            "history",
            "subject",
            "site",
        ] {
            txn.execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     (SELECT MAX(id) FROM {table}))"
                ),
            ))
            .await?;
        }
        txn.commit().await?;
    }
    Ok(generated)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::filing::Context;

    fn with_scans(mut filing: Filing) -> Filing {
        let scan = Some(DocumentRef {
            id: 1,
            name: "scan.png".into(),
        });
        if filing.subject.nature != "INDIVIDUAL" {
            filing.subject.cert_scan = scan.clone();
        }
        filing.subject.principal.cert_scan = scan.clone();
        // The provinces whose rules ask for a 承诺书 get one.
        filing.subject.commitment = scan.clone();
        for site in &mut filing.sites {
            if site.kind == ServiceKind::App {
                site.app.icon = scan.clone();
            }
        }
        filing
    }

    #[test]
    fn generated_filings_pass_the_full_validation_and_never_repeat_a_number() {
        let places = Places::load();
        let blocks = crate::domain::ip::parse_blocks(super::super::seed::DEMO_PROVIDER.1).unwrap();
        let context = Context {
            today: Date::new(2026, 11, 29).unwrap(),
            provider_blocks: Some(&blocks),
        };
        let mut certs = HashSet::new();
        let mut principals = HashSet::new();
        let mut domains = HashSet::new();
        let mut apps = 0;
        for n in (1..3000).chain(1_000_000..1_001_000) {
            let filing = with_scans(filing(&places, (1, &blocks[0]), n, 3));
            let errors = filing.validate(&context);
            assert!(errors.is_empty(), "subject {n}: {errors:?}\n{filing:?}");
            assert!(certs.insert(filing.subject.cert_number.clone()), "cert {n}");
            assert!(principals.insert(filing.subject.principal.cert_number.clone()));
            for domain in filing.domains() {
                assert!(domains.insert(domain.clone()), "domain {domain}");
            }
            apps += filing
                .sites
                .iter()
                .filter(|s| s.kind == ServiceKind::App)
                .count();
        }
        assert!(apps > 300, "a fair share of companies file an app: {apps}");
    }

    #[test]
    fn every_fate_is_reached_by_legal_transitions() {
        let mut reached = HashSet::new();
        for n in 0..2000 {
            let (target, proxy) = fate(n);
            let mut state = State::Draft;
            for (action, actor) in path(target, proxy) {
                state = transition(Kind::FirstFiling, state, action, actor).unwrap();
            }
            assert_eq!(state, target, "subject {n}, proxy {proxy}");
            reached.insert(target.code());
        }
        assert_eq!(reached.len(), 4);
    }
}
