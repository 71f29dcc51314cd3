//! Checking the audit log: each entry by its scheme (plain SHA-256 for entries kept
//! before the log was keyed, HMAC after), the links between entries, and the chain
//! against the signed anchor outside the database.

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;

use super::anchor::{self, Stored};
use super::mac;
use super::{GENESIS, SCHEME_HMAC, plain_hash};
use crate::core::Result;

/// What kind of tampering (or gap) [`check`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Entries after the anchored head are gone (the last ones, or all of them).
    Truncated,
    /// An entry's content or link does not match its hash.
    Edited,
    /// An entry without a key after the log was keyed (written or rewritten outside the
    /// app).
    Unkeyed,
    /// The anchor file is unreadable or not signed by the office.
    AnchorForged,
    /// The anchor file is gone although the log is keyed.
    AnchorMissing,
    /// Keyed entries cannot be checked: the office key is missing.
    KeyMissing,
}

/// One finding of [`check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What was found.
    pub kind: ProblemKind,
    /// The entry concerned (for a truncation, the first missing one), if any.
    pub id: Option<i64>,
    /// Indonesian description: what changed and since when.
    pub detail: String,
}

/// The result of [`check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Integrity {
    /// Entries in the database.
    pub entries: i64,
    /// Of those, entries keyed with HMAC.
    pub keyed: i64,
    /// The anchor's time, when a genuine anchor was found.
    pub anchored_at: Option<String>,
    /// What is wrong, in order of the log; empty when the log is intact.
    pub problems: Vec<Problem>,
}

impl Integrity {
    /// Whether nothing is wrong.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }

    /// The first entry concerned by a problem; `0` for a problem of the anchor alone.
    pub fn first_broken_id(&self) -> Option<i64> {
        self.problems.first().map(|p| p.id.unwrap_or(0))
    }
}

struct Row {
    id: i64,
    at: String,
    action: String,
    prev: String,
    hash: String,
    scheme: String,
    parts: [String; 5],
}

/// Checks the whole audit log of `conn` and its anchor. Holds the write lock while
/// reading (when not already in a transaction), so no commit is half-way between its
/// anchor and its rows.
pub fn check(conn: &Connection) -> Result<Integrity> {
    if conn.is_autocommit() {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        return check_in(&tx);
    }
    check_in(conn)
}

fn check_in(conn: &Connection) -> Result<Integrity> {
    let dir = mac::data_dir(conn);
    let keys = dir.as_deref().map(mac::known).unwrap_or_default();
    let stored = dir.as_deref().map(anchor::read).unwrap_or(Stored::Missing);
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, subject, detail, prev_hash, hash, scheme
         FROM audit ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Integrity {
        entries: 0,
        keyed: 0,
        anchored_at: None,
        problems: Vec::new(),
    };
    let mut prev = GENESIS.to_string();
    let mut key_floor = 0;
    let mut key_missing_told = false;
    let mut anchored: Option<(i64, String)> = None;
    let mut last_id_up_to_anchor = 0;
    let mut count_up_to_anchor = 0;
    let anchor = match &stored {
        Stored::Valid(a) => Some(a.clone()),
        _ => None,
    };
    while let Some(r) = rows.next()? {
        let row = Row {
            id: r.get(0)?,
            at: r.get(1)?,
            action: r.get(3)?,
            prev: r.get(6)?,
            hash: r.get(7)?,
            scheme: r.get(8)?,
            parts: [
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            ],
        };
        out.entries += 1;
        if let Some(a) = &anchor
            && row.id <= a.last_id
        {
            count_up_to_anchor += 1;
            last_id_up_to_anchor = row.id;
            if row.id == a.last_id {
                anchored = Some((row.id, row.hash.clone()));
            }
        }
        let edited = |what: &str| Problem {
            kind: ProblemKind::Edited,
            id: Some(row.id),
            detail: format!(
                "entri #{} ({}, {}) diubah: {what}",
                row.id, row.at, row.action
            ),
        };
        let fields: Vec<&str> = std::iter::once(row.prev.as_str())
            .chain(row.parts.iter().map(String::as_str))
            .collect();
        let problem = if row.prev != prev {
            Some(edited(
                "tautan ke entri sebelumnya putus (entri dihapus atau disisipkan)",
            ))
        } else if row.scheme == SCHEME_HMAC {
            out.keyed += 1;
            match keys[key_floor.min(keys.len())..]
                .iter()
                .position(|k| k.matches(&fields, &row.hash))
            {
                Some(i) => {
                    key_floor += i;
                    None
                }
                None if keys.is_empty() => {
                    let first = !key_missing_told;
                    key_missing_told = true;
                    first.then(|| Problem {
                        kind: ProblemKind::KeyMissing,
                        id: Some(row.id),
                        detail: "kunci kantor tidak ada; entri berkunci tidak dapat diperiksa"
                            .into(),
                    })
                }
                None => Some(edited("kode HMAC tidak cocok")),
            }
        } else if out.keyed > 0 {
            Some(Problem {
                kind: ProblemKind::Unkeyed,
                id: Some(row.id),
                detail: format!(
                    "entri #{} ({}, {}) tanpa kunci setelah log berkunci: ditulis atau \
                     diubah di luar aplikasi",
                    row.id, row.at, row.action
                ),
            })
        } else if plain_hash(&fields) != row.hash {
            Some(edited("sidik SHA-256 tidak cocok"))
        } else {
            None
        };
        out.problems.extend(problem);
        prev = row.hash;
    }
    match stored {
        Stored::Missing if out.keyed > 0 => out.problems.push(Problem {
            kind: ProblemKind::AnchorMissing,
            id: None,
            detail: format!(
                "berkas {} hilang; log akses berkunci tidak dapat dicocokkan",
                anchor::ANCHOR_FILE
            ),
        }),
        Stored::Missing => {}
        Stored::Forged => out.problems.push(Problem {
            kind: ProblemKind::AnchorForged,
            id: None,
            detail: format!(
                "berkas {} diubah: tanda tangannya tidak cocok dengan kunci kantor",
                anchor::ANCHOR_FILE
            ),
        }),
        Stored::Valid(a) => {
            out.anchored_at = Some(a.at.clone());
            if count_up_to_anchor < a.count {
                out.problems.push(Problem {
                    kind: ProblemKind::Truncated,
                    id: Some(last_id_up_to_anchor + 1),
                    detail: format!(
                        "{} entri terakhir hilang sejak {} (anchor: {} entri sampai #{})",
                        a.count - count_up_to_anchor,
                        a.at,
                        a.count,
                        a.last_id
                    ),
                });
            } else if let Some((id, hash)) = anchored
                && hash != a.last_hash
                && !out.problems.iter().any(|p| p.id == Some(id))
            {
                out.problems.push(Problem {
                    kind: ProblemKind::Edited,
                    id: Some(id),
                    detail: format!("entri #{id} diubah sejak {} (berbeda dari anchor)", a.at),
                });
            }
        }
    }
    out.problems.sort_by_key(|p| p.id.unwrap_or(i64::MAX));
    Ok(out)
}
