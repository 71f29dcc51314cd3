//! Reading proposals: by NIK (a returning citizen), by filter (the list per desa), and
//! one proposal's history.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{COLUMNS, Proposal, Stage, from_row, get, stage_at};
use crate::core::Result;
use crate::core::nik::Nik;

/// The proposals for `nik`, newest first (the open one, if any, is among them).
pub fn for_nik(conn: &Connection, nik: &Nik) -> Result<Vec<Proposal>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM proposal p WHERE p.nik = ?1 ORDER BY p.created_at DESC, p.id DESC"
    ))?;
    let rows = stmt.query_map([nik.as_str()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Which proposals [`list`] returns. Every field left empty matches everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProposalFilter {
    /// Only proposals at this stage.
    pub stage: Option<Stage>,
    /// Only proposals whose desa contains this text (ignoring case); blank matches all.
    pub desa: Option<String>,
    /// Only proposals still under way (not finalised, not found tidak layak).
    pub open_only: bool,
}

/// The proposals matching `filter`, by desa then oldest first: the order of a list sent
/// on to each desa. The query text is fixed; every value is bound.
pub fn list(conn: &Connection, filter: &ProposalFilter) -> Result<Vec<Proposal>> {
    let desa = filter
        .desa
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_lowercase);
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM proposal p
         WHERE (?1 IS NULL OR p.stage = ?1)
           AND (?2 IS NULL OR instr(lower(p.desa), ?2) > 0)
           AND (?3 = 0 OR p.stage NOT IN ('finalisasi', 'tidak_layak'))
         ORDER BY lower(p.desa), p.created_at, p.id"
    ))?;
    let rows = stmt.query_map(
        params![filter.stage.map(Stage::code), desa, filter.open_only],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One step in a proposal's history (`proposal_event`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalEvent {
    /// When (RFC 3339, the caller's clock).
    pub at: String,
    /// Who took the step.
    pub actor: String,
    /// The stage reached.
    pub stage: Stage,
    /// Note, may be empty.
    pub note: String,
}

/// The history of proposal `id` in the order the steps were taken (`Error::NotFound`
/// for an unknown id).
pub fn history(conn: &Connection, id: i64) -> Result<Vec<ProposalEvent>> {
    get(conn, id)?;
    let mut stmt = conn.prepare(
        "SELECT at, actor, stage, note FROM proposal_event WHERE proposal_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(ProposalEvent {
            at: r.get(0)?,
            actor: r.get(1)?,
            stage: stage_at(r, 2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
