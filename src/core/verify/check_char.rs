//! The check character at the end of a verification code: one of `0-9A-Z`, computed over
//! all the code's letters and digits (year, sequence and signature; the hyphens do not
//! count), so that a code typed with one character wrong, or two neighbours swapped, is
//! told as a typing slip before the register is even asked.
//!
//! Why this scheme. The usual one-character checks over 36 symbols each miss something:
//! Luhn mod 36 cannot see `0Z` swapped to `Z0` (and the check character may be `0` right
//! after a signature ending in `Z`); ISO 7064 MOD 37,36 misses a few dozen swaps; ISO 7064
//! MOD 37-2 catches everything but needs a 37th symbol, `*`, on one code in 37. No weighted
//! sum modulo 36 can catch every swap, because consecutive weights would both have to be
//! units of Z36 and differ by one, and units of Z36 are all odd.
//!
//! So the sum is taken in another ring of 36 elements, GF(4) × Z9: character value `i`
//! (0-35 in the order `0-9A-Z`) is the pair (`i / 9`, `i % 9`). Reading the characters
//! `d1 … dn` gives `P = a^(n-1)·d1 + … + a·d(n-1) + dn` with `a = (ω, 2)`, and the check
//! character is the `c` that makes `a·P + c = 0`. Both `a` and `a - 1` are units of this
//! ring, so
//! - one character changed from `x` to `y` changes the total by `a^k·(x - y) ≠ 0`;
//! - neighbours `x y` swapped change it by `a^k·(a - 1)·(x - y) ≠ 0`.
//!
//! Every single substitution and every adjacent transposition (the check character
//! included) is caught; it is Damm's algorithm on the quasigroup `p ∗ d = a·p + d`. Other
//! errors (two characters wrong) are caught 35 times in 36.

/// The characters of a code, in the order that gives each its value 0-35.
const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// An element of GF(4) × Z9; GF(4) is written 0, 1, ω, ω² = 0, 1, 2, 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Element {
    /// The GF(4) part (addition is XOR).
    u: u8,
    /// The Z9 part.
    v: u8,
}

/// ω times each element of GF(4): ω·ω = ω² = ω + 1, ω·ω² = 1.
const TIMES_OMEGA: [u8; 4] = [0, 2, 3, 1];

/// Zero of the ring: the running value before the first character and, over a whole
/// code with its check character, at the end.
const ZERO: Element = Element { u: 0, v: 0 };

/// The value of a character, `None` if it is not `0-9A-Z` (lowercase is read as upper).
fn value(c: char) -> Option<Element> {
    let upper = c.to_ascii_uppercase();
    let i = ALPHABET.iter().position(|&b| char::from(b) == upper)?;
    Some(Element {
        u: (i / 9) as u8,
        v: (i % 9) as u8,
    })
}

/// The character of a value.
fn character(e: Element) -> char {
    char::from(ALPHABET[usize::from(e.u) * 9 + usize::from(e.v)])
}

/// One step: `a·p + d`.
fn step(p: Element, d: Element) -> Element {
    Element {
        u: TIMES_OMEGA[usize::from(p.u)] ^ d.u,
        v: (2 * p.v + d.v) % 9,
    }
}

/// The running value over `text`'s characters, hyphens skipped; `None` if another
/// character is not `0-9A-Z`.
fn fold(text: &str) -> Option<Element> {
    text.chars()
        .filter(|&c| c != '-')
        .try_fold(ZERO, |p, c| Some(step(p, value(c)?)))
}

/// The check character for `code` (its letters and digits; hyphens are skipped), or
/// `None` if it holds anything else.
pub fn check_char(code: &str) -> Option<char> {
    let p = fold(code)?;
    // a·p + c = 0: in GF(4) minus is plus; in Z9, c = -2·p.
    let a_p = step(p, ZERO);
    Some(character(Element {
        u: a_p.u,
        v: (9 - a_p.v) % 9,
    }))
}

/// Whether the last character of `code` is the check character of the rest.
pub fn is_valid(code: &str) -> bool {
    let mut rest = code.chars();
    match rest.next_back() {
        Some(last) => check_char(rest.as_str()) == Some(last.to_ascii_uppercase()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real code, made with a fixed key by [`crate::core::verify::code`].
    fn real_code() -> String {
        let key = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
        crate::core::verify::code(
            &key,
            &crate::core::verify::Signed {
                year: 2026,
                seq: 7,
                number: "400.9/007/Dinsos/XI/2026",
                nik: "3520011705850001",
                name: "Budi Santoso",
            },
        )
    }

    #[test]
    fn values_cover_the_alphabet_once() {
        for (i, &b) in ALPHABET.iter().enumerate() {
            let e = value(char::from(b)).unwrap();
            assert_eq!(usize::from(e.u) * 9 + usize::from(e.v), i);
            assert_eq!(character(e), char::from(b));
        }
        assert_eq!(value('k'), value('K'), "lowercase reads as upper");
        assert_eq!(value('*'), None);
    }

    #[test]
    fn a_new_code_ends_in_its_check_character() {
        let code = real_code();
        assert!(is_valid(&code), "{code}");
        assert!(is_valid(&code.to_lowercase()));
        let (body, last) = code.split_at(code.len() - 1);
        assert_eq!(check_char(body).map(String::from).as_deref(), Some(last));
        assert_eq!(check_char("2026-0007-AB*D"), None);
        assert!(
            is_valid("2026-0007-K3J5Q2M7XW4PA6BDQ"),
            "the example in the README and on screen"
        );
        assert!(!is_valid(""));
    }

    #[test]
    fn every_single_substitution_in_a_real_code_is_caught() {
        let code: Vec<char> = real_code().chars().collect();
        let mut tried = 0;
        for (i, &original) in code.iter().enumerate() {
            if original == '-' {
                continue;
            }
            for &b in ALPHABET {
                let other = char::from(b);
                if other == original {
                    continue;
                }
                let mut typed = code.clone();
                typed[i] = other;
                let typed: String = typed.into_iter().collect();
                assert!(!is_valid(&typed), "{typed} passes");
                tried += 1;
            }
        }
        assert_eq!(tried, (4 + 4 + 17) * 35);
    }

    #[test]
    fn every_adjacent_swap_in_a_real_code_is_caught() {
        // Neighbours among the letters and digits, across a hyphen too (`0007-K` typed
        // as `000K-7`).
        let code: Vec<char> = real_code().chars().collect();
        let places: Vec<usize> = (0..code.len()).filter(|&i| code[i] != '-').collect();
        let mut tried = 0;
        for pair in places.windows(2) {
            let (i, j) = (pair[0], pair[1]);
            if code[i] == code[j] {
                continue;
            }
            let mut typed = code.clone();
            typed.swap(i, j);
            let typed: String = typed.into_iter().collect();
            assert!(!is_valid(&typed), "{typed} passes");
            tried += 1;
        }
        assert!(tried >= 20, "only {tried} swaps tried");
    }

    #[test]
    fn no_substitution_or_swap_is_missed_anywhere() {
        // The proof for every code, not one: whatever came before is summed up in the
        // running value `p` (36 possibilities), and what follows maps running values one
        // to one onto check characters. So a slip is caught anywhere if, from every `p`,
        // two different characters, and two different neighbours in either order, leave
        // different running values.
        let all: Vec<Element> = ALPHABET
            .iter()
            .map(|&b| value(char::from(b)).unwrap())
            .collect();
        for &p in &all {
            for (i, &x) in all.iter().enumerate() {
                for &y in &all[i + 1..] {
                    assert_ne!(step(p, x), step(p, y), "substitution from {p:?}");
                    assert_ne!(step(step(p, x), y), step(step(p, y), x), "swap from {p:?}");
                }
            }
        }
        // And what follows is one to one: a step with the same character never merges
        // two running values.
        for &d in &all {
            for (i, &p) in all.iter().enumerate() {
                for &q in &all[i + 1..] {
                    assert_ne!(step(p, d), step(q, d));
                }
            }
        }
    }
}
