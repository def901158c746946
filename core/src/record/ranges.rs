//! Deadlines counted from a time known only as a range ("between 06:00 and 12:00"): the
//! engine counts from the earliest end, so a deadline never reads later than it may be. A
//! record shows both ends, and a step is passed only when the latest end has passed; until
//! then it is "perhaps passed" (mogelijk nog zinvol).

use crate::compile::RuleSet;
use crate::eval::value::{Tri, Value};
use crate::result::DeadlineRange;
use crate::text::Text;

/// The deadline of `offer` counted from the latest end of each range it depends on, over
/// the rules that could still propose it (`status` not false), the earliest of those; `None`
/// when no such deadline comes from a range.
pub(crate) fn latest_deadline(rules: &RuleSet, status: &[Tri], slots: &[Value], offer: u16) -> Option<i64> {
    let mut latest: Option<i64> = None;
    let mut from_range = false;
    for (rule, &st) in rules.rules.iter().zip(status) {
        if st == Tri::False {
            continue;
        }
        for refer in rule.refer.iter().filter(|r| r.offer == offer) {
            let Some((slot, hours)) = refer.deadline else { continue };
            let value = slots[slot as usize];
            let Some((_, to)) = value.time_bounds() else { continue };
            from_range |= matches!(value, Value::TimeRange(..));
            let end = to.saturating_add(hours.saturating_mul(3600));
            latest = Some(latest.map_or(end, |l| l.min(end)));
        }
    }
    latest.filter(|_| from_range)
}

/// Both ends of a range deadline and where `now` stands between them.
pub(crate) fn view(rules: &RuleSet, offer: &str, earliest: i64, latest: i64, now: i64) -> DeadlineRange {
    let state = if now <= earliest {
        "open"
    } else if now <= latest {
        "perhaps_passed"
    } else {
        "passed"
    };
    let zone = &rules.zone;
    let clock = |t: i64| zone.local(t).map_or_else(|| zone.format(t), |l| format!("{:02}:{:02}", l.hour, l.minute));
    let months = rules.source.manifest.summary_words.as_ref().map(|w| &w.months);
    // "10 maart" in `lang` (the month's number without month words).
    let date = |t: i64, lang: &str| match zone.local(t) {
        Some(l) => match months.and_then(|m| m.get(usize::from(l.month).wrapping_sub(1))) {
            Some(month) => format!("{} {}", l.day, month.get(lang)),
            None => format!("{}-{}", l.day, l.month),
        },
        None => String::new(),
    };
    let both = |lang: &str| {
        if date(earliest, lang) == date(latest, lang) {
            format!("{} {}–{}", date(earliest, lang), clock(earliest), clock(latest))
        } else {
            format!("{} {}–{} {}", date(earliest, lang), clock(earliest), date(latest, lang), clock(latest))
        }
    };
    let (nl_state, en_state) = match state {
        "open" => ("", ""),
        "perhaps_passed" => (", mogelijk nog zinvol", ", perhaps still useful"),
        _ => (", verstreken", ", passed"),
    };
    DeadlineRange {
        offer: offer.to_string(),
        earliest: zone.format(earliest),
        latest: zone.format(latest),
        state: state.into(),
        text: Text::from_pairs([
            ("nl", format!("uiterlijk {} (tijdstip onzeker){nl_state}", both("nl"))),
            ("en", format!("by {} at the latest (time uncertain){en_state}", both("en"))),
        ]),
    }
}
