//! Missing translations: per language of the manifest other than `nl`, every text that
//! does not have it (read in Dutch instead), one finding each with its place, and a count
//! per language. Info only: a missing translation falls back to Dutch, it is not an error.

use super::{Finding, Severity};
use crate::compile::texts::BASE;
use crate::compile::RuleSet;
use crate::ruleset::texts::{self, Need};

/// Code of the finding per missing text.
pub const MISSING: &str = "translation-missing";
/// Code of the count per language.
pub const COUNT: &str = "translations";

pub(crate) fn findings(rules: &RuleSet) -> Vec<Finding> {
    let src = &rules.source;
    let languages: Vec<&str> = src.manifest.languages.iter().map(String::as_str).filter(|l| *l != BASE).collect();
    let mut total = 0;
    let mut missing: Vec<(usize, crate::ruleset::locate::Place)> = Vec::new();
    texts::each(src, &mut |place, text, need| {
        if need == Need::Optional && text.is_empty() {
            return;
        }
        total += 1;
        for (l, lang) in languages.iter().enumerate() {
            if text.get_exact(lang).is_none() {
                missing.push((l, place.clone()));
            }
        }
    });
    let mut out = Vec::new();
    for (l, lang) in languages.iter().enumerate() {
        let here: Vec<_> = missing.iter().filter(|(m, _)| *m == l).collect();
        out.push(Finding {
            code: COUNT.into(),
            severity: Severity::Info,
            message: format!(
                "`{lang}`: {} of {total} texts translated, {} missing (read in Dutch)",
                total - here.len(),
                here.len()
            ),
            location: None,
            witness: None,
        });
        for (_, place) in here {
            let location = rules.origins.locate(place, None);
            out.push(Finding {
                code: MISSING.into(),
                severity: Severity::Info,
                message: format!("no `{lang}` text (read in Dutch)"),
                location: Some(location),
                witness: None,
            });
        }
    }
    out
}
