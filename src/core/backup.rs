//! Backup and restore of an installation as one file: a SQLite database holding the
//! register (applications, letters, settings, audit log) plus the office signing key, the
//! audit log's signed anchor and every archived PDF and scan as blobs. Snapshots are not included: they are re-imported
//! from the data team's files (`snapshot.db` can be large).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use crate::core::files::{check_output_path, create_private_dir, temp_beside, write_synced};
use crate::core::{Error, Result, Store, audit, key};

/// Table in a backup file holding the files of the data dir.
const FILES_TABLE: &str = "backup_file";

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BackupSummary {
    /// The backup file.
    pub file: PathBuf,
    /// Files carried (key, audit anchor, archived letters and scans).
    pub files: usize,
    /// Letters in the register.
    pub letters: i64,
}

fn data_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for name in [key::KEY_FILE, key::HISTORY_FILE] {
        let path = dir.join(name);
        if path.exists() {
            out.push(path);
        }
    }
    let mut stack = vec![dir.join("arsip")];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

fn letters(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM certificate", [], |r| r.get(0))?)
}

/// Writes a backup of the installation to `file`: never inside the data dir, and an
/// existing file only when `force`. The copy is made under a temporary name beside
/// `file` and renamed into place when complete; it is owner-only (0600), as it holds
/// the register and the signing key.
pub fn backup(store: &Store, file: &Path, force: bool, actor: &str) -> Result<BackupSummary> {
    check_output_path(store.dir(), file, force)?;
    let tmp = temp_beside(file);
    let summary = write_backup(store, &tmp).and_then(|summary| {
        crate::core::files::make_private(&tmp)?;
        std::fs::rename(&tmp, file).map_err(|e| Error::io(file, e))?;
        Ok(summary)
    });
    if summary.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    let summary = BackupSummary {
        file: file.to_path_buf(),
        ..summary?
    };
    audit::record(
        &store.register,
        actor,
        audit::AuditAction::Cadangkan,
        &file.display().to_string(),
        "",
        chrono::Local::now(),
    )?;
    Ok(summary)
}

/// The backup written to the new file `file`.
fn write_backup(store: &Store, file: &Path) -> Result<BackupSummary> {
    // VACUUM INTO takes a consistent copy even while the counter keeps working. It makes
    // the file itself: create it empty and private first so it is never readable by
    // others, not even for a moment.
    // The anchor before the copy: the copy then holds at least the entries it anchors.
    let anchor_file = store.dir().join(audit::ANCHOR_FILE);
    let anchor = std::fs::read(&anchor_file).ok();
    crate::core::files::private_options()
        .open(file)
        .map_err(|e| Error::io(file, e))?;
    store
        .register
        .execute("VACUUM INTO ?1", [file.to_string_lossy()])?;
    let mut copy = Connection::open(file)?;
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let tx = copy.transaction()?;
    tx.execute_batch(&format!(
        "CREATE TABLE {FILES_TABLE}(path TEXT PRIMARY KEY, data BLOB NOT NULL)"
    ))?;
    let files = data_files(store.dir());
    if let Some(anchor) = &anchor {
        tx.execute(
            &format!("INSERT INTO {FILES_TABLE}(path, data) VALUES (?1, ?2)"),
            params![audit::ANCHOR_FILE, anchor],
        )?;
    }
    for path in &files {
        let relative = path
            .strip_prefix(store.dir())
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        tx.execute(
            &format!("INSERT INTO {FILES_TABLE}(path, data) VALUES (?1, ?2)"),
            params![relative, data],
        )?;
    }
    let summary = BackupSummary {
        file: file.to_path_buf(),
        files: files.len() + usize::from(anchor.is_some()),
        letters: letters(&tx)?,
    };
    tx.commit()?;
    Ok(summary)
}

/// Restores a backup into `dir`, which must not hold a register yet (a new PC, or a data
/// dir moved aside), so that nothing is ever overwritten; `actor` is logged as restoring.
pub fn restore(file: &Path, dir: &Path, actor: &str) -> Result<BackupSummary> {
    let register = dir.join("loket.db");
    if register.exists() {
        return Err(Error::Invalid(format!(
            "Folder data {} sudah berisi basis data; pulihkan ke folder kosong (pindahkan folder lama lebih dulu).",
            dir.display()
        )));
    }
    let source = Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let is_backup: bool = source.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE name = ?1)",
        [FILES_TABLE],
        |r| r.get(0),
    )?;
    if !is_backup {
        return Err(Error::Invalid(format!(
            "{} bukan berkas cadangan Loket DTKS.",
            file.display()
        )));
    }
    crate::core::files::make_dir_private(dir)?;
    let mut count = 0;
    let mut stmt = source.prepare(&format!("SELECT path, data FROM {FILES_TABLE}"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let relative: String = row.get(0)?;
        if relative
            .split('/')
            .any(|part| part == ".." || part.is_empty())
        {
            return Err(Error::Invalid(format!(
                "Jalur berkas tidak sah di cadangan: {relative}"
            )));
        }
        let path = dir.join(&relative);
        if let Some(parent) = path.parent() {
            create_private_dir(parent)?;
        }
        let data: Vec<u8> = row.get(1)?;
        write_synced(&path, &data)?;
        count += 1;
    }
    // The register: a copy of the backup without the file blobs.
    let staging = dir.join("loket.db.pemulihan");
    let _ = std::fs::remove_file(&staging);
    std::fs::copy(file, &staging).map_err(|e| Error::io(&staging, e))?;
    crate::core::files::make_private(&staging)?;
    let copy = Connection::open(&staging)?;
    copy.execute_batch(&format!("DROP TABLE {FILES_TABLE}; VACUUM;"))?;
    drop(copy);
    std::fs::rename(&staging, &register).map_err(|e| Error::io(&register, e))?;
    let store = Store::open(dir)?;
    audit::record(
        &store.register,
        actor,
        audit::AuditAction::Pulihkan,
        &file.display().to_string(),
        "",
        chrono::Local::now(),
    )?;
    Ok(BackupSummary {
        file: file.to_path_buf(),
        files: count,
        letters: letters(&store.register)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::letter::{issue_certificate, render::tests::sample_content};
    use crate::core::{archive, verify};

    #[test]
    fn restore_brings_back_letters_files_and_verification() {
        let old = tempfile::tempdir().unwrap();
        let store = Store::open(old.path()).unwrap();
        let content = sample_content();
        let issued = issue_certificate(
            &store,
            &crate::core::letter::IssueRequest {
                application_id: None,
                person: content.person.clone(),
                programs: content.programs.clone(),
                snapshot: content.snapshot.clone(),
                purpose: content.purpose.clone(),
                actor: "operator".into(),
                date: content.date,
            },
        )
        .unwrap();
        let inside = old.path().join("cadangan.loket");
        for force in [false, true] {
            let refused = backup(&store, &inside, force, "admin").unwrap_err();
            assert!(refused.is_bad_input(), "{refused}");
        }
        assert!(!inside.exists(), "never inside the data dir");
        let outside = tempfile::tempdir().unwrap();
        let file = outside.path().join("cadangan.loket");
        let made = backup(&store, &file, false, "admin").unwrap();
        assert_eq!((made.files, made.letters), (3, 1), "key, anchor, letter");
        assert!(
            backup(&store, &file, false, "admin").is_err(),
            "never overwrites unless forced"
        );
        let left: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");

        let new = tempfile::tempdir().unwrap();
        let restored = restore(&file, new.path(), "cli").unwrap();
        assert_eq!((restored.files, restored.letters), (3, 1));
        let store = Store::open(new.path()).unwrap();
        assert!(archive::check(&store).unwrap().is_empty());
        let answer = verify::verify(&store, &issued.verification_code).unwrap();
        assert_eq!(answer.status, verify::Status::Valid);
        assert_eq!(audit::verify(&store.register).unwrap(), None);
        assert!(
            restore(&file, new.path(), "cli").is_err(),
            "never overwrites a register"
        );
    }
}
