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
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| Error::Letter(format!("kode QR tidak dapat dibuat ({e})")))?;
    let modules = code.width() as u32;
    let colors = code.to_colors();
    let scale = module_px.max(1);
    let side = (modules + 2 * QUIET_ZONE) * scale;
    let mut img = RgbImage::from_pixel(side, side, Rgb([255, 255, 255]));
    for (i, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
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
