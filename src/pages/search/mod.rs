//! Queries every signed-in role shares: 备案信息查询, a record's versions
//! and 历史记录查询.

pub mod history;
pub mod operation;
pub mod records;
pub mod versions;
