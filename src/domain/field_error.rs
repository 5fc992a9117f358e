//! The one shape every validation failure takes.

use serde::{Deserialize, Serialize};

/// A rule broken by one field: the UI shows it next to that field.
///
/// Carries both languages so that the browser and the server agree on the
/// wording without a round trip, and a stable `rule` id that tests and
/// return reasons (退回原因) can refer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field name, e.g. `username` (or `form` for the whole form).
    pub field: String,
    /// Stable rule identifier, e.g. `ACC_USERNAME_CHARS`.
    pub rule: String,
    /// Message in Simplified Chinese.
    pub zh: String,
    /// Message in English.
    pub en: String,
}

impl FieldError {
    /// Builds an error for `field` breaking `rule`.
    pub fn new(field: &str, rule: &str, zh: &str, en: &str) -> Self {
        Self {
            field: field.to_owned(),
            rule: rule.to_owned(),
            zh: zh.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The message in the requested language.
    pub fn message(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.zh
        }
    }
}

/// The first error for `field` in a list, which is what a form shows.
pub fn first_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == field)
}
