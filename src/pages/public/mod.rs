//! Screens for visitors who are not signed in.

pub mod landing;
pub mod lookup;
pub mod not_found;
pub mod sms;
pub mod verify;
