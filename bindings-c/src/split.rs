//! Splits a JSON array into the text of its elements, so that each record is read by the
//! core's own reader (which refuses a key given twice; a parsed JSON value would have kept
//! only the last one, silently).

/// The text of each element of a JSON array, or `None` when `text` is not a JSON array.
/// The whole text must already be valid JSON (checked by the caller).
pub(crate) fn array_elements(text: &str) -> Option<Vec<&str>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    let bytes = inner.as_bytes();
    let (mut depth, mut in_string, mut escaped, mut start) = (0usize, false, false, 0usize);
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.checked_sub(1)?,
            b',' if depth == 0 => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = inner[start..].trim();
    if !last.is_empty() || !out.is_empty() {
        out.push(last);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::array_elements;

    #[test]
    fn splits_at_top_level_commas_only() {
        let text = r#" [ {"a": [1, 2], "b": "x,]\"}"} , {"facts": {}}, 3 ] "#;
        assert_eq!(array_elements(text).unwrap(), vec![r#"{"a": [1, 2], "b": "x,]\"}"}"#, r#"{"facts": {}}"#, "3"]);
    }

    #[test]
    fn empty_array_and_non_arrays() {
        assert_eq!(array_elements("[]").unwrap(), Vec::<&str>::new());
        assert_eq!(array_elements(" [ ] ").unwrap(), Vec::<&str>::new());
        assert!(array_elements(r#"{"a": 1}"#).is_none());
        assert!(array_elements("\"[1]\"").is_none());
    }
}
