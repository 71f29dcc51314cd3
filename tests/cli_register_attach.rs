//! CLI `register attach`: a photo of a KTP that arrived online kept with its application;
//! a file of the wrong type refused with exit 2 and nothing recorded.

mod cli_common;

use cli_common::{data_dir, imported, json, run};
use loket_dtks::core::Store;
use loket_dtks::core::register;

#[test]
fn a_photo_is_attached_and_a_text_file_is_refused() {
    let dir = imported();
    let added = json(&run(
        dir.path(),
        &[
            "register",
            "add",
            "--name",
            "Budi Santoso",
            "--nik",
            "3520011705850001",
            "--purpose",
            "pengobatan",
            "--channel",
            "whatsapp",
            "--contact",
            "081234567890",
            "--json",
        ],
    ));
    let id = added["id"].as_i64().unwrap().to_string();
    let files = tempfile::tempdir().unwrap();
    let photo = files.path().join("ktp.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff\xe0 foto").unwrap();

    let out = run(
        dir.path(),
        &[
            "register",
            "attach",
            &id,
            photo.to_str().unwrap(),
            "--kind",
            "ktp",
            "--json",
        ],
    );
    let shown = json(&out);
    assert_eq!(shown["kind"], "KTP");
    assert_eq!(shown["file_name"], "ktp.jpg");
    let path = shown["path"].as_str().unwrap();
    assert!(path.starts_with("lampiran/"), "{path}");
    assert_eq!(
        std::fs::read(data_dir(dir.path()).join(path)).unwrap(),
        b"\xff\xd8\xff\xe0 foto"
    );

    let text = files.path().join("catatan.pdf");
    std::fs::write(&text, "bukan pdf").unwrap();
    let out = run(
        dir.path(),
        &[
            "register",
            "attach",
            &id,
            text.to_str().unwrap(),
            "--kind",
            "KK",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bukan foto JPEG/PNG atau PDF"), "{err}");
    let out = run(
        dir.path(),
        &[
            "register",
            "attach",
            &id,
            photo.to_str().unwrap(),
            "--kind",
            "paspor",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");

    let store = Store::open(&data_dir(dir.path())).unwrap();
    let listed = register::attachments(&store.register, id.parse().unwrap()).unwrap();
    assert_eq!(listed.len(), 1, "only the photo is recorded");
}
