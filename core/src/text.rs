//! Multilingual user-facing text (`{ nl = "…", en = "…" }`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in several languages, keyed by language code; Dutch (`nl`) is always present.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, falling back to Dutch, then to any language.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("nl"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The Dutch text.
    pub fn nl(&self) -> &str {
        self.get("nl")
    }

    /// Builds a text from `(language, text)` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> Self {
        Text(pairs.into_iter().map(|(l, t)| (l.to_string(), t)).collect())
    }
}
