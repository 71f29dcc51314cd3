//! Recognising the columns of a snapshot file by their (many) header spellings.

use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// NIK.
    Nik,
    /// Person's name.
    Name,
    /// Family card number.
    Kk,
    /// Birth date.
    BirthDate,
    /// Birth place.
    BirthPlace,
    /// Birth place and date in one column ("TTL": "MAGETAN, 17-05-1985").
    BirthPlaceDate,
    /// Sex.
    Sex,
    /// Street address.
    Address,
    /// RT (neighbourhood) number, when kept apart from the address.
    Rt,
    /// RW (hamlet) number, when kept apart from the address.
    Rw,
    /// Village.
    Desa,
    /// District.
    Kec,
    /// ID DTKS / IDARTBDT.
    IdDtks,
    /// DTSEN decile.
    Desil,
    /// The period the data describes ("PERIODE": 2025-09).
    Period,
    /// One column listing programs ("PKH, BPNT").
    Programs,
    /// A yes/no flag column for one program, with its display name.
    ProgramFlag(String),
}

/// Known program flag columns (normalised header, display name).
const PROGRAM_FLAGS: [(&str, &str); 13] = [
    ("PKH", "PKH"),
    ("BPNT", "BPNT"),
    ("SEMBAKO", "Sembako"),
    ("PBI", "PBI JK"),
    ("PBIJK", "PBI JK"),
    ("PBIJKN", "PBI JK"),
    ("KISPBI", "PBI JK"),
    ("KIP", "PIP"),
    ("KIS", "PBI JK"),
    ("BST", "BST"),
    ("BLT", "BLT"),
    ("BLTDD", "BLT Dana Desa"),
    ("PIP", "PIP"),
];

/// Upper-case letters and digits only: "No. KK" -> "NOKK", "Kelurahan/Desa" -> "KELURAHANDESA".
pub fn normalize_header(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The field a header names, if it is one we know.
pub fn classify(header: &str) -> Option<Field> {
    let h = normalize_header(header);
    let field = match h.as_str() {
        "NIK" | "NONIK" | "NIKART" | "NIKKTP" | "NOMORNIK" | "NOMORINDUKKEPENDUDUKAN" => Field::Nik,
        "NAMA"
        | "NAMALENGKAP"
        | "NAMAART"
        | "NMART"
        | "NAMAPENERIMA"
        | "NAMAANGGOTA"
        | "NAMAPESERTA"
        | "NAMAKPM"
        | "NAMAPENERIMAMANFAAT"
        | "NAMAANGGOTAKELUARGA"
        | "NAMAPENDUDUK" => Field::Name,
        "NOKK" | "NKK" | "KK" | "NOMORKK" | "NOMORKARTUKELUARGA" | "NOKARTUKELUARGA" => Field::Kk,
        "TGLLAHIR" | "TANGGALLAHIR" | "TGLLHR" | "TANGGALLHR" => Field::BirthDate,
        "TEMPATLAHIR" | "TMPLAHIR" | "TMPTLAHIR" => Field::BirthPlace,
        "TTL"
        | "TEMPATTANGGALLAHIR"
        | "TEMPATTGLLAHIR"
        | "TMPTGLLAHIR"
        | "TMPTTGLLAHIR"
        | "TEMPATDANTANGGALLAHIR" => Field::BirthPlaceDate,
        "JNSKEL" | "JENISKELAMIN" | "JNSKELAMIN" | "JENISKEL" | "KELAMIN" | "JK" | "JKEL"
        | "SEX" | "GENDER" | "LP" => Field::Sex,
        "ALAMAT" | "ALAMATLENGKAP" | "ALAMATRUMAH" | "ALAMATKTP" | "ALAMATDOMISILI" => {
            Field::Address
        }
        "RT" | "NORT" => Field::Rt,
        "RW" | "NORW" => Field::Rw,
        "DESA" | "KELURAHAN" | "KELURAHANDESA" | "DESAKELURAHAN" | "NMDESA" | "NAMADESA"
        | "DESAKEL" | "KELDESA" | "NAMAKELURAHAN" | "NAMADESAKELURAHAN" => Field::Desa,
        "KECAMATAN" | "KEC" | "NMKEC" | "NAMAKEC" | "NAMAKECAMATAN" => Field::Kec,
        "IDDTKS" | "IDBDT" | "IDARTBDT" | "IDART" | "IDDTSEN" => Field::IdDtks,
        "DESIL"
        | "DESILNASIONAL"
        | "PERINGKATDESIL"
        | "DESILKESEJAHTERAAN"
        | "DESILDTSEN"
        | "DESILKELUARGA"
        | "KATEGORIDESIL"
        | "STATUSKESEJAHTERAAN"
        | "PERINGKATKESEJAHTERAAN" => Field::Desil,
        "PERIODE" | "PERIODEDATA" | "PERIODEDTKS" | "PERIODEDTSEN" => Field::Period,
        "PROGRAM" | "PROGRAMBANSOS" | "BANSOS" | "KEPESERTAANBANSOS" | "KEPESERTAAN" => {
            Field::Programs
        }
        other => {
            let (_, name) = PROGRAM_FLAGS.iter().find(|(key, _)| *key == other)?;
            Field::ProgramFlag((*name).to_string())
        }
    };
    Some(field)
}

/// Which column index holds which field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnMap {
    /// (column index, field) pairs; the first column of a field wins.
    pub columns: Vec<(usize, Field)>,
}

impl ColumnMap {
    /// Maps a header row by the known synonyms.
    pub fn from_headers(headers: &[String]) -> ColumnMap {
        let mut map = ColumnMap::default();
        for (i, h) in headers.iter().enumerate() {
            if let Some(field) = classify(h) {
                let taken = map.columns.iter().any(|(_, f)| *f == field);
                if !taken || matches!(field, Field::ProgramFlag(_)) {
                    map.columns.push((i, field));
                }
            }
        }
        map
    }

    /// Column of a field, if mapped.
    pub fn index(&self, field: &Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, f)| f == field)
            .map(|(i, _)| *i)
    }

    /// Program flag columns.
    pub fn flags(&self) -> impl Iterator<Item = (usize, &str)> {
        self.columns.iter().filter_map(|(i, f)| match f {
            Field::ProgramFlag(name) => Some((*i, name.as_str())),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_map_to_fields() {
        assert_eq!(classify("NIK_ART"), Some(Field::Nik));
        assert_eq!(classify("\u{feff}nik"), Some(Field::Nik));
        assert_eq!(classify("Nama Lengkap"), Some(Field::Name));
        assert_eq!(classify("No KK"), Some(Field::Kk));
        assert_eq!(classify("Kelurahan/Desa"), Some(Field::Desa));
        assert_eq!(classify("TGL_LAHIR"), Some(Field::BirthDate));
        assert_eq!(
            classify("PBI_JK"),
            Some(Field::ProgramFlag("PBI JK".into()))
        );
        assert_eq!(classify("Tempat/Tgl Lahir"), Some(Field::BirthPlaceDate));
        assert_eq!(classify("JNS_KELAMIN"), Some(Field::Sex));
        assert_eq!(classify("Nama KPM"), Some(Field::Name));
        assert_eq!(classify("DESIL_KESEJAHTERAAN"), Some(Field::Desil));
        assert_eq!(
            classify("KIS_PBI"),
            Some(Field::ProgramFlag("PBI JK".into()))
        );
        assert_eq!(classify("KETERANGAN"), None);
    }

    #[test]
    fn first_column_of_a_field_wins() {
        let headers: Vec<String> = ["NO", "NIK", "NAMA", "NIK_KTP", "PKH", "BPNT"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let map = ColumnMap::from_headers(&headers);
        assert_eq!(map.index(&Field::Nik), Some(1));
        assert_eq!(map.index(&Field::Name), Some(2));
        assert_eq!(
            map.flags().collect::<Vec<_>>(),
            vec![(4, "PKH"), (5, "BPNT")]
        );
    }
}
