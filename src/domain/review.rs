//! Return reasons (未通过原因) and the fields a reviewer may pin them to.
//! Shared so the reviewer's form checks a reason as it is typed and the
//! server checks it again.

use serde::{Deserialize, Serialize};

use super::field_error::FieldError;
use super::filing::Filing;
use super::lang::Lang;
use super::service::ServiceKind;
use super::workflow::{transition, Action, Actor, Kind, State};

/// The longest reason text accepted.
pub const MAX_REASON_CHARS: usize = 500;

/// Why an application goes back: for the whole filing (`field` empty) or
/// for one field, named by its wizard path (e.g. `sites[0].name`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnReason {
    pub field: String,
    /// A rule id for automatic returns (e.g. `AR04`); empty for people's.
    #[serde(default)]
    pub rule: String,
    pub text: String,
}

impl ReturnReason {
    /// The reason as an error at its field, which is how the wizard shows
    /// it; a whole-filing reason appears at the top of the form.
    pub fn as_field_error(&self) -> FieldError {
        let field = if self.field.is_empty() {
            "form"
        } else {
            &self.field
        };
        let rule = if self.rule.is_empty() {
            "RETURNED"
        } else {
            &self.rule
        };
        FieldError::new(field, rule, &self.text, &self.text)
    }
}

/// The return `actor` may take on an application of `kind` in `state`,
/// preferring a return to the filer: how a 留言 asking for a change is
/// answered by sending the application back (`None` when it cannot be).
pub fn return_for_message(kind: Kind, state: State, actor: Actor) -> Option<Action> {
    [Action::ReturnToSponsor, Action::ReturnToIsp]
        .into_iter()
        .find(|action| transition(kind, state, *action, actor).is_ok())
}

/// The reason a return for 留言 #`message_id` records: the 留言 itself,
/// cut to fit a reason (the whole text stays in the thread).
pub fn message_reason(message_id: i32, body: &str) -> String {
    let head = format!("按申请留言 #{message_id} 修改：");
    let room = MAX_REASON_CHARS - head.chars().count();
    let body = body.trim();
    if body.chars().count() <= room {
        format!("{head}{body}")
    } else {
        let cut: String = body.chars().take(room - 1).collect();
        format!("{head}{cut}…")
    }
}

/// True for the actions that send an application back, which must say why
/// (docs/domain.md §3.2 T5, T6, T14, T18).
pub fn needs_reason(action: Action) -> bool {
    matches!(
        action,
        Action::ReturnToSponsor
            | Action::ReturnToIsp
            | Action::RejectPreApproval
            | Action::AutoReturn
    )
}

/// Checks the reasons given with `action` against `filing`: a return needs
/// at least one; each has text of at most 500 characters and, when pinned,
/// a field the filing has.
pub fn validate_reasons(
    action: Action,
    reasons: &[ReturnReason],
    filing: &Filing,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if needs_reason(action) && reasons.iter().all(|r| r.text.trim().is_empty()) {
        errors.push(FieldError::new(
            "reason",
            "REASON_REQUIRED",
            "退回时必须填写退回原因",
            "A return needs a reason",
        ));
    }
    let fields = pinnable_fields(filing, Lang::Zh);
    for (i, reason) in reasons.iter().enumerate() {
        let at = format!("reasons[{i}]");
        let chars = reason.text.trim().chars().count();
        if chars > MAX_REASON_CHARS {
            errors.push(FieldError::new(
                &at,
                "REASON_TOO_LONG",
                "退回原因不能超过500个字",
                "A reason has at most 500 characters",
            ));
        }
        if !reason.field.is_empty() && !fields.iter().any(|f| f.path == reason.field) {
            errors.push(FieldError::new(
                &at,
                "REASON_FIELD_UNKNOWN",
                "所指字段不在该备案中，请重新选择",
                "The field is not in this filing; choose again",
            ));
        }
    }
    errors
}

/// A field a reason can be pinned to, with its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnableField {
    pub path: String,
    pub label: String,
}

/// The fields of `filing` a reviewer can point at, in form order, labelled
/// in `lang`.
pub fn pinnable_fields(filing: &Filing, lang: Lang) -> Vec<PinnableField> {
    let mut fields = Vec::new();
    let mut add = |path: String, label: String| fields.push(PinnableField { path, label });
    for (path, zh, en) in [
        ("subject.name", "主办单位名称", "Sponsor name"),
        (
            "subject.cert_number",
            "主办单位证件号码",
            "Sponsor certificate number",
        ),
        (
            "subject.cert_address",
            "主办单位证件住所",
            "Sponsor certificate address",
        ),
        (
            "subject.mail_address",
            "主办单位通讯地址",
            "Sponsor mailing address",
        ),
        (
            "subject.cert_scan",
            "主办单位证件扫描件",
            "Sponsor certificate scan",
        ),
        (
            "subject.principal.name",
            "主体负责人姓名",
            "Subject principal's name",
        ),
        (
            "subject.principal.cert_number",
            "主体负责人证件号码",
            "Subject principal's certificate number",
        ),
        (
            "subject.principal.mobile",
            "主体负责人手机号码",
            "Subject principal's mobile",
        ),
        (
            "subject.principal.email",
            "主体负责人电子邮箱",
            "Subject principal's e-mail",
        ),
        (
            "subject.principal.cert_scan",
            "主体负责人证件扫描件",
            "Subject principal's certificate scan",
        ),
    ] {
        add(path.to_owned(), lang.pick(zh, en).to_owned());
    }
    if filing.subject.principal_by_authorisation {
        add(
            "subject.authorisation".to_owned(),
            lang.pick("法定代表人授权书", "Legal representative's authorisation")
                .to_owned(),
        );
    }
    if filing.subject.commitment.is_some() {
        add(
            "subject.commitment".to_owned(),
            lang.pick(
                "网站备案信息真实性承诺书",
                "Commitment to the filing's truth",
            )
            .to_owned(),
        );
    }
    for (i, site) in filing.sites.iter().enumerate() {
        let p = |rest: &str| format!("sites[{i}].{rest}");
        let kind = site.kind.label(lang);
        let n = lang.pick(format!("{kind}{}", i + 1), format!("{kind} {}", i + 1));
        let named = |zh: &str, en: &str| format!("{n} {}", lang.pick(zh, en));
        add(p("name"), named(&format!("{kind}名称"), "name"));
        match site.kind {
            ServiceKind::Website => {
                for (j, domain) in site.domains.iter().enumerate() {
                    add(
                        p(&format!("domains[{j}]")),
                        named(&format!("域名 {domain}"), &format!("domain {domain}")),
                    );
                }
                add(p("home_url"), named("首页URL", "home page URL"));
            }
            ServiceKind::App => {
                add(p("app.icon"), named("图标", "icon"));
                for (k, platform) in site.app.platforms.iter().enumerate() {
                    let q = |rest: &str| p(&format!("app.platforms[{k}].{rest}"));
                    let package = &platform.package;
                    add(
                        q("package"),
                        named(&format!("包名 {package}"), &format!("package {package}")),
                    );
                    add(
                        q("fingerprint"),
                        named(
                            &format!("{package} 签名指纹"),
                            &format!("{package} signature fingerprint"),
                        ),
                    );
                }
                add(p("app.domains"), named("使用的域名", "domains used"));
            }
            ServiceKind::MiniProgram | ServiceKind::QuickApp => {
                let id = &site.mini.app_id;
                add(
                    p("mini.app_id"),
                    named(&format!("平台ID {id}"), &format!("platform ID {id}")),
                );
            }
        }
        add(p("content"), named("服务内容", "service content"));
        add(p("pre_approvals"), named("前置审批", "pre-approvals"));
        add(p("principal.name"), named("负责人姓名", "principal's name"));
        add(
            p("principal.cert_number"),
            named("负责人证件号码", "principal's certificate number"),
        );
        add(
            p("principal.mobile"),
            named("负责人手机号码", "principal's mobile"),
        );
        for k in 0..site.accesses.len() {
            add(
                p(&format!("accesses[{k}].ips")),
                named(
                    &format!("接入{} IP地址", k + 1),
                    &format!("access {} IP addresses", k + 1),
                ),
            );
        }
    }
    fields
}

/// One value changed since a return: shown beside the resubmit so the
/// reviewer (and the filer) see exactly what was fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub path: String,
    pub before: String,
    pub after: String,
}

fn flatten(value: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let p = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                flatten(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, format!("{path}[{i}]"), out);
            }
        }
        Value::Null => out.push((path, String::new())),
        Value::String(s) => out.push((path, s.clone())),
        other => out.push((path, other.to_string())),
    }
}

/// Every value that differs between the filing as returned and as it is
/// now, by field path (document ids left out: a new scan shows by name).
pub fn changes_since(before: &Filing, after: &Filing) -> Vec<Change> {
    let pairs = |filing: &Filing| {
        let mut out = Vec::new();
        if let Ok(value) = serde_json::to_value(filing) {
            flatten(&value, String::new(), &mut out);
        }
        out.retain(|(path, _)| !path.ends_with(".id") && path != "provider_id");
        out
    };
    let (old, new) = (pairs(before), pairs(after));
    let value_in = |list: &[(String, String)], path: &str| {
        list.iter()
            .find(|(p, _)| p == path)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut paths: Vec<&String> = old.iter().map(|(p, _)| p).collect();
    paths.extend(
        new.iter()
            .map(|(p, _)| p)
            .filter(|p| !old.iter().any(|(o, _)| o == *p)),
    );
    paths
        .into_iter()
        .filter_map(|path| {
            let (b, a) = (value_in(&old, path), value_in(&new, path));
            (b != a).then(|| Change {
                path: path.clone(),
                before: b,
                after: a,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filing::Site;

    #[test]
    fn a_message_is_answered_with_the_return_its_reader_may_take() {
        let of = |state, actor| return_for_message(Kind::FirstFiling, state, actor);
        assert_eq!(
            of(State::PendingIspVerify, Actor::Provider),
            Some(Action::ReturnToSponsor)
        );
        // The 管局 sends back to the provider, who passes it on.
        assert_eq!(
            of(State::PendingBureauReview, Actor::Bureau),
            Some(Action::ReturnToIsp)
        );
        assert_eq!(of(State::PendingIspVerify, Actor::Bureau), None);
        assert_eq!(of(State::Approved, Actor::Provider), None);
        assert_eq!(of(State::ReturnedToSponsor, Actor::Provider), None);
    }

    #[test]
    fn a_message_reason_fits_a_reason_and_keeps_its_start() {
        assert_eq!(
            message_reason(7, " 请退回，我要改网站名称 "),
            "按申请留言 #7 修改：请退回，我要改网站名称"
        );
        let long = message_reason(7, &"改".repeat(600));
        assert_eq!(long.chars().count(), MAX_REASON_CHARS);
        assert!(long.ends_with('…'));
    }

    fn filing() -> Filing {
        Filing {
            sites: vec![Site {
                domains: vec!["example.cn".into()],
                ..Site::default()
            }],
            ..Filing::default()
        }
    }

    fn reason(field: &str, text: &str) -> ReturnReason {
        ReturnReason {
            field: field.into(),
            rule: String::new(),
            text: text.into(),
        }
    }

    #[test]
    fn a_return_needs_a_reason_and_an_approval_does_not() {
        let rules = |action, reasons: &[ReturnReason]| -> Vec<String> {
            validate_reasons(action, reasons, &filing())
                .into_iter()
                .map(|e| e.rule)
                .collect()
        };
        assert_eq!(rules(Action::ReturnToSponsor, &[]), ["REASON_REQUIRED"]);
        assert_eq!(
            rules(Action::ReturnToIsp, &[reason("", "  ")]),
            ["REASON_REQUIRED"]
        );
        assert!(rules(Action::Approve, &[]).is_empty());
        assert!(rules(Action::ReturnToIsp, &[reason("", "证件照片模糊")]).is_empty());
    }

    #[test]
    fn pinned_fields_must_exist_and_text_is_bounded() {
        let errors = validate_reasons(
            Action::ReturnToSponsor,
            &[
                reason("sites[0].domains[0]", "域名证书与主体不符"),
                reason("sites[3].name", "名称不符"),
                reason("", &"长".repeat(MAX_REASON_CHARS + 1)),
            ],
            &filing(),
        );
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.rule.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("reasons[1]", "REASON_FIELD_UNKNOWN"),
                ("reasons[2]", "REASON_TOO_LONG")
            ]
        );
    }

    #[test]
    fn the_authorisation_can_be_pinned_once_the_filing_has_one() {
        let pin = [reason("subject.authorisation", "授权书未盖章")];
        let rules = |filing: &Filing| -> Vec<String> {
            validate_reasons(Action::ReturnToSponsor, &pin, filing)
                .into_iter()
                .map(|e| e.rule)
                .collect()
        };
        assert_eq!(rules(&filing()), ["REASON_FIELD_UNKNOWN"]);
        let mut delegated = filing();
        delegated.subject.principal_by_authorisation = true;
        assert!(rules(&delegated).is_empty());
    }

    #[test]
    fn changes_since_a_return_name_each_field() {
        let before = filing();
        let mut after = before.clone();
        after.sites[0].name = "新名称".into();
        after.sites[0].domains.push("example.com.cn".into());
        let changes = changes_since(&before, &after);
        let found: Vec<_> = changes
            .iter()
            .map(|c| (c.path.as_str(), c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("sites[0].name", "", "新名称"),
                ("sites[0].domains[1]", "", "example.com.cn")
            ]
        );
        assert!(changes_since(&before, &before).is_empty());
    }

    #[test]
    fn a_reason_shows_at_its_field() {
        let e = reason("sites[0].name", "名称含有禁用词").as_field_error();
        assert_eq!(
            (e.field.as_str(), e.rule.as_str()),
            ("sites[0].name", "RETURNED")
        );
        assert_eq!(reason("", "x").as_field_error().field, "form");
    }
}
