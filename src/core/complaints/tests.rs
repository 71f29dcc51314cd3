//! Tests of the complaints book: adding, following up, closing, response time, filters
//! and the audit entries (which carry no personal data).

use chrono::{DateTime, Duration, Local, NaiveDate};
use rusqlite::Connection;

use super::*;

fn conn() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
    (dir, conn)
}

fn t0() -> DateTime<Local> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00+07:00")
        .unwrap()
        .with_timezone(&Local)
}

fn complaint(text: &str) -> NewComplaint {
    NewComplaint {
        channel: ComplaintChannel::WhatsApp,
        kind: ComplaintKind::Pengaduan,
        name: "Siti Aminah".into(),
        contact: "081234567890".into(),
        text: text.into(),
        application_id: None,
    }
}

fn audit_rows(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare("SELECT action, subject, detail FROM audit ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn a_complaint_is_followed_up_then_closed_with_its_response_time() {
    let (_dir, conn) = conn();
    let added = add(&conn, complaint("Surat belum jadi"), "petugas", t0()).unwrap();
    assert_eq!(added.status, ComplaintStatus::Baru);
    assert_eq!(added.response_minutes, None);

    let later = t0() + Duration::minutes(95);
    let first = follow_up(
        &conn,
        added.id,
        "Ditelepon, surat diantar",
        false,
        "kabid",
        later,
    );
    let first = first.unwrap();
    assert_eq!(first.status, ComplaintStatus::Ditindaklanjuti);
    assert_eq!(first.response_minutes, Some(95));
    let stamp = later.format("%Y-%m-%d %H:%M");
    assert_eq!(
        first.follow_up,
        format!("{stamp}: Ditelepon, surat diantar")
    );

    let closed = follow_up(
        &conn,
        added.id,
        "Surat diterima pemohon",
        true,
        "kabid",
        later + Duration::days(1),
    )
    .unwrap();
    assert_eq!(closed.status, ComplaintStatus::Selesai);
    assert_eq!(closed.response_minutes, Some(95), "the first answer counts");
    assert_eq!(closed.follow_up.lines().count(), 2);

    let again = follow_up(&conn, added.id, "lagi", false, "kabid", later);
    assert!(matches!(again, Err(Error::Invalid(_))));
    assert_eq!(get(&conn, added.id).unwrap(), closed, "nothing changed");
}

#[test]
fn the_audit_names_no_one() {
    let (_dir, conn) = conn();
    let added = add(&conn, complaint("Petugas tidak ramah"), "petugas", t0()).unwrap();
    follow_up(&conn, added.id, "Teguran ke petugas", true, "kabid", t0()).unwrap();
    let rows = audit_rows(&conn);
    let subject = format!("pengaduan #{}", added.id);
    assert_eq!(
        rows,
        vec![
            (
                "catat_pengaduan".into(),
                subject.clone(),
                "pengaduan via whatsapp".into()
            ),
            ("tindak_lanjut_pengaduan".into(), subject, "selesai".into()),
        ]
    );
    for (_, s, d) in rows {
        for private in ["Siti", "0812", "ramah", "Teguran"] {
            assert!(!s.contains(private) && !d.contains(private));
        }
    }
}

#[test]
fn empty_text_a_nameless_guest_and_an_unknown_application_are_refused() {
    let (_dir, conn) = conn();
    assert!(add(&conn, complaint("   "), "p", t0()).is_err());
    let guest = NewComplaint {
        kind: ComplaintKind::Tamu,
        channel: ComplaintChannel::Langsung,
        name: " ".into(),
        ..complaint("Konsultasi DTKS")
    };
    let err = add(&conn, guest, "p", t0()).unwrap_err();
    assert!(err.to_string().contains("Nama tamu"), "{err}");
    let linked = NewComplaint {
        application_id: Some(7),
        ..complaint("x")
    };
    assert!(matches!(
        add(&conn, linked, "p", t0()),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        follow_up(&conn, 42, "x", false, "p", t0()),
        Err(Error::NotFound(_))
    ));
    assert!(list(&conn, &ComplaintFilter::default()).unwrap().is_empty());
    assert!(audit_rows(&conn).is_empty());
}

#[test]
fn the_list_filters_by_date_and_status_newest_first() {
    let (_dir, conn) = conn();
    let a = add(&conn, complaint("satu"), "p", t0()).unwrap();
    let b = add(&conn, complaint("dua"), "p", t0() + Duration::days(1)).unwrap();
    let c = add(&conn, complaint("tiga"), "p", t0() + Duration::days(2)).unwrap();
    follow_up(&conn, b.id, "dijawab", true, "p", t0() + Duration::days(1)).unwrap();
    let ids = |filter: ComplaintFilter| -> Vec<i64> {
        list(&conn, &filter).unwrap().iter().map(|c| c.id).collect()
    };
    assert_eq!(ids(ComplaintFilter::default()), vec![c.id, b.id, a.id]);
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
    assert_eq!(
        ids(ComplaintFilter {
            from: day(3),
            to: day(4),
            status: None
        }),
        vec![c.id, b.id]
    );
    assert_eq!(
        ids(ComplaintFilter {
            status: Some(ComplaintStatus::Baru),
            ..ComplaintFilter::default()
        }),
        vec![c.id, a.id]
    );
}

#[test]
fn durations_read_naturally() {
    assert_eq!(duration_label(45), "45 menit");
    assert_eq!(duration_label(125), "2 jam 5 menit");
    assert_eq!(duration_label(1440 + 180 + 7), "1 hari 3 jam");
}
