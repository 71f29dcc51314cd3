//! Pimpinan: the letters to initial and sign, in order (paraf Kabid, TTD Kepala Dinas,
//! then handover). See `tests/ui_common/mod.rs` for how to run.

mod ui_common;

use loket_dtks::core::Store;
use loket_dtks::core::signoff::{self, Step};
use loket_dtks::ui::{Message, Role};
use ui_common::{app, click, feed, issue_demo_letter, simulator};

#[test]
fn paraf_then_signature_then_handover() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Pimpinan)]);
    {
        let mut ui = simulator(&app);
        assert!(ui.find(issued.number.as_str()).is_ok());
        assert!(
            ui.find("TTD Kepala Dinas").is_err(),
            "only the next step is offered"
        );
    }
    click(&mut app, "Paraf Kabid");
    click(&mut app, "TTD Kepala Dinas");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("DITANDATANGANI").is_ok());
    }
    click(&mut app, "Serahkan");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        signoff::done(&store.register, issued.certificate_id).unwrap(),
        Step::ALL.to_vec()
    );
    let mut ui = simulator(&app);
    assert!(ui.find("DISERAHKAN").is_ok());
    assert!(ui.find("Serahkan").is_err(), "nothing left to do");
}
