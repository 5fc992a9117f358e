//! Uploaded scans (DOMAIN.md §3.9): JPEG, PNG or PDF of at most 100 KB,
//! recognised by their first bytes, never by the name or the browser's word.

/// The seed's limit: "扫描文件大小不要超过 100K".
pub const MAX_UPLOAD_BYTES: usize = 100 * 1024;

/// What a document is for.
pub const DOCUMENT_KINDS: &[(&str, &str, &str)] = &[
    (
        "SUBJECT_CERT",
        "主体单位证件扫描件",
        "Subject certificate scan",
    ),
    (
        "PRINCIPAL_CERT",
        "负责人证件扫描件",
        "Person-in-charge certificate scan",
    ),
    ("PRE_APPROVAL", "前置审批文件", "Pre-approval document"),
    ("VERIFY_PHOTO", "网站负责人核验照片", "Verification photo"),
    (
        "CHECKLIST",
        "网站核验单扫描件",
        "Signed verification checklist",
    ),
];

/// True for a known document kind code.
pub fn is_document_kind(code: &str) -> bool {
    DOCUMENT_KINDS.iter().any(|(c, _, _)| *c == code)
}

/// The MIME type the bytes really are, if allowed.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Why an upload is refused, as (rule, zh, en); `None` when acceptable.
pub fn check_upload(
    size: usize,
    head: &[u8],
) -> Option<(&'static str, &'static str, &'static str)> {
    if size == 0 {
        return Some(("DOC_EMPTY", "文件是空的", "The file is empty"));
    }
    if size > MAX_UPLOAD_BYTES {
        return Some((
            "DOC_TOO_LARGE",
            "扫描件不能超过 100 KB，请压缩后重新上传",
            "A scan must not exceed 100 KB; compress it and retry",
        ));
    }
    if sniff(head).is_none() {
        return Some((
            "DOC_TYPE",
            "只能上传 JPEG、PNG 或 PDF 文件",
            "Only JPEG, PNG or PDF files are accepted",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff(b"<html><body>"), None);
        assert_eq!(check_upload(MAX_UPLOAD_BYTES, b"%PDF-1.7"), None);
        assert_eq!(
            check_upload(MAX_UPLOAD_BYTES + 1, b"%PDF-1.7").unwrap().0,
            "DOC_TOO_LARGE"
        );
        assert_eq!(check_upload(10, b"<html>").unwrap().0, "DOC_TYPE");
        assert_eq!(check_upload(0, b"").unwrap().0, "DOC_EMPTY");
    }
}
