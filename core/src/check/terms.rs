//! The outcomes of a rule set as formulas over its rules' conditions and its offers'
//! wishes, mirroring how `eval::outcome::merge` combines them: levels are maxima, the
//! regiehouder is the candidate with the highest rank (then the first in the manifest),
//! an ordinary rule proposes a wish-gated offer only where the wish holds.
//!
//! On a complete case each formula is exactly the outcome; on a partial case it is the
//! engine's own reading (`true` = certain, `false` = excluded).

use super::formula::{and, atom, not, or, Atom, Formula, FALSE, TRUE};
use crate::compile::model::{Refer, Rule, RuleSet};

/// The formulas of one side of a space.
#[derive(Clone, Copy)]
pub(crate) struct Terms<'r> {
    pub rules: &'r RuleSet,
    pub side: u8,
}

impl<'r> Terms<'r> {
    pub fn new(rules: &'r RuleSet, side: u8) -> Self {
        Terms { rules, side }
    }

    /// The rule's condition holds.
    pub fn fires(&self, rule: usize) -> Formula {
        atom(Atom::Rule(self.side, rule as u16))
    }

    /// The offer's wish holds (true without a wish).
    pub fn wish(&self, offer: u16) -> Formula {
        if self.rules.offers[offer as usize].wish.is_some() {
            atom(Atom::Wish(self.side, offer))
        } else {
            TRUE
        }
    }

    fn rules_where(&self, mut keep: impl FnMut(usize, &Rule) -> bool) -> Formula {
        or(self.rules.rules.iter().enumerate().filter(|(i, r)| keep(*i, r)).map(|(i, _)| self.fires(i)))
    }

    /// The regie level is at least `level` (index).
    pub fn regie_at_least(&self, level: u8) -> Formula {
        self.regie_at_least_without(level, None)
    }

    /// As [`Terms::regie_at_least`], leaving one rule out.
    pub fn regie_at_least_without(&self, level: u8, skip: Option<usize>) -> Formula {
        if level == 0 {
            return TRUE;
        }
        self.rules_where(|i, r| Some(i) != skip && r.regie.is_some_and(|l| l >= level))
    }

    /// The need level of `area` is at least `level`.
    pub fn need_at_least(&self, area: u8, level: u8) -> Formula {
        self.need_at_least_without(area, level, None)
    }

    /// As [`Terms::need_at_least`], leaving one rule out.
    pub fn need_at_least_without(&self, area: u8, level: u8, skip: Option<usize>) -> Formula {
        if level == 0 {
            return TRUE;
        }
        self.rules_where(|i, r| Some(i) != skip && r.needs.iter().any(|&(a, l)| a == area && l >= level))
    }

    /// Rule `rule` contributes the referral `refer`: it fires, and the wish holds unless
    /// the rule is an override.
    pub fn contributes(&self, rule: usize, refer: &Refer) -> Formula {
        let gate = if self.rules.rules[rule].is_override { TRUE } else { self.wish(refer.offer) };
        and([self.fires(rule), gate])
    }

    /// The referrals to `offer` by any rule but `skip` for which `keep` holds.
    pub fn contributions(
        &self,
        offer: u16,
        skip: Option<usize>,
        mut keep: impl FnMut(usize, &Refer) -> bool,
    ) -> Formula {
        let mut items = Vec::new();
        for (i, r) in self.rules.rules.iter().enumerate() {
            if Some(i) == skip {
                continue;
            }
            for f in r.refer.iter().filter(|f| f.offer == offer) {
                if keep(i, f) {
                    items.push(self.contributes(i, f));
                }
            }
        }
        or(items)
    }

    /// The offer is proposed with at least this urgency (index; 0 = proposed at all).
    pub fn referred_at_least(&self, offer: u16, urgency: u8) -> Formula {
        self.contributions(offer, None, |_, f| f.urgency >= urgency)
    }

    /// The offer is proposed against the victim's wish.
    pub fn against_wish(&self, offer: u16) -> Formula {
        if self.rules.offers[offer as usize].wish.is_none() {
            return FALSE;
        }
        let overrides = self.contributions(offer, None, |i, _| self.rules.rules[i].is_override);
        and([overrides, not(self.wish(offer))])
    }

    /// The referral's deadline is at most `hours` after the time fact `slot`.
    pub fn deadline_within(&self, offer: u16, slot: u16, hours: i64) -> Formula {
        self.contributions(offer, None, |_, f| f.deadline.is_some_and(|(s, h)| s == slot && h <= hours))
    }

    /// The regiehouder is `id` (index).
    pub fn regiehouder_is(&self, id: u16) -> Formula {
        self.regiehouder_is_without(id, None)
    }

    /// As [`Terms::regiehouder_is`], leaving one rule out.
    pub fn regiehouder_is_without(&self, id: u16, skip: Option<usize>) -> Formula {
        let rules = &self.rules.rules;
        let mut items = Vec::new();
        for (s, rule) in rules.iter().enumerate() {
            let Some((who, rank)) = rule.regiehouder else {
                continue;
            };
            if who != id || Some(s) == skip {
                continue;
            }
            let beaten_by = self.rules_where(|t, r| {
                Some(t) != skip
                    && r.regiehouder.is_some_and(|(other, k)| other != id && (k > rank || (k == rank && other < id)))
            });
            items.push(and([self.fires(s), not(beaten_by)]));
        }
        or(items)
    }

    /// No rule proposes a regiehouder.
    pub fn no_regiehouder(&self) -> Formula {
        not(self.rules_where(|_, r| r.regiehouder.is_some()))
    }

    /// Some rule fires.
    pub fn any_rule(&self) -> Formula {
        self.rules_where(|_, _| true)
    }
}
