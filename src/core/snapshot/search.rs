//! Name search for an applicant who forgot their NIK, forgiving how the name is spelled:
//! case, spacing, apostrophes, titles, old spelling, forms of Muhammad, doubled letters,
//! the o/a ending and one typo per longer word (see [`canon`] and [`forgive`]).
//!
//! Both the snapshot names (at import, see [`names`](super::names)) and the query are
//! reduced to canonical words. The index is asked first for the canonical words exactly;
//! only when that gives too few results, a second pass adds, per query word, the words of
//! the snapshot's vocabulary one typo away and, for the last word, the words it starts.
//! The birth date (an index term) and desa filters are part of each index query, so they
//! narrow before the ranking, which puts exact matches first and then orders by how much
//! had to be forgiven.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::nik::mask;
use crate::core::snapshot::canon::{self, Name};
use crate::core::snapshot::files::{self, Attached, NAME_TABLE};
use crate::core::snapshot::forgive::{self, Forgiven, MIN_TYPO_LEN};
use crate::core::snapshot::names::{INDEX_VERSION, date_term};
use crate::core::snapshot::normalize::name_key;
use crate::core::snapshot::{SnapshotInfo, fuzzy, reindex, store};
use crate::core::{Error, Result, Store};

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Part of the name.
    pub text: String,
    /// Only persons born on this date.
    pub birth_date: Option<NaiveDate>,
    /// Only persons in a desa whose name contains this.
    pub desa: Option<String>,
    /// At most this many results.
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// NIK.
    pub nik: String,
    /// Name.
    pub name: String,
    /// Birth date, `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// Desa.
    pub desa: Option<String>,
    /// What was forgiven to match the name; empty for an exact match.
    pub forgiven: Vec<Forgiven>,
}

/// Most words (titles included) a query may have: a name, not a paragraph.
pub const MAX_WORDS: usize = 16;

/// Most characters a query may have.
pub const MAX_CHARS: usize = 200;

/// Candidate rows fetched per index query before ranking.
const CANDIDATES: usize = 2000;

/// Shortest half of a word tried as a word of its own ("nur" of "nurhayati").
const MIN_SPLIT_LEN: usize = 2;

/// Most vocabulary words one typo away tried per query word (the most frequent first).
const MAX_VARIANTS: usize = 40;

/// Shortest query word also tried as the start of longer words: shorter prefixes match
/// too many words to be worth reading. Only the last word (the one being typed) and words
/// the snapshot does not have whole are tried so: a prefix reads the entries of every
/// word it starts.
const MIN_PREFIX_LEN: usize = 3;

/// The counter's name search, from the window or the CLI: searches the active snapshot
/// and logs it by `actor` ([`AuditAction::CariNama`]; the detail holds the number of
/// hits, which filters were used and the hits' masked NIKs, never the name asked for).
pub fn find(store: &Store, query: &SearchQuery, actor: &str) -> Result<Vec<SearchHit>> {
    let hits = search(&store.snapshots, query)?;
    let mut detail = format!("{} hasil", hits.len());
    if query.birth_date.is_some() {
        detail.push_str(", dengan tanggal lahir");
    }
    if query.desa.is_some() {
        detail.push_str(", dengan desa");
    }
    let found: Vec<String> = hits.iter().map(|h| mask(&h.nik)).collect();
    if !found.is_empty() {
        detail.push_str(&format!(": {}", found.join(", ")));
    }
    audit::record(
        &store.register,
        actor,
        AuditAction::CariNama,
        "pencarian nama",
        &detail,
        chrono::Local::now(),
    )?;
    Ok(hits)
}

/// Searches the active snapshot by name, best match first.
pub fn search(conn: &Connection, query: &SearchQuery) -> Result<Vec<SearchHit>> {
    let snapshot = store::active(conn)?.ok_or(Error::NoSnapshot)?;
    let key = bounded_key(&query.text)?;
    let tables = current_index(conn, &snapshot)?;
    let wanted = Name::of(&key);
    let limit = query.limit.max(1);
    let mut seen = HashSet::new();
    let mut ranked = |fts: &str| -> Result<Vec<(u32, SearchHit)>> {
        let mut ranked = Vec::new();
        for (mut hit, name) in candidates(conn, &tables, fts, query)? {
            if !seen.insert(hit.nik.clone()) {
                continue;
            }
            if let Some(assessment) = forgive::assess(&wanted, &name) {
                hit.forgiven = assessment.forgiven;
                ranked.push((assessment.cost, hit));
            }
        }
        Ok(ranked)
    };
    let mut found = ranked(&exact_expression(conn, &tables, &wanted)?)?;
    if found.len() < limit {
        found.extend(ranked(&forgiving_expression(conn, &tables, &wanted)?)?);
    }
    found.sort_by(|(a, x), (b, y)| (a, x.name.len(), &x.name).cmp(&(b, y.name.len(), &y.name)));
    Ok(found.into_iter().take(limit).map(|(_, hit)| hit).collect())
}

/// Persons in the active snapshot born on `birth_date` whose name is `name` once both are
/// in canonical form (titles dropped, old spelling, case, spacing and apostrophes do not
/// matter, nothing else is forgiven): the match a bulk check accepts for a row that gives
/// a name and a birth date but no NIK.
pub fn same_name_and_birth(
    conn: &Connection,
    name: &str,
    birth_date: NaiveDate,
) -> Result<Vec<SearchHit>> {
    let snapshot = store::active(conn)?.ok_or(Error::NoSnapshot)?;
    let wanted = Name::of(&bounded_key(name)?);
    if wanted.words.is_empty() {
        return Ok(Vec::new());
    }
    let tables = current_index(conn, &snapshot)?;
    let fts = exact_expression(conn, &tables, &wanted)?;
    let query = SearchQuery {
        birth_date: Some(birth_date),
        ..SearchQuery::default()
    };
    let compact = wanted.compact();
    Ok(candidates(conn, &tables, &fts, &query)?
        .into_iter()
        .filter(|(_, found)| found.compact() == compact)
        .map(|(hit, _)| hit)
        .collect())
}

/// The query's name key, refusing empty text and text too long to be a name.
fn bounded_key(text: &str) -> Result<String> {
    let words = text.split_whitespace().count();
    if words > MAX_WORDS || text.chars().count() > MAX_CHARS {
        return Err(Error::Invalid(format!(
            "Teks pencarian terlalu panjang ({words} kata). Ketik nama pemohon saja, paling \
             banyak {MAX_WORDS} kata dan {MAX_CHARS} huruf."
        )));
    }
    let key = name_key(text);
    if key.is_empty() {
        return Err(Error::Invalid("Ketik sebagian nama untuk mencari.".into()));
    }
    Ok(key)
}

/// Rebuilds a name index written before canonical words (its terms would not match) and
/// attaches the new one; see [`reindex`].
fn current_index(conn: &Connection, snapshot: &SnapshotInfo) -> Result<Attached> {
    let tables = files::attach(conn, snapshot)?;
    let version: i64 = conn.query_row(
        &format!("PRAGMA {}.user_version", tables.names_schema),
        [],
        |r| r.get(0),
    )?;
    if version == INDEX_VERSION {
        return Ok(tables);
    }
    files::detach(conn, snapshot)?;
    let data = files::data_files(conn, snapshot)?;
    reindex::rebuild(&data.persons, &data.names)?;
    files::attach(conn, snapshot)
}

/// Every canonical word exactly; or, where the snapshot has those words, two neighbouring
/// words run together or one word split in two ("Nur Hayati" = "Nurhayati").
fn exact_expression(conn: &Connection, tables: &Attached, name: &Name) -> Result<String> {
    let words: Vec<&str> = name.words.iter().map(|w| w.canon.as_str()).collect();
    let joins: Vec<(usize, String)> = name
        .words
        .windows(2)
        .enumerate()
        .map(|(i, pair)| {
            (
                i,
                canon::canonical_word(&format!("{}{}", pair[0].raw, pair[1].raw)),
            )
        })
        .collect();
    let mut splits: Vec<(usize, String, String)> = Vec::new();
    for (i, word) in name.words.iter().enumerate() {
        let raw = &word.raw;
        for (at, _) in raw.char_indices().skip(MIN_SPLIT_LEN) {
            if raw[at..].chars().count() >= MIN_SPLIT_LEN {
                let (a, b) = raw.split_at(at);
                splits.push((i, canon::canonical_word(a), canon::canonical_word(b)));
            }
        }
    }
    let mut lookups: Vec<String> = joins.iter().map(|(_, j)| j.clone()).collect();
    lookups.extend(splits.iter().flat_map(|(_, a, b)| [a.clone(), b.clone()]));
    lookups.sort_unstable();
    lookups.dedup();
    let known: HashSet<String> = in_vocabulary(conn, tables, &lookups, lookups.len())?
        .into_iter()
        .collect();
    let mut alternatives = vec![words.iter().map(|w| quoted(w)).collect::<Vec<_>>()];
    for (i, joined) in joins.iter().filter(|(_, j)| known.contains(j)) {
        let mut terms: Vec<String> = words.iter().map(|w| quoted(w)).collect();
        terms.splice(*i..*i + 2, [quoted(joined)]);
        alternatives.push(terms);
    }
    for (i, a, b) in splits
        .iter()
        .filter(|(_, a, b)| known.contains(a) && known.contains(b))
    {
        let mut terms: Vec<String> = words.iter().map(|w| quoted(w)).collect();
        terms.splice(*i..*i + 1, [quoted(a), quoted(b)]);
        alternatives.push(terms);
    }
    let alternatives: Vec<String> = alternatives
        .iter()
        .map(|terms| format!("({})", terms.join(" AND ")))
        .collect();
    Ok(alternatives.join(" OR "))
}

/// Each word exactly or one typo away (as found in the vocabulary), and the last word, or
/// a word the snapshot does not have whole, also as the start of a longer word.
fn forgiving_expression(conn: &Connection, tables: &Attached, name: &Name) -> Result<String> {
    let mut groups = Vec::with_capacity(name.words.len());
    for (i, word) in name.words.iter().enumerate() {
        let mut lookups = vec![word.canon.clone()];
        for form in canon::typo_forms(&word.raw) {
            let length = form.chars().count();
            if length + 1 >= MIN_TYPO_LEN {
                lookups.extend(
                    fuzzy::variants(&form)
                        .iter()
                        .filter(|v| length.max(v.chars().count()) >= MIN_TYPO_LEN)
                        .map(|v| canon::canonical_word(v)),
                );
            }
        }
        lookups.sort_unstable();
        lookups.dedup();
        let known = in_vocabulary(conn, tables, &lookups, MAX_VARIANTS + 1)?;
        let mut terms = vec![quoted(&word.canon)];
        terms.extend(
            known
                .iter()
                .filter(|w| **w != word.canon)
                .map(|w| quoted(w)),
        );
        let prefix = canon::prefix_form(&word.raw);
        let last = i + 1 == name.words.len();
        if (last || !known.contains(&word.canon)) && prefix.chars().count() >= MIN_PREFIX_LEN {
            terms.push(format!("{}*", quoted(&prefix)));
        }
        groups.push(format!("({})", terms.join(" OR ")));
    }
    Ok(groups.join(" AND "))
}

/// Which of `words` the snapshot's names have, the `limit` most frequent.
fn in_vocabulary(
    conn: &Connection,
    tables: &Attached,
    words: &[String],
    limit: usize,
) -> Result<Vec<String>> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; words.len()].join(",");
    let mut stmt = conn.prepare(&format!(
        "SELECT word FROM {} WHERE word IN ({marks}) ORDER BY names DESC LIMIT {limit}",
        tables.vocab
    ))?;
    let found = stmt.query_map(params_from_iter(words.iter()), |r| r.get(0))?;
    Ok(found.collect::<rusqlite::Result<_>>()?)
}

/// An FTS5 string (terms are letters and digits, so quoting cannot be escaped from).
fn quoted(term: &str) -> String {
    format!("\"{}\"", term.replace('"', ""))
}

/// Rows matching an FTS expression and the query's filters, with their canonical names.
fn candidates(
    conn: &Connection,
    tables: &Attached,
    fts: &str,
    query: &SearchQuery,
) -> Result<Vec<(SearchHit, Name)>> {
    let mut filters = vec![format!("ni.{NAME_TABLE} MATCH ?")];
    let mut args: Vec<String> = vec![fts.to_string()];
    if let Some(date) = query.birth_date {
        let date = date.format("%Y-%m-%d").to_string();
        args[0] = format!("({fts}) AND {}", quoted(&date_term(&date)));
        filters.push("p.birth_date = ?".into());
        args.push(date);
    }
    if let Some(desa) = query.desa.as_deref().filter(|d| !d.trim().is_empty()) {
        filters.push("p.desa LIKE ?".into());
        args.push(format!("%{}%", desa.trim()));
    }
    let sql = format!(
        "SELECT p.nik, p.name, p.birth_date, p.desa
         FROM {} ni JOIN {} p ON p.rowid = ni.rowid
         WHERE {} LIMIT {CANDIDATES}",
        tables.names,
        tables.persons,
        filters.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        let name: String = r.get(1)?;
        let canonical = Name::of(&name_key(&name));
        Ok((
            SearchHit {
                nik: files::nik_text(r.get(0)?),
                birth_date: r.get(2)?,
                desa: r.get(3)?,
                name,
                forgiven: Vec::new(),
            },
            canonical,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_is_refused_at_once() {
        let paragraph = "warga desa datang ke loket ".repeat(100);
        let e = bounded_key(&paragraph).unwrap_err().to_string();
        assert!(
            e.contains("terlalu panjang") && e.contains("500 kata"),
            "{e}"
        );
        assert!(bounded_key(" ' ").is_err());
        assert_eq!(
            bounded_key("Hj. Siti Aminah, S.Pd.").unwrap(),
            "hj siti aminah s pd"
        );
    }
}
