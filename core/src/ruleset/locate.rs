//! Turning a logical place in the rule set into file, line and column.
//!
//! The compiler reports problems against logical places (`rule 12, field when, bytes 4..9
//! of the expression`); only here do we go back to the text to find where that is, so the
//! happy path never pays for span bookkeeping.

use crate::error::Location;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// Which list of the rule set an item belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    Manifest,
    Sections,
    Facts,
    Derived,
    Offers,
    Rules,
    Regions,
    Properties,
    Scenarios,
}

impl Section {
    /// The key of the list in the bundle and in its file.
    fn key(self) -> &'static str {
        match self {
            Section::Manifest => "manifest",
            Section::Sections => "sections",
            Section::Facts => "facts",
            Section::Derived => "derived",
            Section::Offers => "offers",
            Section::Rules => "rules",
            Section::Regions => "regions",
            Section::Properties => "properties",
            Section::Scenarios => "scenarios",
        }
    }
}

/// One step of a path inside an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// A logical place: item `index` of `section`, then `field` inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    pub section: Section,
    pub index: usize,
    pub field: Vec<Seg>,
}

impl Place {
    pub fn new(section: Section, index: usize) -> Self {
        Place { section, index, field: Vec::new() }
    }

    pub fn key(mut self, key: &str) -> Self {
        self.field.push(Seg::Key(key.to_string()));
        self
    }

    pub fn at(mut self, index: usize) -> Self {
        self.field.push(Seg::Index(index));
        self
    }
}

/// A file of a rule-set folder, kept for error reporting.
#[derive(Clone, Debug)]
pub(crate) struct SourceFile {
    pub path: String,
    pub text: String,
}

/// Where the items of a rule set came from.
#[derive(Clone, Debug, Default)]
pub(crate) struct Origins {
    pub files: Vec<SourceFile>,
    /// For a bundle: its name; items are then located by path only.
    pub bundle: Option<String>,
    /// Per section, per item: (file index, index of the item within that file).
    pub items: Vec<(Section, Vec<(usize, usize)>)>,
}

impl Origins {
    /// Records that the items of `section` from `file` follow those already recorded.
    pub fn record(&mut self, section: Section, file: usize, count: usize) {
        let entry = match self.items.iter_mut().find(|(s, _)| *s == section) {
            Some(e) => e,
            None => {
                self.items.push((section, Vec::new()));
                self.items.last_mut().expect("just pushed")
            }
        };
        entry.1.extend((0..count).map(|i| (file, i)));
    }

    /// The location of `place`, pointing `inner` bytes into the string found there.
    pub fn locate(&self, place: &Place, inner: Option<Range<usize>>) -> Location {
        if let Some(bundle) = &self.bundle {
            return bundle_location(bundle, place, inner);
        }
        let Some((file_idx, item_idx)) = self.item_origin(place) else {
            return Location { file: "<rule set>".into(), path: bundle_path(place), ..Location::default() };
        };
        let file = &self.files[file_idx];
        let mut toml_path = Vec::new();
        if place.section != Section::Manifest {
            toml_path.push(Seg::Key(place.section.key().to_string()));
            toml_path.push(Seg::Index(item_idx));
        }
        toml_path.extend(place.field.iter().cloned());
        let span = if file.path.ends_with(".json") { None } else { find_span(&file.text, &toml_path) };
        let path = render_path(&toml_path);
        match span {
            Some(span) => {
                let offset = match inner {
                    Some(r) => span.start + string_content_offset(&file.text, span.start) + r.start,
                    None => span.start,
                };
                position(&file.text, &file.path, offset, path)
            }
            None => Location { file: file.path.clone(), path, ..Location::default() },
        }
    }

    fn item_origin(&self, place: &Place) -> Option<(usize, usize)> {
        let section = match place.section {
            Section::Sections | Section::Facts => Section::Facts,
            s => s,
        };
        let (_, list) = self.items.iter().find(|(s, _)| *s == section)?;
        if place.section == Section::Manifest || place.section == Section::Sections {
            return list.first().map(|(f, _)| (*f, place.index));
        }
        list.get(place.index).copied()
    }
}

/// The location of a byte offset in a file.
pub(crate) fn position(text: &str, file: &str, offset: usize, path: String) -> Location {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let snippet = text[line_start..].lines().next().unwrap_or("").to_string();
    Location { file: file.to_string(), line, column, path, snippet }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Bytes from the start of a TOML string token to its content (the quotes).
fn string_content_offset(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
        3 + usize::from(rest[3..].starts_with('\n'))
    } else if rest.starts_with('"') || rest.starts_with('\'') {
        1
    } else {
        0
    }
}

fn find_span(text: &str, path: &[Seg]) -> Option<Range<usize>> {
    let doc = DeTable::parse(text).ok()?;
    let mut table: &DeTable = doc.get_ref();
    let mut value: Option<&toml::Spanned<DeValue>> = None;
    let mut best = None;
    for seg in path {
        let next = match (seg, value) {
            (Seg::Key(k), None) => table.get(k.as_str()),
            (Seg::Key(k), Some(v)) => v.get_ref().get(k.as_str()),
            (Seg::Index(i), Some(v)) => v.get_ref().get(*i),
            (Seg::Index(_), None) => None,
        };
        match next {
            Some(v) => {
                best = Some(v.span());
                value = Some(v);
                if let DeValue::Table(t) = v.get_ref() {
                    table = t;
                }
            }
            None => break,
        }
    }
    best
}

fn render_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn bundle_path(place: &Place) -> String {
    let mut path = vec![Seg::Key(place.section.key().to_string())];
    if place.section != Section::Manifest {
        path.push(Seg::Index(place.index));
    }
    path.extend(place.field.iter().cloned());
    render_path(&path)
}

fn bundle_location(bundle: &str, place: &Place, inner: Option<Range<usize>>) -> Location {
    Location {
        file: bundle.to_string(),
        line: 0,
        column: inner.map_or(0, |r| r.start + 1),
        path: bundle_path(place),
        snippet: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_line_and_column_of_a_nested_value() {
        let text = "[[rules]]\nid = \"a\"\nwhen = \"x and y\"\n\n[[rules]]\nid = \"b\"\nwhen = 'age > 3'\n";
        let mut origins =
            Origins { files: vec![SourceFile { path: "r.toml".into(), text: text.into() }], ..Default::default() };
        origins.record(Section::Rules, 0, 2);
        let loc = origins.locate(&Place::new(Section::Rules, 1).key("when"), Some(4..5));
        assert_eq!((loc.line, loc.column), (7, 13));
        assert_eq!(loc.snippet, "when = 'age > 3'");
        assert_eq!(loc.path, "rules[1].when");
    }
}
