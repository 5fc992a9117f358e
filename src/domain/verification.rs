//! 核验 (docs/domain.md §2.8 verification): the provider's check of the
//! person behind a filing, which must accompany its own submit (T3) and its
//! verification (T4). Either face to face (a photo before the provider's
//! backdrop and the signed checklist) or 电子化核验: the filer's own photo
//! and certificate photos taken through a one-time link, which staff
//! compare and accept.

use serde::{Deserialize, Serialize};

use super::field_error::FieldError;
use super::text::{char_len, has_forbidden_chars};
use super::upload::DocumentRef;

/// How long a 电子化核验 link stays valid; it works once.
pub const LINK_VALID_HOURS: i64 = 24;

/// Why a 电子化核验 link takes no uploads, or an upload was refused, as
/// (rule, zh, en): one table for the server's answer and the page that
/// shows it after a plain form post.
pub const LINK_PROBLEMS: &[(&str, &str, &str)] = &[
    (
        "VERIFY_LINK_UNKNOWN",
        "核验链接无效，请向接入服务商索取新的链接",
        "This verification link is not valid; ask your provider for a new one",
    ),
    (
        "VERIFY_LINK_USED",
        "该核验链接已使用过，每个链接只能使用一次",
        "This link was used already; each link works once",
    ),
    (
        "VERIFY_LINK_EXPIRED",
        "核验链接已过期或已被新的链接取代，请向接入服务商索取新的链接",
        "This link expired or was replaced; ask your provider for a new one",
    ),
    (
        "VERIFY_LINK_CLOSED",
        "该备案已不在核验阶段，无需再上传",
        "This filing is past its verification; nothing to upload",
    ),
    (
        "VERIFY_UPLOAD_REQUIRED",
        "请拍摄或选择这张照片",
        "Take or choose this picture",
    ),
];

/// The (rule, zh, en) of a link or upload problem's rule.
pub fn link_problem(rule: &str) -> Option<(&'static str, &'static str, &'static str)> {
    LINK_PROBLEMS
        .iter()
        .find(|(r, _, _)| *r == rule)
        .copied()
        .or_else(|| super::upload::upload_problem(rule))
}

/// Who verified, and the documents that prove it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Verification {
    /// 核验人 (provider staff name): who met the person, or who compared
    /// and accepted the electronic photos.
    pub verifier: String,
    /// 网站负责人核验照片: the 幕布照, or the front-facing photo taken
    /// through the link.
    pub photo: Option<DocumentRef>,
    /// Signed 《网站备案信息真实性核验单》 scan (face to face only).
    pub checklist: Option<DocumentRef>,
    /// Set when the 核验 was electronic: what was taken, when, and who
    /// accepted it. Only the server writes it, on acceptance.
    pub electronic: Option<ElectronicCapture>,
}

/// A 电子化核验 link as staff see it on the review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    pub created_at: String,
    pub expires_at: String,
    /// When the uploads came in; `None` while the link waits.
    pub used_at: Option<String>,
    pub photo: Option<DocumentRef>,
    pub cert_front: Option<DocumentRef>,
    pub cert_back: Option<DocumentRef>,
    /// Whether the 核验 on record is this link's.
    pub accepted: bool,
}

/// What a 电子化核验 link took and who accepted it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ElectronicCapture {
    /// 证件照片: the certificate's front and back.
    pub cert_front: Option<DocumentRef>,
    pub cert_back: Option<DocumentRef>,
    /// When the filer's uploads came in (Beijing time, to the minute).
    pub taken_at: String,
    /// When staff accepted them (Beijing time, to the minute).
    pub accepted_at: String,
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
        if self.checklist.is_none() && self.electronic.is_none() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: i64) -> Option<DocumentRef> {
        Some(DocumentRef {
            id,
            name: "photo.jpg".into(),
        })
    }

    fn rules(v: &Verification) -> Vec<String> {
        v.validate().into_iter().map(|e| e.rule).collect()
    }

    #[test]
    fn face_to_face_needs_the_checklist_and_electronic_does_not() {
        let onsite = Verification {
            verifier: "王核验".into(),
            photo: doc(1),
            checklist: None,
            electronic: None,
        };
        assert_eq!(rules(&onsite), ["VERIFY_CHECKLIST"]);
        let electronic = Verification {
            electronic: Some(ElectronicCapture {
                cert_front: doc(2),
                cert_back: doc(3),
                taken_at: "2026-12-06 16:00".into(),
                accepted_at: "2026-12-06 17:00".into(),
            }),
            ..onsite.clone()
        };
        assert!(rules(&electronic).is_empty());
        assert_eq!(
            rules(&Verification::default()),
            ["VERIFY_VERIFIER", "VERIFY_PHOTO", "VERIFY_CHECKLIST"]
        );
    }
}
