//! The summary for the victim or the caller: the certain referrals as plain-language texts,
//! most urgent first, then the possible ones that may be needed soon, with deadlines in
//! words in local time, where to go, and what happens even against the stated wish. Never
//! a rule id, offer id or regie code.
//!
//! The manifest's `[summary]` decides the rest: the victim reads the first few steps and
//! the others under "later"; a child reads a short version and an easy reader the `easy`
//! texts; a summary that must not be sent says so and leaves out what the perpetrator must
//! not see; a caller reads, about the victim, only what the caller rules let through.

mod render;
mod select;
mod speak;
#[cfg(test)]
mod tests;

use super::output::{Summary, SummaryStep};
use super::words::Words;
use crate::compile::RuleSet;
use crate::engine::Evaluation;
use crate::eval::value::{Tri, Value};
use crate::result::{Proposal, ReferralProposal};
use crate::ruleset::source::SummaryWords;
use crate::text::Text;
pub(crate) use select::select;
use speak::Speaker;

/// The voice id a caller is addressed in; a voice that falls back to it is a caller's too.
pub(crate) const MELDER: &str = "melder";

/// Who reads the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reader {
    /// The victim (`slachtoffer`).
    Victim,
    /// Whoever called for the victim (`melder`).
    Caller,
}

/// Which version of the victim's texts a summary uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Version {
    #[default]
    Plain,
    /// The short child version: only offers with a `child` text.
    Child,
    /// The easy-read texts (`easy`), the plain ones where an offer has none.
    Easy,
}

/// Builds the summary for `reader`, framed by the manifest's `words`.
pub(crate) fn build(ev: &Evaluation, reader: Reader, words: &SummaryWords) -> Summary {
    let rules = ev.rules();
    let voice = reader_voice(ev, rules, reader);
    let chain = rules.voice_chain(voice);
    let frame = Words::new(words, chain.clone());
    let proposal = ev.proposal_with_voice(voice);
    let sel = select(ev, &proposal, reader);
    let speaker = Speaker { ev, rules, words, frame: &frame, reader, version: sel.version, chain: &chain };
    let steps_of =
        |list: &[usize]| -> Vec<SummaryStep> { list.iter().map(|&i| speaker.step(&proposal.referrals[i])).collect() };
    let (steps, maybe_needed, later) = (steps_of(&sel.first), steps_of(&sel.maybe), steps_of(&sel.later));
    let notice = sel.not_to_send.then(|| frame.say(&words.not_to_send)).filter(|t| !t.is_empty());
    let own_view = (reader == Reader::Caller).then(|| own_view(ev)).flatten().map(|t| frame.say(&t));
    let first_questions = first_questions(rules, &proposal);
    let mut withheld: Vec<Text> = sel.withheld.iter().map(|t| speaker.plain(&frame.say(t))).collect();
    if sel.version == Version::Child && sel.left_for_parent > 0 && !words.child_rest_to_parent.is_empty() {
        withheld.push(frame.say(&words.child_rest_to_parent));
    }
    let version = match sel.version {
        Version::Plain => None,
        Version::Child => Some("kind".to_string()),
        Version::Easy => Some("makkelijk".to_string()),
    };
    let mut summary = Summary {
        ruleset: proposal.ruleset.clone(),
        evaluated_at: proposal.evaluated_at.clone(),
        language: None,
        audience: if reader == Reader::Caller { "melder" } else { "slachtoffer" }.to_string(),
        voice: voice.map(|v| rules.voices[v].id.clone()),
        version,
        notice,
        first_questions,
        steps,
        maybe_needed,
        later,
        withheld,
        own_view,
        more_possible: sel.more_possible,
        text: Text::default(),
    };
    summary.text = render::render(rules, &frame, words, &summary, sel.version);
    summary
}

/// "Eigen mening van het slachtoffer: nog niet gevraagd" (plain, with its voice variants)
/// when the manifest's `own_view_missing_when` holds: the caller's wish stands in for the
/// victim's. For the caller's summary and every handover.
pub(crate) fn own_view(ev: &Evaluation) -> Option<Text> {
    let rules = ev.rules();
    let words = rules.source.manifest.summary_words.as_ref()?;
    let node = rules.summary.own_view_missing_when?;
    (tri(ev, node) == Tri::True && !words.own_view_not_asked.is_empty()).then(|| words.own_view_not_asked.clone())
}

/// The voice `reader` is addressed in: for the victim, the first voice outside the
/// caller's whose condition holds for certain, else the last; for the caller, the first
/// caller voice (`melder` or one falling back to it) that holds, else `melder`.
fn reader_voice(ev: &Evaluation, rules: &RuleSet, reader: Reader) -> Option<usize> {
    let env = ev.env();
    let holds = |n| matches!(rules.program.eval(n, &env), Value::Bool(true));
    let is_caller = |v: usize| {
        let voice = &rules.voices[v];
        voice.id == MELDER || voice.fallback.is_some_and(|f| rules.voices[f].id == MELDER)
    };
    let n = rules.voices.len();
    match reader {
        Reader::Victim => (0..n)
            .find(|&v| !is_caller(v) && rules.voices[v].when.is_some_and(holds))
            .or_else(|| (0..n).rev().find(|&v| !is_caller(v))),
        Reader::Caller => (0..n)
            .find(|&v| is_caller(v) && rules.voices[v].when.is_some_and(holds))
            .or_else(|| rules.voices.iter().position(|v| v.id == MELDER)),
    }
}

/// Whether the case is new or nearly empty: fewer known facts (`slots` starts with the
/// schema facts) than the manifest's `summary.questions_first_below`.
pub(crate) fn nearly_empty(rules: &RuleSet, slots: &[Value]) -> bool {
    let Some(below) = rules.summary.questions_first_below else { return false };
    let facts = &slots[..rules.facts.len().min(slots.len())];
    facts.iter().filter(|v| !matches!(v, Value::Unknown)).count() < below
}

/// A new or nearly empty case opens with its first open questions, in the reader's voice
/// (those for professionals left out).
fn first_questions(rules: &RuleSet, proposal: &Proposal) -> Vec<Text> {
    if !proposal.questions_first {
        return Vec::new();
    }
    let questions = proposal.questions.iter().filter(|q| !q.professional_only);
    questions.take(rules.summary.first_questions).map(|q| q.question.clone()).collect()
}

/// Whether the referral goes against the stated wish or outside the consent (or may).
pub(crate) fn outside_wish(r: &ReferralProposal) -> bool {
    r.against_wish.is_some() || r.outside_consent.is_some()
}

/// `Tri` of a compiled condition.
pub(crate) fn tri(ev: &Evaluation, node: crate::compile::program::NodeId) -> Tri {
    match ev.rules().program.eval(node, &ev.env()) {
        Value::Bool(true) => Tri::True,
        Value::Bool(false) => Tri::False,
        _ => Tri::Unknown,
    }
}
