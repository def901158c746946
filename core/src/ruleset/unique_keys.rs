//! Maps that refuse a key given twice while they are read. `serde_json` keeps the last of
//! two equal keys silently; serde's derived structs refuse a repeated field, and the rule
//! source's maps (and [`crate::Text`]) refuse a repeated key through this module. Together
//! they let a bundle be read in one pass: [`super::json_keys`] runs only to locate an error.

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// The error for `key` given twice in one table (echoed within the limits of error texts).
pub(crate) fn twice<E: Error>(key: &str) -> E {
    E::custom(format!("key `{}` is given twice", crate::limits::echo(key)))
}

/// `#[serde(deserialize_with = "…::map")]`: a table of `String` keys, each at most once.
pub(crate) fn map<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueMap(PhantomData))
}

struct UniqueMap<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMap<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = BTreeMap::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(twice(&key));
            }
            let value = access.next_value()?;
            map.insert(key, value);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize, Debug)]
    struct Holder {
        #[serde(deserialize_with = "super::map")]
        need: BTreeMap<String, String>,
    }

    #[test]
    fn a_key_given_twice_is_refused_and_others_are_kept() {
        let ok: Holder = serde_json::from_str(r#"{"need": {"hulp": "a", "herstel": "b"}}"#).unwrap();
        assert_eq!(ok.need.len(), 2);
        let err = serde_json::from_str::<Holder>(r#"{"need": {"hulp": "a", "hulp": "b"}}"#).unwrap_err();
        assert!(err.to_string().contains("key `hulp` is given twice"), "{err}");
        assert_eq!(err.line(), 1, "serde_json places the error");
    }
}
