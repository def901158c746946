//! Victim-facing texts (issues 11, 18): override rules without a `victim` text (the summary
//! then says it in general words); per victim voice, offers whose `victim` text has no
//! variant in that voice (the plain text is used); offers without a `melder` text (a
//! warning: the caller then reads only a neutral line with the label); and how many offers
//! lack an `easy` or `child` text.

use super::{Finding, Severity};
use crate::compile::RuleSet;
use crate::explain::summary::MELDER;
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::{OfferSource, RuleSetSource};

pub(crate) fn findings(rules: &RuleSet) -> Vec<Finding> {
    let src = &rules.source;
    let mut out = Vec::new();
    for (i, rule) in src.rules.iter().enumerate() {
        if rule.r#override.is_some() && rule.victim.is_none() {
            out.push(Finding {
                code: "victim-text-missing".into(),
                severity: Severity::Info,
                message: format!(
                    "override rule `{}` has no `victim` text: the victim's summary says in general words why it goes ahead (with a `legal_ground`) or that consent is asked first",
                    rule.id
                ),
                location: Some(rules.origins.locate(&Place::new(Section::Rules, i).key("override"), None)),
                witness: None,
            });
        }
    }
    // The last voice is the default: the plain text is already in it. Caller voices
    // (`melder` and those falling back to it) are read from the `melder` texts.
    let is_caller = |v: &crate::ruleset::source::VoiceSource| v.id == MELDER || v.fallback.as_deref() == Some(MELDER);
    let Some((_, voiced)) = src.manifest.voices.split_last() else { return out };
    for voice in voiced.iter().filter(|v| !is_caller(v)) {
        let missing = missing(src, |o| o.victim.has_variant(&voice.id));
        if !missing.is_empty() {
            out.push(Finding {
                code: "victim-voice-missing".into(),
                severity: Severity::Info,
                message: format!(
                    "{} offer(s) have no `{}` variant of their `victim` text (the plain text is used): {}",
                    missing.len(),
                    voice.id,
                    missing.join(", ")
                ),
                location: None,
                witness: None,
            });
        }
    }
    if src.manifest.voices.iter().any(|v| v.id == MELDER) {
        let missing = missing(src, |o| o.melder.is_some());
        if !missing.is_empty() {
            out.push(Finding {
                code: "caller-text-missing".into(),
                severity: Severity::Warning,
                message: format!(
                    "{} offer(s) have no `melder` text: the caller's summary names them only by label, in a neutral frame about the victim: {}",
                    missing.len(),
                    missing.join(", ")
                ),
                location: None,
                witness: None,
            });
        }
    }
    let plan = src.manifest.summary.as_ref();
    for (key, used, has) in [
        ("easy", plan.is_some_and(|p| p.easy_when.is_some()), (|o| o.easy.is_some()) as fn(&OfferSource) -> bool),
        ("child", plan.is_some_and(|p| p.child_when.is_some()), |o| o.child.is_some()),
    ] {
        let missing = missing(src, has);
        if used && !missing.is_empty() {
            let effect = if key == "easy" {
                "the easy-read version uses their plain `victim` text"
            } else {
                "the child version leaves them to the parent"
            };
            out.push(Finding {
                code: format!("{key}-text-missing"),
                severity: Severity::Info,
                message: format!(
                    "{} of {} offer(s) have no `{key}` text ({effect}): {}",
                    missing.len(),
                    src.offers.len(),
                    missing.join(", ")
                ),
                location: None,
                witness: None,
            });
        }
    }
    out
}

/// The ids of the offers for which `has` is false.
fn missing(src: &RuleSetSource, has: impl Fn(&OfferSource) -> bool) -> Vec<&str> {
    src.offers.iter().filter(|o| !has(o)).map(|o| o.id.as_str()).collect()
}
