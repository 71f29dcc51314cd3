//! The archive of issued letters: PDFs and attached scans, their hashes, and search.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::core::audit::AuditAction;
use crate::core::files::write_atomically;
use crate::core::letter::files::{in_transaction, now, relative_to_store, sha256_hex};
use crate::core::{Error, Result, Store, audit, nik};

mod seal;

pub(crate) use seal::insert as insert_file;
pub use seal::{seal, unsealed};

/// Extensions accepted for scans of signed letters.
const SCAN_EXTENSIONS: [&str; 4] = ["pdf", "jpg", "jpeg", "png"];

/// Most rows [`search`] returns.
pub const SEARCH_LIMIT: i64 = 200;

/// SHA-256 of a file, lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(audit::hex(&hasher.finalize()))
}

/// Copies a scan (PDF, JPG or PNG) of the signed letter next to the letter's PDF and
/// records it with its hash. Returns the absolute path of the copy.
pub fn attach_scan(
    store: &Store,
    certificate_id: i64,
    source_file: &Path,
    actor: &str,
) -> Result<PathBuf> {
    let ext = source_file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !SCAN_EXTENSIONS.contains(&ext.as_str()) {
        return Err(Error::Invalid(format!(
            "Berkas pindaian harus berupa PDF, JPG atau PNG; \"{}\" tidak dapat dilampirkan.",
            source_file.display()
        )));
    }
    let bytes = std::fs::read(source_file).map_err(|e| Error::io(source_file, e))?;
    in_transaction(&store.register, |tx, written| {
        let row: Option<(String, Option<String>, String)> = tx
            .query_row(
                "SELECT file, number, nik FROM certificate WHERE id = ?1",
                [certificate_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((letter, number, nik_text)) = row else {
            return Err(Error::NotFound(format!("Surat (id {certificate_id})")));
        };
        let scans: i64 = tx.query_row(
            "SELECT COUNT(*) FROM archive_file WHERE certificate_id = ?1 AND kind = 'scan'",
            [certificate_id],
            |r| r.get(0),
        )?;
        let letter = store.dir().join(letter);
        let stem = letter
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("surat-{certificate_id}"));
        let dir = letter
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| store.archive_dir());
        let target = dir.join(format!("{stem}-pindaian-{}.{ext}", scans + 1));
        written.push(target.clone());
        write_atomically(&target, &bytes)?;
        let sha256 = sha256_hex(&bytes);
        insert_file(
            tx,
            certificate_id,
            "scan",
            &relative_to_store(store, &target),
            &sha256,
            &now(),
        )?;
        let subject = number.unwrap_or_else(|| nik::mask(&nik_text));
        audit::record(
            tx,
            actor,
            AuditAction::LampirPindaian,
            &subject,
            &sha256,
            chrono::Local::now(),
        )?;
        Ok(target)
    })
}

/// What is wrong with an archived file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Problem {
    /// The file is gone.
    Missing,
    /// The file's content no longer matches the recorded hash.
    Changed,
    /// The file matches its recorded hash, but the hash is not the one sealed: the file
    /// and its hash were both rewritten.
    HashChanged,
}

impl Problem {
    /// Indonesian label for screens and the CLI.
    pub fn label(self) -> &'static str {
        match self {
            Problem::Missing => "berkas hilang",
            Problem::Changed => "isi berkas berubah",
            Problem::HashChanged => "hash arsip diubah di basis data",
        }
    }
}

/// One archived file that failed the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchiveProblem {
    /// The letter the file belongs to.
    pub certificate_id: i64,
    /// Absolute path of the file.
    pub path: PathBuf,
    /// What is wrong.
    pub problem: Problem,
}

/// "Periksa Arsip" (or `archive check`): re-hashes every archived file as [`check`] does
/// and logs it by `actor` ([`AuditAction::PeriksaArsip`], the number of problems).
pub fn recheck(store: &Store, actor: &str) -> Result<Vec<ArchiveProblem>> {
    let problems = check(store)?;
    audit::record(
        &store.register,
        actor,
        AuditAction::PeriksaArsip,
        "arsip surat",
        &format!("{} masalah", problems.len()),
        chrono::Local::now(),
    )?;
    Ok(problems)
}

/// Re-hashes every archived file and lists those that are missing or changed, and
/// those whose recorded hash no longer matches its seal (files without a seal yet are
/// counted by [`unsealed`], not listed).
pub fn check(store: &Store) -> Result<Vec<ArchiveProblem>> {
    let keys = audit::mac::known(store.dir());
    let mut stmt = store
        .register
        .prepare("SELECT certificate_id, path, sha256, mac FROM archive_file ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut problems = Vec::new();
    for (certificate_id, rel, expected, mac) in rows {
        let path = store.dir().join(&rel);
        // Without any key a seal cannot be checked (nor can the letters' codes).
        let resealed = mac.is_some_and(|mac| {
            !keys.is_empty() && !seal::matches(&keys, certificate_id, &rel, &expected, &mac)
        });
        let problem = if resealed {
            Some(Problem::HashChanged)
        } else if !path.is_file() {
            Some(Problem::Missing)
        } else if sha256_file(&path)? != expected {
            Some(Problem::Changed)
        } else {
            None
        };
        if let Some(problem) = problem {
            problems.push(ArchiveProblem {
                certificate_id,
                path,
                problem,
            });
        }
    }
    Ok(problems)
}

/// One letter or slip in the archive, as listed by [`search`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchivedLetter {
    /// Row id in `certificate`.
    pub id: i64,
    /// `surat` or `slip`.
    pub kind: String,
    /// Letter number (`None` for slips).
    pub number: Option<String>,
    /// NIK of the person.
    pub nik: String,
    /// Name of the person.
    pub name: String,
    /// When it was issued (RFC 3339).
    pub issued_at: String,
    /// `final` or `void`.
    pub status: String,
    /// How often it has been printed.
    pub printed: i64,
    /// Absolute path of the PDF.
    pub file: PathBuf,
}

/// The archive tab's search: letters matching `text` issued on dates starting with
/// `date` (as [`search_issued`]), logged by `actor` ([`AuditAction::CariArsip`], the
/// count only).
pub fn find(store: &Store, text: &str, date: &str, actor: &str) -> Result<Vec<ArchivedLetter>> {
    let letters = search_issued(store, text, date)?;
    audit::record(
        &store.register,
        actor,
        AuditAction::CariArsip,
        "arsip surat",
        &format!("{} surat", letters.len()),
        chrono::Local::now(),
    )?;
    Ok(letters)
}

/// Finds archived letters whose number, name or NIK contains `text` (case-insensitive),
/// newest first, at most [`SEARCH_LIMIT`]. Empty text lists the newest.
pub fn search(store: &Store, text: &str) -> Result<Vec<ArchivedLetter>> {
    search_issued(store, text, "")
}

/// Like [`search`], limited to letters whose `issued_at` starts with `issued_prefix`
/// (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty for any date).
pub fn search_issued(
    store: &Store,
    text: &str,
    issued_prefix: &str,
) -> Result<Vec<ArchivedLetter>> {
    let escape = |s: &str| {
        s.trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    };
    let pattern = format!("%{}%", escape(text));
    let issued = format!("{}%", escape(issued_prefix));
    let mut stmt = store.register.prepare(
        "SELECT id, kind, number, nik, name, issued_at, status, printed, file
         FROM certificate
         WHERE (number LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\'
                OR nik LIKE ?1 ESCAPE '\\')
           AND issued_at LIKE ?3 ESCAPE '\\'
         ORDER BY issued_at DESC, id DESC
         LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![pattern, SEARCH_LIMIT, issued], |r| {
        Ok(ArchivedLetter {
            id: r.get(0)?,
            kind: r.get(1)?,
            number: r.get(2)?,
            nik: r.get(3)?,
            name: r.get(4)?,
            issued_at: r.get(5)?,
            status: r.get(6)?,
            printed: r.get(7)?,
            file: store.dir().join(r.get::<_, String>(8)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One file kept for a letter: its PDF or an attached scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchiveFile {
    /// `pdf` or `scan`.
    pub kind: String,
    /// Path relative to the data directory, `/`-separated.
    pub path: String,
    /// SHA-256 recorded when the file was archived, lowercase hex.
    pub sha256: String,
    /// When it was archived (RFC 3339).
    pub added_at: String,
}

/// The files archived for a letter, oldest first.
pub fn files(store: &Store, certificate_id: i64) -> Result<Vec<ArchiveFile>> {
    let mut stmt = store.register.prepare(
        "SELECT kind, path, sha256, added_at FROM archive_file
         WHERE certificate_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([certificate_id], |r| {
        Ok(ArchiveFile {
            kind: r.get(0)?,
            path: r.get(1)?,
            sha256: r.get(2)?,
            added_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests;
