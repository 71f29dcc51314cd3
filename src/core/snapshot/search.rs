//! Name search for an applicant who forgot their NIK: case, spacing and apostrophe style
//! do not matter; results are ranked (exact, then prefix, then word, then substring).

use chrono::NaiveDate;
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

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

/// Candidate rows fetched before ranking.
const CANDIDATES: usize = 2000;

/// Searches the active snapshot by name.
pub fn search(conn: &Connection, query: &SearchQuery) -> Result<Vec<SearchHit>> {
    let snapshot = store::active(conn)?.ok_or(Error::NoSnapshot)?;
    let key = name_key(&query.text);
    if key.is_empty() {
        return Err(Error::Invalid("Ketik sebagian nama untuk mencari.".into()));
    }
    let table = store::person_table(snapshot.id);
    let index = store::name_index(snapshot.id);
    let words: Vec<&str> = key.split(' ').collect();
    let long: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{w}\""))
        .collect();
    let mut filters = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let from = if long.is_empty() {
        filters.push("p.name_key LIKE ?".to_string());
        args.push(format!("%{key}%"));
        format!("{table} p")
    } else {
        filters.push(format!("{index} MATCH ?"));
        args.push(long.join(" AND "));
        format!("{index} JOIN {table} p ON p.rowid = {index}.rowid")
    };
    if let Some(date) = query.birth_date {
        filters.push("p.birth_date = ?".into());
        args.push(date.format("%Y-%m-%d").to_string());
    }
    if let Some(desa) = query.desa.as_deref().filter(|d| !d.trim().is_empty()) {
        filters.push("p.desa LIKE ?".into());
        args.push(format!("%{}%", desa.trim()));
    }
    let sql = format!(
        "SELECT p.nik, p.name, p.birth_date, p.desa, p.name_key FROM {from}
         WHERE {} LIMIT {CANDIDATES}",
        filters.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut ranked: Vec<(u8, usize, SearchHit)> = stmt
        .query_map(params_from_iter(args.iter()), |r| {
            Ok((
                SearchHit {
                    nik: r.get(0)?,
                    name: r.get(1)?,
                    birth_date: r.get(2)?,
                    desa: r.get(3)?,
                },
                r.get::<_, String>(4)?,
            ))
        })?
        .filter_map(|row| row.ok())
        .filter_map(|(hit, name)| rank(&key, &words, &name).map(|r| (r, name.len(), hit)))
        .collect();
    ranked.sort_by(|a, b| (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name)));
    Ok(ranked
        .into_iter()
        .take(query.limit.max(1))
        .map(|(_, _, hit)| hit)
        .collect())
}

/// Lower is better; `None` when a word of the query is missing from the name.
fn rank(key: &str, words: &[&str], name: &str) -> Option<u8> {
    if !words.iter().all(|w| name.contains(w)) {
        return None;
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
    }
}
