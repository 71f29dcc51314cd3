//! Looking a NIK up in the active snapshot.

use chrono::{DateTime, Local};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::nik::Nik;
use crate::core::register;
use crate::core::snapshot::{Person, SnapshotInfo, files, store};
use crate::core::{Error, Result, Store};

/// The answer to "is this NIK registered?".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lookup {
    /// The NIK asked about.
    pub nik: String,
    /// The person, when registered.
    pub person: Option<Person>,
    /// Programs covering the person (snapshot flags and imported recipient lists).
    pub programs: Vec<String>,
    /// The snapshot that answered.
    pub snapshot: SnapshotInfo,
}

impl Lookup {
    /// True when the NIK is in the snapshot.
    pub fn registered(&self) -> bool {
        self.person.is_some()
    }

    /// Where the record disagrees with what the NIK itself says (birth date, sex): shown
    /// to the operator as a warning to check the KTP, never a reason to refuse.
    pub fn warnings(&self) -> Vec<String> {
        let (Some(person), Ok(nik)) = (&self.person, Nik::parse(&self.nik)) else {
            return Vec::new();
        };
        let mut warnings = Vec::new();
        let from_nik = nik.birth_date().format("%Y-%m-%d").to_string();
        if let Some(recorded) = person.birth_date.as_deref()
            && recorded != from_nik
        {
            warnings.push(format!(
                "Tanggal lahir di data ({recorded}) berbeda dengan yang tersirat di NIK \
                 ({from_nik}); periksa KTP/KK."
            ));
        }
        if let Some(recorded) = person.sex.as_deref()
            && recorded != nik.sex().code()
        {
            warnings.push(format!(
                "Jenis kelamin di data ({recorded}) berbeda dengan yang tersirat di NIK ({}); \
                 periksa KTP/KK.",
                nik.sex().code()
            ));
        }
        warnings
    }
}

/// The counter's NIK check, from the window or the CLI: looks `nik` up in the active
/// snapshot and logs the access by `actor` ([`AuditAction::CekNik`], the masked NIK and
/// whether it is registered).
pub fn check(store: &Store, nik: &Nik, actor: &str) -> Result<Lookup> {
    audited(store, nik, actor, Local::now())
}

/// The operator's check of application `application_id` from the queue: looks its NIK
/// up as [`check`] does (the access logged at `at`), then records the result in the
/// register ([`register::record_check`]: "terdaftar" or "tidak terdaftar" in the
/// snapshot). Opening the same application again records nothing new.
///
/// The access is logged before the step is taken, in its own write: the NIK was looked
/// at even when the register refuses the step (an application whose recorded check
/// disagrees with a newer snapshot), and that refusal is returned.
pub fn check_application(
    store: &Store,
    application_id: i64,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Lookup> {
    let application = register::get(&store.register, application_id)?;
    let nik = Nik::parse(&application.nik)?;
    let answer = audited(store, &nik, actor, at)?;
    register::record_check(
        &store.register,
        application_id,
        answer.registered(),
        &answer.snapshot.label(),
        actor,
        at,
    )?;
    Ok(answer)
}

/// Looks `nik` up and logs the access by `actor` at `at`.
fn audited(store: &Store, nik: &Nik, actor: &str, at: DateTime<Local>) -> Result<Lookup> {
    let answer = lookup(&store.snapshots, nik)?;
    let detail = if answer.registered() {
        "terdaftar"
    } else {
        "tidak terdaftar"
    };
    audit::record(
        &store.register,
        actor,
        AuditAction::CekNik,
        &nik.masked(),
        detail,
        at,
    )?;
    Ok(answer)
}

/// Looks `nik` up in the active snapshot; `Error::NoSnapshot` when none was imported.
pub fn lookup(conn: &Connection, nik: &Nik) -> Result<Lookup> {
    let snapshot = store::active(conn)?.ok_or(Error::NoSnapshot)?;
    let table = files::attach(conn, &snapshot)?.persons;
    let found = conn
        .query_row(
            &format!(
                "SELECT nik, name, birth_date, birth_place, sex, kk, address, desa, kec, id_dtks,
                        desil, programs
                 FROM {table} WHERE nik = ?1"
            ),
            [nik.number()],
            |r| {
                Ok((
                    Person {
                        nik: files::nik_text(r.get(0)?),
                        name: r.get(1)?,
                        birth_date: r.get(2)?,
                        birth_place: r.get(3)?,
                        sex: r.get(4)?,
                        kk: r.get(5)?,
                        address: r.get(6)?,
                        desa: r.get(7)?,
                        kec: r.get(8)?,
                        id_dtks: r.get(9)?,
                        desil: r.get(10)?,
                    },
                    r.get::<_, Option<String>>(11)?,
                ))
            },
        )
        .optional()?;
    let (person, mut programs) = match found {
        Some((person, list)) => (
            Some(person),
            list.map(|l| l.split(", ").map(str::to_string).collect())
                .unwrap_or_default(),
        ),
        None => (None, Vec::new()),
    };
    for program in recipient_lists(conn, snapshot.id, nik)? {
        if !programs.contains(&program) {
            programs.push(program);
        }
    }
    Ok(Lookup {
        nik: nik.as_str().to_string(),
        person,
        programs,
        snapshot,
    })
}

/// Programs from imported recipient lists, labelled with their period ("PKH (2025 tahap 3)").
fn recipient_lists(conn: &Connection, snapshot_id: i64, nik: &Nik) -> Result<Vec<String>> {
    let table = store::program_table(snapshot_id);
    let exists: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE name = ?1)",
        [&table],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT program, period FROM {table} WHERE nik = ?1 ORDER BY program, period"
    ))?;
    let rows = stmt.query_map([nik.as_str()], |r| {
        let program: String = r.get(0)?;
        let period: Option<String> = r.get(1)?;
        Ok(match period.filter(|p| !p.is_empty()) {
            Some(p) => format!("{program} ({p})"),
            None => program,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
#[path = "lookup_tests.rs"]
mod check_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(birth: &str, sex: &str) -> Lookup {
        Lookup {
            nik: "3520015708100002".into(),
            person: Some(Person {
                nik: "3520015708100002".into(),
                name: "Siti Aminah".into(),
                birth_date: Some(birth.into()),
                sex: Some(sex.into()),
                ..Person::default()
            }),
            programs: Vec::new(),
            snapshot: SnapshotInfo {
                id: 1,
                source: "DTKS".into(),
                period: "2025-09".into(),
                file_name: String::new(),
                imported_at: String::new(),
                rows: 1,
                rejected: 0,
                active: true,
                demo: false,
                data_file: String::new(),
            },
        }
    }

    #[test]
    fn warns_when_the_record_disagrees_with_the_nik() {
        assert!(answer("2010-08-17", "P").warnings().is_empty());
        let w = answer("2010-08-18", "L").warnings();
        assert_eq!(w.len(), 2);
        assert!(
            w[0].contains("2010-08-18") && w[0].contains("2010-08-17"),
            "{}",
            w[0]
        );
        assert!(w[1].contains("(L)") && w[1].contains("(P)"), "{}", w[1]);
    }
}
