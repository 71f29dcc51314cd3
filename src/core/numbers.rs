//! Numbers as Indonesian readers write them: a dot between thousands ("307.200").

/// `n` with a dot between each group of three digits: `307200` → `"307.200"`.
pub fn thousands(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// [`thousands`] for a count held as `usize` (row counts, lengths).
pub fn count(n: usize) -> String {
    thousands(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_of_three_with_dots() {
        assert_eq!(thousands(0u32), "0");
        assert_eq!(thousands(999u32), "999");
        assert_eq!(thousands(1000u32), "1.000");
        assert_eq!(thousands(307_200u32), "307.200");
        assert_eq!(thousands(6_000_000u64), "6.000.000");
        assert_eq!(count(1_048_576), "1.048.576");
    }
}
