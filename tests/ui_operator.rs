//! Operator: choosing a waiting application, checking the NIK, issuing and printing the
//! letter, or recording "tidak terdaftar".
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use std::path::Path;

use loket_dtks::core::letter::layout::DEMO_MARK;
use loket_dtks::core::register::{self, NewApplication, Status};
use loket_dtks::core::{Store, archive, demo};
use loket_dtks::ui::screen::operator::search;
use loket_dtks::ui::{App, Message, Options, Role};
use ui_common::{
    app, assert_snapshot, click, feed, simulator, type_into, waiting_application,
    written_application,
};

#[test]
fn registered_nik_gets_a_numbered_printed_letter() {
    let dir = tempfile::tempdir().unwrap();
    let id = waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);

    click(&mut app, "Budi Santoso");
    let mut ui = simulator(&app);
    assert!(ui.find("TERDAFTAR").is_ok());
    assert!(ui.find("Budi Santoso").is_ok());
    assert!(
        ui.find("PKH").is_ok(),
        "the programs covering the person are shown"
    );
    drop(ui);

    click(&mut app, "Cetak Surat Keterangan");

    let store = Store::open(dir.path()).unwrap();
    let (number, file): (String, String) = store
        .register
        .query_row(
            "SELECT number, file FROM certificate WHERE application_id = ?1 AND kind = 'surat'",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a certificate row exists");
    assert!(!number.is_empty());
    let file = dir.path().join(file);
    assert!(file.exists(), "the PDF {} exists", file.display());
    assert!(
        file.starts_with(dir.path().join("arsip")),
        "the PDF is in the archive"
    );
    assert!(
        register::waiting(&store.register).unwrap().is_empty(),
        "left the queue"
    );
    assert_eq!(
        register::get(&store.register, id).unwrap().status,
        Status::SuratDicetak
    );

    let mut ui = simulator(&app);
    assert!(ui.find(number.as_str()).is_ok(), "the number is shown");
    assert!(ui.find("Dikirim ke printer (pekerjaan UJI-1).").is_ok());
    assert!(ui.find("Antrean kosong.").is_ok());
    drop(ui);

    assert_snapshot(&app, "operator_surat_terbit");
}

#[test]
fn unregistered_nik_is_recorded_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let id = waiting_application(dir.path(), "Joko Susilo", "3520011705859999");
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);

    click(&mut app, "Joko Susilo");
    let mut ui = simulator(&app);
    assert!(ui.find("TIDAK TERDAFTAR").is_ok());
    assert!(
        ui.find("Cetak Surat Keterangan").is_err(),
        "no letter for a person not registered"
    );
    drop(ui);

    click(&mut app, "Cetak Slip");
    let store = Store::open(dir.path()).unwrap();
    let application = register::get(&store.register, id).unwrap();
    assert_eq!(application.status, Status::SlipSaran);
    let advice = store.settings().unwrap().not_registered_advice;
    let mut ui = simulator(&app);
    assert!(ui.find("Keputusan tercatat: tidak terdaftar.").is_ok());
    assert!(ui.find(advice.as_str()).is_ok(), "the advice is shown");
    drop(ui);

    assert_snapshot(&app, "operator_tidak_terdaftar");
}

#[test]
fn keyboard_chooses_from_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    waiting_application(dir.path(), "Joko Susilo", "3520011705859999");
    let mut app = app(dir.path());
    feed(
        &mut app,
        vec![
            Message::RoleSelected(Role::Operator),
            Message::Move(1),
            Message::Enter,
        ],
    );
    let mut ui = simulator(&app);
    assert!(
        ui.find("TIDAK TERDAFTAR").is_ok(),
        "the second entry was chosen"
    );
}

/// The (number, file, sha256, printed) of the letter issued for application `id`.
fn certificate(store: &Store, id: i64) -> (String, String, String, i64) {
    store
        .register
        .query_row(
            "SELECT number, file, sha256, printed FROM certificate
             WHERE application_id = ?1 AND kind = 'surat'",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("a certificate row exists")
}

#[test]
fn preview_then_print_then_archive() {
    let dir = tempfile::tempdir().unwrap();
    let id = waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    click(&mut app, "Budi Santoso");

    let mut ui = simulator(&app);
    assert!(ui.find("Pratinjau").is_ok());
    assert!(
        ui.find("Surat keterangan ini diberikan untuk keperluan Keringanan biaya sekolah.")
            .is_ok(),
        "the purpose sentence is in the preview"
    );
    assert!(ui.find(DEMO_MARK).is_ok(), "DATA CONTOH is marked");
    assert!(ui.find("Nomor: (draf, belum bernomor)").is_ok());
    assert!(ui.find("2").is_ok(), "copies from the settings");
    drop(ui);
    assert_snapshot(&app, "operator_pratinjau");

    click(&mut app, "Cetak Surat Keterangan");
    let store = Store::open(dir.path()).unwrap();
    let (number, file, sha256, printed) = certificate(&store, id);
    let file = dir.path().join(file);
    assert_eq!(
        archive::sha256_file(&file).unwrap(),
        sha256,
        "archived intact"
    );
    assert_eq!(printed, 1);
    assert!(archive::check(&store).unwrap().is_empty());
    let mut ui = simulator(&app);
    assert!(
        ui.find(number.as_str()).is_ok(),
        "the summary shows the number"
    );
    assert!(
        ui.find(format!("Nomor: {number}")).is_ok(),
        "the preview shows the number"
    );
    assert!(ui.find("Dikirim ke printer (pekerjaan UJI-1).").is_ok());
}

/// Stands in for a printer that refuses every job.
fn broken_print(_: &Path, _: Option<&str>, _: u32) -> loket_dtks::core::Result<String> {
    Err(loket_dtks::core::Error::Print(
        "printer tidak dikenal".into(),
    ))
}

#[test]
fn failed_print_keeps_the_letter_and_reprint_numbers_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let id = waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let (mut app, start) = App::with_options(
        dir.path().to_path_buf(),
        Options {
            today: Some(ui_common::today()),
            now: Some(ui_common::now()),
            print: broken_print,
            printers: ui_common::fake_printers,
            sign_in: false,
        },
    );
    ui_common::run(&mut app, start);
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    click(&mut app, "Budi Santoso");
    click(&mut app, "Cetak Surat Keterangan");
    let message = "Gagal mencetak: printer tidak dikenal. Berkas PDF tetap tersimpan dan dapat \
                   dicetak ulang.";
    assert!(simulator(&app).find(message).is_ok());
    click(&mut app, "Cetak Ulang");
    let store = Store::open(dir.path()).unwrap();
    let (number, _, _, printed) = certificate(&store, id);
    assert_eq!(printed, 0, "nothing was printed");
    let letters: i64 = store
        .register
        .query_row("SELECT COUNT(*) FROM certificate", [], |r| r.get(0))
        .unwrap();
    assert_eq!(letters, 1, "the reprint used no new number");
    assert!(simulator(&app).find(number.as_str()).is_ok());
}

#[test]
fn name_search_finds_the_person_and_shows_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    type_into(&mut app, search::NAME_FIELD, "budi santoso");
    click(&mut app, "Cari");
    assert!(
        simulator(&app).find("352001******0001").is_ok(),
        "NIK masked"
    );
    click(&mut app, "Budi Santoso");
    let mut ui = simulator(&app);
    assert!(ui.find("TERDAFTAR").is_ok());
    assert!(
        ui.find(demo::DEMO_REGISTERED_NIK).is_ok(),
        "the full NIK to note"
    );
    assert!(
        ui.find("Cetak Surat Keterangan").is_err(),
        "no application chosen"
    );
    drop(ui);
    let store = Store::open(dir.path()).unwrap();
    let detail: String = store
        .register
        .query_row(
            "SELECT detail FROM audit WHERE action = 'cari_nama'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(detail.contains("352001******0001"), "{detail}");
    assert!(
        !detail.contains(demo::DEMO_REGISTERED_NIK),
        "only masked NIKs"
    );
}

#[test]
fn name_search_shows_what_was_forgiven() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    type_into(&mut app, search::NAME_FIELD, "H. Boedi Santosa");
    click(&mut app, "Cari");
    let mut ui = simulator(&app);
    assert!(ui.find("Budi Santoso").is_ok());
    assert!(
        ui.find("cocok dengan: gelar diabaikan, ejaan lama, akhiran o/a")
            .is_ok(),
        "the reason beside a result that is not exact"
    );
}

#[test]
fn ctrl_p_issues_only_for_a_checked_registered_person() {
    let dir = tempfile::tempdir().unwrap();
    waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    let count = |dir: &Path| -> i64 {
        Store::open(dir)
            .unwrap()
            .register
            .query_row("SELECT COUNT(*) FROM certificate", [], |r| r.get(0))
            .unwrap()
    };
    feed(&mut app, vec![Message::PrintShortcut]);
    assert_eq!(
        count(dir.path()),
        0,
        "nothing chosen yet: Ctrl+P does nothing"
    );
    click(&mut app, "Budi Santoso");
    feed(
        &mut app,
        vec![Message::PrintShortcut, Message::PrintShortcut],
    );
    assert_eq!(
        count(dir.path()),
        1,
        "a second Ctrl+P does not use another number"
    );
}

#[test]
fn the_check_shows_the_snapshot_age_and_warns_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);

    // The demo data is of period 2025-09; the tests run on 2026-03-02.
    click(&mut app, "Budi Santoso");
    let mut ui = simulator(&app);
    assert!(
        ui.find("Data DTSEN periode 2025-09 (6 bulan lalu), DATA CONTOH")
            .is_ok()
    );
    assert!(
        ui.find("Data sudah 6 bulan (batas 3 bulan); minta data terbaru ke tim data.")
            .is_ok()
    );
    drop(ui);

    let store = Store::open(dir.path()).unwrap();
    let mut settings = store.settings().unwrap();
    settings.max_snapshot_age_months = 6;
    settings.save(&store.register).unwrap();
    click(&mut app, "Budi Santoso");
    let mut ui = simulator(&app);
    assert!(
        ui.find("Data DTSEN periode 2025-09 (6 bulan lalu), DATA CONTOH")
            .is_ok()
    );
    assert!(
        ui.find("Data sudah 6 bulan (batas 3 bulan); minta data terbaru ke tim data.")
            .is_err(),
        "within the office's limit: no warning"
    );
}

#[test]
fn a_second_letter_on_the_same_day_needs_a_second_press() {
    let dir = tempfile::tempdir().unwrap();
    let first = ui_common::issue_demo_letter(dir.path());
    waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let letters = |dir: &Path| -> i64 {
        let store = Store::open(dir).unwrap();
        store
            .register
            .query_row("SELECT COUNT(*) FROM certificate", [], |r| r.get(0))
            .unwrap()
    };
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    click(&mut app, "Budi Santoso");

    // Ctrl+P first: only the question.
    feed(&mut app, vec![Message::PrintShortcut]);
    assert_eq!(letters(dir.path()), 1, "nothing issued on the first press");
    let question = format!(
        "Sudah ada surat untuk NIK ini hari ini (nomor {}). Tekan Cetak sekali lagi untuk \
         tetap mencetak.",
        first.number
    );
    let mut ui = simulator(&app);
    assert!(ui.find(question.as_str()).is_ok(), "asks: {question}");
    drop(ui);

    click(&mut app, "Cetak Surat Keterangan");
    assert_eq!(letters(dir.path()), 2, "the second press issues");
    let mut ui = simulator(&app);
    assert!(ui.find("Dikirim ke printer (pekerjaan UJI-1).").is_ok());
}

#[test]
fn a_letter_of_another_day_prints_on_the_first_press() {
    let dir = tempfile::tempdir().unwrap();
    let first = ui_common::issue_demo_letter(dir.path());
    Store::open(dir.path())
        .unwrap()
        .register
        .execute(
            "UPDATE certificate SET issued_at = '2026-03-01T09:15:00+07:00' WHERE id = ?1",
            [first.certificate_id],
        )
        .unwrap();
    waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    click(&mut app, "Budi Santoso");
    feed(&mut app, vec![Message::PrintShortcut]);
    let mut ui = simulator(&app);
    assert!(ui.find("Dikirim ke printer (pekerjaan UJI-1).").is_ok());
}

#[test]
fn opening_an_application_records_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let registered = waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let not_registered = waiting_application(dir.path(), "Joko Susilo", "3520011705859999");
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    let status = |id: i64| {
        let store = Store::open(dir.path()).unwrap();
        register::get(&store.register, id).unwrap().status
    };

    click(&mut app, "Budi Santoso");
    assert_eq!(status(registered), Status::Terdaftar);
    assert!(
        simulator(&app).find("Terdaftar").is_ok(),
        "the status after the check is shown"
    );
    click(&mut app, "Joko Susilo");
    assert_eq!(status(not_registered), Status::TidakTerdaftar);
    assert!(simulator(&app).find("Tidak terdaftar").is_ok());

    // Opening it again records nothing new.
    let events = || {
        let store = Store::open(dir.path()).unwrap();
        register::history(&store.register, registered)
            .unwrap()
            .len()
    };
    let before = events();
    click(&mut app, "Budi Santoso");
    assert_eq!(events(), before);
    assert_eq!(status(registered), Status::Terdaftar);
}

#[test]
fn the_papers_panel_shows_a_missing_paper_and_the_exception() {
    let dir = tempfile::tempdir().unwrap();
    let application = NewApplication {
        applicant_name: "Budi Santoso".into(),
        nik: demo::DEMO_REGISTERED_NIK.into(),
        purpose: "Keringanan biaya sekolah".into(),
        channel: Some(register::Channel::WhatsApp),
        contact: "081234567890".into(),
        papers: register::PAPERS[1..]
            .iter()
            .map(|p| p.to_string())
            .collect(),
        paper_exception: "KTP hilang, ada surat kehilangan dari polsek".into(),
        ..NewApplication::default()
    };
    written_application(dir.path(), application);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    click(&mut app, "Budi Santoso");
    let mut ui = simulator(&app);
    assert!(ui.find("KTP kurang").is_ok(), "the missing paper");
    assert!(ui.find("Kartu Keluarga").is_ok(), "a paper seen");
    assert!(
        ui.find("KTP hilang, ada surat kehilangan dari polsek")
            .is_ok(),
        "the exception"
    );
    assert!(ui.find("WhatsApp, kontak 081234567890").is_ok());
    drop(ui);
    ui_common::assert_small_snapshot(&app, "operator_berkas_pengecualian");
}
