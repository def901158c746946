//! Words for people, not codes: the labels professionals read in warnings in place of
//! fact, offer and regiehouder ids, and moments in local time in words.

use crate::compile::RuleSet;
use crate::text::Text;

/// The label of the schema fact `id` (the id itself for an unknown one).
pub(crate) fn fact(rules: &RuleSet, id: &str) -> Text {
    let f = rules.source.schema.facts.iter().find(|f| f.id == id);
    f.map_or_else(|| plain(id), |f| f.label.clone())
}

/// The label of the offer `id`.
pub(crate) fn offer(rules: &RuleSet, id: &str) -> Text {
    let o = rules.source.offers.iter().find(|o| o.id == id);
    o.map_or_else(|| plain(id), |o| o.label.clone())
}

/// The label of the regiehouder `id`.
pub(crate) fn regiehouder(rules: &RuleSet, id: &str) -> Text {
    let r = rules.source.manifest.regiehouders.iter().find(|r| r.id == id);
    r.map_or_else(|| plain(id), |r| r.label.clone())
}

/// A moment in the rule set's zone in words: "3 maart 16.00 uur" / "3 March 16:00", with
/// the summary words' month names where the rule set has them.
pub(crate) fn moment(rules: &RuleSet, seconds: i64, lang: &str) -> String {
    let Some(t) = rules.zone.local(seconds) else { return rules.zone.format(seconds) };
    let month = date(rules, t.day, t.month, lang);
    if lang == "nl" {
        format!("{month} {:02}.{:02} uur", t.hour, t.minute)
    } else {
        format!("{month} {:02}:{:02}", t.hour, t.minute)
    }
}

/// "3 maart" / "3 March" (or `3-3` without month names).
pub(crate) fn date(rules: &RuleSet, day: u8, month: u8, lang: &str) -> String {
    let words = rules.source.manifest.summary_words.as_ref();
    let name = words.and_then(|w| w.months.get(usize::from(month).wrapping_sub(1))).map(|m| m.get(lang).to_string());
    match name {
        Some(n) if !n.is_empty() => format!("{day} {n}"),
        _ => format!("{day}-{month}"),
    }
}

fn plain(id: &str) -> Text {
    Text::from_pairs([("nl", id.to_string())])
}
