//! Small spreadsheets built in code for the hostile-file tests: valid zips with whatever
//! XML a test wants inside, so a corrupt cell or a huge number sits exactly where needed.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

/// A header row and `rows` data rows of a DTKS sheet as XLSX `<row>` elements (inline
/// strings), the cell of data row `bad_row` replaced by `bad_cell` when given.
pub fn sheet_rows(rows: u32, bad: Option<(u32, &str)>) -> String {
    let mut xml = String::from(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c><c r="B1" t="inlineStr"><is><t>NAMA</t></is></c></row>"#,
    );
    for i in 1..=rows {
        let r = i + 1;
        let nik = format!("35200117058{:05}", i);
        xml.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{nik}</t></is></c>"#
        ));
        match bad {
            Some((row, cell)) if row == i => xml.push_str(cell),
            _ => xml.push_str(&format!(
                r#"<c r="B{r}" t="inlineStr"><is><t>ORANG {i}</t></is></c>"#
            )),
        }
        xml.push_str("</row>");
    }
    xml
}

/// A worksheet XML document around `rows` (`<row>` elements).
pub fn worksheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// The entries of a one-sheet XLSX whose sheet is `sheet_xml` and whose shared strings
/// are `strings` (none when empty).
pub fn xlsx_entries(sheet_xml: &str, strings: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut entries = vec![
        (
            "[Content_Types].xml".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_vec(),
        ),
        (
            "_rels/.rels".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec(),
        ),
        (
            "xl/workbook.xml".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec(),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_vec(),
        ),
        ("xl/worksheets/sheet1.xml".to_string(), sheet_xml.as_bytes().to_vec()),
    ];
    if !strings.is_empty() {
        let items: String = strings
            .iter()
            .map(|s| format!("<si><t>{s}</t></si>"))
            .collect();
        entries.push((
            "xl/sharedStrings.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">{items}</sst>"#,
                n = strings.len()
            )
            .into_bytes(),
        ));
    }
    entries
}

/// The entries of a one-table ODS whose `<office:spreadsheet>` holds `tables`.
pub fn ods_entries(tables: &str) -> Vec<(String, Vec<u8>)> {
    vec![
        (
            "mimetype".to_string(),
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        (
            "META-INF/manifest.xml".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.to_vec(),
        ),
        (
            "content.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
            )
            .into_bytes(),
        ),
    ]
}

/// An ODS table row of text cells.
pub fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#))
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

/// Zips `entries` (deflated, the first one stored like ODS's mimetype) into bytes.
pub fn zip_bytes(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, data)) in entries.iter().enumerate() {
        let method = if i == 0 && name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(data.len() > u32::MAX as usize);
        zip.start_file(name.as_str(), options).expect("zip entry");
        zip.write_all(data).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}
