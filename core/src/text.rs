//! Multilingual user-facing text (`{ nl = "…", en = "…" }`), with optional variants per
//! voice (`{ nl = "Hoe oud bent u?", je = { nl = "Hoe oud ben je?" } }`).

use crate::name::Name;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// A text in several languages, keyed by language code; Dutch (`nl`) is always present.
///
/// Shared, not copied: a proposal repeats the rule set's labels many times, and cloning a
/// `Text` only bumps a reference count. Serialized as a JSON/TOML table with the languages
/// in sorted order, then the voice variants (each a table of languages) in sorted order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// Language codes are short: kept in place ([`Name`]), not one allocation each.
    langs: Arc<[(Name, String)]>,
    /// Per voice id (declared in the manifest): the same text in that voice. A language
    /// a variant lacks falls back to the plain text.
    voices: Option<Arc<[(Name, Text)]>>,
}

impl Text {
    /// The text in `lang`, falling back to Dutch, then to any language.
    pub fn get(&self, lang: &str) -> &str {
        self.get_exact(lang)
            .or_else(|| self.get_exact("nl"))
            .or_else(|| self.langs.first().map(|(_, t)| t.as_str()))
            .unwrap_or("")
    }

    /// The text in exactly `lang`, if it has one.
    pub fn get_exact(&self, lang: &str) -> Option<&str> {
        self.langs.iter().find(|(l, _)| l.as_bytes() == lang.as_bytes()).map(|(_, t)| t.as_str())
    }

    /// Whether it has no text in any language and no variants (an absent optional text).
    pub fn is_empty(&self) -> bool {
        self.langs.is_empty() && self.voices.is_none()
    }

    /// The text in `lang` only, without variants: `{lang: …}` when it has `lang`, else its
    /// Dutch text as `{nl: …}` — the key says which language a reader gets (fallback per
    /// text).
    pub fn only(&self, lang: &str) -> Text {
        let (l, t) = match self.get_exact(lang) {
            Some(t) => (lang, t),
            None => ("nl", self.get("nl")),
        };
        Text { langs: Arc::from([(Name::new(l), t.to_string())]), voices: None }
    }

    /// The Dutch text.
    pub fn nl(&self) -> &str {
        self.get("nl")
    }

    /// The languages it has, in sorted order.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.langs.iter().map(|(l, _)| l.as_str())
    }

    /// The voice variants (voice id, text in that voice), in sorted order.
    pub fn variants(&self) -> impl Iterator<Item = (&str, &Text)> {
        self.voices.iter().flat_map(|v| v.iter().map(|(id, t)| (id.as_str(), t)))
    }

    /// The text as spoken in `voice`: its variant for that voice over the plain text
    /// (per language), without variants. Without a variant (or voice), the plain text.
    pub fn voiced(&self, voice: Option<&str>) -> Text {
        let plain = Text { langs: self.langs.clone(), voices: None };
        let Some(variant) = voice.and_then(|v| self.variants().find(|(id, _)| *id == v).map(|(_, t)| t)) else {
            return plain;
        };
        let pairs = self.langs.iter().chain(variant.langs.iter()).cloned().collect();
        Text { langs: crate::sort::last_per_key(pairs).into(), voices: None }
    }

    /// The text as spoken in the first of `voices` that has a variant in each language
    /// (a voice and its fallback, e.g. `["ouder", "melder"]`), else the plain text.
    pub fn voiced_in(&self, voices: &[&str]) -> Text {
        let mut pairs: Vec<(Name, String)> = self.langs.to_vec();
        for voice in voices.iter().rev() {
            if let Some((_, variant)) = self.variants().find(|(id, _)| id == voice) {
                pairs.extend(variant.langs.iter().cloned());
            }
        }
        Text { langs: crate::sort::last_per_key(pairs).into(), voices: None }
    }

    /// Whether it has a variant for `voice`.
    pub fn has_variant(&self, voice: &str) -> bool {
        self.variants().any(|(v, _)| v == voice)
    }

    /// Builds a text from `(language, text)` pairs (a later pair for the same language wins).
    pub fn from_pairs<L: Into<String>>(pairs: impl IntoIterator<Item = (L, String)>) -> Self {
        let pairs = pairs.into_iter().map(|(l, t)| (Name::from(l.into()), t)).collect();
        Text { langs: crate::sort::last_per_key(pairs).into(), voices: None }
    }

    /// Adds (or replaces) the variant for `voice`.
    pub fn with_variant(self, voice: &str, text: Text) -> Self {
        let mut pairs: Vec<(Name, Text)> = self.variants().map(|(v, t)| (Name::new(v), t.clone())).collect();
        pairs.push((Name::new(voice), Text { langs: text.langs, voices: None }));
        Text { langs: self.langs, voices: Some(crate::sort::last_per_key(pairs).into()) }
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let voices = self.voices.as_deref().unwrap_or(&[]);
        let mut map = serializer.serialize_map(Some(self.langs.len() + voices.len()))?;
        for (lang, text) in self.langs.iter() {
            map.serialize_entry(lang.as_str(), text)?;
        }
        for (voice, text) in voices {
            map.serialize_entry(voice.as_str(), text)?;
        }
        map.end()
    }
}

/// What a text table is, in errors. Other input is refused with this alone: serde's own
/// message would echo what was found.
const EXPECTED: &str =
    "expected a table of languages, e.g. { nl = \"…\", en = \"…\" }, where a voice may have its own table, e.g. je = { nl = \"…\" }";

/// Read in one pass with a visitor (not an untagged enum, which buffers every entry), and
/// refusing a language or voice given twice (like the maps of `ruleset::unique_keys`).
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `any`, not `map`: serde_json reports a non-table given to `deserialize_map` itself,
        // with the value in the message.
        match deserializer.deserialize_any(Part::Table)? {
            TableValue::Table(text) => Ok(text),
            TableValue::Text(_) => Err(de::Error::custom(EXPECTED)),
        }
    }
}

/// Where a value of a text table stands, which says what it may be.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// The text itself: a table.
    Table,
    /// A value in it: a language's text, or a voice's table.
    Entry,
    /// A value in a voice's table: a language's text.
    VoiceEntry,
}

/// A value read at a [`Part`].
enum TableValue {
    Text(String),
    Table(Text),
}

impl<'de> DeserializeSeed<'de> for Part {
    type Value = TableValue;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<TableValue, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Part {
    type Value = TableValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED.trim_start_matches("expected "))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TableValue, A::Error> {
        let inner = match self {
            Part::Table => Part::Entry,
            Part::Entry => Part::VoiceEntry,
            Part::VoiceEntry => return Err(de::Error::custom(EXPECTED)),
        };
        let mut langs = Pairs::<String>::default();
        let mut voices: Vec<(Name, Text)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if langs.as_slice().iter().any(|(k, _)| *k == key) || voices.iter().any(|(k, _)| *k == key) {
                return Err(crate::ruleset::unique_keys::twice(key.as_str()));
            }
            match map.next_value_seed(inner)? {
                TableValue::Text(text) => langs.push((key, text)),
                TableValue::Table(text) => voices.push((key, text)),
            }
        }
        // Sorted like the map this used to be: the canonical form (and the hash) depend on it.
        crate::sort::sort_by(langs.as_mut_slice(), |a, b| a.0.cmp(&b.0));
        crate::sort::sort_by(&mut voices, |a, b| a.0.cmp(&b.0));
        let voices = (!voices.is_empty()).then(|| voices.into());
        Ok(TableValue::Table(Text { langs: langs.into_arc(), voices }))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<TableValue, E> {
        self.visit_string(text.to_owned())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<TableValue, E> {
        match self {
            Part::Table => Err(E::custom(EXPECTED)),
            Part::Entry | Part::VoiceEntry => Ok(TableValue::Text(text)),
        }
    }

    // Anything else is refused without echoing it (serde's default message would).
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<TableValue, E> {
        Err(E::custom(EXPECTED))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<TableValue, E> {
        Err(E::custom(EXPECTED))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<TableValue, E> {
        Err(E::custom(EXPECTED))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<TableValue, E> {
        Err(E::custom(EXPECTED))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<TableValue, A::Error> {
        Err(de::Error::custom(EXPECTED))
    }
}

/// Entries kept on the stack while a table is read: a text has a few languages, and a `Vec`
/// grown for them and then copied into the `Arc` was two allocations per text.
const ON_STACK: usize = 8;

/// The `(key, value)` pairs of one table, in reading order: on the stack up to
/// [`ON_STACK`], all in a `Vec` beyond.
struct Pairs<V> {
    len: usize,
    stack: [(Name, V); ON_STACK],
    heap: Vec<(Name, V)>,
}

impl<V: Default> Default for Pairs<V> {
    fn default() -> Self {
        Pairs { len: 0, stack: Default::default(), heap: Vec::new() }
    }
}

impl<V: Default> Pairs<V> {
    fn push(&mut self, pair: (Name, V)) {
        if self.len < ON_STACK {
            self.stack[self.len] = pair;
        } else {
            if self.heap.is_empty() {
                self.heap.extend(self.stack.iter_mut().map(std::mem::take));
            }
            self.heap.push(pair);
        }
        self.len += 1;
    }

    fn as_slice(&self) -> &[(Name, V)] {
        if self.len <= ON_STACK {
            &self.stack[..self.len]
        } else {
            &self.heap
        }
    }

    fn as_mut_slice(&mut self) -> &mut [(Name, V)] {
        if self.len <= ON_STACK {
            &mut self.stack[..self.len]
        } else {
            &mut self.heap
        }
    }

    /// One allocation: an iterator of known length fills the `Arc` directly.
    fn into_arc(mut self) -> Arc<[(Name, V)]> {
        self.as_mut_slice().iter_mut().map(std::mem::take).collect()
    }
}

/// Reads a language or voice key into a [`Name`], from borrowed or owned text alike.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Name;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Name, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Name;

    // What `String` keys said: keys are strings in JSON and TOML, so this is not seen.
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Name, E> {
        Ok(Name::new(key))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Name, E> {
        Ok(Name::from(key))
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
        assert_eq!(serde_json::to_string(&t.only("en")).unwrap(), r#"{"en":"hello"}"#);
        assert_eq!(serde_json::to_string(&t.only("ar")).unwrap(), r#"{"nl":"hallo"}"#, "falls back to Dutch");
        assert!(!t.is_empty() && Text::default().is_empty());
    }

    #[test]
    fn voice_variants_round_trip_and_fall_back_per_language() {
        let json = r#"{"en":"How old are you?","nl":"Hoe oud bent u?","je":{"nl":"Hoe oud ben je?"}}"#;
        let t: Text = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), json);
        let je = t.voiced(Some("je"));
        assert_eq!(je.get("nl"), "Hoe oud ben je?");
        assert_eq!(je.get("en"), "How old are you?", "a language the variant lacks falls back");
        assert_eq!(je.variants().count(), 0, "a voiced text carries no variants");
        assert_eq!(t.voiced(Some("melder")).get("nl"), "Hoe oud bent u?");
        assert_eq!(t.voiced(None).get("nl"), "Hoe oud bent u?");
        let built = Text::from_pairs([("nl", "u".to_string())])
            .with_variant("je", Text::from_pairs([("nl", "je".to_string())]));
        assert_eq!(built.voiced(Some("je")).nl(), "je");
        let chained = built.clone().with_variant("melder", Text::from_pairs([("nl", "zij".to_string())]));
        assert_eq!(chained.voiced_in(&["ouder", "melder"]).nl(), "zij", "falls back to the next voice");
        assert_eq!(chained.voiced_in(&["je", "melder"]).nl(), "je", "the first voice wins");
        assert_eq!(built.voiced_in(&["ouder"]).nl(), "u", "no variant: the plain text");
        assert!(chained.has_variant("melder") && !built.has_variant("melder"));
    }

    #[test]
    fn a_text_that_is_not_a_table_is_a_clear_error() {
        let err = serde_json::from_str::<Text>(r#""hallo""#).unwrap_err().to_string();
        assert!(err.contains("table of languages") && !err.contains("hallo"), "{err}");
        for bad in [r#"{"nl": 1}"#, r#"{"nl": ["x"]}"#, r#"{"je": {"nl": {"nl": "x"}}}"#] {
            let err = serde_json::from_str::<Text>(bad).unwrap_err().to_string();
            assert!(err.contains("table of languages"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_language_or_voice_given_twice_is_refused() {
        for (json, key) in [
            (r#"{"nl": "a", "en": "b", "nl": "c"}"#, "nl"),
            (r#"{"nl": "a", "je": {"nl": "b"}, "je": {"nl": "c"}}"#, "je"),
            (r#"{"nl": "a", "je": {"nl": "b", "nl": "c"}}"#, "nl"),
        ] {
            let err = serde_json::from_str::<Text>(json).unwrap_err().to_string();
            assert!(err.contains(&format!("key `{key}` is given twice")), "{json}: {err}");
        }
        let toml_err = toml::from_str::<std::collections::BTreeMap<String, Text>>("t = { nl = \"a\", nl = \"b\" }");
        assert!(toml_err.is_err(), "TOML refuses it too");
    }

    #[test]
    fn languages_are_kept_in_sorted_order_whatever_the_input_order() {
        let t: Text =
            serde_json::from_str(r#"{"nl": "hallo", "je": {"nl": "hoi"}, "ar": "مرحبا", "en": "hello"}"#).unwrap();
        assert_eq!(t.languages().collect::<Vec<_>>(), ["ar", "en", "nl"]);
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"ar":"مرحبا","en":"hello","nl":"hallo","je":{"nl":"hoi"}}"#);
    }

    #[test]
    fn many_languages_and_long_keys_load_whole_and_sorted() {
        // More languages than are kept on the stack while reading, in reverse order.
        let langs: Vec<String> = (0..20).map(|i| format!("l{i:02}")).collect();
        let entries: Vec<String> = langs.iter().rev().map(|l| format!("\"{l}\": \"{l}!\"")).collect();
        let t: Text = serde_json::from_str(&format!("{{{}}}", entries.join(", "))).unwrap();
        assert_eq!(t.languages().collect::<Vec<_>>(), langs);
        assert!(langs.iter().all(|l| t.get_exact(l) == Some(&format!("{l}!"))));
        let twice = format!("{{{}, \"l03\": \"again\"}}", entries.join(", "));
        let err = serde_json::from_str::<Text>(&twice).unwrap_err().to_string();
        assert!(err.contains("key `l03` is given twice"), "{err}");
        // A key too long to keep in place loads whole (the compiler then names it).
        let long = "x".repeat(100);
        let json = format!(r#"{{"nl":"a","{long}":"b","je":{{"{long}":"c"}}}}"#);
        let t: Text = serde_json::from_str(&json).unwrap();
        assert_eq!(t.get_exact(&long), Some("b"));
        assert_eq!(t.languages().collect::<Vec<_>>(), ["nl", long.as_str()]);
        assert_eq!(t.variants().next().map(|(_, v)| v.get_exact(&long)), Some(Some("c")));
        assert_eq!(serde_json::to_string(&t).unwrap(), json);
        let toml: std::collections::BTreeMap<String, Text> =
            toml::from_str(&format!("t = {{ nl = \"a\", {long} = \"b\" }}")).unwrap();
        assert_eq!(toml["t"].get_exact(&long), Some("b"));
    }
}
