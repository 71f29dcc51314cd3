//! The bulk-check row of `bench`: lists of 10,000 and 100,000 NIKs (half of them in the
//! snapshot) checked against the generated snapshot, timed from file to written XLSX.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use super::bench::synthetic_nik;
use super::bench_names::Rng;
use crate::core::bulk;
use crate::core::{Error, Result, Store};

/// List sizes timed.
const SIZES: [u64; 2] = [10_000, 100_000];

/// Times a bulk check of each list size against `store` (a snapshot of `rows` synthetic
/// persons); the lists and results are written in `work` and removed afterwards.
pub fn run(store: &Store, rows: u64, work: &Path) -> Result<()> {
    let mut rng = Rng(7);
    for size in SIZES {
        let list = work.join(format!("cek-massal-{size}.csv"));
        let out = work.join(format!("cek-massal-{size}.xlsx"));
        let _ = std::fs::remove_file(&out);
        write_list(&list, size, rows, &mut rng)?;
        let t = Instant::now();
        let summary = bulk::check_file(
            store,
            &list,
            &out,
            &mut |_| true,
            "bench",
            chrono::Local::now(),
        )?;
        let seconds = t.elapsed().as_secs_f64();
        println!(
            "cek massal {size:>6}: {seconds:.2} s ({:.0} NIK/s), {} terdaftar, berkas hasil \
             {:.1} MB",
            size as f64 / seconds,
            summary.registered,
            std::fs::metadata(&out)
                .map(|m| m.len() as f64 / 1e6)
                .unwrap_or(f64::NAN)
        );
        let _ = std::fs::remove_file(&list);
        let _ = std::fs::remove_file(&out);
    }
    Ok(())
}

/// A school-style list of `size` NIKs with names, half of them among the snapshot's
/// `rows` persons.
fn write_list(path: &Path, size: u64, rows: u64, rng: &mut Rng) -> Result<()> {
    let io = |e| Error::io(path, e);
    let file = std::fs::File::create(path).map_err(io)?;
    let mut out = BufWriter::new(file);
    writeln!(out, "NO;NIK;NAMA SISWA").map_err(io)?;
    for i in 0..size {
        let person = rng.below(rows * 2);
        writeln!(out, "{};{};Siswa {i}", i + 1, synthetic_nik(person)).map_err(io)?;
    }
    out.flush().map_err(io)
}
