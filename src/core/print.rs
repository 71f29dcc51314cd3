//! Printing through CUPS with the standard `lp` and `lpstat` commands (no libcups needed).

use std::path::Path;
use std::process::{Command, Output};

use crate::core::{Error, Result};

/// Runs a CUPS command in the C locale so its output can be parsed.
fn run(program: &str, args: &[&str]) -> Result<Output> {
    Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Print(format!(
                    "perintah `{program}` tidak ditemukan; layanan cetak CUPS belum terpasang \
                     (paket cups-client). Tidak ada printer yang terpasang"
                ))
            } else {
                Error::Print(format!("perintah `{program}` tidak dapat dijalankan ({e})"))
            }
        })
}

fn stderr_text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

/// Translates the usual CUPS complaints into advice a clerk can act on.
fn explain(stderr: &str) -> String {
    let lower = stderr.to_lowercase();
    if lower.contains("scheduler is not running") || lower.contains("connection refused") {
        format!(
            "layanan cetak CUPS tidak berjalan; nyalakan ulang komputer atau layanan CUPS ({stderr})"
        )
    } else if lower.contains("no default destination") {
        "belum ada printer bawaan; pilih printer di Pengaturan".to_string()
    } else if lower.contains("does not exist") || lower.contains("unknown destination") {
        format!("printer tidak dikenal; periksa nama printer di Pengaturan ({stderr})")
    } else if stderr.is_empty() {
        "perintah cetak gagal tanpa keterangan".to_string()
    } else {
        stderr.to_string()
    }
}

/// Names of the printers CUPS knows (`lpstat -e`); empty when none is installed.
pub fn list_printers() -> Result<Vec<String>> {
    let out = run("lpstat", &["-e"])?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let names: Vec<String> = stdout
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let stderr = stderr_text(&out);
    // lpstat exits 0 even when the scheduler is down; it only complains on stderr.
    if names.is_empty() && (!out.status.success() || stderr.contains("not running")) {
        return Err(Error::Print(explain(&stderr)));
    }
    Ok(names)
}

/// The system default printer (`lpstat -d`), if one is set.
pub fn default_printer() -> Option<String> {
    let out = run("lpstat", &["-d"]).ok()?;
    parse_default(&String::from_utf8_lossy(&out.stdout))
}

fn parse_default(stdout: &str) -> Option<String> {
    stdout.lines().find_map(|line| {
        let (head, name) = line.split_once(':')?;
        let name = name.trim();
        (head.contains("default destination") && !name.is_empty()).then(|| name.to_string())
    })
}

/// Extracts `PDF-12` from `request id is PDF-12 (1 file(s))`.
fn parse_job_id(stdout: &str) -> Option<String> {
    let rest = stdout.split("request id is").nth(1)?;
    rest.split_whitespace().next().map(String::from)
}

/// Sends a PDF to a printer (`lp [-d NAME] -n COPIES FILE`) and returns the CUPS job id.
///
/// Without `printer` the system default is used. Fails with [`Error::Print`] and an
/// Indonesian reason when CUPS or the printer is missing or the job is refused.
pub fn print_pdf(file: &Path, printer: Option<&str>, copies: u32) -> Result<String> {
    if !file.is_file() {
        return Err(Error::Print(format!(
            "berkas {} tidak ditemukan",
            file.display()
        )));
    }
    let printer = printer.map(str::trim).filter(|p| !p.is_empty());
    if printer.is_none() && default_printer().is_none() {
        let installed = list_printers()?;
        return Err(Error::Print(if installed.is_empty() {
            "Tidak ada printer yang terpasang; pasang printer di komputer ini lalu coba lagi"
                .to_string()
        } else {
            format!(
                "belum ada printer bawaan; pilih salah satu di Pengaturan ({})",
                installed.join(", ")
            )
        }));
    }
    let copies = copies.max(1).to_string();
    let file_arg = file.to_string_lossy();
    let mut args: Vec<&str> = Vec::new();
    if let Some(name) = printer {
        args.extend(["-d", name]);
    }
    args.extend(["-n", &copies, "--", &file_arg]);
    let out = run("lp", &args)?;
    if !out.status.success() {
        return Err(Error::Print(explain(&stderr_text(&out))));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    Ok(parse_job_id(&stdout).unwrap_or_else(|| stdout.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::time::{Duration, Instant, SystemTime};

    #[test]
    fn parses_lp_and_lpstat_output() {
        assert_eq!(
            parse_job_id("request id is PDF-12 (1 file(s))\n").as_deref(),
            Some("PDF-12")
        );
        assert_eq!(parse_job_id("apa saja"), None);
        assert_eq!(
            parse_default("system default destination: PDF\n").as_deref(),
            Some("PDF")
        );
        assert_eq!(parse_default("no system default destination\n"), None);
    }

    #[test]
    fn refuses_a_missing_file() {
        let err = print_pdf(Path::new("/tidak/ada.pdf"), Some("PDF"), 1).unwrap_err();
        assert!(matches!(err, Error::Print(_)));
    }

    /// Folders where cups-pdf may put its output, from its config and the usual defaults.
    fn cups_pdf_dirs() -> Vec<PathBuf> {
        let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
        let mut dirs = Vec::new();
        if let Ok(conf) = std::fs::read_to_string("/etc/cups/cups-pdf.conf") {
            for line in conf.lines() {
                let line = line.trim();
                if let Some(out) = line
                    .strip_prefix("Out ")
                    .or_else(|| line.strip_prefix("AnonDirName "))
                {
                    dirs.push(PathBuf::from(out.trim().replace("${HOME}", &home)));
                }
            }
        }
        dirs.push(PathBuf::from(&home).join("PDF"));
        dirs.push(PathBuf::from("/root/PDF"));
        dirs.push(PathBuf::from("/var/spool/cups-pdf/ANONYMOUS"));
        dirs
    }

    /// Queues whose device is cups-pdf (`lpstat -v`: "device for PDF: cups-pdf:/").
    fn cups_pdf_queues() -> Vec<String> {
        let Ok(out) = run("lpstat", &["-v"]) else {
            return Vec::new();
        };
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.strip_prefix("device for "))
            .filter_map(|l| l.split_once(": "))
            .filter(|(_, uri)| uri.starts_with("cups-pdf:"))
            .map(|(name, _)| name.to_string())
            .collect()
    }

    fn newest_pdf_since(dirs: &[PathBuf], since: SystemTime) -> Option<PathBuf> {
        dirs.iter()
            .filter_map(|d| std::fs::read_dir(d).ok())
            .flat_map(|entries| entries.flatten())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
            .find(|p| {
                std::fs::metadata(p)
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t >= since)
            })
    }

    /// Word boxes (xMin, yMin, xMax, yMax in points) as `pdftotext -bbox` sees them.
    fn word_boxes(pdf: &Path) -> Option<Vec<[f64; 4]>> {
        let out = Command::new("pdftotext")
            .arg("-bbox")
            .arg(pdf)
            .arg("-")
            .output()
            .ok()?;
        let html = String::from_utf8_lossy(&out.stdout);
        let attr = |tag: &str, name: &str| -> Option<f64> {
            let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
            tag[start..].split('"').next()?.parse().ok()
        };
        Some(
            html.split("<word ")
                .skip(1)
                .filter_map(|tag| {
                    Some([
                        attr(tag, "xMin")?,
                        attr(tag, "yMin")?,
                        attr(tag, "xMax")?,
                        attr(tag, "yMax")?,
                    ])
                })
                .collect(),
        )
    }

    /// The PDF that came out of Ghostscript/CUPS has the words where the letter has them.
    /// cups-pdf turns the fonts into Type 3 glyphs (no text to compare), but broken letter
    /// spacing, as with genpdf's built-in fonts, moves every word's right edge; so each
    /// word of the letter must have a printed word with the same left and right edges.
    fn assert_words_keep_their_places(letter: &Path, printed: &Path) {
        let Some(expected) = word_boxes(letter).filter(|w| !w.is_empty()) else {
            eprintln!("LEWATI: pdftotext tidak ada; tata letak hasil cetak tidak diperiksa.");
            return;
        };
        let start = Instant::now();
        loop {
            let got = word_boxes(printed).unwrap_or_default();
            let placed = expected
                .iter()
                .filter(|e| {
                    got.iter().any(|g| {
                        (g[0] - e[0]).abs() < 1.5
                            && (g[2] - e[2]).abs() < 1.5
                            && (g[3] - e[3]).abs() < 4.0
                    })
                })
                .count();
            if placed * 10 >= expected.len() * 9 {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "only {placed} of {} words keep their place in the printed PDF",
                expected.len()
            );
            std::thread::sleep(Duration::from_millis(300));
        }
    }

    #[test]
    fn prints_to_cups_pdf_printer() {
        let printers = match list_printers() {
            Ok(p) if !p.is_empty() => p,
            Ok(_) => {
                eprintln!("LEWATI: tidak ada printer CUPS (lpstat -e kosong); uji cetak dilewati.");
                return;
            }
            Err(e) => {
                eprintln!("LEWATI: CUPS tidak tersedia ({e}); uji cetak dilewati.");
                return;
            }
        };
        // Only ever print to a cups-pdf queue: never waste paper on a real printer.
        let pdf_queues = cups_pdf_queues();
        let default = default_printer().filter(|d| pdf_queues.contains(d));
        let Some(printer) = default.or_else(|| pdf_queues.first().cloned()) else {
            eprintln!(
                "LEWATI: tidak ada antrean cups-pdf di antara {printers:?}; uji cetak dilewati."
            );
            return;
        };
        let pdf = crate::core::letter::render_certificate(
            &crate::core::settings::Settings::default(),
            &crate::core::letter::render::tests::sample_content(),
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("surat-uji.pdf");
        std::fs::write(&file, pdf).unwrap();
        // File times may be coarser than the clock; allow a second of slack.
        let since = SystemTime::now() - Duration::from_secs(1);
        let job = print_pdf(&file, Some(&printer), 1).unwrap();
        assert!(!job.is_empty());
        let dirs = cups_pdf_dirs();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if let Some(out) = newest_pdf_since(&dirs, since) {
                eprintln!("dicetak sebagai {job} ke {}", out.display());
                assert_words_keep_their_places(&file, &out);
                return;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        panic!("job {job} on {printer}: no new PDF within 30 s in {dirs:?}");
    }
}
