//! Status codes and the error object written to the output buffer when a call fails.
//!
//! Every error object has the same fields, `null` where they do not apply, so callers can
//! read them without checks (the same fields as the WebAssembly binding's errors, plus
//! `problems` for a refused decision). Like the core's errors they never carry a value from
//! a case (case data is special-category personal data, AVG art. 9).

use serde::Serialize;
use wegwijs::error::{ArgumentError, CaseError, Diagnostic, RuleError};
use wegwijs::DecisionError;

/// What a call did. `WEGWIJS_STATUS_OK` is 0; every other value means the output buffer
/// (when one was given) holds an error object whose `kind` names the same case.
/// New codes may be added in a minor version; callers should treat unknown ones as errors.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WegwijsStatus {
    /// Success: the output holds the result.
    Ok = 0,
    /// The rule set did not load (`kind` `RuleError`; `file`, `line`, `column`, `diagnostics`).
    RuleError = 1,
    /// The case or record does not fit the schema (`kind` `CaseError`; `fact`, `problem`).
    CaseError = 2,
    /// An argument or option is not valid (`kind` `ArgumentError`; `argument`, `problem`).
    ArgumentError = 3,
    /// A decision is incomplete (`kind` `DecisionError`; `problems`).
    DecisionError = 4,
    /// A required pointer was NULL (`kind` `NullPointer`; `argument`).
    NullPointer = 5,
    /// A text argument is not valid UTF-8 (`kind` `InvalidUtf8`; `argument`).
    InvalidUtf8 = 6,
    /// A bug in Wegwijs was caught at the boundary (`kind` `InternalError`); the engine is
    /// still usable. Please report it.
    InternalError = 7,
}

/// One problem of a rule set, as in the error object's `diagnostics`.
#[derive(Serialize)]
struct DiagnosticView {
    kind: String,
    message: String,
    hint: Option<String>,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    path: String,
    snippet: String,
}

/// A failed call: its status and the error object (boxed: errors travel in `Result`s).
pub(crate) struct FfiError {
    pub(crate) status: WegwijsStatus,
    object: Box<ErrorObject>,
}

/// The error object, as the caller reads it.
#[derive(Serialize)]
struct ErrorObject {
    kind: &'static str,
    message: String,
    fact: Option<String>,
    argument: Option<String>,
    problem: Option<String>,
    hint: Option<String>,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    path: Option<String>,
    diagnostics: Option<Vec<DiagnosticView>>,
    problems: Option<Vec<String>>,
}

/// 0 means "position not known" in the core (e.g. inside a JSON bundle).
fn position(n: usize) -> Option<usize> {
    (n > 0).then_some(n)
}

impl FfiError {
    fn new(status: WegwijsStatus, kind: &'static str, message: String) -> Self {
        let object = ErrorObject {
            kind,
            message,
            fact: None,
            argument: None,
            problem: None,
            hint: None,
            file: None,
            line: None,
            column: None,
            path: None,
            diagnostics: None,
            problems: None,
        };
        FfiError { status, object: Box::new(object) }
    }

    /// A required pointer argument was NULL.
    pub(crate) fn null(argument: &str) -> Self {
        let mut e = Self::new(WegwijsStatus::NullPointer, "NullPointer", format!("{argument}: must not be NULL"));
        e.object.argument = Some(argument.into());
        e.object.problem = Some("must not be NULL".into());
        e
    }

    /// A text argument is not UTF-8; says where (a byte offset), never what.
    pub(crate) fn utf8(argument: &str, valid_up_to: usize) -> Self {
        let problem = format!("is not valid UTF-8 (the first invalid byte is at offset {valid_up_to})");
        let mut e = Self::new(WegwijsStatus::InvalidUtf8, "InvalidUtf8", format!("{argument}: {problem}"));
        e.object.argument = Some(argument.into());
        e.object.problem = Some(problem);
        e.object.hint = Some("pass text encoded as UTF-8".into());
        e
    }

    /// A panic was caught. Its payload is dropped unread: it could hold anything.
    pub(crate) fn internal() -> Self {
        let mut e = Self::new(
            WegwijsStatus::InternalError,
            "InternalError",
            "internal error in Wegwijs (a bug, caught at the C boundary)".into(),
        );
        e.object.hint = Some("please report it with the rule set and the call (not the case data)".into());
        e
    }

    /// A rule set that did not load: the first problem's place in the fields, all of them
    /// in `diagnostics`.
    pub(crate) fn rule(e: &RuleError) -> Self {
        let first = e.first();
        let loc = &first.location;
        let mut out = Self::new(WegwijsStatus::RuleError, "RuleError", e.to_string());
        out.object.problem = Some(first.message.clone());
        out.object.hint = first.hint.clone();
        out.object.file = Some(loc.file.clone());
        out.object.line = position(loc.line);
        out.object.column = position(loc.column);
        out.object.path = (!loc.path.is_empty()).then(|| loc.path.clone());
        out.object.diagnostics = Some(e.diagnostics.iter().map(diagnostic).collect());
        out
    }

    /// A case or record that does not fit the schema: the fact and what was expected.
    pub(crate) fn case(e: &CaseError) -> Self {
        let mut out = Self::new(WegwijsStatus::CaseError, "CaseError", e.to_string());
        out.object.fact = Some(e.fact.clone());
        out.object.problem = Some(e.problem.clone());
        out.object.hint = e.hint.clone();
        out
    }

    /// An argument or option that is not valid.
    pub(crate) fn argument(e: &ArgumentError) -> Self {
        let mut out = Self::new(WegwijsStatus::ArgumentError, "ArgumentError", e.to_string());
        out.object.argument = Some(e.what.clone());
        out.object.problem = Some(e.problem.clone());
        out
    }

    /// [`FfiError::argument`] from its parts, with a hint.
    pub(crate) fn invalid(argument: &str, problem: impl Into<String>, hint: Option<String>) -> Self {
        let problem = problem.into();
        let mut out = Self::argument(&ArgumentError { what: argument.into(), problem });
        out.object.hint = hint;
        out
    }

    /// A decision that was refused, with every problem.
    pub(crate) fn decision(e: &DecisionError) -> Self {
        let mut out = Self::new(WegwijsStatus::DecisionError, "DecisionError", e.to_string().trim_end().to_string());
        out.object.problems = Some(e.problems.clone());
        out
    }

    /// Names the argument the error is in (e.g. which record of a list).
    pub(crate) fn in_argument(mut self, argument: String) -> Self {
        self.object.argument = Some(argument);
        self
    }

    /// The error object as JSON text.
    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(&self.object).expect("an error object always serializes")
    }
}

fn diagnostic(d: &Diagnostic) -> DiagnosticView {
    let loc = &d.location;
    DiagnosticView {
        kind: format!("{:?}", d.kind),
        message: d.message.clone(),
        hint: d.hint.clone(),
        file: loc.file.clone(),
        line: position(loc.line),
        column: position(loc.column),
        path: loc.path.clone(),
        snippet: loc.snippet.clone(),
    }
}
