//! The `options` JSON object of the evaluating calls: `now`, `for`, `voice` and `lang`.

use crate::error::FfiError;
use serde::Deserialize;
use serde_json::Value;
use wegwijs::audience::Audience;
use wegwijs::Timestamp;

/// The option names, for hints.
const KNOWN: &str = "the options are now, for, voice and lang";

/// The options as written: any JSON value per key (checked below, so that no message of
/// the JSON library, which may quote a value, reaches the caller). A key given twice or an
/// unknown key is refused by serde.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    now: Option<Value>,
    #[serde(rename = "for")]
    audience: Option<Value>,
    voice: Option<Value>,
    lang: Option<Value>,
}

/// The options of one call.
pub(crate) struct Options {
    /// The evaluation time.
    pub(crate) now: Timestamp,
    /// `for`: who the result is for (absent: the professional proposal).
    pub(crate) audience: Option<Audience>,
    /// `voice`: the voice of the victim-facing texts in the proposal.
    pub(crate) voice: Option<String>,
    /// `lang`: one of the rule set's languages; every text keeps only it (Dutch where a
    /// text lacks it).
    pub(crate) lang: Option<String>,
}

impl Options {
    /// Reads the options text; `None` (a NULL pointer) means all defaults.
    pub(crate) fn read(text: Option<&str>) -> Result<Options, FfiError> {
        let raw = match text {
            None => Raw::default(),
            Some(text) => serde_json::from_str::<Raw>(text).map_err(|e| refused(&e))?,
        };
        let options = Options {
            now: now(raw.now)?,
            audience: name(raw.audience, "for")?.map(|a| Audience::parse(&a)),
            voice: name(raw.voice, "voice")?,
            lang: name(raw.lang, "lang")?,
        };
        if options.audience.is_some() && options.voice.is_some() {
            return Err(FfiError::invalid(
                "options",
                "give `for` or `voice`, not both",
                Some("`voice` chooses the texts of the professional proposal; a summary `for` the victim speaks in the case's own voice".into()),
            ));
        }
        Ok(options)
    }
}

impl Options {
    /// Refuses `for`, `voice` and `lang` where they would change nothing (never silently
    /// ignored).
    pub(crate) fn only_now(&self, call: &str) -> Result<(), FfiError> {
        if self.audience.is_some() || self.voice.is_some() || self.lang.is_some() {
            return Err(FfiError::invalid(
                "options",
                format!("{call} takes only `now`"),
                Some("`for`, `voice` and `lang` apply to wegwijs_evaluate".into()),
            ));
        }
        Ok(())
    }
}

fn refused(e: &serde_json::Error) -> FfiError {
    let text = e.to_string();
    // serde's own messages for keys name the key and the known ones, never a value.
    let keys = text.starts_with("unknown field") || text.starts_with("duplicate field");
    let problem = match text.find(" at line ") {
        Some(cut) if keys => text[..cut].to_string(),
        _ if e.is_syntax() || e.is_eof() => format!("is not valid JSON (line {}, column {})", e.line(), e.column()),
        _ => "must be a JSON object, e.g. {\"now\": \"2026-03-02T18:00:00+01:00\"}".into(),
    };
    FfiError::invalid("options", problem, Some(KNOWN.into()))
}

/// `now`: RFC 3339 text or whole seconds since the Unix epoch; absent or `null` for the
/// current time (the binding reads the clock; the core never does).
fn now(value: Option<Value>) -> Result<Timestamp, FfiError> {
    let argument = |e: wegwijs::error::ArgumentError| FfiError::argument(&e);
    match value {
        None => Timestamp::from_unix(current_unix_seconds()).map_err(argument),
        Some(Value::String(text)) => Timestamp::parse(&text).map_err(argument),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(seconds) => Timestamp::from_unix(seconds).map_err(argument),
            None => Err(FfiError::invalid(
                "evaluation time",
                "seconds since 1970 must be a whole number from -62167219200 to 253402300799 (years 0000 to 9999)",
                None,
            )),
        },
        Some(_) => Err(FfiError::invalid(
            "evaluation time",
            "expected an RFC 3339 datetime with offset (e.g. 2026-03-01T10:00:00+01:00) or whole seconds since 1970",
            None,
        )),
    }
}

fn current_unix_seconds() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    // A clock before 1970 is out of the range every caller means; the core refuses it.
    since.map_or(i64::MIN, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn name(value: Option<Value>, option: &str) -> Result<Option<String>, FfiError> {
    match value {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(FfiError::invalid(option, "must be a string", None)),
    }
}
