//! Fuzzing every reader from a small corpus (`tests/data/fuzz/<reader>/`): bit flips,
//! truncation, byte insertions and deletions, and for the zip formats the same on the
//! inflated XML of one part, re-zipped. Property: opening the file and reading all its
//! rows never panics and never hangs; it yields rows or an error. A few cases run the
//! whole import. `PROPTEST_CASES=5000 cargo test --release --test fuzz_readers` runs
//! longer; the default keeps this file well under a minute in a debug build.

mod hostile_common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use loket_dtks::core::snapshot::{ImportOptions, header, import, reader};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Cases per reader unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 150;

/// Longest a single file may take before the case counts as a hang.
const HANG: Duration = Duration::from_secs(30);

/// Byte strings that reach the interesting paths of the parsers.
const TOKENS: [&[u8]; 16] = [
    b"999999999",
    b"4294967295",
    b"ZZZZZZ2",
    b"<",
    b">",
    b"\"",
    b"</c>",
    b"<row r=\"1048577\">",
    b"<c t=\"s\"><v>99999</v></c>",
    b" table:number-columns-repeated=\"100000000\" ",
    b" table:number-rows-repeated=\"4000000000\" ",
    b" office:value-type=\"float\" ",
    b"<![CDATA[",
    b"<!--",
    b"\xFF\xFE",
    b"\"\r\n;\t|",
];

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
}

#[derive(Debug, Clone)]
enum Mutation {
    /// An edit of the file's bytes.
    Bytes(Edit),
    /// An edit of the inflated content of one zip entry, then zipped again.
    Part(usize, Edit),
}

fn edit() -> impl Strategy<Value = Edit> {
    let insert = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..8),
        (0..TOKENS.len()).prop_map(|i| TOKENS[i].to_vec()),
    ];
    prop_oneof![
        3 => (any::<usize>(), 0..8u8).prop_map(|(at, bit)| Edit::Flip(at, bit)),
        1 => any::<usize>().prop_map(Edit::Truncate),
        2 => (any::<usize>(), insert).prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        2 => (any::<usize>(), 1..64usize).prop_map(|(at, n)| Edit::Delete(at, n)),
    ]
}

fn mutation(zipped: bool) -> BoxedStrategy<Mutation> {
    if zipped {
        prop_oneof![
            1 => edit().prop_map(Mutation::Bytes),
            2 => (any::<usize>(), edit()).prop_map(|(part, e)| Mutation::Part(part, e)),
        ]
        .boxed()
    } else {
        edit().prop_map(Mutation::Bytes).boxed()
    }
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    if bytes.is_empty() {
        return;
    }
    let len = bytes.len();
    match edit {
        Edit::Flip(at, bit) => bytes[at % len] ^= 1 << bit,
        Edit::Truncate(at) => bytes.truncate(at % len),
        Edit::Insert(at, new) => {
            let at = at % (len + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Edit::Delete(at, n) => {
            let at = at % len;
            bytes.drain(at..(at + n).min(len));
        }
    }
}

/// The entries of a zip, or `None` when it no longer opens.
fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let mut data = Vec::new();
        entry.by_ref().take(1 << 20).read_to_end(&mut data).ok()?;
        entries.push((entry.name().to_string(), data));
    }
    Some(entries)
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        match m {
            Mutation::Bytes(e) => apply(&mut bytes, e),
            Mutation::Part(part, e) => {
                if let Some(mut entries) = unzip(&bytes).filter(|e| !e.is_empty()) {
                    let n = entries.len();
                    apply(&mut entries[part % n].1, e);
                    bytes = hostile_common::zip_bytes(&entries);
                }
            }
        }
    }
    bytes
}

/// Opens `file` and reads every row (or runs the whole import into a new data dir);
/// `Ok` with the rows read, or the error text. Panics of the reader are the failure.
fn read_all(file: PathBuf, whole_import: bool) -> Result<u64, String> {
    if whole_import {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let options = ImportOptions {
            period: Some("2025-09".into()),
            ..Default::default()
        };
        return import::import_snapshot(dir.path(), &file, &options, &mut |_| true)
            .map(|s| s.rows_read)
            .map_err(|e| e.to_string());
    }
    let mut rows = reader::open(&file, None, &header::has_nik_header).map_err(|e| e.to_string())?;
    let mut n = 0;
    while let Some(row) = rows.next_row() {
        row.map_err(|e| e.to_string())?;
        n += 1;
    }
    Ok(n)
}

/// Runs [`read_all`] on its own thread: a panic or a hang fails the case.
fn never_panics_or_hangs(file: PathBuf, whole_import: bool) -> Result<(), TestCaseError> {
    let (send, done) = mpsc::channel();
    let name = file.clone();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| read_all(file, whole_import));
        let _ = send.send(outcome.is_ok());
    });
    match done.recv_timeout(HANG) {
        Ok(true) => Ok(()),
        Ok(false) => Err(TestCaseError::fail(format!("{name:?}: panicked"))),
        Err(_) => Err(TestCaseError::fail(format!(
            "{name:?}: no answer in {HANG:?}"
        ))),
    }
}

fn corpus(reader: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(reader);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

fn fuzz(reader: &str, extension: &str, zipped: bool) {
    let seeds = corpus(reader);
    assert!(!seeds.is_empty(), "no corpus for {reader}");
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let strategy = (
        0..seeds.len(),
        prop::collection::vec(mutation(zipped), 1..4),
        prop::bool::weighted(0.1),
    );
    let mut runner = TestRunner::new(config);
    let case = std::sync::atomic::AtomicU64::new(0);
    runner
        .run(&strategy, |(seed, mutations, whole_import)| {
            let case = case.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let bytes = mutate(seeds[seed].clone(), &mutations);
            let file = hostile_common::write(dir.path(), &format!("{case}.{extension}"), &bytes);
            never_panics_or_hangs(file, whole_import)
        })
        .unwrap();
}

#[test]
fn csv_and_text_reader() {
    fuzz("csv", "csv", false);
}

#[test]
fn xlsx_reader() {
    fuzz("xlsx", "xlsx", true);
}

#[test]
fn xls_reader() {
    fuzz("xls", "xls", false);
}

#[test]
fn ods_reader() {
    fuzz("ods", "ods", true);
}

/// The seeds themselves: the valid ones read, the hostile ones are refused, none panics.
#[test]
fn corpus_files_read_or_are_refused() {
    for reader in ["csv", "xlsx", "xls", "ods"] {
        let dir = tempfile::tempdir().unwrap();
        for (i, bytes) in corpus(reader).into_iter().enumerate() {
            let file = hostile_common::write(dir.path(), &format!("{i}.{reader}"), &bytes);
            never_panics_or_hangs(file, false).unwrap();
        }
    }
}
