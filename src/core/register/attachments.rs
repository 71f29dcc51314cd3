//! Copies of papers that arrive online (a photo of the KTP, a scan of the KK) kept with
//! their application: copied into the data dir under `lampiran/YYYY/MM/`, hashed and
//! recorded with who added them.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Local};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::get;
use crate::core::audit::{self, AuditAction};
use crate::core::letter::files::{in_transaction, relative_to_store, sha256_hex};
use crate::core::{Error, Result, Store};

/// The largest file accepted (20 MB): a phone photo or a scanned page is far smaller.
pub const MAX_ATTACHMENT_BYTES: u64 = 20 * 1024 * 1024;

/// The folder under the data dir that holds the attachments.
pub const ATTACHMENT_DIR: &str = "lampiran";

/// Which paper an attached file is a copy of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AttachmentKind {
    /// The identity card.
    Ktp,
    /// The family card.
    Kk,
    /// The desa/kelurahan cover letter.
    Pengantar,
    /// Anything else.
    Lainnya,
}

impl AttachmentKind {
    /// Every kind, in the order offered.
    pub const ALL: [AttachmentKind; 4] = [
        AttachmentKind::Ktp,
        AttachmentKind::Kk,
        AttachmentKind::Pengantar,
        AttachmentKind::Lainnya,
    ];

    /// The stored code and label: `KTP`, `KK`, `Pengantar`, `Lainnya`.
    pub fn code(self) -> &'static str {
        match self {
            AttachmentKind::Ktp => "KTP",
            AttachmentKind::Kk => "KK",
            AttachmentKind::Pengantar => "Pengantar",
            AttachmentKind::Lainnya => "Lainnya",
        }
    }

    /// Parses a code, ignoring case (`ktp`, `KK`, `PENGANTAR`, `lainnya`).
    pub fn parse(text: &str) -> Option<AttachmentKind> {
        let text = text.trim();
        AttachmentKind::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(text))
    }
}

impl std::fmt::Display for AttachmentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A file attached to an application.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attachment {
    /// Row id.
    pub id: i64,
    /// The application it belongs to.
    pub application_id: i64,
    /// Which paper it is a copy of.
    pub kind: AttachmentKind,
    /// The name of the file it was copied from.
    pub file_name: String,
    /// Where the copy is, relative to the data dir (`lampiran/YYYY/MM/…`).
    pub path: String,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// When it was attached (RFC 3339).
    pub added_at: String,
    /// Who attached it.
    pub added_by: String,
}

impl Attachment {
    /// The first 12 hex digits of the hash, for lists.
    pub fn short_hash(&self) -> &str {
        self.sha256.get(..12).unwrap_or(&self.sha256)
    }
}

/// The file types accepted, by their first bytes: (magic, extension).
const TYPES: [(&[u8], &str); 3] = [
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"%PDF-", "pdf"),
];

/// Reads `source` for attaching: a regular file of at most [`MAX_ATTACHMENT_BYTES`]
/// that is a JPEG, PNG or PDF by its content. Returns the bytes and the extension.
fn read_source(source: &Path) -> Result<(Vec<u8>, &'static str)> {
    let meta = std::fs::metadata(source).map_err(|e| Error::io(source, e))?;
    // Checked before opening: opening a pipe would wait for a writer.
    if !meta.is_file() {
        return Err(Error::Invalid(format!(
            "\"{}\" bukan berkas biasa; pilih berkas foto atau PDF.",
            source.display()
        )));
    }
    let too_large = || {
        Error::Invalid(format!(
            "Berkas \"{}\" lebih dari 20 MB; perkecil ukuran foto atau pindaian.",
            source.display()
        ))
    };
    if meta.len() > MAX_ATTACHMENT_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(source)
        .and_then(|f| f.take(MAX_ATTACHMENT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(source, e))?;
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(too_large());
    }
    let Some((_, ext)) = TYPES.iter().find(|(magic, _)| bytes.starts_with(magic)) else {
        return Err(Error::Invalid(format!(
            "Berkas \"{}\" bukan foto JPEG/PNG atau PDF; hanya itu yang dapat dilampirkan.",
            source.display()
        )));
    };
    Ok((bytes, ext))
}

/// Writes `bytes` into `dir` under a new name `<stem>-<n>.<ext>` (never over an existing
/// file), readable by the owner only on unix, synced to disk. Returns its path.
fn write_new(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut n = 0;
    loop {
        n += 1;
        let path = dir.join(format!("{stem}-{n}.{ext}"));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = match options.open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&path, e)),
        };
        if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
            let _ = std::fs::remove_file(&path);
            return Err(Error::io(&path, e));
        }
        // The new name must survive a power cut too.
        #[cfg(unix)]
        let _ = File::open(dir).and_then(|d| d.sync_all());
        return Ok(path);
    }
}

/// Attaches a copy of `source` (a JPEG, PNG or PDF of at most 20 MB) to application
/// `id` as a `kind` paper: copied to `lampiran/YYYY/MM/` in the data dir under a new
/// name, then recorded with its hash and logged ([`AuditAction::LampirBerkas`]) in one
/// transaction; the copy is removed again when that fails.
pub fn attach(
    store: &Store,
    id: i64,
    source: &Path,
    kind: AttachmentKind,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Attachment> {
    let app = get(&store.register, id)?;
    let (bytes, ext) = read_source(source)?;
    let dir = store
        .dir()
        .join(ATTACHMENT_DIR)
        .join(format!("{:04}", at.year()))
        .join(format!("{:02}", at.month()));
    let stem = format!(
        "{}-{}",
        app.register_no.replace('/', "-"),
        kind.code().to_lowercase()
    );
    let file = write_new(&dir, &stem, ext, &bytes)?;
    let sha256 = sha256_hex(&bytes);
    let file_name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let relative = relative_to_store(store, &file);
    let row_id = in_transaction(&store.register, |tx, written| {
        written.push(file.clone());
        tx.execute(
            "INSERT INTO application_file(application_id, kind, file_name, path, sha256,
                 size, added_at, added_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                kind.code(),
                file_name,
                relative,
                sha256,
                bytes.len() as i64,
                at.to_rfc3339(),
                actor
            ],
        )?;
        let row_id = tx.last_insert_rowid();
        audit::record(
            tx,
            actor,
            AuditAction::LampirBerkas,
            &app.register_no,
            &format!("{} {sha256}", kind.code()),
            at,
        )?;
        Ok(row_id)
    })?;
    Ok(Attachment {
        id: row_id,
        application_id: id,
        kind,
        file_name,
        path: relative,
        sha256,
        size: bytes.len() as u64,
        added_at: at.to_rfc3339(),
        added_by: actor.to_string(),
    })
}

/// The files attached to application `id`, in the order they were added.
pub fn attachments(conn: &Connection, id: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare(
        "SELECT id, application_id, kind, file_name, path, sha256, size, added_at, added_by
         FROM application_file WHERE application_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Attachment {
            id: r.get(0)?,
            application_id: r.get(1)?,
            kind: AttachmentKind::parse(&r.get::<_, String>(2)?).unwrap_or(AttachmentKind::Lainnya),
            file_name: r.get(3)?,
            path: r.get(4)?,
            sha256: r.get(5)?,
            size: r.get::<_, i64>(6)?.max(0) as u64,
            added_at: r.get(7)?,
            added_by: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
#[path = "attachments_tests.rs"]
mod tests;
