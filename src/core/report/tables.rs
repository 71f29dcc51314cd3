//! The report as titled tables of typed cells: the one shape every export (CSV, XLSX,
//! PDF) and the screen are drawn from, so they cannot disagree.

use chrono::NaiveDate;

use super::{Count, PeriodReport};
use crate::core::skm::ITEMS;

/// One cell: text, a whole number, a decimal, a date, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (typed by people in the case of purposes, desa and petugas).
    Text(String),
    /// A count or a number of minutes.
    Int(i64),
    /// A decimal (percent, index).
    Real(f64),
    /// A day.
    Date(NaiveDate),
    /// No value (nothing to measure).
    Empty,
}

impl Cell {
    /// The cell as plain text, numbers with Indonesian separators ("1.234", "87,5").
    pub fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => signed_thousands(*n),
            Cell::Real(x) => format!("{x:.2}").replace('.', ","),
            Cell::Date(d) => d.format("%d-%m-%Y").to_string(),
            Cell::Empty => "-".into(),
        }
    }

    /// The cell as machine-readable text (CSV): plain digits, a decimal point,
    /// `YYYY-MM-DD` dates, an empty string for no value.
    pub fn raw(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Real(x) => format!("{x:.2}"),
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// [`thousands`](crate::core::numbers::thousands) for a signed count.
fn signed_thousands(n: i64) -> String {
    let text = crate::core::numbers::thousands(n.unsigned_abs());
    if n < 0 { format!("-{text}") } else { text }
}

/// A titled table: its sheet name, column headers and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The title (also the XLSX sheet name and the CSV section): at most 31 characters.
    pub title: &'static str,
    /// Column headers.
    pub headers: [&'static str; 2],
    /// The rows, each as many cells as headers.
    pub rows: Vec<[Cell; 2]>,
}

fn int(n: i64) -> Cell {
    Cell::Int(n)
}

fn opt(n: Option<i64>) -> Cell {
    n.map_or(Cell::Empty, Cell::Int)
}

fn counted(title: &'static str, what: &'static str, counts: &[Count]) -> Table {
    Table {
        title,
        headers: [what, "Jumlah"],
        rows: counts
            .iter()
            .map(|c| [Cell::Text(c.label.clone()), int(c.count)])
            .collect(),
    }
}

/// The summary lines: the period, the totals, times, SKM and complaints.
fn summary(r: &PeriodReport) -> Table {
    let t = &r.times;
    let c = &r.complaints;
    let line = |label: &str, cell: Cell| [Cell::Text(label.into()), cell];
    Table {
        title: "Ringkasan",
        headers: ["Uraian", "Nilai"],
        rows: vec![
            line("Dari tanggal", Cell::Date(r.from)),
            line("Sampai tanggal", Cell::Date(r.to)),
            line("Permohonan diterima", int(r.applications)),
            line("Surat keterangan terbit", int(r.letters_issued)),
            line("Surat dibatalkan", int(r.letters_voided)),
            line("Cetak ulang", int(r.reprints)),
            line("Slip tidak terdaftar", int(r.slips)),
            line("Usulan DTKS baru", int(r.usulan_total())),
            line("Standar waktu", Cell::Text(t.standard.clone())),
            line("Permohonan selesai", int(t.finished)),
            line("Selesai tepat waktu", int(t.on_time)),
            line(
                "Selesai tepat waktu (%)",
                t.on_time_percent().map_or(Cell::Empty, Cell::Real),
            ),
            line("Median waktu layanan (menit kerja)", opt(t.median_minutes)),
            line("Waktu layanan terlama (menit kerja)", opt(t.worst_minutes)),
            line("Masih terbuka melewati standar", int(t.open_late)),
            line("Responden SKM", int(i64::from(r.skm.respondents))),
            line("Sampel minimum SKM", int(i64::from(r.skm.minimum_sample))),
            line(
                "Nilai IKM",
                if r.skm.respondents > 0 {
                    Cell::Real(r.skm.ikm)
                } else {
                    Cell::Empty
                },
            ),
            line(
                "Mutu pelayanan",
                r.skm
                    .grade_label
                    .map_or(Cell::Empty, |g| Cell::Text(g.into())),
            ),
            line("Pengaduan diterima", int(c.received)),
            line("Pengaduan ditanggapi", int(c.answered)),
            line(
                "Median waktu tanggapan (menit)",
                opt(c.median_response_minutes),
            ),
        ],
    }
}

/// Every table of the report, in order: Ringkasan, Hasil, Kanal, Keperluan, Desa,
/// Petugas, Per Hari, Usulan, SKM per unsur.
pub fn tables(r: &PeriodReport) -> Vec<Table> {
    vec![
        summary(r),
        counted("Hasil", "Hasil permohonan", &r.by_outcome),
        counted("Kanal", "Kanal", &r.by_channel),
        counted("Keperluan", "Keperluan", &r.by_purpose),
        counted("Desa", "Desa/Kelurahan", &r.by_desa),
        counted("Petugas", "Petugas pencatat", &r.by_petugas),
        Table {
            title: "Per Hari",
            headers: ["Tanggal", "Permohonan"],
            rows: r
                .per_day
                .iter()
                .map(|d| [Cell::Date(d.date), int(d.count)])
                .collect(),
        },
        counted("Usulan", "Tahap usulan", &r.usulan_by_stage),
        Table {
            title: "SKM per Unsur",
            headers: ["Unsur", "Nilai rata-rata (NRR)"],
            rows: ITEMS
                .iter()
                .zip(r.skm.nrr)
                .map(|(item, nrr)| {
                    let value = if r.skm.respondents > 0 {
                        Cell::Real(nrr)
                    } else {
                        Cell::Empty
                    };
                    [Cell::Text((*item).into()), value]
                })
                .collect(),
        },
    ]
}
