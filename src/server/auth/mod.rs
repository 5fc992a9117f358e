//! Authentication: passwords, sessions, the registration agreements, captcha, lockout, the cross-site
//! guard and the per-request account guards.

pub mod agreements;
pub mod captcha;
pub mod cross_site;
pub mod guard;
pub mod keep_alive;
pub mod lockout;
pub mod login_gate;
pub mod password;
pub mod policy;
pub mod session_store;
