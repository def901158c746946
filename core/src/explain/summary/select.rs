//! Which referrals a summary holds, in which group: the certain ones (the first few, then
//! "later"), the possible ones that may be needed soon, and what is held back — from a
//! summary that must not be sent, from the child version, and from a caller.

use super::{outside_wish, tri, Reader, Version};
use crate::engine::Evaluation;
use crate::eval::time::parse_datetime;
use crate::eval::value::Tri;
use crate::result::{Proposal, ReferralProposal, Status};
use crate::text::Text;

/// A group of a summary.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Group {
    First,
    Maybe,
    Later,
}

/// The referrals of a summary (indices into the proposal's), per group, in order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Selection {
    pub first: Vec<usize>,
    pub maybe: Vec<usize>,
    pub later: Vec<usize>,
    /// Possible referrals not listed.
    pub more_possible: usize,
    pub version: Version,
    /// The summary must not be sent: what the perpetrator must not see is left out.
    pub not_to_send: bool,
    /// Why steps were held back from the caller (each reason once, in rule order).
    pub withheld: Vec<Text>,
    /// Steps the child version leaves to the parent.
    pub left_for_parent: usize,
}

#[cfg(test)]
impl Selection {
    /// Every listed referral with its group.
    pub fn listed(&self) -> impl Iterator<Item = (Group, usize)> + '_ {
        let first = self.first.iter().map(|&i| (Group::First, i));
        let maybe = self.maybe.iter().map(|&i| (Group::Maybe, i));
        first.chain(maybe).chain(self.later.iter().map(|&i| (Group::Later, i)))
    }
}

/// Selects the referrals of `proposal` that `reader` reads.
pub(crate) fn select(ev: &Evaluation, proposal: &Proposal, reader: Reader) -> Selection {
    let rules = ev.rules();
    let plan = &rules.summary;
    let src = &rules.source;
    let holds = |n: Option<_>| n.is_some_and(|n| tri(ev, n) == Tri::True);
    let version = match reader {
        Reader::Caller => Version::Plain,
        Reader::Victim if holds(plan.child_when) => Version::Child,
        Reader::Victim if holds(plan.easy_when) => Version::Easy,
        Reader::Victim => Version::Plain,
    };
    let not_to_send = holds(plan.not_to_send_when);
    let area = |r: &ReferralProposal| src.manifest.areas.iter().position(|a| a.id == r.area).unwrap_or(usize::MAX);
    let urgency = |r: &ReferralProposal| src.manifest.urgencies.iter().position(|u| u.id == r.urgency);
    let now = ev.now().seconds();
    let soon = |r: &ReferralProposal| {
        let by_urgency = urgency(r).is_some_and(|u| plan.maybe_urgencies.contains(&u));
        let by_deadline = plan.maybe_within_seconds.is_some_and(|w| {
            r.deadline.as_deref().and_then(parse_datetime).is_some_and(|t| t <= now.saturating_add(w))
        });
        by_urgency || by_deadline
    };
    let mut order: Vec<usize> = (0..proposal.referrals.len()).collect();
    let refs = &proposal.referrals;
    crate::sort::sort_by(&mut order, |&a, &b| {
        let (a, b) = (&refs[a], &refs[b]);
        urgency(b)
            .cmp(&urgency(a))
            .then_with(|| (a.deadline.is_none(), &a.deadline).cmp(&(b.deadline.is_none(), &b.deadline)))
    });
    // A new or nearly empty case lists, of the possible steps, only the `direct` ones: it
    // opens with its first questions, not with dozens of steps that may not apply.
    let direct = src.manifest.urgencies.len().checked_sub(1);
    let soon = |r: &ReferralProposal| {
        if proposal.questions_first {
            urgency(r) == direct
        } else {
            soon(r)
        }
    };
    let mut sel = Selection { version, not_to_send, ..Selection::default() };
    let mut certain = Vec::new();
    for i in order {
        let r = &refs[i];
        // A step the MDT rejected stays out until a later decision accepts it.
        if r.rejected.is_some() {
            continue;
        }
        let listed = match r.status {
            Status::Certain => true,
            Status::Possible if soon(r) => true,
            _ => {
                sel.more_possible += 1;
                false
            }
        };
        if !listed || (not_to_send && plan.hidden_from_perpetrator.contains(&area(r))) {
            continue;
        }
        if reader == Reader::Caller && !caller_may_read(ev, r, area(r), &mut sel.withheld) {
            continue;
        }
        let offer = src.offers.iter().find(|o| o.id == r.offer);
        if version == Version::Child && offer.is_none_or(|o| o.child.is_none()) {
            sel.left_for_parent += 1;
            continue;
        }
        if r.status == Status::Certain {
            certain.push(i);
        } else {
            sel.maybe.push(i);
        }
    }
    let first = match (reader, plan.first_steps) {
        (Reader::Victim, Some(n)) => n.min(certain.len()),
        _ => certain.len(),
    };
    sel.later = certain.split_off(first);
    sel.first = certain;
    sel
}

/// Whether the caller may read referral `r` (in area `area`): only when no
/// `caller_withhold` rule may hold for its area, and only within the consent and the stated
/// wish. What holds a step back adds its reason to `reasons` (once).
fn caller_may_read(ev: &Evaluation, r: &ReferralProposal, area: usize, reasons: &mut Vec<Text>) -> bool {
    let rules = ev.rules();
    let add = |reasons: &mut Vec<Text>, t: &Text| {
        if !t.is_empty() && !reasons.contains(t) {
            reasons.push(t.clone());
        }
    };
    for w in &rules.summary.caller_withhold {
        let applies = w.areas.is_empty() || w.areas.contains(&area);
        // INVARIANT: unknown holds back: the caller reads a step only when it is certain
        // that no rule keeps it from them.
        if applies && w.when.is_none_or(|n| tri(ev, n) != Tri::False) {
            add(reasons, &w.reason);
            return false;
        }
    }
    // Outside the consent or the stated wish: said only when no rule above already says
    // why steps are held back.
    if outside_wish(r) {
        if let Some(w) = rules.source.manifest.summary_words.as_ref().filter(|_| reasons.is_empty()) {
            add(reasons, &w.ask_first);
        }
        return false;
    }
    true
}
