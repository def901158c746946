//! The manifest's languages and every text against them: `nl` is the base and required
//! wherever a text is; any other listed language may be given (a missing one falls back
//! to Dutch and `check` reports it); an unlisted language or voice is an error with a
//! did-you-mean.

use super::vocab::Vocab;
use super::Compiler;
use crate::error::DiagnosticKind;
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;
use crate::ruleset::texts::{self, Need};
use crate::text::Text;

/// The base language: every text has it, every other language falls back to it.
pub(crate) const BASE: &str = "nl";

impl Compiler<'_> {
    /// Checks the language codes of the manifest and then every text of the rule set.
    pub(super) fn texts(&mut self, source: &RuleSetSource, vocab: &Vocab) {
        let languages = &source.manifest.languages;
        for (i, lang) in languages.iter().enumerate() {
            let place = || Place::new(Section::Manifest, 0).key("languages").at(i);
            if !is_language_code(lang) {
                let message = format!("`{}` is not a language code", crate::limits::echo(lang));
                let hint = Some("use a lowercase ISO 639 code such as `nl`, `en`, `ar`, `pl` or `tr`".into());
                self.error(DiagnosticKind::Invalid, place(), None, message, hint);
            } else if languages[..i].contains(lang) {
                self.error(
                    DiagnosticKind::Duplicate,
                    place(),
                    None,
                    format!("language `{lang}` is listed twice"),
                    None,
                );
            }
        }
        texts::each(source, &mut |place, text, need| self.text(vocab, place, text, need));
    }

    fn text(&mut self, vocab: &Vocab, place: Place, text: &Text, need: Need) {
        if need == Need::Optional && text.is_empty() {
            return;
        }
        if text.get_exact(BASE).is_none_or(|t| t.trim().is_empty()) {
            let message = format!("text in `{BASE}` (the base language) is missing");
            let hint = Some(format!("write it as {{ {} = \"…\" }}", vocab.languages.join(" = \"…\", ")));
            self.error(DiagnosticKind::Invalid, place.clone(), None, message, hint);
        }
        self.languages_of(vocab, &place, None, text);
        for (voice, variant) in text.variants() {
            if !vocab.voices.contains(&voice) {
                self.unknown(place.clone().key_of(voice), "voice", voice, vocab.voices.iter().copied());
            }
            self.languages_of(vocab, &place, Some(voice), variant);
        }
    }

    /// Every language of `text` (at `place`, in `voice`'s table) is listed and not blank.
    /// The place of a language is built only to report it: the texts are many.
    fn languages_of(&mut self, vocab: &Vocab, place: &Place, voice: Option<&str>, text: &Text) {
        let at = |lang: &str| match voice {
            Some(voice) => place.clone().key_of(voice).key_of(lang),
            None => place.clone().key_of(lang),
        };
        for lang in text.languages() {
            if !vocab.languages.iter().any(|l| l == lang) {
                let listed = vocab.languages.iter().map(String::as_str);
                self.unknown(at(lang), "language", lang, listed);
            } else if text.get_exact(lang).is_some_and(|t| t.trim().is_empty()) {
                let hint = Some("leave the language out to fall back to Dutch".into());
                self.error(DiagnosticKind::Invalid, at(lang), None, format!("text in `{lang}` is empty"), hint);
            }
        }
    }
}

/// `nl`, `ar`, `pt-BR`: two or three lowercase letters, then optional `-` subtags.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn language_codes_are_short_lowercase_tags() {
        for ok in ["nl", "en", "ar", "fil", "pt-BR"] {
            assert!(super::is_language_code(ok), "{ok}");
        }
        for bad in ["", "n", "NL", "dutch", "nl-", "n1"] {
            assert!(!super::is_language_code(bad), "{bad}");
        }
    }
}
