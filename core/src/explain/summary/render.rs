//! The summary as one text per language: the notice, the opening, the first questions,
//! the steps by group, why steps were held back, and what may still be added. No sentence
//! is said twice: a sentence already said earlier in the summary is left out.

use super::Version;
use crate::compile::RuleSet;
use crate::explain::output::{Summary, SummaryStep};
use crate::explain::words::{fill_placeholders, Words};
use crate::ruleset::source::SummaryWords;
use crate::text::Text;

/// Renders `s` in every language of the rule set.
pub(super) fn render(rules: &RuleSet, frame: &Words, words: &SummaryWords, s: &Summary, version: Version) -> Text {
    let langs = &rules.source.manifest.languages;
    Text::from_pairs(langs.iter().map(|lang| {
        let same_place = frame.say(&words.same_place);
        let mut out = Out { text: String::new(), said: Vec::new(), lang, places: Vec::new(), same_place };
        if let Some(n) = &s.notice {
            out.line(n, "");
            out.text.push('\n');
        }
        let intro = if version == Version::Child && !words.child_intro.is_empty() {
            frame.say(&words.child_intro)
        } else {
            frame.intro()
        };
        out.line(&intro, "");
        out.text.push('\n');
        let listed = s.steps.len() + s.maybe_needed.len() + s.later.len();
        if !s.first_questions.is_empty() {
            out.heading(&frame.say(&words.first_questions));
            for q in &s.first_questions {
                out.line(q, "- ");
            }
            out.text.push('\n');
            if !s.steps.is_empty() {
                out.heading(&frame.say(&words.possible_anyway));
            }
        }
        if listed == 0 && s.withheld.is_empty() {
            out.line(&frame.nothing_yet(), "");
        }
        let mut n = 0;
        out.steps(frame, &s.steps, &mut n);
        if !s.maybe_needed.is_empty() {
            out.text.push('\n');
            out.heading(&frame.say(&words.maybe_needed));
            out.steps(frame, &s.maybe_needed, &mut n);
        }
        if !s.later.is_empty() {
            out.text.push('\n');
            out.heading(&frame.say(&words.later_too));
            out.steps(frame, &s.later, &mut n);
        }
        if !s.withheld.is_empty() {
            if listed > 0 {
                out.text.push('\n');
            }
            for w in &s.withheld {
                out.line(w, "");
            }
        }
        if let Some(v) = &s.own_view {
            out.text.push('\n');
            out.line(v, "");
        }
        if s.more_possible > 0 {
            out.text.push('\n');
            out.line(&frame.more_possible(), "");
        }
        if let Some(note) = frame.translation_note(lang) {
            out.text.push('\n');
            out.text.push_str(note);
            out.text.push('\n');
        }
        (lang.clone(), out.text)
    }))
}

/// The text being written in one language, with the sentences said so far.
struct Out<'a> {
    text: String,
    /// A list, not a set: a summary has a few dozen sentences (one B-tree type less in the
    /// WebAssembly module).
    said: Vec<String>,
    lang: &'a str,
    /// The places named so far, with the number of the step where each is written out.
    places: Vec<(String, usize)>,
    /// "zoals bij stap {n}".
    same_place: Text,
}

impl Out<'_> {
    /// `t` without the sentences already said; `None` when nothing new is left.
    fn fresh(&mut self, t: &str) -> Option<String> {
        let kept: Vec<&str> = sentences(t)
            .into_iter()
            .filter(|s| {
                let s = normal(s);
                let new = !self.said.contains(&s);
                if new {
                    self.said.push(s);
                }
                new
            })
            .collect();
        (!kept.is_empty()).then(|| kept.join(" "))
    }

    fn line(&mut self, t: &Text, prefix: &str) {
        if let Some(t) = self.fresh(t.get(self.lang)) {
            self.text.push_str(&format!("{prefix}{t}\n"));
        }
    }

    fn heading(&mut self, t: &Text) {
        let t = t.get(self.lang);
        if !t.is_empty() {
            self.text.push_str(&format!("{t}\n"));
        }
    }

    fn steps(&mut self, frame: &Words, steps: &[SummaryStep], n: &mut usize) {
        for s in steps {
            *n += 1;
            let what = self.fresh(s.what.get(self.lang)).unwrap_or_default();
            self.text.push_str(&format!("{}. {}: {}\n", n, capitalised(s.when.get(self.lang)), what));
            if let Some(p) = &s.r#where {
                // The same place as an earlier step: "zoals bij stap k", k the step where the
                // place is written out, so that a reader never follows a chain of such lines.
                let earlier = self.places.iter().find(|(q, _)| q == p).map(|&(_, k)| k);
                let place = match earlier {
                    Some(k) if !self.same_place.is_empty() => {
                        fill_placeholders(self.same_place.get(self.lang), |x| (x == "n").then(|| k.to_string()))
                    }
                    _ => {
                        self.places.push((p.clone(), *n));
                        p.clone()
                    }
                };
                self.text.push_str(&format!("   {}: {place}.\n", frame.where_label().get(self.lang)));
            }
            if let Some(a) = &s.against_wish {
                if let Some(a) = self.fresh(a.get(self.lang)) {
                    self.text.push_str(&format!("   {a}\n"));
                }
            }
        }
    }
}

/// The sentences of `t`: split after `.`, `!` or `?` followed by a space.
pub(crate) fn sentences(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = t.as_bytes();
    for (i, c) in t.char_indices() {
        if matches!(c, '.' | '!' | '?' | '؟') && bytes.get(i + c.len_utf8()) == Some(&b' ') {
            out.push(t[start..i + c.len_utf8()].trim());
            start = i + c.len_utf8();
        }
    }
    let rest = t[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out.retain(|s| !s.is_empty());
    out
}

/// A sentence compared without case and surrounding space.
fn normal(s: &str) -> String {
    s.trim().to_lowercase()
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
