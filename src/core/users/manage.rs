//! The Admin's acts on users: the first Admin, adding users, resetting a PIN, locking
//! (deactivating) and unlocking. Each checks its rule, writes and logs
//! ([`AuditAction::KelolaPengguna`]) in one transaction.

use chrono::{DateTime, Local};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::{Permission, Role, User, any, find, pin, require};
use crate::core::audit::{self, AuditAction};
use crate::core::{Error, Result};

/// A user to add.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    /// Name shown on the sign-in panel (unique).
    pub name: String,
    /// NIP, may be empty.
    pub nip: String,
    /// At least one role.
    pub roles: Vec<Role>,
    /// The first PIN, 4-8 digits.
    pub pin: String,
}

/// Creates the first user, an Admin, on a data dir that has none (the first start);
/// refused once any user exists.
pub fn create_first_admin(
    conn: &Connection,
    name: &str,
    nip: &str,
    pin: &str,
    at: DateTime<Local>,
) -> Result<User> {
    create_first(conn, name, nip, pin, vec![Role::Admin], at)
}

/// The first user with `roles` (which include Admin), in one transaction.
fn create_first(
    conn: &Connection,
    name: &str,
    nip: &str,
    pin: &str,
    roles: Vec<Role>,
    at: DateTime<Local>,
) -> Result<User> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    if any(&tx)? {
        return Err(Error::Invalid(
            "Admin pertama sudah dibuat; pengguna baru ditambah oleh Admin.".into(),
        ));
    }
    let new = NewUser {
        name: name.into(),
        nip: nip.into(),
        roles,
        pin: pin.into(),
    };
    let user = insert(&tx, &new, at)?;
    log(&tx, &user.name, &user.name, "admin pertama", at)?;
    tx.commit()?;
    Ok(user)
}

/// The first user of a fresh installation as the window makes it: the Admin who sets
/// the office up and, at a one-person counter, does every job (all roles). The Admin
/// adds the others with their own roles. Same rules as [`create_first_admin`].
pub fn create_first_user(
    conn: &Connection,
    name: &str,
    nip: &str,
    pin: &str,
    at: DateTime<Local>,
) -> Result<User> {
    create_first(conn, name, nip, pin, Role::ALL.to_vec(), at)
}

/// Adds a user; `by_admin` must be an active Admin.
pub fn add(conn: &Connection, by_admin: &User, new: NewUser, at: DateTime<Local>) -> Result<User> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    require(&tx, &by_admin.name, Permission::KelolaPengguna)?;
    let user = insert(&tx, &new, at)?;
    let detail = format!("tambah, peran {}", Role::join(&user.roles));
    log(&tx, &by_admin.name, &user.name, &detail, at)?;
    tx.commit()?;
    Ok(user)
}

/// Sets a new PIN for `name` and clears its lock-out; `by` must be an Admin or the
/// user themself.
pub fn set_pin(
    conn: &Connection,
    by: &User,
    name: &str,
    new_pin: &str,
    at: DateTime<Local>,
) -> Result<()> {
    let hash = pin::hash(new_pin)?;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    if by.name != name {
        require(&tx, &by.name, Permission::KelolaPengguna)?;
    }
    let changed = tx.execute(
        "UPDATE app_user SET pin_hash = ?2, failed = 0, locked_until = NULL WHERE name = ?1",
        params![name, hash],
    )?;
    if changed == 0 {
        return Err(Error::NotFound(format!("Pengguna {name}")));
    }
    log(&tx, &by.name, name, "ganti PIN", at)?;
    Ok(tx.commit()?)
}

/// Deactivates (locks) `name`: it can no longer sign in, and stays in the register's
/// history. The last active Admin cannot be deactivated.
pub fn deactivate(
    conn: &Connection,
    by_admin: &User,
    name: &str,
    at: DateTime<Local>,
) -> Result<()> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    require(&tx, &by_admin.name, Permission::KelolaPengguna)?;
    let account = find(&tx, name)?.ok_or_else(|| Error::NotFound(format!("Pengguna {name}")))?;
    if account.user.has(Role::Admin) && account.active {
        let admins: i64 = tx.query_row(
            "SELECT COUNT(*) FROM app_user WHERE active = 1
             AND (',' || roles || ',') LIKE '%,admin,%'",
            [],
            |r| r.get(0),
        )?;
        if admins <= 1 {
            return Err(Error::Invalid(format!(
                "{name} adalah satu-satunya Admin aktif dan tidak dapat dinonaktifkan."
            )));
        }
    }
    tx.execute("UPDATE app_user SET active = 0 WHERE name = ?1", [name])?;
    log(&tx, &by_admin.name, name, "nonaktifkan", at)?;
    Ok(tx.commit()?)
}

/// Unlocks `name`: active again, the wrong-PIN count and lock-out cleared.
pub fn reactivate(
    conn: &Connection,
    by_admin: &User,
    name: &str,
    at: DateTime<Local>,
) -> Result<()> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    require(&tx, &by_admin.name, Permission::KelolaPengguna)?;
    let changed = tx.execute(
        "UPDATE app_user SET active = 1, failed = 0, locked_until = NULL WHERE name = ?1",
        [name],
    )?;
    if changed == 0 {
        return Err(Error::NotFound(format!("Pengguna {name}")));
    }
    log(&tx, &by_admin.name, name, "aktifkan", at)?;
    Ok(tx.commit()?)
}

/// "Buka Kunci": lifts the lock-out of `name` after five wrong PINs before it runs out,
/// and clears the count of wrong PINs; `by_admin` must be an active Admin. Refused when
/// `name` is not locked at `at` (a deactivated user is activated with [`reactivate`]).
pub fn unlock(conn: &Connection, by_admin: &User, name: &str, at: DateTime<Local>) -> Result<()> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    require(&tx, &by_admin.name, Permission::KelolaPengguna)?;
    let account = find(&tx, name)?.ok_or_else(|| Error::NotFound(format!("Pengguna {name}")))?;
    if account.locked_at(at).is_none() {
        return Err(Error::Invalid(format!("{name} tidak sedang terkunci.")));
    }
    tx.execute(
        "UPDATE app_user SET failed = 0, locked_until = NULL WHERE name = ?1",
        [name],
    )?;
    log(&tx, &by_admin.name, name, "buka kunci", at)?;
    Ok(tx.commit()?)
}

fn insert(conn: &Connection, new: &NewUser, at: DateTime<Local>) -> Result<User> {
    let name = new.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 60 || name.contains(':') {
        return Err(Error::Invalid(
            "Nama pengguna wajib diisi (paling banyak 60 huruf, tanpa titik dua).".into(),
        ));
    }
    if new.roles.is_empty() {
        return Err(Error::Invalid("Pilih paling sedikit satu peran.".into()));
    }
    if find(conn, &name)?.is_some() {
        return Err(Error::Invalid(format!("Pengguna {name} sudah ada.")));
    }
    let hash = pin::hash(&new.pin)?;
    let nip = new.nip.trim().to_string();
    conn.execute(
        "INSERT INTO app_user(name, nip, roles, pin_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, nip, Role::join(&new.roles), hash, at.to_rfc3339()],
    )?;
    Ok(User {
        id: conn.last_insert_rowid(),
        name,
        nip,
        roles: new.roles.clone(),
    })
}

fn log(conn: &Connection, actor: &str, name: &str, what: &str, at: DateTime<Local>) -> Result<()> {
    audit::record(conn, actor, AuditAction::KelolaPengguna, name, what, at)
}
