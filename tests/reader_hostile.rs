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
