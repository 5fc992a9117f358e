//! Small text helpers used by several validators (no regex: keeps WASM small).

use super::field_error::FieldError;

/// Longest text value any request may carry, in characters. Every field's
/// own limit is far lower (留言 and 退回原因 take 500); a longer value is no
/// typing mistake, so it is refused on arrival instead of kept in a draft.
pub const MAX_ARRIVING_CHARS: usize = 2_000;

/// The rule a text value breaks on arriving at the server, if any: a
/// control character other than tab and line breaks (a NUL would reach the
/// database, which PostgreSQL refuses with an error), or more than
/// [`MAX_ARRIVING_CHARS`] characters. The server checks every value of
/// every request with it before any handler runs (`server::http::input_guard`),
/// so no form can be forgotten; each field's own rules come later.
pub fn arrival_error(field: &str, value: &str) -> Option<FieldError> {
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Some(FieldError::new(
            field,
            "TEXT_CONTROL_CHAR",
            "含有不可见的控制字符，请删除后重新输入",
            "Contains an invisible control character; remove it and try again",
        ));
    }
    let chars = char_len(value);
    (chars > MAX_ARRIVING_CHARS).then(|| {
        FieldError::new(
            field,
            "TEXT_TOO_LONG",
            &format!("内容过长：最多 {MAX_ARRIVING_CHARS} 个字，现在 {chars} 个字"),
            &format!("Too long: at most {MAX_ARRIVING_CHARS} characters, this has {chars}"),
        )
    })
}

/// Trims and collapses internal runs of whitespace to one space.
pub fn normalize_space(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the text holds a control character, an invisible formatting
/// character or a half-width `<`/`>`, which no field may contain
/// (docs/domain.md §2). The invisible ones (bidirectional overrides, zero-width spaces, the
/// byte-order mark) would let a name display as something it is not.
pub fn has_forbidden_chars(value: &str) -> bool {
    value
        .chars()
        .any(|c| c.is_control() || is_invisible_format(c) || c == '<' || c == '>')
}

/// Bidirectional controls, zero-width characters and the byte-order mark.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Length in characters (a Chinese character counts as one).
pub fn char_len(value: &str) -> usize {
    value.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arriving_text_keeps_line_breaks_and_refuses_other_controls() {
        assert_eq!(arrival_error("remark", "第一行\r\n第二行\t完"), None);
        for bad in ["a\0b", "\u{1b}[31m", "\u{7f}", "\u{85}"] {
            let error = arrival_error("remark", bad).expect(bad);
            assert_eq!(
                (error.field.as_str(), error.rule.as_str()),
                ("remark", "TEXT_CONTROL_CHAR")
            );
        }
    }

    #[test]
    fn arriving_text_is_counted_in_characters() {
        assert_eq!(
            arrival_error("name", &"长".repeat(MAX_ARRIVING_CHARS)),
            None
        );
        let error = arrival_error("name", &"长".repeat(MAX_ARRIVING_CHARS + 1)).unwrap();
        assert_eq!(error.rule, "TEXT_TOO_LONG");
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(normalize_space("  张  三 \t"), "张 三");
    }

    #[test]
    fn finds_forbidden_chars() {
        assert!(has_forbidden_chars("a<b"));
        assert!(has_forbidden_chars("a\u{7}b"));
        assert!(
            has_forbidden_chars("张\u{202e}三"),
            "a right-to-left override"
        );
        assert!(has_forbidden_chars("蓝\u{200b}海"), "a zero-width space");
        assert!(has_forbidden_chars("\u{feff}蓝海"), "a byte-order mark");
        assert!(!has_forbidden_chars("某某科技有限公司"));
    }

    #[test]
    fn counts_chinese_as_one() {
        assert_eq!(char_len("张三"), 2);
    }
}
