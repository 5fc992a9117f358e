//! The review side: work lists (queues, 退回处理, 备案进度查询), one
//! application's review page, and the notification centre.

pub mod detail;
pub mod inbox;
pub mod messages;
pub mod queue;

use crate::domain::role::Role;

/// Every role that follows applications after submission.
pub const WORK_ROLES: &[Role] = &[
    Role::Filer,
    Role::ProviderStaff,
    Role::ProviderAdmin,
    Role::BureauReviewer,
    Role::PreApprovalAuthority,
];
