//! The walk-in flows of three service standards (`../shared/seeds/`), each with the
//! office's own settings, walked in the window from the front desk to the handover:
//! Kab. Solok (5 steps, Kepala Dinas signs without paraf), Kab. Luwu Timur (KTP from
//! age 17, papers returned until complete, the SKM survey after handover) and Kab.
//! Karangasem (bansos programs shown, paraf then TTD, one working day, the guest book).
//! See `tests/ui_common/mod.rs` for how to run.

mod ui_common;
mod ui_seed_common;

use loket_dtks::core::demo::DEMO_REGISTERED_NIK;
use loket_dtks::core::register::{Channel, Status};
use loket_dtks::core::service_time::Total;
use loket_dtks::ui::screen::{front_desk, survey};
use loket_dtks::ui::{Message, Role};
use ui_seed_common::{Counter, acts, status, steps, the_application};

#[test]
fn solok_walk_in_in_five_steps_signed_by_the_kepala_dinas() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Counter::open(dir.path(), |s| {
        s.workflow.paraf_step = false;
        s.office.place = "Solok".into();
    });
    // 1. The register book and 2. the papers (KTP, KK, pengantar: F5-F7).
    desk.intake(
        "Budi Santoso",
        DEMO_REGISTERED_NIK,
        Channel::Loket,
        "",
        &[0, 1, 2],
    );
    let app = the_application(dir.path());
    assert_eq!(app.status, Status::BerkasLengkap);
    // 3. The operator checks and prints, only because the person is registered.
    desk.role(Role::Operator);
    desk.click("Budi Santoso");
    assert!(desk.shows("TERDAFTAR"));
    desk.click("Cetak Surat Keterangan");
    // 4. The Kepala Dinas signs: no paraf in Solok.
    desk.role(Role::Pimpinan);
    assert!(!desk.shows("Paraf Kabid"), "no paraf step in this office");
    desk.click("TTD Kepala Dinas");
    desk.click("Ya, tanda tangani (Enter)");
    // 5. Handed over at the front desk ("Serahkan langsung" in its list of letters
    // ready to go).
    desk.role(Role::PetugasLayanan);
    desk.act(Message::FrontDesk(front_desk::Message::HandOverInPerson(
        app.id,
    )));

    assert_eq!(status(dir.path(), app.id), Status::Diserahkan);
    assert_eq!(
        steps(dir.path(), app.id),
        [
            "diterima",
            "berkas_lengkap",
            "terdaftar",
            "surat_dicetak",
            "ditandatangani",
            "diserahkan"
        ]
    );
    let counted = desk.actions;
    // The petugas finds the entry in the register book, with its whole history.
    desk.click("Buku Register");
    desk.click("Budi Santoso");
    assert!(desk.shows("Ditandatangani"));
    assert!(desk.shows("Diserahkan"));
    desk.actions = counted;
    assert_eq!(
        acts(dir.path()),
        [
            "catat_permohonan",
            "berkas_lengkap",
            "hasil_cek_terdaftar",
            "terbit_surat",
            "ttd",
            "diserahkan"
        ]
    );
    // After the data is typed: purpose, 3 papers, save, F2, pick, print, F3, TTD and
    // its confirmation, F1, handover (the keyboard-only count is in ui_keyboard_walk).
    assert_eq!(desk.actions, 13, "actions after typing the data");
}

#[test]
fn luwu_timur_papers_returned_until_the_ktp_comes_then_the_survey() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Counter::open(dir.path(), |s| s.office.place = "Malili".into());
    // An adult (born 1985) brings only the KK and the desa letter: returned.
    desk.intake(
        "Budi Santoso",
        DEMO_REGISTERED_NIK,
        Channel::Loket,
        "",
        &[1, 2],
    );
    let app = the_application(dir.path());
    assert_eq!(app.status, Status::BerkasTidakLengkap);
    assert!(desk.shows("Berkas tidak lengkap: dikembalikan, kurang: KTP."));
    desk.role(Role::Operator);
    assert!(desk.shows("Antrean kosong."), "not the operator's yet");

    // The KTP arrives: the front desk checks the papers again.
    desk.role(Role::PetugasLayanan);
    // "Periksa ulang berkas" in the list of returned applications.
    desk.act(Message::FrontDesk(front_desk::Message::Pick(app.id)));
    desk.act(Message::FrontDesk(front_desk::Message::PickedPaperToggled(
        0, true,
    )));
    desk.click("Simpan pemeriksaan berkas");
    assert_eq!(status(dir.path(), app.id), Status::BerkasLengkap);

    desk.role(Role::Operator);
    desk.click("Budi Santoso");
    desk.click("Cetak Surat Keterangan");
    desk.role(Role::Pimpinan);
    desk.click("Paraf Kabid");
    desk.click("Ya, paraf (Enter)");
    desk.click("TTD Kepala Dinas");
    desk.click("Ya, tanda tangani (Enter)");
    desk.click("Serahkan");
    desk.click("Serahkan langsung");
    assert_eq!(status(dir.path(), app.id), Status::Diserahkan);

    // At the front desk the citizen fills the satisfaction survey (keys 1-4).
    desk.role(Role::PetugasLayanan);
    desk.click("Survei SKM");
    for answer in [4, 3, 4, 4, 3, 4, 4, 4, 3] {
        desk.act(Message::Digit(answer));
    }
    desk.act(Message::FrontDesk(front_desk::Message::Survey(
        survey::Message::Send,
    )));
    let store = loket_dtks::core::Store::open(dir.path()).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let today = chrono::Local::now().date_naive();
    let skm =
        loket_dtks::core::skm::summary(&store.register, day.min(today), day.max(today)).unwrap();
    assert_eq!(skm.respondents, 1);
    assert_eq!(
        steps(dir.path(), app.id),
        [
            "diterima",
            "berkas_tidak_lengkap",
            "berkas_lengkap",
            "terdaftar",
            "surat_dicetak",
            "diparaf",
            "ditandatangani",
            "diserahkan"
        ]
    );
}

#[test]
fn karangasem_programs_paraf_then_ttd_within_one_working_day_and_the_guest_book() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Counter::open(dir.path(), |s| {
        s.office.place = "Amlapura".into();
        s.time_standard.total = Total::WorkingDays(1);
    });
    desk.intake(
        "Budi Santoso",
        DEMO_REGISTERED_NIK,
        Channel::Loket,
        "",
        &[0, 1, 2],
    );
    let app = the_application(dir.path());
    desk.role(Role::Operator);
    assert!(desk.shows("Standar waktu: 5 menit per langkah, selesai dalam 1 hari kerja."));
    desk.click("Budi Santoso");
    assert!(
        desk.shows("PKH"),
        "the programs covering the person are shown"
    );
    desk.click("Cetak Surat Keterangan");
    desk.role(Role::Pimpinan);
    assert!(!desk.shows("TTD Kepala Dinas"), "paraf comes first");
    desk.click("Paraf Kabid");
    desk.click("Ya, paraf (Enter)");
    desk.click("TTD Kepala Dinas");
    desk.click("Ya, tanda tangani (Enter)");
    desk.click("Serahkan");
    desk.click("Serahkan langsung");
    assert_eq!(status(dir.path(), app.id), Status::Diserahkan);

    // A guest writes in the guest/suggestion book.
    desk.click("Pengaduan");
    use loket_dtks::core::complaints::ComplaintKind;
    use loket_dtks::ui::screen::{complaints, leadership};
    let book = |m| Message::Leadership(leadership::Message::Complaints(m));
    desk.act(book(complaints::Message::KindPicked(ComplaintKind::Saran)));
    desk.act(book(complaints::Message::NameChanged(
        "Made Sudarsana".into(),
    )));
    desk.act(book(complaints::Message::TextChanged(
        "Ruang tunggu perlu kursi tambahan".into(),
    )));
    desk.click("Simpan");
    let store = loket_dtks::core::Store::open(dir.path()).unwrap();
    let book = loket_dtks::core::complaints::list(&store.register, &Default::default()).unwrap();
    assert_eq!(book.len(), 1);
    assert!(acts(dir.path()).contains(&"catat_pengaduan".to_string()));
}
