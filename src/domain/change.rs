//! 变更 (docs/domain.md §2.16): exactly one kind per application, and which
//! fields each kind leaves open. The wizard locks the rest as it renders,
//! and the server refuses any save that touched them.

use serde::{Deserialize, Serialize};

use super::field_error::FieldError;
use super::filing::{Access, Filing, Site};
use super::lang::Lang;
use super::service::ServiceKind;
use super::workflow::Kind;

/// The four kinds of change the seed offers (§2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    /// 变更主体信息.
    Subject,
    /// 变更网站信息 (domains may only be removed).
    Site,
    /// 变更接入信息.
    Access,
    /// 新增网站.
    AddSite,
}

impl ChangeKind {
    /// Every kind, in the order the chooser lists them.
    pub const ALL: [ChangeKind; 4] = [
        ChangeKind::Subject,
        ChangeKind::Site,
        ChangeKind::Access,
        ChangeKind::AddSite,
    ];

    /// The application kind it files.
    pub fn kind(self) -> Kind {
        match self {
            ChangeKind::Subject => Kind::ChangeSubject,
            ChangeKind::Site => Kind::ChangeSite,
            ChangeKind::Access => Kind::ChangeAccess,
            ChangeKind::AddSite => Kind::AddSite,
        }
    }

    /// The change kind an application of `kind` is, if it is one (a
    /// 新增网站 is a change only when it started from a live record).
    pub fn from_kind(kind: Kind) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|c| c.kind() == kind)
    }

    /// The chooser's label.
    pub fn label_zh(self) -> &'static str {
        match self {
            ChangeKind::Subject => "变更主体信息",
            ChangeKind::Site => "变更网站信息",
            ChangeKind::Access => "变更接入信息",
            ChangeKind::AddSite => "新增网站",
        }
    }

    /// The chooser's label in English.
    pub fn label_en(self) -> &'static str {
        match self {
            ChangeKind::Subject => "Change subject details",
            ChangeKind::Site => "Change site details",
            ChangeKind::Access => "Change access details",
            ChangeKind::AddSite => "Add a site",
        }
    }

    /// The label in the page's language.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }

    /// The value a form sends for it: its serde name, which the server
    /// function reads back.
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Subject => "Subject",
            ChangeKind::Site => "Site",
            ChangeKind::Access => "Access",
            ChangeKind::AddSite => "AddSite",
        }
    }

    /// The wizard step the change opens on: the subject's for a subject
    /// change, else the sites'.
    pub fn first_step(self) -> u8 {
        match self {
            ChangeKind::Subject => 1,
            _ => 2,
        }
    }
}

/// The live record a change starts from: its data and its sites' numbers,
/// in the same order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Base {
    pub filing: Filing,
    pub site_numbers: Vec<String>,
}

/// Subject fields no change may touch: another legal entity is a new
/// filing, not a change.
const FIXED_SUBJECT_FIELDS: [&str; 4] = [
    "subject.province",
    "subject.nature",
    "subject.cert_type",
    "subject.cert_number",
];

/// Whether the field at `path` is locked in a change of `kind` whose base
/// has `base_sites` sites.
pub fn locked(kind: ChangeKind, path: &str, base_sites: usize) -> bool {
    let site_index = path
        .strip_prefix("sites[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|i| i.parse::<usize>().ok());
    match (kind, site_index) {
        (ChangeKind::Subject, None) => FIXED_SUBJECT_FIELDS.iter().any(|f| path.starts_with(f)),
        (ChangeKind::Subject, Some(_)) => true,
        // A service keeps its kind; a website its 网站域名 (an app's own
        // `app.domains` are its data, free to change).
        (ChangeKind::Site, Some(_)) => {
            let field = path.split_once("].").map_or("", |(_, rest)| rest);
            ["accesses", "domains", "kind"]
                .iter()
                .any(|locked| field.starts_with(locked))
        }
        (ChangeKind::Access, Some(_)) => !path.contains(".accesses"),
        (ChangeKind::AddSite, Some(i)) => i < base_sites,
        // The subject is the 主体's; anything else (the provider's 核验)
        // is not part of the record.
        (_, None) => path.starts_with("subject"),
    }
}

/// Every way `proposed` departs from what a change of `kind` may do to
/// `base`; empty when the save is allowed.
pub fn violations(kind: ChangeKind, base: &Filing, proposed: &Filing) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut refuse = |path: &str| {
        errors.push(FieldError::new(
            path,
            "CHG_LOCKED",
            &format!("“{}”不能修改", kind.label_zh()),
            &format!("This field cannot be changed in a {kind:?} change"),
        ))
    };
    let subject_fixed = |a: &Filing, b: &Filing| {
        a.subject.province == b.subject.province
            && a.subject.nature == b.subject.nature
            && a.subject.cert_type == b.subject.cert_type
            && a.subject.cert_number == b.subject.cert_number
    };
    if kind == ChangeKind::Subject {
        if !subject_fixed(base, proposed) {
            refuse("subject.cert_number");
        }
    } else if base.subject != proposed.subject {
        refuse("subject");
    }
    let same_count = base.sites.len() == proposed.sites.len();
    match kind {
        ChangeKind::Subject => {
            if base.sites != proposed.sites {
                refuse("sites");
            }
        }
        ChangeKind::AddSite => {
            let kept = proposed.sites.get(..base.sites.len());
            if kept != Some(base.sites.as_slice()) {
                refuse("sites");
            }
        }
        ChangeKind::Site | ChangeKind::Access => {
            if !same_count {
                refuse("sites");
            }
            for (i, (before, after)) in base.sites.iter().zip(&proposed.sites).enumerate() {
                let allowed = if kind == ChangeKind::Site {
                    let domains_kept = if before.kind == ServiceKind::Website {
                        !after.domains.is_empty()
                            && after.domains.iter().all(|d| before.domains.contains(d))
                    } else {
                        after.domains.is_empty()
                    };
                    before.accesses == after.accesses && before.kind == after.kind && domains_kept
                } else {
                    Site {
                        accesses: after.accesses.clone(),
                        ..before.clone()
                    } == *after
                };
                if !allowed {
                    refuse(&format!("sites[{i}]"));
                }
            }
        }
    }
    // Another provider's access is that provider's to change: it stays as
    // the record has it, whoever files the change.
    let foreign = |site: &Site| -> Vec<Access> {
        site.accesses
            .iter()
            .filter(|a| !a.is_of(proposed.provider_id))
            .cloned()
            .collect()
    };
    for (i, (before, after)) in base.sites.iter().zip(&proposed.sites).enumerate() {
        if foreign(before) != foreign(after) {
            errors.push(FieldError::new(
                &format!("sites[{i}].accesses"),
                "CHG_OTHER_PROVIDER_ACCESS",
                "其他接入服务商的接入信息只能由该接入服务商变更",
                "Another provider's access can only be changed by that provider",
            ));
        }
    }
    errors
}

/// A change that changes nothing is refused on submit.
pub fn unchanged(base: &Filing, proposed: &Filing) -> Option<FieldError> {
    (base == proposed).then(|| {
        FieldError::new(
            "form",
            "CHG_NOTHING",
            "没有任何变更内容，无需提交",
            "Nothing was changed",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kinds_form_value_is_what_the_server_reads_back() {
        for kind in ChangeKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
        }
    }

    fn base() -> Filing {
        let mut filing = Filing::default();
        filing.subject.cert_number = "91510100MA61HHHH33".into();
        filing.subject.name = "成都蓝海科技有限公司".into();
        filing.sites = vec![Site {
            name: "蓝海".into(),
            domains: vec!["lanhai.com".into(), "lanhai.cn".into()],
            ..Site::default()
        }];
        filing
    }

    fn rules(kind: ChangeKind, proposed: &Filing) -> Vec<String> {
        violations(kind, &base(), proposed)
            .into_iter()
            .map(|e| format!("{}:{}", e.field, e.rule))
            .collect()
    }

    #[test]
    fn only_a_providers_own_access_is_open_to_its_change() {
        let mut served_twice = base();
        served_twice.provider_id = Some(2);
        served_twice.sites[0].accesses = vec![
            Access {
                provider_id: Some(1),
                ips: "121.40.1.10".into(),
                ..Access::default()
            },
            Access {
                provider_id: Some(2),
                ips: "47.92.0.1".into(),
                ..Access::default()
            },
        ];
        let mut own = served_twice.clone();
        own.sites[0].accesses[1].ips = "47.92.0.2".into();
        assert!(violations(ChangeKind::Access, &served_twice, &own).is_empty());
        let mut others = served_twice.clone();
        others.sites[0].accesses[0].ips = "47.92.0.3".into();
        let found: Vec<String> = violations(ChangeKind::Access, &served_twice, &others)
            .into_iter()
            .map(|e| format!("{}:{}", e.field, e.rule))
            .collect();
        assert_eq!(found, ["sites[0].accesses:CHG_OTHER_PROVIDER_ACCESS"]);
        let mut removed = served_twice.clone();
        removed.sites[0].accesses.remove(0);
        assert!(!violations(ChangeKind::Access, &served_twice, &removed).is_empty());
    }

    #[test]
    fn each_kind_opens_only_its_own_fields() {
        let mut renamed = base();
        renamed.subject.name = "成都蓝海云科技有限公司".into();
        assert!(rules(ChangeKind::Subject, &renamed).is_empty());
        assert_eq!(rules(ChangeKind::Site, &renamed), ["subject:CHG_LOCKED"]);

        let mut other_entity = base();
        other_entity.subject.cert_number = "91510100MA61EEEE1U".into();
        assert_eq!(
            rules(ChangeKind::Subject, &other_entity),
            ["subject.cert_number:CHG_LOCKED"]
        );

        let mut site = base();
        site.sites[0].name = "蓝海科技".into();
        site.sites[0].domains.pop();
        assert!(
            rules(ChangeKind::Site, &site).is_empty(),
            "rename, drop a domain"
        );
        assert_eq!(rules(ChangeKind::Access, &site), ["sites[0]:CHG_LOCKED"]);
        site.sites[0].domains.push("new-domain.cn".into());
        assert_eq!(rules(ChangeKind::Site, &site), ["sites[0]:CHG_LOCKED"]);

        let mut app = base();
        app.sites[0] = Site {
            kind: ServiceKind::App,
            domains: Vec::new(),
            ..app.sites[0].clone()
        };
        let mut app_changed = app.clone();
        app_changed.sites[0]
            .app
            .domains
            .push("api.example.com".into());
        assert!(
            violations(ChangeKind::Site, &app, &app_changed).is_empty(),
            "an app's own domains change freely"
        );
        app_changed.sites[0].kind = ServiceKind::MiniProgram;
        assert_eq!(
            violations(ChangeKind::Site, &app, &app_changed)[0].field,
            "sites[0]",
            "no service changes its kind"
        );

        let mut added = base();
        added.sites.push(Site::default());
        assert!(rules(ChangeKind::AddSite, &added).is_empty());
        assert_eq!(rules(ChangeKind::Site, &added), ["sites:CHG_LOCKED"]);
        assert_eq!(unchanged(&base(), &base()).unwrap().rule, "CHG_NOTHING");
    }

    #[test]
    fn locks_follow_the_kind() {
        assert!(locked(ChangeKind::Subject, "subject.cert_number", 1));
        assert!(!locked(ChangeKind::Subject, "subject.name", 1));
        assert!(locked(ChangeKind::Subject, "sites[0].name", 1));
        assert!(!locked(ChangeKind::Site, "sites[0].name", 1));
        assert!(locked(ChangeKind::Site, "sites[0].domains[1]", 1));
        assert!(locked(ChangeKind::Site, "sites[0].kind", 1));
        assert!(!locked(ChangeKind::Site, "sites[0].app.domains[1]", 1));
        assert!(!locked(
            ChangeKind::Site,
            "sites[0].app.platforms[0].package",
            1
        ));
        assert!(locked(ChangeKind::Site, "sites[0].accesses[0].ips", 1));
        assert!(!locked(ChangeKind::Access, "sites[0].accesses[0].ips", 1));
        assert!(locked(ChangeKind::AddSite, "sites[0].name", 1));
        assert!(!locked(ChangeKind::AddSite, "sites[1].name", 1));
        assert!(locked(ChangeKind::AddSite, "subject.name", 1));
        assert!(!locked(ChangeKind::Site, "verification.photo", 1));
    }
}
