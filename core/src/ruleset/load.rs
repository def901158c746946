//! Reading a rule-set folder (or the same files from memory, or a JSON bundle) into a
//! [`RuleSetSource`]. This is the only place in `core` that touches the file system.

use super::locate::{Origins, Section, SourceFile};
use super::source::*;
use crate::error::{Diagnostic, DiagnosticKind, Location, RuleError};
use crate::limits::{MAX_BUNDLE_BYTES, MAX_FILE_BYTES};
use crate::suggest;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::Path;

/// The bundle format tag, checked on load.
pub const BUNDLE_FORMAT: &str = "wegwijs-bundle/1";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DerivedFile {
    #[serde(default)]
    derived: Vec<DerivedSource>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OffersFile {
    #[serde(default)]
    offers: Vec<OfferSource>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rules: Vec<RuleSource>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionsFile {
    #[serde(default)]
    regions: Vec<RegionSource>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PropertiesFile {
    #[serde(default)]
    properties: Vec<PropertySource>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenariosFile {
    #[serde(default)]
    scenarios: Vec<ScenarioSource>,
}

/// The on-disk bundle: the whole rule set as one JSON document.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BundleFile {
    pub format: String,
    pub hash: String,
    /// Who vouches for the content (`wegwijs bundle --sign`); checked only against trusted keys.
    #[serde(default)]
    pub signature: Option<crate::signing::Signature>,
    pub ruleset: RuleSetSource,
}

/// Reads every rule-set file under `dir` (relative paths, `/`-separated, sorted).
pub(crate) fn read_dir_files(dir: &Path) -> Result<Vec<(String, String)>, RuleError> {
    let io_error = |path: &Path, e: std::io::Error| Diagnostic {
        kind: DiagnosticKind::Io,
        location: Location { file: path.display().to_string(), ..Location::default() },
        message: format!("cannot read: {e}"),
        hint: None,
    };
    if !dir.is_dir() {
        return Err(io_error(dir, std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder")).into());
    }
    let mut files = Vec::new();
    for sub in ["", "rules", "scenarios"] {
        let folder = if sub.is_empty() { dir.to_path_buf() } else { dir.join(sub) };
        if !folder.is_dir() {
            continue;
        }
        let entries = std::fs::read_dir(&folder).map_err(|e| io_error(&folder, e))?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| io_error(&folder, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if (name.ends_with(".toml") || name.ends_with(".json")) && entry.path().is_file() {
                names.push(name);
            }
        }
        crate::sort::sort(&mut names);
        for name in names {
            let path = folder.join(&name);
            let len = entry_len(&path).map_err(|e| io_error(&path, e))?;
            too_large(&path.display().to_string(), len, MAX_FILE_BYTES)?;
            let text = std::fs::read_to_string(&path).map_err(|e| io_error(&path, e))?;
            let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
            files.push((rel, text));
        }
    }
    Ok(files)
}

/// The size of a file in bytes (saturating on 32-bit targets).
pub(crate) fn entry_len(path: &Path) -> std::io::Result<usize> {
    Ok(usize::try_from(std::fs::metadata(path)?.len()).unwrap_or(usize::MAX))
}

/// Parses the files of a rule-set folder given as `(relative path, text)` pairs.
/// `display_root` prefixes the paths in error locations.
pub(crate) fn parse_files(
    files: Vec<(String, String)>,
    display_root: &str,
) -> Result<(RuleSetSource, Origins), RuleError> {
    let mut origins = Origins::default();
    let mut errors = Vec::new();
    let mut source = RuleSetSource::default();
    let mut have = (false, false, false, false);
    let mut scenarios = Vec::new();
    for (rel, owned) in files {
        let shown = if display_root.is_empty() {
            rel.clone()
        } else {
            format!("{}/{}", display_root.trim_end_matches('/'), rel)
        };
        let idx = origins.files.len();
        let text = owned.as_str();
        let stem = rel.trim_end_matches(".toml").trim_end_matches(".json");
        macro_rules! parse {
            ($t:ty) => {
                match parse_one::<$t>(text, &shown) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        errors.extend(e.diagnostics);
                        None
                    }
                }
            };
        }
        match stem {
            "manifest" => {
                have.0 = true;
                if let Some(m) = parse!(Manifest) {
                    source.manifest = m;
                }
                origins.record(Section::Manifest, idx, 1);
            }
            "schema" => {
                have.1 = true;
                if let Some(s) = parse!(SchemaFile) {
                    origins.record(Section::Facts, idx, s.facts.len());
                    source.schema = s;
                }
            }
            "derived" => {
                if let Some(d) = parse!(DerivedFile) {
                    origins.record(Section::Derived, idx, d.derived.len());
                    source.derived = d.derived;
                }
            }
            "offers" => {
                have.2 = true;
                if let Some(o) = parse!(OffersFile) {
                    origins.record(Section::Offers, idx, o.offers.len());
                    source.offers = o.offers;
                }
            }
            "regions" => {
                if let Some(r) = parse!(RegionsFile) {
                    origins.record(Section::Regions, idx, r.regions.len());
                    source.regions = r.regions;
                }
            }
            "properties" => {
                if let Some(p) = parse!(PropertiesFile) {
                    origins.record(Section::Properties, idx, p.properties.len());
                    source.properties = p.properties;
                }
            }
            s if s.starts_with("rules/") => {
                have.3 = true;
                if let Some(r) = parse!(RulesFile) {
                    origins.record(Section::Rules, idx, r.rules.len());
                    source.rules.extend(r.rules);
                }
            }
            s if s.starts_with("scenarios/") => {
                if let Some(r) = parse!(ScenariosFile) {
                    origins.record(Section::Scenarios, idx, r.scenarios.len());
                    scenarios.extend(r.scenarios);
                }
            }
            _ => errors.push(Diagnostic {
                kind: DiagnosticKind::Invalid,
                location: Location { file: shown.clone(), ..Location::default() },
                message: "this file is not part of the rule-set format".into(),
                hint: Some(
                    "expected manifest, schema, derived, offers, regions, properties, rules/*, scenarios/*".into(),
                ),
            }),
        }
        origins.files.push(SourceFile::new(shown, owned));
    }
    for (present, name) in
        [(have.0, "manifest.toml"), (have.1, "schema.toml"), (have.2, "offers.toml"), (have.3, "rules/*.toml")]
    {
        if !present {
            errors.push(Diagnostic {
                kind: DiagnosticKind::Io,
                location: Location {
                    file: format!("{}/{name}", display_root.trim_end_matches('/')),
                    ..Location::default()
                },
                message: "required file is missing".into(),
                hint: Some("see docs/rule-format.md for the files of a rule set".into()),
            });
        }
    }
    source.scenarios = scenarios.into();
    if errors.is_empty() {
        Ok((source, origins))
    } else {
        Err(RuleError { diagnostics: errors })
    }
}

/// Parses a JSON bundle; the hash it states is checked by the caller.
pub(crate) fn parse_bundle(text: &str, name: &str) -> Result<(BundleFile, Origins), RuleError> {
    too_large(name, text.len(), MAX_BUNDLE_BYTES)?;
    let bundle: BundleFile = parse_json_one_pass(text, name)?;
    if bundle.format != BUNDLE_FORMAT {
        return Err(Diagnostic {
            kind: DiagnosticKind::Invalid,
            location: Location { file: name.into(), path: "format".into(), ..Location::default() },
            message: "unsupported bundle format".into(),
            hint: Some(format!("this engine reads `{BUNDLE_FORMAT}`")),
        }
        .into());
    }
    let origins = Origins { bundle: Some(name.to_string()), ..Origins::default() };
    Ok((bundle, origins))
}

/// An error if a text of `len` bytes is over `max`.
pub(crate) fn too_large(file: &str, len: usize, max: usize) -> Result<(), RuleError> {
    if len <= max {
        return Ok(());
    }
    Err(Diagnostic {
        kind: DiagnosticKind::Invalid,
        location: Location { file: file.to_string(), ..Location::default() },
        message: format!("file is larger than {max} bytes"),
        hint: Some("see docs/limits.md".into()),
    }
    .into())
}

fn parse_one<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, RuleError> {
    too_large(file, text.len(), MAX_FILE_BYTES)?;
    if file.ends_with(".json") {
        return parse_json(text, file);
    }
    parse_toml(text, file)
}

#[cfg(feature = "toml")]
fn parse_toml<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, RuleError> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let location = super::locate::position(text, file, offset, String::new());
        let message = e.message().trim().to_string();
        Diagnostic { kind: DiagnosticKind::Syntax, hint: serde_hint(&message), location, message }.into()
    })
}

/// A build without core's feature `toml` (the intake page's WebAssembly module) reads JSON
/// rule files and bundles only.
#[cfg(not(feature = "toml"))]
fn parse_toml<T: DeserializeOwned>(_text: &str, file: &str) -> Result<T, RuleError> {
    Err(Diagnostic {
        kind: DiagnosticKind::Invalid,
        location: Location { file: file.to_string(), ..Location::default() },
        message: "this build reads JSON rule files and bundles only, not TOML".into(),
        hint: Some(
            "load the rule set as a bundle (`wegwijs bundle`), or use a build with core's feature `toml`".into(),
        ),
    }
    .into())
}

/// JSON that may hold free-form tables (a scenario's case): a pass that looks for a key
/// given twice, then the typed parse.
pub(super) fn parse_json<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, RuleError> {
    if let Some(duplicate) = duplicate_key(text, file) {
        return Err(duplicate);
    }
    serde_json::from_str(text).map_err(|e| syntax_error(text, file, e))
}

/// JSON whose every table refuses a key given twice while it is read (serde's derived
/// structs, [`super::unique_keys`], [`crate::Text`]; a bundle's scenarios stay text until
/// run): one pass. The duplicate-key pass runs only after an error, to name the table.
/// `tests/tests/errors.rs` repeats a key in every kind of table of the national bundle.
fn parse_json_one_pass<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, RuleError> {
    serde_json::from_str(text).map_err(|e| duplicate_key(text, file).unwrap_or_else(|| syntax_error(text, file, e)))
}

/// The first key given twice in one table of `text`, as an error at that table's path.
fn duplicate_key(text: &str, file: &str) -> Option<RuleError> {
    let (path, key) = super::json_keys::first_duplicate(text)?;
    Some(
        Diagnostic {
            kind: DiagnosticKind::Duplicate,
            location: Location { file: file.to_string(), path, ..Location::default() },
            message: format!("key `{}` is given twice", crate::limits::echo(&key)),
            hint: Some("JSON would silently keep only the last one; remove the other".into()),
        }
        .into(),
    )
}

/// serde_json's error with its line, column and the line's start, and a did-you-mean.
fn syntax_error(text: &str, file: &str, e: serde_json::Error) -> RuleError {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    let mut location = Location { file: file.to_string(), line: e.line(), column: e.column(), ..Location::default() };
    location.snippet = text.lines().nth(e.line().saturating_sub(1)).unwrap_or("").chars().take(200).collect();
    Diagnostic { kind: DiagnosticKind::Syntax, hint: serde_hint(&message), location, message }.into()
}

/// A did-you-mean for serde's "unknown field `x`, expected one of `a`, `b`" messages.
fn serde_hint(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1).or_else(|| message.split("unknown variant `").nth(1))?;
    let (word, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    suggest::closest(word, expected.iter().copied()).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelled_key_gets_position_and_hint() {
        let text = "[[rules]]\nid = \"a\"\nwhne = \"true\"\n";
        let err = parse_one::<RulesFile>(text, "rules/x.toml").err().unwrap();
        let err = err.first();
        assert_eq!(err.location.line, 3);
        assert_eq!(err.location.column, 1);
        assert_eq!(err.hint.as_deref(), Some("did you mean `when`?"));
    }
}
