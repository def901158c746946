//! Picking one language of the rule set for output (`--lang`, `lang=`): every text keeps
//! only that language, or Dutch where it has none (fallback per text), and the output
//! says which language was asked for. A code the rule set does not list is an error.

use crate::audience::{AudienceView, Handover, HandoverFact, Summary, SummaryStep};
use crate::engine::{Engine, Evaluation};
use crate::error::ArgumentError;
use crate::result::{Explanation, Marker, Proposal, Question, ReferralProposal, Warning};
use crate::text::Text;

/// Checks that `lang` is one of `languages` (the manifest's), with a did-you-mean.
pub fn check(languages: &[String], lang: &str) -> Result<(), ArgumentError> {
    if languages.iter().any(|l| l == lang) {
        return Ok(());
    }
    Err(ArgumentError {
        what: format!("language `{}`", crate::limits::echo(lang)),
        problem: format!(
            "is not one of the rule set's languages ({}); {}",
            languages.join(", "),
            crate::suggest::hint(lang, languages.iter().map(String::as_str))
        ),
    })
}

impl Engine {
    /// Checks that `lang` is one of the rule set's languages (an error names them and
    /// suggests the nearest).
    pub fn check_language(&self, lang: &str) -> Result<(), ArgumentError> {
        check(&self.source().manifest.languages, lang)
    }
}

impl Evaluation {
    /// Checks that `lang` is one of the rule set's languages, before narrowing a result
    /// with [`InLanguage`].
    pub fn check_language(&self, lang: &str) -> Result<(), ArgumentError> {
        check(&self.rules().source.manifest.languages, lang)
    }

    /// [`Evaluation::for_audience`] with every text in `lang` (Dutch where a text lacks
    /// it); an unknown language is an error.
    pub fn for_audience_in(
        &self,
        audience: &crate::audience::Audience,
        lang: &str,
    ) -> Result<AudienceView, ArgumentError> {
        self.check_language(lang)?;
        let mut view = self.for_audience(audience)?;
        view.in_language(lang);
        Ok(view)
    }
}

/// Output whose texts can be narrowed to one language.
pub trait InLanguage {
    /// Keeps only `lang` in every text (Dutch where a text lacks it).
    fn in_language(&mut self, lang: &str);
}

impl InLanguage for Text {
    fn in_language(&mut self, lang: &str) {
        *self = self.only(lang);
    }
}

impl<T: InLanguage> InLanguage for Option<T> {
    fn in_language(&mut self, lang: &str) {
        if let Some(t) = self {
            t.in_language(lang);
        }
    }
}

impl<T: InLanguage> InLanguage for Vec<T> {
    fn in_language(&mut self, lang: &str) {
        self.iter_mut().for_each(|t| t.in_language(lang));
    }
}

impl InLanguage for Proposal {
    fn in_language(&mut self, lang: &str) {
        self.language = Some(lang.to_string());
        self.referrals.in_language(lang);
        self.regie.label.in_language(lang);
        if let Some(r) = &mut self.regiehouder {
            r.label.in_language(lang);
        }
        self.explanations.in_language(lang);
        self.questions.in_language(lang);
        self.warnings.in_language(lang);
    }
}

impl InLanguage for ReferralProposal {
    fn in_language(&mut self, lang: &str) {
        self.label.in_language(lang);
        self.outside_consent.in_language(lang);
        self.against_wish.in_language(lang);
        if let Some(r) = &mut self.rejected {
            r.text.in_language(lang);
        }
    }
}

impl InLanguage for Marker {
    fn in_language(&mut self, lang: &str) {
        self.label.in_language(lang);
        self.reason.in_language(lang);
        self.ground.in_language(lang);
    }
}

impl InLanguage for Explanation {
    fn in_language(&mut self, lang: &str) {
        self.text.in_language(lang);
        self.r#override.in_language(lang);
    }
}

impl InLanguage for Question {
    fn in_language(&mut self, lang: &str) {
        self.label.in_language(lang);
        self.question.in_language(lang);
    }
}

impl InLanguage for Warning {
    fn in_language(&mut self, lang: &str) {
        self.message.in_language(lang);
    }
}

impl InLanguage for Summary {
    fn in_language(&mut self, lang: &str) {
        self.language = Some(lang.to_string());
        self.notice.in_language(lang);
        self.first_questions.in_language(lang);
        self.steps.in_language(lang);
        self.maybe_needed.in_language(lang);
        self.later.in_language(lang);
        self.withheld.in_language(lang);
        self.own_view.in_language(lang);
        self.text.in_language(lang);
    }
}

impl InLanguage for SummaryStep {
    fn in_language(&mut self, lang: &str) {
        self.when.in_language(lang);
        self.what.in_language(lang);
        self.against_wish.in_language(lang);
    }
}

impl InLanguage for Handover {
    fn in_language(&mut self, lang: &str) {
        self.language = Some(lang.to_string());
        self.label.in_language(lang);
        self.legal_grounds.in_language(lang);
        self.facts.in_language(lang);
        self.referrals.in_language(lang);
    }
}

impl InLanguage for HandoverFact {
    fn in_language(&mut self, lang: &str) {
        self.label.in_language(lang);
    }
}

impl InLanguage for AudienceView {
    fn in_language(&mut self, lang: &str) {
        match self {
            AudienceView::Professional(p) => p.in_language(lang),
            AudienceView::Summary(s) => s.in_language(lang),
            AudienceView::Handover(h) => h.in_language(lang),
        }
    }
}
