//! The archive tab's background jobs as plain blocking functions (each opens its own
//! [`Store`], so it can run on any thread).

use std::path::{Path, PathBuf};

use crate::core::Store;
use crate::core::archive::{self, ArchiveFile, ArchiveProblem, ArchivedLetter};
use crate::core::letter;
use crate::ui::background::{UiResult, shared};
use crate::ui::screen::PrintFn;
use crate::ui::screen::operator::work::{PrintTarget, print_document};

/// Letters matching `text` issued on dates starting with `date`, newest first; the
/// search is audited (count only).
pub fn search(dir: &Path, text: &str, date: &str, actor: &str) -> UiResult<Vec<ArchivedLetter>> {
    let store = shared(Store::open(dir))?;
    shared(archive::find(&store, text, date, actor))
}

/// The files kept for a letter.
pub fn files(dir: &Path, certificate_id: i64) -> UiResult<Vec<ArchiveFile>> {
    let store = shared(Store::open(dir))?;
    shared(archive::files(&store, certificate_id))
}

/// Voids the letter `number` with `reason` (the core refuses an empty reason).
pub fn void(dir: &Path, number: &str, reason: &str, actor: &str) -> UiResult<()> {
    let store = shared(Store::open(dir))?;
    shared(letter::void_certificate(&store, number, reason, actor))
}

/// Prints an archived letter again with the office's printer and copies.
pub fn reprint(
    dir: &Path,
    certificate_id: i64,
    file: &Path,
    actor: &str,
    print: PrintFn,
) -> UiResult<Result<String, String>> {
    let store = shared(Store::open(dir))?;
    let settings = shared(store.settings())?;
    let target = PrintTarget {
        printer: settings.printer.filter(|p| !p.trim().is_empty()),
        copies: settings.copies.max(1),
    };
    Ok(print_document(
        &store,
        certificate_id,
        file,
        actor,
        &target,
        print,
    ))
}

/// Copies a scan into the archive; returns its path relative to the data directory.
pub fn attach(dir: &Path, certificate_id: i64, source: &Path, actor: &str) -> UiResult<String> {
    let store = shared(Store::open(dir))?;
    let copy = shared(archive::attach_scan(&store, certificate_id, source, actor))?;
    Ok(crate::ui::screen::operator::work::relative(dir, &copy))
}

/// Re-hashes every archived file; problems carry paths relative to the data directory.
pub fn check(dir: &Path, actor: &str) -> UiResult<Vec<ArchiveProblem>> {
    let store = shared(Store::open(dir))?;
    let problems = shared(archive::recheck(&store, actor))?;
    Ok(problems
        .into_iter()
        .map(|p| ArchiveProblem {
            path: PathBuf::from(crate::ui::screen::operator::work::relative(dir, &p.path)),
            ..p
        })
        .collect())
}
