//! The words of one step for one reader: the offer's text in the right version and voice
//! (for a caller its `melder` text, or a neutral third-person frame), when in words, and
//! what happens even against the stated wish — with professional terms put in plain words.

use super::{Reader, Version};
use crate::compile::RuleSet;
use crate::engine::Evaluation;
use crate::eval::time::parse_datetime;
use crate::explain::output::SummaryStep;
use crate::explain::words::{fill_placeholders, Words};
use crate::result::ReferralProposal;
use crate::ruleset::source::{OfferSource, SummaryWords};
use crate::text::Text;

/// Speaks the steps of one summary.
pub(super) struct Speaker<'a> {
    pub ev: &'a Evaluation,
    pub rules: &'a RuleSet,
    pub words: &'a SummaryWords,
    pub frame: &'a Words<'a>,
    pub reader: Reader,
    pub version: Version,
    /// The reader's voice and its fallback.
    pub chain: &'a [&'a str],
}

impl Speaker<'_> {
    /// One step of the summary.
    pub fn step(&self, r: &ReferralProposal) -> SummaryStep {
        let src = &self.rules.source;
        let frame = self.frame;
        let deadline = r.deadline.as_deref().and_then(parse_datetime);
        let when = match deadline {
            Some(t) if t < self.ev.now().seconds() => frame.as_soon_as_possible(),
            Some(t) => self.rules.zone.local(t).map(|l| frame.before(l)).unwrap_or_else(|| frame.as_soon_as_possible()),
            None => match src.manifest.urgencies.iter().position(|u| u.id == r.urgency) {
                // The lowest urgency (the default) has no time pressure to speak of.
                Some(0) => frame.no_hurry(),
                Some(u) => src.manifest.urgencies[u].label.clone(),
                None => Text::default(),
            },
        };
        let what = src.offers.iter().find(|o| o.id == r.offer).map(|o| self.what(o)).unwrap_or_default();
        // Against the stated wish, or outside the consent on a legal ground: it goes ahead,
        // said honestly. Outside the consent without a ground: consent is asked first.
        let grounded = |m: &Option<crate::result::Marker>| m.as_ref().is_some_and(|m| m.ground.is_some());
        let against_wish = if r.against_wish.is_some() || grounded(&r.outside_consent) {
            let behind: Vec<_> =
                src.rules.iter().filter(|s| s.r#override.is_some() && r.rules.contains(&s.id)).collect();
            let victim = behind.iter().filter(|s| s.legal_ground.is_some()).find_map(|s| s.victim.as_ref());
            Some(victim.map(|t| self.voiced(t)).unwrap_or_else(|| frame.even_against_wish()))
        } else {
            r.outside_consent.as_ref().map(|_| frame.ask_first())
        };
        SummaryStep {
            when,
            deadline: r.deadline.clone(),
            what: self.plain(&what),
            r#where: r.provider.as_deref().map(|p| self.plain_str(p)),
            against_wish: against_wish.map(|t| self.plain(&t)),
        }
    }

    /// The offer's text for this reader and version.
    fn what(&self, o: &OfferSource) -> Text {
        match (self.reader, self.version) {
            (Reader::Caller, _) => match &o.melder {
                Some(t) => t.voiced_in(self.chain),
                None => {
                    // No caller text: a neutral third-person frame around the label,
                    // never the victim's own "je" or "u".
                    let template = self.frame.say(&self.words.caller_fallback);
                    Text::from_pairs(template.languages().map(|l| {
                        let label = o.label.get(l).to_string();
                        (l.to_string(), fill_placeholders(template.get(l), |n| (n == "label").then(|| label.clone())))
                    }))
                }
            },
            (Reader::Victim, Version::Child) => self.voiced(o.child.as_ref().unwrap_or(&o.victim)),
            (Reader::Victim, Version::Easy) => self.voiced(o.easy.as_ref().unwrap_or(&o.victim)),
            (Reader::Victim, Version::Plain) => self.voiced(&o.victim),
        }
    }

    fn voiced(&self, t: &Text) -> Text {
        t.voiced_in(self.chain)
    }

    /// `t` with the manifest's professional terms in plain words, per language.
    pub fn plain(&self, t: &Text) -> Text {
        let Some(s) = &self.rules.source.manifest.summary else { return t.clone() };
        if s.plain_words.is_empty() {
            return t.clone();
        }
        Text::from_pairs(t.languages().map(|l| {
            let mut out = t.get(l).to_string();
            for w in &s.plain_words {
                if out.contains(&w.term) {
                    out = out.replace(&w.term, w.say.voiced_in(self.chain).get(l));
                }
            }
            (l.to_string(), out)
        }))
    }

    /// A provider (one language) with the professional terms in plain Dutch words.
    fn plain_str(&self, p: &str) -> String {
        self.plain(&Text::from_pairs([("nl", p.to_string())])).nl().to_string()
    }
}
