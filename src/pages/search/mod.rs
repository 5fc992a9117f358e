//! Queries every signed-in role shares: 备案信息查询.

pub mod records;
