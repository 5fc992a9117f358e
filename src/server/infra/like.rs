//! `LIKE` conditions on what a user typed, with `%`, `_` and `\` taken
//! literally: a search for `%%` finds names containing `%%`, not every row.
//! Text without those characters gives the plain pattern, so the plans the
//! benchmarks measured stay as they were.

use sea_orm::sea_query::{Expr, LikeExpr};
use sea_orm::ColumnTrait;

/// `column` contains `text`.
pub fn contains<C: ColumnTrait>(column: C, text: &str) -> Expr {
    column.like(pattern(format!("%{}%", escaped(text)), text))
}

/// `column` starts with `text`.
pub fn starts_with<C: ColumnTrait>(column: C, text: &str) -> Expr {
    column.like(pattern(format!("{}%", escaped(text)), text))
}

fn pattern(pattern: String, text: &str) -> LikeExpr {
    if needs_escape(text) {
        LikeExpr::new(pattern).escape('\\')
    } else {
        LikeExpr::new(pattern)
    }
}

fn needs_escape(text: &str) -> bool {
    text.contains(['%', '_', '\\'])
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_are_escaped_and_plain_text_is_untouched() {
        assert_eq!(escaped("a%b_c\\d"), "a\\%b\\_c\\\\d");
        assert_eq!(escaped("蓝海"), "蓝海");
        assert!(needs_escape("%%"));
        assert!(!needs_escape("lanhai.com"));
    }
}
