//! 申请留言 (docs/domain.md §2.12): a note on a submitted application, whose data
//! is frozen, asking for a correction or answering one. The same check runs
//! as the user types and on the server.

use super::field_error::FieldError;

/// The longest message, in characters (not bytes: Chinese text counts one
/// per character).
pub const MAX_CHARS: usize = 500;

/// The message as it will be stored (trimmed), or why it cannot be sent.
pub fn validate_body(body: &str) -> Result<String, FieldError> {
    let trimmed = body.trim();
    let chars = trimmed.chars().count();
    if chars == 0 {
        return Err(FieldError::new(
            "body",
            "MSG_EMPTY",
            "请填写留言内容",
            "Write the message",
        ));
    }
    if chars > MAX_CHARS {
        return Err(FieldError::new(
            "body",
            "MSG_TOO_LONG",
            &format!("留言最多 {MAX_CHARS} 个字，现在 {chars} 个字"),
            &format!("A message has at most {MAX_CHARS} characters; this one has {chars}"),
        ));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(
            validate_body("  请修改网站名称  "),
            Ok("请修改网站名称".into())
        );
        assert!(validate_body(&"改".repeat(MAX_CHARS)).is_ok());
        assert_eq!(
            validate_body(&"改".repeat(MAX_CHARS + 1)).unwrap_err().rule,
            "MSG_TOO_LONG"
        );
        assert_eq!(validate_body(" \n\t").unwrap_err().rule, "MSG_EMPTY");
    }

    proptest! {
        #[test]
        fn accepted_bodies_are_trimmed_and_within_the_limit(body in "\\PC{0,600}") {
            if let Ok(stored) = validate_body(&body) {
                prop_assert_eq!(stored.trim(), stored.as_str());
                prop_assert!((1..=MAX_CHARS).contains(&stored.chars().count()));
                prop_assert_eq!(validate_body(&stored), Ok(stored.clone()));
            }
        }
    }
}
