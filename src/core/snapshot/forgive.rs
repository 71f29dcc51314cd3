//! How a snapshot name matches a searched name, and what had to be forgiven: the ranking
//! of the name search and the reason shown beside each result that is not exact.

use serde::Serialize;

use crate::core::snapshot::canon::{self, MUHAMMAD, Name, Word};
use crate::core::snapshot::fuzzy::one_typo_apart;

/// Shortest canonical word in which one typo is forgiven (the longer of the two words
/// compared: "Baus" for "Bagus" is forgiven); in shorter words one letter is too much of
/// the word ("Budi" and "Bidi" are two names).
pub const MIN_TYPO_LEN: usize = 5;

/// One thing forgiven when a result is not an exact match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Forgiven {
    /// Titles or honorifics (H., Hj., Drs., S.Pd., ...) on one side only.
    #[serde(rename = "gelar_diabaikan")]
    Title,
    /// A form of Muhammad (Moch., Moh., M., Mohammad, ...).
    #[serde(rename = "bentuk_muhammad")]
    Muhammad,
    /// Old spelling (oe/u, dj/j, tj/c, j/y, ch/kh, sj/sy, nj/ny).
    #[serde(rename = "ejaan_lama")]
    OldSpelling,
    /// A letter written twice.
    #[serde(rename = "huruf_ganda")]
    DoubledLetter,
    /// Final o written a (Santoso = Santosa).
    #[serde(rename = "akhiran_o_a")]
    Ending,
    /// Words run together or apart (Nur Hayati = Nurhayati).
    #[serde(rename = "spasi")]
    Spacing,
    /// The name has words the query does not.
    #[serde(rename = "nama_lebih_panjang")]
    MoreWords,
    /// The words are in another order.
    #[serde(rename = "urutan_kata")]
    WordOrder,
    /// A query word is the start of a name word ("amin" for "Aminah").
    #[serde(rename = "awal_kata")]
    Prefix,
    /// One letter missing, extra, wrong or swapped in a word.
    #[serde(rename = "satu_huruf_beda")]
    Typo,
}

impl Forgiven {
    /// Indonesian label shown beside a result.
    pub fn label(self) -> &'static str {
        match self {
            Forgiven::Title => "gelar diabaikan",
            Forgiven::Muhammad => "bentuk Muhammad",
            Forgiven::OldSpelling => "ejaan lama",
            Forgiven::DoubledLetter => "huruf ganda",
            Forgiven::Ending => "akhiran o/a",
            Forgiven::Spacing => "spasi beda",
            Forgiven::MoreWords => "nama lebih panjang",
            Forgiven::WordOrder => "urutan kata beda",
            Forgiven::Prefix => "awal kata",
            Forgiven::Typo => "1 huruf beda",
        }
    }

    /// How much forgiving this costs in the ranking (exact is 0).
    fn cost(self) -> u32 {
        match self {
            Forgiven::Title => 1,
            Forgiven::Muhammad
            | Forgiven::OldSpelling
            | Forgiven::DoubledLetter
            | Forgiven::Ending => 2,
            Forgiven::Spacing | Forgiven::MoreWords => 3,
            Forgiven::WordOrder => 4,
            Forgiven::Prefix => 6,
            Forgiven::Typo => 10,
        }
    }
}

/// How well a name matches: lower cost ranks first; nothing forgiven is exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Sum of the costs of what was forgiven.
    pub cost: u32,
    /// What was forgiven, each once, in a fixed order.
    pub forgiven: Vec<Forgiven>,
}

/// Compares a searched name with a snapshot name; `None` when a query word has no
/// counterpart in the name (even forgiving) and the names differ run together too.
pub fn assess(query: &Name, name: &Name) -> Option<Assessment> {
    let mut forgiven = Vec::new();
    let mut used = vec![false; name.words.len()];
    let mut last = None;
    let mut in_order = true;
    for q in &query.words {
        let prefix = canon::prefix_form(&q.raw);
        let best = name
            .words
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .filter_map(|(i, n)| word_match(q, &prefix, n).map(|m| (i, m)))
            .min_by_key(|(_, m)| m.iter().map(|f| f.cost()).sum::<u32>());
        let Some((i, word_forgiven)) = best else {
            return (query.compact() == name.compact()).then(|| {
                let mut forgiven = vec![Forgiven::Spacing];
                if query.titles != name.titles {
                    forgiven.push(Forgiven::Title);
                }
                finish(forgiven)
            });
        };
        used[i] = true;
        in_order &= last.is_none_or(|l| l < i);
        last = Some(i);
        forgiven.extend(word_forgiven);
    }
    if !in_order {
        forgiven.push(Forgiven::WordOrder);
    }
    if used.contains(&false) {
        forgiven.push(Forgiven::MoreWords);
    }
    if query.titles != name.titles {
        forgiven.push(Forgiven::Title);
    }
    Some(finish(forgiven))
}

fn finish(mut forgiven: Vec<Forgiven>) -> Assessment {
    forgiven.sort_unstable();
    forgiven.dedup();
    Assessment {
        cost: forgiven.iter().map(|f| f.cost()).sum(),
        forgiven,
    }
}

/// What is forgiven when query word `q` stands for name word `n`, or `None`.
fn word_match(q: &Word, prefix: &str, n: &Word) -> Option<Vec<Forgiven>> {
    if q.canon == n.canon {
        return Some(spelling(&q.raw, &n.raw));
    }
    if n.canon.starts_with(prefix) {
        return Some(vec![Forgiven::Prefix]);
    }
    canon::typo_forms(&q.raw)
        .iter()
        .any(|form| {
            form.chars().count().max(n.canon.chars().count()) >= MIN_TYPO_LEN
                && one_typo_apart(form, &n.canon)
        })
        .then(|| vec![Forgiven::Typo])
}

/// Which spelling rules made two written forms of one canonical word equal.
fn spelling(q: &str, n: &str) -> Vec<Forgiven> {
    if q == n {
        return Vec::new();
    }
    if canon::canonical_word(q) == MUHAMMAD {
        return vec![Forgiven::Muhammad];
    }
    let stages = |w: &str| {
        let respelled = canon::respell(w);
        let collapsed = canon::collapse(&respelled);
        let finished = canon::finish(&collapsed);
        [w.to_string(), respelled, collapsed, finished]
    };
    let (sq, sn) = (stages(q), stages(n));
    let rules = [
        Forgiven::OldSpelling,
        Forgiven::DoubledLetter,
        Forgiven::Ending,
    ];
    (1..4)
        .filter(|&k| sq[k - 1] != sn[k - 1] && (sq[k] != sq[k - 1] || sn[k] != sn[k - 1]))
        .map(|k| rules[k - 1])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::snapshot::normalize::name_key;

    fn check(query: &str, name: &str) -> Option<Vec<Forgiven>> {
        let of = |n: &str| Name::of(&name_key(n));
        assess(&of(query), &of(name)).map(|a| a.forgiven)
    }

    #[test]
    fn each_kind_of_forgiving_is_named() {
        use Forgiven::*;
        assert_eq!(check("Siti Aminah", "SITI AMINAH"), Some(vec![]));
        assert_eq!(check("Soekarno", "Sukarno"), Some(vec![OldSpelling]));
        assert_eq!(
            check("Moch. Djoko Santosa", "Muhammad Joko Santoso"),
            Some(vec![Muhammad, OldSpelling, Ending])
        );
        assert_eq!(
            check("Hj. Siti Aminah S.Pd.", "SITI AMINAH"),
            Some(vec![Title])
        );
        assert_eq!(check("Nur Hayati", "Nurhayati"), Some(vec![Spacing]));
        assert_eq!(check("Hanna", "Hana"), Some(vec![DoubledLetter]));
        assert_eq!(check("Santoso", "Santsoo"), Some(vec![Typo]));
        assert_eq!(check("Hartono", "Hratono"), Some(vec![Typo]));
        assert_eq!(check("Ida Baus", "Ida Bagus"), Some(vec![Typo]));
        assert_eq!(check("I Waan", "I Wayan"), Some(vec![Typo]));
        assert_eq!(check("siti amin", "Siti Aminah"), Some(vec![Prefix]));
        assert_eq!(check("aminah siti", "Siti Aminah"), Some(vec![WordOrder]));
        assert_eq!(
            check("Siti Aminah", "Siti Aminah Binti Umar"),
            Some(vec![MoreWords])
        );
    }

    #[test]
    fn too_much_is_not_forgiven() {
        assert_eq!(check("Rido", "Rudi"), None, "one letter of a short word");
        assert_eq!(check("Hartono", "Hertonu"), None, "two typos");
        assert_eq!(check("Siti Aminah", "Siti Rahma"), None);
    }

    #[test]
    fn exact_ranks_before_forgiven() {
        let of = |n: &str| Name::of(&name_key(n));
        let cost = |q: &str, n: &str| assess(&of(q), &of(n)).unwrap().cost;
        assert_eq!(cost("Joko Santoso", "Joko Santoso"), 0);
        assert!(cost("Joko Santoso", "H. Joko Santoso") < cost("Joko Santoso", "Djoko Santoso"));
        assert!(cost("Joko Santoso", "Djoko Santoso") < cost("Joko Santoso", "Joko Santoos"));
    }
}
