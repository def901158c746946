//! The few words the victim summary adds around the rule set's own texts, in Dutch and
//! English: deadlines in words in local time, and the frame per voice (`je`, `u`,
//! `melder`). Everything else a victim reads comes from the rule set.

use crate::eval::time::LocalTime;
use crate::text::Text;

const DAYS_NL: [&str; 7] = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
const DAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "vóór donderdag 3 december 12.00 uur" / "before Thursday 3 December, 12:00".
pub(crate) fn before(t: LocalTime) -> Text {
    let (d, m) = (t.weekday as usize % 7, (t.month as usize).clamp(1, 12) - 1);
    let nl = format!("vóór {} {} {} {}.{:02} uur", DAYS_NL[d], t.day, MONTHS_NL[m], t.hour, t.minute);
    let en = format!("before {} {} {}, {}:{:02}", DAYS_EN[d], t.day, MONTHS_EN[m], t.hour, t.minute);
    Text::from_pairs([("nl", nl), ("en", en)])
}

/// For a deadline that has already passed.
pub(crate) fn as_soon_as_possible() -> Text {
    pair("zo snel mogelijk", "as soon as possible")
}

/// A step without a deadline at the lowest urgency: no time pressure ("regulier" is a
/// professionals' word).
pub(crate) fn no_hurry() -> Text {
    pair("in de komende weken", "in the coming weeks")
}

/// How the summary speaks: to the victim (`je` or `u`) or to a caller about the victim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    Je,
    U,
    Melder,
}

impl Frame {
    /// The opening line.
    pub fn intro(self) -> Text {
        match self {
            Frame::Je => pair(
                "Dit stellen we nu voor. Jij mag altijd vragen stellen en zeggen wat je ervan vindt.",
                "This is what we propose now. You can always ask questions and say what you think.",
            ),
            Frame::U => pair(
                "Dit stellen we nu voor. U mag altijd vragen stellen en zeggen wat u ervan vindt.",
                "This is what we propose now. You can always ask questions and say what you think.",
            ),
            Frame::Melder => pair(
                "U belt voor iemand anders. Dit stellen we voor voor uw kind of de persoon voor wie u belt, \
                 in de woorden waarin we het met hem of haar bespreken.",
                "You are calling for someone else. This is what we propose for your child or the person you \
                 are calling for, in the words we use with them.",
            ),
        }
    }

    /// Said of a step that goes ahead without consent, because a law allows or demands it.
    pub fn even_against_wish(self) -> Text {
        match self {
            Frame::Je => pair(
                "Dit gebeurt ook als je dat niet wilt, omdat je veiligheid voorgaat. We vertellen je eerst wat we doorgeven.",
                "This happens even if you do not want it, because your safety comes first. We tell you first what we pass on.",
            ),
            Frame::U => pair(
                "Dit gebeurt ook als u dat niet wilt, omdat uw veiligheid voorgaat. We vertellen u eerst wat we doorgeven.",
                "This happens even if you do not want it, because your safety comes first. We tell you first what we pass on.",
            ),
            Frame::Melder => pair(
                "Dit gebeurt ook als hij of zij dat niet wil, omdat de veiligheid voorgaat. We vertellen eerst wat we doorgeven.",
                "This happens even if they do not want it, because safety comes first. We first tell what we pass on.",
            ),
        }
    }

    /// Said of a step that needs consent the victim has not (yet) given.
    pub fn ask_first(self) -> Text {
        match self {
            Frame::Je => pair(
                "Hiervoor delen we alleen iets als jij dat goed vindt. Daar praten we eerst samen over.",
                "For this we only share something if you agree. We talk about that together first.",
            ),
            Frame::U => pair(
                "Hiervoor delen we alleen iets als u dat goed vindt. Daar praten we eerst samen over.",
                "For this we only share something if you agree. We talk about that together first.",
            ),
            Frame::Melder => pair(
                "Hiervoor delen we alleen iets als hij of zij dat goed vindt. Daar praten we eerst over.",
                "For this we only share something if they agree. We talk about that first.",
            ),
        }
    }

    /// "Waar: " before the provider in the case's region.
    pub fn where_label(self) -> Text {
        pair("Waar", "Where")
    }

    /// Said when open questions could still add steps.
    pub fn more_possible(self) -> Text {
        match self {
            Frame::Je => pair(
                "We hebben nog een paar vragen. Door je antwoorden kan er nog iets bij komen.",
                "We still have a few questions. Your answers may add something.",
            ),
            Frame::U => pair(
                "We hebben nog een paar vragen. Door uw antwoorden kan er nog iets bij komen.",
                "We still have a few questions. Your answers may add something.",
            ),
            Frame::Melder => pair(
                "We hebben nog een paar vragen. Door de antwoorden kan er nog iets bij komen.",
                "We still have a few questions. The answers may add something.",
            ),
        }
    }

    /// Said when nothing is proposed (yet).
    pub fn nothing_yet(self) -> Text {
        match self {
            Frame::Je => pair("Er is nu nog niets dat we je voorstellen.", "There is nothing we propose to you yet."),
            Frame::U => pair("Er is nu nog niets dat we u voorstellen.", "There is nothing we propose to you yet."),
            Frame::Melder => pair("Er is nu nog niets dat we voorstellen.", "There is nothing we propose yet."),
        }
    }
}

fn pair(nl: &str, en: &str) -> Text {
    Text::from_pairs([("nl", nl.to_string()), ("en", en.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_read_as_people_say_them() {
        let t = LocalTime { weekday: 3, day: 3, month: 12, hour: 12, minute: 0 };
        assert_eq!(before(t).get("nl"), "vóór donderdag 3 december 12.00 uur");
        assert_eq!(before(t).get("en"), "before Thursday 3 December, 12:00");
        let t = LocalTime { weekday: 6, day: 31, month: 5, hour: 9, minute: 5 };
        assert_eq!(before(t).get("nl"), "vóór zondag 31 mei 9.05 uur");
    }
}
