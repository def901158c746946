//! The summary for the victim or the caller: the certain referrals as their plain-language
//! `victim` texts, most urgent first, with deadlines in words in local time, where to go,
//! and what happens even against the stated wish. Never a rule id, offer id or regie code.

use super::words::Words;
use crate::audience::{Summary, SummaryStep};
use crate::compile::RuleSet;
use crate::engine::Evaluation;
use crate::eval::time::parse_datetime;
use crate::eval::value::Value;
use crate::result::{ReferralProposal, Status};
use crate::ruleset::source::SummaryWords;
use crate::text::Text;

/// The voice id a caller is addressed in, when the manifest declares it.
const MELDER: &str = "melder";

/// Builds the summary for the victim (`for_caller == false`) or for the caller, framed
/// by the manifest's `words`.
pub(crate) fn build(ev: &Evaluation, for_caller: bool, words: &SummaryWords) -> Summary {
    let rules = ev.rules();
    let victim_voice = victim_voice(ev, rules);
    let voice_id = victim_voice.map(|v| rules.voices[v].id.as_str());
    let frame = Words::new(words, if for_caller { Some(MELDER) } else { voice_id });
    let speak = |text: &Text| -> Text {
        let has_melder = text.variants().any(|(v, _)| v == MELDER);
        if for_caller && has_melder {
            text.voiced(Some(MELDER))
        } else {
            text.voiced(voice_id)
        }
    };
    let proposal = ev.proposal_with_voice(victim_voice);
    let mut certain: Vec<&ReferralProposal> =
        proposal.referrals.iter().filter(|r| r.status == Status::Certain).collect();
    let urgency = |r: &ReferralProposal| rules.source.manifest.urgencies.iter().position(|u| u.id == r.urgency);
    certain.sort_by(|a, b| {
        urgency(b)
            .cmp(&urgency(a))
            .then_with(|| (a.deadline.is_none(), &a.deadline).cmp(&(b.deadline.is_none(), &b.deadline)))
    });
    let steps: Vec<SummaryStep> = certain.iter().map(|r| step(ev, rules, r, &frame, &speak)).collect();
    let more_possible = proposal.referrals.len() - certain.len();
    let text = render(rules, &frame, &steps, more_possible);
    let voice = if for_caller && rules.voices.iter().any(|v| v.id == MELDER) {
        Some(MELDER.to_string())
    } else {
        voice_id.map(str::to_string)
    };
    Summary {
        ruleset: proposal.ruleset,
        evaluated_at: proposal.evaluated_at,
        language: None,
        audience: if for_caller { "melder" } else { "slachtoffer" }.to_string(),
        voice,
        steps,
        more_possible,
        text,
    }
}

/// The victim's own voice: the first voice other than the caller's whose condition holds
/// for certain, else the last (default) voice.
fn victim_voice(ev: &Evaluation, rules: &RuleSet) -> Option<usize> {
    let env = ev.env();
    let holds = |n| matches!(rules.program.eval(n, &env), Value::Bool(true));
    let chosen = rules.voices.iter().position(|v| v.id != MELDER && v.when.is_some_and(holds));
    chosen.or_else(|| rules.voices.len().checked_sub(1))
}

fn step(
    ev: &Evaluation,
    rules: &RuleSet,
    r: &ReferralProposal,
    frame: &Words,
    speak: &dyn Fn(&Text) -> Text,
) -> SummaryStep {
    let src = &rules.source;
    let deadline = r.deadline.as_deref().and_then(parse_datetime);
    let when = match deadline {
        Some(t) if t < ev.now().seconds() => frame.as_soon_as_possible(),
        Some(t) => rules.zone.local(t).map(|l| frame.before(l)).unwrap_or_else(|| frame.as_soon_as_possible()),
        None => match src.manifest.urgencies.iter().position(|u| u.id == r.urgency) {
            // The lowest urgency (the default) has no time pressure to speak of.
            Some(0) => frame.no_hurry(),
            Some(u) => src.manifest.urgencies[u].label.clone(),
            None => Text::default(),
        },
    };
    let what = src.offers.iter().find(|o| o.id == r.offer).map(|o| speak(&o.victim)).unwrap_or_default();
    let against_wish = r.against_wish.then(|| {
        let behind: Vec<_> = src.rules.iter().filter(|s| s.r#override.is_some() && r.rules.contains(&s.id)).collect();
        match behind.iter().find(|s| s.legal_ground.is_some()) {
            Some(s) => s.victim.as_ref().map(speak).unwrap_or_else(|| frame.even_against_wish()),
            None => frame.ask_first(),
        }
    });
    SummaryStep { when, deadline: r.deadline.clone(), what, r#where: r.provider.clone(), against_wish }
}

/// The summary as one text per language of the rule set.
fn render(rules: &RuleSet, frame: &Words, steps: &[SummaryStep], more_possible: usize) -> Text {
    let langs = &rules.source.manifest.languages;
    Text::from_pairs(langs.iter().map(|lang| {
        let mut out = String::from(frame.intro().get(lang));
        out.push_str("\n\n");
        if steps.is_empty() {
            out.push_str(frame.nothing_yet().get(lang));
            out.push('\n');
        }
        for (i, s) in steps.iter().enumerate() {
            out.push_str(&format!("{}. {}: {}\n", i + 1, capitalised(s.when.get(lang)), s.what.get(lang)));
            if let Some(p) = &s.r#where {
                out.push_str(&format!("   {}: {p}.\n", frame.where_label().get(lang)));
            }
            if let Some(a) = &s.against_wish {
                out.push_str(&format!("   {}\n", a.get(lang)));
            }
        }
        if more_possible > 0 {
            out.push('\n');
            out.push_str(frame.more_possible().get(lang));
            out.push('\n');
        }
        if let Some(note) = frame.translation_note(lang) {
            out.push('\n');
            out.push_str(note);
            out.push('\n');
        }
        (lang.clone(), out)
    }))
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
