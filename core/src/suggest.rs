//! "Did you mean …?" hints for misspelled names.

use crate::limits::MAX_SUGGESTED_NAME_CHARS;

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
///
/// Only for names up to [`MAX_SUGGESTED_NAME_CHARS`]: a longer one is no typo, and the
/// edit distance grows with the product of the lengths.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let chars = word.chars().count();
    if chars > MAX_SUGGESTED_NAME_CHARS {
        return None;
    }
    let limit = (chars / 3).max(2);
    candidates
        .into_iter()
        // The distance is at least the difference in length (a char is at most 4 bytes).
        .filter(|c| c.len() <= 4 * (chars + limit))
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// A hint sentence for [`closest`], or a list of what is allowed when nothing is close.
/// No did-you-mean for a word longer than [`MAX_SUGGESTED_NAME_CHARS`]: no name is that long, and the
/// edit distance would cost time quadratic in it.
pub fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let near = closest(word, candidates.clone());
    match near {
        Some(c) => format!("did you mean `{c}`?"),
        None => {
            let all: Vec<&str> = candidates.into_iter().collect();
            if all.len() <= 12 {
                let all: Vec<String> = all.iter().map(|n| crate::limits::echo(n)).collect();
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
        let long = "a".repeat(MAX_SUGGESTED_NAME_CHARS + 1);
        assert_eq!(closest(&long, [&long[1..]]), None);
        assert_eq!(closest(&long[1..], [&long[2..]]), Some(&long[2..]));
    }
}
