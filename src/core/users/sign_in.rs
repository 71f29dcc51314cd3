//! Signing in with a PIN: five wrong PINs in a row lock the user for `pin_lock_minutes`;
//! the right PIN clears the count. Every try is logged by name, never with the PIN.

use chrono::{DateTime, Duration, Local};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::{Account, find, pin};
use crate::core::audit::{self, AuditAction};
use crate::core::settings::Settings;
use crate::core::{Error, Result};

use super::User;

/// Wrong PINs in a row before the user is locked.
pub const MAX_TRIES: u32 = 5;

/// Signs `name` in with `pin` at `at`. A wrong PIN says how many tries are left
/// ("PIN salah, sisa 2 percobaan"); the fifth locks the user ("Pengguna terkunci sampai
/// 10:45"). The count and the log entry are kept even when the call fails.
pub fn authenticate(conn: &Connection, name: &str, pin: &str, at: DateTime<Local>) -> Result<User> {
    let lock_minutes = Settings::load(conn)?.pin_lock_minutes;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let outcome = check(&tx, name, pin, at, lock_minutes);
    let (action, detail) = match &outcome {
        Ok(_) => (AuditAction::Masuk, String::new()),
        Err(e) => (AuditAction::GagalMasuk, e.to_string()),
    };
    audit::record(&tx, name, action, name, &detail, at)?;
    tx.commit()?;
    outcome
}

fn check(
    conn: &Connection,
    name: &str,
    pin: &str,
    at: DateTime<Local>,
    lock_minutes: u32,
) -> Result<User> {
    let account = match find(conn, name)? {
        Some(account @ Account { active: true, .. }) => account,
        _ => {
            return Err(Error::Invalid(format!(
                "Pengguna {name} tidak ditemukan atau tidak aktif."
            )));
        }
    };
    if let Some(until) = account.locked_at(at) {
        return Err(locked(until));
    }
    let stored: String = conn.query_row(
        "SELECT pin_hash FROM app_user WHERE name = ?1",
        [name],
        |r| r.get(0),
    )?;
    if pin::matches(pin, &stored) {
        conn.execute(
            "UPDATE app_user SET failed = 0, locked_until = NULL WHERE name = ?1",
            [name],
        )?;
        return Ok(account.user);
    }
    let failed: u32 = conn.query_row(
        "UPDATE app_user SET failed = failed + 1 WHERE name = ?1 RETURNING failed",
        [name],
        |r| r.get(0),
    )?;
    if failed < MAX_TRIES {
        return Err(Error::Invalid(format!(
            "PIN salah, sisa {} percobaan",
            MAX_TRIES - failed
        )));
    }
    let until = at + Duration::minutes(i64::from(lock_minutes));
    conn.execute(
        "UPDATE app_user SET failed = 0, locked_until = ?2 WHERE name = ?1",
        params![name, until.to_rfc3339()],
    )?;
    Err(locked(until))
}

fn locked(until: DateTime<Local>) -> Error {
    Error::Invalid(format!(
        "Pengguna terkunci sampai {}",
        until.format("%H:%M")
    ))
}
