//! Build script: stamps the git commit for the About screen and letter metadata, and
//! fails early with a clear message when a letter font is missing from `fonts/`.

use std::path::Path;
use std::process::Command;

/// Styles embedded in letters (italics map to PDF built-in fonts).
const FONT_STYLES: [&str; 2] = ["Regular", "Bold"];

fn main() {
    println!("cargo:rerun-if-changed=fonts");
    println!("cargo:rerun-if-changed=.git/HEAD");
    let fonts = Path::new("fonts");
    for style in FONT_STYLES {
        let found = std::fs::read_dir(fonts)
            .map(|entries| {
                entries.flatten().any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .ends_with(&format!("-{style}.ttf"))
                })
            })
            .unwrap_or(false);
        if !found {
            panic!(
                "font letter gaya {style} tidak ada di fonts/ (butuh *-{style}.ttf); \
                 lihat README bagian Font"
            );
        }
    }
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=LOKET_GIT_COMMIT={commit}");
}
