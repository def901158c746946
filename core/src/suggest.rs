//! "Did you mean …?" hints for misspelled names.

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Longest part of a caller's name (a case key, an offer id) repeated in an error: keys
/// can be anything a caller sends, of any length.
pub const ECHO_MAX: usize = 64;

/// `name` as an error may repeat it: at most [`ECHO_MAX`] characters, then `…`.
pub fn elide(name: &str) -> String {
    match name.char_indices().nth(ECHO_MAX) {
        None => name.to_string(),
        Some((cut, _)) => format!("{}…", &name[..cut]),
    }
}

/// A hint sentence for [`closest`], or a list of what is allowed when nothing is close.
/// No did-you-mean for a word longer than [`ECHO_MAX`]: no name is that long, and the
/// edit distance would cost time quadratic in it.
pub fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let near = if word.chars().nth(ECHO_MAX).is_some() { None } else { closest(word, candidates.clone()) };
    match near {
        Some(c) => format!("did you mean `{c}`?"),
        None => {
            let all: Vec<&str> = candidates.into_iter().collect();
            if all.len() <= 12 {
                format!("expected one of: {}", all.join(", "))
            } else {
                format!("expected one of {} known names", all.len())
            }
        }
    }
}

/// Levenshtein distance over chars (optimal for the short identifiers used here).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_name() {
        assert_eq!(closest("polise_wish", ["police_wish", "age"]), Some("police_wish"));
        assert_eq!(closest("zzz", ["police_wish", "age"]), None);
        assert_eq!(hint("agee", ["age", "acts"]), "did you mean `age`?");
        assert_eq!(hint("qqqqqq", ["age", "acts"]), "expected one of: age, acts");
    }
}
