//! The window and the CLI log the same act under the same audit code: each goes through
//! one core function.

mod cli_common;

use cli_common::{data_dir, fixture, imported, run};
use loket_dtks::core::Store;
use loket_dtks::core::snapshot::search::SearchQuery;
use loket_dtks::ui::screen::operator::work;
use loket_dtks::ui::screen::verify;

/// The (actor, action) of every audit entry in the work folder `dir`, oldest first.
fn entries(dir: &std::path::Path) -> Vec<(String, String)> {
    let store = Store::open(&data_dir(dir)).unwrap();
    let mut stmt = store
        .register
        .prepare("SELECT actor, action FROM audit ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn window_and_cli_log_lookup_search_and_verification_alike() {
    let dir = imported();
    let before = entries(dir.path()).len();

    assert!(
        run(dir.path(), &["lookup", "3520011705850001"])
            .status
            .success()
    );
    let today = chrono::Local::now().date_naive();
    work::lookup(
        &data_dir(dir.path()),
        "3520011705850001",
        None,
        today,
        "operator",
    )
    .unwrap();

    assert!(
        run(dir.path(), &["search", "Budi Santoso"])
            .status
            .success()
    );
    let query = SearchQuery {
        text: "Budi Santoso".into(),
        birth_date: None,
        desa: None,
        limit: 10,
    };
    work::search(&data_dir(dir.path()), &query, "operator").unwrap();

    let code = "2026-0099-AAAAAAAAAAAAAAAA";
    assert!(run(dir.path(), &["verify", code]).status.success());
    verify::check(&data_dir(dir.path()), code, "operator").unwrap();

    let logged = entries(dir.path());
    let pairs: Vec<(&str, &str)> = logged[before..]
        .iter()
        .map(|(actor, action)| (actor.as_str(), action.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            (cli_common::ACTOR, "cek_nik"),
            ("operator", "cek_nik"),
            (cli_common::ACTOR, "cari_nama"),
            ("operator", "cari_nama"),
            (cli_common::ACTOR, "verifikasi_surat"),
            ("operator", "verifikasi_surat"),
        ]
    );
}

#[test]
fn a_program_list_is_logged_as_a_program_import() {
    let dir = imported();
    let out = run(
        dir.path(),
        &["import", &fixture("programs-pkh.csv"), "--program", "PKH"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let logged = entries(dir.path());
    let actions: Vec<&str> = logged.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(actions, ["impor_snapshot", "impor_program"]);
}
