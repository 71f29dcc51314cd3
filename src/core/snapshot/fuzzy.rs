//! One typo in a word: a letter missing, extra, wrong, or two neighbours swapped (the
//! Damerau-Levenshtein distance 1), on canonical words (see [`canon`](super::canon)), so a
//! doubled letter is already forgiven there.

/// Letters a canonical word is made of (no "j": it is always written "y").
const LETTERS: &str = "abcdefghiklmnopqrstuvwxyz";

/// Every word one typo away from `word`, for looking up in the vocabulary of a snapshot.
///
/// About 50 per letter of the word: a query-side neighbourhood costs nothing at import
/// and a few hundred B-tree lookups per word at search, where indexing each snapshot
/// word with its deletions (SymSpell) would multiply the index terms.
pub fn variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut out = Vec::with_capacity(52 * (n + 1));
    let build = |parts: &[&[char]]| -> String { parts.iter().flat_map(|p| p.iter()).collect() };
    for i in 0..n {
        out.push(build(&[&chars[..i], &chars[i + 1..]]));
        if i + 1 < n && chars[i] != chars[i + 1] {
            out.push(build(&[
                &chars[..i],
                &[chars[i + 1], chars[i]],
                &chars[i + 2..],
            ]));
        }
    }
    for letter in LETTERS.chars() {
        for i in 0..=n {
            out.push(build(&[&chars[..i], &[letter], &chars[i..]]));
            if i < n && chars[i] != letter {
                out.push(build(&[&chars[..i], &[letter], &chars[i + 1..]]));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|v| v != word);
    out
}

/// True when `a` and `b` differ by exactly one typo.
pub fn one_typo_apart(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let first = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() < long.len() {
        return short[first..] == long[first + 1..];
    }
    let rest = first + 1;
    short[rest..] == long[rest..]
        || (rest < short.len()
            && short[first] == long[rest]
            && short[rest] == long[first]
            && short[rest + 1..] == long[rest + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_typo_of_each_kind() {
        assert!(one_typo_apart("santosa", "santsa"), "missing");
        assert!(one_typo_apart("santosa", "santoosa"), "extra");
        assert!(one_typo_apart("santosa", "santusa"), "wrong");
        assert!(one_typo_apart("santosa", "satnosa"), "swapped");
        assert!(!one_typo_apart("santosa", "santosa"));
        assert!(!one_typo_apart("santosa", "sentusa"), "two wrong");
        assert!(!one_typo_apart("santosa", "santos"[..4].as_ref()));
        assert!(!one_typo_apart("abc", "bca"));
    }

    #[test]
    fn variants_hold_every_one_typo_word() {
        let all = variants("budi");
        for near in ["bud", "bdi", "budii", "abudi", "bodi", "ubdi", "budy"] {
            assert!(all.contains(&near.to_string()), "{near}");
            assert!(one_typo_apart("budi", near), "{near}");
        }
        assert!(!all.contains(&"budi".to_string()));
        assert!(all.iter().all(|v| one_typo_apart("budi", v)));
    }
}
