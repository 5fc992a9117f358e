//! SeaORM entities: table shape only, one file per table. Behaviour lives in
//! the services (`server::accounts`, …).

pub mod account;
pub mod session;
