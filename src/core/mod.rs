//! The iced-free core: everything the counter does, testable without a window.

pub mod archive;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod complaints;
pub mod db;
pub mod demo;
pub mod error;
pub mod files;
pub mod history;
pub mod in_use;
pub mod key;
pub mod letter;
pub mod logo;
pub mod nik;
pub mod numbers;
pub mod print;
pub mod register;
pub mod report;
pub mod service_time;
pub mod settings;
pub mod signoff;
pub mod skm;
pub mod snapshot;
pub mod store;
pub mod users;
pub mod usulan;
pub mod verify;

pub use error::{Error, Result};
pub use store::Store;
