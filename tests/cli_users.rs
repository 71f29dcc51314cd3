//! `user` subcommands: the first Admin, adding users with the Admin's PIN on stdin,
//! listing, locking and unlocking.

#[allow(dead_code)] // the snapshot helpers are not needed here
mod cli_common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use cli_common::{OS_USER, data_dir, import_clean, json};

/// Runs `loket-dtks --data-dir ROOT/data ARGS...` with `stdin` fed in.
fn run_with_stdin(root: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loket-dtks"))
        .env("USER", OS_USER)
        .arg("--data-dir")
        .arg(data_dir(root))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn users(root: &Path) -> serde_json::Value {
    json(&run_with_stdin(root, &["user", "list", "--json"], ""))["users"].clone()
}

/// A work folder with Admin "Ani" (PIN 1234).
fn with_admin() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run_with_stdin(
        dir.path(),
        &[
            "user", "add", "Ani", "--role", "admin", "--nip", "1980", "--json",
        ],
        "1234\n",
    );
    assert_eq!(json(&out)["roles"], serde_json::json!(["admin"]));
    dir
}

#[test]
fn the_first_user_must_be_an_admin() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_with_stdin(
        dir.path(),
        &["user", "add", "Budi", "--role", "petugas"],
        "1234\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pengguna pertama harus Admin"),
        "{}",
        stderr(&out)
    );
    assert_eq!(users(dir.path()), serde_json::json!([]));
}

#[test]
fn adding_needs_the_admin_name_and_pin() {
    let dir = with_admin();
    let root = dir.path();
    let args = [
        "user",
        "add",
        "Budi",
        "--role",
        "pimpinan,operator",
        "--json",
    ];
    let out = run_with_stdin(root, &args, "5678\n1234\n");
    assert!(stderr(&out).contains("--admin"), "{}", stderr(&out));
    let mut with_admin = args.to_vec();
    with_admin.extend(["--admin", "Ani"]);
    let out = run_with_stdin(root, &with_admin, "5678\n9999\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("PIN salah, sisa 4 percobaan"),
        "{}",
        stderr(&out)
    );
    let out = run_with_stdin(root, &with_admin, "56\n1234\n");
    assert!(
        stderr(&out).contains("4 sampai 8 angka"),
        "{}",
        stderr(&out)
    );
    let added = json(&run_with_stdin(root, &with_admin, "5678\n1234\n"));
    assert_eq!(added["roles"], serde_json::json!(["pimpinan", "operator"]));
    let list = users(root);
    assert_eq!(list[0]["name"], "Ani");
    assert_eq!(list[0]["nip"], "1980");
    assert_eq!(list[1]["name"], "Budi");
    assert_eq!(list[1]["active"], true);
    // The operating-system user still imports once users exist.
    assert_eq!(import_clean(root)["imported"], 3);
    // A non-admin cannot manage users, even with the right PIN.
    let out = run_with_stdin(
        root,
        &[
            "user", "add", "Citra", "--role", "petugas", "--admin", "Budi",
        ],
        "2468\n5678\n",
    );
    assert!(stderr(&out).contains("bukan Admin"), "{}", stderr(&out));
}

#[test]
fn lock_and_unlock_a_user() {
    let dir = with_admin();
    let root = dir.path();
    let add = [
        "user", "add", "Citra", "--role", "petugas", "--admin", "Ani",
    ];
    assert!(run_with_stdin(root, &add, "2468\n1234\n").status.success());
    let lock = run_with_stdin(root, &["user", "lock", "Citra", "--admin", "Ani"], "1234\n");
    assert!(lock.status.success(), "{}", stderr(&lock));
    assert_eq!(users(root)[1]["active"], false);
    // Citra can no longer sign in (here: as the admin of a command).
    let out = run_with_stdin(root, &["user", "lock", "Ani", "--admin", "Citra"], "2468\n");
    assert!(stderr(&out).contains("tidak aktif"), "{}", stderr(&out));
    let out = run_with_stdin(root, &["user", "lock", "Ani", "--admin", "Ani"], "1234\n");
    assert!(
        stderr(&out).contains("satu-satunya Admin"),
        "{}",
        stderr(&out)
    );
    let unlock = run_with_stdin(
        root,
        &["user", "unlock", "Citra", "--admin", "Ani"],
        "1234\n",
    );
    assert!(unlock.status.success(), "{}", stderr(&unlock));
    assert_eq!(users(root)[1]["active"], true);
    let audit = json(&run_with_stdin(root, &["audit", "verify", "--json"], ""));
    assert_eq!(audit["ok"], true, "{audit}");
}

#[test]
fn an_admin_unlocks_a_user_locked_by_wrong_pins() {
    let dir = with_admin();
    let root = dir.path();
    let add = ["user", "add", "Citra", "--role", "admin", "--admin", "Ani"];
    assert!(run_with_stdin(root, &add, "2468\n1234\n").status.success());
    let list = ["user", "list", "--json"];
    // Five wrong PINs for Citra (as the admin of a command) lock her.
    for _ in 0..5 {
        let out = run_with_stdin(root, &["user", "lock", "Ani", "--admin", "Citra"], "0000\n");
        assert!(!out.status.success());
    }
    let out = run_with_stdin(root, &["user", "lock", "Ani", "--admin", "Citra"], "2468\n");
    assert!(stderr(&out).contains("terkunci sampai"), "{}", stderr(&out));
    assert!(!json(&run_with_stdin(root, &list, ""))["users"][1]["locked_until"].is_null());

    let unlock = run_with_stdin(
        root,
        &["user", "unlock", "Citra", "--admin", "Ani"],
        "1234\n",
    );
    assert!(unlock.status.success(), "{}", stderr(&unlock));
    assert!(String::from_utf8_lossy(&unlock.stdout).contains("Kunci pengguna Citra dibuka."));
    assert!(users(root)[1]["locked_until"].is_null());
    let again = run_with_stdin(
        root,
        &["user", "unlock", "Citra", "--admin", "Ani"],
        "1234\n",
    );
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("tidak sedang terkunci"));
}
