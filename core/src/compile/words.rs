//! The manifest's `[summary_words]`: seven weekdays, twelve months and a `before` template
//! that names only the placeholders it can fill. (Their languages and voices are checked
//! with every other text, in `texts`.)

use super::Compiler;
use crate::error::DiagnosticKind;
use crate::explain::words::{placeholders, BEFORE_PLACEHOLDERS};
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;

impl Compiler<'_> {
    pub(super) fn summary_words(&mut self, source: &RuleSetSource) {
        let Some(words) = &source.manifest.summary_words else { return };
        let place = || Place::new(Section::Manifest, 0).key("summary_words");
        for (key, list, want) in [("weekdays", &words.weekdays, 7), ("months", &words.months, 12)] {
            if list.len() != want {
                let message = format!("`{key}` needs {want} texts (in calendar order), not {}", list.len());
                let hint = Some(if want == 7 { "Monday first, Sunday last" } else { "January first" }.into());
                self.error(DiagnosticKind::Invalid, place().key(key), None, message, hint);
            }
        }
        let plain = words.before.languages().map(|l| (place().key("before").key_of(l), words.before.get(l)));
        let variants = words.before.variants().flat_map(|(v, t)| {
            t.languages().map(move |l| (place().key("before").key_of(v).key_of(l), t.get(l))).collect::<Vec<_>>()
        });
        for (at, template) in plain.chain(variants).collect::<Vec<_>>() {
            for name in placeholders(template) {
                if !BEFORE_PLACEHOLDERS.contains(&name) {
                    self.unknown(at.clone(), "placeholder", name, BEFORE_PLACEHOLDERS);
                }
            }
        }
    }
}
