//! Canonical name words, the same on the snapshot side (at import) and the query side
//! (at search), so that a name is found however a village operator or an applicant spells
//! it.
//!
//! From a name key (see [`name_key`](super::normalize::name_key): lower case, single
//! spaces) titles and honorifics before or after the name are dropped (H., Hj., Drs., Ir.,
//! Dr., KH, Prof, S.Pd., A.Md., M.Pd., SE, ...); every form of Muhammad (Muhammad,
//! Muhamad, Mohammad, Mochammad, Moch., Moh., Muh., M.) becomes one word; then each word is
//! rewritten to new spelling (oe→u, tj→c, dj→j, j→y, so also sj→sy and nj→ny; ch/kh→h),
//! doubled letters are collapsed and a final o becomes a (Santoso = Santosa). Typos are
//! not handled here: the search compares canonical words with a bounded edit distance.

/// The canonical word every form of Muhammad becomes.
pub const MUHAMMAD: &str = "muhamad";

/// Titles written before a name (after `name_key`, so without dots).
const LEADING_TITLES: [&str; 30] = [
    "h",
    "hj",
    "hjh",
    "haji",
    "hajah",
    "hajjah",
    "drs",
    "dra",
    "dr",
    "drg",
    "ir",
    "prof",
    "kh",
    "kyai",
    "kiai",
    "ust",
    "ustad",
    "ustadz",
    "ustadzah",
    "ny",
    "nyonya",
    "tn",
    "sdr",
    "sdri",
    "bpk",
    "bapak",
    "alm",
    "almh",
    "almarhum",
    "almarhumah",
];

/// Degrees written after a name as one word ("SE", "SPd", "AMd").
const TRAILING_TITLES: [&str; 40] = [
    "se", "sh", "spd", "spdi", "sag", "skom", "sos", "ssos", "sip", "skep", "skm", "st", "ssi",
    "sth", "shi", "sked", "sfarm", "sak", "spsi", "sp", "sst", "amd", "amk", "amkeb", "amkep",
    "ama", "mpd", "msi", "mm", "mag", "mh", "mkes", "mhum", "mt", "msc", "bsc", "phd", "ba", "lc",
    "ssn",
];

/// First letter of a degree written with dots ("S.Pd." is the words "s pd").
const DEGREE_LEADS: [&str; 3] = ["s", "m", "a"];

/// Later parts of a degree written with dots ("S.Pd.I", "A.Md.Kep", "M.M.").
const DEGREE_PARTS: [&str; 44] = [
    "pd", "ag", "e", "kom", "h", "md", "si", "sos", "ip", "kep", "km", "t", "pdi", "hi", "th",
    "hum", "ked", "farm", "ak", "psi", "kes", "m", "i", "sn", "ds", "st", "ma", "keb", "gz", "tr",
    "ikom", "p", "pt", "kg", "sy", "stat", "mat", "pi", "sc", "a", "ab", "ap", "ars", "sia",
];

/// Short forms of Muhammad (after `name_key`, so without the dot).
const MUHAMMAD_SHORT: [&str; 10] = [
    "m", "mhd", "moh", "muh", "moch", "mochd", "mohd", "mch", "muhd", "mokh",
];

/// One word of a canonical name.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word as written (lower case, from the name key).
    pub raw: String,
    /// The canonical form.
    pub canon: String,
}

/// A name in canonical form.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// The words of the name without its titles.
    pub words: Vec<Word>,
    /// The titles dropped, as written (empty when none).
    pub titles: String,
}

impl Name {
    /// Canonicalises a name key (see [`name_key`](super::normalize::name_key)).
    pub fn of(name_key: &str) -> Name {
        let tokens: Vec<&str> = name_key.split(' ').filter(|t| !t.is_empty()).collect();
        let (start, end) = strip_titles(&tokens);
        Name {
            titles: [&tokens[..start], &tokens[end..]].concat().join(" "),
            words: tokens[start..end]
                .iter()
                .map(|raw| Word {
                    raw: raw.to_string(),
                    canon: canonical_word(raw),
                })
                .collect(),
        }
    }

    /// All words run together, canonicalised as one word ("Nur Hayati" = "Nurhayati").
    pub fn compact(&self) -> String {
        let joined: String = self
            .words
            .iter()
            .map(|w| {
                if w.canon == MUHAMMAD {
                    MUHAMMAD
                } else {
                    w.raw.as_str()
                }
            })
            .collect();
        finish(&collapse(&respell(&joined)))
    }
}

/// The canonical form of one word of a name (titles are a matter of the whole name).
pub fn canonical_word(raw: &str) -> String {
    if MUHAMMAD_SHORT.contains(&raw) {
        return MUHAMMAD.to_string();
    }
    // Respelled and collapsed in one pass: this runs for every word of millions of names
    // on the index thread of an import.
    let mut word = String::with_capacity(raw.len());
    respell_into(raw, &mut |c| {
        if !word.ends_with(c) {
            word.push(c);
        }
    });
    if is_muhammad(&word) || MUHAMMAD_SHORT.contains(&word.as_str()) {
        return MUHAMMAD.to_string();
    }
    if word.len() >= 4 && word.ends_with('o') {
        word.pop();
        word.push('a');
    }
    word
}

/// The form a query word must start a name word with to be its prefix: respelled and
/// collapsed but with its final o kept ("santo" starts "santosa").
pub fn prefix_form(raw: &str) -> String {
    if MUHAMMAD_SHORT.contains(&raw) {
        return MUHAMMAD.to_string();
    }
    collapse(&respell(raw))
}

/// The forms of a query word in which one typo is looked for: the canonical one and,
/// when the word has a doubled letter, also the form before collapsing, because a typo can
/// make a double ("Waan" for "Wayan" would otherwise be "wan", two letters from "wayan").
pub fn typo_forms(raw: &str) -> Vec<String> {
    let canonical = canonical_word(raw);
    let loose = finish(&respell(raw));
    if canonical == MUHAMMAD || loose == canonical {
        vec![canonical]
    } else {
        vec![canonical, loose]
    }
}

/// Old (Van Ophuijsen / Soewandi) spelling to the current one, and ch/kh to h.
pub fn respell(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    respell_into(word, &mut |c| out.push(c));
    out
}

/// Feeds the respelled letters of `word` to `push`: oe→u, tj→c, dj→y, j→y (so also
/// sj→sy, nj→ny), ch→h, kh→h.
fn respell_into(word: &str, push: &mut dyn FnMut(char)) {
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let (letter, pair) = match (c, chars.peek()) {
            ('o', Some('e')) => ('u', true),
            ('t', Some('j')) => ('c', true),
            ('d', Some('j')) => ('y', true),
            ('c' | 'k', Some('h')) => ('h', true),
            ('j', _) => ('y', false),
            _ => (c, false),
        };
        if pair {
            chars.next();
        }
        push(letter);
    }
}

/// Doubled letters written once ("Muhammad" → "muhamad", "Santosso" → "santoso").
pub fn collapse(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = None;
    for c in word.chars() {
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// The final o of a longer word written as a (Javanese "Santoso" = "Santosa").
pub fn finish(word: &str) -> String {
    match word.strip_suffix('o') {
        Some(stem) if word.len() >= 4 => format!("{stem}a"),
        _ => word.to_string(),
    }
}

/// Muhammad and its spellings after respelling and collapsing: m[ou][h]am[ae][dt].
fn is_muhammad(word: &str) -> bool {
    let b = word.as_bytes();
    let rest = match b {
        [b'm', b'u' | b'o', b'h', rest @ ..] | [b'm', b'u' | b'o', rest @ ..] => rest,
        _ => return false,
    };
    matches!(rest, [b'a', b'm', b'a' | b'e', b'd' | b't'])
}

/// Where the words of a name start and end without the titles before and after it (never
/// all of them).
fn strip_titles(tokens: &[&str]) -> (usize, usize) {
    let mut start = 0;
    let mut end = tokens.len();
    loop {
        if end - start > 1 && LEADING_TITLES.contains(&tokens[start]) {
            start += 1;
        } else if end - start > 2 && tokens[start] == "k" && tokens[start + 1] == "h" {
            start += 2;
        } else {
            break;
        }
    }
    while end - start > 1 {
        // "s pd", "a md kep": a lead letter followed by one or two degree parts (before
        // single words, so that "S.Sos" goes whole and not as "sos" leaving "s").
        let degree = (2..=3).find(|&n| {
            end - start > n
                && DEGREE_LEADS.contains(&tokens[end - n])
                && tokens[end - n + 1..end]
                    .iter()
                    .all(|t| DEGREE_PARTS.contains(t))
        });
        match degree {
            Some(n) => end -= n,
            None if TRAILING_TITLES.contains(&tokens[end - 1]) => end -= 1,
            None => break,
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::snapshot::normalize::name_key;

    fn canon(name: &str) -> Vec<String> {
        Name::of(&name_key(name))
            .words
            .into_iter()
            .map(|w| w.canon)
            .collect()
    }

    #[test]
    fn old_and_new_spelling_are_one_word() {
        for (old, new) in [
            ("Soekarno", "Sukarno"),
            ("Djoko", "Joko"),
            ("Tjahjo", "Cahyo"),
            ("Jusuf", "Yusuf"),
            ("Chairul", "Khairul"),
            ("Sjamsul", "Syamsul"),
            ("Njoman", "Nyoman"),
            ("Santoso", "Santosa"),
            ("Achmad", "Ahmad"),
        ] {
            assert_eq!(canon(old), canon(new), "{old} = {new}");
        }
        assert_eq!(canon("Soekarno"), vec!["sukarna"]);
    }

    #[test]
    fn every_form_of_muhammad_is_one_word() {
        for form in [
            "Muhammad",
            "Muhamad",
            "Mohammad",
            "Mochammad",
            "Moch.",
            "Moh.",
            "Muh.",
            "M.",
            "Mohamad",
            "Muhammed",
        ] {
            assert_eq!(
                canon(&format!("{form} Joko")),
                vec![MUHAMMAD, "yoka"],
                "{form}"
            );
        }
        assert_eq!(canon("Mahmud"), vec!["mahmud"]);
    }

    #[test]
    fn titles_before_and_after_are_dropped() {
        let siti = vec!["siti", "aminah"];
        for name in [
            "Hj. Siti Aminah S.Pd.",
            "Dra. Siti Aminah, M.Pd.",
            "Siti Aminah, S.E.",
            "SITI AMINAH SE",
            "Prof. Dr. Ir. Siti Aminah",
            "K.H. Siti Aminah",
            "Siti Aminah, A.Md.Kep",
            "Siti Aminah S.Pd.I",
            "Siti Aminah S.Kom",
            "Siti Aminah, S.Sos",
        ] {
            let name = Name::of(&name_key(name));
            assert!(!name.titles.is_empty(), "{name:?}");
            let words: Vec<&str> = name.words.iter().map(|w| w.canon.as_str()).collect();
            assert_eq!(words, siti);
        }
        assert!(Name::of("siti aminah").titles.is_empty());
        // A lone letter after a name is an initial, and a title alone stays the name.
        assert_eq!(canon("Budi S."), vec!["budi", "s"]);
        assert_eq!(canon("Haji"), vec!["hayi"]);
    }

    #[test]
    fn compact_form_ignores_spacing() {
        let compact = |n: &str| Name::of(&name_key(n)).compact();
        assert_eq!(compact("Nur Hayati"), compact("Nurhayati"));
        assert_eq!(compact("Abdul Latif"), compact("Abdullatif"));
        assert_eq!(compact("Joko Widodo"), compact("Djokowidodo"));
        assert_eq!(compact("Moch. Ali"), compact("Muhammad Ali"));
    }
}
