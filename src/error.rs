//! `AppError`: the one error every server function returns.
//!
//! It is small and JSON-encodable so that it survives the no-JavaScript
//! redirect (`?__err=…`) and can be shown next to the field it concerns.
//! It never carries internals: those are logged on the server only.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::field_error::FieldError;

/// Everything that can go wrong in a call, as the user should see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Some fields broke rules; each error names its field.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// Not signed in (or the session ended).
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but not allowed to touch this object.
    #[error("forbidden")]
    Forbidden,
    /// The object does not exist (or is not visible to this user).
    #[error("not found")]
    NotFound,
    /// Someone else changed the object first; reload and retry.
    #[error("conflict")]
    Conflict,
    /// An upload or request body over its limit.
    #[error("too large")]
    TooLarge,
    /// Too many attempts; try again after this many seconds.
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// The request itself was malformed (e.g. a form field missing).
    #[error("bad request")]
    BadRequest,
    /// The browser could not reach the server.
    #[error("network")]
    Network,
    /// Anything unexpected; details are only in the server log.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// A validation error on a single field.
    pub fn field(error: FieldError) -> Self {
        AppError::Validation(vec![error])
    }

    /// The field errors carried, if any.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Validation(errors) => errors,
            _ => &[],
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The body limit cut off a body that announced no length.
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::Deserialization(message)
                if message.contains("length limit exceeded") =>
            {
                AppError::TooLarge
            }
            ServerFnErrorErr::Request(_) => AppError::Network,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failure");
                let _ = other;
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        tracing::error!(%error, "session error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_cut_off_by_the_limit_is_too_large() {
        let cut = ServerFnErrorErr::Deserialization("length limit exceeded".into());
        assert_eq!(AppError::from_server_fn_error(cut), AppError::TooLarge);
        let bad = ServerFnErrorErr::Deserialization("expected value".into());
        assert_eq!(AppError::from_server_fn_error(bad), AppError::BadRequest);
    }

    #[test]
    fn survives_its_json_encoding() {
        let error = AppError::Validation(vec![FieldError::new(
            "mobile",
            "ACC_MOBILE_FORMAT",
            "错",
            "wrong",
        )]);
        assert_eq!(AppError::de(error.ser()), error);
        let limited = AppError::RateLimited {
            retry_after_secs: 60,
        };
        assert_eq!(AppError::de(limited.ser()), limited);
    }
}
