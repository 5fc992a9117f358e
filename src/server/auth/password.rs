//! argon2id password hashing (OWASP parameters: the `argon2` crate's
//! defaults), always off the async runtime in `spawn_blocking`.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::AppError;

/// A hash of a random password, verified against when the username is
/// unknown so that unknown users cost the same time as wrong passwords.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let random = SaltString::generate(&mut OsRng);
    hash_blocking(random.as_str()).expect("argon2 hashes a random password")
});

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

fn verify_blocking(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Hashes a new password into a PHC string.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|error| {
            tracing::error!(%error, "argon2 hashing failed");
            AppError::Internal
        })
}

/// Checks `password` against a stored hash, or against a dummy hash when
/// there is no account, so both cases take the same time.
pub async fn verify(password: String, phc: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || match phc {
        Some(phc) => verify_blocking(&password, &phc),
        None => {
            verify_blocking(&password, &DUMMY_HASH);
            false
        }
    })
    .await
    .map_err(|_| AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_argon2id() {
        let phc = hash_blocking("Secret123").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_blocking("Secret123", &phc));
        assert!(!verify_blocking("Secret124", &phc));
        assert!(!verify_blocking("Secret123", "not a hash"));
    }
}
