//! Duplicate keys in JSON rule-set text: `serde_json` keeps the last of two equal keys
//! silently, which in a bundle could swap a rule's effect unnoticed. One extra pass over
//! the text finds the first duplicate and its path (nesting is bounded by `serde_json`'s
//! recursion limit).

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

/// The first key given twice in one object: the object's path (`ruleset.rules[3].need`)
/// and the key. `None` when there is none, or when the text is not JSON (the parser
/// that runs next reports that).
pub(crate) fn first_duplicate(text: &str) -> Option<(String, String)> {
    let mut path = Vec::new();
    let mut found = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = Walk { path: &mut path, found: &mut found }.deserialize(&mut de);
    found.map(|(p, k)| (render(&p), k))
}

#[derive(Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&crate::limits::echo(k));
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

struct Walk<'a> {
    path: &'a mut Vec<Seg>,
    found: &'a mut Option<(Vec<Seg>, String)>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                *self.found = Some((self.path.clone(), key));
                return Err(serde::de::Error::custom("duplicate key"));
            }
            self.path.push(Seg::Key(key));
            map.next_value_seed(Walk { path: self.path, found: self.found })?;
            self.path.pop();
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            self.path.push(Seg::Index(i));
            let more = seq.next_element_seed(Walk { path: self.path, found: self.found })?.is_some();
            self.path.pop();
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_duplicate_with_its_path() {
        let text = r#"{"ruleset": {"rules": [{"id": "a"}, {"need": {"hulp": "x", "hulp": "y"}}]}}"#;
        assert_eq!(first_duplicate(text), Some(("ruleset.rules[1].need".into(), "hulp".into())));
        assert_eq!(first_duplicate(r#"{"a": 1, "a": 2}"#), Some((String::new(), "a".into())));
        assert_eq!(first_duplicate(r#"{"a": [{"a": 1}, {"a": 2}]}"#), None);
        assert_eq!(first_duplicate("not json"), None);
    }
}
