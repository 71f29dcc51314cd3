//! Append-only access log with a hash chain (UU PDP 27/2022: who saw or issued what).

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::core::Result;

/// Hash of the first entry's predecessor.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Appends one entry: `actor` did `action` on `subject` (a masked NIK or a letter number).
pub fn record(
    conn: &Connection,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<()> {
    // Reading the last hash and appending must not interleave with another writer, or
    // the chain forks: outside a caller's transaction, take the write lock first.
    if conn.is_autocommit() {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        append(&tx, actor, action, subject, detail)?;
        return Ok(tx.commit()?);
    }
    append(conn, actor, action, subject, detail)
}

fn append(conn: &Connection, actor: &str, action: &str, subject: &str, detail: &str) -> Result<()> {
    let prev: String = conn
        .query_row("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let at = chrono::Local::now().to_rfc3339();
    let hash = entry_hash(&prev, &at, actor, action, subject, detail);
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
        record(&conn, "operator", "lookup", "352001******0001", "").unwrap();
        record(&conn, "operator", "cetak", "400.9/001", "").unwrap();
        assert_eq!(verify(&conn).unwrap(), None);
        conn.execute("UPDATE audit SET actor = 'x' WHERE id = 1", [])
            .unwrap();
        assert_eq!(verify(&conn).unwrap(), Some(1));
    }
}
