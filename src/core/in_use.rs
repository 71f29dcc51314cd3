//! Whether a data dir is in use. Every open [`Store`](crate::core::Store) (the window, a
//! CLI command, background work) holds a shared lock on `<data dir>/loket.lock` for as
//! long as it is open; a restore takes that lock exclusively before it moves the data
//! dir aside, so it never pulls the register from under a running window. The lock is
//! the operating system's (`flock`): a process that dies or is killed releases it, so a
//! stale lock is never left behind.

use std::fs::File;
use std::path::Path;

use crate::core::{Error, Result, files};

/// The lock file in the data dir (empty; only its lock matters).
pub const LOCK_FILE: &str = "loket.lock";

/// A lock held on a data dir, released when dropped.
#[derive(Debug)]
pub struct InUse {
    /// The open lock file (the lock lives as long as it is open).
    _file: File,
}

/// Opens (creating, 0600) the lock file of `dir`.
fn open(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK_FILE);
    let file = files::private_options()
        .read(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    files::make_private(&path)?;
    Ok(file)
}

/// Marks `dir` as in use by this open store (a shared lock: any number of stores may be
/// open at once).
pub fn hold(dir: &Path) -> Result<InUse> {
    let file = open(dir)?;
    lock(&file, false).map_err(|e| Error::io(dir.join(LOCK_FILE), e))?;
    Ok(InUse { _file: file })
}

/// Takes `dir` for the caller alone (a restore), refusing while any store is open on it
/// in this or another process.
pub fn take_alone(dir: &Path) -> Result<InUse> {
    let file = open(dir)?;
    match lock(&file, true) {
        Ok(()) => Ok(InUse { _file: file }),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => Err(Error::Invalid(format!(
            "Folder data {} sedang dipakai (jendela Loket DTKS masih terbuka, atau perintah \
             lain masih berjalan). Tutup aplikasinya dahulu, lalu ulangi.",
            dir.display()
        ))),
        Err(e) => Err(Error::io(dir.join(LOCK_FILE), e)),
    }
}

/// A shared lock on `file`, or an exclusive one without waiting when `alone`.
#[cfg(unix)]
fn lock(file: &File, alone: bool) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let how = if alone {
        libc::LOCK_EX | libc::LOCK_NB
    } else {
        libc::LOCK_SH
    };
    // SAFETY: `flock` only reads the descriptor, which `file` keeps open.
    if unsafe { libc::flock(file.as_raw_fd(), how) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere the data dir is not locked (the office PCs this targets run Linux).
#[cfg(not(unix))]
fn lock(_file: &File, _alone: bool) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_store_keeps_the_dir_from_being_taken_alone() {
        let dir = tempfile::tempdir().unwrap();
        let first = hold(dir.path()).unwrap();
        let second = hold(dir.path()).unwrap();
        assert!(take_alone(dir.path()).unwrap_err().is_bad_input());
        drop(first);
        assert!(take_alone(dir.path()).is_err(), "one store still open");
        drop(second);
        let alone = take_alone(dir.path()).unwrap();
        drop(alone);
        assert!(hold(dir.path()).is_ok());
    }
}
