//! `because` templates: text pieces and compiled placeholder expressions.

use super::model::*;
use super::program::Op;
use super::template;
use super::Compiler;
use crate::error::DiagnosticKind;
use crate::expr::types::Scope;
use crate::expr::{parser, types};
use crate::limits::{MAX_INLINED_DEPTH, MAX_TEMPLATE_BYTES};
use crate::ruleset::locate::Place;

impl Compiler<'_> {
    pub(super) fn template(&mut self, scope: &Scope, place: Place, text: &str) -> Vec<Piece> {
        if text.len() > MAX_TEMPLATE_BYTES {
            self.error(
                DiagnosticKind::Invalid,
                place,
                None,
                format!("text is longer than {MAX_TEMPLATE_BYTES} bytes"),
                Some("shorten it; the facts are listed with every explanation anyway".into()),
            );
            return vec![Piece::Text(String::new())];
        }
        let pieces = match template::split(text) {
            Ok(p) => p,
            Err((message, span)) => {
                self.error(
                    DiagnosticKind::Expression,
                    place,
                    Some(span),
                    message,
                    Some("placeholders look like {hours_since(last_incident_at)}; optional clauses like [, {n | kind / kinderen}]".into()),
                );
                return vec![Piece::Text(text.to_string())];
            }
        };
        let mut out = Vec::new();
        for piece in pieces {
            match piece {
                template::Part::Text(t) => out.push(Piece::Text(t)),
                template::Part::Open => out.push(Piece::Open),
                template::Part::Close => out.push(Piece::Close),
                template::Part::Expr { source: expr, span, format } => {
                    let text_idx = self.program.texts.len() as u32;
                    self.program.texts.push(expr.clone());
                    let result =
                        parser::parse(&expr).and_then(|ast| types::check(&mut self.program, scope, text_idx, &ast));
                    match result {
                        Ok((node, _)) if self.program.depth[node as usize] as usize > MAX_INLINED_DEPTH => self
                            .error(
                                DiagnosticKind::Expression,
                                place.clone(),
                                Some(span),
                                format!("placeholder nested too deeply with its derived facts written out (more than {MAX_INLINED_DEPTH} levels)"),
                                None,
                            ),
                        Err(e) if self.follows_broken(&expr, &e) => {}
                        Ok((node, ty)) => {
                            let fact = match self.program.ops[node as usize] {
                                Op::Load(slot) if (slot as usize) < scope.fact_count => Some(slot),
                                _ => None,
                            };
                            let format = self.format(&place, format, ty, scope);
                            out.push(Piece::Expr(node, ty, fact, format))
                        }
                        Err(e) => self.error(
                            e.kind,
                            place.clone(),
                            Some(span.start + e.span.start..span.start + e.span.end),
                            e.message,
                            e.hint,
                        ),
                    }
                }
            }
        }
        out
    }
}
