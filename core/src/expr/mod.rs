//! The expression language: lexer, parser and type checker.
//!
//! Small and total on purpose: no loops, no recursion, no user functions, so every
//! expression terminates and can be analysed exactly over the schema's finite domains.

pub(crate) mod ast;
pub(crate) mod lexer;
pub(crate) mod parser;
pub(crate) mod types;

use crate::error::DiagnosticKind;
use ast::Span;

/// A problem in one expression, with its byte span in the expression text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ExprError {
    pub kind: DiagnosticKind,
    pub message: String,
    pub span: Span,
    pub hint: Option<String>,
}

impl ExprError {
    pub fn new(message: impl Into<String>, span: Span, hint: Option<&str>) -> Self {
        ExprError { kind: DiagnosticKind::Expression, message: message.into(), span, hint: hint.map(str::to_string) }
    }

    pub fn typed(message: impl Into<String>, span: Span, hint: Option<String>) -> Self {
        ExprError { kind: DiagnosticKind::Type, message: message.into(), span, hint }
    }
}
