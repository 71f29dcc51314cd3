//! Entry point: a subcommand runs the CLI, none opens the window.

use clap::Parser;

fn main() {
    private_by_default();
    let cli = loket_dtks::cli::Cli::parse();
    if cli.command.is_some() {
        std::process::exit(loket_dtks::cli::run(cli));
    }
    let dir = cli
        .data_dir
        .unwrap_or_else(loket_dtks::core::store::default_data_dir);
    if let Err(e) = loket_dtks::ui::run(dir) {
        eprintln!("Galat: aplikasi tidak dapat dibuka: {e}");
        std::process::exit(1);
    }
}

/// Every file and folder this process makes is owner-only (the data dir holds NIKs and
/// the signing key), whatever umask the desktop session or shell set. The core also sets
/// the modes itself where it creates files, for library use and tests.
fn private_by_default() {
    // SAFETY: umask only swaps the process's file mode mask; it cannot fail and touches
    // no memory. It runs first, before any thread is started.
    #[cfg(unix)]
    unsafe {
        libc::umask(0o077);
    }
}

/// mimalloc: the import parses on one thread and frees on another, where glibc's
/// allocator spends most of its time on arena locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
