//! The few words the victim summary adds around the rule set's own texts — the frame per
//! voice and deadlines in words in local time — read from the manifest's
//! `[summary_words]`, so a new language needs no code.

use crate::eval::time::LocalTime;
use crate::ruleset::source::SummaryWords;
use crate::text::Text;

/// The summary words as spoken in one voice (`je`, `u`, `melder`, …).
pub(crate) struct Words<'a> {
    words: &'a SummaryWords,
    voice: Option<&'a str>,
}

impl<'a> Words<'a> {
    /// The words of `words` in `voice` (a voice without variants gets the plain texts).
    pub fn new(words: &'a SummaryWords, voice: Option<&'a str>) -> Self {
        Words { words, voice }
    }

    fn say(&self, text: &Text) -> Text {
        text.voiced(self.voice)
    }

    /// The closing line for a language the note names explicitly (never for `nl`, nor for
    /// a language that would fall back to Dutch): e.g. "machine-assisted translation".
    pub fn translation_note(&self, lang: &str) -> Option<&str> {
        let note = self.words.translation_note.as_ref()?;
        if lang == "nl" {
            return None;
        }
        note.get_exact(lang)
    }

    /// The opening line.
    pub fn intro(&self) -> Text {
        self.say(&self.words.intro)
    }

    /// Said of a step that goes ahead without consent, because a law allows or demands it.
    pub fn even_against_wish(&self) -> Text {
        self.say(&self.words.even_against_wish)
    }

    /// Said of a step that needs consent the victim has not (yet) given.
    pub fn ask_first(&self) -> Text {
        self.say(&self.words.ask_first)
    }

    /// "Waar" before the provider in the case's region.
    pub fn where_label(&self) -> Text {
        self.say(&self.words.where_label)
    }

    /// Said when open questions could still add steps.
    pub fn more_possible(&self) -> Text {
        self.say(&self.words.more_possible)
    }

    /// Said when nothing is proposed (yet).
    pub fn nothing_yet(&self) -> Text {
        self.say(&self.words.nothing_yet)
    }

    /// For a deadline that has already passed.
    pub fn as_soon_as_possible(&self) -> Text {
        self.say(&self.words.as_soon_as_possible)
    }

    /// A step without a deadline at the lowest urgency: no time pressure ("regulier" is a
    /// professionals' word).
    pub fn no_hurry(&self) -> Text {
        self.say(&self.words.no_hurry)
    }

    /// "vóór donderdag 3 december 12.00 uur", in every language of the `before` template.
    pub fn before(&self, t: LocalTime) -> Text {
        let w = self.words;
        let (d, m) = (t.weekday as usize % 7, (t.month as usize).clamp(1, 12) - 1);
        let template = self.say(&w.before);
        Text::from_pairs(template.languages().map(|lang| {
            let day = w.weekdays.get(d).map_or("", |x| x.get(lang));
            let month = w.months.get(m).map_or("", |x| x.get(lang));
            let fill = |name: &str| -> Option<String> {
                Some(match name {
                    "weekday" => day.to_string(),
                    "day" => t.day.to_string(),
                    "month" => month.to_string(),
                    "hour" => t.hour.to_string(),
                    "minute" => format!("{:02}", t.minute),
                    _ => return None,
                })
            };
            (lang.to_string(), fill_placeholders(template.get(lang), fill))
        }))
    }
}

/// The placeholders a `before` template may use.
pub(crate) const BEFORE_PLACEHOLDERS: [&str; 5] = ["weekday", "day", "month", "hour", "minute"];

/// `template` with each `{name}` that `fill` knows replaced; other text is kept as is.
pub(crate) fn fill_placeholders(template: &str, fill: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| fill(&after[..close]).map(|v| (close, v))) {
            Some((close, value)) => {
                out.push_str(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of `template`, in order.
pub(crate) fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(nl: &str, en: &str) -> Text {
        Text::from_pairs([("nl", nl.to_string()), ("en", en.to_string())])
    }

    #[test]
    fn deadlines_read_as_people_say_them() {
        let days = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
        let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september"];
        let words = SummaryWords {
            before: pair(
                "vóór {weekday} {day} {month} {hour}.{minute} uur",
                "before {weekday} {day} {month}, {hour}:{minute}",
            ),
            weekdays: days.iter().map(|d| pair(d, &d.to_uppercase())).collect(),
            months: months.iter().chain(&["oktober", "november", "december"]).map(|m| pair(m, m)).collect(),
            ..SummaryWords::default()
        };
        let w = Words::new(&words, None);
        let t = LocalTime { weekday: 3, day: 3, month: 12, hour: 12, minute: 0 };
        assert_eq!(w.before(t).get("nl"), "vóór donderdag 3 december 12.00 uur");
        assert_eq!(w.before(t).get("en"), "before DONDERDAG 3 december, 12:00");
        let t = LocalTime { weekday: 6, day: 31, month: 5, hour: 9, minute: 5 };
        assert_eq!(w.before(t).get("nl"), "vóór zondag 31 mei 9.05 uur");
    }

    #[test]
    fn placeholders_are_found_and_unknown_ones_kept() {
        assert_eq!(placeholders("a {day} b {x}"), ["day", "x"]);
        let filled = fill_placeholders("{day} {x} {", |n| (n == "day").then(|| "3".to_string()));
        assert_eq!(filled, "3 {x} {");
    }
}
