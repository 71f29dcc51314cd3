//! The chain head kept outside the database: `audit-anchor.json` in the data dir,
//! signed with the office key. Rewritten when a transaction that recorded commits (from
//! SQLite's commit hook, while the write lock is held, so anchors are written in the
//! order of the chain), never over an anchor that no longer matches the database: that
//! anchor is the evidence [`super::check`] reports.
//!
//! Entries written before the office has a signing key (made with its first letter)
//! are neither keyed nor anchored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use data_encoding::HEXLOWER;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::core::files::{private_options, temp_beside, write_atomically};
use crate::core::{Result, key};

/// File name of the anchor in the data dir.
pub const ANCHOR_FILE: &str = "audit-anchor.json";

/// The signed head of the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Id of the last entry.
    pub last_id: i64,
    /// Hash (HMAC) of the last entry.
    pub last_hash: String,
    /// Number of entries up to and including the last.
    pub count: i64,
    /// Time of the last entry (RFC 3339).
    pub at: String,
    /// Ed25519 signature over the fields above, hex.
    pub signature: String,
}

impl Anchor {
    fn message(last_id: i64, last_hash: &str, count: i64, at: &str) -> String {
        format!("loket-dtks/audit-anchor/v1\0{last_id}\0{last_hash}\0{count}\0{at}")
    }

    /// A new anchor for the head `last_id`/`last_hash` of `count` entries, signed.
    fn signed(key: &SigningKey, last_id: i64, last_hash: &str, count: i64, at: &str) -> Anchor {
        let sig = key.sign(Self::message(last_id, last_hash, count, at).as_bytes());
        Anchor {
            last_id,
            last_hash: last_hash.to_string(),
            count,
            at: at.to_string(),
            signature: HEXLOWER.encode(&sig.to_bytes()),
        }
    }

    /// Whether one of `keys` made the signature.
    fn signed_by_any(&self, keys: &[SigningKey]) -> bool {
        let Some(sig) = HEXLOWER
            .decode(self.signature.as_bytes())
            .ok()
            .and_then(|b| <[u8; 64]>::try_from(b).ok())
            .map(|b| Signature::from_bytes(&b))
        else {
            return false;
        };
        let message = Self::message(self.last_id, &self.last_hash, self.count, &self.at);
        keys.iter()
            .any(|k| k.verifying_key().verify(message.as_bytes(), &sig).is_ok())
    }
}

/// What the anchor file of a data dir holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// There is no anchor file.
    Missing,
    /// The file is there but unreadable, or no key of the office signed it.
    Forged,
    /// A genuine anchor.
    Valid(Anchor),
}

/// Reads and checks the anchor of `dir` against the office's keys (current and retired).
pub fn read(dir: &Path) -> Stored {
    let bytes = match std::fs::read(dir.join(ANCHOR_FILE)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Stored::Missing,
        Err(_) => return Stored::Forged,
    };
    if let Some(anchor) = VERIFIED.lock().ok().and_then(|m| {
        m.as_ref()?
            .get(dir)
            .filter(|(b, _)| *b == bytes)
            .map(|(_, a)| a.clone())
    }) {
        return Stored::Valid(anchor);
    }
    match serde_json::from_slice::<Anchor>(&bytes) {
        Ok(anchor) if anchor.signed_by_any(&key::known(dir)) => {
            remember(dir, bytes, &anchor);
            Stored::Valid(anchor)
        }
        _ => Stored::Forged,
    }
}

/// Anchors this process wrote or verified, by data dir, with the file's bytes (a file
/// still holding those bytes needs no second signature check).
static VERIFIED: Mutex<Option<ByDir<Verified>>> = Mutex::new(None);

/// An anchor file's bytes and what they hold, known to be signed by the office.
type Verified = (Vec<u8>, Anchor);

/// Something this process keeps per data dir.
type ByDir<T> = HashMap<PathBuf, T>;

fn remember(dir: &Path, bytes: Vec<u8>, anchor: &Anchor) {
    if let Ok(mut map) = VERIFIED.lock() {
        map.get_or_insert_with(HashMap::new)
            .insert(dir.to_path_buf(), (bytes, anchor.clone()));
    }
}

/// Entry counts this process knows, by data dir: `(last id, last hash, count)` of the
/// chain head last seen, so counting needs no table scan on each entry.
static COUNTS: Mutex<Option<ByDir<(i64, String, i64)>>> = Mutex::new(None);

/// The number of entries in `conn`'s audit table, one just appended after `head` (the
/// head before it; `None` when it was the first).
fn count(conn: &Connection, dir: &Path, head: Option<(i64, &str)>) -> Result<i64> {
    let Some((id, hash)) = head else {
        return Ok(1);
    };
    let known = COUNTS.lock().ok().and_then(|m| {
        m.as_ref()?
            .get(dir)
            .filter(|(i, h, _)| *i == id && h == hash)
            .map(|(_, _, n)| *n)
    });
    match known {
        Some(n) => Ok(n + 1),
        None => Ok(conn.query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))?),
    }
}

/// The entry `(id, hash)` just appended by [`super::append`] after `prev` (the head
/// before it, with whether it was keyed): arranges for the anchor to be rewritten when
/// the transaction commits, unless the anchor on disk no longer matches the database.
pub(super) fn stage(
    conn: &Connection,
    dir: &Path,
    key: SigningKey,
    prev: Option<(i64, &str, bool)>,
    entry: (i64, &str),
    at: &str,
) -> Result<()> {
    let may_write = match read(dir) {
        // A new log, or one kept before it was keyed: the first keyed entry anchors it.
        Stored::Missing => !prev.is_some_and(|(_, _, keyed)| keyed),
        Stored::Forged => false,
        Stored::Valid(anchor) => {
            let hash: Option<String> = conn
                .query_row(
                    "SELECT hash FROM audit WHERE id = ?1",
                    [anchor.last_id],
                    |r| r.get(0),
                )
                .optional()?;
            hash.as_deref() == Some(anchor.last_hash.as_str())
        }
    };
    let count = count(conn, dir, prev.map(|(id, hash, _)| (id, hash)))?;
    if let Ok(mut map) = COUNTS.lock() {
        map.get_or_insert_with(HashMap::new)
            .insert(dir.to_path_buf(), (entry.0, entry.1.to_string(), count));
    }
    if !may_write {
        return Ok(());
    }
    let pending = Arc::new(Mutex::new(Some((
        dir.to_path_buf(),
        key,
        entry.0,
        entry.1.to_string(),
        count,
        at.to_string(),
    ))));
    let on_commit = Arc::clone(&pending);
    conn.commit_hook(Some(move || {
        if let Some((dir, key, id, hash, count, at)) =
            on_commit.lock().ok().and_then(|mut p| p.take())
        {
            // A failed write leaves the older anchor, which still matches: never worth
            // turning the caller's commit into a rollback.
            let _ = write(&dir, &Anchor::signed(&key, id, &hash, count, &at));
        }
        false
    }))?;
    conn.rollback_hook(Some(move || {
        if let Ok(mut p) = pending.lock() {
            p.take();
        }
    }))?;
    Ok(())
}

/// At most one anchor per this interval is synced to disk on its own; the ones between
/// are renamed into place unsynced (the database's commit, synced right after the hook,
/// flushes them with it), so an entry costs little more than its commit.
const SYNC_INTERVAL: Duration = Duration::from_secs(1);

/// When this process last synced an anchor.
static LAST_SYNC: Mutex<Option<Instant>> = Mutex::new(None);

/// Writes `anchor` into `dir`: whole under a name of its own, then renamed into place;
/// owner-only.
fn write(dir: &Path, anchor: &Anchor) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(anchor)?;
    let path = dir.join(ANCHOR_FILE);
    let mut last = LAST_SYNC.lock().unwrap_or_else(|e| e.into_inner());
    if last.is_none_or(|t| t.elapsed() >= SYNC_INTERVAL) {
        write_atomically(&path, &bytes)?;
        *last = Some(Instant::now());
    } else {
        use std::io::Write;
        let tmp = temp_beside(&path);
        let written = private_options()
            .open(&tmp)
            .and_then(|mut f| f.write_all(&bytes))
            .and_then(|()| std::fs::rename(&tmp, &path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(crate::core::Error::io(&path, e));
        }
    }
    remember(dir, bytes, anchor);
    Ok(())
}
