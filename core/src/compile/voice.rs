//! The parts of a rule set that decide how texts read: the manifest's voices and the
//! read-outs of `because` placeholders (`{n | kind / kinderen}`, `| days`, `| hours`).

use super::model::{Format, Voice};
use super::Compiler;
use crate::error::DiagnosticKind;
use crate::expr::ast;
use crate::expr::types::{Scope, Ty};
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;

impl Compiler<'_> {
    /// A placeholder's read-out: `| days`, `| hours` or `| one / many` (integers only).
    pub(super) fn format(
        &mut self,
        place: &Place,
        format: Option<(String, ast::Span)>,
        ty: Ty,
        scope: &Scope,
    ) -> Format {
        let Some((spec, span)) = format else { return Format::Plain };
        let hint = || Some("write {days_since(t) | days}, {hours_since(t) | hours} or {n | kind / kinderen}".into());
        if ty != Ty::Int {
            let message = format!("`| {spec}` reads out a number, but this is {}", ty.describe(scope.domains));
            self.error(DiagnosticKind::Expression, place.clone(), Some(span), message, hint());
            return Format::Plain;
        }
        match spec.as_str() {
            "days" => Format::Days,
            "hours" => Format::Hours,
            _ => match spec.split_once('/') {
                Some((one, many)) if !one.trim().is_empty() && !many.trim().is_empty() => {
                    Format::Count { one: one.trim().to_string(), many: many.trim().to_string() }
                }
                _ => {
                    let message = format!("unknown read-out `{spec}`");
                    self.error(DiagnosticKind::Expression, place.clone(), Some(span), message, hint());
                    Format::Plain
                }
            },
        }
    }

    /// Compiles the manifest's voices: every voice but the last needs a condition, the
    /// last (the default) has none.
    pub(super) fn voices(&mut self, source: &RuleSetSource, scope: &Scope) -> Vec<Voice> {
        let list = &source.manifest.voices;
        let mut out = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let place = || Place::new(Section::Manifest, 0).key("voices").at(i);
            let last = i + 1 == list.len();
            if list[..i].iter().any(|w| w.id == v.id) || source.manifest.languages.contains(&v.id) {
                self.error(
                    DiagnosticKind::Duplicate,
                    place().key("id"),
                    None,
                    format!("voice `{}` is defined twice or is also a language", v.id),
                    None,
                );
            }
            let when = match (&v.when, last) {
                (Some(w), false) => self.expression(scope, place().key("when"), w, Some(Ty::Bool)).map(|(n, _)| n),
                (None, true) => None,
                (Some(_), true) => {
                    self.error(
                        DiagnosticKind::Invalid,
                        place().key("when"),
                        None,
                        "the last voice is the default and has no `when`".into(),
                        Some("remove `when`, or add a default voice after it".into()),
                    );
                    None
                }
                (None, false) => {
                    self.error(
                        DiagnosticKind::Invalid,
                        place().key("id"),
                        None,
                        format!("voice `{}` needs a `when`: only the last voice is the default", v.id),
                        Some("e.g. when = \"age < 18 or channel == 'chat'\"".into()),
                    );
                    None
                }
            };
            let fallback = v.fallback.as_ref().and_then(|f| {
                let found = list.iter().position(|w| &w.id == f && w.id != v.id && w.fallback.is_none());
                if found.is_none() {
                    let known = list.iter().filter(|w| w.id != v.id && w.fallback.is_none()).map(|w| w.id.as_str());
                    self.unknown(place().key("fallback"), "voice (without a fallback of its own)", f, known);
                }
                found
            });
            out.push(Voice { id: v.id.clone(), when, fallback });
        }
        out
    }
}
