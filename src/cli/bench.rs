//! `bench`: generates synthetic snapshots (names as varied as a district's, see
//! [`bench_names`](super::bench_names)) and prints import time, peak memory, NIK lookup
//! and name search latencies (exact, and as applicants say names: typos, old spelling,
//! titles, with and without the birth date), bulk checks of 10,000 and 100,000 NIKs (see
//! [`bench_bulk`](super::bench_bulk)), the index size, and the sqlite3 shell's `.import`
//! time for comparison.
//! Figures are printed, never asserted (DESIGN.md §6 has the targets).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::bench_names::{Rng, applicant_query, snapshot_name};
use crate::core::letter::{CertificateContent, render_certificate};
use crate::core::nik::Nik;
use crate::core::settings::Settings;
use crate::core::snapshot::files::{self, DataFiles};
use crate::core::snapshot::search::{SearchQuery, search};
use crate::core::snapshot::store;
use crate::core::snapshot::{ImportOptions, import, lookup};
use crate::core::snapshot::{Person, SnapshotInfo};
use crate::core::{Error, Result, Store};

/// The NIK of synthetic row `i` (unique for i < 10^8).
pub(super) fn synthetic_nik(i: u64) -> String {
    let day = 1 + (i % 28);
    let month = 1 + (i / 28) % 12;
    let year = 40 + (i / 336) % 60;
    let serial = i / 20_160;
    format!(
        "35{:02}01{day:02}{month:02}{year:02}{serial:04}",
        10 + serial / 10_000 % 80
    )
}

/// Writes a DTSEN-like CSV of `rows` persons.
fn generate(path: &Path, rows: u64) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let io = |e| Error::io(path, e);
    writeln!(
        out,
        "NIK,NO_KK,NAMA,TGL_LAHIR,JNS_KEL,ALAMAT,DESA,KECAMATAN,IDARTBDT,DESIL,PKH,BPNT,PBI_JK"
    )
    .map_err(io)?;
    for i in 0..rows {
        let nik = synthetic_nik(i);
        writeln!(
            out,
            "{nik},{}{:06},\"{}\",19{}-{}-{},{},\"Dusun Krajan RT {:03}/RW {:03}\",Desa {},Kecamatan {},ART{i},{},{},{},{}",
            &nik[..6],
            i % 1_000_000,
            snapshot_name(i).replace('"', ""),
            &nik[10..12],
            &nik[8..10],
            &nik[6..8],
            if i % 2 == 0 { "L" } else { "P" },
            i % 20,
            i % 9,
            i % 300,
            i % 25,
            1 + i % 10,
            if i % 3 == 0 { "YA" } else { "TIDAK" },
            if i % 4 == 0 { "YA" } else { "TIDAK" },
            if i % 2 == 0 { "YA" } else { "TIDAK" },
        )
        .map_err(io)?;
    }
    out.flush().map_err(io)
}

fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q) as usize];
    (at(0.5), at(0.99))
}

fn sqlite3_import_seconds(csv: &Path, work: &Path) -> Option<f64> {
    let db = work.join("sqlite3-shell.db");
    let _ = std::fs::remove_file(&db);
    let started = Instant::now();
    let status = Command::new("sqlite3")
        .arg(&db)
        .arg(".mode csv")
        .arg(format!(".import {} person", csv.display()))
        .status()
        .ok()?;
    status.success().then(|| started.elapsed().as_secs_f64())
}

/// Times what the operator waits for after "Cetak": rendering the letter, saving the
/// archive copy and handing it to the print spooler (`lp` returns once it is queued).
fn spool(letter: &(Settings, CertificateContent), work: &Path, printer: &str) -> Result<()> {
    let file = work.join("surat-bench.pdf");
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let pdf = render_certificate(&letter.0, &letter.1)?;
        std::fs::write(&file, pdf).map_err(|e| Error::io(&file, e))?;
        crate::core::print::print_pdf(&file, Some(printer), 1)?;
        times.push(t.elapsed());
    }
    let (p50, p99) = percentiles(times);
    println!(
        "== klik sampai antre di {printer}: p50 {:.0} ms, maks {:.0} ms",
        ms(p50),
        ms(p99)
    );
    Ok(())
}

/// Renders a final letter (number and QR) repeatedly and prints time and size; returns
/// the letter for further timing.
fn letters() -> Result<(Settings, CertificateContent)> {
    let settings = Settings::default();
    let content = CertificateContent {
        number: Some("400.9/123/Dinsos/XI/2026".into()),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
        person: Person {
            nik: "3520011705850001".into(),
            name: "Budi Santoso".into(),
            birth_date: Some("1985-05-17".into()),
            birth_place: Some("Magetan".into()),
            sex: Some("L".into()),
            kk: Some("3520010101010001".into()),
            address: Some("Dusun Krajan RT 001/RW 002".into()),
            desa: Some("Sukamaju".into()),
            kec: Some("Kota".into()),
            id_dtks: Some("ART100000".into()),
            desil: Some(3),
        },
        programs: vec!["PKH".into(), "BPNT".into(), "PBI JK".into()],
        snapshot: SnapshotInfo {
            id: 1,
            source: "DTSEN".into(),
            period: "2025-09".into(),
            file_name: "dtsen.xlsx".into(),
            imported_at: String::new(),
            rows: 1,
            rejected: 0,
            active: true,
            demo: false,
            data_file: String::new(),
        },
        purpose: "keringanan biaya sekolah".into(),
        verification: Some(format!(
            "{}2026-0123-ABCDEFGHIJKLMNOPQ",
            settings.verify_url
        )),
    };
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..30 {
        let t = Instant::now();
        size = render_certificate(&settings, &content)?.len();
        times.push(t.elapsed());
    }
    let (p50, p99) = percentiles(times);
    println!(
        "== surat: render p50 {:.0} ms, p99 {:.0} ms, ukuran {:.0} KB",
        ms(p50),
        ms(p99),
        size as f64 / 1024.0
    );
    Ok((settings, content))
}

/// Runs the benchmark for each size in `sizes` inside `work` (a scratch directory); with
/// `printer`, also times render, save and spool of a letter on that printer.
pub fn run(sizes: &[u64], work: &Path, printer: Option<&str>) -> Result<()> {
    std::fs::create_dir_all(work).map_err(|e| Error::io(work, e))?;
    let letter = letters()?;
    if let Some(printer) = printer {
        spool(&letter, work, printer)?;
    }
    for &rows in sizes {
        let csv: PathBuf = work.join(format!("sintetis-{rows}.csv"));
        let data = work.join(format!("data-{rows}"));
        let _ = std::fs::remove_dir_all(&data);
        let t = Instant::now();
        generate(&csv, rows)?;
        println!(
            "== {rows} baris (berkas dibuat dalam {:.1} s)",
            t.elapsed().as_secs_f64()
        );
        reset_peak_rss();
        let t = Instant::now();
        let options = ImportOptions {
            period: Some("2025-09".into()),
            ..Default::default()
        };
        let summary = import::import_snapshot(&data, &csv, &options, &mut |_| true)?;
        let import_s = t.elapsed().as_secs_f64();
        println!(
            "impor           : {import_s:.2} s ({:.0} baris/s), {} diimpor, puncak RSS {:.0} MB",
            rows as f64 / import_s,
            summary.imported,
            peak_rss_mb().unwrap_or(f64::NAN)
        );
        let store = Store::open(&data)?;
        let mut rng = Rng(42);
        let mut times = Vec::new();
        for _ in 0..10_000 {
            let nik = Nik::parse(&synthetic_nik(rng.below(rows * 2))).ok();
            let Some(nik) = nik else { continue };
            let t = Instant::now();
            lookup::lookup(&store.snapshots, &nik)?;
            times.push(t.elapsed());
        }
        let (p50, p99) = percentiles(times);
        println!(
            "cek NIK         : p50 {:.3} ms, p99 {:.3} ms",
            ms(p50),
            ms(p99)
        );
        let mut times = Vec::new();
        for i in 0..200 {
            let name = snapshot_name(rng.below(rows));
            let words: Vec<&str> = name.split(' ').collect();
            let text = if i % 2 == 0 {
                name.clone()
            } else {
                words[words.len() - 2..].join(" ")
            };
            let query = SearchQuery {
                text,
                limit: 20,
                ..Default::default()
            };
            let t = Instant::now();
            search(&store.snapshots, &query)?;
            times.push(t.elapsed());
        }
        let (p50, p99) = percentiles(times);
        println!(
            "cari nama       : p50 {:.1} ms, p99 {:.1} ms",
            ms(p50),
            ms(p99)
        );
        forgiving_search(&store, rows, &mut rng)?;
        super::bench_bulk::run(&store, rows, work)?;
        if let Some(snapshot) = store::active(&store.snapshots)? {
            let files = DataFiles::of(&data, &snapshot.data_file);
            let size = |p: &Path| {
                std::fs::metadata(p)
                    .map(|m| m.len() as f64 / 1e6)
                    .unwrap_or(f64::NAN)
            };
            let tables = files::attach(&store.snapshots, &snapshot)?;
            let words: i64 = store.snapshots.query_row(
                &format!("SELECT COUNT(*) FROM {}", tables.vocab),
                [],
                |r| r.get(0),
            )?;
            println!(
                "berkas          : indeks nama {:.0} MB ({words} kata baku berbeda), data \
                 orang {:.0} MB",
                size(&files.names),
                size(&files.persons)
            );
        }
        match sqlite3_import_seconds(&csv, work) {
            Some(s) => println!("sqlite3 .import : {s:.2} s (pembanding)"),
            None => println!("sqlite3 .import : program sqlite3 tidak tersedia"),
        }
    }
    Ok(())
}

/// Times name searches as applicants say the names (typos, current or old spelling,
/// titles, Muhammad written another way), without and with the birth date, and counts how
/// often the person sought is among the results.
fn forgiving_search(store: &Store, rows: u64, rng: &mut Rng) -> Result<()> {
    for dated in [false, true] {
        let (mut times, mut found) = (Vec::new(), 0);
        let queries = 500;
        for kind in 0..queries {
            let i = rng.below(rows);
            let nik = synthetic_nik(i);
            let birth_date = chrono::NaiveDate::parse_from_str(
                &format!("19{}-{}-{}", &nik[10..12], &nik[8..10], &nik[6..8]),
                "%Y-%m-%d",
            )
            .ok();
            let query = SearchQuery {
                text: applicant_query(i, kind, rng),
                birth_date: birth_date.filter(|_| dated),
                limit: 20,
                ..Default::default()
            };
            let t = Instant::now();
            let hits = search(&store.snapshots, &query)?;
            times.push(t.elapsed());
            found += usize::from(hits.iter().any(|h| h.nik == nik));
        }
        let (p50, p99) = percentiles(times);
        println!(
            "cari ejaan bebas: p50 {:.1} ms, p99 {:.1} ms, {} tanggal lahir; orang yang dicari \
             ada di 20 teratas: {:.1}%",
            ms(p50),
            ms(p99),
            if dated { "dengan" } else { "tanpa" },
            found as f64 * 100.0 / queries as f64
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_niks_are_valid_and_distinct() {
        let niks: std::collections::HashSet<String> = (0..50_000).map(synthetic_nik).collect();
        assert_eq!(niks.len(), 50_000);
        for nik in niks.iter().take(500) {
            Nik::parse(nik).unwrap();
        }
    }
}
