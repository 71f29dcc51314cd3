//! Tests of writing a backup and restoring it into a new data dir.

use chrono::Local;

use super::*;
use crate::core::letter::issue_certificate;
use crate::core::{archive, verify};

#[test]
fn restore_brings_back_letters_files_and_verification() {
    let old = tempfile::tempdir().unwrap();
    let store = Store::open(old.path()).unwrap();
    let issued = issue_certificate(&store, &crate::core::letter::issue::tests::request()).unwrap();
    let inside = old.path().join("cadangan.loket");
    for force in [false, true] {
        let refused = backup(&store, &inside, force, "admin", Local::now()).unwrap_err();
        assert!(refused.is_bad_input(), "{refused}");
    }
    assert!(!inside.exists(), "never inside the data dir");
    let outside = tempfile::tempdir().unwrap();
    let file = outside.path().join("cadangan.loket");
    let made = backup(&store, &file, false, "admin", Local::now()).unwrap();
    assert_eq!((made.files, made.letters), (3, 1), "key, anchor, letter");
    assert!(
        backup(&store, &file, false, "admin", Local::now()).is_err(),
        "never overwrites unless forced"
    );
    let left: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left");

    let new = tempfile::tempdir().unwrap();
    let data = new.path().join("data");
    let restored = restore(&file, &data, "cli", Local::now()).unwrap();
    assert_eq!(
        (restored.files, restored.letters, restored.aside),
        (3, 1, None)
    );
    let store = Store::open(&data).unwrap();
    assert!(archive::check(&store).unwrap().is_empty());
    let answer = verify::verify(&store, &issued.verification_code).unwrap();
    assert_eq!(answer.status, verify::Status::Valid);
    assert_eq!(audit::verify(&store.register).unwrap(), None);
    drop(store);
    let again = restore(&file, &data, "cli", Local::now()).unwrap();
    let aside = again.aside.expect("the data already there is kept aside");
    assert!(aside.join("loket.db").is_file(), "nothing is overwritten");
    assert!(data.join("loket.db").is_file());
}
