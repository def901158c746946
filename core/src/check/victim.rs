//! Victim-facing texts (issue 11): override rules without a `victim` text (the summary
//! then says it in general words) and, per voice, offers whose `victim` text has no
//! variant in that voice (the summary then falls back to the plain text).

use super::{Finding, Severity};
use crate::compile::RuleSet;
use crate::ruleset::locate::{Place, Section};

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
    // The last voice is the default: the plain text is already in it.
    let Some((_, voiced)) = src.manifest.voices.split_last() else { return out };
    for voice in voiced {
        let missing: Vec<&str> = src
            .offers
            .iter()
            .filter(|o| !o.victim.variants().any(|(v, _)| v == voice.id))
            .map(|o| o.id.as_str())
            .collect();
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
    out
}
