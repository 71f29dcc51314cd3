//! Opening the two SQLite databases with the right pragmas, and their migrations.
//!
//! `loket.db` holds the register, letters, settings and the audit log (small, precious,
//! `synchronous=FULL`); `snapshot.db` holds the imported DTKS/DTSEN snapshots (large,
//! replaceable). Keeping them apart keeps backups of the register quick.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::core::{Result, files};

const REGISTER_SCHEMA: &str = "
CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE application(
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    nik TEXT NOT NULL,
    kk TEXT,
    phone TEXT,
    purpose TEXT NOT NULL,
    desa_letter_no TEXT,
    papers TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    result_note TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE(year, seq)
);
CREATE INDEX application_status ON application(status, created_at);
CREATE INDEX application_nik ON application(nik);
CREATE TABLE application_event(
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT
);
CREATE TABLE certificate(
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('surat', 'slip')),
    year INTEGER,
    seq INTEGER,
    number TEXT UNIQUE,
    application_id INTEGER REFERENCES application(id),
    nik TEXT NOT NULL,
    name TEXT NOT NULL,
    purpose TEXT,
    snapshot_id INTEGER,
    snapshot_label TEXT,
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    verification_code TEXT,
    status TEXT NOT NULL DEFAULT 'final' CHECK (status IN ('final', 'void')),
    void_reason TEXT,
    voided_at TEXT,
    printed INTEGER NOT NULL DEFAULT 0,
    UNIQUE(year, seq)
);
CREATE INDEX certificate_nik ON certificate(nik);
CREATE TABLE archive_file(
    id INTEGER PRIMARY KEY,
    certificate_id INTEGER NOT NULL REFERENCES certificate(id),
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'scan')),
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE audit(
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
";

const SNAPSHOT_SCHEMA: &str = "
CREATE TABLE snapshot(
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    period TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 0,
    demo INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE column_mapping(
    layout TEXT PRIMARY KEY,
    mapping TEXT NOT NULL
);
";

/// Sign-off steps of a letter after printing (paraf, TTD, handover).
const REGISTER_SIGNOFF: &str = "
CREATE TABLE certificate_step(
    id INTEGER PRIMARY KEY,
    certificate_id INTEGER NOT NULL REFERENCES certificate(id),
    step TEXT NOT NULL CHECK (step IN ('paraf', 'ttd', 'diserahkan')),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    note TEXT,
    UNIQUE(certificate_id, step)
);
";

/// The full flow of the service standards: every step of an application is an event
/// with the state it left, how a result was handed over, and whether it was undone
/// later. Old state codes become their successors; a sign-off step may be undone (so
/// it is unique only among the steps still standing).
const REGISTER_FLOW: &str = "
ALTER TABLE application ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE application ADD COLUMN paper_exception TEXT NOT NULL DEFAULT '';
ALTER TABLE application ADD COLUMN desa TEXT NOT NULL DEFAULT '';
ALTER TABLE application_event ADD COLUMN kind TEXT NOT NULL DEFAULT 'langkah';
ALTER TABLE application_event ADD COLUMN from_status TEXT;
ALTER TABLE application_event ADD COLUMN via TEXT;
ALTER TABLE application_event ADD COLUMN contact TEXT;
ALTER TABLE application_event ADD COLUMN undone_by INTEGER;
UPDATE application SET status = 'diterima' WHERE status = 'menunggu';
UPDATE application SET status = 'dibatalkan' WHERE status = 'batal';
UPDATE application SET status = 'slip_saran' WHERE status = 'tidak_terdaftar'
    AND EXISTS (SELECT 1 FROM certificate c
                WHERE c.application_id = application.id AND c.kind = 'slip');
UPDATE application SET status = 'surat_dicetak' WHERE status = 'selesai';
UPDATE application_event SET status = 'diterima' WHERE status = 'menunggu';
UPDATE application_event SET status = 'dibatalkan' WHERE status = 'batal';
UPDATE application_event SET status = 'surat_dicetak' WHERE status = 'selesai';
CREATE TABLE certificate_step_flow(
    id INTEGER PRIMARY KEY,
    certificate_id INTEGER NOT NULL REFERENCES certificate(id),
    step TEXT NOT NULL CHECK (step IN ('paraf', 'ttd', 'diserahkan')),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    note TEXT,
    undone_at TEXT,
    undo_reason TEXT
);
INSERT INTO certificate_step_flow(id, certificate_id, step, at, actor, note)
    SELECT id, certificate_id, step, at, actor, note FROM certificate_step;
DROP TABLE certificate_step;
ALTER TABLE certificate_step_flow RENAME TO certificate_step;
CREATE UNIQUE INDEX certificate_step_once ON certificate_step(certificate_id, step)
    WHERE undone_at IS NULL;
UPDATE application SET status = CASE
        (SELECT s.step FROM certificate_step s JOIN certificate c ON c.id = s.certificate_id
         WHERE c.application_id = application.id AND c.status = 'final'
         ORDER BY s.id DESC LIMIT 1)
        WHEN 'paraf' THEN 'diparaf' WHEN 'ttd' THEN 'ditandatangani'
        WHEN 'diserahkan' THEN 'diserahkan' ELSE status END
    WHERE status = 'surat_dicetak';
CREATE INDEX application_event_app ON application_event(application_id, id);
";

/// Proposals (usulan) to add a person who is not registered to DTKS/DTSEN, and the
/// stages each went through. At most one open proposal per NIK, kept by the index too.
const REGISTER_PROPOSALS: &str = "
CREATE TABLE proposal(
    id INTEGER PRIMARY KEY,
    nik TEXT NOT NULL,
    name TEXT NOT NULL,
    desa TEXT NOT NULL DEFAULT '',
    kk TEXT NOT NULL DEFAULT '',
    application_id INTEGER NULL REFERENCES application(id),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('usulan', 'koordinasi', 'assessment',
        'input_siks_ng', 'pemadanan_dukcapil', 'finalisasi', 'tidak_layak')),
    outcome TEXT CHECK (outcome IN ('layak', 'tidak_layak'))
);
CREATE INDEX proposal_nik ON proposal(nik);
CREATE INDEX proposal_stage ON proposal(stage, desa);
CREATE UNIQUE INDEX proposal_one_open ON proposal(nik)
    WHERE stage NOT IN ('finalisasi', 'tidak_layak');
CREATE TABLE proposal_event(
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposal(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    stage TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposal_event_proposal ON proposal_event(proposal_id);
";

/// Copies of papers that arrive online (KTP, KK, cover letter), kept under
/// `lampiran/YYYY/MM/` in the data dir with their hash.
const REGISTER_ATTACHMENTS: &str = "
CREATE TABLE application_file(
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application(id),
    kind TEXT NOT NULL CHECK (kind IN ('KTP', 'KK', 'Pengantar', 'Lainnya')),
    file_name TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE INDEX application_file_app ON application_file(application_id, id);
";

/// The satisfaction survey (SKM, PermenPANRB 14/2017) and the complaints and guest/
/// suggestion book. A survey response is anonymous: nine answers 1-4 and an optional
/// suggestion, linked to an application only when the citizen filled it at handover.
const REGISTER_SKM_COMPLAINTS: &str = "
CREATE TABLE skm_response(
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    answers TEXT NOT NULL CHECK (length(answers) = 9 AND answers NOT GLOB '*[^1-4]*'),
    suggestion TEXT NOT NULL DEFAULT '',
    application_id INTEGER NULL REFERENCES application(id)
);
CREATE INDEX skm_response_at ON skm_response(at);
CREATE TABLE complaint(
    id INTEGER PRIMARY KEY,
    received_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pengaduan', 'saran', 'tamu')),
    name TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    application_id INTEGER NULL REFERENCES application(id),
    status TEXT NOT NULL CHECK (status IN ('baru', 'ditindaklanjuti', 'selesai')),
    follow_up TEXT NOT NULL DEFAULT '',
    responded_at TEXT
);
CREATE INDEX complaint_received ON complaint(received_at);
";

/// The date of the desa's cover letter beside its number (ISO date, or empty).
const REGISTER_DESA_LETTER_DATE: &str = "
ALTER TABLE application ADD COLUMN desa_letter_date TEXT NOT NULL DEFAULT '';
";

/// Tamper-evident records: each audit entry names how its hash was made (`sha256` for
/// entries kept before, `hmac` keyed with the office key after), and each archived file
/// gets a keyed seal over its letter, path and SHA-256 (`NULL` until sealed).
const REGISTER_KEYED_RECORDS: &str = "
ALTER TABLE audit ADD COLUMN scheme TEXT NOT NULL DEFAULT 'sha256';
ALTER TABLE archive_file ADD COLUMN mac TEXT;
";

/// Named users of the counter PC ([`crate::core::users`]): roles as a comma list, the PIN
/// only as an argon2id PHC string, and the wrong-PIN count and lock-out.
const REGISTER_USERS: &str = "
CREATE TABLE app_user(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    nip TEXT NOT NULL DEFAULT '',
    roles TEXT NOT NULL,
    pin_hash TEXT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
";

fn register_migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(REGISTER_SCHEMA),
        M::up(REGISTER_SIGNOFF),
        M::up(REGISTER_FLOW),
        M::up(REGISTER_PROPOSALS),
        M::up(REGISTER_ATTACHMENTS),
        M::up(REGISTER_SKM_COMPLAINTS),
        M::up(REGISTER_DESA_LETTER_DATE),
        M::up(REGISTER_KEYED_RECORDS),
        M::up(REGISTER_USERS),
    ])
}

/// Each snapshot's persons and name index live in their own files (`snapshots/<stem>.db`);
/// the catalogue records the stem. Snapshots stored before this have none and must be
/// imported again.
const SNAPSHOT_DATA_FILES: &str = "
ALTER TABLE snapshot ADD COLUMN data_file TEXT NOT NULL DEFAULT '';
UPDATE snapshot SET active = 0;
";

fn snapshot_migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(SNAPSHOT_SCHEMA), M::up(SNAPSHOT_DATA_FILES)])
}

fn open_with(path: &Path, synchronous: &str, migrations: &Migrations<'_>) -> Result<Connection> {
    if let Some(parent) = path.parent() {
        files::create_private_dir(parent)?;
    }
    let mut conn = Connection::open(path)?;
    make_private(path)?;
    conn.busy_timeout(Duration::from_secs(30))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", synchronous)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrations.to_latest(&mut conn)?;
    make_private(path)?;
    Ok(conn)
}

/// Makes a database and its `-wal`/`-shm` companions owner-only (the register holds
/// NIKs and names; files made before this version may still be world-readable).
fn make_private(path: &Path) -> Result<()> {
    let name = path.as_os_str().to_string_lossy();
    for companion in ["", "-wal", "-shm", "-journal"] {
        files::make_private(Path::new(&format!("{name}{companion}")))?;
    }
    Ok(())
}

/// Opens (creating and migrating) the register database `loket.db`.
pub fn open_register(path: &Path) -> Result<Connection> {
    open_with(path, "FULL", &register_migrations())
}

/// Opens (creating and migrating) the snapshot database `snapshot.db`.
pub fn open_snapshots(path: &Path) -> Result<Connection> {
    open_with(path, "NORMAL", &snapshot_migrations())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        register_migrations().validate().unwrap();
        snapshot_migrations().validate().unwrap();
    }

    #[test]
    fn opening_twice_keeps_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loket.db");
        let conn = open_register(&path).unwrap();
        conn.execute("INSERT INTO setting VALUES ('x', 'y')", [])
            .unwrap();
        drop(conn);
        let conn = open_register(&path).unwrap();
        let v: String = conn
            .query_row("SELECT value FROM setting WHERE key='x'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, "y");
    }
}
