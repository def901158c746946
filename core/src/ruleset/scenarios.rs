//! The rule set's scenario tests (`scenarios/*.toml`), kept as JSON text when they come from
//! a bundle. Evaluating never reads them, and they are a third of the national bundle's
//! bytes: a bundle load that parsed them spent that third on nothing. They are parsed (and
//! checked for duplicate keys and size) when they are run.

use super::source::ScenarioSource;
use crate::error::{Diagnostic, DiagnosticKind, Location, RuleError};
use crate::limits::MAX_ITEMS;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::borrow::Cow;

/// The scenarios of a rule set: parsed (from a folder), or the bundle's JSON text.
#[derive(Clone, Debug)]
pub struct Scenarios(Repr);

#[derive(Clone, Debug)]
enum Repr {
    Parsed(Vec<ScenarioSource>),
    Json(Box<RawValue>),
}

/// Where a bundle's scenarios are reported when they do not parse.
const BUNDLE_PLACE: &str = "<bundle> ruleset.scenarios";

impl Scenarios {
    /// The scenarios, parsed. For a bundle they are parsed now, with their errors located
    /// within the bundle's `ruleset.scenarios` (line and column count from its `[`).
    pub fn parsed(&self) -> Result<Cow<'_, [ScenarioSource]>, RuleError> {
        let text = match &self.0 {
            Repr::Parsed(list) => return Ok(Cow::Borrowed(list)),
            Repr::Json(raw) => raw.get(),
        };
        let list: Vec<ScenarioSource> = super::load::parse_json(text, BUNDLE_PLACE)?;
        if list.len() > MAX_ITEMS {
            return Err(Diagnostic {
                kind: DiagnosticKind::Invalid,
                location: Location { file: BUNDLE_PLACE.into(), ..Location::default() },
                message: format!("too many scenarios: {}, at most {MAX_ITEMS}", list.len()),
                hint: Some("see docs/limits.md".into()),
            }
            .into());
        }
        Ok(Cow::Owned(list))
    }

    /// Whether there are none (without parsing them).
    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Parsed(list) => list.is_empty(),
            Repr::Json(raw) => raw.get().trim_start_matches('[').trim_start().starts_with(']'),
        }
    }

    /// How many there are, when that is known without parsing (a folder's).
    pub(crate) fn known_len(&self) -> Option<usize> {
        match &self.0 {
            Repr::Parsed(list) => Some(list.len()),
            Repr::Json(_) => None,
        }
    }
}

impl Default for Scenarios {
    fn default() -> Self {
        Scenarios(Repr::Parsed(Vec::new()))
    }
}

impl From<Vec<ScenarioSource>> for Scenarios {
    fn from(list: Vec<ScenarioSource>) -> Self {
        Scenarios(Repr::Parsed(list))
    }
}

/// Equal when they parse to the same scenarios (a bundle's text and a folder's files can).
impl PartialEq for Scenarios {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Repr::Json(a), Repr::Json(b)) if a.get() == b.get() => true,
            _ => matches!((self.parsed(), other.parsed()), (Ok(a), Ok(b)) if a == b),
        }
    }
}

impl Serialize for Scenarios {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Parsed(list) => list.serialize(s),
            Repr::Json(raw) => raw.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Scenarios {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Scenarios(Repr::Json(Box::<RawValue>::deserialize(d)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_json(text: &str) -> Scenarios {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_bundles_scenarios_are_parsed_when_asked_for() {
        let s = from_json(r#"[{"id": "a", "now": "2026-01-01T00:00:00Z", "case": {}, "expect": {}}]"#);
        assert!(!s.is_empty());
        assert_eq!(s.known_len(), None);
        let list = s.parsed().unwrap();
        assert_eq!(list[0].id, "a");
        assert_eq!(s, Scenarios::from(list.into_owned()), "equal to the same scenarios parsed");
        assert!(from_json(" [ ] ").is_empty());
    }

    #[test]
    fn a_bad_scenario_is_a_located_error_when_parsed() {
        let s = from_json("[{\"id\": \"a\",\n \"nwo\": \"x\"}]");
        let e = s.parsed().unwrap_err();
        let d = e.first();
        assert_eq!((d.location.file.as_str(), d.location.line), (BUNDLE_PLACE, 2));
        assert!(d.hint.as_deref().is_some_and(|h| h.contains("`now`")), "{d:?}");
        let dup = from_json(r#"[{"id": "a", "id": "b"}]"#).parsed().unwrap_err();
        assert_eq!(dup.first().kind, DiagnosticKind::Duplicate);
    }
}
