//! Admin → Impor Data: a file whose headers are not recognised asks for its columns;
//! the mapping is remembered for the next file of the same layout. Also the program
//! recipient list mode. See `tests/ui_common/mod.rs` for how to run.

mod ui_admin_common;
mod ui_common;

use std::path::{Path, PathBuf};

use loket_dtks::core::Store;
use loket_dtks::core::nik::Nik;
use loket_dtks::core::snapshot::columns::Field;
use loket_dtks::core::snapshot::{lookup, store as catalogue};
use loket_dtks::ui::screen::admin::PERIOD_FIELD;
use loket_dtks::ui::screen::admin::import::{self, Mode, PROGRAM_FIELD};
use ui_admin_common::{choose_and_import, click, import_file, msg, open_admin, shows, type_into};
use ui_common::{app, feed};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ui-unknown-headers.csv")
}

fn person_count(dir: &Path) -> usize {
    let store = Store::open(dir).unwrap();
    let list = catalogue::list(&store.snapshots).unwrap();
    list.len()
}

#[test]
fn unknown_headers_are_mapped_once_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_admin(&mut app);
    type_into(&mut app, PERIOD_FIELD, "2026-02");
    choose_and_import(&mut app, &fixture());

    // The import is refused for want of a NIK column: the mapping step shows the rows.
    assert!(shows(&app, "Pemetaan Kolom"), "the mapping step is shown");
    assert!(shows(&app, "No. Identitas"), "the header row is previewed");
    assert!(shows(&app, "3520011705850001"), "a data row is previewed");
    assert_eq!(person_count(dir.path()), 1, "nothing was imported yet");

    // The NIK and name columns were told from their content and are offered; without
    // a NIK column the import does not start.
    assert!(shows(
        &app,
        "Kolom NIK tidak dikenali dari judulnya; pilihan di bawah ditebak dari isi kolomnya. Periksa, lalu impor."
    ));
    feed(
        &mut app,
        vec![msg(import::Message::ColumnPicked(Field::Nik, None))],
    );
    click(&mut app, "Impor dengan Pemetaan Ini");
    assert!(shows(&app, "Pilih kolom untuk NIK."));

    feed(
        &mut app,
        vec![
            msg(import::Message::ColumnPicked(Field::Nik, Some(0))),
            msg(import::Message::ColumnPicked(Field::Name, Some(1))),
            msg(import::Message::ColumnPicked(Field::Address, Some(2))),
        ],
    );
    click(&mut app, "Impor dengan Pemetaan Ini");

    assert!(shows(&app, "Data DTSEN periode 2026-02 aktif."), "imported");
    let store = Store::open(dir.path()).unwrap();
    let found = lookup::lookup(&store.snapshots, &Nik::parse("3520015708100002").unwrap()).unwrap();
    let person = found.person.expect("the imported NIK is registered");
    assert_eq!(person.name, "Siti Aminah");
    assert_eq!(person.address.as_deref(), Some("Dusun Krajan RT 001"));

    // The same layout again: no mapping step, imported at once.
    type_into(&mut app, PERIOD_FIELD, "2026-03");
    choose_and_import(&mut app, &fixture());
    assert!(
        !shows(&app, "Pemetaan Kolom"),
        "no mapping asked the second time"
    );
    assert!(shows(&app, "Data DTSEN periode 2026-03 aktif."));
    assert_eq!(person_count(dir.path()), 3);
}

#[test]
fn program_list_adds_recipients_to_the_active_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("penerima-bst.csv");
    std::fs::write(
        &file,
        "NIK;KETERANGAN\n3520011705850001;tahap 3\n12345;salah\n",
    )
    .unwrap();
    let mut app = app(dir.path());
    open_admin(&mut app);
    feed(
        &mut app,
        vec![msg(import::Message::ModePicked(Mode::Program))],
    );
    import_file(&mut app, &file);
    assert!(shows(
        &app,
        "Tulis nama programnya (misalnya PKH) terlebih dahulu."
    ));

    type_into(&mut app, PROGRAM_FIELD, "bst");
    type_into(&mut app, PERIOD_FIELD, "2025 tahap 3");
    click(&mut app, "Impor");

    let store = Store::open(dir.path()).unwrap();
    let active = catalogue::active(&store.snapshots).unwrap().unwrap();
    let headline = format!(
        "Penerima program BST ditambahkan ke data {} periode {}.",
        active.source, active.period
    );
    assert!(shows(&app, &headline), "the program summary is shown");
    assert!(shows(&app, "Baris yang ditolak (1):"));
    let found = lookup::lookup(&store.snapshots, &Nik::parse("3520011705850001").unwrap()).unwrap();
    assert!(
        found.programs.iter().any(|p| p.contains("BST")),
        "{:?}",
        found.programs
    );
}
