//! Registration (two agreement screens, then the form) and login.

pub mod agreement;
pub mod login;
pub mod register;
