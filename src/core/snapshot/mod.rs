//! DTKS/DTSEN snapshots: import from the files offices have, lookup by NIK, name search.

pub mod age;
pub mod canon;
pub mod column_fixes;
pub mod columns;
pub mod evidence;
pub mod files;
pub mod forgive;
pub mod fuzzy;
pub mod guess;
pub mod header;
pub mod import;
pub mod logged;
pub mod lookup;
pub mod names;
pub mod normalize;
pub mod parse;
pub mod person_row;
pub mod preview;
pub mod program;
pub mod reader;
pub mod reading;
pub mod reindex;
pub mod repeats;
pub mod report;
pub mod search;
pub mod sheets;
pub mod store;

use serde::{Deserialize, Serialize};

pub use forgive::Forgiven;
pub use import::{ImportOptions, ImportProgress, ImportSummary, Reject};
pub use lookup::Lookup;
pub use search::SearchHit;

/// One imported snapshot of the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    /// Row id in `snapshot.db`.
    pub id: i64,
    /// "DTKS" or "DTSEN".
    pub source: String,
    /// Period the data describes, e.g. "2025-09".
    pub period: String,
    /// Name of the imported file.
    pub file_name: String,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
    /// Persons imported.
    pub rows: i64,
    /// Rows rejected.
    pub rejected: i64,
    /// Whether lookups use this snapshot.
    pub active: bool,
    /// Whether this is the embedded demo data ("DATA CONTOH").
    pub demo: bool,
    /// Stem of its data files in `snapshots/` (see [`files`]).
    #[serde(skip)]
    pub data_file: String,
}

impl SnapshotInfo {
    /// Human label, e.g. "DTKS periode 2025-09" (with "DATA CONTOH" for the demo).
    pub fn label(&self) -> String {
        let base = format!("{} periode {}", self.source, self.period);
        if self.demo {
            format!("{base} (DATA CONTOH)")
        } else {
            base
        }
    }
}

/// A person as recorded in a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Person {
    /// 16-digit NIK.
    pub nik: String,
    /// Name as in the register.
    pub name: String,
    /// Birth date, `YYYY-MM-DD`, when known.
    pub birth_date: Option<String>,
    /// Place of birth, when the file has it.
    pub birth_place: Option<String>,
    /// "L" or "P", when known.
    pub sex: Option<String>,
    /// Family card number (No. KK).
    pub kk: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Village (desa/kelurahan).
    pub desa: Option<String>,
    /// District (kecamatan).
    pub kec: Option<String>,
    /// ID DTKS / IDARTBDT.
    pub id_dtks: Option<String>,
    /// DTSEN welfare decile 1-10.
    pub desil: Option<i64>,
}
