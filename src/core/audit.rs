//! Append-only access log with a hash chain (UU PDP 27/2022: who saw or issued what).
//!
//! Once the office has a signing key, each entry's hash is an HMAC keyed with a key
//! derived from it ([`mac`]), so an entry cannot be edited and the chain recomputed
//! without the key; the head of the chain is signed into a file outside the database
//! ([`ANCHOR_FILE`]), so removing the last entries (or all) shows too. Entries written
//! before keep their plain SHA-256 (`scheme` per row).

use chrono::{DateTime, Local};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::core::Result;
use crate::core::register::Status;
use crate::core::signoff::Step;

mod anchor;
mod integrity;
mod list;
pub(crate) mod mac;

pub use anchor::{ANCHOR_FILE, Anchor, Stored as StoredAnchor, read as read_anchor};
pub use integrity::{Integrity, Problem, ProblemKind, check};
pub use list::{AuditEntry, AuditFilter, action_codes, export_csv_file, list};

/// `scheme` of entries hashed with plain SHA-256 (kept before the log was keyed).
const SCHEME_SHA256: &str = "sha256";

/// `scheme` of entries keyed with HMAC-SHA256 (see [`mac`]).
const SCHEME_HMAC: &str = "hmac";

/// Hash of the first entry's predecessor.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an audit entry records. Each act has one stored [`code`](AuditAction::code),
/// whether the window or the CLI did it.
///
/// Rows written before these codes were unified keep their old strings (the hash chain
/// covers them): `periksa_nik` for [`CekNik`](AuditAction::CekNik) from the window,
/// `verifikasi` for [`VerifikasiSurat`](AuditAction::VerifikasiSurat) from the CLI, and
/// `impor_snapshot` for a program list imported from the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// A NIK was looked up in the active snapshot (subject: the masked NIK).
    CekNik,
    /// The active snapshot was searched by name (detail: hit count, masked NIKs).
    CariNama,
    /// A snapshot file was imported as the new active snapshot (subject: its id).
    ImporSnapshot,
    /// A program recipient list was imported into a snapshot (subject: the snapshot id).
    ImporProgram,
    /// A snapshot was made the active one (subject: its id).
    AktifkanSnapshot,
    /// An old snapshot and its data files were deleted (subject: its id).
    HapusSnapshot,
    /// A letter's code or QR text was verified (subject: the code, detail: the status).
    VerifikasiSurat,
    /// The office settings were saved.
    UbahPengaturan,
    /// The letter archive was searched (detail: the count found).
    CariArsip,
    /// The register was exported to a file (subject: the file; detail: the row count).
    EksporRegister,
    /// A page of the register was printed to a PDF file (subject: the file; detail: the
    /// row count).
    CetakRegister,
    /// Every archived file was hashed again (detail: the number of problems).
    PeriksaArsip,
    /// The monthly report was written (subject: the month). Kept for older entries; the
    /// report is now logged as [`Laporan`](AuditAction::Laporan).
    LaporanBulanan,
    /// The period report was exported (subject: the period `YYYY-MM-DD s.d.
    /// YYYY-MM-DD`, detail: the file format).
    Laporan,
    /// An application was entered in the register (subject: the masked NIK).
    CatatPermohonan,
    /// A numbered certificate was issued (subject: its number).
    TerbitSurat,
    /// A "not registered" slip was issued (subject: the masked NIK).
    SlipTidakTerdaftar,
    /// A letter was voided (subject: its number, detail: the reason).
    BatalSurat,
    /// A letter or slip was printed (subject: its number).
    CetakUlang,
    /// A scan was attached to an archived letter (detail: its SHA-256).
    LampirPindaian,
    /// A copy of a paper (KTP, KK, …) was attached to an application (subject: its
    /// register number; detail: the kind and the SHA-256).
    LampirBerkas,
    /// A sign-off step was recorded on a letter (code: the step's own code).
    Tahap(Step),
    /// An application took a step of the register's flow that has no act of its own
    /// above (papers checked, the check's result, handover, closing, cancelling).
    Langkah(Status),
    /// The last step of an application was undone, with a reason.
    BatalLangkah,
    /// A letter's last paraf or TTD was undone, with a reason (subject: the letter
    /// number; code: `batal_` and the step's code).
    BatalTahap(Step),
    /// A register entry was corrected, with a reason.
    KoreksiPermohonan,
    /// A proposal (usulan) for a person not registered was entered (subject: the masked
    /// NIK, detail: the proposal id).
    CatatUsulan,
    /// A proposal moved to its next stage (subject: the masked NIK, detail: the proposal
    /// id and the stage).
    TahapUsulan,
    /// A satisfaction survey (SKM) response was recorded (subject: the response id,
    /// detail: the nine answers; never the suggestion or who answered).
    IsiSkm,
    /// A complaint, suggestion or guest book entry was recorded (subject: its id,
    /// detail: kind and channel; never the name, contact or text).
    CatatPengaduan,
    /// A complaint was followed up or closed (subject: its id, detail: the new status).
    TindakLanjutPengaduan,
    /// A list of NIKs was checked against the active snapshot in one go (subject: the
    /// result file; detail: the row counts only, never a NIK).
    CekMassal,
    /// A backup file was written (subject: its path).
    Cadangkan,
    /// A backup was restored into a new data directory (subject: its path).
    Pulihkan,
    /// The letter signing key was replaced (detail: the reason and whether the old key
    /// was kept for verifying older letters).
    GantiKunci,
    /// Archived files recorded before seals were kept were sealed (detail: how many).
    SegelArsip,
    /// The access log was exported to a file (subject: the file; detail: the row count).
    EksporLogAkses,
    /// A user signed in with the right PIN (subject: the user's name).
    Masuk,
    /// A sign-in failed (subject: the name tried; detail: tries left or the lock-out;
    /// never the PIN).
    GagalMasuk,
    /// A user was added, changed, locked or unlocked, or had the PIN reset (subject: the
    /// user's name; detail: what was done).
    KelolaPengguna,
    /// The personal data of old, closed applications was erased under the office's
    /// retention setting (subject: the cut-off date; detail: how many applications and
    /// attached files).
    HapusDataPribadi,
}

impl AuditAction {
    /// The code stored in the `action` column (Indonesian snake_case).
    pub fn code(&self) -> &'static str {
        match self {
            AuditAction::CekNik => "cek_nik",
            AuditAction::CariNama => "cari_nama",
            AuditAction::ImporSnapshot => "impor_snapshot",
            AuditAction::ImporProgram => "impor_program",
            AuditAction::AktifkanSnapshot => "aktifkan_snapshot",
            AuditAction::HapusSnapshot => "hapus_snapshot",
            AuditAction::VerifikasiSurat => "verifikasi_surat",
            AuditAction::UbahPengaturan => "ubah_pengaturan",
            AuditAction::CariArsip => "cari_arsip",
            AuditAction::EksporRegister => "ekspor_register",
            AuditAction::CetakRegister => "cetak_register",
            AuditAction::PeriksaArsip => "periksa_arsip",
            AuditAction::LaporanBulanan => "laporan_bulanan",
            AuditAction::Laporan => "laporan",
            AuditAction::CatatPermohonan => "catat_permohonan",
            AuditAction::TerbitSurat => "terbit_surat",
            AuditAction::SlipTidakTerdaftar => "slip_tidak_terdaftar",
            AuditAction::BatalSurat => "batal_surat",
            AuditAction::CetakUlang => "cetak_ulang",
            AuditAction::LampirPindaian => "lampir_pindaian",
            AuditAction::LampirBerkas => "lampir_berkas",
            AuditAction::Tahap(step) => step.code(),
            AuditAction::Langkah(status) => step_code(*status),
            AuditAction::BatalLangkah => "batal_langkah",
            AuditAction::BatalTahap(Step::Paraf) => "batal_paraf",
            AuditAction::BatalTahap(Step::Ttd) => "batal_ttd",
            AuditAction::BatalTahap(Step::Diserahkan) => "batal_diserahkan",
            AuditAction::KoreksiPermohonan => "koreksi_permohonan",
            AuditAction::CatatUsulan => "catat_usulan",
            AuditAction::TahapUsulan => "tahap_usulan",
            AuditAction::IsiSkm => "isi_skm",
            AuditAction::CatatPengaduan => "catat_pengaduan",
            AuditAction::TindakLanjutPengaduan => "tindak_lanjut_pengaduan",
            AuditAction::CekMassal => "cek_massal",
            AuditAction::Cadangkan => "cadangkan",
            AuditAction::Pulihkan => "pulihkan",
            AuditAction::GantiKunci => "ganti_kunci",
            AuditAction::SegelArsip => "segel_arsip",
            AuditAction::EksporLogAkses => "ekspor_log_akses",
            AuditAction::Masuk => "masuk",
            AuditAction::GagalMasuk => "gagal_masuk",
            AuditAction::KelolaPengguna => "kelola_pengguna",
            AuditAction::HapusDataPribadi => "hapus_data_pribadi",
        }
    }
}

/// The audit code of a register step. The steps that make a document or sign one are
/// logged by those acts (`terbit_surat`, `slip_tidak_terdaftar`, `paraf`, `ttd`).
fn step_code(status: Status) -> &'static str {
    match status {
        Status::BerkasLengkap => "berkas_lengkap",
        Status::BerkasTidakLengkap => "berkas_dikembalikan",
        Status::Terdaftar => "hasil_cek_terdaftar",
        Status::TidakTerdaftar => "hasil_cek_tidak_terdaftar",
        Status::Diserahkan => "serahkan_langsung",
        Status::DikirimOnline => "kirim_online",
        Status::Selesai => "selesai",
        Status::Dibatalkan => "batal_permohonan",
        other => other.code(),
    }
}

/// Appends one entry: `actor` did `action` on `subject` (a masked NIK or a letter number)
/// at `at` (the caller's clock).
pub fn record(
    conn: &Connection,
    actor: &str,
    action: AuditAction,
    subject: &str,
    detail: &str,
    at: DateTime<Local>,
) -> Result<()> {
    let action = action.code();
    let at = at.to_rfc3339();
    // Reading the last hash and appending must not interleave with another writer, or
    // the chain forks: outside a caller's transaction, take the write lock first.
    if conn.is_autocommit() {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        append(&tx, &at, actor, action, subject, detail)?;
        return Ok(tx.commit()?);
    }
    append(conn, &at, actor, action, subject, detail)
}

fn append(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<()> {
    let head: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT id, hash, scheme FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let prev = head
        .as_ref()
        .map_or(GENESIS, |(_, hash, _)| hash.as_str())
        .to_string();
    let dir = mac::data_dir(conn);
    // Keyed once the office has a signing key (made with its first letter).
    let signing = dir.as_deref().and_then(crate::core::key::current);
    let fields = [prev.as_str(), at, actor, action, subject, detail];
    let (scheme, hash) = match &signing {
        Some(key) => (SCHEME_HMAC, mac::MacKey::derive(key).tag(&fields)),
        None => (SCHEME_SHA256, plain_hash(&fields)),
    };
    conn.execute(
        "INSERT INTO audit(at, actor, action, subject, detail, prev_hash, hash, scheme)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![at, actor, action, subject, detail, prev, hash, scheme],
    )?;
    if let (Some(dir), Some(key)) = (dir, signing) {
        let prev = head
            .as_ref()
            .map(|(id, hash, scheme)| (*id, hash.as_str(), scheme == SCHEME_HMAC));
        anchor::stage(conn, &dir, key, prev, (conn.last_insert_rowid(), &hash), at)?;
    }
    Ok(())
}

/// Walks the chain and its anchor (see [`check`]); returns the id of the first entry
/// found tampered with (for a truncation, the first missing one; `0` when only the
/// anchor is wrong), if any.
pub fn verify(conn: &Connection) -> Result<Option<i64>> {
    Ok(check(conn)?.first_broken_id())
}

/// SHA-256 over `parts` (each followed by a NUL byte): the hash of entries kept before
/// the log was keyed.
fn plain_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex(&h.finalize())
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tamper_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_detects_an_edited_entry() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        let at = Local::now();
        record(
            &conn,
            "operator",
            AuditAction::CekNik,
            "352001******0001",
            "",
            at,
        )
        .unwrap();
        record(
            &conn,
            "operator",
            AuditAction::CetakUlang,
            "400.9/001",
            "",
            at,
        )
        .unwrap();
        assert_eq!(verify(&conn).unwrap(), None);
        conn.execute("UPDATE audit SET actor = 'x' WHERE id = 1", [])
            .unwrap();
        assert_eq!(verify(&conn).unwrap(), Some(1));
    }

    #[test]
    fn the_entry_carries_the_callers_time() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:41:05+07:00")
            .unwrap()
            .with_timezone(&Local);
        record(&conn, "cli", AuditAction::LaporanBulanan, "2026-02", "", at).unwrap();
        let stored: String = conn
            .query_row("SELECT at FROM audit", [], |r| r.get(0))
            .unwrap();
        let stored = chrono::DateTime::parse_from_rfc3339(&stored).unwrap();
        assert_eq!(stored, at);
        assert_eq!(verify(&conn).unwrap(), None);
    }

    #[test]
    fn every_action_has_its_own_code() {
        let all = [
            AuditAction::CekNik,
            AuditAction::CariNama,
            AuditAction::ImporSnapshot,
            AuditAction::ImporProgram,
            AuditAction::AktifkanSnapshot,
            AuditAction::HapusSnapshot,
            AuditAction::VerifikasiSurat,
            AuditAction::UbahPengaturan,
            AuditAction::CariArsip,
            AuditAction::PeriksaArsip,
            AuditAction::LaporanBulanan,
            AuditAction::Laporan,
            AuditAction::CatatPermohonan,
            AuditAction::TerbitSurat,
            AuditAction::SlipTidakTerdaftar,
            AuditAction::BatalSurat,
            AuditAction::CetakUlang,
            AuditAction::LampirPindaian,
            AuditAction::LampirBerkas,
            AuditAction::Tahap(Step::Paraf),
            AuditAction::Tahap(Step::Ttd),
            AuditAction::Tahap(Step::Diserahkan),
            AuditAction::BatalLangkah,
            AuditAction::BatalTahap(Step::Paraf),
            AuditAction::BatalTahap(Step::Ttd),
            AuditAction::BatalTahap(Step::Diserahkan),
            AuditAction::CatatUsulan,
            AuditAction::TahapUsulan,
            AuditAction::IsiSkm,
            AuditAction::CatatPengaduan,
            AuditAction::TindakLanjutPengaduan,
            AuditAction::Cadangkan,
            AuditAction::Pulihkan,
            AuditAction::GantiKunci,
            AuditAction::SegelArsip,
            AuditAction::EksporLogAkses,
            AuditAction::KelolaPengguna,
            AuditAction::HapusDataPribadi,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|a| a.code()).collect();
        assert_eq!(codes.len(), all.len());
    }
}
