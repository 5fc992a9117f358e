//! Reads and writes a filing's fields by the same paths `Filing::validate`
//! reports (`sites[1].principal.mobile`), so each input finds its value and
//! its error by one name.

use crate::domain::filing::{Filing, Person};
use crate::domain::service::AppInfo;
use crate::domain::upload::DocumentRef;

/// The DOM id of a field path (`sites[1].name` → `f-sites-1-name`).
pub fn dom_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

/// The wizard step that shows a path: 1 for the subject, 2 for sites.
pub fn step_of(path: &str) -> u8 {
    if path.starts_with("subject") {
        1
    } else if path.starts_with("verification") {
        3
    } else {
        2
    }
}

/// Splits `sites[3].rest` into (3, "rest").
fn indexed<'a>(path: &'a str, name: &str) -> Option<(usize, &'a str)> {
    let rest = path.strip_prefix(name)?.strip_prefix('[')?;
    let (index, rest) = rest.split_once(']')?;
    Some((index.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
}

fn person_text<'a>(p: &'a Person, field: &str) -> Option<&'a String> {
    Some(match field {
        "name" => &p.name,
        "cert_type" => &p.cert_type,
        "cert_number" => &p.cert_number,
        "valid_from" => &p.valid_from,
        "valid_to" => &p.valid_to,
        "office_phone" => &p.office_phone,
        "mobile" => &p.mobile,
        "emergency_phone" => &p.emergency_phone,
        "email" => &p.email,
        _ => return None,
    })
}

fn person_text_mut<'a>(p: &'a mut Person, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "name" => &mut p.name,
        "cert_type" => &mut p.cert_type,
        "cert_number" => &mut p.cert_number,
        "valid_from" => &mut p.valid_from,
        "valid_to" => &mut p.valid_to,
        "office_phone" => &mut p.office_phone,
        "mobile" => &mut p.mobile,
        "emergency_phone" => &mut p.emergency_phone,
        "email" => &mut p.email,
        _ => return None,
    })
}

/// An app's text field (`platforms[0].package`, `domains[1]`, `sdks[0].kind`).
fn app_text<'a>(app: &'a AppInfo, field: &str) -> Option<&'a String> {
    if let Some((j, _)) = indexed(field, "domains") {
        return app.domains.get(j);
    }
    if let Some((k, field)) = indexed(field, "platforms") {
        let p = app.platforms.get(k)?;
        return match field {
            "platform" => Some(&p.platform),
            "package" => Some(&p.package),
            "public_key" => Some(&p.public_key),
            "fingerprint" => Some(&p.fingerprint),
            _ => None,
        };
    }
    let (k, field) = indexed(field, "sdks")?;
    let sdk = app.sdks.get(k)?;
    match field {
        "provider" => Some(&sdk.provider),
        "kind" => Some(&sdk.kind),
        _ => None,
    }
}

fn app_text_mut<'a>(app: &'a mut AppInfo, field: &str) -> Option<&'a mut String> {
    if let Some((j, _)) = indexed(field, "domains") {
        return app.domains.get_mut(j);
    }
    if let Some((k, field)) = indexed(field, "platforms") {
        let p = app.platforms.get_mut(k)?;
        return match field {
            "platform" => Some(&mut p.platform),
            "package" => Some(&mut p.package),
            "public_key" => Some(&mut p.public_key),
            "fingerprint" => Some(&mut p.fingerprint),
            _ => None,
        };
    }
    let (k, field) = indexed(field, "sdks")?;
    let sdk = app.sdks.get_mut(k)?;
    match field {
        "provider" => Some(&mut sdk.provider),
        "kind" => Some(&mut sdk.kind),
        _ => None,
    }
}

/// The text at `path`, if the path names a text field.
pub fn text<'a>(f: &'a Filing, path: &str) -> Option<&'a String> {
    if let Some(field) = path.strip_prefix("subject.principal.") {
        return person_text(&f.subject.principal, field);
    }
    if let Some(field) = path.strip_prefix("subject.") {
        let s = &f.subject;
        return Some(match field {
            "province" => &s.province,
            "city" => &s.city,
            "county" => &s.county,
            "nature" => &s.nature,
            "cert_type" => &s.cert_type,
            "cert_number" => &s.cert_number,
            "name" => &s.name,
            "cert_address" => &s.cert_address,
            "mail_address" => &s.mail_address,
            "investor" => &s.investor,
            "remark" => &s.remark,
            _ => return None,
        });
    }
    let (i, rest) = indexed(path, "sites")?;
    let site = f.sites.get(i)?;
    if let Some(field) = rest.strip_prefix("principal.") {
        return person_text(&site.principal, field);
    }
    if let Some((j, _)) = indexed(rest, "domains") {
        return site.domains.get(j);
    }
    if let Some((k, field)) = indexed(rest, "pre_approvals") {
        let item = site.pre_approvals.get(k)?;
        return match field {
            "kind" => Some(&item.kind),
            "approval_no" => Some(&item.approval_no),
            _ => None,
        };
    }
    if let Some((k, "ips")) = indexed(rest, "accesses") {
        return site.accesses.get(k).map(|a| &a.ips);
    }
    if let Some(field) = rest.strip_prefix("app.") {
        return app_text(&site.app, field);
    }
    match rest {
        "mini.platform" => Some(&site.mini.platform),
        "mini.app_id" => Some(&site.mini.app_id),
        "name" => Some(&site.name),
        "home_url" => Some(&site.home_url),
        "remark" => Some(&site.remark),
        _ => None,
    }
}

/// The text at `path`, for writing.
pub fn text_mut<'a>(f: &'a mut Filing, path: &str) -> Option<&'a mut String> {
    if let Some(field) = path.strip_prefix("subject.principal.") {
        return person_text_mut(&mut f.subject.principal, field);
    }
    if let Some(field) = path.strip_prefix("subject.") {
        let s = &mut f.subject;
        return Some(match field {
            "province" => &mut s.province,
            "city" => &mut s.city,
            "county" => &mut s.county,
            "nature" => &mut s.nature,
            "cert_type" => &mut s.cert_type,
            "cert_number" => &mut s.cert_number,
            "name" => &mut s.name,
            "cert_address" => &mut s.cert_address,
            "mail_address" => &mut s.mail_address,
            "investor" => &mut s.investor,
            "remark" => &mut s.remark,
            _ => return None,
        });
    }
    let (i, rest) = indexed(path, "sites")?;
    let site = f.sites.get_mut(i)?;
    if let Some(field) = rest.strip_prefix("principal.") {
        return person_text_mut(&mut site.principal, field);
    }
    if let Some((j, _)) = indexed(rest, "domains") {
        return site.domains.get_mut(j);
    }
    if let Some((k, field)) = indexed(rest, "pre_approvals") {
        let item = site.pre_approvals.get_mut(k)?;
        return match field {
            "kind" => Some(&mut item.kind),
            "approval_no" => Some(&mut item.approval_no),
            _ => None,
        };
    }
    if let Some((k, "ips")) = indexed(rest, "accesses") {
        return site.accesses.get_mut(k).map(|a| &mut a.ips);
    }
    if let Some(field) = rest.strip_prefix("app.") {
        return app_text_mut(&mut site.app, field);
    }
    match rest {
        "mini.platform" => Some(&mut site.mini.platform),
        "mini.app_id" => Some(&mut site.mini.app_id),
        "name" => Some(&mut site.name),
        "home_url" => Some(&mut site.home_url),
        "remark" => Some(&mut site.remark),
        _ => None,
    }
}

/// The code list at `path` (`sites[0].content`, `sites[0].accesses[1].modes`).
pub fn codes_mut<'a>(f: &'a mut Filing, path: &str) -> Option<&'a mut Vec<String>> {
    let (i, rest) = indexed(path, "sites")?;
    let site = f.sites.get_mut(i)?;
    if let Some((k, field)) = indexed(rest, "accesses") {
        let access = site.accesses.get_mut(k)?;
        return match field {
            "modes" => Some(&mut access.modes),
            "server_location" => Some(&mut access.server_location),
            _ => None,
        };
    }
    match rest {
        "content" => Some(&mut site.content),
        "languages" => Some(&mut site.languages),
        _ => None,
    }
}

/// The code list at `path`, for reading (empty when the path is stale).
pub fn codes(f: &Filing, path: &str) -> Vec<String> {
    let Some((i, rest)) = indexed(path, "sites") else {
        return Vec::new();
    };
    let Some(site) = f.sites.get(i) else {
        return Vec::new();
    };
    let list = match indexed(rest, "accesses") {
        Some((k, "modes")) => site.accesses.get(k).map(|a| &a.modes),
        Some((k, "server_location")) => site.accesses.get(k).map(|a| &a.server_location),
        Some(_) => None,
        None => match rest {
            "content" => Some(&site.content),
            "languages" => Some(&site.languages),
            _ => None,
        },
    };
    list.cloned().unwrap_or_default()
}

/// The yes/no field at `path`: a person's 长期有效
/// (`subject.principal.long_term`), a site's 同主体负责人
/// (`sites[0].principal_same_as_subject`) or the subject's 负责人 acting by
/// authorisation (`subject.principal_by_authorisation`).
pub fn flag_mut<'a>(f: &'a mut Filing, path: &str) -> Option<&'a mut bool> {
    if path == "subject.principal_by_authorisation" {
        return Some(&mut f.subject.principal_by_authorisation);
    }
    if let Some(base) = path.strip_suffix(".long_term") {
        return person_mut(f, base).map(|p| &mut p.long_term);
    }
    match indexed(path, "sites")? {
        (i, "principal_same_as_subject") => {
            f.sites.get_mut(i).map(|s| &mut s.principal_same_as_subject)
        }
        (i, "transfer_in") => f.sites.get_mut(i).map(|s| &mut s.transfer_in),
        _ => None,
    }
}

/// The person at `base` (`subject.principal` or `sites[i].principal`).
pub fn person_mut<'a>(f: &'a mut Filing, base: &str) -> Option<&'a mut Person> {
    if base == "subject.principal" {
        return Some(&mut f.subject.principal);
    }
    match indexed(base, "sites")? {
        (i, "principal") => f.sites.get_mut(i).map(|s| &mut s.principal),
        _ => None,
    }
}

/// The person at `base`, for reading.
pub fn person<'a>(f: &'a Filing, base: &str) -> Option<&'a Person> {
    if base == "subject.principal" {
        return Some(&f.subject.principal);
    }
    match indexed(base, "sites")? {
        (i, "principal") => f.sites.get(i).map(|s| &s.principal),
        _ => None,
    }
}

/// The document slot at `path` (`subject.cert_scan`, `sites[0].pre_approvals[1].document`).
pub fn document_mut<'a>(f: &'a mut Filing, path: &str) -> Option<&'a mut Option<DocumentRef>> {
    match path {
        "subject.cert_scan" => return Some(&mut f.subject.cert_scan),
        "subject.authorisation" => return Some(&mut f.subject.authorisation),
        "subject.commitment" => return Some(&mut f.subject.commitment),
        "subject.principal.cert_scan" => return Some(&mut f.subject.principal.cert_scan),
        _ => {}
    }
    let (i, rest) = indexed(path, "sites")?;
    let site = f.sites.get_mut(i)?;
    match rest {
        "principal.cert_scan" => return Some(&mut site.principal.cert_scan),
        "app.icon" => return Some(&mut site.app.icon),
        _ => {}
    }
    let (k, "document") = indexed(rest, "pre_approvals")? else {
        return None;
    };
    site.pre_approvals.get_mut(k).map(|a| &mut a.document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filing::{Access, Site};

    #[test]
    fn paths_reach_their_fields() {
        let mut f = Filing::default();
        f.sites.push(Site {
            domains: vec!["a.com".into()],
            accesses: vec![Access::default()],
            ..Site::default()
        });
        *text_mut(&mut f, "sites[0].principal.mobile").unwrap() = "13800138000".into();
        *text_mut(&mut f, "subject.cert_number").unwrap() = "X".into();
        codes_mut(&mut f, "sites[0].accesses[0].modes")
            .unwrap()
            .push("16".into());
        assert_eq!(
            text(&f, "sites[0].principal.mobile").unwrap(),
            "13800138000"
        );
        assert_eq!(text(&f, "sites[0].domains[0]").unwrap(), "a.com");
        assert_eq!(text(&f, "subject.cert_number").unwrap(), "X");
        assert_eq!(
            codes(&f, "sites[0].accesses[0].modes"),
            vec!["16".to_owned()]
        );
        assert!(text(&f, "sites[5].name").is_none());
        assert!(document_mut(&mut f, "sites[0].principal.cert_scan").is_some());
        assert!(document_mut(&mut f, "sites[0].app.icon").is_some());
        f.sites[0].app.platforms.push(Default::default());
        *text_mut(&mut f, "sites[0].app.platforms[0].package").unwrap() = "com.a.b".into();
        *text_mut(&mut f, "sites[0].mini.app_id").unwrap() = "wx1".into();
        assert_eq!(f.sites[0].app.platforms[0].package, "com.a.b");
        assert_eq!(text(&f, "sites[0].mini.app_id").unwrap(), "wx1");
        assert!(text(&f, "sites[0].app.sdks[0].kind").is_none());
        assert_eq!(dom_id("sites[1].domains[0]"), "f-sites-1-domains-0");
        assert_eq!(step_of("sites[1].name"), 2);
    }
}
