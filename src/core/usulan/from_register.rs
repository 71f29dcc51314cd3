//! Proposals started from the register: the not-registered applicants who were given
//! the advice slip and have no proposal yet, and making one from such an application.

use chrono::{DateTime, Local};
use rusqlite::Connection;

use super::{NewProposal, Proposal, create};
use crate::core::Result;
use crate::core::register::{self, Application, RegisterFilter, Status};

/// Applications closed as not registered (slip given) that no proposal names yet,
/// oldest first: the counter's list of people to propose.
pub fn candidates(conn: &Connection) -> Result<Vec<Application>> {
    let mut out = Vec::new();
    for status in [Status::SlipSaran, Status::Selesai] {
        let filter = RegisterFilter {
            status: Some(status),
            oldest_first: true,
            ..Default::default()
        };
        out.extend(register::list(conn, &filter)?);
    }
    let mut proposed = conn.prepare(
        "SELECT 1 FROM proposal WHERE application_id = ?1
         UNION ALL SELECT 1 FROM certificate WHERE application_id = ?1 AND kind = 'surat'",
    )?;
    let mut keep = Vec::new();
    for app in out {
        if !proposed.exists([app.id])? {
            keep.push(app);
        }
    }
    keep.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    Ok(keep)
}

/// A proposal for the person of application `id` (its NIK, name, desa and KK), linked
/// to it, by `actor` at `at` ([`create`]'s rules and audit apply).
pub fn propose_application(
    conn: &Connection,
    id: i64,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Proposal> {
    let app = register::get(conn, id)?;
    let new = NewProposal {
        nik: app.nik,
        name: app.applicant_name,
        desa: app.desa,
        kk: app.kk,
        application_id: Some(id),
    };
    create(conn, new, actor, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::register::{NewApplication, PAPERS};

    #[test]
    fn a_not_registered_applicant_is_proposed_once_from_the_register() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        let now = Local::now();
        let new = NewApplication {
            applicant_name: "Joko Susilo".into(),
            nik: "3520011705859999".into(),
            purpose: "PBI JK".into(),
            desa: "Sukamaju".into(),
            papers: PAPERS.map(String::from).to_vec(),
            ..Default::default()
        };
        let waiting = register::create(&conn, &new, "petugas", now).unwrap();
        let closed = register::create(&conn, &new, "petugas", now).unwrap();
        for id in [waiting.id, closed.id] {
            register::record_check(&conn, id, false, "DTSEN", "operator", now).unwrap();
        }
        // The slip step as the letter act writes it (no PDF needed here).
        conn.execute(
            "UPDATE application SET status = 'slip_saran' WHERE id = ?1",
            [closed.id],
        )
        .unwrap();
        let list: Vec<i64> = candidates(&conn).unwrap().iter().map(|a| a.id).collect();
        assert_eq!(list, vec![closed.id], "only once the slip is given");
        let proposal = propose_application(&conn, closed.id, "operator", now).unwrap();
        assert_eq!(proposal.desa, "Sukamaju");
        assert_eq!(proposal.application_id, Some(closed.id));
        assert!(candidates(&conn).unwrap().is_empty());
        assert!(propose_application(&conn, closed.id, "operator", now).is_err());
    }
}
