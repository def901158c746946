//! Regions: the region fact and, per region, the provider of each offer.

use super::model::*;
use super::Compiler;
use crate::error::DiagnosticKind;
use crate::expr::types::{Domain, Ty};
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;

impl Compiler<'_> {
    pub(super) fn regions(
        &mut self,
        source: &RuleSetSource,
        facts: &[Fact],
        domains: &[Domain],
    ) -> (RegionIndex, Vec<Vec<Option<String>>>) {
        let offer_ids: Vec<&str> = source.offers.iter().map(|o| o.id.as_str()).collect();
        let mut providers = Vec::new();
        for (i, region) in source.regions.iter().enumerate() {
            let mut row = vec![None; offer_ids.len()];
            for (offer, provider) in &region.providers {
                match offer_ids.iter().position(|o| o == offer) {
                    Some(j) => row[j] = Some(provider.clone()),
                    None => self.unknown(
                        Place::new(Section::Regions, i).key("providers").key_of(offer),
                        "offer",
                        offer,
                        offer_ids.iter().copied(),
                    ),
                }
            }
            providers.push(row);
        }
        let Some(fact_id) = &source.manifest.region_fact else {
            if !source.regions.is_empty() {
                self.error(
                    DiagnosticKind::Invalid,
                    Place::new(Section::Manifest, 0).key("name"),
                    None,
                    "regions are given but the manifest has no `region_fact`".into(),
                    None,
                );
            }
            return (None, providers);
        };
        let Some(slot) = facts.iter().position(|f| &f.id == fact_id) else {
            self.unknown(
                Place::new(Section::Manifest, 0).key("region_fact"),
                "fact",
                fact_id,
                facts.iter().map(|f| f.id.as_str()),
            );
            return (None, providers);
        };
        let Ty::Enum(d) = facts[slot].ty else {
            self.error(
                DiagnosticKind::Type,
                Place::new(Section::Manifest, 0).key("region_fact"),
                None,
                format!("`{fact_id}` must be an enum fact"),
                None,
            );
            return (None, providers);
        };
        let values = &domains[d as usize].values;
        let map = values.iter().map(|v| source.regions.iter().position(|r| &r.id == v)).collect();
        for (i, region) in source.regions.iter().enumerate() {
            if !values.contains(&region.id) {
                self.unknown(
                    Place::new(Section::Regions, i).key("id"),
                    &format!("value of `{fact_id}`"),
                    &region.id,
                    values.iter().map(String::as_str),
                );
            }
        }
        (Some((slot as u16, map)), providers)
    }
}

/// The slot of the region fact and, per value of it, the region index.
type RegionIndex = Option<(u16, Vec<Option<usize>>)>;
