//! Append-only access log with a hash chain (UU PDP 27/2022: who saw or issued what).

use chrono::{DateTime, Local};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::core::Result;
use crate::core::register::Status;
use crate::core::signoff::Step;

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
    /// The monthly report was written (subject: the month).
    LaporanBulanan,
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
    /// A user signed in with the right PIN (subject: the user's name).
    Masuk,
    /// A sign-in failed (subject: the name tried; detail: tries left or the lock-out;
    /// never the PIN).
    GagalMasuk,
    /// A user was added, changed, locked or unlocked, or had the PIN reset (subject: the
    /// user's name; detail: what was done).
    KelolaPengguna,
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
            AuditAction::Masuk => "masuk",
            AuditAction::GagalMasuk => "gagal_masuk",
            AuditAction::KelolaPengguna => "kelola_pengguna",
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
    let prev: String = conn
        .query_row("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let hash = entry_hash(&prev, at, actor, action, subject, detail);
    conn.execute(
        "INSERT INTO audit(at, actor, action, subject, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![at, actor, action, subject, detail, prev, hash],
    )?;
    Ok(())
}

/// Walks the chain; returns the id of the first entry that does not match, if any.
pub fn verify(conn: &Connection) -> Result<Option<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let stored_prev: String = row.get(6)?;
        let stored_hash: String = row.get(7)?;
        let expected = entry_hash(
            &prev,
            &row.get::<_, String>(1)?,
            &row.get::<_, String>(2)?,
            &row.get::<_, String>(3)?,
            &row.get::<_, Option<String>>(4)?.unwrap_or_default(),
            &row.get::<_, Option<String>>(5)?.unwrap_or_default(),
        );
        if stored_prev != prev || stored_hash != expected {
            return Ok(Some(id));
        }
        prev = stored_hash;
    }
    Ok(None)
}

fn entry_hash(
    prev: &str,
    at: &str,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, actor, action, subject, detail] {
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
            AuditAction::CatatUsulan,
            AuditAction::TahapUsulan,
            AuditAction::IsiSkm,
            AuditAction::CatatPengaduan,
            AuditAction::TindakLanjutPengaduan,
            AuditAction::Cadangkan,
            AuditAction::Pulihkan,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|a| a.code()).collect();
        assert_eq!(codes.len(), all.len());
    }
}
