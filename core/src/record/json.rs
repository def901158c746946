//! Reading record JSON so that a key given twice is an error instead of silently keeping
//! the last one (which could hide a changed answer), and so that errors carry a line and
//! column but never a value.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Parses JSON text, refusing duplicate keys. The error names the position and, for a
/// duplicate, the key (a field or fact name, never a value).
pub(crate) fn parse(text: &str) -> Result<Value, String> {
    match serde_json::from_str::<Checked>(text) {
        Ok(Checked(v)) => Ok(v),
        Err(e) if e.is_data() => {
            let msg = e.to_string();
            let what = msg.split(" at line ").next().unwrap_or("invalid data").to_string();
            Err(format!("{what} at line {} column {}", e.line(), e.column()))
        }
        Err(e) => Err(format!("not valid JSON at line {} column {}", e.line(), e.column())),
    }
}

struct Checked(Value);

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CheckedVisitor).map(Checked)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Checked(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Checked(v) = map.next_value()?;
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("the key `{key}` is given twice")));
            }
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn duplicates_are_refused_and_values_never_echoed() {
        assert!(super::parse(r#"{"a": 1, "b": [1, {"c": null}]}"#).is_ok());
        let e = super::parse("{\"a\": \"secret\",\n \"a\": \"other\"}").unwrap_err();
        assert!(e.contains("`a` is given twice") && e.contains("line 2"), "{e}");
        assert!(!e.contains("secret") && !e.contains("other"));
        let e = super::parse(r#"{"a": "secret""#).unwrap_err();
        assert!(e.starts_with("not valid JSON") && !e.contains("secret"), "{e}");
    }
}
