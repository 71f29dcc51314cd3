//! The Surat Keterangan: wording, numbering, PDF rendering, the verification QR, and
//! issuing letters and not-registered slips against the register.

pub(crate) mod files;
pub mod issue;
pub mod layout;
pub mod model;
pub mod number;
pub mod qr;
pub mod records;
pub mod render;
pub mod slip_model;
pub mod wording;

pub use issue::{IssueRequest, Issued, issue_certificate, qr_text, render_draft};
pub use model::{LetterModel, certificate_model};
pub use number::format_number;
pub use records::{IssuedSlip, issue_not_registered_slip, mark_printed, void_certificate};
pub use render::{CertificateContent, SlipContent, render_certificate, render_not_registered_slip};
pub use slip_model::{SlipModel, slip_model};
pub use wording::{fill, indonesian_date, roman_month};
