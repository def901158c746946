//! The size limits of a rule set (`crate::limits`), checked before any other pass.

use super::Compiler;
use crate::error::DiagnosticKind;
use crate::limits::*;
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;

/// Reports every list of `source` that is longer than its limit.
pub(super) fn check(source: &RuleSetSource, c: &mut Compiler) {
    let lists = [
        (Section::Facts, "facts", source.schema.facts.len(), MAX_FACTS),
        (Section::Derived, "derived facts", source.derived.len(), MAX_DERIVED),
        (Section::Rules, "rules", source.rules.len(), MAX_RULES),
        (Section::Offers, "offers", source.offers.len(), MAX_OFFERS),
        (Section::Manifest, "regiehouders", source.manifest.regiehouders.len(), MAX_OFFERS),
        (Section::Regions, "regions", source.regions.len(), MAX_ITEMS),
        (Section::Properties, "properties", source.properties.len(), MAX_ITEMS),
        // A bundle's scenarios are counted when they are parsed (`Scenarios::parsed`).
        (Section::Scenarios, "scenarios", source.scenarios.known_len().unwrap_or(0), MAX_ITEMS),
    ];
    for (section, what, len, max) in lists {
        if len > max {
            let place = if section == Section::Manifest {
                Place::new(section, 0).key("regiehouders")
            } else {
                Place::new(section, max)
            };
            c.error(
                DiagnosticKind::Invalid,
                place,
                None,
                format!("too many {what}: {len}, at most {max}"),
                Some("see docs/limits.md".into()),
            );
        }
    }
    for (i, f) in source.schema.facts.iter().enumerate().take(MAX_FACTS) {
        if f.values.len() > MAX_ENUM_VALUES {
            c.error(
                DiagnosticKind::Invalid,
                Place::new(Section::Facts, i).key("values"),
                None,
                format!("an enum or set has at most {MAX_ENUM_VALUES} values, this one has {}", f.values.len()),
                Some("see docs/limits.md".into()),
            );
        }
    }
}
