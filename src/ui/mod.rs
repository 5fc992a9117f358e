//! Reusable components: form fields with inline errors, alerts, the
//! language toggle, the pager, the 备案号 filter and the role gate.

pub mod alert;
pub mod bar_chart;
pub mod captcha;
pub mod change_table;
pub mod confirm_box;
pub mod dashboard;
pub mod day_chart;
pub mod field;
pub mod filing_detail;
pub mod i18n;
pub mod live;
pub mod message_thread;
pub mod number_filter;
pub mod pager;
pub mod role_gate;
pub mod timeline;
pub mod verification_form;
pub mod wizard_fields;
