//! Small text helpers used by several validators (no regex: keeps WASM small).

/// Trims and collapses internal runs of whitespace to one space.
pub fn normalize_space(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the text holds a control character or a half-width `<`/`>`,
/// which no field of a filing may contain (DOMAIN.md §3).
pub fn has_forbidden_chars(value: &str) -> bool {
    value
        .chars()
        .any(|c| c.is_control() || c == '<' || c == '>')
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
        assert!(!has_forbidden_chars("某某科技有限公司"));
    }

    #[test]
    fn counts_chinese_as_one() {
        assert_eq!(char_len("张三"), 2);
    }
}
