//! Duplicate keys in JSON rule-set text: `serde_json` keeps the last of two equal keys
//! silently, which in a bundle could swap a rule's effect unnoticed. This pass over the
//! text finds the first duplicate and its path (nesting is bounded by `serde_json`'s
//! recursion limit). It runs before JSON with free-form tables (scenarios) is parsed; a
//! bundle's tables refuse a repeated key themselves ([`super::unique_keys`]), so for a
//! bundle it runs only after an error, to name the table. A bundle's `ruleset.scenarios`
//! is skipped here and checked when the scenarios are parsed ([`super::Scenarios::parsed`]).

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The first key given twice in one object: the object's path (`ruleset.rules[3].need`)
/// and the key. `None` when there is none, or when the text is not JSON (the parser
/// that runs next reports that).
pub(crate) fn first_duplicate(text: &str) -> Option<(String, String)> {
    let (mut path, mut keys, mut found) = (Vec::new(), Vec::new(), None);
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = Walk { path: &mut path, keys: &mut keys, found: &mut found }.deserialize(&mut de);
    found
}

/// One step of the path to the current value. Keys borrow from the text (a key with an
/// escape is the rare owned one): the walk allocates nothing per key.
enum Seg<'de> {
    Key(Cow<'de, str>),
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

/// A key, borrowed from the text where it has no escapes (serde's own `Cow` always copies).
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

struct Walk<'a, 'de> {
    path: &'a mut Vec<Seg<'de>>,
    /// The keys seen so far in each object that is open, innermost last.
    keys: &'a mut Vec<Cow<'de, str>>,
    found: &'a mut Option<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Checking a key is a scan of this object's earlier keys: objects in rule sets have
        // a few dozen keys at most, where a linear scan beats hashing.
        let start = self.keys.len();
        while let Some(key) = map.next_key_seed(Key)? {
            if self.keys[start..].contains(&key) {
                *self.found = Some((render(self.path), key.into_owned()));
                return Err(serde::de::Error::custom("duplicate key"));
            }
            self.keys.push(key.clone());
            if self.path.len() == 1 && matches!(&self.path[0], Seg::Key(k) if k == "ruleset") && key == "scenarios" {
                // A bundle's scenarios stay text until run; `Scenarios::parsed` checks them.
                map.next_value::<serde::de::IgnoredAny>()?;
                continue;
            }
            self.path.push(Seg::Key(key));
            map.next_value_seed(Walk { path: self.path, keys: self.keys, found: self.found })?;
            self.path.pop();
        }
        self.keys.truncate(start);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            self.path.push(Seg::Index(i));
            let more = seq.next_element_seed(Walk { path: self.path, keys: self.keys, found: self.found })?.is_some();
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
        // An escaped key is the same key; siblings of an ancestor are not duplicates.
        assert_eq!(first_duplicate(r#"{"a": 1, "\u0061": 2}"#), Some((String::new(), "a".into())));
        assert_eq!(first_duplicate(r#"{"a": {"b": 1}, "b": {"a": 1, "c": {"a": 2}}}"#), None);
        assert_eq!(
            first_duplicate(r#"{"x": [{"b": 1}], "y": {"c": [1, {"d": 0, "d": 1}]}}"#),
            Some(("y.c[1]".into(), "d".into()))
        );
    }
}
