//! `user` subcommands: add, list, lock and unlock the counter's users. Managing users
//! needs the Admin's name (`--admin`) and PIN (read from stdin, never from the command
//! line where other users of the PC could see it), except for the very first user, who
//! must be an Admin.

use std::io::BufRead;
use std::path::Path;

use chrono::Local;

use crate::cli::commands::print_json;
use crate::core::users::{self, NewUser, Role, User};
use crate::core::{Error, Result, Store};

/// `user` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum UserAction {
    /// Tambah pengguna. PIN baru dibaca dari baris pertama stdin; PIN Admin dari baris
    /// kedua (kecuali pengguna pertama, yang harus Admin).
    Add {
        /// Nama pengguna (tampil di daftar masuk dan di buku pendaftaran).
        name: String,
        /// Peran: petugas, operator, pimpinan, admin (boleh beberapa, dipisah koma).
        #[arg(long = "role", value_delimiter = ',', required = true)]
        roles: Vec<String>,
        /// NIP pengguna.
        #[arg(long)]
        nip: Option<String>,
        /// Nama Admin yang menambahkan (PIN-nya di baris kedua stdin).
        #[arg(long)]
        admin: Option<String>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Daftar pengguna.
    List {
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Nonaktifkan pengguna (tidak dapat masuk). PIN Admin dari stdin.
    Lock {
        /// Nama pengguna.
        name: String,
        /// Nama Admin.
        #[arg(long)]
        admin: String,
    },
    /// Buka kunci pengguna yang terkunci karena 5 kali PIN salah, atau aktifkan lagi
    /// pengguna yang dinonaktifkan. PIN Admin dari stdin.
    Unlock {
        /// Nama pengguna.
        name: String,
        /// Nama Admin.
        #[arg(long)]
        admin: String,
    },
}

/// Runs one `user` subcommand against data dir `dir`.
pub fn execute(dir: &Path, action: UserAction) -> Result<()> {
    let store = Store::open(dir)?;
    let conn = &store.register;
    let mut stdin = std::io::stdin().lock();
    match action {
        UserAction::Add {
            name,
            roles,
            nip,
            admin,
            json,
        } => {
            let roles = Role::parse_list(&roles.join(","))?;
            let pin = read_line(&mut stdin, "PIN baru")?;
            let nip = nip.unwrap_or_default();
            let user = if users::any(conn)? {
                let admin = sign_in_admin(conn, admin.as_deref(), &mut stdin)?;
                let new = NewUser {
                    name,
                    nip,
                    roles,
                    pin,
                };
                users::add(conn, &admin, new, Local::now())?
            } else if roles == [Role::Admin] {
                users::create_first_admin(conn, &name, &nip, &pin, Local::now())?
            } else {
                return Err(Error::Invalid(
                    "Belum ada pengguna: pengguna pertama harus Admin (--role admin).".into(),
                ));
            };
            if json {
                return print_json(&user_json(&user, true, None));
            }
            println!(
                "Pengguna {} ditambahkan ({}).",
                user.name,
                Role::join(&user.roles)
            );
            Ok(())
        }
        UserAction::List { json } => {
            let accounts = users::list(conn)?;
            if json {
                let list: Vec<_> = accounts
                    .iter()
                    .map(|a| user_json(&a.user, a.active, a.locked_until.as_deref()))
                    .collect();
                return print_json(&serde_json::json!({ "users": list }));
            }
            for a in &accounts {
                let state = if a.active { "aktif" } else { "nonaktif" };
                let roles = Role::join(&a.user.roles);
                println!("{}\t{}\t{roles}\t{state}", a.user.name, a.user.nip);
            }
            Ok(())
        }
        UserAction::Lock { name, admin } => {
            let admin = sign_in_admin(conn, Some(&admin), &mut stdin)?;
            users::deactivate(conn, &admin, &name, Local::now())?;
            println!("Pengguna {name} dinonaktifkan.");
            Ok(())
        }
        UserAction::Unlock { name, admin } => {
            let admin = sign_in_admin(conn, Some(&admin), &mut stdin)?;
            let active = users::find(conn, &name)?.is_some_and(|a| a.active);
            if active {
                users::unlock(conn, &admin, &name, Local::now())?;
                println!("Kunci pengguna {name} dibuka.");
            } else {
                users::reactivate(conn, &admin, &name, Local::now())?;
                println!("Pengguna {name} aktif kembali.");
            }
            Ok(())
        }
    }
}

/// Signs the Admin in with the PIN on the next stdin line (counted like any sign-in).
fn sign_in_admin(
    conn: &rusqlite::Connection,
    name: Option<&str>,
    stdin: &mut impl BufRead,
) -> Result<User> {
    let name = name.ok_or_else(|| {
        Error::Invalid("Mengelola pengguna memerlukan nama Admin: --admin NAMA.".into())
    })?;
    let pin = read_line(stdin, "PIN Admin")?;
    let admin = users::authenticate(conn, name, &pin, Local::now())?;
    if !admin.has(Role::Admin) {
        return Err(Error::Invalid(format!("{name} bukan Admin.")));
    }
    Ok(admin)
}

/// One line of stdin without its line ending; refused when stdin has none.
fn read_line(stdin: &mut impl BufRead, what: &str) -> Result<String> {
    let mut line = String::new();
    stdin
        .read_line(&mut line)
        .map_err(|e| Error::io("stdin", e))?;
    let line = line.trim_end_matches(['\r', '\n']).to_string();
    if line.is_empty() {
        return Err(Error::Invalid(format!(
            "{what} tidak ada: tulis di baris {} stdin.",
            if what == "PIN baru" {
                "pertama"
            } else {
                "berikutnya"
            }
        )));
    }
    Ok(line)
}

fn user_json(user: &User, active: bool, locked_until: Option<&str>) -> serde_json::Value {
    serde_json::json!({
        "name": user.name,
        "nip": user.nip,
        "roles": user.roles,
        "active": active,
        "locked_until": locked_until,
    })
}
