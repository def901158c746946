//! Offers and rules: every reference resolved, effects checked, conditions compiled.

use super::derived::ReadMap;
use super::model::*;
use super::vocab::Vocab;
use super::Compiler;
use crate::error::DiagnosticKind;
use crate::expr::types::{Scope, Ty};
use crate::limits::MAX_DEADLINE_HOURS;
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;
use std::collections::HashMap;

impl Compiler<'_> {
    pub(super) fn offers(&mut self, source: &RuleSetSource, vocab: &Vocab, scope: &Scope) -> Vec<Offer> {
        let mut out = Vec::new();
        for (i, o) in source.offers.iter().enumerate() {
            let place = || Place::new(Section::Offers, i);
            vocab.check_id(self, place().key("id"), &o.id);
            if vocab.offer(&o.id) != Some(i as u16) {
                self.error(
                    DiagnosticKind::Duplicate,
                    place().key("id"),
                    None,
                    format!("offer `{}` is defined twice", o.id),
                    None,
                );
            }
            let area = vocab.area(self, place().key("area"), &o.area);
            if !vocab.organisations.contains(&o.organisation.as_str()) {
                self.unknown(
                    place().key("organisation"),
                    "organisation",
                    &o.organisation,
                    vocab.organisations.iter().copied(),
                );
            }
            let wish = o
                .wish
                .as_ref()
                .and_then(|w| self.expression(scope, place().key("wish"), w, Some(Ty::Bool)).map(|(n, _)| n));
            let renews = o.renews.as_ref().map(|r| {
                let p = || place().key("renews");
                let mut slots = Vec::new();
                for (j, f) in r.facts.iter().enumerate() {
                    match source.schema.facts.iter().position(|x| &x.id == f) {
                        Some(slot) => slots.push(slot as u16),
                        None => self.unknown(
                            p().key("facts").at(j),
                            "schema fact",
                            f,
                            source.schema.facts.iter().map(|x| x.id.as_str()),
                        ),
                    }
                }
                if r.facts.is_empty() {
                    let hint = Some("name the facts whose change makes the step needed again".into());
                    self.error(DiagnosticKind::Invalid, p().key("facts"), None, "`renews.facts` is empty".into(), hint);
                }
                (slots, vocab.urgency(self, p().key("urgency"), &r.urgency))
            });
            out.push(Offer { area, wish, renews });
        }
        out
    }

    pub(super) fn rules(
        &mut self,
        source: &RuleSetSource,
        vocab: &Vocab,
        scope: &Scope,
        reads: &ReadMap,
        facts: &[Fact],
    ) -> Vec<Rule> {
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        for (i, r) in source.rules.iter().enumerate() {
            let place = || Place::new(Section::Rules, i);
            vocab.check_id(self, place().key("id"), &r.id);
            if seen.insert(r.id.as_str(), i).is_some() {
                self.error(
                    DiagnosticKind::Duplicate,
                    place().key("id"),
                    None,
                    format!("rule `{}` is defined twice", r.id),
                    None,
                );
            }
            let when = self.expression(scope, place().key("when"), &r.when, Some(Ty::Bool)).map(|(n, _)| n);
            let needs = r
                .need
                .iter()
                .map(|(area, level)| {
                    (
                        vocab.area(self, place().key("need").key_of(area), area),
                        vocab.need_level(self, place().key("need").key_of(area), level),
                    )
                })
                .collect();
            let mut refer = Vec::new();
            for (j, f) in r.refer.iter().enumerate() {
                let p = || place().key("refer").at(j);
                let offer = vocab.offer(&f.offer);
                if offer.is_none() {
                    self.unknown(p().key("offer"), "offer", &f.offer, vocab.offers.iter().copied());
                }
                let urgency = vocab.urgency(self, p().key("urgency"), &f.urgency);
                let deadline = f.deadline.as_ref().and_then(|d| match scope.names.get(&d.from) {
                    Some(&(slot, Ty::DateTime | Ty::Date)) if (0..=MAX_DEADLINE_HOURS).contains(&d.hours) => {
                        Some((slot, d.hours))
                    }
                    Some(&(_, Ty::DateTime | Ty::Date)) => {
                        self.error(
                            DiagnosticKind::Invalid,
                            p().key("deadline").key("hours"),
                            None,
                            format!("`hours` must be from 0 to {MAX_DEADLINE_HOURS}"),
                            None,
                        );
                        None
                    }
                    Some(_) => {
                        self.error(
                            DiagnosticKind::Type,
                            p().key("deadline").key("from"),
                            None,
                            format!("`{}` is not a datetime or date fact", d.from),
                            None,
                        );
                        None
                    }
                    None => {
                        let times =
                            facts.iter().filter(|f| matches!(f.ty, Ty::DateTime | Ty::Date)).map(|f| f.id.as_str());
                        self.unknown(p().key("deadline").key("from"), "fact", &d.from, times);
                        None
                    }
                });
                if let Some(offer) = offer {
                    refer.push(Refer { offer, urgency, deadline });
                }
            }
            let regie = r.regie.as_ref().map(|l| vocab.regie_level(self, place().key("regie"), l));
            let regiehouder = r
                .regiehouder
                .as_ref()
                .map(|h| (vocab.regiehouder(self, place().key("regiehouder").key("id"), &h.id), h.rank));
            if r.need.is_empty() && r.refer.is_empty() && r.regie.is_none() && r.regiehouder.is_none() {
                self.error(
                    DiagnosticKind::Invalid,
                    place().key("id"),
                    None,
                    format!("rule `{}` has no effect", r.id),
                    Some("give it a need, refer, regie or regiehouder".into()),
                );
            }
            if let Some((voice, _)) = r.because.variants().next() {
                self.error(
                    DiagnosticKind::Invalid,
                    place().key("because").key_of(voice),
                    None,
                    "a `because` template has no voice variants (it is read by the MDT)".into(),
                    Some("write victim-facing texts in the offer's `victim` text".into()),
                );
            }
            for (key, text) in [("victim", &r.victim), ("legal_ground", &r.legal_ground)] {
                if text.is_some() && r.r#override.is_none() {
                    let message = format!("`{key}` is only for a rule with an `override`");
                    self.error(DiagnosticKind::Invalid, place().key(key), None, message, None);
                }
            }
            let consent_only = match (r.override_for.as_deref(), r.r#override.is_some()) {
                (None | Some("wish"), _) => false,
                (Some("consent"), true) if r.legal_ground.is_some() => {
                    let message = "an override with a `legal_ground` goes against the wish, not only consent".into();
                    let hint = Some("remove `override_for = \"consent\"` or the `legal_ground`".into());
                    self.error(DiagnosticKind::Invalid, place().key("override_for"), None, message, hint);
                    false
                }
                (Some("consent"), true) => true,
                (Some("consent"), false) => {
                    let message = "`override_for` needs an `override` reason".into();
                    let hint = Some("add `override = { nl = \"…\", en = \"…\" }`, or remove `override_for`".into());
                    self.error(DiagnosticKind::Invalid, place().key("override_for"), None, message, hint);
                    false
                }
                (Some(other), _) => {
                    self.unknown(place().key("override_for"), "override_for", other, ["wish", "consent"]);
                    false
                }
            };
            // A language the template lacks falls back to Dutch when rendered: no pieces.
            let because = vocab
                .languages
                .iter()
                .map(|lang| match r.because.get_exact(lang) {
                    Some(t) => self.template(scope, place().key("because").key_of(lang), t),
                    None => Vec::new(),
                })
                .collect();
            if let Some(when) = when {
                let reads = reads.of(&self.program, when);
                out.push(Rule {
                    when,
                    needs,
                    refer,
                    regie,
                    regiehouder,
                    is_override: r.r#override.is_some(),
                    consent_only,
                    because,
                    reads,
                });
            }
        }
        out
    }
}
