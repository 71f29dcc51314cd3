//! Restoring a backup: the whole backup is unpacked and checked in a staging folder
//! beside the data dir first (a Loket backup, `PRAGMA integrity_check` ok, every path a
//! safe one, the office key present, the audit chain intact against the backup's own
//! anchor); only then is the current data dir, if any, moved aside and the staging
//! folder renamed into its place. A backup that fails any check changes nothing.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use rusqlite::{Connection, OpenFlags};

use super::{BackupSummary, FILES_TABLE, letters};
use crate::core::files::{create_private_dir, make_dir_private, make_private, write_synced};
use crate::core::{Error, Result, Store, audit, key};

/// The register's file name in a data dir.
const REGISTER: &str = "loket.db";

/// Restores the backup `file` into `dir`, logged as done by `actor` at `at`.
///
/// When `dir` already holds anything, it is kept whole as
/// `<dir>.sebelum-pulihkan-YYYYMMDD-HHMMSS` (0700), named in
/// [`BackupSummary::aside`]. Snapshots are not in a backup: they stay in that folder.
pub fn restore(file: &Path, dir: &Path, actor: &str, at: DateTime<Local>) -> Result<BackupSummary> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(parent)?;
    let staging = sibling(dir, &format!("pemulihan-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    }
    make_dir_private(&staging)?;
    let checked = unpack(file, &staging).and_then(|files| verify(&staging).map(|_| files));
    let files = match checked {
        Ok(files) => files,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let aside = match swap_in(&staging, dir, at) {
        Ok(aside) => aside,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let store = Store::open(dir)?;
    let detail = aside
        .as_ref()
        .map(|a| format!("data lama disimpan di {}", a.display()))
        .unwrap_or_default();
    audit::record(
        &store.register,
        actor,
        audit::AuditAction::Pulihkan,
        &file.display().to_string(),
        &detail,
        at,
    )?;
    Ok(BackupSummary {
        file: file.to_path_buf(),
        files,
        letters: letters(&store.register)?,
        aside,
    })
}

/// `<dir>.<suffix>`, beside `dir`.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "loket-dtks".into());
    dir.with_file_name(format!("{name}.{suffix}"))
}

/// The message for a backup that cannot be restored: what is wrong, and that nothing
/// was changed.
fn damaged(file: &Path, what: impl std::fmt::Display) -> Error {
    Error::Invalid(format!(
        "Cadangan {} tidak dapat dipulihkan: {what}. Data yang ada tidak diubah.",
        file.display()
    ))
}

/// Whether `relative` is a path a backup may carry: the key files and the anchor at
/// the top, everything else under `arsip/`, no `..`, no empty or absolute part.
fn safe_path(relative: &str) -> bool {
    let parts: Vec<&str> = relative.split('/').collect();
    let plain = |part: &&str| {
        !part.is_empty() && *part != "." && *part != ".." && !part.contains(['\\', ':', '\0'])
    };
    if !parts.iter().all(plain) {
        return false;
    }
    match parts.as_slice() {
        [name] => [key::KEY_FILE, key::HISTORY_FILE, audit::ANCHOR_FILE].contains(name),
        ["arsip", _, ..] => true,
        _ => false,
    }
}

/// Unpacks the backup `file` into the empty folder `staging`: the register (without
/// the file blobs) and every carried file. Returns the number of files.
fn unpack(file: &Path, staging: &Path) -> Result<usize> {
    let source = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| damaged(file, e))?;
    let is_backup: bool = source
        .query_row(
            "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE name = ?1)",
            [FILES_TABLE],
            |r| r.get(0),
        )
        .map_err(|e| damaged(file, format!("berkas rusak atau bukan cadangan ({e})")))?;
    if !is_backup {
        return Err(damaged(file, "bukan berkas cadangan Loket DTKS"));
    }
    let integrity: String = source
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| damaged(file, format!("berkas rusak ({e})")))?;
    if integrity != "ok" {
        return Err(damaged(file, format!("berkas rusak ({integrity})")));
    }
    let mut count = 0;
    let mut stmt = source
        .prepare(&format!("SELECT path, data FROM {FILES_TABLE}"))
        .map_err(|e| damaged(file, e))?;
    let mut rows = stmt.query([]).map_err(|e| damaged(file, e))?;
    while let Some(row) = rows.next().map_err(|e| damaged(file, e))? {
        let relative: String = row.get(0).map_err(|e| damaged(file, e))?;
        if !safe_path(&relative) {
            return Err(damaged(
                file,
                format!("jalur berkas tidak sah di cadangan: {relative}"),
            ));
        }
        let data: Vec<u8> = row.get(1).map_err(|e| damaged(file, e))?;
        write_synced(&staging.join(&relative), &data)?;
        count += 1;
    }
    drop(rows);
    drop(stmt);
    drop(source);
    // The register: a copy of the backup without the file blobs.
    let register = staging.join(REGISTER);
    let copy = staging.join("loket.db.pemulihan");
    crate::core::files::private_options()
        .open(&copy)
        .map_err(|e| Error::io(&copy, e))?;
    std::fs::copy(file, &copy).map_err(|e| Error::io(&copy, e))?;
    make_private(&copy)?;
    let conn = Connection::open(&copy)?;
    conn.execute_batch(&format!("DROP TABLE {FILES_TABLE}; VACUUM;"))?;
    drop(conn);
    std::fs::rename(&copy, &register).map_err(|e| Error::io(&register, e))?;
    Ok(count)
}

/// Checks the unpacked installation in `staging`: the office key is there when the
/// register has letters or a keyed log, every archived file carried matches its
/// recorded SHA-256, and the audit log is intact against its anchor.
fn verify(staging: &Path) -> Result<()> {
    let register = staging.join(REGISTER);
    let conn = Connection::open(&register)?;
    let report = audit::check(&conn)?;
    let letters = letters(&conn)?;
    let changed = changed_archive_file(&conn, staging)?;
    drop(conn);
    if let Some(path) = changed {
        return Err(damaged(
            &register,
            format!("isi berkas arsip {path} di dalam cadangan tidak cocok dengan sidiknya"),
        ));
    }
    let needs_key = letters > 0 || report.keyed > 0;
    if needs_key && !staging.join(key::KEY_FILE).is_file() {
        return Err(damaged(
            &register,
            "kunci tanda tangan kantor tidak ada di dalam cadangan",
        ));
    }
    if let Some(problem) = report.problems.first() {
        return Err(damaged(
            &register,
            format!(
                "log akses di dalam cadangan tidak utuh ({})",
                problem.detail
            ),
        ));
    }
    Ok(())
}

/// The first archived file in `staging` whose content differs from its recorded
/// SHA-256 (a file the backup does not carry is left to `archive check`).
fn changed_archive_file(conn: &Connection, staging: &Path) -> Result<Option<String>> {
    let mut stmt = conn.prepare("SELECT path, sha256 FROM archive_file ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (relative, expected) in rows {
        let path = staging.join(&relative);
        if path.is_file() && crate::core::archive::sha256_file(&path)? != expected {
            return Ok(Some(relative));
        }
    }
    Ok(None)
}

/// Puts the checked `staging` folder in the place of `dir`; a `dir` with anything in
/// it is first moved aside (and put back if the second move fails). Returns where the
/// old data went.
fn swap_in(staging: &Path, dir: &Path, at: DateTime<Local>) -> Result<Option<PathBuf>> {
    let occupied = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(Error::io(dir, e)),
    };
    if !occupied {
        if dir.exists() {
            std::fs::remove_dir(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::rename(staging, dir).map_err(|e| Error::io(dir, e))?;
        return Ok(None);
    }
    // Never from under an open window or a running command.
    let _alone = crate::core::in_use::take_alone(dir)?;
    let aside = sibling(
        dir,
        &format!("sebelum-pulihkan-{}", at.format("%Y%m%d-%H%M%S")),
    );
    if aside.exists() {
        return Err(Error::Invalid(format!(
            "Folder {} sudah ada; tunggu sebentar lalu ulangi pemulihan.",
            aside.display()
        )));
    }
    std::fs::rename(dir, &aside).map_err(|e| Error::io(dir, e))?;
    make_dir_private(&aside)?;
    if let Err(e) = std::fs::rename(staging, dir) {
        let _ = std::fs::rename(&aside, dir);
        return Err(Error::io(dir, e));
    }
    Ok(Some(aside))
}

#[cfg(test)]
#[path = "restore_tests.rs"]
mod tests;
