//! Acting on what the whole file showed (see [`super::evidence`]) once every row is
//! written: rows whose NIK was rounded are deleted and rejected, rounded KK numbers are
//! dropped, and birth dates read month-first are swapped back.

use rusqlite::Transaction;

use crate::core::Result;
use crate::core::snapshot::evidence::Evidence;
use crate::core::snapshot::files::PERSON_TABLE;
use crate::core::snapshot::import::Reject;
use crate::core::snapshot::person_row::Suspect;

/// The written rows with suspect cells, by row id, in the order written.
#[derive(Debug, Default)]
pub struct Suspects {
    /// Rows whose NIK is a number ending in 0, with their line.
    nik: Vec<(i64, u64)>,
    /// Rows whose KK is a number ending in 0.
    kk: Vec<i64>,
    /// Rows whose birth date is a date cell that could be swapped.
    dates: Vec<i64>,
}

impl Suspects {
    /// Notes the suspect cells of the row written as `rowid`.
    pub fn note(&mut self, rowid: i64, line: u64, suspect: Suspect) {
        if suspect.nik_rounded {
            self.nik.push((rowid, line));
        }
        if suspect.kk_rounded {
            self.kk.push(rowid);
        }
        if suspect.date_swapped {
            self.dates.push(rowid);
        }
    }
}

/// What the fixes did.
#[derive(Debug, Default)]
pub struct Fixed {
    /// Row ids deleted (ascending), to leave out of the duplicate check.
    pub deleted: Vec<i64>,
    /// Rejects for the deleted rows.
    pub rejects: Vec<Reject>,
    /// One sentence per fix applied to a whole column, for the import summary.
    pub notes: Vec<String>,
}

/// Applies the fixes the evidence calls for.
pub fn apply(tx: &Transaction<'_>, evidence: &Evidence, suspects: Suspects) -> Result<Fixed> {
    let mut fixed = Fixed::default();
    if evidence.nik.is_rounded() && !suspects.nik.is_empty() {
        let mut delete = tx.prepare(&format!("DELETE FROM {PERSON_TABLE} WHERE rowid = ?1"))?;
        let reason = evidence.nik.nik_reason();
        for (rowid, line) in suspects.nik {
            delete.execute([rowid])?;
            fixed.deleted.push(rowid);
            fixed.rejects.push(Reject {
                row: line,
                reason: reason.clone(),
            });
        }
    }
    if evidence.kk.is_rounded() {
        let mut clear = tx.prepare(&format!(
            "UPDATE {PERSON_TABLE} SET kk = NULL WHERE rowid = ?1"
        ))?;
        for rowid in &suspects.kk {
            clear.execute([rowid])?;
        }
        fixed.notes.push(format!(
            "{} No. KK tersimpan sebagai angka yang dibulatkan program lembar kerja (berakhiran \
             0) dan dikosongkan; ekspor ulang dengan kolom KK sebagai teks untuk memuatnya",
            suspects.kk.len()
        ));
    }
    if evidence.dates.is_swapped() {
        // 'YYYY-MM-DD' becomes 'YYYY-DD-MM': the day and month read the wrong way round.
        let mut swap = tx.prepare(&format!(
            "UPDATE {PERSON_TABLE}
             SET birth_date = substr(birth_date, 1, 5) || substr(birth_date, 9, 2) || '-'
                              || substr(birth_date, 6, 2)
             WHERE rowid = ?1"
        ))?;
        for rowid in &suspects.dates {
            swap.execute([rowid])?;
        }
        fixed.notes.push(format!(
            "{} tanggal lahir dikembalikan: sel tanggal terbaca bulan-dulu (hari dan bulan \
             tertukar oleh pengaturan bahasa program lembar kerja); {} tanggal cocok dengan NIK \
             hanya bila ditukar, {} cocok apa adanya",
            suspects.dates.len(),
            evidence.dates.swapped,
            evidence.dates.as_read
        ));
    }
    Ok(fixed)
}
