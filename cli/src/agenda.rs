//! The agenda and changes as text or Markdown, and reading a folder or JSONL file of records.

use std::fmt::Write as _;
use std::io::{BufRead, Read as _};
use std::path::Path;
use wegwijs::{Agenda, Changes, Engine, Record};

fn t<'a>(lang: &str, nl: &'a str, en: &'a str) -> &'a str {
    if lang == "nl" {
        nl
    } else {
        en
    }
}

/// A record the agenda could not use: the file (and line) and what is wrong, never its
/// content.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Unreadable {
    /// The file, with `:LINE` for a line of a `.jsonl` file.
    pub file: String,
    /// What is wrong.
    pub problem: String,
}

/// The records of a folder or `.jsonl` file, named by file stem or line number, and an
/// entry per record that could not be read.
pub struct Records {
    /// The records read.
    pub read: Vec<(String, Record)>,
    /// The ones that could not be read.
    pub unreadable: Vec<Unreadable>,
}

/// Records from a folder (`*.json` in any case, by file name) or a `.jsonl` file (one per
/// line). Only regular files are opened, each read up to the case limit; one bad file or
/// line becomes an [`Unreadable`] entry and the others are read as usual. Errors name the
/// file (and line), never a value.
pub fn read_records(engine: &Engine, path: &Path) -> Result<Records, String> {
    let limit = wegwijs::limits::MAX_CASE_BYTES;
    let mut out = Records { read: Vec::new(), unreadable: Vec::new() };
    let metadata = std::fs::metadata(path).map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
    if metadata.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| format!("error: cannot read {}: {e}", path.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("json")))
            .collect();
        files.sort();
        for file in files {
            let text = crate::files::open_regular(&file).and_then(|f| crate::files::read_limited(f, limit));
            let problem = match text {
                Err(e) => format!("cannot read: {e}"),
                Ok(None) => format!("longer than {limit} bytes, the limit of a record (docs/limits.md)"),
                Ok(Some(text)) => match engine.record_from_str(&text) {
                    Ok(record) => {
                        let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                        out.read.push((name, record));
                        continue;
                    }
                    Err(e) => e.to_string(),
                },
            };
            out.unreadable.push(Unreadable { file: file.display().to_string(), problem });
        }
    } else {
        let file =
            crate::files::open_regular(path).map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
        let mut reader = std::io::BufReader::new(file);
        for number in 1.. {
            let line = match read_line(&mut reader, limit) {
                Err(e) => return Err(format!("error: cannot read {}: {e}", path.display())),
                Ok(None) => break,
                Ok(Some(line)) => line,
            };
            let problem = match line {
                Line::TooLong => format!("longer than {limit} bytes, the limit of a record (docs/limits.md)"),
                Line::NotText => "not UTF-8 text".to_string(),
                Line::Text(text) if text.trim().is_empty() => continue,
                Line::Text(text) => match engine.record_from_str(&text) {
                    Ok(record) => {
                        out.read.push((format!("line {number}"), record));
                        continue;
                    }
                    Err(e) => e.to_string(),
                },
            };
            out.unreadable.push(Unreadable { file: format!("{}:{number}", path.display()), problem });
        }
    }
    if out.read.is_empty() && out.unreadable.is_empty() {
        return Err(format!("error: {}: no case records found", path.display()));
    }
    Ok(out)
}

/// One line of a `.jsonl` file.
enum Line {
    Text(String),
    TooLong,
    NotText,
}

/// The next line (without its newline), reading at most `limit` bytes of it; the rest of
/// a longer line is skipped. `None` at the end.
fn read_line(reader: &mut impl BufRead, limit: usize) -> std::io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let n = reader.by_ref().take(limit as u64 + 1).read_until(b'\n', &mut bytes)?;
    if n == 0 {
        return Ok(None);
    }
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    } else if bytes.len() > limit {
        // Skip to the end of the line, in bounded pieces.
        let mut rest = Vec::new();
        loop {
            rest.clear();
            let n = reader.by_ref().take(64 * 1024).read_until(b'\n', &mut rest)?;
            if n == 0 || rest.last() == Some(&b'\n') {
                break;
            }
        }
        return Ok(Some(Line::TooLong));
    }
    Ok(Some(String::from_utf8(bytes).map_or(Line::NotText, Line::Text)))
}

/// What could not be read, as text or Markdown lines.
pub fn unreadable_text(list: &[Unreadable], lang: &str, markdown: bool) -> String {
    let mut o = String::new();
    if list.is_empty() {
        return o;
    }
    let title = t(lang, "Niet te lezen (niet op de agenda)", "Could not be read (not on the agenda)");
    if markdown {
        let _ = writeln!(o, "## {title}\n");
    } else {
        let _ = writeln!(o, "{title}");
    }
    let item = if markdown { "- " } else { "   " };
    for u in list {
        let _ = writeln!(o, "{item}{}: {}", u.file, u.problem.trim_end().replace('\n', " "));
    }
    let _ = writeln!(o);
    o
}

/// The agenda, one block per case.
pub fn text(a: &Agenda, lang: &str, markdown: bool) -> String {
    let mut o = String::new();
    let title = t(lang, "MDT-agenda", "MDT agenda");
    if markdown {
        let _ = writeln!(o, "# {title} {}\n", a.now);
    } else {
        let _ = writeln!(o, "{title} {}\n", a.now);
    }
    for (i, e) in a.entries.iter().enumerate() {
        if markdown {
            let _ = writeln!(o, "## {}. {} ({})\n", i + 1, e.case, e.headline.get(lang));
        } else {
            let _ = writeln!(o, "{}. {} ({})", i + 1, e.case, e.headline.get(lang));
        }
        let item = if markdown { "- " } else { "   " };
        for line in &e.lines {
            let _ = writeln!(o, "{item}{}", line.get(lang));
        }
        let _ = writeln!(o);
    }
    o
}

/// What changed, one line per kind.
pub fn changes(c: &Changes, lang: &str, item: &str) -> String {
    let mut o = String::new();
    if c.is_empty() {
        let _ = writeln!(o, "{item}{} {}", t(lang, "niets veranderd sinds", "nothing changed since"), c.since);
        return o;
    }
    let _ = writeln!(o, "{item}{} {}:", t(lang, "veranderd sinds", "changed since"), c.since);
    let nested = if item == "- " { "  - ".to_string() } else { format!("{item}  ") };
    for f in &c.facts_changed {
        let _ = writeln!(o, "{nested}{}: {}", t(lang, "feit veranderd", "fact changed"), f.text.get(lang));
    }
    let mut line = |nl: &str, en: &str, items: &[String]| {
        if !items.is_empty() {
            let _ = writeln!(o, "{nested}{}: {}", t(lang, nl, en), items.join(", "));
        }
    };
    line("nieuwe verwijzingen", "referrals added", &c.referrals_added);
    line("vervallen verwijzingen", "referrals removed", &c.referrals_removed);
    line("gedaan of afgeslagen", "done or declined", &c.referrals_settled);
    line("nu zeker", "now certain", &c.became_certain);
    line("nu alleen mogelijk", "now only possible", &c.became_possible);
    let deadlines =
        |v: &[wegwijs::DeadlineChange]| v.iter().map(|d| format!("{} {}", d.offer, d.deadline)).collect::<Vec<_>>();
    line("termijnen verstreken", "deadlines passed", &deadlines(&c.deadlines_passed));
    line("termijnen binnen 24 uur", "deadlines within 24 hours", &deadlines(&c.deadlines_soon));
    let level = |l: &Option<wegwijs::LevelChange>| {
        l.iter()
            .map(|l| {
                format!("{} -> {} ({})", l.from.as_deref().unwrap_or("-"), l.to.as_deref().unwrap_or("-"), l.direction)
            })
            .collect::<Vec<_>>()
    };
    line("regie", "regie", &level(&c.regie));
    line("regiehouder (voorstel)", "regiehouder (proposed)", &level(&c.regiehouder));
    line("beantwoord", "answered", &c.questions_answered);
    line("nieuwe vragen", "new questions", &c.questions_new);
    line("verouderd, opnieuw vragen", "stale, ask again", &c.facts_stale);
    line("opnieuw nodig", "needed again", &c.referrals_renewed);

    o
}
