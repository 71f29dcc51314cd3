//! Files the app writes: where an output may go, how it is written (whole, then renamed
//! into place), and keeping the data dir private (folders 0700, files 0600) whatever the
//! umask of the process that made them.

use std::path::{Path, PathBuf};

use crate::core::{Error, Result};

/// Mode of every folder the app makes in the data dir.
pub const PRIVATE_DIR: u32 = 0o700;

/// Mode of every file the app writes in the data dir, and of backups.
pub const PRIVATE_FILE: u32 = 0o600;

/// Refuses an output path before any work is done: one inside the data dir `data_dir`
/// (always, links resolved, so a report can never replace the register or the key), an
/// existing file unless `force` (and even then never a folder), and a path whose folder
/// does not exist.
pub fn check_output_path(data_dir: &Path, out: &Path, force: bool) -> Result<()> {
    let inside = || {
        Error::Invalid(format!(
            "Berkas {} berada di dalam folder data; simpan di folder lain.",
            out.display()
        ))
    };
    let data = data_dir
        .canonicalize()
        .unwrap_or_else(|_| data_dir.to_path_buf());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let folder = parent.canonicalize().map_err(|_| {
        Error::Invalid(format!(
            "Folder {} tidak ada; buat foldernya dahulu atau pilih folder lain.",
            parent.display()
        ))
    })?;
    if folder.starts_with(&data) {
        return Err(inside());
    }
    if out.symlink_metadata().is_ok() {
        // What the name points at (a link into the data dir, or a dangling link).
        match out.canonicalize() {
            Ok(target) if target.starts_with(&data) => return Err(inside()),
            Ok(target) if force && target.is_dir() => {
                return Err(Error::Invalid(format!(
                    "{} adalah folder; sebutkan nama berkas.",
                    out.display()
                )));
            }
            Ok(_) if force => {}
            _ => {
                return Err(Error::Invalid(format!(
                    "Berkas {} sudah ada; pilih nama berkas baru (atau --force untuk menimpa).",
                    out.display()
                )));
            }
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` via a temporary file of its own in the same folder, synced,
/// then renamed into place: a reader sees the old file or the whole new one, and a
/// failure leaves no half-written file behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_beside(path);
    write_synced(&tmp, bytes)?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// A fresh, unused name next to `path` for a file that will be renamed onto it (unique
/// per process and call, so two writers never share one).
pub fn temp_beside(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.with_file_name(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Test hook for the crash tests (`tests/cli_crash_safety.rs`): when the environment
/// variable `var` names a file, creates that file and sleeps, so a test can kill the
/// process at exactly this point. Does nothing when `var` is not set, as in use.
pub fn test_pause(var: &str) {
    if let Some(marker) = std::env::var_os(var) {
        let _ = std::fs::write(&marker, b"");
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// Removes from `dir` the temporary files ([`temp_beside`]'s `.<name>.<pid>-<n>.tmp`)
/// left by a process that no longer runs (killed, or the PC lost power mid-write).
/// Files of running processes are kept; where processes cannot be seen (no `/proc`),
/// nothing is removed.
pub fn remove_stale_temps(dir: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once('.'))
            .and_then(|(_, tail)| tail.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && !proc.join(pid.to_string()).exists()
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to a new private (0600) file at `path`, creating its folders (0700),
/// and syncs it to disk; on failure no file is left.
pub fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let result = private_options().open(path).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(path);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Options that create (or truncate) a file readable by its owner only.
pub fn private_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE_FILE);
    options
}

/// Creates `dir` and any missing parents; each folder this call makes is 0700.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_private_dir(parent)?;
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR);
    match builder.create(dir) {
        Ok(()) => set_mode(dir, PRIVATE_DIR),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// Makes an existing file owner-only (0600); a missing file is not an error (SQLite
/// makes its `-wal` and `-shm` files only when it needs them).
pub fn make_private(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => set_mode(path, PRIVATE_FILE),
        _ => Ok(()),
    }
}

/// Makes the data dir owner-only (0700): it holds NIKs, names and the signing key.
pub fn make_dir_private(dir: &Path) -> Result<()> {
    create_private_dir(dir)?;
    set_mode(dir, PRIVATE_DIR)
}

/// Sets `mode` on `path`. A file system that keeps no modes (a FAT stick) or a folder
/// owned by another account refuses; that is not a reason to stop the counter, and there
/// is nothing tighter to set, so those refusals are let pass.
#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::io::ErrorKind;
    use std::os::unix::fs::PermissionsExt;
    let current = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if current.permissions().mode() & 0o777 == mode {
        return Ok(());
    }
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
        Err(e)
            if !matches!(
                e.kind(),
                ErrorKind::PermissionDenied | ErrorKind::Unsupported
            ) =>
        {
            Err(Error::io(path, e))
        }
        _ => Ok(()),
    }
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn outputs_inside_the_data_dir_are_refused_even_forced() {
        let data = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join("loket.db"), b"db").unwrap();
        std::fs::create_dir(data.path().join("arsip")).unwrap();
        for force in [false, true] {
            for inside in ["loket.db", "baru.csv", "arsip/baru.csv"] {
                let err = check_output_path(data.path(), &data.path().join(inside), force);
                assert!(err.unwrap_err().to_string().contains("folder data"));
            }
            // Reached through `..` from a folder outside.
            let sneaky = outside
                .path()
                .join("..")
                .join(data.path().file_name().unwrap())
                .join("x.csv");
            assert!(check_output_path(data.path(), &sneaky, force).is_err());
            // A link outside that points at the register.
            let link = outside.path().join(format!("link-{force}"));
            std::os::unix::fs::symlink(data.path().join("loket.db"), &link).unwrap();
            assert!(check_output_path(data.path(), &link, force).is_err());
        }
        assert!(check_output_path(data.path(), &outside.path().join("baru.csv"), false).is_ok());
    }

    #[test]
    fn an_existing_file_needs_force_and_a_missing_folder_is_named() {
        let data = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let existing = outside.path().join("ada.csv");
        std::fs::write(&existing, b"x").unwrap();
        let err = check_output_path(data.path(), &existing, false).unwrap_err();
        assert!(err.to_string().contains("sudah ada"), "{err}");
        assert!(check_output_path(data.path(), &existing, true).is_ok());
        assert!(check_output_path(data.path(), outside.path(), true).is_err());
        let missing = outside.path().join("tidak-ada").join("a.csv");
        let err = check_output_path(data.path(), &missing, true).unwrap_err();
        assert!(err.to_string().contains("tidak ada"), "{err}");
        assert!(err.is_bad_input());
    }

    #[test]
    fn written_files_and_folders_are_private_and_whole() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("a").join("b").join("c.pdf");
        write_atomically(&file, b"%PDF").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"%PDF");
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&root.path().join("a")), 0o700);
        assert_eq!(mode(&root.path().join("a").join("b")), 0o700);
        write_atomically(&file, b"%PDF-2").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"%PDF-2");
        let left: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");
        let open = root.path().join("open.db");
        std::fs::write(&open, b"x").unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
        make_private(&open).unwrap();
        assert_eq!(mode(&open), 0o600);
        make_private(&root.path().join("missing")).unwrap();
    }
}
