//! The two markers a referral can carry, kept apart because they mean different things:
//! *outside the consent* (sharing with the partner is not (yet) agreed: discuss consent
//! first, the victim can also call herself) and *against the stated wish* (the victim said
//! no, and a ground goes before it). Both are three-valued: when an unknown fact decides
//! one, it is `possible`, never absent.
//!
//! An offer's `wish` is split by the manifest's consent facts: its *consent part* is the
//! consent facts it reads directly, its *own wish* the wish with those facts taken as
//! given. A step the victim asked for (own wish true) is never against her wish; one she
//! declined in a case record is.

use crate::compile::program::Env;
use crate::compile::RuleSet;
use crate::eval::value::{Tri, Value};
use crate::result::{Marker, Status};
use crate::ruleset::source::MarkerWords;
use crate::text::Text;

/// The markers of one referral: (outside the consent, against the stated wish).
pub(crate) fn markers(
    rules: &RuleSet,
    env: &Env,
    wish: Tri,
    offer: u16,
    behind: &[u16],
) -> (Option<Marker>, Option<Marker>) {
    if wish == Tri::True {
        return (None, None);
    }
    let (consent, mut own) = split_wish(rules, env, offer);
    // A refusal the expression does not know of (an offer the victim declined in a case
    // record) is her stated wish too.
    if wish == Tri::False && consent != Tri::False {
        own = Tri::False;
    }
    let src = &rules.source;
    let words = rules.source.manifest.markers.clone().unwrap_or_else(default_words);
    let overrides: Vec<usize> =
        behind.iter().map(|&i| i as usize).filter(|&i| src.rules[i].r#override.is_some()).collect();
    // The reason shown: the first rule behind it with a legal ground, else the first override.
    let reason_of = |pick: &dyn Fn(usize) -> bool| {
        let chosen = overrides.iter().copied().filter(|&i| pick(i));
        let mut chosen: Vec<usize> = chosen.collect();
        crate::sort::sort_by_key(&mut chosen, |&i| src.rules[i].legal_ground.is_none());
        chosen.first().map(|&i| (src.rules[i].r#override.clone(), src.rules[i].legal_ground.clone()))
    };
    let outside = (consent != Tri::True).then(|| {
        let (reason, ground) = reason_of(&|_| true).unwrap_or_default();
        let certain = consent == Tri::False;
        let label = if certain { words.outside_consent.clone() } else { words.possibly_outside_consent.clone() };
        Marker { status: status(certain), label, reason, ground }
    });
    // Only an override that may go past the wish itself (not only a missing consent) goes
    // against it; a consent-only override is counted too if the wish is certainly "no".
    let past_wish = |i: usize| !rules.rules[i].consent_only || own == Tri::False;
    let against = (own != Tri::True).then(|| reason_of(&past_wish)).flatten().map(|(reason, ground)| {
        let certain = own == Tri::False;
        let label = if certain { words.against_wish.clone() } else { words.possibly_against_wish.clone() };
        Marker { status: status(certain), label, reason, ground }
    });
    (outside, against)
}

/// The truth of an offer's consent part and of its own wish (the wish with the consent
/// facts it reads taken as true).
pub(crate) fn split_wish(rules: &RuleSet, env: &Env, offer: u16) -> (Tri, Tri) {
    let o = offer as usize;
    let Some(wish) = rules.offers[o].wish else { return (Tri::True, Tri::True) };
    let consent_slots = &rules.sharing.offer_consent[o];
    let consent = consent_slots.iter().fold(Tri::True, |acc, &s| acc.and(env.slots[s as usize].tri()));
    let mut given: Vec<Value> = env.slots.to_vec();
    for &s in consent_slots {
        given[s as usize] = Value::Bool(true);
    }
    let own = rules.program.truth(wish, &Env { slots: &given, now: env.now });
    (consent, own)
}

fn status(certain: bool) -> Status {
    if certain {
        Status::Certain
    } else {
        Status::Possible
    }
}

/// The words when the manifest has no `[markers]`.
fn default_words() -> MarkerWords {
    let text = |nl: &str, en: &str| Text::from_pairs([("en", en.to_string()), ("nl", nl.to_string())]);
    MarkerWords {
        outside_consent: text(
            "Buiten de toestemming: bespreek eerst toestemming; het slachtoffer kan ook zelf bellen.",
            "Outside the consent: discuss consent first; the victim can also call themselves.",
        ),
        possibly_outside_consent: text(
            "Mogelijk buiten de toestemming: een open vraag (zoals het eerste contact) beslist of toestemming nodig is; bespreek eerst toestemming.",
            "Possibly outside the consent: an open question (such as the first contact) decides whether consent is needed; discuss consent first.",
        ),
        against_wish: text("Tegen de wens van het slachtoffer", "Against the victim's stated wish"),
        possibly_against_wish: text("Mogelijk tegen de wens van het slachtoffer", "Possibly against the victim's stated wish"),
    }
}
