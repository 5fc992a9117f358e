//! 信息录入: the filing list, the customer picker for 代为备案, the
//! three-step wizard and the printable 核验单.

pub mod checklist;
pub mod claim;
pub mod inspections;
pub mod list;
pub mod new_for_customer;
pub mod public_security;
pub mod records;
pub mod shells;
pub mod sites_step;
pub mod subject_step;
pub mod summary_step;
pub mod wizard;
