//! Screens of the reviewers: 管局 and the pre-approval authorities.

pub mod bureau_home;
pub mod preapproval_home;
