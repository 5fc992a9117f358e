//! The review side: work lists (queues, 退回处理, 备案进度查询), one
//! application's review page, and the notification centre.

pub mod detail;
pub mod electronic;
pub mod inbox;
pub mod messages;
pub mod pre_approval;
pub mod queue;
pub mod sms;

use crate::domain::role::Role;

/// Every role that follows applications after submission.
pub const WORK_ROLES: &[Role] = &[
    Role::Filer,
    Role::ProviderStaff,
    Role::ProviderAdmin,
    Role::BureauReviewer,
    Role::PreApprovalAuthority,
];

/// Who may open one application: the work roles, and the admin, who reads
/// it from 备案信息查询 and 历史记录查询 without taking part.
pub const READING_ROLES: &[Role] = &[
    Role::Filer,
    Role::ProviderStaff,
    Role::ProviderAdmin,
    Role::BureauReviewer,
    Role::PreApprovalAuthority,
    Role::SystemAdmin,
];
