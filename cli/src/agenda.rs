//! The agenda and changes as text or Markdown, and reading a folder or JSONL file of records.

use std::fmt::Write as _;
use std::path::Path;
use wegwijs::{Agenda, Changes, Engine, Record};

fn t<'a>(lang: &str, nl: &'a str, en: &'a str) -> &'a str {
    if lang == "nl" {
        nl
    } else {
        en
    }
}

/// Records from a folder (`*.json`, by file name) or a `.jsonl` file (one per line), named
/// by file stem or line number. Errors name the file (and line), never a value.
pub fn read_records(engine: &Engine, path: &Path) -> Result<Vec<(String, Record)>, String> {
    let mut out = Vec::new();
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| format!("error: cannot read {}: {e}", path.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for file in files {
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("error: cannot read {}: {e}", file.display()))?;
            let record = engine.record_from_str(&text).map_err(|e| format!("error: {}: {e}", file.display()))?;
            let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            out.push((name, record));
        }
    } else {
        let text = std::fs::read_to_string(path).map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let record =
                engine.record_from_str(line).map_err(|e| format!("error: {}:{}: {e}", path.display(), i + 1))?;
            out.push((format!("line {}", i + 1), record));
        }
    }
    if out.is_empty() {
        return Err(format!("error: {}: no case records found", path.display()));
    }
    Ok(out)
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
