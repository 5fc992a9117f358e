//! The live record: a subject (主体) or site (网站) once approved, which
//! stays until cancelled (docs/domain.md §2.14).

use serde::{Deserialize, Serialize};

/// Whether a live record still holds. Stored by its `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum RecordStatus {
    /// Filed and in force: shown by the public lookup, its domains taken.
    Live,
    /// 已注销: its number is never given again, its domains are free.
    Cancelled,
}

impl RecordStatus {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            RecordStatus::Live => "live",
            RecordStatus::Cancelled => "cancelled",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<RecordStatus> {
        [RecordStatus::Live, RecordStatus::Cancelled]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

super::code::stored_as_code!(RecordStatus);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_an_unknown_one_is_an_error() {
        for status in [RecordStatus::Live, RecordStatus::Cancelled] {
            assert_eq!(status.to_string().parse(), Ok(status));
        }
        let unknown = "gone".parse::<RecordStatus>().unwrap_err();
        assert_eq!(unknown.to_string(), "unknown RecordStatus code \"gone\"");
    }
}
