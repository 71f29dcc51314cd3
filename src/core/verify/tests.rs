use super::*;
use crate::core::letter::issue::tests::request;
use crate::core::letter::{issue_certificate, void_certificate};

/// A store with `n` letters issued; their codes, in order.
fn store_with_letters(n: usize) -> (tempfile::TempDir, Store, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let codes = (0..n)
        .map(|_| {
            issue_certificate(&store, &request())
                .unwrap()
                .verification_code
        })
        .collect();
    (dir, store, codes)
}

fn status(store: &Store, code: &str) -> Status {
    verify(store, code).unwrap().status
}

/// `code` with the character at `i` replaced by another of the same kind.
fn with_slip_at(code: &str, i: usize) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    chars[i] = match chars[i] {
        '0' => '1',
        c if c.is_ascii_digit() => '0',
        'A' => 'B',
        _ => 'A',
    };
    chars.into_iter().collect()
}

/// `code` with its check character made right again for the rest.
fn with_check_char_fixed(code: &str) -> String {
    let body = &code[..code.len() - 1];
    format!("{body}{}", check_char::check_char(body).unwrap())
}

#[test]
fn slips_are_close_and_other_codes_are_far() {
    let right = "2026-0007-ABCDEFGHIJKLMNOP";
    assert_eq!(strsim::osa_distance(right, right), 0);
    assert_eq!(
        strsim::osa_distance(right, "2026-0007-ABCDEFGHIJKLMNO"),
        1,
        "one missing"
    );
    assert_eq!(
        strsim::osa_distance(right, "2026-0007-ABCDEFGHIJKLMNPO"),
        1,
        "two swapped"
    );
    assert_eq!(strsim::osa_distance(right, "2026-0007-ABCDEFGH1JKLMN0P"), 2);
    assert!(strsim::osa_distance(right, "2026-0007-QRSTUVWXYZ234567") > MAX_TYPO);
}

#[test]
fn codes_are_deterministic_end_in_a_check_character_and_differ_between_offices() {
    let a = SigningKey::from_bytes(&[7u8; 32]);
    let b = SigningKey::from_bytes(&[7u8; 32]);
    let letter = Signed {
        year: 2026,
        seq: 7,
        number: "400.9/007/Dinsos/XI/2026",
        nik: "3520011705850001",
        name: "Budi Santoso",
    };
    let c = code(&a, &letter);
    assert!(c.starts_with("2026-0007-"));
    assert_eq!(c.len(), "2026-0007-".len() + SIGNATURE_CHARS + 1);
    assert!(check_char::is_valid(&c));
    assert_eq!(c, code(&b, &letter));
    let other = SigningKey::from_bytes(&[8u8; 32]);
    assert_ne!(
        c,
        code(&other, &letter),
        "another office's key gives another code"
    );
}

#[test]
fn a_new_code_is_valid_as_printed_in_any_case_spacing_or_url() {
    let (_dir, store, codes) = store_with_letters(1);
    let code = &codes[0];
    let answer = verify(&store, code).unwrap();
    assert_eq!(answer.status, Status::Valid);
    assert_eq!(answer.name.as_deref(), Some("SITI AMINAH"));
    let spaced = format!(
        " {} {} {} {} ",
        &code[..4],
        &code[5..9],
        &code[10..18],
        &code[18..]
    )
    .to_lowercase();
    for typed in [
        code.to_lowercase(),
        spaced,
        format!("https://dinsos.contohkab.go.id/verifikasi/{code}/"),
        // Read off paper: the year and number with the letter O for zero.
        format!("{}{}", code[..10].replace('0', "O"), &code[10..]),
    ] {
        let answer = verify(&store, &typed).unwrap();
        assert_eq!(answer.status, Status::Valid, "{typed}");
        assert_eq!(&answer.code, code, "{typed} is shown as printed");
    }
}

#[test]
fn a_slip_in_the_sequence_is_a_slip_not_a_forgery() {
    let (_dir, store, codes) = store_with_letters(2);
    let first = &codes[0];
    assert!(first.starts_with("2026-0001-") && codes[1].starts_with("2026-0002-"));
    // The number of another letter that exists, or of none.
    for seq in ["0002", "0003", "0010", "1001"] {
        let typed = format!("2026-{seq}-{}", &first[10..]);
        let answer = verify(&store, &typed).unwrap();
        assert_eq!(answer.status, Status::Typo, "{typed}");
        assert_eq!(answer.number, None, "no letter shown for {typed}");
        assert_eq!(answer.name, None);
    }
    // Two neighbours swapped across the hyphen, and a slip in the year.
    let swapped = format!("2026-000{}-1{}", &first[10..11], &first[11..]);
    assert_eq!(status(&store, &swapped), Status::Typo, "{swapped}");
    assert_eq!(status(&store, &with_slip_at(first, 2)), Status::Typo);
}

#[test]
fn a_slip_in_the_signature_or_the_check_character_is_a_slip() {
    let (_dir, store, codes) = store_with_letters(1);
    let code = &codes[0];
    for i in [10, 17, 25, code.len() - 1] {
        let typed = with_slip_at(code, i);
        let answer = verify(&store, &typed).unwrap();
        assert_eq!(answer.status, Status::Typo, "{typed}");
        assert_eq!(
            answer.name, None,
            "nothing about the person for a wrong code"
        );
    }
    let mut swapped: Vec<char> = code.chars().collect();
    let at = (10..code.len() - 1)
        .find(|&i| swapped[i] != swapped[i + 1])
        .unwrap();
    swapped.swap(at, at + 1);
    let swapped: String = swapped.into_iter().collect();
    assert_eq!(status(&store, &swapped), Status::Typo);
}

#[test]
fn a_made_up_code_with_a_right_check_character_is_a_forgery() {
    let (_dir, store, codes) = store_with_letters(2);
    let made_up = with_check_char_fixed(&format!("{}QRSTUVWXYZ234567X", &codes[0][..10]));
    assert!(check_char::is_valid(&made_up));
    let answer = verify(&store, &made_up).unwrap();
    assert_eq!(answer.status, Status::Forged);
    assert_eq!(answer.name, None);
    // Another letter's signature under this number, its check character redone.
    let copied = with_check_char_fixed(&format!("{}{}", &codes[0][..10], &codes[1][10..]));
    assert_eq!(status(&store, &copied), Status::Forged);
    // A number no letter has, with a right check character: unknown.
    let unknown = with_check_char_fixed(&format!("2026-0099-{}", &codes[0][10..]));
    assert_eq!(status(&store, &unknown), Status::Unknown);
}

#[test]
fn a_new_code_typed_without_its_check_character_is_a_slip() {
    // Still an authentic signature, but the letter's number tells it was printed with
    // a check character: the clerk is asked for the whole code.
    let (_dir, store, codes) = store_with_letters(1);
    let short = &codes[0][..codes[0].len() - 1];
    let answer = verify(&store, short).unwrap();
    assert_eq!(answer.status, Status::Typo);
    assert_eq!(answer.name, None);
    // A 16-character code far from the letter's own is still a forgery.
    let made_up = format!("{}QRSTUVWXYZ234567", &codes[0][..10]);
    assert_eq!(status(&store, &made_up), Status::Forged);
}

#[test]
fn a_letter_issued_before_the_check_character_keeps_verifying() {
    let (_dir, store, codes) = store_with_letters(1);
    let old = codes[0][..codes[0].len() - 1].to_string();
    store
        .register
        .execute(
            "UPDATE certificate SET verification_code = ?1 WHERE seq = 1",
            [&old],
        )
        .unwrap();
    let answer = verify(&store, &old).unwrap();
    assert_eq!(answer.status, Status::Valid);
    assert_eq!(answer.name.as_deref(), Some("SITI AMINAH"));
    assert_eq!(status(&store, &old.to_lowercase()), Status::Valid);
    // Its 16 characters keep the distance rule: one or two off is a slip, far a forgery.
    assert_eq!(status(&store, &with_slip_at(&old, 12)), Status::Typo);
    assert_eq!(status(&store, &old[..old.len() - 1]), Status::Typo);
    let made_up = format!("{}QRSTUVWXYZ234567", &old[..10]);
    assert_eq!(status(&store, &made_up), Status::Forged);
    // The longer form was never printed on it.
    assert_eq!(status(&store, &codes[0]), Status::Typo);
}

#[test]
fn a_voided_letter_is_void_new_or_old() {
    let (_dir, store, codes) = store_with_letters(2);
    for number in ["400.9/001/Dinsos/XI/2026", "400.9/002/Dinsos/XI/2026"] {
        void_certificate(&store, number, "salah tulis keperluan", "operator").unwrap();
    }
    let old = codes[1][..codes[1].len() - 1].to_string();
    store
        .register
        .execute(
            "UPDATE certificate SET verification_code = ?1 WHERE seq = 2",
            [&old],
        )
        .unwrap();
    for code in [&codes[0], &old] {
        let answer = verify(&store, code).unwrap();
        assert_eq!(answer.status, Status::Void, "{code}");
        assert!(answer.number.is_some());
    }
    assert_eq!(
        status(&store, &with_slip_at(&codes[0], 20)),
        Status::Typo,
        "a slip is a slip, voided or not"
    );
}

#[test]
fn garbage_is_unknown() {
    let (_dir, store, _codes) = store_with_letters(1);
    for typed in ["", "halo", "2026-0001", "XXXX-0001-ABCDEFGHIJKLMNOP"] {
        assert_eq!(status(&store, typed), Status::Unknown, "{typed:?}");
    }
}

#[test]
fn extracts_code_from_a_url_and_spaces() {
    assert_eq!(
        extract_code("https://dinsos.example.go.id/verifikasi/2026-0007-abcd"),
        "2026-0007-ABCD"
    );
    assert_eq!(extract_code(" 2026-0007-ABCD "), "2026-0007-ABCD");
    assert_eq!(extract_code("2026 0007 abcd efgh"), "2026-0007-ABCDEFGH");
    assert_eq!(
        extract_code("2026 - 0007 - ABCD-EFGH"),
        "2026-0007-ABCDEFGH"
    );
    assert_eq!(extract_code("halo"), "HALO");
}

#[test]
fn look_alike_characters_are_read_as_meant() {
    // O and I in the number are digits; 0, 1 and 8 in the signature (base32) are the
    // letters O, I and B; the check character (any of 0-9, A-Z) stays as typed.
    assert_eq!(
        extract_code("2O26-OOO7-0I8ABCDEFGHIJKLM0"),
        "2026-0007-OIBABCDEFGHIJKLM0"
    );
    assert_eq!(extract_code("2026-0O1L-ABCD"), "2026-0011-ABCD");
}
