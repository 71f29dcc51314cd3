//! Answering the rows of a list from the active snapshot: NIKs in one read transaction
//! with prepared statements (a lookup costs microseconds, so 100,000 rows take well under
//! a second), rows without a NIK by an exact name and birth date match.

use rusqlite::{Connection, OptionalExtension, Statement};

use super::input::{InputRow, NikCell};
use super::{BulkProgress, BulkRow, cancelled};
use crate::core::Result;
use crate::core::snapshot::canon::Name;
use crate::core::snapshot::normalize::name_key;
use crate::core::snapshot::search::same_name_and_birth;
use crate::core::snapshot::{SnapshotInfo, files, store};

/// Rows answered between progress reports.
const REPORT_EVERY: usize = 4096;

/// The note on a row answered by its name and birth date.
const BY_NAME: &str = "tanpa NIK; dicocokkan dengan nama dan tanggal lahir";

/// The answered rows and notes on how.
pub(super) struct Answered {
    /// One answer per input row, in order.
    pub rows: Vec<BulkRow>,
    /// Notes for the summary.
    pub notes: Vec<String>,
}

/// What the snapshot says about one NIK.
struct Found {
    name: String,
    desil: Option<i64>,
    programs: Vec<String>,
}

/// Answers every row from `snapshot` (the active one in catalogue `conn`).
pub(super) fn answer(
    conn: &Connection,
    snapshot: &SnapshotInfo,
    rows: Vec<InputRow>,
    progress: &mut dyn FnMut(BulkProgress) -> bool,
) -> Result<Answered> {
    let label = snapshot.label();
    let total = rows.len().max(1);
    // Rows without a NIK are matched by name first: the name index may need attaching
    // (or rebuilding), which a transaction would not allow.
    let mut by_name = 0;
    let mut answers: Vec<Option<BulkRow>> = Vec::with_capacity(rows.len());
    for row in &rows {
        let answer = match (&row.nik, row.birth_date, row.name.is_empty()) {
            (NikCell::Empty, Some(birth), false) if row.unreadable.is_none() => {
                by_name += 1;
                Some(match_by_name(conn, row, birth, &label)?)
            }
            _ => None,
        };
        answers.push(answer);
    }
    let tables = files::attach(conn, snapshot)?;
    let tx = conn.unchecked_transaction()?;
    let mut person = tx.prepare(&format!(
        "SELECT name, desil, programs FROM {} WHERE nik = ?1",
        tables.persons
    ))?;
    let program_table = store::program_table(snapshot.id);
    let has_lists: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE name = ?1)",
        [&program_table],
        |r| r.get(0),
    )?;
    let mut lists = match has_lists {
        true => Some(tx.prepare(&format!(
            "SELECT DISTINCT program, period FROM {program_table} WHERE nik = ?1
             ORDER BY program, period"
        ))?),
        false => None,
    };
    let mut out = Vec::with_capacity(rows.len());
    for (i, (row, named)) in rows.into_iter().zip(answers).enumerate() {
        let answer = match named {
            Some(answer) => answer,
            None => by_nik(&mut person, lists.as_mut(), row, &label)?,
        };
        out.push(answer);
        if (i + 1) % REPORT_EVERY == 0
            && !progress(BulkProgress {
                rows: i + 1,
                fraction: 0.5 + 0.4 * (i + 1) as f32 / total as f32,
            })
        {
            return Err(cancelled());
        }
    }
    drop((person, lists));
    tx.rollback()?;
    let mut notes = Vec::new();
    if by_name > 0 {
        notes.push(format!(
            "{by_name} baris tanpa NIK dicocokkan dengan nama dan tanggal lahir"
        ));
    }
    Ok(Answered { rows: out, notes })
}

/// The answer for a row by its NIK (or why it has none to check).
fn by_nik(
    person: &mut Statement<'_>,
    lists: Option<&mut Statement<'_>>,
    row: InputRow,
    label: &str,
) -> Result<BulkRow> {
    let mut answer = BulkRow {
        line: row.line,
        nik: row.nik_text,
        file_name: row.name,
        ..BulkRow::default()
    };
    let nik = match row.nik {
        NikCell::Valid(nik) => nik,
        NikCell::Empty => {
            answer.note = match row.unreadable {
                Some(reason) => format!("baris tidak dapat dibaca: {reason}"),
                None if answer.file_name.is_empty() => "NIK kosong".into(),
                None => {
                    "NIK kosong; untuk dicocokkan dengan nama, isi juga tanggal lahirnya".into()
                }
            };
            return Ok(answer);
        }
        NikCell::Invalid(reason) => {
            answer.note = reason;
            return Ok(answer);
        }
    };
    answer.nik = nik.as_str().to_string();
    answer.snapshot = Some(label.to_string());
    let found = person
        .query_row([nik.number()], |r| {
            Ok(Found {
                name: r.get(0)?,
                desil: r.get(1)?,
                programs: r
                    .get::<_, Option<String>>(2)?
                    .map(|l| l.split(", ").map(str::to_string).collect())
                    .unwrap_or_default(),
            })
        })
        .optional()?;
    let Some(mut found) = found else {
        answer.registered = Some(false);
        return Ok(answer);
    };
    if let Some(lists) = lists {
        let listed = lists.query_map([nik.as_str()], |r| {
            let program: String = r.get(0)?;
            let period: Option<String> = r.get(1)?;
            Ok(match period.filter(|p| !p.is_empty()) {
                Some(p) => format!("{program} ({p})"),
                None => program,
            })
        })?;
        for program in listed {
            let program = program?;
            if !found.programs.contains(&program) {
                found.programs.push(program);
            }
        }
    }
    answer.registered = Some(true);
    answer.name_matches =
        (!answer.file_name.is_empty()).then(|| same_name(&answer.file_name, &found.name));
    answer.snapshot_name = Some(found.name);
    answer.desil = found.desil;
    answer.programs = found.programs;
    Ok(answer)
}

/// The answer for a row without a NIK, by its name and birth date.
fn match_by_name(
    conn: &Connection,
    row: &InputRow,
    birth: chrono::NaiveDate,
    label: &str,
) -> Result<BulkRow> {
    let mut answer = BulkRow {
        line: row.line,
        file_name: row.name.clone(),
        snapshot: Some(label.to_string()),
        ..BulkRow::default()
    };
    let hits = match same_name_and_birth(conn, &row.name, birth) {
        Ok(hits) => hits,
        // A "name" too long to be one: the row cannot be checked.
        Err(crate::core::Error::Invalid(reason)) => {
            answer.snapshot = None;
            answer.note = format!("NIK kosong; nama tidak dapat dicari: {reason}");
            return Ok(answer);
        }
        Err(e) => return Err(e),
    };
    match hits.as_slice() {
        [] => {
            answer.registered = Some(false);
            answer.note = format!(
                "{BY_NAME}: tidak ada yang sama persis; pastikan dengan NIK (ejaan nama bisa \
                 berbeda)"
            );
        }
        [hit] => {
            let found = crate::core::snapshot::lookup::lookup(
                conn,
                &crate::core::nik::Nik::parse(&hit.nik)?,
            )?;
            answer.registered = Some(true);
            answer.name_matches = Some(true);
            answer.snapshot_name = Some(hit.name.clone());
            answer.desil = found.person.and_then(|p| p.desil);
            answer.programs = found.programs;
            answer.note = BY_NAME.into();
        }
        more => {
            answer.snapshot = None;
            answer.note = format!(
                "tanpa NIK; {} orang dengan nama dan tanggal lahir ini, cek dengan NIK",
                more.len()
            );
        }
    }
    Ok(answer)
}

/// True when two names are the same in canonical form (titles, old spelling, case,
/// spacing and apostrophes aside).
pub(super) fn same_name(a: &str, b: &str) -> bool {
    Name::of(&name_key(a)).compact() == Name::of(&name_key(b)).compact()
}
