//! Loket DTKS: layanan Surat Keterangan DTKS/DTSEN untuk loket Dinas Sosial.
//!
//! The crate is split into an iced-free [`core`] (domain, storage, import, letter,
//! printing, archive), a thin command-line front end ([`cli`]) and the desktop UI ([`ui`]).

pub mod cli;
pub mod core;
pub mod ui;

/// Version and build metadata stamped by `build.rs`.
pub mod build_info {
    /// Crate version from Cargo.toml.
    pub const VERSION: &str = env!("CARGO_PKG_VERSION");
    /// Short git commit the binary was built from ("unknown" outside a checkout).
    pub const GIT_COMMIT: &str = env!("LOKET_GIT_COMMIT");
}
