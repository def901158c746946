//! Cases: intake answers converted once into slot values, checked against the schema.
//!
//! Errors name the fact and what was expected, never the value that was given: case data
//! is special-category personal data.

use super::time::{parse_date, parse_datetime};
use super::value::Value;
use crate::compile::model::Fact;
use crate::compile::RuleSet;
use crate::error::CaseError;
use crate::expr::types::Ty;
use crate::suggest;
use std::sync::Arc;

/// A case: one value (possibly unknown) per schema fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub(crate) values: Vec<Value>,
}

/// Builds a [`Case`] fact by fact; used by the JSON reader and by the bindings, which
/// convert straight from their own objects without an intermediate JSON text.
pub struct CaseBuilder {
    rules: Arc<RuleSet>,
    values: Vec<Value>,
}

impl CaseBuilder {
    pub(crate) fn new(rules: Arc<RuleSet>) -> Self {
        let n = rules.facts.len();
        // Room for the derived facts, which `Engine::outcome_into` appends in place.
        let mut values = Vec::with_capacity(rules.slot_count());
        values.resize(n, Value::Unknown);
        CaseBuilder { rules, values }
    }

    /// The case built so far.
    pub fn build(self) -> Case {
        Case { values: self.values }
    }

    fn fact(&self, name: &str) -> Result<(usize, &Fact), CaseError> {
        match self.rules.names.get(name) {
            Some(&(slot, _)) if (slot as usize) < self.rules.facts.len() => {
                Ok((slot as usize, &self.rules.facts[slot as usize]))
            }
            Some(_) => Err(CaseError {
                fact: crate::limits::echo(name),
                problem: "is derived by the rules and cannot be given".into(),
                hint: None,
            }),
            None => Err(CaseError {
                fact: crate::limits::echo(name),
                problem: "is not a fact of the schema".into(),
                hint: Some(suggest::hint(name, self.rules.facts.iter().map(|f| f.id.as_str()))),
            }),
        }
    }

    fn expected(&self, fact: &Fact) -> CaseError {
        let problem = match fact.ty {
            Ty::Bool => "expected true or false".to_string(),
            Ty::Int => format!("expected an integer from {} to {}", fact.min, fact.max),
            Ty::Enum(d) => format!("expected one of: {}", self.rules.domains[d as usize].values.join(", ")),
            Ty::Set(d) => format!("expected a list of: {}", self.rules.domains[d as usize].values.join(", ")),
            Ty::DateTime => "expected an RFC 3339 datetime with offset, e.g. 2026-03-01T10:00:00+01:00".to_string(),
            Ty::Date => "expected a date YYYY-MM-DD".to_string(),
        };
        CaseError { fact: fact.id.clone(), problem, hint: None }
    }

    /// The index of a schema fact, for the `*_at` setters: bindings resolve each key once
    /// and skip the name look-up per value.
    pub fn fact_index(&self, name: &str) -> Result<usize, CaseError> {
        self.fact(name).map(|(slot, _)| slot)
    }

    fn fact_at(&self, index: usize) -> Result<&Fact, CaseError> {
        self.rules.facts.get(index).ok_or_else(|| CaseError {
            fact: format!("#{index}"),
            problem: format!("there are {} facts", self.rules.facts.len()),
            hint: None,
        })
    }

    /// Marks a fact as unknown.
    pub fn set_unknown(&mut self, name: &str) -> Result<(), CaseError> {
        let index = self.fact_index(name)?;
        self.set_unknown_at(index)
    }

    /// Marks the fact with this index as unknown.
    pub fn set_unknown_at(&mut self, index: usize) -> Result<(), CaseError> {
        self.fact_at(index)?;
        self.values[index] = Value::Unknown;
        Ok(())
    }

    /// Sets a bool fact.
    pub fn set_bool(&mut self, name: &str, value: bool) -> Result<(), CaseError> {
        let index = self.fact_index(name)?;
        self.set_bool_at(index, value)
    }

    /// Sets the bool fact with this index.
    pub fn set_bool_at(&mut self, index: usize, value: bool) -> Result<(), CaseError> {
        let fact = self.fact_at(index)?;
        if fact.ty != Ty::Bool {
            return Err(self.expected(fact));
        }
        self.values[index] = Value::Bool(value);
        Ok(())
    }

    /// Sets an int fact (checked against its range).
    pub fn set_int(&mut self, name: &str, value: i64) -> Result<(), CaseError> {
        let index = self.fact_index(name)?;
        self.set_int_at(index, value)
    }

    /// Sets the int fact with this index (checked against its range).
    pub fn set_int_at(&mut self, index: usize, value: i64) -> Result<(), CaseError> {
        let fact = self.fact_at(index)?;
        if fact.ty != Ty::Int || value < fact.min || value > fact.max {
            return Err(self.expected(fact));
        }
        self.values[index] = Value::Int(value);
        Ok(())
    }

    /// Sets an enum, datetime or date fact from its text form.
    pub fn set_text(&mut self, name: &str, value: &str) -> Result<(), CaseError> {
        let index = self.fact_index(name)?;
        self.set_text_at(index, value)
    }

    /// Sets the enum, datetime or date fact with this index from its text form.
    pub fn set_text_at(&mut self, index: usize, value: &str) -> Result<(), CaseError> {
        let fact = self.fact_at(index)?;
        let v = match fact.ty {
            Ty::Enum(d) => self.rules.domains[d as usize].index(value).map(Value::Enum),
            Ty::DateTime => parse_datetime(value).map(Value::Time),
            Ty::Date => parse_date(value).map(Value::Time),
            _ => None,
        };
        self.values[index] = v.ok_or_else(|| self.expected(fact))?;
        Ok(())
    }

    /// Sets the enum fact with this index to the value at `value` in the schema's `values`,
    /// for bindings that matched the value's text themselves (no string comparison here).
    pub fn set_enum_at(&mut self, index: usize, value: usize) -> Result<(), CaseError> {
        let fact = self.fact_at(index)?;
        let fits = match fact.ty {
            Ty::Enum(d) => value < self.rules.domains[d as usize].values.len(),
            _ => false,
        };
        if !fits {
            return Err(self.expected(fact));
        }
        // INVARIANT: enum domains have at most 64 values (checked at load).
        self.values[index] = Value::Enum(value as u16);
        Ok(())
    }

    /// Sets a set fact from its values (order and duplicates do not matter).
    pub fn set_texts<'a>(&mut self, name: &str, values: impl IntoIterator<Item = &'a str>) -> Result<(), CaseError> {
        let index = self.fact_index(name)?;
        self.set_texts_at(index, values)
    }

    /// Sets the set fact with this index from its values.
    pub fn set_texts_at<'a>(
        &mut self,
        index: usize,
        values: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), CaseError> {
        let fact = self.fact_at(index)?;
        let Ty::Set(d) = fact.ty else { return Err(self.expected(fact)) };
        let domain = &self.rules.domains[d as usize];
        let mut bits = 0u64;
        for v in values {
            bits |= 1u64 << domain.index(v).ok_or_else(|| self.expected(fact))?;
        }
        self.values[index] = Value::Set(bits);
        Ok(())
    }

    /// Sets a datetime or date fact to a range `from..=to` given as text (case records).
    pub(crate) fn set_range_at(&mut self, index: usize, from: &str, to: &str) -> Result<(), CaseError> {
        let fact = self.fact_at(index)?;
        let parse = match fact.ty {
            Ty::DateTime => parse_datetime,
            Ty::Date => parse_date,
            _ => {
                return Err(CaseError {
                    fact: fact.id.clone(),
                    problem: "only a datetime or date fact can be given as a range".into(),
                    hint: Some("give the value itself, or `{ \"value\": …, \"at\": … }`".into()),
                })
            }
        };
        let (Some(a), Some(b)) = (parse(from), parse(to)) else { return Err(self.expected(fact)) };
        if a > b || b - a > i64::from(u32::MAX) {
            return Err(CaseError {
                fact: fact.id.clone(),
                problem: "the range's `from` must not be later than its `to`, nor more than 100 years before it".into(),
                hint: None,
            });
        }
        self.values[index] = Value::time_range(a, b);
        Ok(())
    }

    /// The value built so far for the fact with this index.
    pub(crate) fn value_at(&self, index: usize) -> Value {
        self.values.get(index).copied().unwrap_or_default()
    }

    /// Sets a fact from a JSON value (`null` = unknown).
    pub fn set_json(&mut self, name: &str, value: &serde_json::Value) -> Result<(), CaseError> {
        use serde_json::Value as J;
        match value {
            J::Null => self.set_unknown(name),
            J::Bool(b) => self.set_bool(name, *b),
            J::Number(n) => match n.as_i64() {
                Some(i) => self.set_int(name, i),
                None => {
                    let (_, fact) = self.fact(name)?;
                    Err(self.expected(fact))
                }
            },
            J::String(s) => self.set_text(name, s),
            J::Array(items) => {
                let mut texts = Vec::with_capacity(items.len());
                for item in items {
                    match item.as_str() {
                        Some(s) => texts.push(s),
                        None => {
                            let (_, fact) = self.fact(name)?;
                            return Err(self.expected(fact));
                        }
                    }
                }
                self.set_texts(name, texts)
            }
            J::Object(_) => {
                let (_, fact) = self.fact(name)?;
                Err(self.expected(fact))
            }
        }
    }
}
