//! Screens of the access provider's staff (接入服务商).

pub mod batch;
pub mod import;
