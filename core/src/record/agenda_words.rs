//! The agenda in words: every line with labels and plain words (`nl`, `en`), never ids or
//! reason codes, so an MDT chair reads it as it is. The agenda's JSON keeps the codes next
//! to these lines.

use super::agenda::AgendaEntry;
use crate::compile::RuleSet;
use crate::text::Text;

/// Dutch and English.
fn say(nl: String, en: String) -> Text {
    Text::from_pairs([("nl", nl), ("en", en)])
}

/// A label in `lang`, by id from a list of (id, label); the id itself when not found.
fn label<'a>(list: impl IntoIterator<Item = (&'a str, &'a Text)>, id: &str, lang: &str) -> String {
    list.into_iter().find(|(i, _)| *i == id).map_or_else(|| id.replace('_', " "), |(_, t)| t.get(lang).to_string())
}

struct Labels<'a>(&'a RuleSet);

impl Labels<'_> {
    fn offer(&self, id: &str, lang: &str) -> String {
        label(self.0.source.offers.iter().map(|o| (o.id.as_str(), &o.label)), id, lang)
    }
    fn offers(&self, ids: &[String], lang: &str) -> String {
        ids.iter().map(|o| self.offer(o, lang)).collect::<Vec<_>>().join("; ")
    }
    fn fact(&self, id: &str, lang: &str) -> String {
        label(self.0.source.schema.facts.iter().map(|f| (f.id.as_str(), &f.label)), id, lang)
    }
    fn regie(&self, id: &str, lang: &str) -> String {
        let l = label(self.0.source.manifest.regie_levels.iter().map(|l| (l.id.as_str(), &l.label)), id, lang);
        format!("{id} {l}")
    }
    fn regiehouder(&self, id: &str, lang: &str) -> String {
        label(self.0.source.manifest.regiehouders.iter().map(|r| (r.id.as_str(), &r.label)), id, lang)
    }
    /// "10 maart 08:00" in the rule set's zone (RFC 3339 in, words out).
    fn time(&self, rfc3339: &str, lang: &str) -> String {
        let Some(t) = crate::eval::time::parse_datetime(rfc3339) else { return rfc3339.to_string() };
        let months = self.0.source.manifest.summary_words.as_ref().map(|w| &w.months);
        match (self.0.zone.local(t), months) {
            (Some(l), Some(m)) if l.month >= 1 && m.len() >= l.month as usize => {
                format!("{} {} {:02}:{:02}", l.day, m[l.month as usize - 1].get(lang), l.hour, l.minute)
            }
            _ => self.0.zone.format(t),
        }
    }
}

/// The reasons of an entry in words, in the order given.
pub(crate) fn headline(rules: &RuleSet, reasons: &[String]) -> Text {
    let l = Labels(rules);
    let word = |r: &str, lang: &str| -> String {
        let nl = lang == "nl";
        match r {
            "danger_new" => if nl { "nieuw gevaar" } else { "new danger" }.into(),
            "danger_now" => if nl { "nu gevaar" } else { "danger now" }.into(),
            "danger_possible" => if nl { "mogelijk gevaar" } else { "possible danger" }.into(),
            "deadline_today" => if nl { "termijn vandaag" } else { "deadline today" }.into(),
            "deadline_passed" => if nl { "termijn verstreken" } else { "deadline passed" }.into(),
            "no_decision_yet" => if nl { "nog geen besluit" } else { "no decision yet" }.into(),
            other => match other.strip_prefix("regie:") {
                Some(level) => format!("regie {}", l.regie(level, lang)),
                None => other.replace('_', " "),
            },
        }
    };
    let line = |lang: &str| reasons.iter().map(|r| word(r, lang)).collect::<Vec<_>>().join(", ");
    say(line("nl"), line("en"))
}

/// One line per thing the MDT looks at, most pressing first.
pub(crate) fn lines(
    rules: &RuleSet,
    e: &AgendaEntry,
    renewed: &[(String, Text)],
    ranges: &[(String, Text)],
) -> Vec<Text> {
    let l = Labels(rules);
    let mut out = Vec::new();
    for (label, _) in renewed.iter().map(|(o, t)| (t, o)) {
        out.push(say(format!("OPNIEUW NODIG: {}", label.get("nl")), format!("NEEDED AGAIN: {}", label.get("en"))));
    }
    let changed = e.changes.as_ref().map_or(&[][..], |c| &c.facts_changed[..]);
    for f in changed {
        out.push(say(format!("Veranderd: {}", f.text.get("nl")), format!("Changed: {}", f.text.get("en"))));
    }
    // A deadline from a time range is said once, with both ends (below).
    for d in e.deadlines_soon.iter().filter(|d| !ranges.iter().any(|(o, _)| *o == d.offer)) {
        out.push(say(
            format!("Termijn vandaag: {}, uiterlijk {}", l.offer(&d.offer, "nl"), l.time(&d.deadline, "nl")),
            format!("Deadline today: {}, by {}", l.offer(&d.offer, "en"), l.time(&d.deadline, "en")),
        ));
    }
    for (offer, text) in ranges {
        out.push(say(
            format!("Termijn: {}, {}", l.offer(offer, "nl"), text.get("nl")),
            format!("Deadline: {}, {}", l.offer(offer, "en"), text.get("en")),
        ));
    }
    for d in &e.deadlines_passed {
        out.push(say(
            format!(
                "Termijn verstreken: {} (uiterlijk {}), niet gedaan",
                l.offer(&d.offer, "nl"),
                l.time(&d.deadline, "nl")
            ),
            format!("Deadline passed: {} (by {}), not done", l.offer(&d.offer, "en"), l.time(&d.deadline, "en")),
        ));
    }
    let decided = |lang: &str| match &e.decided {
        None => if lang == "nl" { "nog geen besluit" } else { "no decision yet" }.to_string(),
        Some(d) => {
            let holder = d.regiehouder.as_deref().map_or_else(|| "-".to_string(), |h| l.regiehouder(h, lang));
            let word = if lang == "nl" { "besloten" } else { "decided" };
            format!("{word} {} ({holder}, {})", l.regie(&d.regie, lang), l.time(&d.at, lang))
        }
    };
    out.push(say(
        format!("Regie {} voorgesteld; {}", l.regie(&e.regie, "nl"), decided("nl")),
        format!("Regie {} proposed; {}", l.regie(&e.regie, "en"), decided("en")),
    ));
    if !e.awaiting_decision.is_empty() {
        let what = |lang: &str| {
            e.awaiting_decision
                .iter()
                .map(|a| match a.strip_prefix("referral:") {
                    Some(o) => l.offer(o, lang),
                    None => a.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        out.push(say(format!("Wacht op besluit: {}", what("nl")), format!("Awaiting a decision: {}", what("en"))));
    }
    if let Some(c) = e.changes.as_ref().filter(|c| !c.referrals_added.is_empty() || !c.referrals_removed.is_empty()) {
        let part = |lang: &str| {
            let mut parts = Vec::new();
            if !c.referrals_added.is_empty() {
                parts.push(format!(
                    "{} {}",
                    if lang == "nl" { "nieuw:" } else { "new:" },
                    l.offers(&c.referrals_added, lang)
                ));
            }
            if !c.referrals_removed.is_empty() {
                let word = if lang == "nl" { "vervallen:" } else { "no longer proposed:" };
                parts.push(format!("{word} {}", l.offers(&c.referrals_removed, lang)));
            }
            parts.join("; ")
        };
        out.push(say(
            format!("Voorstel veranderd sinds het besluit: {}", part("nl")),
            format!("Proposal changed since the decision: {}", part("en")),
        ));
    }
    if !e.questions.is_empty() {
        let what = |lang: &str| e.questions.iter().map(|f| l.fact(f, lang)).collect::<Vec<_>>().join("; ");
        out.push(say(format!("Nog te vragen: {}", what("nl")), format!("Still to ask: {}", what("en"))));
    }
    out
}
