//! Tests of proposals: the stage order, one open proposal per NIK, history, audit.

use chrono::{DateTime, Duration, Local};
use rusqlite::Connection;

use super::*;

const NIK: &str = "3520015708100002";

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

fn sample() -> NewProposal {
    NewProposal {
        nik: NIK.into(),
        name: "Siti Aminah".into(),
        desa: "Kampung Bugis".into(),
        kk: "3520010101100001".into(),
        application_id: None,
    }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Walks `id` from its stage through `stages`, one hour apart.
fn walk(conn: &Connection, id: i64, stages: &[Stage]) -> Proposal {
    let mut last = get(conn, id).unwrap();
    for (i, stage) in stages.iter().enumerate() {
        let at = t0() + Duration::hours(i as i64 + 1);
        last = advance(conn, id, *stage, "catatan", "operator", at).unwrap();
    }
    last
}

#[test]
fn each_stage_moves_only_to_the_next_and_assessment_branches() {
    use Stage::*;
    let legal = [
        (Usulan, Koordinasi),
        (Koordinasi, Assessment),
        (Assessment, InputSiksNg),
        (Assessment, TidakLayak),
        (InputSiksNg, PemadananDukcapil),
        (PemadananDukcapil, Finalisasi),
    ];
    for from in Stage::ALL {
        for to in Stage::ALL {
            assert_eq!(
                from.can_move_to(to),
                legal.contains(&(from, to)),
                "{from:?} -> {to:?}"
            );
        }
    }
    assert!(!Finalisasi.is_open() && !TidakLayak.is_open() && Assessment.is_open());
}

#[test]
fn stages_parse_from_code_and_label() {
    for stage in Stage::ALL {
        assert_eq!(Stage::parse(stage.code()), Some(stage));
        assert_eq!(Stage::parse(stage.label()), Some(stage));
    }
    assert_eq!(Stage::parse(" Input-SIKS-NG "), Some(Stage::InputSiksNg));
    assert_eq!(Stage::parse("selesai"), None);
}

#[test]
fn a_proposal_walks_the_whole_pipeline_with_its_history_in_order() {
    let (_d, conn) = conn();
    let p = create(&conn, sample(), "petugas_layanan", t0()).unwrap();
    assert_eq!(p.stage, Stage::Usulan);
    assert_eq!(p.created_at, t0().to_rfc3339());
    assert_eq!(p.outcome, None);
    let steps = [
        Stage::Koordinasi,
        Stage::Assessment,
        Stage::InputSiksNg,
        Stage::PemadananDukcapil,
        Stage::Finalisasi,
    ];
    let done = walk(&conn, p.id, &steps);
    assert_eq!(done.stage, Stage::Finalisasi);
    assert_eq!(done.outcome, Some(Outcome::Layak));
    assert_eq!(done.stage_since, (t0() + Duration::hours(5)).to_rfc3339());

    let history = history(&conn, p.id).unwrap();
    let stages: Vec<Stage> = history.iter().map(|e| e.stage).collect();
    assert_eq!(stages[0], Stage::Usulan);
    assert_eq!(&stages[1..], &steps);
    assert_eq!(history[0].actor, "petugas_layanan");
    assert_eq!(history[1].actor, "operator");
    assert!(history.windows(2).all(|w| w[0].at < w[1].at));
}

#[test]
fn an_illegal_move_is_refused_and_nothing_is_stored() {
    let (_d, conn) = conn();
    let p = create(&conn, sample(), "petugas_layanan", t0()).unwrap();
    let (events, audits) = (
        "SELECT COUNT(*) FROM proposal_event",
        "SELECT COUNT(*) FROM audit",
    );
    let before = (count(&conn, events), count(&conn, audits));
    for skip in [Stage::Assessment, Stage::Finalisasi, Stage::Usulan] {
        let err = advance(&conn, p.id, skip, "", "operator", t0()).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
        assert!(
            err.to_string().contains("Tahap berikutnya: Koordinasi"),
            "{err}"
        );
    }
    assert_eq!(get(&conn, p.id).unwrap().stage, Stage::Usulan);
    assert_eq!((count(&conn, events), count(&conn, audits)), before);

    let ended = walk(&conn, p.id, &[Stage::Koordinasi, Stage::Assessment]);
    assert!(advance(&conn, ended.id, Stage::TidakLayak, " ", "operator", t0()).is_err());
    let refused = advance(
        &conn,
        p.id,
        Stage::TidakLayak,
        "rumah layak huni",
        "op",
        t0(),
    );
    assert_eq!(refused.unwrap().outcome, Some(Outcome::TidakLayak));
    let err = advance(&conn, p.id, Stage::InputSiksNg, "", "op", t0()).unwrap_err();
    assert!(err.to_string().contains("sudah selesai"), "{err}");
    assert!(matches!(
        advance(&conn, 999, Stage::Koordinasi, "", "op", t0()),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn one_open_proposal_per_nik_and_a_new_one_after_it_ends() {
    let (_d, conn) = conn();
    let first = create(&conn, sample(), "petugas_layanan", t0()).unwrap();
    let err = create(&conn, sample(), "petugas_layanan", t0()).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    let message = err.to_string();
    assert!(message.contains("352001******0002"), "{message}");
    assert!(message.contains(&format!("#{}", first.id)), "{message}");
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM proposal"), 1);

    walk(&conn, first.id, &[Stage::Koordinasi, Stage::Assessment]);
    advance(&conn, first.id, Stage::TidakLayak, "mampu", "op", t0()).unwrap();
    let later = t0() + Duration::days(90);
    let second = create(&conn, sample(), "petugas_layanan", later).unwrap();
    let nik = Nik::parse(NIK).unwrap();
    let ids: Vec<i64> = for_nik(&conn, &nik).unwrap().iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![second.id, first.id], "newest first");
}

#[test]
fn a_bad_form_or_unknown_application_is_refused() {
    let (_d, conn) = conn();
    let bad = [
        NewProposal {
            nik: "35200157".into(),
            ..sample()
        },
        NewProposal {
            name: "  ".into(),
            ..sample()
        },
        NewProposal {
            kk: "12345".into(),
            ..sample()
        },
        NewProposal {
            application_id: Some(42),
            ..sample()
        },
    ];
    for new in bad {
        let err = create(&conn, new, "petugas_layanan", t0()).unwrap_err();
        assert!(err.is_bad_input(), "{err}");
    }
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM proposal"), 0);
}

#[test]
fn a_proposal_links_to_its_application() {
    let (_d, conn) = conn();
    let app = crate::core::register::create(
        &conn,
        &crate::core::register::NewApplication {
            applicant_name: "Siti Aminah".into(),
            nik: NIK.into(),
            purpose: "pendaftaran PBI".into(),
            ..Default::default()
        },
        "petugas_layanan",
        t0(),
    )
    .unwrap();
    let p = NewProposal {
        application_id: Some(app.id),
        ..sample()
    };
    assert_eq!(
        create(&conn, p, "operator", t0()).unwrap().application_id,
        Some(app.id)
    );
}

#[test]
fn list_filters_by_stage_desa_and_open() {
    let (_d, conn) = conn();
    let a = create(&conn, sample(), "op", t0()).unwrap();
    let b = NewProposal {
        nik: "3520011705850001".into(),
        name: "Budi Santoso".into(),
        desa: "Tanjung Ayun Sakti".into(),
        ..Default::default()
    };
    let b = create(&conn, b, "op", t0()).unwrap();
    walk(&conn, b.id, &[Stage::Koordinasi]);
    let ids = |filter: ProposalFilter| -> Vec<i64> {
        list(&conn, &filter).unwrap().iter().map(|p| p.id).collect()
    };
    assert_eq!(ids(ProposalFilter::default()), vec![a.id, b.id], "by desa");
    let stage = |s| ProposalFilter {
        stage: Some(s),
        ..Default::default()
    };
    assert_eq!(ids(stage(Stage::Koordinasi)), vec![b.id]);
    let desa = ProposalFilter {
        desa: Some(" bugis".into()),
        ..Default::default()
    };
    assert_eq!(ids(desa), vec![a.id]);
    walk(&conn, a.id, &[Stage::Koordinasi, Stage::Assessment]);
    advance(&conn, a.id, Stage::TidakLayak, "mampu", "op", t0()).unwrap();
    let open = ProposalFilter {
        open_only: true,
        ..Default::default()
    };
    assert_eq!(ids(open), vec![b.id]);
}

#[test]
fn every_write_leaves_a_typed_audit_entry_with_the_masked_nik() {
    let (_d, conn) = conn();
    let p = create(&conn, sample(), "petugas_layanan", t0()).unwrap();
    walk(&conn, p.id, &[Stage::Koordinasi]);
    let mut stmt = conn
        .prepare("SELECT actor, action, subject, detail, at FROM audit ORDER BY id")
        .unwrap();
    let rows: Vec<(String, String, String, String, String)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let id = p.id;
    assert_eq!(
        rows,
        vec![
            (
                "petugas_layanan".into(),
                "catat_usulan".into(),
                "352001******0002".into(),
                format!("usulan #{id}"),
                t0().to_rfc3339(),
            ),
            (
                "operator".into(),
                "tahap_usulan".into(),
                "352001******0002".into(),
                format!("usulan #{id}: koordinasi"),
                (t0() + Duration::hours(1)).to_rfc3339(),
            ),
        ]
    );
    assert_eq!(crate::core::audit::verify(&conn).unwrap(), None);
}
