//! The manifest's `[summary]`: its conditions compiled to expressions over facts, and its
//! areas and urgencies resolved to indices (unknown names are errors with a did-you-mean).

use super::model::{SummaryPlan, Withhold};
use super::program::NodeId;
use super::vocab::Vocab;
use super::Compiler;
use crate::expr::types::{Scope, Ty};
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;

impl Compiler<'_> {
    /// Compiles `[summary]`; without it, the defaults (no extra groups, nothing withheld).
    pub(super) fn summary(&mut self, source: &RuleSetSource, vocab: &Vocab, scope: &Scope) -> SummaryPlan {
        let Some(s) = &source.manifest.summary else { return SummaryPlan::default() };
        let place = || Place::new(Section::Manifest, 0).key("summary");
        let cond = |c: &mut Self, key: &'static str, text: &Option<String>| -> Option<NodeId> {
            let text = text.as_ref()?;
            c.expression(scope, place().key(key), text, Some(Ty::Bool)).map(|(n, _)| n)
        };
        let child_when = cond(self, "child_when", &s.child_when);
        let easy_when = cond(self, "easy_when", &s.easy_when);
        let not_to_send_when = cond(self, "not_to_send_when", &s.not_to_send_when);
        let own_view_missing_when = cond(self, "own_view_missing_when", &s.own_view_missing_when);
        let maybe_urgencies = (s.maybe_urgencies.iter().enumerate())
            .map(|(i, u)| vocab.urgency(self, place().key("maybe_urgencies").at(i), u) as usize)
            .collect();
        let hidden_from_perpetrator = (s.hidden_from_perpetrator.iter().enumerate())
            .map(|(i, a)| vocab.area(self, place().key("hidden_from_perpetrator").at(i), a) as usize)
            .collect();
        let caller_withhold = (s.caller_withhold.iter().enumerate())
            .map(|(i, w)| {
                let at = || place().key("caller_withhold").at(i);
                let areas = (w.areas.iter().enumerate())
                    .map(|(j, a)| vocab.area(self, at().key("areas").at(j), a) as usize)
                    .collect();
                let when = self.expression(scope, at().key("when"), &w.when, Some(Ty::Bool)).map(|(n, _)| n);
                Withhold { areas, when, reason: w.reason.clone() }
            })
            .collect();
        if s.maybe_within_days.is_some_and(|d| !(0..=366).contains(&d)) {
            let message = "`maybe_within_days` must be between 0 and 366".to_string();
            self.error(crate::error::DiagnosticKind::Invalid, place().key("maybe_within_days"), None, message, None);
        }
        SummaryPlan {
            maybe_within_seconds: s.maybe_within_days.map(|d| d * 86_400),
            maybe_urgencies,
            first_steps: s.first_steps,
            child_when,
            easy_when,
            not_to_send_when,
            hidden_from_perpetrator,
            own_view_missing_when,
            questions_first_below: s.questions_first_below,
            first_questions: s.first_questions.unwrap_or(3),
            caller_withhold,
        }
    }
}
