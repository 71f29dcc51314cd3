//! Tests of undoing a paraf or a signature.
use chrono::Local;

use super::*;
use crate::core::letter::issue::tests::request;
use crate::core::letter::{issue_certificate, void_certificate};
use crate::core::register::{Channel, NewApplication, PAPERS, Status};
use crate::core::signoff::{SignOff, done, next, record};

fn by(actor: &str) -> SignOff<'_> {
    SignOff {
        actor,
        at: Local::now(),
        note: "",
        handover: None,
    }
}

fn actions(store: &Store) -> Vec<String> {
    let mut stmt = store
        .register
        .prepare("SELECT action FROM audit ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn a_paraf_given_by_mistake_is_taken_back_with_its_reason_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let issued = issue_certificate(&store, &request()).unwrap();
    let id = issued.certificate_id;
    let err = undo_last(&store, id, "salah surat", "kabid", Local::now()).unwrap_err();
    assert!(err.to_string().contains("belum diparaf"), "{err}");
    record(&store, id, Step::Paraf, &by("kabid")).unwrap();
    assert_eq!(undoable(&store.register, id).unwrap(), Some(Step::Paraf));
    let err = undo_last(&store, id, "   ", "kabid", Local::now()).unwrap_err();
    assert!(err.to_string().contains("wajib diisi"), "{err}");
    assert_eq!(
        done(&store.register, id).unwrap(),
        [Step::Paraf],
        "nothing changed"
    );

    let undone = undo_last(&store, id, "salah surat", "kabid", Local::now()).unwrap();
    assert_eq!(undone, Step::Paraf);
    assert_eq!(next(&store.register, id).unwrap(), Some(Step::Paraf));
    assert_eq!(undoable(&store.register, id).unwrap(), None);
    let kept: (String, String) = store
        .register
        .query_row(
            "SELECT step, undo_reason FROM certificate_step
             WHERE certificate_id = ?1 AND undone_at IS NOT NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(kept, ("paraf".to_string(), "salah surat".to_string()));
    // The paraf can be given again, once.
    record(&store, id, Step::Paraf, &by("kabid")).unwrap();
    assert_eq!(done(&store.register, id).unwrap(), [Step::Paraf]);
    let acts = actions(&store);
    assert!(acts.ends_with(&["paraf".into(), "batal_paraf".into(), "paraf".into()]));
    assert_eq!(audit::verify(&store.register).unwrap(), None);
}

#[test]
fn undoing_the_signature_takes_the_application_back_to_diparaf() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let new = NewApplication {
        applicant_name: "Siti Aminah".into(),
        nik: request().person.nik,
        purpose: "pendaftaran sekolah".into(),
        channel: Some(Channel::Loket),
        papers: PAPERS.map(String::from).to_vec(),
        ..Default::default()
    };
    let app = register::create(&store.register, &new, "petugas", Local::now())
        .unwrap()
        .id;
    let mut req = request();
    req.application_id = Some(app);
    let letter = issue_certificate(&store, &req).unwrap().certificate_id;
    record(&store, letter, Step::Paraf, &by("kabid")).unwrap();
    record(&store, letter, Step::Ttd, &by("kadis")).unwrap();

    undo_last(
        &store,
        letter,
        "ditandatangani sebelum dibaca",
        "kadis",
        Local::now(),
    )
    .unwrap();
    assert_eq!(
        register::get(&store.register, app).unwrap().status,
        Status::Diparaf
    );
    assert_eq!(next(&store.register, letter).unwrap(), Some(Step::Ttd));
    let history = register::history(&store.register, app).unwrap();
    let ttd = history
        .iter()
        .find(|e| e.status == "ditandatangani")
        .unwrap();
    assert!(
        ttd.undone,
        "the signature stays in the history, marked undone"
    );
    let last = history.last().unwrap();
    assert!(
        last.note.contains("ditandatangani sebelum dibaca"),
        "{}",
        last.note
    );
    assert_eq!(
        actions(&store).last().map(String::as_str),
        Some("batal_ttd")
    );

    undo_last(&store, letter, "paraf juga salah", "kabid", Local::now()).unwrap();
    assert_eq!(
        register::get(&store.register, app).unwrap().status,
        Status::SuratDicetak
    );
    assert!(undo_last(&store, letter, "lagi", "kabid", Local::now()).is_err());
    assert_eq!(audit::verify(&store.register).unwrap(), None);
}

#[test]
fn a_handed_over_or_voided_letter_is_not_undone_here() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let issued = issue_certificate(&store, &request()).unwrap();
    let id = issued.certificate_id;
    for step in Step::ALL {
        record(&store, id, step, &by("kabid")).unwrap();
    }
    assert_eq!(undoable(&store.register, id).unwrap(), None);
    let err = undo_last(&store, id, "salah", "kabid", Local::now()).unwrap_err();
    assert!(err.to_string().contains("sudah diserahkan"), "{err}");
    assert_eq!(done(&store.register, id).unwrap(), Step::ALL.to_vec());

    let other = issue_certificate(&store, &request()).unwrap();
    record(&store, other.certificate_id, Step::Paraf, &by("kabid")).unwrap();
    void_certificate(&store, &other.number, "salah ketik nama", "operator").unwrap();
    let err = undo_last(&store, other.certificate_id, "salah", "kabid", Local::now()).unwrap_err();
    assert!(err.to_string().contains("tidak punya paraf"), "{err}");
}
