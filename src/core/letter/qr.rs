//! The verification QR code printed on letters.

use image::{Rgb, RgbImage};
use qrcode::{Color, EcLevel, QrCode};

use crate::core::{Error, Result};

/// Pixels per QR module in the rendered bitmap.
pub const MODULE_PX: u32 = 4;

/// Quiet zone around the code, in modules (the QR standard asks for 4).
pub const QUIET_ZONE: u32 = 4;

/// Renders `text` as a black-on-white QR bitmap (RGB8, no alpha, as genpdf needs), with
/// `module_px` pixels per module and a 4-module quiet zone. Error correction level M.
pub fn qr_image(text: &str, module_px: u32) -> Result<RgbImage> {
    let matrix = QrMatrix::of(text)?;
    let modules = matrix.width as u32;
    let scale = module_px.max(1);
    let side = (modules + 2 * QUIET_ZONE) * scale;
    let mut img = RgbImage::from_pixel(side, side, Rgb([255, 255, 255]));
    for (i, dark) in matrix.dark.iter().enumerate() {
        if !dark {
            continue;
        }
        let mx = (i as u32 % modules + QUIET_ZONE) * scale;
        let my = (i as u32 / modules + QUIET_ZONE) * scale;
        for y in my..my + scale {
            for x in mx..mx + scale {
                img.put_pixel(x, y, Rgb([0, 0, 0]));
            }
        }
    }
    Ok(img)
}

/// The modules of a QR code, row by row, without the quiet zone: what the PDF's bitmap
/// and the window's preview both draw, so the two show the same code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// `width * width` modules, row by row; `true` is dark.
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// The QR of `text` at error correction level M.
    pub fn of(text: &str) -> Result<QrMatrix> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| Error::Letter(format!("kode QR tidak dapat dibuat ({e})")))?;
        Ok(QrMatrix {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Row `y` as runs of equal modules, left to right: `(dark, length)`.
    pub fn runs(&self, y: usize) -> Vec<(bool, usize)> {
        let row = &self.dark[y * self.width..(y + 1) * self.width];
        let mut runs: Vec<(bool, usize)> = Vec::new();
        for &dark in row {
            match runs.last_mut() {
                Some((d, n)) if *d == dark => *n += 1,
                _ => runs.push((dark, 1)),
            }
        }
        runs
    }
}

/// A genpdf image of the QR for `text`, printed `width_mm` wide (quiet zone included).
pub fn qr_element(text: &str, width_mm: f64) -> Result<genpdf::elements::Image> {
    let img = qr_image(text, MODULE_PX)?;
    let dpi = f64::from(img.width()) * 25.4 / width_mm;
    genpdf::elements::Image::from_dynamic_image(image::DynamicImage::ImageRgb8(img))
        .map(|i| i.with_dpi(dpi))
        .map_err(|e| Error::Letter(format!("kode QR tidak dapat disisipkan ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn bitmap_has_quiet_zone_and_dark_finder() {
        let img = qr_image("2026-7-0123456789", 3).unwrap();
        assert_eq!(img.width(), img.height());
        // Quiet zone: top-left corner white; the finder pattern starts just inside it.
        assert_eq!(img.get_pixel(0, 0), &Rgb([255, 255, 255]));
        let inside = QUIET_ZONE * 3;
        assert_eq!(img.get_pixel(inside, inside), &Rgb([0, 0, 0]));
        assert_eq!(img.width() % 3, 0);
    }

    #[test]
    fn matrix_runs_cover_each_row_and_match_the_bitmap() {
        let matrix = QrMatrix::of("https://contoh.go.id/v/2026-7-a1b2c3d4e5").unwrap();
        let img = qr_image("https://contoh.go.id/v/2026-7-a1b2c3d4e5", 1).unwrap();
        for y in 0..matrix.width {
            let runs = matrix.runs(y);
            assert_eq!(runs.iter().map(|(_, n)| n).sum::<usize>(), matrix.width);
            assert!(runs.windows(2).all(|w| w[0].0 != w[1].0), "runs alternate");
            let mut x = 0;
            for (dark, n) in runs {
                for _ in 0..n {
                    let px = img.get_pixel(x + QUIET_ZONE, y as u32 + QUIET_ZONE);
                    assert_eq!(*px == Rgb([0, 0, 0]), dark);
                    x += 1;
                }
            }
        }
        // The finder pattern: the first row starts with seven dark modules.
        assert_eq!(matrix.runs(0)[0], (true, 7));
    }

    fn have(tool: &str) -> bool {
        Command::new(tool).arg("--version").output().is_ok()
            || Command::new(tool).arg("-v").output().is_ok()
    }

    #[test]
    fn qr_in_a_rendered_letter_decodes_with_zbarimg() {
        if !have("zbarimg") || !have("pdftoppm") {
            eprintln!("LEWATI: zbarimg/pdftoppm tidak terpasang; uji baca QR dilewati.");
            return;
        }
        let code = "https://contoh.go.id/v/2026-7-a1b2c3d4e5";
        let mut content = super::super::render::tests::sample_content();
        content.verification = Some(code.to_string());
        let pdf =
            super::super::render_certificate(&crate::core::settings::Settings::default(), &content)
                .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("surat.pdf");
        std::fs::write(&file, pdf).unwrap();
        let prefix = dir.path().join("hal");
        let status = Command::new("pdftoppm")
            .args(["-r", "150", "-png"])
            .arg(&file)
            .arg(&prefix)
            .status()
            .unwrap();
        assert!(status.success());
        let png = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "png"))
            .expect("pdftoppm wrote a page");
        let out = Command::new("zbarimg")
            .args(["-q", "--raw"])
            .arg(&png)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            text.trim(),
            code,
            "zbarimg: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
