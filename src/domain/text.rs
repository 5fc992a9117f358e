//! Small text helpers used by several validators (no regex: keeps WASM small).

/// Trims and collapses internal runs of whitespace to one space.
pub fn normalize_space(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the text holds a control character, an invisible formatting
/// character or a half-width `<`/`>`, which no field may contain (DOMAIN.md
/// §3). The invisible ones (bidirectional overrides, zero-width spaces, the
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
