//! The data directory and the open databases of one installation.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::core::settings::Settings;
use crate::core::{Result, db, files, in_use};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "LOKET_DATA_DIR";

/// The data directory used when none is given: `LOKET_DATA_DIR`, else the platform's
/// data dir (e.g. `~/.local/share/loket-dtks`).
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("id", "dinsos", "loket-dtks")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("loket-dtks-data"))
}

/// One installation: its data directory and open connections.
///
/// A `Store` is cheap to open; background work opens its own from [`Store::dir`].
pub struct Store {
    dir: PathBuf,
    /// The register database (applications, letters, settings, audit).
    pub register: Connection,
    /// The snapshot database (imported DTKS/DTSEN data).
    pub snapshots: Connection,
    /// Marks the data dir in use while this store is open (a restore waits for it).
    _in_use: in_use::InUse,
}

impl Store {
    /// Opens (creating when needed) the installation in `dir`; the folder is made
    /// owner-only (0700), like every file the app writes in it.
    pub fn open(dir: &Path) -> Result<Store> {
        files::make_dir_private(dir)?;
        let in_use = in_use::hold(dir)?;
        Ok(Store {
            _in_use: in_use,
            dir: dir.to_path_buf(),
            register: db::open_register(&dir.join("loket.db"))?,
            snapshots: db::open_snapshots(&dir.join("snapshot.db"))?,
        })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where archived letters are kept: `<data dir>/arsip`.
    pub fn archive_dir(&self) -> PathBuf {
        self.dir.join("arsip")
    }

    /// The office settings (defaults on first use), without the logo.
    pub fn settings(&self) -> Result<Settings> {
        Settings::load(&self.register)
    }

    /// The office settings with the logo, for drawing a PDF with the letterhead.
    pub fn print_settings(&self) -> Result<Settings> {
        Settings::load_for_print(&self.register)
    }
}
