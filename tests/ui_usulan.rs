//! Pimpinan, tab Usulan DTKS: a proposal for a person who is not registered is listed,
//! chosen, and moved to its next stage with a note; the screen shows the new stage and
//! the step in its history, and offers only the legal next step(s).
//! See `tests/ui_common/mod.rs` for how to run.

mod ui_common;

use chrono::{Local, TimeZone};
use loket_dtks::core::Store;
use loket_dtks::core::usulan::{self, NewProposal, Stage};
use loket_dtks::ui::screen::leadership;
use loket_dtks::ui::screen::usulan::{Message as UsulanMessage, NOTE_FIELD, StageFilter};
use loket_dtks::ui::{Message, Role};
use ui_common::{app, click, feed, simulator, type_into};

/// A proposal entered at the counter (not in the demo snapshot); its id.
fn proposal(dir: &std::path::Path, nik: &str, name: &str, desa: &str) -> i64 {
    let store = Store::open(dir).unwrap();
    let at = Local.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let new = NewProposal {
        nik: nik.into(),
        name: name.into(),
        desa: desa.into(),
        ..NewProposal::default()
    };
    usulan::create(&store.register, new, "operator", at)
        .unwrap()
        .id
}

/// The app on the Pimpinan screen, tab Usulan DTKS.
fn on_usulan_tab(dir: &std::path::Path) -> loket_dtks::ui::App {
    let mut app = app(dir);
    feed(&mut app, vec![Message::RoleSelected(Role::Pimpinan)]);
    click(&mut app, "Usulan DTKS");
    app
}

#[test]
fn a_proposal_moves_to_its_next_stage_from_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let id = proposal(
        dir.path(),
        "3520014405900003",
        "Rahma Wati",
        "Kampung Bugis",
    );
    let mut app = on_usulan_tab(dir.path());
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Rahma Wati").is_ok(), "the proposal is listed");
        assert!(ui.find("352001******0003").is_ok(), "with the NIK masked");
    }
    click(&mut app, "Rahma Wati");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("usulan dicatat").is_ok(), "its history is shown");
        assert!(
            ui.find("Lanjut ke Assessment").is_err(),
            "only the next step"
        );
    }
    type_into(&mut app, NOTE_FIELD, "RT 03 setuju");
    click(&mut app, "Lanjut ke Koordinasi");

    let store = Store::open(dir.path()).unwrap();
    let stored = usulan::get(&store.register, id).unwrap();
    assert_eq!(stored.stage, Stage::Koordinasi);
    let history = usulan::history(&store.register, id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].note, "RT 03 setuju");
    assert_eq!(history[1].actor, "pimpinan");

    let mut ui = simulator(&app);
    assert!(
        ui.find(format!("Usulan #{id} pindah ke tahap Koordinasi.").as_str())
            .is_ok()
    );
    assert!(
        ui.find("RT 03 setuju").is_ok(),
        "the step is in the history"
    );
    assert!(
        ui.find("Lanjut ke Assessment").is_ok(),
        "the next step is offered"
    );
    assert!(ui.find("Lanjut ke Koordinasi").is_err());
}

#[test]
fn the_assessment_offers_layak_and_tidak_layak_and_the_list_filters() {
    let dir = tempfile::tempdir().unwrap();
    let id = proposal(
        dir.path(),
        "3520014405900003",
        "Rahma Wati",
        "Kampung Bugis",
    );
    proposal(dir.path(), "3520011001800004", "Joko Susilo", "Senggarang");
    {
        let store = Store::open(dir.path()).unwrap();
        let at = Local.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
        for stage in [Stage::Koordinasi, Stage::Assessment] {
            usulan::advance(&store.register, id, stage, "", "operator", at).unwrap();
        }
    }
    let mut app = on_usulan_tab(dir.path());
    type_into(
        &mut app,
        loket_dtks::ui::screen::usulan::DESA_FIELD,
        "bugis",
    );
    click(&mut app, "Tampilkan");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Rahma Wati").is_ok());
        assert!(
            ui.find("Joko Susilo").is_err(),
            "another desa is filtered out"
        );
    }
    click(&mut app, "Rahma Wati");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Layak: Input SIKS-NG").is_ok());
        assert!(ui.find("Tidak Layak: Usulan Selesai").is_ok());
    }
    click(&mut app, "Tidak Layak: Usulan Selesai");
    {
        let mut ui = simulator(&app);
        assert!(
            ui.find("Tulis alasan hasil assessment tidak layak pada catatan.")
                .is_ok(),
            "the refusal is shown"
        );
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        usulan::get(&store.register, id).unwrap().stage,
        Stage::Assessment,
        "nothing stored"
    );

    feed(
        &mut app,
        vec![Message::Leadership(leadership::Message::Usulan(
            UsulanMessage::FilterPicked(StageFilter::Tahap(Stage::Usulan)),
        ))],
    );
    let mut ui = simulator(&app);
    assert!(
        ui.find("Joko Susilo").is_err(),
        "Senggarang is still filtered out"
    );
    assert!(ui.find("Tidak ada usulan yang cocok.").is_ok());
}
