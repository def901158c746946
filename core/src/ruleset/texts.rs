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
        for (key, text) in [
            ("maybe_needed", &w.maybe_needed),
            ("later_too", &w.later_too),
            ("not_to_send", &w.not_to_send),
            ("own_view_not_asked", &w.own_view_not_asked),
            ("caller_fallback", &w.caller_fallback),
            ("child_intro", &w.child_intro),
            ("child_rest_to_parent", &w.child_rest_to_parent),
            ("first_questions", &w.first_questions),
            ("possible_anyway", &w.possible_anyway),
            ("same_place", &w.same_place),
        ] {
            f(words().key(key), text, Optional);
        }
        for (key, list) in [("weekdays", &w.weekdays), ("months", &w.months)] {
            for (i, text) in list.iter().enumerate() {
                f(words().key(key).at(i), text, Required);
            }
        }
    }
    if let Some(w) = &m.markers {
        for (key, text) in [
            ("outside_consent", &w.outside_consent),
            ("possibly_outside_consent", &w.possibly_outside_consent),
            ("against_wish", &w.against_wish),
            ("possibly_against_wish", &w.possibly_against_wish),
        ] {
            f(manifest().key("markers").key(key), text, Required);
        }
    }
    if let Some(rules) = &m.summary {
        for (i, w) in rules.caller_withhold.iter().enumerate() {
            f(manifest().key("summary").key("caller_withhold").at(i).key("reason"), &w.reason, Required);
        }
        for (i, w) in rules.plain_words.iter().enumerate() {
            f(manifest().key("summary").key("plain_words").at(i).key("say"), &w.say, Required);
        }
    }
    labelled(&|i| Place::new(Section::Sections, i), &source.schema.sections, f);
    for (i, fact) in source.schema.facts.iter().enumerate() {
        let place = || Place::new(Section::Facts, i);
        f(place().key("label"), &fact.label, Required);
        for (value, text) in &fact.value_labels {
            f(place().key("value_labels").key_of(value), text, Required);
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
        if let Some(r) = &o.renews {
            f(place().key("renews").key("label"), &r.label, Required);
        }
        for (key, text) in [("melder", &o.melder), ("child", &o.child), ("easy", &o.easy)] {
            if let Some(text) = text {
                f(place().key(key), text, Required);
            }
        }
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
