//! The manifest's vocabularies (areas, levels, organisations, …) and lookups into them that
//! report unknown names with a did-you-mean.

use super::Compiler;
use crate::error::DiagnosticKind;
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::{Labelled, RuleSetSource};

/// Ids of everything a rule may name, in manifest order.
pub(crate) struct Vocab<'s> {
    pub languages: Vec<String>,
    pub areas: Vec<&'s str>,
    pub need_levels: Vec<&'s str>,
    pub urgencies: Vec<&'s str>,
    pub regie_levels: Vec<&'s str>,
    pub organisations: Vec<&'s str>,
    pub regiehouders: Vec<&'s str>,
    pub sections: Vec<&'s str>,
    pub offers: Vec<&'s str>,
    pub voices: Vec<&'s str>,
}

fn ids(list: &[Labelled]) -> Vec<&str> {
    list.iter().map(|l| l.id.as_str()).collect()
}

impl<'s> Vocab<'s> {
    pub fn build(source: &'s RuleSetSource, c: &mut Compiler) -> Self {
        let m = &source.manifest;
        let manifest = || Place::new(Section::Manifest, 0);
        if !m.languages.iter().any(|l| l == "nl") {
            c.error(
                DiagnosticKind::Invalid,
                manifest().key("languages"),
                None,
                "the languages must include `nl`".into(),
                None,
            );
        }
        if m.name.trim().is_empty() || m.version.trim().is_empty() {
            c.error(
                DiagnosticKind::Invalid,
                manifest().key("name"),
                None,
                "the manifest needs a name and a version".into(),
                None,
            );
        }
        let vocab = Vocab {
            languages: m.languages.clone(),
            areas: ids(&m.areas),
            need_levels: ids(&m.need_levels),
            urgencies: ids(&m.urgencies),
            regie_levels: ids(&m.regie_levels),
            organisations: ids(&m.organisations),
            regiehouders: m.regiehouders.iter().map(|r| r.id.as_str()).collect(),
            sections: ids(&source.schema.sections),
            offers: source.offers.iter().map(|o| o.id.as_str()).collect(),
            voices: m.voices.iter().map(|v| v.id.as_str()).collect(),
        };
        for (key, list) in [
            ("areas", &m.areas),
            ("need_levels", &m.need_levels),
            ("urgencies", &m.urgencies),
            ("regie_levels", &m.regie_levels),
            ("organisations", &m.organisations),
        ] {
            if list.is_empty() {
                c.error(DiagnosticKind::Invalid, manifest().key(key), None, format!("`{key}` cannot be empty"), None);
            }
            for (i, item) in list.iter().enumerate() {
                if list[..i].iter().any(|o| o.id == item.id) {
                    c.error(
                        DiagnosticKind::Duplicate,
                        manifest().key(key).at(i).key("id"),
                        None,
                        format!("`{}` is listed twice", item.id),
                        None,
                    );
                }
            }
        }
        if m.areas.len() > 255 || m.need_levels.len() > 255 || m.urgencies.len() > 255 || m.regie_levels.len() > 255 {
            c.error(
                DiagnosticKind::Invalid,
                manifest(),
                None,
                "at most 255 areas and levels of each kind".into(),
                None,
            );
        }
        for (i, r) in m.regiehouders.iter().enumerate() {
            if !vocab.organisations.contains(&r.organisation.as_str()) {
                c.unknown(
                    manifest().key("regiehouders").at(i).key("organisation"),
                    "organisation",
                    &r.organisation,
                    vocab.organisations.iter().copied(),
                );
            }
        }
        vocab
    }

    /// Checks an identifier's spelling (snake_case ASCII, `-` allowed).
    pub fn check_id(&self, c: &mut Compiler, place: Place, id: &str) {
        if id.len() > crate::limits::MAX_ID_BYTES {
            c.error(
                DiagnosticKind::Invalid,
                place,
                None,
                format!("`{}` is longer than {} bytes", crate::limits::echo(id), crate::limits::MAX_ID_BYTES),
                Some("use a short id; labels hold the long text".into()),
            );
            return;
        }
        let ok = !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
            && !id.starts_with(|ch: char| ch.is_ascii_digit());
        if !ok {
            c.error(
                DiagnosticKind::Invalid,
                place,
                None,
                format!("`{id}` is not a valid id"),
                Some("use lowercase letters, digits, `_` and `-`".into()),
            );
        }
    }

    fn find(c: &mut Compiler, place: Place, what: &str, list: &[&str], id: &str) -> usize {
        match list.iter().position(|x| *x == id) {
            Some(i) => i,
            None => {
                c.unknown(place, what, id, list.iter().copied());
                0
            }
        }
    }

    pub fn area(&self, c: &mut Compiler, place: Place, id: &str) -> u8 {
        Self::find(c, place, "area", &self.areas, id) as u8
    }

    pub fn need_level(&self, c: &mut Compiler, place: Place, id: &str) -> u8 {
        Self::find(c, place, "need level", &self.need_levels, id) as u8
    }

    pub fn urgency(&self, c: &mut Compiler, place: Place, id: &str) -> u8 {
        Self::find(c, place, "urgency", &self.urgencies, id) as u8
    }

    pub fn regie_level(&self, c: &mut Compiler, place: Place, id: &str) -> u8 {
        Self::find(c, place, "regie level", &self.regie_levels, id) as u8
    }

    pub fn regiehouder(&self, c: &mut Compiler, place: Place, id: &str) -> u16 {
        Self::find(c, place, "regiehouder", &self.regiehouders, id) as u16
    }

    pub fn offer(&self, id: &str) -> Option<u16> {
        self.offers.iter().position(|o| *o == id).map(|i| i as u16)
    }
}
