//! Name search for an applicant who forgot their NIK: case, spacing and apostrophe style
//! do not matter; results are ranked (exact, then prefix, then word, then substring).

use chrono::NaiveDate;
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

use crate::core::snapshot::files::{self, Attached, NAME_TABLE};
use crate::core::snapshot::normalize::name_key;
use crate::core::snapshot::store;
use crate::core::{Error, Result};

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
}

/// Candidate rows fetched per query before ranking.
const CANDIDATES: usize = 2000;

/// Searches the active snapshot by name.
///
/// The name index holds each name's words plus its compact form (no spaces) as one more
/// word, so "Nur Hayati" and "Nurhayati" find each other. Whole words are tried first so that exact
/// matches are never crowded out; word prefixes ("amin" for "aminah") fill up the rest.
pub fn search(conn: &Connection, query: &SearchQuery) -> Result<Vec<SearchHit>> {
    let snapshot = store::active(conn)?.ok_or(Error::NoSnapshot)?;
    let key = name_key(&query.text);
    if key.is_empty() {
        return Err(Error::Invalid("Ketik sebagian nama untuk mencari.".into()));
    }
    let tables = files::attach(conn, &snapshot)?;
    let words: Vec<&str> = key.split(' ').collect();
    let compact: String = key.replace(' ', "");
    let limit = query.limit.max(1);
    let mut found: Vec<(u8, usize, SearchHit)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for prefix in [false, true] {
        let star = if prefix { "*" } else { "" };
        let all_words: Vec<String> = words.iter().map(|w| format!("\"{w}\"{star}")).collect();
        let fts = format!("({}) OR \"{compact}\"{star}", all_words.join(" AND "));
        for (hit, name) in candidates(conn, &tables, &fts, query)? {
            if !seen.insert(hit.nik.clone()) {
                continue;
            }
            if let Some(rank) = rank(&key, &words, &name) {
                found.push((rank, name.len(), hit));
            }
        }
        if found.len() >= limit {
            break;
        }
    }
    found.sort_by(|a, b| (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name)));
    Ok(found
        .into_iter()
        .take(limit)
        .map(|(_, _, hit)| hit)
        .collect())
}

/// Rows matching an FTS expression and the query's filters, with their name keys.
fn candidates(
    conn: &Connection,
    tables: &Attached,
    fts: &str,
    query: &SearchQuery,
) -> Result<Vec<(SearchHit, String)>> {
    let mut filters = vec![format!("ni.{NAME_TABLE} MATCH ?")];
    let mut args: Vec<String> = vec![fts.to_string()];
    if let Some(date) = query.birth_date {
        filters.push("p.birth_date = ?".into());
        args.push(date.format("%Y-%m-%d").to_string());
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
        Ok((
            SearchHit {
                nik: files::nik_text(r.get(0)?),
                birth_date: r.get(2)?,
                desa: r.get(3)?,
                name: name.clone(),
            },
            name_key(&name),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Lower is better; `None` when a word of the query is missing from the name.
fn rank(key: &str, words: &[&str], name: &str) -> Option<u8> {
    let compact_equal = || name.replace(' ', "") == key.replace(' ', "");
    if !words.iter().all(|w| name.contains(w)) {
        return compact_equal().then_some(1);
    }
    let name_words: Vec<&str> = name.split(' ').collect();
    Some(if name == key {
        0
    } else if name.starts_with(key) {
        1
    } else if words.iter().all(|w| name_words.contains(w)) {
        2
    } else if words
        .iter()
        .all(|w| name_words.iter().any(|n| n.starts_with(w)))
    {
        3
    } else {
        4
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_prefers_exact_then_prefix_then_words() {
        let words = ["siti", "aminah"];
        assert_eq!(rank("siti aminah", &words, "siti aminah"), Some(0));
        assert_eq!(
            rank("siti aminah", &words, "siti aminah binti umar"),
            Some(1)
        );
        assert_eq!(rank("siti aminah", &words, "aminah siti"), Some(2));
        assert_eq!(rank("siti aminah", &words, "sitihajar aminah"), Some(3));
        assert_eq!(rank("siti aminah", &words, "siti rahma"), None);
        assert_eq!(rank("nurhayati", &["nurhayati"], "nur hayati"), Some(1));
    }
}
