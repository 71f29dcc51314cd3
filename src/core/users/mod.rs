//! Named users of the counter PC, with a PIN and one or more roles, so the register and
//! the audit log say who did what (staff evaluation, accountability).
//!
//! The acting user's name is the `actor` every core function already takes. The key
//! rules are checked where the act happens with [`require`], which looks the actor up:
//!
//! - A data dir with **no users yet** (a fresh install, the tests) allows everything:
//!   the office has not set up sign-in, and the window then names the actor by its role
//!   switcher as before. Creating the first user (an Admin, [`create_first_admin`])
//!   turns the checks on.
//! - An actor starting with `cli:` is the operating-system user running the CLI; it is
//!   allowed everything except managing users, which needs the Admin's name and PIN.
//! - Any other actor must be an active user holding the role the act needs.
//!
//! PINs (4-8 digits) are stored only as argon2id PHC strings and compared only through
//! argon2's verify; they are never logged. Five wrong PINs lock the user for
//! `pin_lock_minutes` (setting, default 15).

mod manage;
mod pin;
mod sign_in;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Local};
use rusqlite::{Connection, OptionalExtension};

use crate::core::{Error, Result};

pub use manage::{
    NewUser, add, create_first_admin, create_first_user, deactivate, reactivate, set_pin, unlock,
};
pub use pin::validate_pin;
pub use sign_in::{MAX_TRIES, authenticate};

/// A role a user may hold; a user may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Front desk (petugas layanan): writes applications into the register.
    Petugas,
    /// Operator: checks the data and issues letters.
    Operator,
    /// Leadership (Kabid/Kadis): initials and signs letters.
    Pimpinan,
    /// Administrator: imports, settings, users.
    Admin,
}

impl Role {
    /// Every role, in the order of the window's tabs.
    pub const ALL: [Role; 4] = [Role::Petugas, Role::Operator, Role::Pimpinan, Role::Admin];

    /// The stored code ("petugas", "operator", "pimpinan", "admin").
    pub fn code(self) -> &'static str {
        match self {
            Role::Petugas => "petugas",
            Role::Operator => "operator",
            Role::Pimpinan => "pimpinan",
            Role::Admin => "admin",
        }
    }

    /// Parses a code (any case, spaces ignored).
    pub fn parse(text: &str) -> Result<Role> {
        let text = text.trim().to_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.code() == text)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "Peran tidak dikenal: {text}. Pilih petugas, operator, pimpinan atau admin."
                ))
            })
    }

    /// Parses a comma list such as "petugas,operator".
    pub fn parse_list(text: &str) -> Result<Vec<Role>> {
        let mut roles = Vec::new();
        for part in text.split(',').filter(|p| !p.trim().is_empty()) {
            let role = Role::parse(part)?;
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        Ok(roles)
    }

    /// The roles as the stored comma list.
    pub fn join(roles: &[Role]) -> String {
        roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
    }
}

/// An act only some roles may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Import a snapshot or a program list (Admin).
    Impor,
    /// Change the office settings (Admin).
    UbahPengaturan,
    /// Add users, reset PINs, lock and unlock (Admin).
    KelolaPengguna,
    /// Initial (paraf) or sign (TTD) a letter (Pimpinan).
    TandaTangan,
    /// Issue letters and slips (Operator).
    Terbitkan,
    /// Write applications into the register (Petugas).
    Daftar,
    /// Export full NIKs and erase old personal data (Admin).
    DataPribadi,
}

impl Permission {
    /// The role that grants it.
    pub fn role(self) -> Role {
        match self {
            Permission::Impor
            | Permission::UbahPengaturan
            | Permission::KelolaPengguna
            | Permission::DataPribadi => Role::Admin,
            Permission::TandaTangan => Role::Pimpinan,
            Permission::Terbitkan => Role::Operator,
            Permission::Daftar => Role::Petugas,
        }
    }

    /// What is refused, as said in the refusal ("mengimpor data").
    fn describe(self) -> &'static str {
        match self {
            Permission::Impor => "mengimpor data",
            Permission::UbahPengaturan => "mengubah pengaturan",
            Permission::KelolaPengguna => "mengelola pengguna",
            Permission::TandaTangan => "memaraf atau menandatangani surat",
            Permission::Terbitkan => "menerbitkan surat",
            Permission::Daftar => "mencatat permohonan",
            Permission::DataPribadi => "mengekspor NIK lengkap atau menghapus data pribadi",
        }
    }
}

/// A user of the counter PC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// The name shown on the sign-in panel and written as the actor.
    pub name: String,
    /// NIP (civil-service number), may be empty.
    pub nip: String,
    /// The roles held.
    pub roles: Vec<Role>,
}

impl User {
    /// True when one of the user's roles grants `permission`.
    pub fn can(&self, permission: Permission) -> bool {
        self.has(permission.role())
    }

    /// True when the user holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// A user as the Admin's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The user.
    pub user: User,
    /// False once deactivated (cannot sign in, kept for the register's history).
    pub active: bool,
    /// Locked after wrong PINs until this moment (RFC 3339), if it was ever set.
    pub locked_until: Option<String>,
}

impl Account {
    /// Until when the user is locked after wrong PINs, if still locked at `at`.
    pub fn locked_at(&self, at: DateTime<Local>) -> Option<DateTime<Local>> {
        self.locked_until
            .as_deref()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&Local))
            .filter(|until| *until > at)
    }
}

const COLUMNS: &str = "id, name, nip, roles, active, locked_until";

fn account(row: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    let roles: String = row.get(3)?;
    Ok(Account {
        user: User {
            id: row.get(0)?,
            name: row.get(1)?,
            nip: row.get(2)?,
            roles: Role::parse_list(&roles).unwrap_or_default(),
        },
        active: row.get(4)?,
        locked_until: row.get(5)?,
    })
}

/// Every user, active ones first, by name.
pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM app_user ORDER BY active DESC, name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], account)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The user named `name` (exactly), active or not.
pub fn find(conn: &Connection, name: &str) -> Result<Option<Account>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM app_user WHERE name = ?1"),
            [name],
            account,
        )
        .optional()?)
}

/// True when at least one user exists (sign-in and the role checks are on).
pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM app_user)", [], |r| r.get(0))?)
}

/// Checks that `actor` may do `permission` (see the module notes: everything is allowed
/// while no user exists; `cli:` actors may do all but manage users).
pub fn require(conn: &Connection, actor: &str, permission: Permission) -> Result<()> {
    if !any(conn)? {
        return Ok(());
    }
    if actor.starts_with("cli:") {
        if permission == Permission::KelolaPengguna {
            return Err(Error::Invalid(
                "Mengelola pengguna memerlukan nama dan PIN Admin (--admin NAMA).".into(),
            ));
        }
        return Ok(());
    }
    match find(conn, actor)? {
        Some(account) if account.active && account.user.can(permission) => Ok(()),
        Some(account) if account.active => Err(Error::Invalid(format!(
            "{actor} tidak berwenang {}: perlu peran {}.",
            permission.describe(),
            permission.role().code()
        ))),
        _ => Err(Error::Invalid(format!(
            "{actor} bukan pengguna aktif; tidak berwenang {}.",
            permission.describe()
        ))),
    }
}
