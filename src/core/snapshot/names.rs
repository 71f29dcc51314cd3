//! The name search index of a snapshot, built on its own thread and in its own file while
//! the persons are still being written, so that the two cores share the work.
//!
//! Each entry is a person's row id with the search terms of the name: its words and the
//! words run together ("nur hayati nurhayati"), so spacing does not matter when searching.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use crate::core::snapshot::files::{self, NAME_TABLE};
use crate::core::{Error, Result};

/// Row ids and name keys sent to the index at a time.
pub type NameBatch = Vec<(i64, String)>;

/// The search terms of a name key: the words, then the words run together.
pub fn terms(name_key: &str) -> String {
    let mut terms = String::with_capacity(name_key.len() * 2 + 1);
    terms.push_str(name_key);
    terms.push(' ');
    name_key.split(' ').for_each(|word| terms.push_str(word));
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
        // Terms arrive lower-cased already, so the plain ASCII tokenizer does; no
        // per-row sizes are kept (nothing ranks by them); a larger in-memory hash (16 MB
        // instead of 1 MB) means fewer segments to merge.
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE {NAME_TABLE} USING fts5(terms, content='', detail='none',
                 columnsize=0, tokenize='ascii');
             INSERT INTO {NAME_TABLE}({NAME_TABLE}, rank) VALUES ('hashsize', 16777216);"
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
    {
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {NAME_TABLE}(rowid, terms) VALUES (?1, ?2)"
        ))?;
        for batch in batches {
            for (rowid, key) in batch {
                insert.execute(rusqlite::params![rowid, terms(&key)])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_add_the_compact_form() {
        assert_eq!(terms("nur hayati"), "nur hayati nurhayati");
        assert_eq!(terms("siti"), "siti siti");
    }

    #[test]
    fn indexed_names_are_found_by_word_and_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.db");
        let indexer = NameIndexer::start(path.clone()).unwrap();
        indexer
            .add(vec![(7, "nur hayati".into()), (9, "siti aminah".into())])
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
        assert_eq!(hits("nurhayati"), vec![7]);
        assert_eq!(hits("amin*"), vec![9]);
        assert_eq!(hits("hayati"), vec![7]);
        assert!(hits("budi").is_empty());
    }
}
