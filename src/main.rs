//! Entry point: a subcommand runs the CLI, none opens the window.

use clap::Parser;

fn main() {
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

/// mimalloc: the import parses on one thread and frees on another, where glibc's
/// allocator spends most of its time on arena locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
