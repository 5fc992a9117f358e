//! Uploaded scans (docs/domain.md §2.9): JPEG, PNG or PDF of at most 100 KB,
//! recognised by their content, never by the name or the browser's word.
//!
//! Beyond the first bytes, each file must be whole and nothing else: an
//! image's chunks or segments are walked to the end marker with nothing
//! after it (a polyglot hides a second file there), its declared size must
//! be a scan's and not a decompression bomb's, and no file may carry
//! markup, scripts or attachments.

use serde::{Deserialize, Serialize};

/// An uploaded scan referred to from a filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    /// The document's id on the server.
    pub id: i64,
    /// The file name as uploaded, for display.
    pub name: String,
}

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
    (
        "AUTHORISATION",
        "法定代表人授权书",
        "Legal representative's authorisation",
    ),
    (
        "COMMITMENT",
        "网站备案信息真实性承诺书",
        "Commitment to the filing's truth",
    ),
    ("APP_ICON", "APP图标", "App icon"),
    ("CERT_PHOTO", "证件照片", "Certificate photo"),
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

/// The largest image accepted, in pixels. An A4 page scanned at 600 dpi is
/// about 35 million; a file declaring more is a decompression bomb.
pub const MAX_PIXELS: u64 = 40_000_000;

/// Every reason an upload is refused, as (rule, zh, en): one table, so a
/// page that gets only the rule back (a form posted without JavaScript)
/// shows the very message the check gave.
pub const UPLOAD_PROBLEMS: &[(&str, &str, &str)] = &[
    ("DOC_EMPTY", "文件是空的", "The file is empty"),
    (
        "DOC_TOO_LARGE",
        "扫描件不能超过 100 KB，请压缩后重新上传",
        "A scan must not exceed 100 KB; compress it and retry",
    ),
    (
        "DOC_TYPE",
        "只能上传 JPEG、PNG 或 PDF 文件",
        "Only JPEG, PNG or PDF files are accepted",
    ),
    (
        "DOC_MALFORMED",
        "文件不完整或附带了其他数据，请重新扫描或导出后上传",
        "The file is incomplete or carries extra data; scan or export it again",
    ),
    (
        "DOC_PIXELS",
        "图片尺寸过大（超过 4000 万像素），请缩小后重新上传",
        "The image is too large (over 40 million pixels); shrink it and retry",
    ),
    (
        "DOC_ACTIVE_CONTENT",
        "文件含有网页、脚本或附件内容，不能作为扫描件上传",
        "The file carries markup, scripts or attachments and cannot be a scan",
    ),
];

/// The (rule, zh, en) of an upload problem's rule.
pub fn upload_problem(rule: &str) -> Option<(&'static str, &'static str, &'static str)> {
    UPLOAD_PROBLEMS.iter().find(|(r, _, _)| *r == rule).copied()
}

/// Why an upload is refused, as (rule, zh, en); `None` when acceptable.
pub fn check_upload(
    size: usize,
    bytes: &[u8],
) -> Option<(&'static str, &'static str, &'static str)> {
    let rule = if size == 0 {
        "DOC_EMPTY"
    } else if size > MAX_UPLOAD_BYTES {
        "DOC_TOO_LARGE"
    } else {
        let problem = match sniff(bytes) {
            None => Some("DOC_TYPE"),
            _ if carries_markup(bytes) => Some(Problem::ActiveContent.rule()),
            Some("image/png") => png_problem(bytes).map(Problem::rule),
            Some("image/jpeg") => jpeg_problem(bytes).map(Problem::rule),
            Some(_) => pdf_problem(bytes).map(Problem::rule),
        };
        problem?
    };
    upload_problem(rule)
}

/// What is wrong inside a file of an accepted type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    /// Cut short, out of order, or with bytes after its end.
    Malformed,
    /// Declares more than `MAX_PIXELS`.
    TooManyPixels,
    /// Markup, a script or an attachment.
    ActiveContent,
}

impl Problem {
    fn rule(self) -> &'static str {
        match self {
            Problem::Malformed => "DOC_MALFORMED",
            Problem::TooManyPixels => "DOC_PIXELS",
            Problem::ActiveContent => "DOC_ACTIVE_CONTENT",
        }
    }
}

/// Markup a browser would run if it ever took the file for a page.
fn carries_markup(bytes: &[u8]) -> bool {
    const TAGS: [&[u8]; 6] = [
        b"<script", b"<html", b"<svg", b"<iframe", b"<body", b"<object",
    ];
    TAGS.iter().any(|tag| {
        bytes
            .windows(tag.len())
            .any(|w| w.eq_ignore_ascii_case(tag))
    })
}

fn pixels_problem(width: u64, height: u64) -> Option<Problem> {
    if width == 0 || height == 0 {
        Some(Problem::Malformed)
    } else if width * height > MAX_PIXELS {
        Some(Problem::TooManyPixels)
    } else {
        None
    }
}

fn be_u32(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |n, b| n << 8 | u64::from(*b))
}

/// Walks a PNG's chunks: `IHDR` first, `IEND` last and the file's end.
fn png_problem(bytes: &[u8]) -> Option<Problem> {
    let mut at = 8;
    let mut first = true;
    loop {
        let Some(header) = bytes.get(at..at + 8) else {
            return Some(Problem::Malformed);
        };
        let length = be_u32(&header[..4]) as usize;
        let kind = &header[4..8];
        let end = at + 12 + length;
        if length > MAX_UPLOAD_BYTES
            || end > bytes.len()
            || !kind.iter().all(u8::is_ascii_alphabetic)
        {
            return Some(Problem::Malformed);
        }
        if first {
            if kind != b"IHDR" || length != 13 {
                return Some(Problem::Malformed);
            }
            let data = &bytes[at + 8..at + 16];
            if let Some(problem) = pixels_problem(be_u32(&data[..4]), be_u32(&data[4..])) {
                return Some(problem);
            }
            first = false;
        }
        at = end;
        if kind == b"IEND" {
            return (at != bytes.len()).then_some(Problem::Malformed);
        }
    }
}

/// Walks a JPEG's segments and entropy-coded data to an `EOI` that ends
/// the file, after a frame header with the image's size.
fn jpeg_problem(bytes: &[u8]) -> Option<Problem> {
    let mut at = 2;
    let mut framed = false;
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return Some(Problem::Malformed);
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let Some(&marker) = bytes.get(at) else {
            return Some(Problem::Malformed);
        };
        at += 1;
        match marker {
            0xD9 => return (!framed || at != bytes.len()).then_some(Problem::Malformed),
            0x01 | 0xD0..=0xD7 => continue,
            0x00 | 0xD8 => return Some(Problem::Malformed),
            _ => {}
        }
        let Some(length) = bytes.get(at..at + 2).map(be_u32) else {
            return Some(Problem::Malformed);
        };
        let end = at + length as usize;
        if length < 2 || end > bytes.len() {
            return Some(Problem::Malformed);
        }
        let frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if frame {
            if length < 7 {
                return Some(Problem::Malformed);
            }
            let height = be_u32(&bytes[at + 3..at + 5]);
            let width = be_u32(&bytes[at + 5..at + 7]);
            if let Some(problem) = pixels_problem(width, height) {
                return Some(problem);
            }
            framed = true;
        }
        at = end;
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is neither a
            // stuffed zero nor a restart.
            loop {
                let Some(offset) = bytes[at..].iter().position(|b| *b == 0xFF) else {
                    return Some(Problem::Malformed);
                };
                let next = bytes.get(at + offset + 1).copied();
                match next {
                    Some(0x00 | 0xD0..=0xD7 | 0xFF) => at += offset + 1,
                    Some(_) => {
                        at += offset;
                        break;
                    }
                    None => return Some(Problem::Malformed),
                }
            }
        }
    }
}

/// A PDF must end at its `%%EOF` and carry no script, launch action or
/// attached file.
fn pdf_problem(bytes: &[u8]) -> Option<Problem> {
    const ACTIVE: [&[u8]; 5] = [
        b"/JavaScript",
        b"/JS",
        b"/Launch",
        b"/EmbeddedFile",
        b"/RichMedia",
    ];
    let active = ACTIVE.iter().any(|name| {
        bytes
            .windows(name.len() + 1)
            .any(|w| w.starts_with(name) && !w[name.len()].is_ascii_alphanumeric())
    });
    if active {
        return Some(Problem::ActiveContent);
    }
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace() && *b != 0)
        .map_or(0, |i| i + 1);
    (!bytes[..end].ends_with(b"%%EOF")).then_some(Problem::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole 1×1 PNG, with `width`×`height` written into its header.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89]);
        bytes.extend(
            b"\0\0\0\x0dIDAT\x78\x9c\x63\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99\x3d\x1d",
        );
        bytes.extend(b"\0\0\0\0IEND\xae\x42\x60\x82");
        bytes
    }

    /// A whole baseline JPEG frame of `width`×`height`.
    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08];
        bytes.extend(height.to_be_bytes());
        bytes.extend(width.to_be_bytes());
        bytes.extend([0x01, 0x01, 0x11, 0x00]);
        bytes.extend([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        bytes.extend([0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78]);
        bytes.extend([0xFF, 0xD9]);
        bytes
    }

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n";

    fn rule(bytes: &[u8]) -> Option<&'static str> {
        check_upload(bytes.len(), bytes).map(|(rule, _, _)| rule)
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff(b"<html><body>"), None);
        assert_eq!(
            check_upload(MAX_UPLOAD_BYTES + 1, PDF).unwrap().0,
            "DOC_TOO_LARGE"
        );
        assert_eq!(rule(b""), Some("DOC_EMPTY"));
    }

    #[test]
    fn whole_scans_pass() {
        assert_eq!(rule(&png(1, 1)), None);
        assert_eq!(rule(&png(4960, 7016)), None, "A4 at 600 dpi");
        assert_eq!(rule(&jpeg(1, 1)), None);
        assert_eq!(rule(PDF), None);
    }

    #[test]
    fn the_hostile_corpus_is_refused_with_its_reason() {
        let mut trailing = png(1, 1);
        trailing.extend(b"PK\x03\x04 a zip after the image");
        let mut html_in_chunk = png(1, 1);
        html_in_chunk.splice(33..33, b"\0\0\0\x10tEXt<script>x</scr>".iter().copied());
        let mut jpeg_trailing = jpeg(1, 1);
        jpeg_trailing.extend(b"GIF89a");
        let truncated = &png(1, 1)[..40];
        let script_pdf = b"%PDF-1.4\n<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>\n%%EOF";
        let attached_pdf = b"%PDF-1.4\n<</Type/EmbeddedFile>>\n%%EOF";
        let cases: [(&str, &[u8], &str); 11] = [
            (
                "HTML renamed .png",
                b"<html><script>alert(1)</script></html>",
                "DOC_TYPE",
            ),
            (
                "SVG with a script",
                b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>",
                "DOC_TYPE",
            ),
            ("PNG with a zip after IEND", &trailing, "DOC_MALFORMED"),
            (
                "PNG with a script in a chunk",
                &html_in_chunk,
                "DOC_ACTIVE_CONTENT",
            ),
            ("PNG cut short", truncated, "DOC_MALFORMED"),
            ("PNG pixel bomb", &png(100_000, 100_000), "DOC_PIXELS"),
            ("JPEG with a GIF after EOI", &jpeg_trailing, "DOC_MALFORMED"),
            ("JPEG pixel bomb", &jpeg(65_000, 65_000), "DOC_PIXELS"),
            ("PDF with JavaScript", script_pdf, "DOC_ACTIVE_CONTENT"),
            ("PDF with an attachment", attached_pdf, "DOC_ACTIVE_CONTENT"),
            (
                "PDF with data after %%EOF",
                b"%PDF-1.4\n%%EOF\n<html>",
                "DOC_ACTIVE_CONTENT",
            ),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(rule(bytes), Some(expected), "{name}");
        }
        assert_eq!(rule(b"%PDF-1.4\n%%EOF\nPK\x03\x04"), Some("DOC_MALFORMED"));
        assert_eq!(rule(&png(0, 1)), Some("DOC_MALFORMED"));
    }
}
