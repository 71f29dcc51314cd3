//! The settings as typed: every text field kept as written (so a refused save loses
//! nothing), checked and turned into [`Settings`] on "Simpan".

use chrono::NaiveDate;

use crate::core::letter::format_number;
use crate::core::letter::model::{self, PLACEHOLDERS};
use crate::core::register::Workflow;
use crate::core::settings::{Official, Paper, Settings, Source};

/// The text fields of the settings screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// Regional government line of the letterhead.
    Pemda,
    /// Office line of the letterhead.
    Dinas,
    /// Office address.
    Address,
    /// Office telephone.
    Phone,
    /// Office e-mail.
    Email,
    /// Place written before the date.
    Place,
    /// Kepala Dinas: position.
    HeadTitle,
    /// Kepala Dinas: name.
    HeadName,
    /// Kepala Dinas: rank.
    HeadRank,
    /// Kepala Dinas: NIP.
    HeadNip,
    /// Kabid: position.
    KabidTitle,
    /// Kabid: name.
    KabidName,
    /// Kabid: rank.
    KabidRank,
    /// Kabid: NIP.
    KabidNip,
    /// Letter number template.
    NumberTemplate,
    /// Copies printed per letter.
    Copies,
    /// Address printed in the QR before the verification code.
    VerifyUrl,
    /// Opening sentence.
    Statement,
    /// Registration sentence.
    Registered,
    /// Purpose sentence.
    Purpose,
    /// Closing sentence.
    Closing,
    /// Advice for a person who is not registered.
    Advice,
    /// Months before the operator is warned the snapshot is old.
    MaxSnapshotAge,
    /// Days within which a NIK's earlier visits are shown at the front desk.
    RepeatDays,
    /// Folder of the daily backup (empty: off).
    DailyBackupDir,
    /// Months after which closed applications' personal data may be erased (0: never).
    RetentionMonths,
}

impl TextField {
    /// Every field, in the order of [`Draft::texts`].
    pub const ALL: [TextField; 26] = [
        TextField::Pemda,
        TextField::Dinas,
        TextField::Address,
        TextField::Phone,
        TextField::Email,
        TextField::Place,
        TextField::HeadTitle,
        TextField::HeadName,
        TextField::HeadRank,
        TextField::HeadNip,
        TextField::KabidTitle,
        TextField::KabidName,
        TextField::KabidRank,
        TextField::KabidNip,
        TextField::NumberTemplate,
        TextField::Copies,
        TextField::VerifyUrl,
        TextField::Statement,
        TextField::Registered,
        TextField::Purpose,
        TextField::Closing,
        TextField::Advice,
        TextField::MaxSnapshotAge,
        TextField::RepeatDays,
        TextField::DailyBackupDir,
        TextField::RetentionMonths,
    ];

    /// The label above the field.
    pub fn label(self) -> &'static str {
        match self {
            TextField::Pemda => "Pemerintah daerah",
            TextField::Dinas => "Nama dinas",
            TextField::Address => "Alamat kantor",
            TextField::Phone => "Telepon",
            TextField::Email => "Pos-el (e-mail)",
            TextField::Place => "Tempat surat",
            TextField::HeadTitle | TextField::KabidTitle => "Jabatan",
            TextField::HeadName | TextField::KabidName => "Nama",
            TextField::HeadRank | TextField::KabidRank => "Pangkat",
            TextField::HeadNip | TextField::KabidNip => "NIP",
            TextField::NumberTemplate => "Format nomor surat",
            TextField::Copies => "Jumlah salinan",
            TextField::VerifyUrl => "Alamat verifikasi (QR)",
            TextField::Statement => "Kalimat pembuka (mis. {jabatan_penandatangan})",
            TextField::Registered => "Kalimat terdaftar (mis. {sumber}, {periode})",
            TextField::Purpose => "Kalimat keperluan (mis. {keperluan})",
            TextField::Closing => "Kalimat penutup",
            TextField::Advice => "Saran bagi yang tidak terdaftar",
            TextField::MaxSnapshotAge => "Batas umur data (bulan)",
            TextField::RepeatDays => "Riwayat pemohon di loket (hari)",
            TextField::DailyBackupDir => "Folder cadangan harian (kosong = tidak aktif)",
            TextField::RetentionMonths => "Retensi data pribadi (bulan, 0 = tidak dihapus)",
        }
    }

    /// The widget id of the field (for focus and tests): "pengaturan-<n>".
    pub fn id(self) -> String {
        format!("pengaturan-{}", self.index())
    }

    fn index(self) -> usize {
        TextField::ALL
            .iter()
            .position(|f| *f == self)
            .unwrap_or_default()
    }

    /// Placeholders a wording field may use (`None`: not a wording field).
    fn placeholders(self) -> Option<&'static [&'static str]> {
        Some(match self {
            TextField::Statement
            | TextField::Registered
            | TextField::Purpose
            | TextField::Closing => &PLACEHOLDERS,
            TextField::Advice => &[],
            _ => return None,
        })
    }

    fn optional(self) -> bool {
        matches!(
            self,
            TextField::Phone
                | TextField::Email
                | TextField::HeadRank
                | TextField::HeadNip
                | TextField::KabidRank
                | TextField::KabidNip
                | TextField::VerifyUrl
                | TextField::DailyBackupDir
        )
    }
}

/// The settings being edited.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The text of each [`TextField`], in the order of [`TextField::ALL`].
    pub texts: [String; 26],
    /// Letters signed by the Kabid "a.n. Kepala Dinas".
    pub signed_by_kabid: bool,
    /// Which steps of the service flow the office uses.
    pub workflow: Workflow,
    /// Source label DTKS/DTSEN.
    pub source: Source,
    /// Paper size.
    pub paper: Paper,
    /// Preferred printer; `None` uses the system default.
    pub printer: Option<String>,
}

impl Draft {
    /// The draft of saved settings.
    pub fn from_settings(s: &Settings) -> Draft {
        let o = &s.office;
        let (h, k) = (&s.signatory, &s.kabid);
        let backup_dir = s
            .daily_backup_dir
            .as_ref()
            .map(|dir| dir.display().to_string())
            .unwrap_or_default();
        let texts = [
            &o.pemda,
            &o.dinas,
            &o.address,
            &o.phone,
            &o.email,
            &o.place,
            &h.title,
            &h.name,
            &h.rank,
            &h.nip,
            &k.title,
            &k.name,
            &k.rank,
            &k.nip,
            &s.number_template,
            &s.copies.to_string(),
            &s.verify_url,
            &s.statement,
            &s.registered_text,
            &s.purpose_text,
            &s.closing,
            &s.not_registered_advice,
            &s.max_snapshot_age_months.to_string(),
            &s.repeat_window_days.to_string(),
            &backup_dir,
            &s.retention_months.to_string(),
        ]
        .map(String::clone);
        Draft {
            texts,
            signed_by_kabid: s.signed_by_kabid,
            workflow: s.workflow,
            source: s.source,
            paper: s.paper,
            printer: s.printer.clone(),
        }
    }

    /// The text of `field`.
    pub fn text(&self, field: TextField) -> &str {
        &self.texts[field.index()]
    }

    /// Replaces the text of `field`.
    pub fn set(&mut self, field: TextField, value: String) {
        self.texts[field.index()] = value;
    }

    fn trimmed(&self, field: TextField) -> String {
        self.text(field).trim().to_string()
    }

    /// `base` (the saved settings) with this draft's fields, or each field's problem
    /// (in Indonesian). Settings this screen does not show are kept from `base`.
    pub fn to_settings(
        &self,
        base: &Settings,
        today: NaiveDate,
    ) -> Result<Settings, Vec<(TextField, String)>> {
        let mut errors: Vec<(TextField, String)> = TextField::ALL
            .into_iter()
            .filter_map(|f| check(f, self.text(f), today).map(|e| (f, e)))
            .collect();
        let copies = self.trimmed(TextField::Copies).parse::<u32>();
        if let Ok(n) = copies
            && !(1..=10).contains(&n)
            && !errors.iter().any(|(f, _)| *f == TextField::Copies)
        {
            errors.push((
                TextField::Copies,
                "Jumlah salinan harus 1 sampai 10.".into(),
            ));
        }
        let ranged = |field, range: std::ops::RangeInclusive<u32>, what: &str| {
            let n = self.trimmed(field).parse::<u32>().ok()?;
            (!range.contains(&n)).then(|| {
                let (low, high) = range.into_inner();
                (field, format!("{what} harus {low} sampai {high}."))
            })
        };
        for (field, range, what) in [
            (TextField::MaxSnapshotAge, 1..=24, "Batas umur data"),
            (TextField::RepeatDays, 1..=365, "Jumlah hari"),
            (TextField::RetentionMonths, 0..=240, "Retensi data pribadi"),
        ] {
            if !errors.iter().any(|(f, _)| *f == field)
                && let Some(problem) = ranged(field, range, what)
            {
                errors.push(problem);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let t = |f| self.trimmed(f);
        let official = |title, name, rank, nip| Official {
            title: t(title),
            name: t(name),
            rank: t(rank),
            nip: t(nip),
        };
        let mut settings = base.clone();
        settings.office.pemda = t(TextField::Pemda);
        settings.office.dinas = t(TextField::Dinas);
        settings.office.address = t(TextField::Address);
        settings.office.phone = t(TextField::Phone);
        settings.office.email = t(TextField::Email);
        settings.office.place = t(TextField::Place);
        settings.signatory = official(
            TextField::HeadTitle,
            TextField::HeadName,
            TextField::HeadRank,
            TextField::HeadNip,
        );
        settings.kabid = official(
            TextField::KabidTitle,
            TextField::KabidName,
            TextField::KabidRank,
            TextField::KabidNip,
        );
        settings.signed_by_kabid = self.signed_by_kabid;
        settings.workflow = self.workflow;
        settings.source = self.source;
        settings.number_template = t(TextField::NumberTemplate);
        settings.paper = self.paper;
        settings.copies = copies.unwrap_or(1);
        settings.printer = self.printer.clone();
        settings.verify_url = t(TextField::VerifyUrl);
        settings.statement = t(TextField::Statement);
        settings.registered_text = t(TextField::Registered);
        settings.purpose_text = t(TextField::Purpose);
        settings.closing = t(TextField::Closing);
        settings.not_registered_advice = t(TextField::Advice);
        let number = |f| t(f).parse::<u32>().unwrap_or_default();
        settings.max_snapshot_age_months = number(TextField::MaxSnapshotAge);
        settings.repeat_window_days = number(TextField::RepeatDays);
        let backup_dir = t(TextField::DailyBackupDir);
        settings.daily_backup_dir =
            (!backup_dir.is_empty()).then(|| std::path::PathBuf::from(backup_dir));
        settings.retention_months = number(TextField::RetentionMonths);
        Ok(settings)
    }
}

/// The example number for `template` on `today`, or why the template is refused.
pub fn example_number(template: &str, today: NaiveDate) -> Result<String, String> {
    format_number(template.trim(), 1, today).map_err(|e| e.to_string())
}

/// The problem with one field's text, if any.
fn check(field: TextField, text: &str, today: NaiveDate) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return (!field.optional()).then(|| "Wajib diisi.".to_string());
    }
    match field {
        TextField::NumberTemplate => example_number(text, today).err(),
        TextField::Copies => text
            .parse::<u32>()
            .is_err()
            .then(|| "Jumlah salinan harus angka 1 sampai 10.".into()),
        TextField::MaxSnapshotAge | TextField::RepeatDays | TextField::RetentionMonths => {
            text.parse::<u32>().is_err().then(|| "Harus angka.".into())
        }
        TextField::Email => (!text.contains('@') || !text.contains('.'))
            .then(|| "Alamat e-mail tidak valid (contoh: dinsos@kab.go.id).".into()),
        TextField::HeadNip | TextField::KabidNip => {
            let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            (digits.len() != 18 || !digits.chars().all(|c| c.is_ascii_digit()))
                .then(|| "NIP harus 18 angka (spasi boleh).".into())
        }
        _ => unknown_placeholder(field, text),
    }
}

/// A `{isian}` in a wording field that the letter does not fill.
fn unknown_placeholder(field: TextField, text: &str) -> Option<String> {
    let allowed = field.placeholders()?;
    let key = model::unknown_placeholder(text, allowed)?;
    let known = if allowed.is_empty() {
        "kalimat ini tidak memakai isian".to_string()
    } else {
        format!(
            "gunakan {}",
            allowed
                .iter()
                .map(|k| format!("{{{k}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Some(format!("Isian {{{key}}} tidak dikenal; {known}."))
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
