//! The name search index of a snapshot, built on its own thread and in its own file while
//! the persons are still being written, so that the two cores share the work.
//!
//! Each entry is a person's row id with the search terms of the name: its words in
//! canonical form (see [`canon`]), once each. Beside it the file keeps the vocabulary,
//! every distinct canonical word with the number of names holding it: the search looks up
//! the words one typo away from a query word there, and the halves of a word written as
//! two ("Nurhayati" = "Nur Hayati") or two words written as one, and asks the index only
//! for words that exist. (Indexing each name's words run together as one more term, as
//! the first version did, adds a nearly unique term per person: at 6 million names the
//! index was 122 MB with it and is 52 MB without, and the import is faster.)
//! exist. The birth date is a term too (see [`date_term`]). The file's `user_version` is
//! [`INDEX_VERSION`]; an index written before the canonical words (version 0) is rebuilt
//! from the persons file on the first search (see [`reindex`](super::reindex)).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use crate::core::snapshot::canon::Name;
use crate::core::snapshot::files::{self, NAME_TABLE, VOCAB_TABLE};
use crate::core::{Error, Result};

/// Row ids, name keys and birth dates (`YYYY-MM-DD`) sent to the index at a time.
pub type NameBatch = Vec<(i64, String, Option<String>)>;

/// Format of the names file, stored as its `user_version`.
pub const INDEX_VERSION: i64 = 3;

/// Marks the birth date among the terms ("t19850517").
pub const DATE_MARK: char = 't';

/// The birth date `YYYY-MM-DD` as an index term: the usual second key of a search is then
/// answered inside the index, without reading the persons of every name that matches.
pub fn date_term(date: &str) -> String {
    let mut term = String::with_capacity(9);
    term.push(DATE_MARK);
    term.extend(date.chars().filter(char::is_ascii_digit));
    term
}

/// The search terms of a canonical name: its words once each.
pub fn terms(name: &Name) -> String {
    let mut terms = String::with_capacity(64);
    for (i, word) in name.words.iter().enumerate() {
        if name.words[..i].iter().all(|w| w.canon != word.canon) {
            if !terms.is_empty() {
                terms.push(' ');
            }
            terms.push_str(&word.canon);
        }
    }
    terms
}

/// A running index builder.
pub struct NameIndexer {
    sender: SyncSender<NameBatch>,
    thread: JoinHandle<Result<()>>,
}

impl NameIndexer {
    /// Starts building the index into the (new) file `path`.
    pub fn start(path: PathBuf) -> Result<NameIndexer> {
        let conn = files::open_for_loading(&path)?;
        // FTS5 writes its segments once and merges them streaming: a small page cache
        // serves as well as the persons file's large one and keeps the import's peak low.
        conn.pragma_update(None, "cache_size", -8_000)?;
        // Terms are lower-case ASCII-or-letters already, so the plain ASCII tokenizer
        // does; no per-row sizes are kept (nothing ranks by them); a larger in-memory
        // hash (16 MB instead of 1 MB) means fewer segments to merge.
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE {NAME_TABLE} USING fts5(terms, content='', detail='none',
                 columnsize=0, tokenize='ascii');
             INSERT INTO {NAME_TABLE}({NAME_TABLE}, rank) VALUES ('hashsize', 16777216);
             CREATE TABLE {VOCAB_TABLE}(word TEXT PRIMARY KEY, names INTEGER NOT NULL)
                 WITHOUT ROWID;"
        ))?;
        let (sender, receiver) = sync_channel(8);
        let thread = std::thread::spawn(move || build(conn, receiver));
        Ok(NameIndexer { sender, thread })
    }

    /// Queues a batch; fails when the builder stopped on an error.
    pub fn add(&self, batch: NameBatch) -> Result<()> {
        if self.sender.send(batch).is_ok() {
            return Ok(());
        }
        Err(Error::import(
            PathBuf::new(),
            "indeks nama berhenti sebelum selesai",
        ))
    }

    /// Waits until every queued name is indexed and the file is complete.
    pub fn finish(self) -> Result<()> {
        drop(self.sender);
        self.thread
            .join()
            .unwrap_or_else(|_| Err(Error::import(PathBuf::new(), "indeks nama gagal dibuat")))
    }
}

fn build(mut conn: rusqlite::Connection, batches: Receiver<NameBatch>) -> Result<()> {
    let tx = conn.transaction()?;
    let mut vocab: HashMap<String, i64> = HashMap::new();
    {
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {NAME_TABLE}(rowid, terms) VALUES (?1, ?2)"
        ))?;
        for batch in batches {
            for (rowid, key, birth_date) in batch {
                let name = Name::of(&key);
                let mut terms = terms(&name);
                if let Some(date) = birth_date {
                    terms.push(' ');
                    terms.push_str(&date_term(&date));
                }
                insert.execute(rusqlite::params![rowid, terms])?;
                for (i, word) in name.words.iter().enumerate() {
                    // Counted once per name, as the index holds it.
                    if name.words[..i].iter().any(|w| w.canon == word.canon) {
                        continue;
                    }
                    match vocab.get_mut(&word.canon) {
                        Some(names) => *names += 1,
                        None => {
                            vocab.insert(word.canon.clone(), 1);
                        }
                    }
                }
            }
        }
        let mut word = tx.prepare(&format!(
            "INSERT INTO {VOCAB_TABLE}(word, names) VALUES (?1, ?2)"
        ))?;
        for (text, names) in vocab {
            word.execute(rusqlite::params![text, names])?;
        }
    }
    tx.pragma_update(None, "user_version", INDEX_VERSION)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::snapshot::normalize::name_key;

    fn terms_of(name: &str) -> String {
        terms(&Name::of(&name_key(name)))
    }

    #[test]
    fn terms_are_canonical_words_once_each() {
        assert_eq!(terms_of("Nur Hayati"), "nur hayati");
        assert_eq!(terms_of("Siti Siti"), "siti");
        assert_eq!(terms_of("H. Moch. Soekarno S.Pd."), "muhamad sukarna");
    }

    #[test]
    fn indexed_names_are_found_by_word_and_prefix_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.db");
        let indexer = NameIndexer::start(path.clone()).unwrap();
        indexer
            .add(vec![
                (7, "nur hayati".into(), Some("1985-05-17".into())),
                (9, "siti aminah".into(), None),
                (10, "siti siti".into(), None),
            ])
            .unwrap();
        indexer.finish().unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let hits = |q: &str| -> Vec<i64> {
            let mut stmt = conn
                .prepare("SELECT rowid FROM names ni WHERE ni.names MATCH ?1 ORDER BY rowid")
                .unwrap();
            stmt.query_map([q], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        assert_eq!(hits("nur AND hayati"), vec![7]);
        assert_eq!(hits("amin*"), vec![9]);
        assert_eq!(hits("hayati"), vec![7]);
        assert_eq!(hits("hayati AND t19850517"), vec![7]);
        assert!(hits("budi").is_empty());
        let count = |w: &str| -> i64 {
            conn.query_row("SELECT names FROM vocab WHERE word = ?1", [w], |r| r.get(0))
                .unwrap()
        };
        assert_eq!((count("siti"), count("hayati")), (2, 1));
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, INDEX_VERSION);
    }
}
