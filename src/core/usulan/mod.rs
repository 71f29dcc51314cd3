//! Proposals (usulan) for people who are not in the DTKS/DTSEN snapshot.
//!
//! When the counter finds a person is not registered, the office helps them propose
//! inclusion. Tanjungpinang's SOP walks each proposal through usulan, koordinasi,
//! assessment (layak or tidak layak), input SIKS-NG, pemadanan Dukcapil and finalisasi;
//! every step is kept with its date, actor and note so the counter can tell a returning
//! citizen where their proposal stands, and the office can list proposals per desa.
//!
//! Every write is one transaction that stores the state, the step and a typed audit
//! event. The acting user and the clock are passed in.

mod book;
mod from_register;
mod stage;
#[cfg(test)]
mod tests;

pub use book::*;
pub use from_register::*;
pub use stage::*;

use chrono::{DateTime, Local};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::nik::Nik;
use crate::core::{Error, Result};

/// What the clerk writes for a new proposal.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewProposal {
    /// NIK of the person proposed.
    pub nik: String,
    /// The person's name.
    pub name: String,
    /// Desa/kelurahan of residence (the list sent on is per desa); may be empty.
    pub desa: String,
    /// Family card number; empty or 16 digits.
    pub kk: String,
    /// The register application that found the person not registered, if any.
    pub application_id: Option<i64>,
}

/// A proposal as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Row id.
    pub id: i64,
    /// NIK.
    pub nik: String,
    /// Name.
    pub name: String,
    /// Desa/kelurahan, may be empty.
    pub desa: String,
    /// KK, may be empty.
    pub kk: String,
    /// The register application it came from, if any.
    pub application_id: Option<i64>,
    /// When it was entered (RFC 3339).
    pub created_at: String,
    /// Who entered it.
    pub created_by: String,
    /// The last stage reached.
    pub stage: Stage,
    /// When that stage was reached (RFC 3339).
    pub stage_since: String,
    /// The assessment result, once known.
    pub outcome: Option<Outcome>,
}

const COLUMNS: &str = "p.id, p.nik, p.name, p.desa, p.kk, p.application_id, p.created_at, \
     p.created_by, p.stage, p.outcome, \
     (SELECT e.at FROM proposal_event e WHERE e.proposal_id = p.id ORDER BY e.id DESC LIMIT 1)";

/// The stage stored in column `idx`; an unknown code is a conversion error.
fn stage_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Stage> {
    let code: String = row.get(idx)?;
    Stage::parse(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("tahap usulan tidak dikenal: {code}").into(),
        )
    })
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Proposal> {
    let stage = stage_at(row, 8)?;
    let created_at: String = row.get(6)?;
    Ok(Proposal {
        id: row.get(0)?,
        nik: row.get(1)?,
        name: row.get(2)?,
        desa: row.get(3)?,
        kk: row.get(4)?,
        application_id: row.get(5)?,
        created_by: row.get(7)?,
        stage,
        outcome: row
            .get::<_, Option<String>>(9)?
            .as_deref()
            .and_then(Outcome::from_code),
        stage_since: row
            .get::<_, Option<String>>(10)?
            .unwrap_or_else(|| created_at.clone()),
        created_at,
    })
}

/// Checks the form and returns the parsed NIK and the KK without spaces.
fn validate(new: &NewProposal) -> Result<(Nik, String)> {
    let nik = Nik::parse(&new.nik)?;
    if new.name.trim().is_empty() {
        return Err(Error::Invalid(
            "Nama orang yang diusulkan wajib diisi.".into(),
        ));
    }
    let kk: String = new.kk.chars().filter(|c| !c.is_whitespace()).collect();
    if !kk.is_empty() && (kk.len() != 16 || !kk.chars().all(|c| c.is_ascii_digit())) {
        return Err(Error::Invalid("Nomor KK harus 16 digit angka.".into()));
    }
    Ok((nik, kk))
}

/// Enters a new proposal at stage [`Stage::Usulan`], by `actor` at `at`.
///
/// Refuses a malformed NIK, an empty name, a KK that is not 16 digits, an unknown
/// `application_id`, and a second open proposal for the same NIK (`Error::Invalid`
/// naming the one under way). Writes the proposal, its first step and a
/// [`AuditAction::CatatUsulan`] entry in one transaction.
pub fn create(
    conn: &Connection,
    new: NewProposal,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Proposal> {
    let (nik, kk) = validate(&new)?;
    // IMMEDIATE: take the write lock before checking for an open proposal, so two
    // counters entering the same NIK at once cannot both pass the check.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    if let Some(open) = open_for(&tx, &nik)? {
        return Err(Error::Invalid(format!(
            "NIK {} sudah punya usulan yang masih berjalan (#{}, tahap {} sejak {}); \
             lanjutkan usulan itu, jangan membuat yang baru.",
            nik.masked(),
            open.id,
            open.stage.label(),
            open.stage_since.get(..10).unwrap_or(&open.stage_since),
        )));
    }
    if let Some(id) = new.application_id {
        // Refused when there is no such application (NotFound).
        crate::core::register::get(&tx, id)?;
    }
    let when = at.to_rfc3339();
    tx.execute(
        "INSERT INTO proposal(nik, name, desa, kk, application_id, created_at, created_by, stage)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            nik.as_str(),
            new.name.trim(),
            new.desa.trim(),
            kk,
            new.application_id,
            when,
            actor,
            Stage::Usulan.code(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    add_event(&tx, id, &when, actor, Stage::Usulan, "usulan dicatat")?;
    let detail = format!("usulan #{id}");
    audit::record(
        &tx,
        actor,
        AuditAction::CatatUsulan,
        &nik.masked(),
        &detail,
        at,
    )?;
    tx.commit()?;
    get(conn, id)
}

/// Moves proposal `id` to `next` with `note`, by `actor` at `at`.
///
/// Only the next stage in order is allowed ([`Stage::can_move_to`]); after the
/// assessment, [`Stage::InputSiksNg`] records it as layak and [`Stage::TidakLayak`]
/// (which needs a note giving the reason) as not eligible. An illegal move is
/// `Error::Invalid` and writes nothing. Writes the stage, the step and a
/// [`AuditAction::TahapUsulan`] entry in one transaction.
pub fn advance(
    conn: &Connection,
    id: i64,
    next: Stage,
    note: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Proposal> {
    let note = note.trim();
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let current = get(&tx, id)?;
    if !current.stage.can_move_to(next) {
        return Err(Error::Invalid(refusal(&current, next)));
    }
    if next == Stage::TidakLayak && note.is_empty() {
        return Err(Error::Invalid(
            "Tulis alasan hasil assessment tidak layak pada catatan.".into(),
        ));
    }
    tx.execute(
        "UPDATE proposal SET stage = ?2, outcome = COALESCE(?3, outcome) WHERE id = ?1",
        params![id, next.code(), next.outcome().map(Outcome::code)],
    )?;
    add_event(&tx, id, &at.to_rfc3339(), actor, next, note)?;
    let subject = crate::core::nik::mask(&current.nik);
    let detail = format!("usulan #{id}: {}", next.code());
    audit::record(&tx, actor, AuditAction::TahapUsulan, &subject, &detail, at)?;
    tx.commit()?;
    get(conn, id)
}

/// Why `proposal` may not move to `next`, and what may come next.
fn refusal(proposal: &Proposal, next: Stage) -> String {
    let allowed: Vec<&str> = proposal
        .stage
        .next_stages()
        .iter()
        .map(|s| s.label())
        .collect();
    let head = format!(
        "Usulan #{} sedang di tahap {}; tidak dapat pindah ke {}",
        proposal.id,
        proposal.stage.label(),
        next.label()
    );
    if allowed.is_empty() {
        format!("{head}: usulan sudah selesai.")
    } else {
        format!("{head}. Tahap berikutnya: {}.", allowed.join(" atau "))
    }
}

fn add_event(
    conn: &Connection,
    id: i64,
    at: &str,
    actor: &str,
    stage: Stage,
    note: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO proposal_event(proposal_id, at, actor, stage, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, at, actor, stage.code(), note],
    )?;
    Ok(())
}

/// Reads one proposal (`Error::NotFound` for an unknown id).
pub fn get(conn: &Connection, id: i64) -> Result<Proposal> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM proposal p WHERE p.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Usulan #{id}")))
}

/// The open proposal for `nik`, if there is one.
fn open_for(conn: &Connection, nik: &Nik) -> Result<Option<Proposal>> {
    Ok(for_nik(conn, nik)?.into_iter().find(|p| p.stage.is_open()))
}
