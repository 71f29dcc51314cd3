//! Typed errors of the core, each with an Indonesian message a clerk can act on.

use std::path::PathBuf;

/// Result alias used throughout the core.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The NIK typed or imported is not a valid 16-digit NIK.
    #[error("NIK tidak valid: {0}")]
    InvalidNik(#[from] crate::core::nik::NikError),
    /// No snapshot has been imported yet, so a lookup cannot answer.
    #[error(
        "Belum ada data DTKS/DTSEN yang diimpor. Impor berkas data terlebih dahulu (menu Admin atau perintah `import`)."
    )]
    NoSnapshot,
    /// A file could not be read as a snapshot.
    #[error("Berkas {file} tidak dapat diimpor: {reason}")]
    Import {
        /// The file being imported.
        file: PathBuf,
        /// Why it was refused, in Indonesian.
        reason: String,
    },
    /// The import was cancelled by the user; nothing was changed.
    #[error("Impor dibatalkan; data sebelumnya tetap aktif.")]
    Cancelled,
    /// A record the caller referred to does not exist.
    #[error("{0} tidak ditemukan.")]
    NotFound(String),
    /// The caller asked for something the current state does not allow.
    #[error("{0}")]
    Invalid(String),
    /// The letter could not be rendered.
    #[error("Surat tidak dapat dibuat: {0}")]
    Letter(String),
    /// Printing failed; the PDF is kept and can be printed later.
    #[error("Gagal mencetak: {0}. Berkas PDF tetap tersimpan dan dapat dicetak ulang.")]
    Print(String),
    /// The local database reported an error.
    #[error("Kesalahan basis data: {0}")]
    Database(#[from] rusqlite::Error),
    /// A schema migration failed.
    #[error("Gagal memperbarui struktur basis data: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A file could not be read or written.
    #[error("Kesalahan berkas {path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The office signing key is missing although letters were issued with it: it is
    /// never silently replaced (every genuine letter would verify as forged).
    #[error(
        "Kunci tanda tangan surat {path} hilang, padahal sudah ada surat yang diterbitkan; surat tidak dapat diterbitkan atau diperiksa. Pulihkan dari cadangan: `loket-dtks --data-dir FOLDER_BARU restore BERKAS_CADANGAN` (lihat README, bagian Perlindungan data)."
    )]
    KeyMissing {
        /// Where the key should be.
        path: PathBuf,
    },
    /// The office signing key (or its history) cannot be read or is not a key.
    #[error(
        "Berkas kunci tanda tangan {path} rusak atau tidak dapat dibaca; surat tidak dapat diterbitkan atau diperiksa. Pulihkan dari cadangan: `loket-dtks --data-dir FOLDER_BARU restore BERKAS_CADANGAN` (lihat README, bagian Perlindungan data)."
    )]
    KeyDamaged {
        /// The key file.
        path: PathBuf,
    },
    /// The key that signed an older letter was already lost when the key was replaced.
    #[error(
        "Kunci yang menandatangani surat {number} sudah hilang saat kunci diganti; kode tidak dapat diperiksa. Cocokkan surat dengan arsip PDF, atau restore cadangan yang masih memuat kunci lama."
    )]
    RetiredKeyLost {
        /// The letter number.
        number: String,
    },
    /// Stored JSON could not be read.
    #[error("Data pengaturan rusak: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// Wraps an I/O error together with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A refused snapshot file and why, in Indonesian.
    pub fn import(file: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Import {
            file: file.into(),
            reason: reason.into(),
        }
    }

    /// True when the error comes from bad user input (CLI exit code 2).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            Error::InvalidNik(_) | Error::Import { .. } | Error::Invalid(_) | Error::NotFound(_)
        )
    }
}
