//! Imports as the admin's acts, from the window or the CLI: the import, then its audit
//! entry by the acting user. The import writes the snapshot database and the entry goes
//! to the register, so they are two steps: a failed entry fails the call after the data
//! is in.

use std::path::Path;

use crate::core::audit::{self, AuditAction};
use crate::core::snapshot::program::{self, ProgramList};
use crate::core::snapshot::{ImportOptions, ImportProgress, ImportSummary, import};
use crate::core::users::{self, Permission};
use crate::core::{Result, Store};

/// Imports a snapshot file as [`import::import_snapshot`] does and logs it by `actor`
/// ([`AuditAction::ImporSnapshot`], the snapshot id and the file). Refused before any
/// work when `actor` is a user without the Admin role ([`users::require`]).
pub fn import_snapshot(
    dir: &Path,
    file: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
    actor: &str,
) -> Result<ImportSummary> {
    allowed(dir, actor)?;
    let summary = import::import_snapshot(dir, file, options, progress)?;
    log(dir, actor, AuditAction::ImporSnapshot, &summary)?;
    Ok(summary)
}

/// Imports a program recipient list as [`program::import_program`] does and logs it by
/// `actor` ([`AuditAction::ImporProgram`], the snapshot id and the file), with the same
/// check as [`import_snapshot`].
pub fn import_program(
    dir: &Path,
    file: &Path,
    list: &ProgramList,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
    actor: &str,
) -> Result<ImportSummary> {
    allowed(dir, actor)?;
    let summary = program::import_program(dir, file, list, progress)?;
    log(dir, actor, AuditAction::ImporProgram, &summary)?;
    Ok(summary)
}

fn allowed(dir: &Path, actor: &str) -> Result<()> {
    users::require(&Store::open(dir)?.register, actor, Permission::Impor)
}

fn log(dir: &Path, actor: &str, action: AuditAction, summary: &ImportSummary) -> Result<()> {
    let store = Store::open(dir)?;
    audit::record(
        &store.register,
        actor,
        action,
        &summary.snapshot.id.to_string(),
        &summary.file.display().to_string(),
        chrono::Local::now(),
    )
}
