//! The flows of the two standards that go beyond the counter (`../shared/seeds/`), each
//! with the office's own settings: Kab. Magetan (a request by WhatsApp with a photo of
//! the KTP, signed by the Kabid on behalf of the Kepala Dinas, sent back online) and
//! Kota Tanjungpinang (a person not registered gets the advice slip, then a proposal
//! followed through coordination, assessment, SIKS-NG input, Dukcapil matching and
//! finalisation). See `tests/ui_common/mod.rs` for how to run.

mod ui_common;
mod ui_seed_common;

use loket_dtks::core::Store;
use loket_dtks::core::demo::DEMO_REGISTERED_NIK;
use loket_dtks::core::register::{self, Channel, Status};
use loket_dtks::core::usulan::{self, Stage};
use loket_dtks::ui::screen::front_desk;
use loket_dtks::ui::{Message, Role};
use ui_seed_common::{Counter, acts, status, steps, the_application};

#[test]
fn magetan_whatsapp_request_signed_by_the_kabid_and_sent_back_online() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Counter::open(dir.path(), |s| {
        s.office.place = "Magetan".into();
        s.signed_by_kabid = true;
        s.workflow.paraf_step = false;
    });
    // The request and photos of the papers arrive by WhatsApp.
    desk.intake(
        "Budi Santoso",
        DEMO_REGISTERED_NIK,
        Channel::WhatsApp,
        "081234567890",
        &[0, 1, 2],
    );
    let app = the_application(dir.path());
    assert_eq!(app.channel, "WhatsApp");
    let photo = dir.path().join("ktp-budi.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff\xe0 foto ktp").unwrap();
    desk.act(Message::FrontDesk(front_desk::Message::AttachPathChanged(
        photo.display().to_string(),
    )));
    desk.click("Lampirkan");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        register::attachments(&store.register, app.id)
            .unwrap()
            .len(),
        1
    );

    desk.role(Role::Operator);
    desk.click("Budi Santoso");
    desk.click("Cetak Surat Keterangan");
    desk.role(Role::Pimpinan);
    desk.click("TTD Kabid (a.n. Kepala Dinas)");
    desk.click("Ya, tanda tangani (Enter)");
    desk.click("Serahkan");
    assert!(desk.shows("081234567890"), "the contact it came with");
    desk.click("Kirim online");

    assert_eq!(status(dir.path(), app.id), Status::DikirimOnline);
    let history = register::history(&store.register, app.id).unwrap();
    let sent = history.last().unwrap();
    assert_eq!(sent.via.as_deref(), Some("WhatsApp"));
    assert_eq!(sent.contact.as_deref(), Some("081234567890"));
    assert_eq!(
        steps(dir.path(), app.id),
        [
            "diterima",
            "berkas_lengkap",
            "terdaftar",
            "surat_dicetak",
            "ditandatangani",
            "dikirim_online"
        ]
    );
    assert!(acts(dir.path()).contains(&"lampir_berkas".to_string()));
}

#[test]
fn tanjungpinang_not_registered_then_the_proposal_followed_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Counter::open(dir.path(), |s| s.office.place = "Tanjungpinang".into());
    desk.intake(
        "Joko Susilo",
        "3520011705859999",
        Channel::Loket,
        "",
        &[0, 1, 2],
    );
    let app = the_application(dir.path());
    desk.role(Role::Operator);
    desk.click("Joko Susilo");
    assert!(desk.shows("TIDAK TERDAFTAR"));
    desk.click("Cetak Slip");
    assert_eq!(status(dir.path(), app.id), Status::SlipSaran);
    // The slip with its advice is handed over at the front desk.
    desk.role(Role::PetugasLayanan);
    desk.act(Message::FrontDesk(front_desk::Message::HandOverInPerson(
        app.id,
    )));
    assert_eq!(status(dir.path(), app.id), Status::Selesai);

    // The office proposes the person and follows the proposal.
    desk.role(Role::Pimpinan);
    desk.click("Usulan DTKS");
    assert!(desk.shows("Belum diusulkan"));
    desk.click("Usulkan");
    for step in [
        "Lanjut ke Koordinasi",
        "Lanjut ke Assessment",
        "Layak: Input SIKS-NG",
        "Lanjut ke Pemadanan Dukcapil",
        "Lanjut ke Finalisasi",
    ] {
        desk.click(step);
    }
    let store = Store::open(dir.path()).unwrap();
    let nik = loket_dtks::core::nik::Nik::parse("3520011705859999").unwrap();
    let proposals = usulan::for_nik(&store.register, &nik).unwrap();
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].stage, Stage::Finalisasi);
    assert_eq!(proposals[0].application_id, Some(app.id));
    let stages: Vec<Stage> = usulan::history(&store.register, proposals[0].id)
        .unwrap()
        .into_iter()
        .map(|e| e.stage)
        .collect();
    assert_eq!(
        stages,
        [
            Stage::Usulan,
            Stage::Koordinasi,
            Stage::Assessment,
            Stage::InputSiksNg,
            Stage::PemadananDukcapil,
            Stage::Finalisasi
        ]
    );
    assert_eq!(
        steps(dir.path(), app.id),
        [
            "diterima",
            "berkas_lengkap",
            "tidak_terdaftar",
            "slip_saran",
            "selesai"
        ]
    );
}
