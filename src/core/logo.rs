//! The office's own logo for the letterhead, chosen by the admin. It is kept in the
//! register database (so backups carry it) as an RGB PNG of bounded size; without one
//! the letterhead is text only, never a placeholder emblem.

use std::io::Cursor;

use chrono::{DateTime, Local};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::core::audit::{self, AuditAction};
use crate::core::{Error, Result};

/// Largest logo file accepted (bytes).
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Largest width or height accepted before decoding (pixels).
pub const MAX_SIDE: u32 = 4000;

/// Height the stored logo is scaled down to (pixels; about 600 dpi at 22 mm).
pub const STORED_HEIGHT: u32 = 520;

const KEY: &str = "logo";

/// A logo ready for the letterhead: an RGB PNG without transparency.
#[derive(Clone, PartialEq, Eq)]
pub struct Logo(pub Vec<u8>);

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Logo({} byte)", self.0.len())
    }
}

fn bad(what: &str) -> Error {
    Error::Invalid(format!("Logo tidak dapat dipakai: {what}."))
}

/// Checks and converts a PNG or JPEG file's bytes: bounded size and dimensions,
/// transparency flattened onto white, scaled down to [`STORED_HEIGHT`].
pub fn prepare(bytes: &[u8]) -> Result<Logo> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(bad("berkas lebih besar dari 5 MB"));
    }
    let reader = image::io::Reader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| bad("berkas tidak terbaca"))?;
    match reader.format() {
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg) => {}
        _ => return Err(bad("hanya PNG atau JPG")),
    }
    let (w, h) = reader
        .into_dimensions()
        .map_err(|_| bad("ukuran gambar tidak terbaca"))?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(bad("ukuran gambar harus 1 sampai 4000 piksel per sisi"));
    }
    let decoded = image::load_from_memory(bytes).map_err(|_| bad("gambar rusak"))?;
    let rgba = decoded.to_rgba8();
    let mut rgb = image::RgbImage::new(w, h);
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = u16::from(p[3]);
        let over_white = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        rgb.put_pixel(
            x,
            y,
            image::Rgb([over_white(p[0]), over_white(p[1]), over_white(p[2])]),
        );
    }
    let mut img = image::DynamicImage::ImageRgb8(rgb);
    if h > STORED_HEIGHT {
        let width = (u64::from(w) * u64::from(STORED_HEIGHT) / u64::from(h)).max(1) as u32;
        img = img.resize_exact(width, STORED_HEIGHT, image::imageops::FilterType::Triangle);
    }
    let mut png = Vec::new();
    img.write_to(&mut png, image::ImageOutputFormat::Png)
        .map_err(|_| bad("gambar tidak dapat disimpan"))?;
    Ok(Logo(png))
}

/// The stored logo, if the office chose one.
pub fn load(conn: &Connection) -> Result<Option<Logo>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [KEY], |r| {
            r.get::<_, Vec<u8>>(0)
        })
        .optional()?
        .map(Logo))
}

/// The admin chose a logo file: checks it ([`prepare`]), stores it and logs the change
/// ([`AuditAction::UbahPengaturan`], detail "logo") in one transaction.
pub fn save(conn: &Connection, bytes: &[u8], actor: &str, at: DateTime<Local>) -> Result<Logo> {
    let logo = prepare(bytes)?;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO setting(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![KEY, logo.0],
    )?;
    audit::record(
        &tx,
        actor,
        AuditAction::UbahPengaturan,
        "logo",
        "diganti",
        at,
    )?;
    tx.commit()?;
    Ok(logo)
}

/// The admin removed the logo: letters go out with a text-only letterhead.
pub fn remove(conn: &Connection, actor: &str, at: DateTime<Local>) -> Result<()> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    tx.execute("DELETE FROM setting WHERE key = ?1", [KEY])?;
    audit::record(
        &tx,
        actor,
        AuditAction::UbahPengaturan,
        "logo",
        "dihapus",
        at,
    )?;
    Ok(tx.commit()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, alpha: u8) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([0, 0, 200, alpha]));
        let mut out = Vec::new();
        image::DynamicImage::ImageRgba8(img)
            .write_to(&mut out, image::ImageOutputFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_transparent_logo_is_flattened_and_scaled() {
        let logo = prepare(&png(1200, 1600, 0)).unwrap();
        let img = image::load_from_memory(&logo.0).unwrap();
        assert!(!img.color().has_alpha());
        assert_eq!(img.to_rgb8().height(), STORED_HEIGHT);
        assert_eq!(img.to_rgb8().width(), 390);
        assert_eq!(
            img.to_rgb8().get_pixel(5, 5).0,
            [255, 255, 255],
            "clear is white"
        );
        let small = prepare(&png(100, 120, 255)).unwrap();
        let img = image::load_from_memory(&small.0).unwrap().to_rgb8();
        assert_eq!(
            (img.width(), img.height()),
            (100, 120),
            "small logos keep their size"
        );
        assert_eq!(img.get_pixel(0, 0).0, [0, 0, 200]);
    }

    #[test]
    fn other_files_and_huge_images_are_refused() {
        for bytes in [
            b"%PDF-1.4 bukan gambar".to_vec(),
            Vec::new(),
            png(5000, 10, 255),
        ] {
            let err = prepare(&bytes).unwrap_err();
            assert!(
                err.to_string().contains("Logo tidak dapat dipakai"),
                "{err}"
            );
        }
        let mut truncated = png(300, 300, 255);
        truncated.truncate(truncated.len() / 2);
        assert!(prepare(&truncated).is_err());
    }

    #[test]
    fn saved_removed_and_logged() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        assert_eq!(load(&conn).unwrap(), None);
        let logo = save(&conn, &png(40, 40, 255), "admin", Local::now()).unwrap();
        assert_eq!(load(&conn).unwrap(), Some(logo));
        remove(&conn, "admin", Local::now()).unwrap();
        assert_eq!(load(&conn).unwrap(), None);
        let logged: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'ubah_pengaturan' AND subject = 'logo'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(logged, 2);
    }
}
