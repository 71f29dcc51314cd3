//! Tests of the sign-off and of an application walked through the whole flow.
use chrono::Local;

use super::*;
use crate::core::letter::issue::tests::request;
use crate::core::letter::{Issued, issue_certificate, issue_not_registered_slip, void_certificate};
use crate::core::register::{self, Channel, NewApplication, PAPERS};

fn letter(store: &Store) -> Issued {
    issue_certificate(store, &request()).unwrap()
}

fn by(actor: &str) -> SignOff<'_> {
    SignOff {
        actor,
        at: Local::now(),
        note: "",
        handover: None,
    }
}

#[test]
fn steps_go_in_order_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let id = letter(&store).certificate_id;
    assert_eq!(next(&store.register, id).unwrap(), Some(Step::Paraf));
    let err = record(&store, id, Step::Ttd, &by("kadis")).unwrap_err();
    assert!(err.to_string().contains("Paraf Kabid"), "{err}");
    record(&store, id, Step::Paraf, &by("kabid")).unwrap();
    assert!(record(&store, id, Step::Paraf, &by("kabid")).is_err());
    record(&store, id, Step::Ttd, &by("kadis")).unwrap();
    let online = Handover {
        channel: Channel::WhatsApp,
        contact: String::new(),
    };
    let sent = SignOff {
        handover: Some(&online),
        ..by("petugas")
    };
    let err = record(&store, id, Step::Diserahkan, &sent).unwrap_err();
    assert!(err.to_string().contains("Kontak"), "{err}");
    record(&store, id, Step::Diserahkan, &by("petugas")).unwrap();
    assert_eq!(next(&store.register, id).unwrap(), None);
    assert_eq!(done(&store.register, id).unwrap(), Step::ALL.to_vec());
    assert_eq!(audit::verify(&store.register).unwrap(), None);
}

#[test]
fn voided_letters_take_no_steps() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let issued = letter(&store);
    void_certificate(&store, &issued.number, "salah ketik nama", "operator").unwrap();
    let err = record(&store, issued.certificate_id, Step::Paraf, &by("kabid")).unwrap_err();
    assert!(err.to_string().contains("dibatalkan"), "{err}");
}

/// A complete application written at the front desk for the sample person.
fn application(store: &Store) -> i64 {
    let new = NewApplication {
        applicant_name: "Siti Aminah".into(),
        nik: request().person.nik,
        purpose: "pendaftaran sekolah".into(),
        channel: Some(Channel::WhatsApp),
        contact: "081234567890".into(),
        papers: PAPERS.map(String::from).to_vec(),
        ..Default::default()
    };
    register::create(&store.register, &new, "petugas", Local::now())
        .unwrap()
        .id
}

fn status(store: &Store, id: i64) -> register::Status {
    register::get(&store.register, id).unwrap().status
}

#[test]
fn an_online_request_walks_from_intake_to_sending_with_every_step_on_record() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let id = application(&store);
    let mut req = request();
    req.application_id = Some(id);
    let issued = issue_certificate(&store, &req).unwrap();
    assert_eq!(status(&store, id), register::Status::SuratDicetak);
    register::sign_off(&store, id, Step::Paraf, &by("kabid")).unwrap();
    register::sign_off(&store, id, Step::Ttd, &by("kadis")).unwrap();
    let wa = Handover {
        channel: Channel::WhatsApp,
        contact: "081234567890".into(),
    };
    let sent = register::hand_over(&store, id, &wa, "", "petugas", Local::now()).unwrap();
    assert_eq!(sent.status, register::Status::DikirimOnline);
    // Sent to the wrong number: undone with a reason, then handed over in person.
    let back =
        register::undo_last_step(&store.register, id, "nomor salah", "petugas", Local::now())
            .unwrap();
    assert_eq!(back.status, register::Status::Ditandatangani);
    assert_eq!(
        next(&store.register, issued.certificate_id).unwrap(),
        Some(Step::Diserahkan)
    );
    let done = register::hand_over(
        &store,
        id,
        &Handover::in_person(),
        "diambil sendiri",
        "petugas",
        Local::now(),
    )
    .unwrap();
    assert_eq!(done.status, register::Status::Diserahkan);
    let events = register::history(&store.register, id).unwrap();
    let steps: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.status.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            ("diterima", "petugas"),
            ("berkas_lengkap", "petugas"),
            ("terdaftar", "petugas"),
            ("surat_dicetak", "petugas"),
            ("diparaf", "kabid"),
            ("ditandatangani", "kadis"),
            ("dikirim_online", "petugas"),
            ("ditandatangani", "petugas"),
            ("diserahkan", "petugas"),
        ]
    );
    assert_eq!(events[6].via.as_deref(), Some("WhatsApp"));
    assert_eq!(events[6].contact.as_deref(), Some("081234567890"));
    assert!(events[6].undone);
    // A letter step is never undone: the letter is voided, the application reopens.
    let err = register::undo_last_step(&store.register, id, "x", "petugas", Local::now());
    assert!(err.is_ok(), "the handover in person may be undone too");
    register::undo_last_step(&store.register, id, "x", "kadis", Local::now()).unwrap();
    register::undo_last_step(&store.register, id, "x", "kabid", Local::now()).unwrap();
    let err =
        register::undo_last_step(&store.register, id, "x", "operator", Local::now()).unwrap_err();
    assert!(err.to_string().contains("Arsip"), "{err}");
    void_certificate(&store, &issued.number, "salah ketik nama", "operator").unwrap();
    assert_eq!(status(&store, id), register::Status::Terdaftar);
    assert_eq!(audit::verify(&store.register).unwrap(), None);
}

#[test]
fn an_office_without_paraf_signs_straight_after_printing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut settings = store.settings().unwrap();
    settings.workflow.paraf_step = false;
    settings.save(&store.register).unwrap();
    let id = application(&store);
    let mut req = request();
    req.application_id = Some(id);
    let issued = issue_certificate(&store, &req).unwrap();
    assert_eq!(
        next(&store.register, issued.certificate_id).unwrap(),
        Some(Step::Ttd)
    );
    assert!(register::sign_off(&store, id, Step::Paraf, &by("kabid")).is_err());
    register::sign_off(&store, id, Step::Ttd, &by("kadis")).unwrap();
    assert_eq!(status(&store, id), register::Status::Ditandatangani);
}

#[test]
fn a_not_registered_applicant_gets_a_slip_and_the_application_closes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let id = application(&store);
    let req = request();
    let slip = issue_not_registered_slip(
        &store,
        Some(id),
        &req.person.nik,
        &req.person.name,
        &req.snapshot,
        "operator",
        req.date,
    )
    .unwrap();
    assert!(slip.file.exists());
    assert_eq!(status(&store, id), register::Status::SlipSaran);
    assert!(register::sign_off(&store, id, Step::Paraf, &by("kabid")).is_err());
    let closed = register::hand_over(
        &store,
        id,
        &Handover::in_person(),
        "",
        "petugas",
        Local::now(),
    )
    .unwrap();
    assert_eq!(closed.status, register::Status::Selesai);
    let mut req = request();
    req.application_id = Some(id);
    assert!(
        issue_certificate(&store, &req).is_err(),
        "closed: no letter"
    );
}

#[test]
fn the_service_span_runs_from_the_application_to_the_handover() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let without = letter(&store).certificate_id;
    assert_eq!(service_span(&store.register, without).unwrap(), None);
    let id = application(&store);
    let created_at = register::get(&store.register, id).unwrap().created_at;
    let mut req = request();
    req.application_id = Some(id);
    let letter_id = issue_certificate(&store, &req).unwrap().certificate_id;
    let (received, handed) = service_span(&store.register, letter_id).unwrap().unwrap();
    assert_eq!((received, handed), (created_at, None));
    for step in Step::ALL {
        record(&store, letter_id, step, &by("kadis")).unwrap();
    }
    let (_, handed) = service_span(&store.register, letter_id).unwrap().unwrap();
    assert!(handed.is_some(), "the handover time is given");
    register::undo_last_step(&store.register, id, "salah", "kadis", Local::now()).unwrap();
    let (_, handed) = service_span(&store.register, letter_id).unwrap().unwrap();
    assert_eq!(handed, None, "an undone handover does not count");
}

#[test]
fn the_record_names_who_took_each_step_and_the_handover_follows_the_application() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let id = application(&store);
    let mut req = request();
    req.application_id = Some(id);
    register::record_check(&store.register, id, true, "DTKS", "operator", Local::now()).unwrap();
    let letter = issue_certificate(&store, &req).unwrap().certificate_id;
    let suggested = suggested_handover(&store.register, letter).unwrap();
    assert_eq!(suggested.channel, Channel::WhatsApp);
    assert_eq!(suggested.contact, "081234567890");
    record(&store, letter, Step::Paraf, &by("kabid")).unwrap();
    record(&store, letter, Step::Ttd, &by("kadis")).unwrap();
    let steps = record_of(&store.register, letter).unwrap();
    let who: Vec<(Step, &str)> = steps.iter().map(|s| (s.step, s.actor.as_str())).collect();
    assert_eq!(who, [(Step::Paraf, "kabid"), (Step::Ttd, "kadis")]);
    assert!(steps[0].at.len() >= 19, "{}", steps[0].at);

    let without = issue_certificate(&store, &request())
        .unwrap()
        .certificate_id;
    assert_eq!(
        suggested_handover(&store.register, without).unwrap(),
        Handover::in_person()
    );
}
