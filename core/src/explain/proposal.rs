//! Building the [`Proposal`] (names, labels, rendered texts) from a compact evaluation.

use super::render::render;
use crate::compile::program::Env;
use crate::compile::RuleSet;
use crate::eval::outcome::{contributing_rules, regiehouder_detail, LevelOutcome, Outcome};
use crate::eval::questions::{open_questions, Affects, OpenQuestion};
use crate::eval::value::{Tri, Value};
use crate::expr::types::Ty;
use crate::result::*;
use crate::text::Text;

fn status(certain: bool) -> Status {
    if certain {
        Status::Certain
    } else {
        Status::Possible
    }
}

/// The decided parts of the proposal (needs, referrals, regie, regiehouder, region), with
/// the rules behind each referral: everything but the rendered texts.
pub(crate) fn decisions(
    rules: &RuleSet,
    slots: &[Value],
    rule_status: &[Tri],
    wishes: &[Tri],
    outcome: &Outcome,
) -> Decisions {
    decide(rules, slots, rule_status, wishes, outcome).0
}

fn decide(
    rules: &RuleSet,
    slots: &[Value],
    rule_status: &[Tri],
    wishes: &[Tri],
    outcome: &Outcome,
) -> (Decisions, Vec<Vec<u16>>) {
    let src = &rules.source;
    let m = &src.manifest;
    let rule_ids = |list: &mut dyn Iterator<Item = usize>| list.map(|i| src.rules[i].id.clone()).collect::<Vec<_>>();
    let level_rules = |pick: &dyn Fn(usize) -> bool| {
        rule_ids(&mut (0..rules.rules.len()).filter(|&i| rule_status[i] != Tri::False && pick(i)))
    };
    let up_to = |l: &LevelOutcome, names: &[crate::ruleset::source::Labelled]| {
        (l.up_to > l.certain).then(|| names[l.up_to as usize].id.clone())
    };

    let needs = m
        .areas
        .iter()
        .enumerate()
        .map(|(a, area)| {
            let l = &outcome.needs[a];
            NeedProposal {
                area: area.id.clone(),
                level: m.need_levels[l.certain as usize].id.clone(),
                status: status(l.up_to == l.certain),
                up_to: up_to(l, &m.need_levels),
                rules: level_rules(&|i| rules.rules[i].needs.iter().any(|&(ar, _)| ar as usize == a)),
            }
        })
        .collect();

    let region = rules.region.as_ref().and_then(|(slot, map)| match slots[*slot as usize] {
        Value::Enum(v) => map.get(v as usize).copied().flatten(),
        _ => None,
    });
    let behind: Vec<Vec<u16>> = outcome
        .referrals
        .iter()
        .map(|r| contributing_rules(rules, rule_status, wishes[r.offer as usize], r.offer))
        .collect();
    let referrals = outcome
        .referrals
        .iter()
        .zip(&behind)
        .map(|(r, behind)| {
            let offer = &src.offers[r.offer as usize];
            let reason = r
                .against_wish
                .then(|| behind.iter().find_map(|&i| src.rules[i as usize].r#override.clone()).unwrap_or_default());
            ReferralProposal {
                offer: offer.id.clone(),
                area: offer.area.clone(),
                organisation: offer.organisation.clone(),
                label: offer.label.clone(),
                urgency: m.urgencies[r.urgency as usize].id.clone(),
                deadline: r.deadline.map(|d| rules.zone.format(d)),
                status: status(r.certain),
                against_wish: r.against_wish,
                against_wish_reason: reason,
                provider: region.and_then(|reg| rules.providers[reg][r.offer as usize].clone()),
                rules: behind.iter().map(|&i| src.rules[i as usize].id.clone()).collect(),
            }
        })
        .collect();

    let regie = RegieProposal {
        level: m.regie_levels[outcome.regie.certain as usize].id.clone(),
        label: m.regie_levels[outcome.regie.certain as usize].label.clone(),
        status: status(outcome.regie.up_to == outcome.regie.certain),
        up_to: up_to(&outcome.regie, &m.regie_levels),
        rules: level_rules(&|i| rules.rules[i].regie.is_some()),
    };

    let regiehouder = outcome.regiehouder.as_ref().map(|h| {
        let r = &m.regiehouders[h.id as usize];
        let (proposing, alternatives) = regiehouder_detail(rules, rule_status, h);
        RegiehouderProposal {
            id: r.id.clone(),
            organisation: r.organisation.clone(),
            label: r.label.clone(),
            status: status(h.certain),
            alternatives: alternatives.iter().map(|&a| m.regiehouders[a as usize].id.clone()).collect(),
            rules: proposing.iter().map(|&i| src.rules[i as usize].id.clone()).collect(),
            consent_first: !within_consent(rules, slots, &r.organisation),
        }
    });
    let region = region.map(|r| src.regions[r].id.clone());
    (Decisions { region, needs, referrals, regie, regiehouder }, behind)
}

/// The full proposal, its victim-facing texts in `voice` (an index into the manifest's voices).
pub(crate) fn build_in_voice(
    rules: &RuleSet,
    now: i64,
    slots: &[Value],
    rule_status: &[Tri],
    wishes: &[Tri],
    outcome: &Outcome,
    voice: Option<usize>,
) -> Proposal {
    let src = &rules.source;
    let m = &src.manifest;
    let env = Env { slots, now };
    let (decided, behind) = decide(rules, slots, rule_status, wishes, outcome);
    let Decisions { region, needs, referrals, regie, regiehouder } = decided;

    // A rule explains the proposal only if some effect of it got through: a rule whose only
    // effects are referrals blocked by the victim's wish has proposed nothing.
    let contributes = |i: usize| {
        let rule = &rules.rules[i];
        rule_status[i] != Tri::False
            && (rule.refer.is_empty()
                || !rule.needs.is_empty()
                || rule.regie.is_some()
                || rule.regiehouder.is_some()
                || behind.iter().any(|b| b.contains(&(i as u16))))
    };
    let explanations = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(i, _)| contributes(*i))
        .map(|(i, rule)| {
            let s = &src.rules[i];
            let text = Text::from_pairs(
                m.languages
                    .iter()
                    .zip(&rule.because)
                    .filter(|(lang, _)| s.because.get_exact(lang).is_some())
                    .map(|(lang, pieces)| (lang.as_str(), render(rules, pieces, &env, lang))),
            );
            Explanation {
                rule: s.id.clone(),
                status: status(rule_status[i] == Tri::True),
                facts: rule.reads.iter().map(|&f| rules.facts[f as usize].id.clone()).collect(),
                text,
                source: s.source.clone(),
                r#override: s.r#override.clone(),
            }
        })
        .collect();

    let open = open_questions(rules, rule_status, slots, now, outcome);
    Proposal {
        ruleset: RuleSetId {
            name: m.name.clone(),
            version: m.version.clone(),
            hash: rules.hash.clone(),
            signed_by: rules.signed_by.clone(),
        },
        evaluated_at: rules.zone.format(now),
        language: None,
        region,
        voice: voice.map(|v| rules.voices[v].id.clone()),
        needs,
        referrals,
        regie,
        regiehouder,
        explanations,
        questions: questions(rules, &open, voice),
        warnings: warnings(rules, slots, now, outcome),
        record: None,
    }
}

/// Renders open questions, their texts in `voice` (an index into the manifest's voices).
pub(crate) fn questions(rules: &RuleSet, open: &[OpenQuestion], voice: Option<usize>) -> Vec<Question> {
    let src = &rules.source;
    let voice = voice.map(|v| rules.voices[v].id.as_str());
    open.iter()
        .map(|q| {
            let f = &src.schema.facts[q.fact as usize];
            Question {
                fact: f.id.clone(),
                section: f.section.clone(),
                label: f.label.clone(),
                question: if f.question.variants().next().is_some() {
                    f.question.voiced(voice)
                } else {
                    f.question.clone()
                },
                professional_only: f.professional_only,
                affects: q.affects.iter().map(|a| affects_name(rules, a)).collect(),
            }
        })
        .collect()
}

fn affects_name(rules: &RuleSet, a: &Affects) -> String {
    let src = &rules.source;
    match a {
        Affects::Referral(o) => format!("referral:{}", src.offers[*o as usize].id),
        Affects::AgainstWish(o) => format!("against_wish:{}", src.offers[*o as usize].id),
        Affects::Need(area) => format!("need:{}", src.manifest.areas[*area as usize].id),
        Affects::Regie => "regie".into(),
        Affects::Regiehouder => "regiehouder".into(),
        Affects::Deadline(o) => format!("deadline:{}", src.offers[*o as usize].id),
        Affects::Provider => "provider".into(),
    }
}

pub(crate) fn warning(code: &str, nl: String, en: String) -> Warning {
    Warning { code: code.into(), message: Text::from_pairs([("nl", nl), ("en", en)]) }
}

fn warnings(rules: &RuleSet, slots: &[Value], now: i64, outcome: &Outcome) -> Vec<Warning> {
    let mut out = Vec::new();
    for (i, f) in rules.facts.iter().enumerate() {
        if let (Ty::DateTime | Ty::Date, Value::Time(t)) = (f.ty, slots[i]) {
            if t > now.saturating_add(86_400) || (f.ty == Ty::DateTime && t > now) {
                out.push(warning(
                    "time_after_evaluation",
                    format!("`{}` ligt na het evaluatiemoment; controleer de datum.", f.id),
                    format!("`{}` is later than the evaluation time; check the date.", f.id),
                ));
            }
        }
    }
    if outcome.regie.certain > 0 && outcome.regiehouder.is_none() {
        out.push(warning(
            "no_regiehouder",
            "Er is regie nodig, maar geen regel stelt een regiehouder voor: het MDT wijst er een aan.".into(),
            "Regie is needed but no rule proposes a regiehouder: the MDT assigns one.".into(),
        ));
    }
    if let Some((slot, _)) = &rules.region {
        if slots[*slot as usize] == Value::Unknown && !outcome.referrals.is_empty() {
            out.push(warning(
                "region_unknown",
                "De regio is onbekend, dus de aanbieders in de regio worden niet genoemd.".into(),
                "The region is unknown, so the providers in the region are not named.".into(),
            ));
        }
    }
    out
}

/// Whether the manifest's consent fact for `org` holds for certain. An organisation without
/// a consent entry needs none (the rule set shares nothing with it by consent).
fn within_consent(rules: &RuleSet, slots: &[Value], org: &str) -> bool {
    let Some(name) = rules.source.manifest.consent.get(org) else { return true };
    let Some(&(slot, _)) = rules.names.get(name) else { return true };
    matches!(slots.get(slot as usize), Some(Value::Bool(true)))
}
