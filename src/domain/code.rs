//! Enums stored as their stable code. Each such enum has `code()` and
//! `from_code()`; `stored_as_code!` gives it `Display` (the code) and
//! `FromStr` (the variant, or `UnknownCode`), which is all the server's
//! typed columns need. Reading a code that names no variant is an error,
//! never a default.

/// A stored code that names no variant of `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} code {:?}", self.kind, self.code)
    }
}

impl std::error::Error for UnknownCode {}

/// Implements `Display` and `FromStr` through the enum's `code()` and
/// `from_code()`.
macro_rules! stored_as_code {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::code::UnknownCode;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                $name::from_code(code).ok_or_else(|| $crate::domain::code::UnknownCode {
                    kind: stringify!($name),
                    code: code.to_owned(),
                })
            }
        }
    };
}

pub(crate) use stored_as_code;
