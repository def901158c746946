//! Coverage findings that need no search: region gaps, offers no rule proposes, facts no
//! rule reads.

use super::{Finding, Severity};
use crate::compile::program::Op;
use crate::compile::RuleSet;
use crate::ruleset::locate::{Place, Section};

pub(crate) fn findings(rules: &RuleSet) -> Vec<Finding> {
    let src = &rules.source;
    let mut out = Vec::new();
    let at = |place: Place| Some(rules.origins.locate(&place, None));
    for (r, region) in src.regions.iter().enumerate() {
        for (o, offer) in src.offers.iter().enumerate() {
            if rules.providers[r][o].is_none() {
                out.push(Finding {
                    code: "region-gap".into(),
                    severity: Severity::Error,
                    message: format!(
                        "region `{}` names no provider for offer `{}` (every region must offer everything)",
                        region.id, offer.id
                    ),
                    location: at(Place::new(Section::Regions, r).key("providers")),
                    witness: None,
                });
            }
        }
    }
    if let Some((slot, map)) = &rules.region {
        let fact = &rules.facts[*slot as usize];
        for (v, region) in map.iter().enumerate() {
            if region.is_none() {
                if let crate::expr::types::Ty::Enum(d) = fact.ty {
                    out.push(Finding {
                        code: "region-missing".into(),
                        severity: Severity::Error,
                        message: format!(
                            "`{}` value `{}` has no entry in regions",
                            fact.id, rules.domains[d as usize].values[v]
                        ),
                        location: None,
                        witness: None,
                    });
                }
            }
        }
    }
    for (o, offer) in src.offers.iter().enumerate() {
        if !rules.rules.iter().any(|r| r.refer.iter().any(|f| f.offer as usize == o)) {
            out.push(Finding {
                code: "offer-never-proposed".into(),
                severity: Severity::Warning,
                message: format!("no rule refers to offer `{}`", offer.id),
                location: at(Place::new(Section::Offers, o).key("id")),
                witness: None,
            });
        }
    }
    let mut read = vec![false; rules.facts.len()];
    for rule in &rules.rules {
        rule.reads.iter().for_each(|&f| read[f as usize] = true);
    }
    for offer in &rules.offers {
        if let Some(w) = offer.wish {
            mark_reads(rules, w, &mut read);
        }
    }
    for rule in &rules.rules {
        if let Some((slot, _)) = rule.refer.iter().find_map(|r| r.deadline) {
            mark_slot(rules, slot, &mut read);
        }
    }
    if let Some((slot, _)) = &rules.region {
        read[*slot as usize] = true;
    }
    for (f, fact) in rules.facts.iter().enumerate() {
        if !read[f] && !src.schema.facts[f].dossier {
            out.push(Finding {
                code: "fact-never-read".into(),
                severity: Severity::Info,
                message: format!(
                    "no rule, wish or deadline reads fact `{}`: the gespreksgids asks it for nothing",
                    fact.id
                ),
                location: at(Place::new(Section::Facts, f).key("id")),
                witness: None,
            });
        }
    }
    out
}

fn mark_reads(rules: &RuleSet, node: u32, read: &mut [bool]) {
    if let Op::Load(slot) = rules.program.ops[node as usize] {
        mark_slot(rules, slot, read);
    }
    for child in rules.program.children(node) {
        mark_reads(rules, child, read);
    }
}

fn mark_slot(rules: &RuleSet, slot: u16, read: &mut [bool]) {
    if (slot as usize) < read.len() {
        read[slot as usize] = true;
    } else if let Some(d) = rules.derived_of(slot) {
        d.reads.iter().for_each(|&f| read[f as usize] = true);
    }
}
