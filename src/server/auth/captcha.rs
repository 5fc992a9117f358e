//! The login image captcha (验证码): drawn on the server, its answer kept in
//! the session, single-use, valid for two minutes.

use captcha::filters::{Dots, Noise, Wave};
use captcha::Captcha;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::domain::field_error::FieldError;
use crate::error::AppError;

/// Session key holding the pending answer.
pub const SESSION_KEY: &str = "captcha";

/// How long an issued captcha may be answered.
pub const TTL_SECS: i64 = 120;

/// Characters that are easy to tell apart (no 0/O, 1/l/I, 9/g/q …).
const ALPHABET: &str = "abcdefhkmnprstuvwxyz2345678";

/// The answer waiting in the session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingCaptcha {
    /// Lower-case expected answer.
    pub answer: String,
    /// Unix seconds when the image was drawn.
    pub issued_at: i64,
}

/// Draws a new captcha, replaces any pending one in `session`, and returns
/// the PNG bytes.
pub async fn issue(session: &Session, now: i64) -> Result<Vec<u8>, AppError> {
    let (answer, png) = draw()?;
    session
        .insert(
            SESSION_KEY,
            PendingCaptcha {
                answer,
                issued_at: now,
            },
        )
        .await?;
    Ok(png)
}

fn draw() -> Result<(String, Vec<u8>), AppError> {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut captcha = Captcha::new();
    captcha
        .set_chars(&alphabet)
        .add_chars(5)
        .apply_filter(Noise::new(0.1))
        .apply_filter(Wave::new(2.0, 8.0).horizontal())
        .view(180, 60)
        .apply_filter(Dots::new(6));
    let answer = captcha.chars_as_string().to_lowercase();
    let png = captcha.as_png().ok_or_else(|| {
        tracing::error!("captcha PNG encoding failed");
        AppError::Internal
    })?;
    Ok((answer, png))
}

/// Checks `input` against the pending captcha and removes it whatever the
/// outcome, so an answer can never be replayed.
pub async fn consume(session: &Session, input: &str, now: i64) -> Result<(), AppError> {
    let pending: Option<PendingCaptcha> = session.remove(SESSION_KEY).await?;
    // Save now: the session layer skips saving when a call ends in a 5xx,
    // and the answer must stay spent whatever happens next.
    session.save().await?;
    let refused = |rule: &str, zh: &str, en: &str| {
        Err(AppError::field(FieldError::new("captcha", rule, zh, en)))
    };
    let input = input.trim().to_lowercase();
    if input.is_empty() {
        return refused(
            "AUTH_CAPTCHA_REQUIRED",
            "请输入验证码",
            "Enter the characters in the image",
        );
    }
    match pending {
        None => refused(
            "AUTH_CAPTCHA_MISSING",
            "验证码已失效，请刷新后重新输入",
            "The image has expired; refresh it and try again",
        ),
        Some(p) if now - p.issued_at > TTL_SECS => refused(
            "AUTH_CAPTCHA_EXPIRED",
            "验证码已过期，请刷新后重新输入",
            "The image has expired; refresh it and try again",
        ),
        Some(p) if p.answer != input => refused(
            "AUTH_CAPTCHA_WRONG",
            "验证码错误，请重新输入",
            "The characters do not match the image",
        ),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_png_with_a_five_character_answer() {
        let (answer, png) = draw().unwrap();
        assert_eq!(answer.chars().count(), 5);
        assert!(answer.chars().all(|c| ALPHABET.contains(c)));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
}
