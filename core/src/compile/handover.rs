//! Checks the manifest's handover fields: `handover_basics` names schema facts, `consent`
//! maps organisations to bool facts (or derived facts).

use super::model::NameMap;
use super::Compiler;
use crate::error::DiagnosticKind;
use crate::expr::types::Ty;
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;

impl Compiler<'_> {
    /// Reports a basic that is not a schema fact, and a consent entry for an unknown
    /// organisation or naming something that is not a bool.
    pub(super) fn handover(&mut self, source: &RuleSetSource, names: &NameMap<(u16, Ty)>) {
        let manifest = || Place::new(Section::Manifest, 0);
        let facts = &source.schema.facts;
        for (i, basic) in source.manifest.handover_basics.iter().enumerate() {
            if !facts.iter().any(|f| &f.id == basic) {
                let place = manifest().key("handover_basics").at(i);
                self.unknown(place, "fact", basic, facts.iter().map(|f| f.id.as_str()));
            }
        }
        let orgs = &source.manifest.organisations;
        for (org, name) in &source.manifest.consent {
            if !orgs.iter().any(|o| &o.id == org) {
                let place = manifest().key("consent").key(org);
                self.unknown(place, "organisation", org, orgs.iter().map(|o| o.id.as_str()));
            }
            match names.get(name) {
                Some((_, Ty::Bool)) => {}
                Some(_) => {
                    let message = format!("`{name}` must be a bool fact or derived fact");
                    self.error(DiagnosticKind::Type, manifest().key("consent").key(org), None, message, None);
                }
                None => {
                    let place = manifest().key("consent").key(org);
                    self.unknown(place, "fact or derived fact", name, names.keys().map(String::as_str));
                }
            }
        }
    }
}
