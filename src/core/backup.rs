//! Backup and restore of an installation as one file: a SQLite database holding the
//! register (applications, letters, settings, audit log) plus the office signing key and
//! every archived PDF and scan as blobs. Snapshots are not included: they are re-imported
//! from the data team's files (`snapshot.db` can be large).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use crate::core::{Error, Result, Store, audit, verify};

/// Table in a backup file holding the files of the data dir.
const FILES_TABLE: &str = "backup_file";

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BackupSummary {
    /// The backup file.
    pub file: PathBuf,
    /// Files carried (key, archived letters and scans).
    pub files: usize,
    /// Letters in the register.
    pub letters: i64,
}

fn data_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let key = dir.join(verify::KEY_FILE);
    if key.exists() {
        out.push(key);
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

/// Writes a backup of the installation to `file` (which must not exist yet).
pub fn backup(store: &Store, file: &Path, actor: &str) -> Result<BackupSummary> {
    if file.exists() {
        return Err(Error::Invalid(format!(
            "Berkas cadangan {} sudah ada; pilih nama lain.",
            file.display()
        )));
    }
    // VACUUM INTO takes a consistent copy even while the counter keeps working.
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
        files: files.len(),
        letters: letters(&tx)?,
    };
    tx.commit()?;
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
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
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
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let data: Vec<u8> = row.get(1)?;
        std::fs::write(&path, data).map_err(|e| Error::io(&path, e))?;
        count += 1;
    }
    // The register: a copy of the backup without the file blobs.
    let staging = dir.join("loket.db.pemulihan");
    let _ = std::fs::remove_file(&staging);
    std::fs::copy(file, &staging).map_err(|e| Error::io(&staging, e))?;
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
    use crate::core::archive;
    use crate::core::letter::{issue_certificate, render::tests::sample_content};

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
        let file = old.path().join("cadangan.loket");
        let made = backup(&store, &file, "admin").unwrap();
        assert_eq!((made.files, made.letters), (2, 1));
        assert!(backup(&store, &file, "admin").is_err(), "never overwrites");

        let new = tempfile::tempdir().unwrap();
        let restored = restore(&file, new.path(), "cli").unwrap();
        assert_eq!((restored.files, restored.letters), (2, 1));
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
