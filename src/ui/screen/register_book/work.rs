//! The register book's background jobs as plain blocking functions (each opens its own
//! [`Store`], so it can run on any thread).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use crate::core::Store;
use crate::core::register::{
    self, Application, Event, LetterRef, NewApplication, NikShown, RegisterFilter, Status,
};
use crate::ui::background::{UiResult, shared};

/// Everything shown about the selected application.
#[derive(Debug, Clone)]
pub struct Details {
    /// The application as stored now.
    pub app: Application,
    /// Its history, oldest first.
    pub history: Vec<Event>,
    /// The numbered letters issued for it.
    pub letters: Vec<LetterRef>,
    /// The states it may move to under the office's workflow.
    pub next: Vec<Status>,
}

/// Whether `actor` is an active user holding the Admin role (who may export full NIKs).
pub fn holds_admin(store: &Store, actor: &str) -> bool {
    crate::core::users::find(&store.register, actor)
        .ok()
        .flatten()
        .is_some_and(|a| a.active && a.user.has(crate::core::users::Role::Admin))
}

/// The applications matching `filter`, newest first.
pub fn search(dir: &Path, filter: &RegisterFilter) -> UiResult<Vec<Application>> {
    let store = shared(Store::open(dir))?;
    shared(register::list(&store.register, filter))
}

/// The application `id` with its history, letters and next states.
pub fn details(dir: &Path, id: i64) -> UiResult<Box<Details>> {
    let store = shared(Store::open(dir))?;
    let conn = &store.register;
    let app = shared(register::get(conn, id))?;
    let flow = shared(register::workflow(conn))?;
    Ok(Box::new(Details {
        next: app.status.next_states(&flow),
        history: shared(register::history(conn, id))?,
        letters: shared(register::letters(conn, id))?,
        app,
    }))
}

/// Who acts and when.
#[derive(Debug, Clone, Copy)]
pub struct By {
    /// The acting user.
    pub actor: &'static str,
    /// The time written on the step.
    pub at: DateTime<Local>,
}

/// Cancels application `id` with `reason`; returns the confirmation to show.
pub fn cancel(dir: &Path, id: i64, reason: &str, by: By) -> UiResult<String> {
    let store = shared(Store::open(dir))?;
    let app = shared(register::cancel(
        &store.register,
        id,
        reason,
        by.actor,
        by.at,
    ))?;
    Ok(format!("Permohonan {} dibatalkan.", app.register_no))
}

/// Undoes the last step of application `id` with `reason`.
pub fn undo(dir: &Path, id: i64, reason: &str, by: By) -> UiResult<String> {
    let store = shared(Store::open(dir))?;
    let app = shared(register::undo_last_step(
        &store.register,
        id,
        reason,
        by.actor,
        by.at,
    ))?;
    Ok(format!(
        "Langkah terakhir permohonan {} diurungkan; status kembali {}.",
        app.register_no,
        app.status.label()
    ))
}

/// Replaces the written fields of application `id` with `fixed`, with `reason`.
pub fn correct(
    dir: &Path,
    id: i64,
    fixed: &NewApplication,
    reason: &str,
    by: By,
) -> UiResult<String> {
    let store = shared(Store::open(dir))?;
    let app = shared(register::correct(
        &store.register,
        id,
        fixed,
        reason,
        by.actor,
        by.at,
    ))?;
    Ok(format!("Koreksi permohonan {} disimpan.", app.register_no))
}

/// The kinds of file the book is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV for spreadsheets.
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// The printed register page.
    Pdf,
}

impl Format {
    /// The file name offered in the save dialog.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Csv => "buku-register.csv",
            Format::Xlsx => "buku-register.xlsx",
            Format::Pdf => "buku-register.pdf",
        }
    }

    /// The extension the save dialog filters on.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }
}

/// Writes the applications matching `filter` to `out` as `format` (after checking the
/// path is new and outside the data dir), NIK and KK as `shown` (the PDF page always
/// masks them); returns the count and the path.
pub fn export(
    dir: &Path,
    format: Format,
    filter: &RegisterFilter,
    description: &str,
    shown: NikShown,
    out: PathBuf,
    by: By,
) -> UiResult<(usize, PathBuf)> {
    let store = shared(Store::open(dir))?;
    shared(crate::core::files::check_output_path(
        store.dir(),
        &out,
        false,
    ))?;
    let conn = &store.register;
    let rows = shared(match format {
        Format::Csv => register::export_csv_file(conn, filter, shown, &out, by.actor, by.at),
        Format::Xlsx => register::export_xlsx_file(conn, filter, shown, &out, by.actor, by.at),
        Format::Pdf => register::print_page_file(conn, filter, description, &out, by.actor, by.at),
    })?;
    Ok((rows, out))
}
