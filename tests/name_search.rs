//! Name search that forgives spelling: each rule of the issue against a small imported
//! snapshot, the ranking, the filters, the bounds on a query, and the CLI's `forgiven`.

use std::path::Path;

use loket_dtks::core::Store;
use loket_dtks::core::snapshot::search::{SearchQuery, search};
use loket_dtks::core::snapshot::{Forgiven, ImportOptions, SearchHit, import};

const SNAPSHOT: &str = "NIK,NAMA,TGL_LAHIR,DESA\n\
    3520011705850001,Sukarno,1985-05-17,Sukamaju\n\
    3520011705850002,Muhammad Joko Santoso,1985-05-17,Sukamaju\n\
    3520015708100003,SITI AMINAH,2010-08-17,Tegalrejo\n\
    3520015708100004,Tjahjo Koemolo,1970-01-02,Tegalrejo\n\
    3520015708100005,Jusuf Chalik,1972-03-04,Sukamaju\n\
    3520015708100006,Drs. H. Achmad Sjahrir,1960-06-06,Sukamaju\n\
    3520015708100007,Rudi Hartono,1980-01-01,Sukamaju\n\
    3520015708100008,Bambang Hratono,1981-02-02,Sukamaju\n\
    3520015708100009,Nur Hayati,1990-09-09,Tegalrejo\n\
    3520015708100010,Siti Aminah Binti Umar,1975-07-07,Sukamaju\n\
    3520015708100011,Hj. Siti Aminah,1966-06-16,Tegalrejo\n\
    3520015708100012,Abdulrahman Wahid,1940-09-07,Tegalrejo\n";

fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dtsen.csv");
    std::fs::write(&file, SNAPSHOT).unwrap();
    let options = ImportOptions {
        period: Some("2025-09".into()),
        ..Default::default()
    };
    import::import_snapshot(dir.path(), &file, &options, &mut |_| true).unwrap();
    dir
}

fn find(dir: &Path, text: &str, birth_date: Option<&str>) -> Vec<SearchHit> {
    let store = Store::open(dir).unwrap();
    let query = SearchQuery {
        text: text.into(),
        birth_date: birth_date.map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
        desa: None,
        limit: 10,
    };
    search(&store.snapshots, &query).unwrap()
}

fn names_of(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.name.as_str()).collect()
}

#[test]
fn old_spelling_finds_new_and_new_finds_old() {
    let dir = imported();
    let hits = find(dir.path(), "Soekarno", None);
    assert_eq!(names_of(&hits), vec!["Sukarno"]);
    assert_eq!(hits[0].forgiven, vec![Forgiven::OldSpelling]);
    assert_eq!(
        names_of(&find(dir.path(), "Cahyo Kumolo", None)),
        vec!["Tjahjo Koemolo"]
    );
    assert_eq!(
        names_of(&find(dir.path(), "Yusuf Khalik", None)),
        vec!["Jusuf Chalik"]
    );
    let hits = find(dir.path(), "Ahmad Syahrir", None);
    assert_eq!(names_of(&hits), vec!["Drs. H. Achmad Sjahrir"]);
    assert_eq!(
        hits[0].forgiven,
        vec![Forgiven::Title, Forgiven::OldSpelling]
    );
}

#[test]
fn muhammad_forms_old_spelling_and_the_o_a_ending_together() {
    let dir = imported();
    for query in [
        "Moch. Djoko Santosa",
        "M. Joko Santoso",
        "Mohammad Djoko Santoso",
    ] {
        let hits = find(dir.path(), query, Some("1985-05-17"));
        assert_eq!(names_of(&hits), vec!["Muhammad Joko Santoso"], "{query}");
    }
    let hits = find(dir.path(), "Moch. Djoko Santosa", None);
    assert_eq!(
        hits[0].forgiven,
        vec![Forgiven::Muhammad, Forgiven::OldSpelling, Forgiven::Ending]
    );
}

#[test]
fn titles_are_ignored_and_exact_ranks_first() {
    let dir = imported();
    let hits = find(dir.path(), "Hj. Siti Aminah S.Pd.", None);
    assert_eq!(
        names_of(&hits),
        vec!["SITI AMINAH", "Hj. Siti Aminah", "Siti Aminah Binti Umar"]
    );
    assert_eq!(hits[0].forgiven, vec![Forgiven::Title]);
    assert_eq!(hits[1].forgiven, vec![Forgiven::Title]);
    let hits = find(dir.path(), "HJ SITI AMINAH", None);
    assert_eq!(names_of(&hits)[0], "Hj. Siti Aminah");
    assert!(hits[0].forgiven.is_empty(), "same title: exact");
    let hits = find(dir.path(), "siti aminah", None);
    assert_eq!(names_of(&hits)[0], "SITI AMINAH");
    assert!(hits[0].forgiven.is_empty());
    let dated = find(dir.path(), "Siti Aminah, S.E.", Some("2010-08-17"));
    assert_eq!(names_of(&dated), vec!["SITI AMINAH"]);
}

#[test]
fn one_typo_in_a_longer_word_but_not_two_nor_in_a_short_word() {
    let dir = imported();
    for query in [
        "Rudi Hartomo",
        "Rudi Hartno",
        "Rudi Hatrono",
        "Rudi Haartono",
    ] {
        let hits = find(dir.path(), query, None);
        assert_eq!(names_of(&hits)[0], "Rudi Hartono", "{query}");
    }
    let hits = find(dir.path(), "Bambang Hartono", None);
    assert_eq!(names_of(&hits), vec!["Bambang Hratono"]);
    assert_eq!(hits[0].forgiven, vec![Forgiven::Typo]);
    assert!(
        find(dir.path(), "Rido Hartono", None).is_empty(),
        "short word"
    );
    assert!(
        find(dir.path(), "Rudi Hertonu", None).is_empty(),
        "two typos"
    );
    assert!(find(dir.path(), "Sukarmi", None).is_empty(), "two typos");
}

#[test]
fn spacing_and_prefixes_still_match() {
    let dir = imported();
    let hits = find(dir.path(), "Nurhayati", None);
    assert_eq!(names_of(&hits), vec!["Nur Hayati"]);
    assert_eq!(hits[0].forgiven, vec![Forgiven::Spacing]);
    let hits = find(dir.path(), "Abdul Rachman Wahid", Some("1940-09-07"));
    assert_eq!(names_of(&hits), vec!["Abdulrahman Wahid"]);
    assert_eq!(hits[0].forgiven, vec![Forgiven::Spacing]);
    let hits = find(dir.path(), "siti amin", None);
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.forgiven.contains(&Forgiven::Prefix)));
}

#[test]
fn a_pasted_paragraph_gets_a_clear_message() {
    let dir = imported();
    let store = Store::open(dir.path()).unwrap();
    let query = SearchQuery {
        text: "Pemohon datang ke loket membawa surat pengantar desa. ".repeat(63),
        limit: 10,
        ..Default::default()
    };
    let e = search(&store.snapshots, &query).unwrap_err().to_string();
    assert!(
        e.contains("terlalu panjang") && e.contains("nama pemohon saja"),
        "{e}"
    );
}

#[test]
fn cli_json_names_what_was_forgiven() {
    let dir = imported();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loket-dtks"))
        .args(["--data-dir", dir.path().to_str().unwrap()])
        .args(["search", "Moch. Djoko Santosa", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["results"][0];
    assert_eq!(first["nik"], "3520011705850002");
    assert_eq!(first["name"], "Muhammad Joko Santoso");
    assert_eq!(first["birth_date"], "1985-05-17");
    assert_eq!(first["desa"], "Sukamaju");
    assert_eq!(
        first["forgiven"],
        serde_json::json!(["bentuk_muhammad", "ejaan_lama", "akhiran_o_a"])
    );
}

#[test]
fn an_index_from_before_canonical_words_is_rebuilt_on_the_first_search() {
    let dir = imported();
    let names = std::fs::read_dir(dir.path().join("snapshots"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("-nama.db"))
        .unwrap();
    // The index as the previous version wrote it: raw words and the compact form.
    std::fs::remove_file(&names).unwrap();
    let old = rusqlite::Connection::open(&names).unwrap();
    old.execute_batch(
        "CREATE VIRTUAL TABLE names USING fts5(terms, content='', detail='none',
             columnsize=0, tokenize='ascii');
         INSERT INTO names(rowid, terms) VALUES (1, 'sukarno sukarno');",
    )
    .unwrap();
    drop(old);
    let hits = find(dir.path(), "Soekarno", None);
    assert_eq!(names_of(&hits), vec!["Sukarno"]);
    let hits = find(dir.path(), "Moch. Djoko Santosa", Some("1985-05-17"));
    assert_eq!(names_of(&hits), vec!["Muhammad Joko Santoso"]);
    let version: i64 = rusqlite::Connection::open(&names)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, loket_dtks::core::snapshot::names::INDEX_VERSION);
    let left: Vec<_> = std::fs::read_dir(dir.path().join("snapshots"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "no temporary file left: {left:?}");
}
