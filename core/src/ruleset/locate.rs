//! Turning a logical place in the rule set into file, line and column.
//!
//! The compiler reports problems against logical places (`rule 12, field when, bytes 4..9
//! of the expression`); only here do we go back to the text to find where that is, so the
//! happy path never pays for span bookkeeping. The first error in a file indexes it once
//! (the spans of every value and the start of every line), so any number of errors costs
//! one parse of the file, not one each.

use crate::error::Location;
use crate::name::Name;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
#[cfg(feature = "toml")]
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
    Key(Name),
    Index(usize),
}

impl Default for Seg {
    fn default() -> Self {
        Seg::Index(0)
    }
}

/// A logical place: item `index` of `section`, then `field` inside it.
///
/// Built for every checked field on the happy path, where it is only kept in case of an
/// error: so it allocates nothing for the usual few steps of static field names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    pub section: Section,
    pub index: usize,
    field: Field,
}

impl Place {
    pub fn new(section: Section, index: usize) -> Self {
        Place { section, index, field: Field::default() }
    }

    /// A field name of the rule-set format.
    pub fn key(mut self, key: &'static str) -> Self {
        self.field.push(Seg::Key(Name::Static(key)));
        self
    }

    /// A key from the rule set itself (a value, a language, a voice): copied.
    pub fn key_of(mut self, key: &str) -> Self {
        self.field.push(Seg::Key(Name::new(key)));
        self
    }

    pub fn at(mut self, index: usize) -> Self {
        self.field.push(Seg::Index(index));
        self
    }

    /// The steps inside the item.
    pub fn field(&self) -> impl Iterator<Item = &Seg> {
        self.field.iter()
    }
}

/// Steps kept in place before the rest go to the heap: the places of the rule-set format
/// are at most this deep (`summary.caller_withhold[2].reason`) but for a text's language.
const IN_PLACE: usize = 4;

/// The steps of a [`Place`]: the first [`IN_PLACE`] in place, any further ones in a `Vec`.
#[derive(Clone, Default)]
struct Field {
    len: usize,
    head: [Seg; IN_PLACE],
    rest: Vec<Seg>,
}

impl Field {
    fn push(&mut self, seg: Seg) {
        match self.head.get_mut(self.len) {
            Some(slot) => *slot = seg,
            None => self.rest.push(seg),
        }
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = &Seg> {
        self.head[..self.len.min(IN_PLACE)].iter().chain(&self.rest)
    }
}

/// Equal when the steps are (not the unused slots).
impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Field {}

/// The steps as a list, like the `Vec` this was.
impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A file of a rule-set folder, kept for error reporting.
#[derive(Clone, Debug)]
pub(crate) struct SourceFile {
    pub path: String,
    pub text: String,
    /// Built on the first error located in the file.
    index: OnceLock<FileIndex>,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> Self {
        SourceFile { path, text, index: OnceLock::new() }
    }

    fn index(&self) -> &FileIndex {
        self.index.get_or_init(|| FileIndex::new(&self.path, &self.text))
    }
}

/// Where things are in one file: every line start and the span of every TOML value.
#[derive(Clone, Debug)]
struct FileIndex {
    line_starts: Vec<usize>,
    values: Option<SpanTree>,
}

/// The spans of a TOML value and of everything inside it.
#[derive(Clone, Debug)]
#[cfg_attr(not(feature = "toml"), allow(dead_code))]
enum SpanTree {
    Table(HashMap<String, (Range<usize>, SpanTree)>),
    Array(Vec<(Range<usize>, SpanTree)>),
    Leaf,
}

impl FileIndex {
    fn new(path: &str, text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        FileIndex { line_starts, values: Self::toml_spans(path, text) }
    }

    #[cfg(feature = "toml")]
    fn toml_spans(path: &str, text: &str) -> Option<SpanTree> {
        if path.ends_with(".json") {
            return None;
        }
        DeTable::parse(text).ok().map(|doc| SpanTree::of_table(doc.get_ref()))
    }

    /// Without the TOML reader no TOML file loads, so there is nothing to locate in one.
    #[cfg(not(feature = "toml"))]
    fn toml_spans(_path: &str, _text: &str) -> Option<SpanTree> {
        None
    }
}

#[cfg(feature = "toml")]
impl SpanTree {
    // Recursion here follows the TOML nesting, which the TOML parser bounds.
    fn of_table(table: &DeTable) -> SpanTree {
        SpanTree::Table(
            table.iter().map(|(k, v)| (k.get_ref().to_string(), (v.span(), SpanTree::of(v.get_ref())))).collect(),
        )
    }

    fn of(value: &DeValue) -> SpanTree {
        match value {
            DeValue::Table(t) => SpanTree::of_table(t),
            DeValue::Array(items) => {
                SpanTree::Array(items.iter().map(|v| (v.span(), SpanTree::of(v.get_ref()))).collect())
            }
            _ => SpanTree::Leaf,
        }
    }
}

impl SpanTree {
    /// The span of the deepest value along `path` that exists.
    fn find(&self, path: &[Seg]) -> Option<Range<usize>> {
        let mut node = self;
        let mut best = None;
        for seg in path {
            let next = match (seg, node) {
                (Seg::Key(k), SpanTree::Table(t)) => t.get(k.as_str()),
                (Seg::Index(i), SpanTree::Array(a)) => a.get(*i),
                _ => None,
            };
            let Some((span, tree)) = next else { break };
            best = Some(span.clone());
            node = tree;
        }
        best
    }
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
            toml_path.push(Seg::Key(Name::Static(place.section.key())));
            toml_path.push(Seg::Index(item_idx));
        }
        toml_path.extend(place.field().cloned());
        let index = file.index();
        let span = index.values.as_ref().and_then(|v| v.find(&toml_path));
        let path = render_path(&toml_path);
        match span {
            Some(span) => {
                let offset = match inner {
                    Some(r) => source_offset(&file.text, span.start, r.start),
                    None => span.start,
                };
                position_in(&file.text, &index.line_starts, &file.path, offset, path)
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

/// The location of a byte offset in a file (of a TOML parse error).
#[cfg(feature = "toml")]
pub(crate) fn position(text: &str, file: &str, offset: usize, path: String) -> Location {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    location_at(text, file, offset, line, line_start, path)
}

/// [`position`] with the line starts known (a binary search instead of a scan).
fn position_in(text: &str, line_starts: &[usize], file: &str, offset: usize, path: String) -> Location {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line = line_starts.partition_point(|&s| s <= offset).max(1);
    location_at(text, file, offset, line, line_starts[line - 1], path)
}

fn location_at(text: &str, file: &str, offset: usize, line: usize, line_start: usize, path: String) -> Location {
    let column = text[line_start..offset].chars().count() + 1;
    let snippet = text[line_start..].lines().next().unwrap_or("").to_string();
    Location { file: file.to_string(), line, column, path, snippet }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte offset in `text` of byte `decoded` of the content of the TOML string token that
/// starts at `start`: past the quotes and the newline that opens a multi-line string, with
/// every escape (`\"`, `\u00e9`, …) and every line-ending backslash of a multi-line basic
/// string (which joins lines) counted as what it stands for.
fn source_offset(text: &str, start: usize, decoded: usize) -> usize {
    let rest = &text[start..];
    let (basic, open) = if rest.starts_with("\"\"\"") {
        (true, 3)
    } else if rest.starts_with("'''") {
        (false, 3)
    } else if rest.starts_with('"') {
        (true, 1)
    } else if rest.starts_with('\'') {
        (false, 1)
    } else {
        return start + decoded;
    };
    let multi = open == 3;
    let bytes = rest.as_bytes();
    let mut i = open;
    if multi {
        if rest[i..].starts_with("\r\n") {
            i += 2;
        } else if rest[i..].starts_with('\n') {
            i += 1;
        }
    }
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    // A line-ending backslash stands for nothing: skip it and the blanks after it.
    let skip_joins = |mut i: usize| {
        while basic && multi && bytes.get(i) == Some(&b'\\') && bytes.get(i + 1).is_some_and(|&b| is_space(b)) {
            i += 1;
            while bytes.get(i).is_some_and(|&b| is_space(b)) {
                i += 1;
            }
        }
        i
    };
    let mut out = 0;
    loop {
        i = skip_joins(i);
        if out >= decoded || i >= bytes.len() {
            break;
        }
        if basic && bytes[i] == b'\\' {
            let (width, hex) = match bytes.get(i + 1) {
                Some(b'u') => (6, 4),
                Some(b'U') => (10, 8),
                Some(b'x') => (4, 2),
                Some(_) => (2, 0),
                None => break,
            };
            let len = if hex == 0 {
                1
            } else {
                rest.get(i + 2..i + 2 + hex)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .map_or(1, char::len_utf8)
            };
            i += width;
            out += len;
        } else {
            let len = rest[i..].chars().next().map_or(1, char::len_utf8);
            i += len;
            out += len;
        }
    }
    start + i.min(bytes.len())
}

fn render_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k.as_str());
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn bundle_path(place: &Place) -> String {
    let mut path = vec![Seg::Key(Name::Static(place.section.key()))];
    if place.section != Section::Manifest {
        path.push(Seg::Index(place.index));
    }
    path.extend(place.field().cloned());
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
        let mut origins = Origins { files: vec![SourceFile::new("r.toml".into(), text.into())], ..Default::default() };
        origins.record(Section::Rules, 0, 2);
        let loc = origins.locate(&Place::new(Section::Rules, 1).key("when"), Some(4..5));
        assert_eq!((loc.line, loc.column), (7, 13));
        assert_eq!(loc.snippet, "when = 'age > 3'");
        assert_eq!(loc.path, "rules[1].when");
    }
    fn line_column(text: &str, inner: usize) -> (usize, usize) {
        let mut origins = Origins { files: vec![SourceFile::new("r.toml".into(), text.into())], ..Default::default() };
        origins.record(Section::Rules, 0, 1);
        let loc = origins.locate(&Place::new(Section::Rules, 0).key("when"), Some(inner..inner + 1));
        (loc.line, loc.column)
    }

    #[test]
    fn escapes_count_as_what_they_stand_for() {
        // Content `a == "p" and zz`: `zz` is at byte 13 of it, at column 24 of the line.
        let text = "[[rules]]\nwhen = \"a == \\\"p\\\" and zz\"\n";
        assert_eq!(line_column(text, 13), (2, 24));
        // `\u00e9` is one char of two bytes: `é == zz`, `zz` at byte 6.
        let text = "[[rules]]\nwhen = \"\\u00e9 == zz\"\n";
        assert_eq!(line_column(text, 6), (2, 19));
    }

    #[test]
    fn line_continuations_keep_lines_right() {
        // Content `age > 3 and zz`: `zz` at byte 12, on the third line of the string.
        let text = "[[rules]]\nwhen = \"\"\"\nage > 3 and \\\n    zz\"\"\"\n";
        assert_eq!(line_column(text, 12), (4, 5));
        let text = "[[rules]]\nwhen = '''\nage > 3\nand zz'''\n";
        assert_eq!(line_column(text, 12), (4, 5));
    }

    #[test]
    fn a_place_keeps_every_step_in_order_past_those_kept_in_place() {
        let reason = Place::new(Section::Manifest, 0).key("summary").key("caller_withhold").at(2).key("reason");
        let deep = reason.clone().key_of("je").key_of("en");
        assert_eq!(bundle_path(&deep), "manifest.summary.caller_withhold[2].reason.je.en");
        assert_eq!(bundle_path(&Place::new(Section::Rules, 3).key("when")), "rules[3].when");
        assert_eq!(deep, reason.clone().key_of("je").key("en"), "equal by their steps, however stored");
        assert_ne!(deep, reason.clone().key_of("je"));
        assert_ne!(deep, reason.key_of("je").key_of("nl"));
        assert_eq!(
            format!("{:?}", Place::new(Section::Rules, 0).key("need").at(1).field),
            r#"[Key("need"), Index(1)]"#
        );
    }
}
