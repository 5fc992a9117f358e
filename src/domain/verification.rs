//! 核验 (docs/domain.md §2.8 verification): the provider's face-to-face check
//! that must accompany its own submit (T3) and its verification (T4).

use serde::{Deserialize, Serialize};

use super::field_error::FieldError;
use super::text::{char_len, has_forbidden_chars};
use super::upload::DocumentRef;

/// Who verified, and the two documents that prove it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Verification {
    /// 核验人 (provider staff name).
    pub verifier: String,
    /// 网站负责人核验照片 (幕布照).
    pub photo: Option<DocumentRef>,
    /// Signed 《网站备案信息真实性核验单》 scan.
    pub checklist: Option<DocumentRef>,
}

impl Verification {
    /// Every missing or malformed part, at `verification.*`.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let name = self.verifier.trim();
        if !(2..=30).contains(&char_len(name)) || has_forbidden_chars(name) {
            out.push(FieldError::new(
                "verification.verifier",
                "VERIFY_VERIFIER",
                "请填写核验人姓名（2–30 个字）",
                "Enter the verifier's name (2 to 30 characters)",
            ));
        }
        if self.photo.is_none() {
            out.push(FieldError::new(
                "verification.photo",
                "VERIFY_PHOTO",
                "请上传网站负责人核验照片",
                "Upload the verification photo",
            ));
        }
        if self.checklist.is_none() {
            out.push(FieldError::new(
                "verification.checklist",
                "VERIFY_CHECKLIST",
                "请上传已签字的核验单扫描件",
                "Upload the signed checklist scan",
            ));
        }
        out
    }
}
