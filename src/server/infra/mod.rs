//! Infrastructure the services stand on: configuration, the code tables, the database
//! connection, the shared state, time in Beijing, change events, the mail
//! and SMS outbox senders, SQL `LIKE` patterns and the pager.

pub mod code_tables;
pub mod config;
pub mod db;
pub mod like;
pub mod live;
pub mod mail;
pub mod outbox_loop;
pub mod paging;
pub mod sms_gateway;
pub mod state;
#[cfg(test)]
pub(crate) mod test_support;
pub mod time;
