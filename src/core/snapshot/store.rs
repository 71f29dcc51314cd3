//! The snapshot catalogue: which snapshots exist, which one is active, their tables.

use rusqlite::{Connection, OptionalExtension, Row, params};

use chrono::{DateTime, Local};

use crate::core::audit::{self, AuditAction};
use crate::core::snapshot::{SnapshotInfo, files};
use crate::core::users::{self, Permission};
use crate::core::{Error, Result, Store};

/// Table holding imported program recipient lists for snapshot `id`.
pub fn program_table(id: i64) -> String {
    format!("program_{id}")
}

const COLUMNS: &str =
    "id, source, period, file_name, imported_at, rows, rejected, active, demo, data_file";

fn from_row(row: &Row<'_>) -> rusqlite::Result<SnapshotInfo> {
    Ok(SnapshotInfo {
        id: row.get(0)?,
        source: row.get(1)?,
        period: row.get(2)?,
        file_name: row.get(3)?,
        imported_at: row.get(4)?,
        rows: row.get(5)?,
        rejected: row.get(6)?,
        active: row.get(7)?,
        demo: row.get(8)?,
        data_file: row.get(9)?,
    })
}

/// Every snapshot, newest first.
pub fn list(conn: &Connection) -> Result<Vec<SnapshotInfo>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM snapshot ORDER BY id DESC"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The active snapshot, if any was imported.
pub fn active(conn: &Connection) -> Result<Option<SnapshotInfo>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM snapshot WHERE active = 1"),
            [],
            from_row,
        )
        .optional()?)
}

/// One snapshot by id.
pub fn get(conn: &Connection, id: i64) -> Result<SnapshotInfo> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM snapshot WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Snapshot #{id}")))
}

/// Makes snapshot `id` the one lookups use.
pub fn set_active(conn: &Connection, id: i64) -> Result<()> {
    get(conn, id)?;
    conn.execute("UPDATE snapshot SET active = (id = ?1)", params![id])?;
    Ok(())
}

/// Deletes snapshot `id` (not the active one): its catalogue entry, its program lists and
/// its data files. Letters issued from it keep their own copy of what they state.
pub fn delete(conn: &Connection, id: i64) -> Result<SnapshotInfo> {
    let snapshot = get(conn, id)?;
    if snapshot.active {
        return Err(Error::Invalid(format!(
            "Snapshot #{id} sedang aktif dan tidak dapat dihapus; aktifkan snapshot lain dulu."
        )));
    }
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM snapshot WHERE id = ?1", [id])?;
    tx.execute_batch(&format!("DROP TABLE IF EXISTS {};", program_table(id)))?;
    tx.commit()?;
    // After the commit: if removing the files fails or is cut short, they are orphans
    // that the next import clears.
    files::remove_data(conn, &snapshot)?;
    Ok(snapshot)
}

/// "Jadikan Aktif" (or `snapshots --activate`): makes snapshot `id` the active one and
/// logs it by `actor` ([`AuditAction::AktifkanSnapshot`]).
pub fn activate(store: &Store, id: i64, actor: &str) -> Result<()> {
    set_active(&store.snapshots, id)?;
    audit::record(
        &store.register,
        actor,
        AuditAction::AktifkanSnapshot,
        &id.to_string(),
        "",
        chrono::Local::now(),
    )
}

/// "Hapus" (or `snapshots --delete`): deletes old snapshot `id` as [`delete`] does and
/// logs it by `actor` ([`AuditAction::HapusSnapshot`], with the snapshot's label).
pub fn remove(store: &Store, id: i64, actor: &str) -> Result<SnapshotInfo> {
    let deleted = delete(&store.snapshots, id)?;
    audit::record(
        &store.register,
        actor,
        AuditAction::HapusSnapshot,
        &id.to_string(),
        &deleted.label(),
        chrono::Local::now(),
    )?;
    Ok(deleted)
}

/// "Simpan N terbaru" (or `snapshots --keep N`): deletes every snapshot but the `keep`
/// newest, each with its data files as [`remove`] does, as `actor` (an Admin) at `at`.
/// The active snapshot is never deleted, even when older. Returns the deleted ones.
pub fn purge_old(
    store: &Store,
    keep: usize,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Vec<SnapshotInfo>> {
    users::require(&store.register, actor, Permission::Impor)?;
    if keep == 0 {
        return Err(Error::Invalid(
            "Simpan paling sedikit 1 snapshot (--keep 1 atau lebih).".into(),
        ));
    }
    let old: Vec<SnapshotInfo> = list(&store.snapshots)?
        .into_iter()
        .skip(keep)
        .filter(|s| !s.active)
        .collect();
    let mut deleted = Vec::with_capacity(old.len());
    for snapshot in old {
        let gone = delete(&store.snapshots, snapshot.id)?;
        audit::record(
            &store.register,
            actor,
            AuditAction::HapusSnapshot,
            &gone.id.to_string(),
            &gone.label(),
            at,
        )?;
        deleted.push(gone);
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_snapshot_is_active() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_snapshots(&dir.path().join("s.db")).unwrap();
        for period in ["2025-06", "2025-09"] {
            conn.execute(
                "INSERT INTO snapshot(source, period, file_name, sha256, imported_at, rows, rejected)
                 VALUES ('DTKS', ?1, 'f.csv', '', '2025', 1, 0)",
                [period],
            )
            .unwrap();
        }
        assert!(active(&conn).unwrap().is_none());
        set_active(&conn, 1).unwrap();
        set_active(&conn, 2).unwrap();
        let a = active(&conn).unwrap().unwrap();
        assert_eq!((a.id, a.period.as_str()), (2, "2025-09"));
        assert_eq!(list(&conn).unwrap().iter().filter(|s| s.active).count(), 1);
        assert!(set_active(&conn, 9).is_err());
    }

    #[test]
    fn purging_keeps_the_newest_and_the_active_and_deletes_the_files_of_the_rest() {
        use crate::core::snapshot::{ImportOptions, import};
        let data = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let file = outside.path().join("dtks.csv");
        std::fs::write(&file, "NIK,NAMA\n3520011705850001,BUDI SANTOSO\n").unwrap();
        for period in ["2025-03", "2025-06", "2025-09", "2025-12"] {
            let options = ImportOptions {
                period: Some(period.into()),
                ..ImportOptions::default()
            };
            import::import_snapshot(data.path(), &file, &options, &mut |_| true).unwrap();
        }
        let store = Store::open(data.path()).unwrap();
        set_active(&store.snapshots, 1).unwrap();
        let files_of = |s: &SnapshotInfo| files::data_files(&store.snapshots, s).unwrap();
        let before = list(&store.snapshots).unwrap();
        let paths: Vec<_> = before.iter().map(|s| (s.id, files_of(s))).collect();
        assert!(
            paths
                .iter()
                .all(|(_, f)| f.persons.exists() && f.names.exists())
        );

        assert!(purge_old(&store, 0, "admin", chrono::Local::now()).is_err());
        let gone = purge_old(&store, 2, "admin", chrono::Local::now()).unwrap();
        assert_eq!(gone.iter().map(|s| s.id).collect::<Vec<_>>(), [2]);
        let left: Vec<i64> = list(&store.snapshots)
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(left, [4, 3, 1], "the two newest and the active one");
        for (id, f) in &paths {
            let kept = *id != 2;
            assert_eq!(f.persons.exists(), kept, "persons file of #{id}");
            assert_eq!(f.names.exists(), kept, "names file of #{id}");
        }
        let logged: i64 = store
            .register
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'hapus_snapshot' AND subject = '2'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(logged, 1);
        assert!(
            purge_old(&store, 2, "admin", chrono::Local::now())
                .unwrap()
                .is_empty()
        );
    }
}
