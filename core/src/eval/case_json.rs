//! Reading case JSON text: one pass that keeps the top-level keys in order and refuses a
//! key given twice (`serde_json` would silently keep the last one, and which answer
//! counts must never depend on that).

use crate::error::CaseError;
use crate::limits::{echo, MAX_CASE_BYTES};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

/// The case's facts in text order, or an error that names no value.
pub(crate) fn parse(text: &str) -> Result<Vec<(String, serde_json::Value)>, CaseError> {
    let error = |problem: String| CaseError { fact: "(case)".into(), problem, hint: None };
    if text.len() > MAX_CASE_BYTES {
        return Err(error(format!("the case JSON is longer than {MAX_CASE_BYTES} bytes")));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let mut duplicate = None;
    let parsed = de.deserialize_any(CaseVisitor { duplicate: &mut duplicate }).and_then(|pairs| {
        de.end()?;
        Ok(pairs)
    });
    if let Some(key) = duplicate {
        return Err(CaseError {
            fact: echo(&key),
            problem: "is given twice".into(),
            hint: Some("give every fact once".into()),
        });
    }
    match parsed {
        Ok(Some(pairs)) => Ok(pairs),
        Ok(None) => Err(error("a case must be a JSON object of facts".into())),
        Err(e) => Err(error(format!("not valid JSON at line {} column {}", e.line(), e.column()))),
    }
}

/// Visits the top level: an object becomes its pairs; anything else `None`.
struct CaseVisitor<'a> {
    duplicate: &'a mut Option<String>,
}

impl<'de> Visitor<'de> for CaseVisitor<'_> {
    type Value = Option<Vec<(String, serde_json::Value)>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object of facts")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = HashSet::new();
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<serde_json::Value>()?;
            if !seen.insert(key.clone()) {
                *self.duplicate = Some(key);
                return Err(serde::de::Error::custom("duplicate key"));
            }
            pairs.push((key, value));
        }
        Ok(Some(pairs))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

impl<'de> DeserializeSeed<'de> for CaseVisitor<'_> {
    type Value = Option<Vec<(String, serde_json::Value)>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_an_error_without_its_values() {
        let e = parse(r#"{"police_wish": "aangifte", "age": 3, "police_wish": "geen"}"#).unwrap_err();
        assert_eq!(e.fact, "police_wish");
        assert!(!e.to_string().contains("aangifte") && !e.to_string().contains("geen"), "{e}");
        assert_eq!(parse(r#"{"a": 1, "b": null}"#).unwrap().len(), 2);
        assert!(parse("[1]").unwrap_err().problem.contains("object"));
        assert!(parse("{} x").unwrap_err().problem.contains("not valid JSON"));
    }
}
