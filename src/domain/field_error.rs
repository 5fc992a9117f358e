//! The one shape every validation failure takes.

use serde::{Deserialize, Serialize};

use super::lang::Lang;

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
    /// A warning is shown but does not block a submit (e.g. a credit code
    /// whose category disagrees with the 单位性质, docs/domain.md §4.2).
    #[serde(default)]
    pub warning: bool,
}

impl FieldError {
    /// Builds an error for `field` breaking `rule`.
    pub fn new(field: &str, rule: &str, zh: &str, en: &str) -> Self {
        Self {
            field: field.to_owned(),
            rule: rule.to_owned(),
            zh: zh.to_owned(),
            en: en.to_owned(),
            warning: false,
        }
    }

    /// Builds a warning: shown next to the field, never blocking.
    pub fn warning(field: &str, rule: &str, zh: &str, en: &str) -> Self {
        Self {
            warning: true,
            ..Self::new(field, rule, zh, en)
        }
    }

    /// The same finding reported at another field path, so that a check
    /// written for one field can be reused at `sites[1].principal.mobile`.
    pub fn at(mut self, path: &str) -> Self {
        self.field = path.to_owned();
        self
    }

    /// The message in the requested language.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// True when at least one finding blocks a submit.
pub fn has_blocking(errors: &[FieldError]) -> bool {
    errors.iter().any(|e| !e.warning)
}

/// The first error for `field` in a list, which is what a form shows.
pub fn first_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == field)
}
