//! Words for people, not codes: the rule set's labels for the ids a proposal carries
//! (urgency, need level, area, regiehouder, offer, fact), for the text output.

use wegwijs::ruleset::source::{Labelled, RuleSetSource};
use wegwijs::Engine;

/// Looks labels up in one rule set.
pub struct Labels<'s> {
    src: &'s RuleSetSource,
}

impl<'s> Labels<'s> {
    /// The labels of `engine`'s rule set.
    pub fn new(engine: &'s Engine) -> Self {
        Labels { src: engine.source() }
    }

    fn find(list: &[Labelled], id: &str, lang: &str) -> String {
        list.iter().find(|l| l.id == id).map_or_else(|| id.to_string(), |l| l.label.get(lang).to_string())
    }

    /// "Binnen 24 uur" for `binnen_24_uur`.
    pub fn urgency(&self, id: &str, lang: &str) -> String {
        Self::find(&self.src.manifest.urgencies, id, lang)
    }

    /// A need level's label.
    pub fn need(&self, id: &str, lang: &str) -> String {
        Self::find(&self.src.manifest.need_levels, id, lang)
    }

    /// An area's label.
    pub fn area(&self, id: &str, lang: &str) -> String {
        Self::find(&self.src.manifest.areas, id, lang)
    }

    /// "Casemanager CSG" for `csg_casemanager`.
    pub fn regiehouder(&self, id: &str, lang: &str) -> String {
        let r = self.src.manifest.regiehouders.iter().find(|r| r.id == id);
        r.map_or_else(|| id.to_string(), |r| r.label.get(lang).to_string())
    }

    /// An offer's label.
    pub fn offer(&self, id: &str, lang: &str) -> String {
        let o = self.src.offers.iter().find(|o| o.id == id);
        o.map_or_else(|| id.to_string(), |o| o.label.get(lang).to_string())
    }

    /// A fact's label.
    pub fn fact(&self, id: &str, lang: &str) -> String {
        let f = self.src.schema.facts.iter().find(|f| f.id == id);
        f.map_or_else(|| id.to_string(), |f| f.label.get(lang).to_string())
    }

    /// What a question's answer could change, in words: `referral:politie_112` becomes
    /// "verwijzing: Bel 112 …".
    pub fn affects(&self, name: &str, lang: &str) -> String {
        let nl = lang == "nl";
        let word = |nl_word: &str, en_word: &str| if nl { nl_word.to_string() } else { en_word.to_string() };
        match name.split_once(':') {
            Some(("referral", o)) => format!("{}: {}", word("verwijzing", "referral"), self.offer(o, lang)),
            Some(("against_wish", o)) => {
                format!("{}: {}", word("tegen de wens", "against the wish"), self.offer(o, lang))
            }
            Some(("deadline", o)) => format!("{}: {}", word("termijn", "deadline"), self.offer(o, lang)),
            Some(("need", a)) => format!("{}: {}", word("behoefte", "need"), self.area(a, lang)),
            _ => match name {
                "regie" => "regie".into(),
                "regiehouder" => "regiehouder".into(),
                "provider" => word("aanbieder", "provider"),
                other => other.into(),
            },
        }
    }

    /// "3 maart" for the date of an RFC 3339 moment, with the rule set's month names.
    pub fn date(&self, rfc3339: &str, lang: &str) -> String {
        let (Some(month), Some(day)) = (rfc3339.get(5..7), rfc3339.get(8..10)) else { return rfc3339.to_string() };
        let (Ok(month), Ok(day)) = (month.parse::<usize>(), day.parse::<u32>()) else { return rfc3339.to_string() };
        let words = self.src.manifest.summary_words.as_ref();
        match words.and_then(|w| w.months.get(month.wrapping_sub(1))) {
            Some(m) => format!("{day} {}", m.get(lang)),
            None => rfc3339.get(..10).unwrap_or(rfc3339).to_string(),
        }
    }
}
