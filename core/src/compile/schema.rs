//! Schema facts and their enum domains: types, ranges, sections, validity and priority.

use super::model::*;
use super::vocab::Vocab;
use super::Compiler;
use crate::error::DiagnosticKind;
use crate::expr::types::{Domain, Ty};
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;

impl Compiler<'_> {
    pub(super) fn schema(
        &mut self,
        source: &RuleSetSource,
        vocab: &Vocab,
    ) -> (Vec<Fact>, Vec<Domain>, NameMap<(u16, Ty)>) {
        let mut facts = Vec::new();
        let mut domains: Vec<Domain> = Vec::new();
        let mut names = NameMap::default();
        const TYPES: [&str; 6] = ["bool", "int", "enum", "set", "datetime", "date"];
        const PRIORITIES: [&str; 3] = ["danger_now", "normal", "later"];
        for (i, f) in source.schema.facts.iter().enumerate() {
            let place = || Place::new(Section::Facts, i);
            vocab.check_id(self, place().key("id"), &f.id);
            if !vocab.sections.contains(&f.section.as_str()) {
                self.unknown(place().key("section"), "section", &f.section, vocab.sections.iter().copied());
            }
            let (ty, min, max) = match f.kind.as_str() {
                "bool" => (Ty::Bool, 0, 1),
                "datetime" => (Ty::DateTime, i64::MIN, i64::MAX),
                "date" => (Ty::Date, i64::MIN, i64::MAX),
                "int" => match (f.min, f.max) {
                    (Some(lo), Some(hi)) if lo <= hi => (Ty::Int, lo, hi),
                    (Some(_), Some(_)) => {
                        self.error(
                            DiagnosticKind::Invalid,
                            place().key("min"),
                            None,
                            "`min` is greater than `max`".into(),
                            None,
                        );
                        (Ty::Int, 0, 0)
                    }
                    _ => {
                        self.error(
                            DiagnosticKind::Invalid,
                            place().key("type"),
                            None,
                            "an int fact needs `min` and `max`".into(),
                            Some("e.g. min = 0, max = 120".into()),
                        );
                        (Ty::Int, 0, 0)
                    }
                },
                "enum" | "set" => {
                    let d = self.domain(
                        place(),
                        &f.values,
                        &f.value_labels.keys().cloned().collect::<Vec<_>>(),
                        &mut domains,
                    );
                    (if f.kind == "enum" { Ty::Enum(d) } else { Ty::Set(d) }, 0, 0)
                }
                other => {
                    self.unknown(place().key("type"), "type", other, TYPES);
                    (Ty::Bool, 0, 1)
                }
            };
            if !matches!(ty, Ty::Enum(_) | Ty::Set(_)) && !f.values.is_empty() {
                self.error(
                    DiagnosticKind::Invalid,
                    place().key("values"),
                    None,
                    format!("a {} fact has no `values`", f.kind),
                    None,
                );
            }
            if names.insert(f.id.clone(), (facts.len() as u16, ty)).is_some() {
                self.error(
                    DiagnosticKind::Duplicate,
                    place().key("id"),
                    None,
                    format!("fact `{}` is defined twice", f.id),
                    None,
                );
            }
            let valid_for = f.valid_for.as_deref().and_then(|text| {
                let seconds = parse_valid_for(text);
                if seconds.is_none() {
                    let hint = Some("a whole number of hours or days, e.g. \"12h\" or \"14d\"".into());
                    let message = "`valid_for` is not a duration".into();
                    self.error(DiagnosticKind::Invalid, place().key("valid_for"), None, message, hint);
                }
                seconds
            });
            let priority = match f.priority.as_deref() {
                None | Some("normal") => Priority::Normal,
                Some("danger_now") => Priority::DangerNow,
                Some("later") => Priority::Later,
                Some(other) => {
                    self.unknown(place().key("priority"), "priority", other, PRIORITIES);
                    Priority::Normal
                }
            };
            facts.push(Fact { id: f.id.clone(), ty, min, max, valid_for, priority });
        }
        (facts, domains, names)
    }

    /// Interns an enum domain (facts with the same value list share it, so they compare).
    pub(super) fn domain(
        &mut self,
        place: Place,
        values: &[String],
        labelled: &[String],
        domains: &mut Vec<Domain>,
    ) -> u16 {
        if values.is_empty() || values.len() > 64 {
            self.error(
                DiagnosticKind::Invalid,
                place.clone().key("values"),
                None,
                "an enum or set needs 1 to 64 values".into(),
                None,
            );
        }
        for (j, v) in values.iter().enumerate() {
            if values[..j].contains(v) {
                self.error(
                    DiagnosticKind::Duplicate,
                    place.clone().key("values").at(j),
                    None,
                    format!("value `{v}` is listed twice"),
                    None,
                );
            }
        }
        for l in labelled {
            if !values.contains(l) {
                self.unknown(
                    place.clone().key("value_labels").key_of(l),
                    "value",
                    l,
                    values.iter().map(String::as_str),
                );
            }
        }
        let values: Vec<String> = values.iter().take(64).cloned().collect();
        if let Some(i) = domains.iter().position(|d| d.values == values) {
            return i as u16;
        }
        domains.push(Domain { values });
        (domains.len() - 1) as u16
    }
}

/// Seconds in a `valid_for` duration: a whole number of hours (`12h`) or days (`14d`).
fn parse_valid_for(text: &str) -> Option<i64> {
    let (number, unit) = text.split_at(text.len().checked_sub(1)?);
    let n: i64 = number.parse().ok().filter(|n| *n > 0 && *n <= 99_999 && !number.starts_with('+'))?;
    match unit {
        "h" => Some(n * 3600),
        "d" => Some(n * 86_400),
        _ => None,
    }
}

#[cfg(test)]
mod valid_for_tests {
    #[test]
    fn valid_for_durations() {
        assert_eq!(super::parse_valid_for("1d"), Some(86_400));
        assert_eq!(super::parse_valid_for("12h"), Some(43_200));
        for bad in ["", "d", "0d", "1w", "-1d", "+1d", "1.5d", "1000000d"] {
            assert_eq!(super::parse_valid_for(bad), None, "{bad}");
        }
    }
}
