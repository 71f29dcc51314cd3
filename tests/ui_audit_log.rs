//! Admin → Log Akses: filtering the access log, checking its integrity before and after
//! it was tampered with outside the app.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_admin_common;
mod ui_common;

use chrono::Local;
use loket_dtks::core::Store;
use loket_dtks::core::audit::{self, AuditAction, StoredAnchor};
use loket_dtks::ui::Message;
use loket_dtks::ui::screen::admin::{self, Tab};
use loket_dtks::ui::screen::audit_log;
use ui_admin_common::{click, open_admin, shows};
use ui_common::{app, feed, fixed_office_key};

fn tab(message: audit_log::Message) -> Message {
    Message::Admin(admin::Message::AuditLog(message))
}

#[test]
fn the_log_is_filtered_checked_and_tampering_shows() {
    let dir = tempfile::tempdir().unwrap();
    fixed_office_key(dir.path());
    let store = Store::open(dir.path()).unwrap();
    for (actor, subject) in [("operator", "352001******0001"), ("admin", "2026-02")] {
        let action = if actor == "admin" {
            AuditAction::LaporanBulanan
        } else {
            AuditAction::CekNik
        };
        audit::record(&store.register, actor, action, subject, "", Local::now()).unwrap();
    }
    let mut app = app(dir.path());
    open_admin(&mut app);
    feed(
        &mut app,
        vec![Message::Admin(admin::Message::TabSelected(Tab::LogAkses))],
    );
    assert!(shows(&app, "Log Akses"));
    feed(
        &mut app,
        vec![
            tab(audit_log::Message::ActorChanged("operator".into())),
            tab(audit_log::Message::Apply),
        ],
    );
    assert!(
        shows(&app, "1 entri (terbaru di atas)"),
        "the actor filter applies"
    );
    feed(
        &mut app,
        vec![
            tab(audit_log::Message::ActorChanged(String::new())),
            tab(audit_log::Message::ActionPicked("laporan_bulanan".into())),
        ],
    );
    assert!(
        shows(&app, "1 entri (terbaru di atas)"),
        "the action filter applies"
    );

    click(&mut app, "Periksa keutuhan");
    assert!(shows(
        &app,
        "Log akses utuh: tidak ada entri yang diubah atau hilang."
    ));

    let StoredAnchor::Valid(anchor) = audit::read_anchor(dir.path()) else {
        panic!("the log is anchored");
    };
    let last: i64 = store
        .register
        .query_row("SELECT MAX(id) FROM audit", [], |r| r.get(0))
        .unwrap();
    store
        .register
        .execute("DELETE FROM audit WHERE id = ?1", [last])
        .unwrap();
    click(&mut app, "Periksa keutuhan");
    assert!(shows(&app, "Log akses TIDAK utuh:"));
    assert!(
        shows(
            &app,
            &format!(
                "• 1 entri terakhir hilang sejak {} (anchor: {} entri sampai #{})",
                anchor.at, anchor.count, anchor.last_id
            )
        ),
        "the truncation is listed with since when"
    );
}
