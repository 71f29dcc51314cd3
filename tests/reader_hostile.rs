//! Files built to break the importer, generated here: a workbook that fails halfway, a
//! truncated or bit-flipped one, and ones whose sizes would need gigabytes. Each must be
//! refused whole, with a reason, and leave the active snapshot as it was.

mod hostile_common;

use std::path::Path;

use hostile_common::{sheet_rows, worksheet, write, xlsx_entries, zip_bytes};
use loket_dtks::core::settings::Source;
use loket_dtks::core::snapshot::{ImportOptions, import, store};
use loket_dtks::core::{Error, Store};

fn import_file(dir: &Path, file: &Path) -> loket_dtks::core::Result<u64> {
    let options = ImportOptions {
        source: Source::Dtsen,
        period: Some("2025-09".into()),
        ..Default::default()
    };
    import::import_snapshot(dir, file, &options, &mut |_| true).map(|s| s.imported)
}

/// A data dir whose active snapshot is a clean 10-row XLSX.
fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "baik.xlsx",
        &zip_bytes(&xlsx_entries(&worksheet(&sheet_rows(10, None)), &[])),
    );
    assert_eq!(import_file(dir.path(), &good).unwrap(), 10);
    dir
}

/// Imports `bytes` as `name`, expects a refusal containing every one of `words`, and
/// checks the active snapshot is still the clean one.
fn refused(dir: &Path, name: &str, bytes: &[u8], words: &[&str]) -> String {
    let file = write(dir, name, bytes);
    let err = import_file(dir, &file).expect_err(name);
    assert!(matches!(err, Error::Import { .. }), "{name}: {err}");
    let text = err.to_string();
    for word in words {
        assert!(text.contains(word), "{name}: expected {word:?} in {text}");
    }
    let store = Store::open(dir).unwrap();
    let all = store::list(&store.snapshots).unwrap();
    assert_eq!(all.len(), 1, "{name}: a snapshot was added");
    assert!(
        all[0].active && all[0].rows == 10,
        "{name}: the active snapshot changed"
    );
    text
}

#[test]
fn a_workbook_corrupt_in_its_second_half_is_refused_whole() {
    let dir = data_dir();
    let cases = [
        (
            "string-index",
            r#"<c r="B1501" t="s"><v>999999</v></c>"#,
            "baris 1.50",
        ),
        (
            "not-a-number",
            r#"<c r="B1501" t="n"><v>abc</v></c>"#,
            "baris 1.50",
        ),
        (
            "bad-xml",
            r#"<c r=B1501 t="inlineStr"><is><t>X</t></is></c>"#,
            "baris 1.50",
        ),
    ];
    for (name, cell, place) in cases {
        let sheet = worksheet(&sheet_rows(2000, Some((1500, cell))));
        let bytes = zip_bytes(&xlsx_entries(&sheet, &["SATU"]));
        refused(
            dir.path(),
            &format!("{name}.xlsx"),
            &bytes,
            &["Data", place],
        );
    }
}

#[test]
fn a_bit_flipped_or_truncated_sheet_stream_is_refused_whole() {
    let dir = data_dir();
    let sheet = worksheet(&sheet_rows(2000, None));
    let bytes = zip_bytes(&xlsx_entries(&sheet, &[]));
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let index = archive.index_for_name("xl/worksheets/sheet1.xml").unwrap();
    let mut archive = archive;
    let entry = archive.by_index_raw(index).unwrap();
    let (start, len) = (
        entry.data_start() as usize,
        entry.compressed_size() as usize,
    );
    drop(entry);
    for at in [len / 2, len * 3 / 4, len - 8] {
        let mut flipped = bytes.clone();
        flipped[start + at] ^= 0x5A;
        refused(
            dir.path(),
            "flipped.xlsx",
            &flipped,
            &["rusak", "sheet1.xml"],
        );
    }
    let mut truncated = bytes[..start + len * 3 / 4].to_vec();
    truncated.extend_from_slice(&bytes[start + len..]);
    refused(dir.path(), "truncated.xlsx", &truncated, &["rusak"]);
}

/// Bytes of XML-safe text that deflate barely compresses.
fn noise(len: usize) -> String {
    let mut state = 0x2545_F491_u32;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            char::from(b'a' + (state % 26) as u8)
        })
        .collect()
}

/// Sets the uncompressed size every header of `entry` declares to `declared`.
fn lie_about_size(bytes: &mut [u8], entry: &str, declared: u32) {
    let name = entry.as_bytes();
    let mut at = 0;
    while let Some(pos) = bytes[at..].windows(name.len()).position(|w| w == name) {
        let pos = at + pos;
        // Local header: size at 22, name at 30; central header: size at 24, name at 46.
        for (name_at, size_at) in [(30, 22), (46, 24)] {
            if pos >= name_at {
                let header = pos - name_at;
                let signature: &[u8] = if name_at == 30 {
                    b"PK\x03\x04"
                } else {
                    b"PK\x01\x02"
                };
                if &bytes[header..header + 4] == signature {
                    bytes[header + size_at..header + size_at + 4]
                        .copy_from_slice(&declared.to_le_bytes());
                }
            }
        }
        at = pos + name.len();
    }
}

#[test]
fn xlsx_past_the_bounds_is_refused_before_it_is_allocated() {
    let dir = data_dir();
    let far = worksheet(&format!(
        "{}{}",
        sheet_rows(3, None),
        r#"<row r="5"><c r="ZZZZZZ5"><v>1</v></c></row>"#
    ));
    refused(
        dir.path(),
        "far-column.xlsx",
        &zip_bytes(&xlsx_entries(&far, &[])),
        &["kolom ke-321.272.406", "16.384 kolom"],
    );
    let deep = worksheet(&format!(
        "{}{}",
        sheet_rows(3, None),
        r#"<row r="2000000"><c r="A2000000"><v>1</v></c></row>"#
    ));
    refused(
        dir.path(),
        "far-row.xlsx",
        &zip_bytes(&xlsx_entries(&deep, &[])),
        &["baris ke-2.000.000", "1.048.576 baris"],
    );
    let long_cell = worksheet(&format!(
        r#"{}<row r="9"><c r="B9" t="inlineStr"><is><t>{}</t></is></c></row>"#,
        sheet_rows(3, None),
        noise(3 << 19)
    ));
    refused(
        dir.path(),
        "long-cell.xlsx",
        &zip_bytes(&xlsx_entries(&long_cell, &[])),
        &["sheet1.xml", "1 MiB"],
    );
    let bomb = worksheet(&format!("{}{}", sheet_rows(3, None), " ".repeat(4 << 20)));
    refused(
        dir.path(),
        "bomb.xlsx",
        &zip_bytes(&xlsx_entries(&bomb, &[])),
        &["sheet1.xml", "bom zip"],
    );
    let mut liar = zip_bytes(&xlsx_entries(&bomb, &[]));
    lie_about_size(&mut liar, "xl/worksheets/sheet1.xml", 100);
    refused(dir.path(), "liar.xlsx", &liar, &["sheet1.xml"]);
}

#[test]
fn a_huge_declared_dimension_allocates_nothing() {
    let dir = data_dir();
    let rows = sheet_rows(3, None);
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>"#
    );
    let file = write(
        dir.path(),
        "dimension.xlsx",
        &zip_bytes(&xlsx_entries(&sheet, &[])),
    );
    assert_eq!(import_file(dir.path(), &file).unwrap(), 3);
}

fn ods(table: &str) -> Vec<u8> {
    zip_bytes(&hostile_common::ods_entries(&format!(
        r#"<table:table table:name="Data">{}{}{table}</table:table>"#,
        hostile_common::ods_row(&["NIK", "NAMA"]),
        hostile_common::ods_row(&["3520011705850001", "BUDI"]),
    )))
}

#[test]
fn ods_repeats_past_the_bounds_are_refused_and_libreoffice_padding_is_not() {
    let dir = data_dir();
    let padding = r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    let file = write(dir.path(), "padded.ods", &ods(padding));
    assert_eq!(import_file(dir.path(), &file).unwrap(), 1);
    let dir = data_dir();
    let wide = r#"<table:table-row><table:table-cell table:number-columns-repeated="321272406" office:value-type="float" office:value="1"/></table:table-row>"#;
    refused(
        dir.path(),
        "wide.ods",
        &ods(wide),
        &["kolom ke-321.272.406"],
    );
    let tall = r#"<table:table-row table:number-rows-repeated="4000000000"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#;
    refused(dir.path(), "tall.ods", &ods(tall), &["1.048.576 baris"]);
    let many = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="100" office:value-type="float" office:value="1"/></table:table-row>"#;
    refused(dir.path(), "many.ods", &ods(many), &["4.000.000 sel"]);
    let copied = format!(
        r#"<table:table-row><table:table-cell table:number-columns-repeated="16000" office:value-type="string"><text:p>{}</text:p></table:table-cell></table:table-row>"#,
        noise(100_000)
    );
    refused(
        dir.path(),
        "copied-text.ods",
        &ods(&copied),
        &["menyalin teks", "64 MiB"],
    );
}

#[test]
fn truncated_and_bit_flipped_fixtures_are_refused_without_a_panic() {
    let dir = data_dir();
    for fixture in ["legacy.xls", "libreoffice.ods", "numeric-nik.xlsx"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(fixture);
        let bytes = std::fs::read(path).unwrap();
        for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 100] {
            let name = format!("cut-{cut}-{fixture}");
            let file = write(dir.path(), &name, &bytes[..cut]);
            let outcome = import_file(dir.path(), &file);
            assert!(
                matches!(outcome, Err(Error::Import { .. })),
                "{name}: {outcome:?}"
            );
        }
    }
}

/// `legacy.xls` with `patch` applied to its bytes.
fn patched_xls(patch: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/legacy.xls");
    let mut bytes = std::fs::read(path).unwrap();
    patch(&mut bytes);
    bytes
}

fn find(bytes: &[u8], what: &[u8]) -> usize {
    bytes
        .windows(what.len())
        .position(|w| w == what)
        .expect("pattern in legacy.xls")
}

fn put_u32(bytes: &mut [u8], at: usize, value: u32) {
    bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

#[test]
fn xls_sizes_and_sector_chains_are_checked_before_calamine_reads_them() {
    let dir = data_dir();
    let dimension = patched_xls(|b| {
        let at = find(b, &[0x00, 0x02, 14, 0]) + 4;
        put_u32(b, at + 4, 0xFFFF_FFF0);
    });
    refused(
        dir.path(),
        "dimension.xls",
        &dimension,
        &["sel", "4.000.000"],
    );
    let far = patched_xls(|b| {
        let at = find(b, &[0xFD, 0x00, 10, 0]) + 4;
        b[at..at + 4].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x3F]);
    });
    refused(dir.path(), "far-cell.xls", &far, &["sel", "4.000.000"]);
    let wide = patched_xls(|b| {
        let at = find(b, &[0xFD, 0x00, 10, 0]) + 4;
        b[at + 2..at + 4].copy_from_slice(&[0x00, 0x40]);
    });
    refused(dir.path(), "wide.xls", &wide, &["kolom ke-16.385"]);
    let fat_entry = |b: &[u8]| {
        let name = find(
            b,
            &"Workbook"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>(),
        );
        let start = u32::from_le_bytes(b[name + 116..name + 120].try_into().unwrap());
        let fat = u32::from_le_bytes(b[76..80].try_into().unwrap());
        (start, (fat as usize + 1) * 512 + start as usize * 4)
    };
    let cycle = patched_xls(|b| {
        let (start, at) = fat_entry(b);
        put_u32(b, at, start);
    });
    refused(dir.path(), "cycle.xls", &cycle, &["rantai sektor"]);
    let outside = patched_xls(|b| {
        let (_, at) = fat_entry(b);
        put_u32(b, at, 0x00FF_FFFF);
    });
    refused(dir.path(), "outside.xls", &outside, &["rantai sektor"]);
    let header = patched_xls(|b| put_u32(b, 44, 0xFFFF_FFF0));
    refused(dir.path(), "header.xls", &header, &["kepala berkas"]);
}

/// Found by `fuzz_readers`: calamine's ODS reader loops forever on a table that never
/// ends (content.xml cut after a row, or the table closed by a misspelled end tag).
#[test]
fn an_ods_table_that_never_ends_is_refused_instead_of_hanging() {
    let dir = data_dir();
    let whole = ods("");
    let mut entries = zip::ZipArchive::new(std::io::Cursor::new(whole)).unwrap();
    let mut content = String::new();
    std::io::Read::read_to_string(&mut entries.by_name("content.xml").unwrap(), &mut content)
        .unwrap();
    let cut = content.rfind("</table:table-row>").unwrap() + "</table:table-row>".len();
    let variants = [
        content[..cut].to_string(),
        content.replace("</table:table>", "</table:tablX>"),
    ];
    for (i, content) in variants.into_iter().enumerate() {
        let mut parts = hostile_common::ods_entries("");
        parts[2].1 = content.into_bytes();
        refused(
            dir.path(),
            &format!("never-ends-{i}.ods"),
            &zip_bytes(&parts),
            &["content.xml"],
        );
    }
}
