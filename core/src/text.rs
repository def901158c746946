//! Multilingual user-facing text (`{ nl = "…", en = "…" }`).

use serde::de::Deserializer;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A text in several languages, keyed by language code; Dutch (`nl`) is always present.
///
/// Shared, not copied: a proposal repeats the rule set's labels many times, and cloning a
/// `Text` only bumps a reference count. Serialized as a JSON/TOML table with the languages
/// in sorted order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(Arc<[(String, String)]>);

impl Text {
    /// The text in `lang`, falling back to Dutch, then to any language.
    pub fn get(&self, lang: &str) -> &str {
        self.get_exact(lang)
            .or_else(|| self.get_exact("nl"))
            .or_else(|| self.0.first().map(|(_, t)| t.as_str()))
            .unwrap_or("")
    }

    /// The text in exactly `lang`, if it has one.
    pub fn get_exact(&self, lang: &str) -> Option<&str> {
        self.0.iter().find(|(l, _)| l == lang).map(|(_, t)| t.as_str())
    }

    /// The Dutch text.
    pub fn nl(&self) -> &str {
        self.get("nl")
    }

    /// The languages it has, in sorted order.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(l, _)| l.as_str())
    }

    /// Builds a text from `(language, text)` pairs (a later pair for the same language wins).
    pub fn from_pairs<L: Into<String>>(pairs: impl IntoIterator<Item = (L, String)>) -> Self {
        let map: BTreeMap<String, String> = pairs.into_iter().map(|(l, t)| (l.into(), t)).collect();
        Text(map.into_iter().collect())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (lang, text) in self.0.iter() {
            map.serialize_entry(lang, text)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(Text(map.into_iter().collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn serializes_like_a_sorted_map_and_falls_back_to_dutch() {
        let t = Text::from_pairs([("nl", "hallo".to_string()), ("en", "hello".to_string())]);
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"en":"hello","nl":"hallo"}"#);
        let back: Text = serde_json::from_str(r#"{"nl":"hallo","en":"hello"}"#).unwrap();
        assert_eq!(back, t);
        assert_eq!(t.get("de"), "hallo");
        assert_eq!(t.get_exact("de"), None);
        assert_eq!(t.languages().collect::<Vec<_>>(), ["en", "nl"]);
    }
}
