//! Where the user may write a file the program produces (an export, a bulk check's
//! result): a new file, outside the data directory.

use std::path::{Path, PathBuf};

use crate::core::{Error, Result};

/// Refuses an output path that already exists or lies inside the data dir `dir`: an
/// export never overwrites a file the user has, and never lands among the databases and
/// the archive (where a backup would carry it along and a clerk would not look for it).
pub fn check_out_path(dir: &Path, out: &Path) -> Result<()> {
    if out.exists() || out.symlink_metadata().is_ok() {
        return Err(Error::Invalid(format!(
            "Berkas {} sudah ada; pilih nama berkas baru.",
            out.display()
        )));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let parent = parent.canonicalize().map_err(|_| {
        Error::Invalid(format!(
            "Folder {} tidak ada; buat foldernya dahulu atau pilih folder lain.",
            parent.display()
        ))
    })?;
    let data = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if parent.starts_with(&data) {
        return Err(Error::Invalid(format!(
            "Berkas {} berada di dalam folder data; simpan di folder lain.",
            out.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_existing_files_and_the_data_dir() {
        let data = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let taken = elsewhere.path().join("ada.xlsx");
        std::fs::write(&taken, b"x").unwrap();
        assert!(check_out_path(data.path(), &taken).is_err());
        assert!(check_out_path(data.path(), &data.path().join("hasil.xlsx")).is_err());
        assert!(check_out_path(data.path(), &elsewhere.path().join("tidak/ada.xlsx")).is_err());
        check_out_path(data.path(), &elsewhere.path().join("baru.xlsx")).unwrap();
    }
}
