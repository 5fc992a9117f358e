//! The wizard's current step as a plain HTML form posts it: the save that
//! works before the script runs (or when it never arrives). It names each
//! input after its field path and writes what was posted into the stored
//! filing; whatever the form did not post (the other steps, locked fields,
//! scans) stays as stored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::filing::Filing;
use super::filing_paths::{codes_mut, flag_mut, text_mut};

/// The form key of a field path: `sites[1].domains[0]` → `sites.1.domains.0`.
/// The form decoder would read brackets as nesting.
pub fn form_key(path: &str) -> String {
    path.replace('[', ".").replace(']', "")
}

/// The field path of a form key (`sites.1.domains.0` → `sites[1].domains[0]`).
pub fn path_of_form_key(key: &str) -> String {
    let mut path = String::new();
    for segment in key.split('.') {
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            path.push_str(&format!("[{segment}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(segment);
        }
    }
    path
}

/// The name of a text input or select.
pub fn text_name(path: &str) -> String {
    format!("fields[{}]", form_key(path))
}

/// The name of each checkbox of a code list. The form posts one empty
/// value first, so a list with nothing ticked still arrives (and empties).
pub fn list_name(path: &str) -> String {
    format!("lists[{}][]", form_key(path))
}

/// The name of a yes/no checkbox, posted like a list: ticked when any
/// value besides the leading empty one arrived.
pub fn flag_name(path: &str) -> String {
    format!("flags[{}][]", form_key(path))
}

/// What a plain form of one step posted, by form key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepForm {
    pub fields: BTreeMap<String, String>,
    pub lists: BTreeMap<String, Vec<String>>,
    pub flags: BTreeMap<String, Vec<String>>,
}

/// The access provider's select, the one field that is not text.
const PROVIDER_KEY: &str = "provider_id";

impl StepForm {
    /// Writes the posted values into `filing`. Refuses, naming it, a key
    /// that is no field of this filing (a forged form, or a site removed
    /// meanwhile), and then changes nothing.
    pub fn apply(&self, filing: &mut Filing) -> Result<(), String> {
        let mut edited = filing.clone();
        for (key, value) in &self.fields {
            if key == PROVIDER_KEY {
                edited.provider_id = value.trim().parse().ok();
                continue;
            }
            let slot = text_mut(&mut edited, &path_of_form_key(key)).ok_or_else(|| key.clone())?;
            *slot = value.clone();
        }
        for (key, values) in &self.lists {
            let list = codes_mut(&mut edited, &path_of_form_key(key)).ok_or_else(|| key.clone())?;
            *list = values.iter().filter(|v| !v.is_empty()).cloned().collect();
        }
        for (key, values) in &self.flags {
            let flag = flag_mut(&mut edited, &path_of_form_key(key)).ok_or_else(|| key.clone())?;
            *flag = values.iter().any(|v| !v.is_empty());
        }
        *filing = edited;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filing::Site;

    fn filing() -> Filing {
        let mut filing = Filing::default();
        filing.subject.name = "成都蓝海科技有限公司".into();
        filing.sites = vec![Site {
            name: "蓝海".into(),
            domains: vec!["lanhai.com".into(), "lanhai.cn".into()],
            languages: vec!["ZH".into()],
            ..Site::default()
        }];
        filing
    }

    #[test]
    fn every_path_round_trips_through_its_form_key() {
        for path in [
            "subject.name",
            "subject.principal.mobile",
            "sites[0].domains[1]",
            "sites[12].accesses[3].ips",
            "sites[0].app.platforms[2].package",
            "provider_id",
        ] {
            assert_eq!(path_of_form_key(&form_key(path)), path);
            assert!(!form_key(path).contains(['[', ']']));
        }
    }

    #[test]
    fn posted_values_land_and_the_rest_stays() {
        let mut filing = filing();
        let form = StepForm {
            fields: BTreeMap::from([
                ("sites.0.domains.1".into(), "lanhai.net".into()),
                ("provider_id".into(), "7".into()),
            ]),
            lists: BTreeMap::from([("sites.0.languages".into(), vec!["".into(), "EN".into()])]),
            flags: BTreeMap::from([
                ("sites.0.principal_same_as_subject".into(), vec!["".into()]),
                ("sites.0.transfer_in".into(), vec!["".into(), "true".into()]),
            ]),
        };
        form.apply(&mut filing).unwrap();
        assert!(filing.sites[0].transfer_in);
        assert_eq!(filing.sites[0].domains, ["lanhai.com", "lanhai.net"]);
        assert_eq!(filing.sites[0].languages, ["EN"]);
        assert!(!filing.sites[0].principal_same_as_subject);
        assert_eq!(filing.provider_id, Some(7));
        assert_eq!(filing.subject.name, "成都蓝海科技有限公司");
    }

    #[test]
    fn an_unknown_key_is_named_and_changes_nothing() {
        let mut filing = filing();
        let form = StepForm {
            fields: BTreeMap::from([
                ("sites.0.name".into(), "改名".into()),
                ("sites.5.name".into(), "x".into()),
            ]),
            ..StepForm::default()
        };
        assert_eq!(form.apply(&mut filing), Err("sites.5.name".into()));
        assert_eq!(filing, self::filing());
    }
}
