//! Every user-facing text of a rule set with its place, in file order: one walk that the
//! compiler uses to check languages and voices and `check` uses to count missing
//! translations, so no text field is forgotten by either.

use super::locate::{Place, Section};
use super::source::{Labelled, RuleSetSource};
use crate::text::Text;

/// Whether a text must be there (a required field) or may be absent (an empty table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    Required,
    Optional,
}

/// Calls `f` with every text of `source` (not the scenarios: they test, they are not read).
pub(crate) fn each(source: &RuleSetSource, f: &mut dyn FnMut(Place, &Text, Need)) {
    use Need::{Optional, Required};
    let m = &source.manifest;
    let manifest = || Place::new(Section::Manifest, 0);
    f(manifest().key("description"), &m.description, Optional);
    for (key, list) in [
        ("areas", &m.areas),
        ("need_levels", &m.need_levels),
        ("urgencies", &m.urgencies),
        ("regie_levels", &m.regie_levels),
        ("organisations", &m.organisations),
    ] {
        labelled(&|i| manifest().key(key).at(i), list, f);
    }
    for (i, r) in m.regiehouders.iter().enumerate() {
        f(manifest().key("regiehouders").at(i).key("label"), &r.label, Required);
    }
    for (i, v) in m.voices.iter().enumerate() {
        f(manifest().key("voices").at(i).key("label"), &v.label, Required);
    }
    if let Some(w) = &m.summary_words {
        let words = || manifest().key("summary_words");
        for (key, text) in [
            ("intro", &w.intro),
            ("even_against_wish", &w.even_against_wish),
            ("ask_first", &w.ask_first),
            ("where", &w.where_label),
            ("more_possible", &w.more_possible),
            ("nothing_yet", &w.nothing_yet),
            ("as_soon_as_possible", &w.as_soon_as_possible),
            ("no_hurry", &w.no_hurry),
            ("before", &w.before),
        ] {
            f(words().key(key), text, Required);
        }
        if let Some(note) = &w.translation_note {
            f(words().key("translation_note"), note, Required);
        }
        for (key, list) in [("weekdays", &w.weekdays), ("months", &w.months)] {
            for (i, text) in list.iter().enumerate() {
                f(words().key(key).at(i), text, Required);
            }
        }
    }
    labelled(&|i| Place::new(Section::Sections, i), &source.schema.sections, f);
    for (i, fact) in source.schema.facts.iter().enumerate() {
        let place = || Place::new(Section::Facts, i);
        f(place().key("label"), &fact.label, Required);
        for (value, text) in &fact.value_labels {
            f(place().key("value_labels").key(value), text, Required);
        }
        f(place().key("question"), &fact.question, Required);
        if let Some(help) = &fact.help {
            f(place().key("help"), help, Required);
        }
    }
    for (i, d) in source.derived.iter().enumerate() {
        f(Place::new(Section::Derived, i).key("label"), &d.label, Optional);
    }
    for (i, o) in source.offers.iter().enumerate() {
        let place = || Place::new(Section::Offers, i);
        f(place().key("label"), &o.label, Required);
        f(place().key("professional"), &o.professional, Required);
        f(place().key("victim"), &o.victim, Required);
    }
    for (i, r) in source.rules.iter().enumerate() {
        let place = || Place::new(Section::Rules, i);
        f(place().key("because"), &r.because, Required);
        for (key, text) in [("override", &r.r#override), ("victim", &r.victim), ("legal_ground", &r.legal_ground)] {
            if let Some(text) = text {
                f(place().key(key), text, Required);
            }
        }
    }
    for (i, r) in source.regions.iter().enumerate() {
        f(Place::new(Section::Regions, i).key("label"), &r.label, Required);
    }
    for (i, p) in source.properties.iter().enumerate() {
        f(Place::new(Section::Properties, i).key("description"), &p.description, Optional);
    }
}

fn labelled(place: &dyn Fn(usize) -> Place, list: &[Labelled], f: &mut dyn FnMut(Place, &Text, Need)) {
    for (i, item) in list.iter().enumerate() {
        f(place(i).key("label"), &item.label, Need::Required);
        if let Some(d) = &item.description {
            f(place(i).key("description"), d, Need::Required);
        }
    }
}
