//! Errors of the public API.
//!
//! Two rules hold for every error here: it never carries a value from a case (case data is
//! special-category personal data, AVG art. 9), and it says where and what, with a hint.

use std::fmt;
use thiserror::Error;

/// Where in a rule set a problem is: file, 1-based line and column, the logical path of
/// the item (`rules[3].when`) and the offending line of text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// The file, as given to the loader (or `<bundle>`).
    pub file: String,
    /// 1-based line; 0 when the position is not known (e.g. inside a JSON bundle).
    pub line: usize,
    /// 1-based column; 0 when not known.
    pub column: usize,
    /// Logical path of the item, e.g. `rules[3].when`.
    pub path: String,
    /// The source line (or expression) the position points into.
    pub snippet: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, " ({})", self.path)?;
        }
        Ok(())
    }
}

/// What kind of problem a [`Diagnostic`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A file could not be read.
    Io,
    /// TOML or JSON syntax, or a key the format does not know.
    Syntax,
    /// An expression does not parse.
    Expression,
    /// An expression is ill-typed (e.g. an int compared with an enum).
    Type,
    /// A name refers to nothing (fact, offer, area, level, …).
    UnknownName,
    /// Something is defined twice.
    Duplicate,
    /// Derived facts depend on each other in a cycle.
    Cycle,
    /// Any other violated rule of the format.
    Invalid,
}

/// One problem found while loading a rule set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem.
    pub kind: DiagnosticKind,
    /// Where it is.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it (a did-you-mean, or what is allowed).
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if !self.location.snippet.is_empty() {
            write!(f, "\n    | {}", self.location.snippet)?;
            if self.location.column > 0 && self.location.line > 0 {
                let pad = self.location.snippet.chars().take(self.location.column - 1).count();
                write!(f, "\n    | {}^", " ".repeat(pad))?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A rule set that could not be loaded; holds every problem found, in file order.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub struct RuleError {
    /// The problems, at least one.
    pub diagnostics: Vec<Diagnostic>,
}

impl RuleError {
    /// The first problem (there is always one).
    pub fn first(&self) -> &Diagnostic {
        &self.diagnostics[0]
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {d}")?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for RuleError {
    fn from(d: Diagnostic) -> Self {
        RuleError { diagnostics: vec![d] }
    }
}

/// A case that does not fit the schema. Names the fact and what was expected, never the
/// value that was given.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("case fact `{fact}`: {problem}{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
pub struct CaseError {
    /// The fact (or key) at fault.
    pub fact: String,
    /// What was expected, e.g. `an integer from 0 to 120`.
    pub problem: String,
    /// A did-you-mean for an unknown key.
    pub hint: Option<String>,
}

/// An evaluation time or other argument that is not valid.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{what}: {problem}")]
pub struct ArgumentError {
    /// Which argument.
    pub what: String,
    /// What is wrong with it.
    pub problem: String,
}

/// Any error of the library, for callers that do not need to tell them apart.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    /// The rule set did not load.
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// The case does not fit the schema.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// Another argument is not valid.
    #[error(transparent)]
    Argument(#[from] ArgumentError),
}
