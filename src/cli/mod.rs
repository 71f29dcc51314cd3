//! The command-line interface (DESIGN.md §2): thin wrappers over the core for office
//! admins, batch work and tests. Messages are Indonesian; `--json` prints one object.

mod bench;
mod bench_bulk;
mod bench_names;
mod bulk;
mod commands;
mod complaints;
mod imports;
pub mod letters;
mod records;
mod register_attach;
mod register_purge;
mod register_show;
mod register_step;
mod registers;
mod report;
mod skm;
mod users;
mod usulan;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::core::Error;

/// Loket DTKS: layanan Surat Keterangan DTKS/DTSEN.
#[derive(Debug, Parser)]
#[command(name = "loket-dtks", version, about)]
pub struct Cli {
    /// Folder data (basis data, arsip); juga lewat LOKET_DATA_DIR.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Perintah; tanpa perintah, jendela aplikasi dibuka.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Impor berkas snapshot DTKS/DTSEN (CSV, XLSX, XLS, ODS).
    Import {
        /// Berkas yang diimpor.
        file: PathBuf,
        /// Sumber data: DTKS atau DTSEN (bawaan: dari pengaturan).
        #[arg(long)]
        source: Option<String>,
        /// Periode data, misalnya 2025-09 (bawaan: kolom PERIODE di berkas, atau bulan ini).
        #[arg(long)]
        period: Option<String>,
        /// Nama lembar (sheet) untuk berkas lembar kerja.
        #[arg(long)]
        sheet: Option<String>,
        /// Berkas adalah daftar penerima program ini (misalnya PKH); menambah cakupan
        /// program pada snapshot aktif.
        #[arg(long)]
        program: Option<String>,
        /// Pemetaan kolom untuk judul yang tidak dikenali, misalnya
        /// `--map NIK=NO_IDENTITAS --map NAMA=NAMA_KRT` (diingat untuk berkas sejenis).
        #[arg(long = "map", value_name = "KOLOM=JUDUL")]
        map: Vec<String>,
        /// Simpan daftar baris yang ditolak (baris;alasan) ke berkas CSV ini.
        #[arg(long, value_name = "CSV")]
        rejects: Option<PathBuf>,
        /// Timpa berkas keluaran yang sudah ada (tidak pernah di dalam folder data).
        #[arg(long)]
        force: bool,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Cari satu NIK di snapshot aktif.
    Lookup {
        /// NIK 16 digit.
        nik: String,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Cari orang berdasarkan nama.
    Search {
        /// Sebagian nama.
        text: String,
        /// Jumlah hasil paling banyak.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Saring tanggal lahir (YYYY-MM-DD).
        #[arg(long)]
        birth_date: Option<String>,
        /// Saring nama desa/kelurahan.
        #[arg(long)]
        desa: Option<String>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Ukur kecepatan impor, cek NIK dan cari nama pada data sintetis.
    Bench {
        /// Ukuran data (baris), dipisah koma.
        #[arg(long, value_delimiter = ',', default_value = "1000000,2000000")]
        rows: Vec<u64>,
        /// Folder kerja sementara (bawaan: folder temp sistem).
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// Ukur juga waktu dari klik sampai surat masuk antrean printer ini (mencetak
        /// lima lembar: pakai printer PDF).
        #[arg(long, value_name = "PRINTER")]
        print_to: Option<String>,
    },
    /// Cek massal: periksa daftar NIK (CSV, XLSX, XLS, ODS) terhadap data aktif dan tulis
    /// hasilnya, satu baris per baris daftar, ke berkas XLSX baru.
    Bulk {
        /// Berkas daftar (kolom NIK; NAMA dan TGL_LAHIR bila ada).
        file: PathBuf,
        /// Berkas hasil .xlsx baru (tidak boleh sudah ada, tidak di dalam folder data).
        #[arg(long)]
        out: PathBuf,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Terbitkan surat keterangan bernomor untuk NIK terdaftar (tanpa jendela).
    Letter(letters::LetterArgs),
    /// Batalkan surat bernomor (nomor tetap tercatat dan tidak dipakai ulang).
    Void {
        /// Nomor surat.
        number: String,
        /// Alasan pembatalan (wajib).
        #[arg(long)]
        reason: String,
    },
    /// Periksa kode verifikasi surat (kode saja atau seluruh teks QR).
    Verify {
        /// Kode atau teks QR.
        code: String,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Arsip surat.
    Archive {
        /// Tindakan arsip.
        #[command(subcommand)]
        action: ArchiveAction,
    },
    /// Log akses.
    Audit {
        /// Tindakan log.
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Cadangkan register, surat, arsip dan kunci tanda tangan ke satu berkas.
    Backup {
        /// Berkas cadangan baru (tidak boleh sudah ada, tidak boleh di dalam folder data).
        #[arg(required_unless_present = "daily", conflicts_with = "daily")]
        file: Option<PathBuf>,
        /// Cadangan harian ke folder di Pengaturan (loket-cadangan-YYYY-MM-DD.loket),
        /// bila hari ini belum ada.
        #[arg(long)]
        daily: bool,
        /// Timpa berkas keluaran yang sudah ada (tidak pernah di dalam folder data).
        #[arg(long)]
        force: bool,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Pulihkan cadangan: diperiksa utuh dahulu; data yang ada dipindah ke
    /// `<folder data>.sebelum-pulihkan-WAKTU`.
    Restore {
        /// Berkas cadangan.
        file: PathBuf,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Laporan layanan satu periode (permohonan per hasil/kanal/keperluan/desa/petugas/hari,
    /// surat, slip, usulan, waktu layanan, SKM, pengaduan) sebagai CSV, XLSX atau PDF.
    Report(report::ReportArgs),
    /// Buku pendaftaran permohonan: daftar, rincian dan ekspor.
    Register {
        /// Tindakan buku pendaftaran.
        #[command(subcommand)]
        action: registers::RegisterAction,
    },
    /// Usulan DTKS untuk orang yang belum terdaftar: catat, pindah tahap, daftar, rincian.
    Usulan {
        /// Tindakan usulan.
        #[command(subcommand)]
        action: usulan::UsulanAction,
    },
    /// Kunci tanda tangan surat (khusus admin).
    Key {
        /// Tindakan kunci.
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Survei Kepuasan Masyarakat (SKM): catat jawaban, laporan IKM.
    Skm {
        /// Tindakan survei.
        #[command(subcommand)]
        action: skm::SkmAction,
    },
    /// Buku pengaduan, saran dan tamu: catat, daftar, tindak lanjut.
    Complaint {
        /// Tindakan buku pengaduan.
        #[command(subcommand)]
        action: complaints::ComplaintAction,
    },
    /// Pengguna loket: tambah, daftar, nonaktifkan, aktifkan (PIN dibaca dari stdin).
    User {
        /// Tindakan pengguna.
        #[command(subcommand)]
        action: users::UserAction,
    },
    /// Daftar snapshot yang pernah diimpor.
    Snapshots {
        /// Jadikan snapshot dengan ID ini aktif.
        #[arg(long)]
        activate: Option<i64>,
        /// Hapus snapshot lama dengan ID ini beserta berkas datanya (bukan yang aktif).
        #[arg(long)]
        delete: Option<i64>,
        /// Hapus snapshot lama beserta berkas datanya, sisakan N terbaru (yang aktif
        /// selalu disimpan).
        #[arg(long, value_name = "N")]
        keep: Option<usize>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `archive` subcommands.
#[derive(Debug, Subcommand)]
pub enum ArchiveAction {
    /// Hitung ulang SHA-256 semua berkas arsip dan laporkan yang hilang atau berubah.
    Check {
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Segel (HMAC dengan kunci kantor) berkas arsip yang tercatat sebelum segel dipakai
    /// dan isinya masih cocok; dicatat di log.
    Seal {
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `key` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeyAction {
    /// Ganti kunci tanda tangan dengan kunci baru (dicatat di log). Kunci lama disimpan
    /// untuk memeriksa surat lama; cadangkan lagi setelahnya.
    Rotate {
        /// Alasan penggantian (wajib), misalnya "laptop hilang".
        #[arg(long)]
        reason: String,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `audit` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Periksa rantai hash (HMAC) log akses dan anchor-nya di luar basis data.
    Verify {
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a parsed command; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let dir = cli
        .data_dir
        .unwrap_or_else(crate::core::store::default_data_dir);
    let Some(command) = cli.command else {
        return 0;
    };
    match commands::execute(&dir, command) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("Galat: {e}");
            exit_code(&e)
        }
    }
}

/// 2 for bad input, 1 for anything else.
pub fn exit_code(error: &Error) -> i32 {
    if error.is_bad_input() || matches!(error, Error::NoSnapshot) {
        2
    } else {
        1
    }
}
