//! Why-not for an offer the case record says no to: the victim declined it (a `declined`
//! action) or the MDT's latest decision rejected it. Said in plain language, next to the
//! rules' unmet conditions, so nobody reads "conditions not met" where the answer is "no".

use super::apply::RecordContext;
use crate::compile::RuleSet;
use crate::result::Declined;
use crate::text::Text;

impl RecordContext {
    /// The record's "no" to `offer` as of the evaluation: the victim's decline first (it is
    /// the victim's wish), else a rejection in the latest decision taken by then.
    pub(crate) fn declined_offer(&self, rules: &RuleSet, offer: u16) -> Option<Declined> {
        let id = rules.source.offers[offer as usize].id.as_str();
        let status = &self.status;
        if let Some(a) = status.actions.iter().find(|a| a.offer == id && a.status == "declined") {
            let date = &a.at[..a.at.len().min(10)];
            let text = Text::from_pairs([
                (
                    "nl",
                    format!(
                        "Het slachtoffer heeft dit aanbod afgeslagen ({date}). Het wordt daarom niet opnieuw \
                         voorgesteld; alleen een regel die om veiligheid tegen de wens in mag gaan, brengt het terug."
                    ),
                ),
                (
                    "en",
                    format!(
                        "The victim declined this offer ({date}). It is therefore not proposed again; only a rule \
                         that may go against the wish for safety brings it back."
                    ),
                ),
            ]);
            return Some(Declined { by: "slachtoffer".into(), at: a.at.clone(), text });
        }
        let decided = status.decided.as_ref().filter(|_| self.rejected.contains(&offer))?;
        let date = &decided.at[..decided.at.len().min(10)];
        let text = Text::from_pairs([
            ("nl", format!("Het MDT heeft dit aanbod afgewezen in het besluit van {date}.")),
            ("en", format!("The MDT rejected this offer in its decision of {date}.")),
        ]);
        Some(Declined { by: "mdt".into(), at: decided.at.clone(), text })
    }
}
