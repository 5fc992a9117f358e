//! Registration (two agreement screens, then the form), login and the
//! password change.

pub mod agreement;
pub mod login;
pub mod password;
pub mod register;
