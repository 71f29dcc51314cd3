//! The embedded demo snapshot ("DATA CONTOH"): loaded on first start so a newcomer sees
//! real screens at once. Every letter printed from it is marked DATA CONTOH.

use crate::core::settings::Source;
use crate::core::snapshot::{ImportOptions, import, store as catalogue};
use crate::core::{Error, Result, Store};

/// The synthetic demo file (60 invented persons; NIKs are made up).
pub const DEMO_CSV: &[u8] = include_bytes!("../../assets/demo-snapshot.csv");

/// A NIK in the demo data that is registered (Budi Santoso), for docs and tests.
pub const DEMO_REGISTERED_NIK: &str = "3520011705850001";

/// Loads the demo snapshot when the installation has no snapshot at all.
///
/// Returns true when it was loaded.
pub fn ensure_demo(store: &Store) -> Result<bool> {
    if !catalogue::list(&store.snapshots)?.is_empty() {
        return Ok(false);
    }
    let path = store.dir().join("contoh").join("data-contoh.csv");
    let parent = path.parent().unwrap_or(store.dir());
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    std::fs::write(&path, DEMO_CSV).map_err(|e| Error::io(&path, e))?;
    let options = ImportOptions {
        source: Source::Dtsen,
        period: Some("2025-09".into()),
        demo: true,
        ..Default::default()
    };
    import::import_snapshot(store.dir(), &path, &options, &mut |_| true)?;
    Ok(true)
}
