//! `wegwijs`: evaluate cases against a rule set, and check, test, bundle and document rule
//! sets. Exit codes: 0 ok, 1 failed tests or findings, 2 usage or load error.

mod agenda;
mod audience;
mod files;
mod labels;
mod text;

use clap::{Parser, Subcommand, ValueEnum};
use files::Existing;
use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wegwijs::check::Severity;
use wegwijs::language::InLanguage;
use wegwijs::signing::{PublicKey, SigningKey};
use wegwijs::{EarlierProposal, Engine, Timestamp};

#[derive(Parser)]
#[command(
    name = "wegwijs",
    version,
    about = "Decision support for the joint approach to sexual violence: proposes, the MDT decides."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Trust this public key file (repeatable): the rule set must then be a bundle signed
    /// by one of the trusted keys (`bundle --sign`), or the built-in rules signed by it;
    /// anything else is refused. Proposals record who signed. See docs/signing.md.
    #[arg(long, global = true, value_name = "KEYFILE")]
    trust: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Rule-set folder or JSON bundle (default: the built-in national rules).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Evaluation time, RFC 3339 (default: the current time).
    #[arg(long)]
    now: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Language, one of the rule set's (`nl`, `en`, `ar`): the text output is in it, and
    /// JSON output keeps only it in every text (Dutch where a text lacks it) and says
    /// `"language"`. Default: text in Dutch, JSON with every language.
    #[arg(long)]
    lang: Option<String>,
    /// The case as a JSON file: a facts object or a case record (`-` reads standard input).
    case: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum AgendaFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a case: needs, referrals, regie, regiehouder, explanations, open questions.
    Eval {
        #[command(flatten)]
        args: EvalArgs,
        /// Explain why this offer is not (certainly) proposed.
        #[arg(long, value_name = "OFFER")]
        why_not: Option<String>,
        /// Also list what changed since an earlier proposal (JSON) or since the last
        /// decision of a case record.
        #[arg(long, value_name = "PREVIOUS.json")]
        since: Option<PathBuf>,
        /// Who reads it: `professional` (default), `slachtoffer` or `melder` (a short
        /// plain-language summary), or a partner organisation id (a handover within consent).
        #[arg(long = "for", value_name = "AUDIENCE")]
        audience: Option<String>,
    },
    /// The daily MDT agenda over case records: most urgent first, with what changed since
    /// each case's last decision, what awaits a decision and the open questions. A record
    /// that cannot be read is listed by file with what is wrong (exit 1); the others as usual.
    Agenda {
        /// A folder of records (`*.json`, any case; regular files only) or a file with one
        /// record per line (`.jsonl`).
        records: PathBuf,
        /// Rule-set folder or JSON bundle (default: the built-in national rules).
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Meeting time, RFC 3339 (default: the current time).
        #[arg(long)]
        now: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: AgendaFormat,
        /// Language of the text output.
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// Record an MDT decision: checks it against the current proposal (a reason for every
    /// departure, acknowledged overrides), stamps the rule-set and proposal hashes and the
    /// time, and writes the updated record. Exit 2 when the decision is incomplete.
    Decide {
        /// The case record.
        record: PathBuf,
        /// The decision (JSON; see docs/case-record.md).
        decision: PathBuf,
        /// Rule-set folder or JSON bundle (default: the built-in national rules).
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Decision time when the decision has no `at`, RFC 3339 (default: the current time).
        #[arg(long)]
        now: Option<String>,
        /// Where to write the updated record (default: standard output; may be RECORD).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Verify a record's decisions: per decision, whether its proposal hash matches the
    /// proposal as of its time, whether the chain of hashes is intact, whether it names
    /// this case, and whether it was taken on the loaded rule set (or which one it needs).
    /// Exit 0 every decision verified, 1 not, 2 usage or load error. The hashes detect
    /// changes; they do not sign (docs/case-record.md).
    Verify {
        /// The case record.
        record: PathBuf,
        /// Rule-set folder or JSON bundle (default: the built-in national rules).
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List the unanswered questions that could still change the proposal.
    Questions {
        #[command(flatten)]
        args: EvalArgs,
    },
    /// Check a rule set: load errors and findings (gaps, dead rules, conflicts, …).
    Check {
        /// Rule-set folder or bundle (default: the built-in national rules).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Partial cases the whole analysis may search; what it could not decide is
        /// reported as `analysis-incomplete`.
        #[arg(long, value_name = "N", default_value_t = wegwijs::check::DEFAULT_CASES)]
        max_cases: usize,
        /// Seconds the whole analysis may take (same reporting).
        #[arg(long, value_name = "SECONDS", default_value_t = 300)]
        time_limit: u64,
    },
    /// Run the rule set's scenario tests.
    Test {
        /// Rule-set folder or bundle (default: the built-in national rules).
        dir: Option<PathBuf>,
    },
    /// Render the rule set as a Markdown rule book (regelboek) for review by professionals.
    Doc {
        /// Rule-set folder or bundle (default: the built-in national rules).
        dir: Option<PathBuf>,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write the rule set as one JSON bundle, signed with `--sign`.
    Bundle {
        /// Rule-set folder.
        dir: PathBuf,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Sign the bundle with this secret key file (Ed25519; `wegwijs keygen` makes one).
        #[arg(long, value_name = "KEYFILE")]
        sign: Option<PathBuf>,
    },
    /// Make a new signing key pair: OUT.secret.json (keep it secret) and OUT.public.json
    /// (hand it out for `--trust`).
    Keygen {
        /// The signer's name, recorded in every proposal from a rule set it signs.
        #[arg(long)]
        signer: String,
        /// Path prefix of the two key files.
        out: PathBuf,
        /// Replace key files that already exist (a secret key is never replaced without it).
        #[arg(long)]
        force: bool,
    },
    /// Semantic diff of two rule sets: over every case, the classes of cases whose outcome
    /// changes, each with the old and new value and a witness case. Exit codes: 0 every case
    /// gets the same outcome, 1 some outcome changes (or a class could not be decided),
    /// 2 usage or load error.
    Diff {
        /// The old rule-set folder or bundle.
        old: PathBuf,
        /// The new rule-set folder or bundle.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// Appends a formatted line to the output buffer (written to standard output at the end).
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// Appends formatted text to the output buffer.
macro_rules! outp {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// A failure that decides the exit code; the message is already formatted.
struct Failure(u8, String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = String::new();
    let result = trusted_keys(&cli.trust).and_then(|trust| run(cli.command, &trust, &mut out));
    // Standard output is written at the end, in one go: a reader that went away (a closed
    // pipe, `| head`) ends the command quietly with its usual exit code.
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {e}");
            return ExitCode::from(2);
        }
    }
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure(code, message)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}

/// Reads the `--trust` key files.
fn trusted_keys(paths: &[PathBuf]) -> Result<Vec<PublicKey>, Failure> {
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure(2, format!("error: --trust: cannot read {}: {e}", path.display())))?;
            PublicKey::from_text(&text).map_err(|e| Failure(2, format!("error: --trust {}: {e}", path.display())))
        })
        .collect()
}

/// Loads the rule set; with trusted keys, only one signed by one of them.
fn load(rules: Option<&Path>, trust: &[PublicKey]) -> Result<Engine, Failure> {
    let loaded = match (rules, trust.is_empty()) {
        (None, true) => Ok(Engine::national()),
        (None, false) => Engine::national_verified(trust),
        (Some(path), true) => Engine::load(path),
        (Some(path), false) => Engine::load_verified(path, trust),
    };
    loaded.map_err(|e| Failure(2, e.to_string()))
}

/// Writes `text` to `path` atomically (see `files`), or fails with exit code 2.
fn write_file(path: &Path, text: &str, existing: Existing, secret: bool) -> Result<(), Failure> {
    files::write_atomic(path, text.as_bytes(), existing, secret).map_err(|e| {
        Failure(2, format!("error: cannot write {}: {e}; the old file, if any, is unchanged", path.display()))
    })
}

fn keygen(signer: &str, prefix: &Path, force: bool, out: &mut String) -> Result<u8, Failure> {
    let path = |suffix: &str| PathBuf::from(format!("{}.{suffix}.json", prefix.display()));
    let (secret, public) = (path("secret"), path("public"));
    let existing = if force { Existing::Replace } else { Existing::Keep };
    if !force {
        if let Some(p) = [&secret, &public].into_iter().find(|p| p.symlink_metadata().is_ok()) {
            return Err(Failure(
                2,
                format!("error: {} exists; keygen never replaces a key without --force", p.display()),
            ));
        }
    }
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut seed))
        .map_err(|e| Failure(2, format!("error: no randomness for a key (/dev/urandom): {e}")))?;
    let key = SigningKey::from_seed(seed, signer);
    write_file(&secret, &key.to_text(), existing, true)?;
    write_file(&public, &key.public_key().to_text(), existing, false)?;
    let _ = writeln!(
        out,
        "key {}: secret {} (keep it secret), public {}",
        key.public_key().id().key_id,
        secret.display(),
        public.display()
    );
    Ok(0)
}

/// `--lang` must be one of the rule set's languages (its texts exist only in those);
/// without it, Dutch.
fn check_lang<'a>(engine: &Engine, lang: Option<&'a str>) -> Result<&'a str, Failure> {
    let lang = lang.unwrap_or("nl");
    engine.check_language(lang).map_err(|e| Failure(2, format!("error: --lang: {e}")))?;
    Ok(lang)
}

/// A case, record or decision file (`-`: standard input), read up to the case limit
/// ([`wegwijs::limits::MAX_CASE_BYTES`]) and no further.
fn read_text(path: &Path) -> Result<String, Failure> {
    let limit = wegwijs::limits::MAX_CASE_BYTES;
    let read = if path.as_os_str() == "-" {
        files::read_limited(std::io::stdin().lock(), limit)
    } else {
        std::fs::File::open(path).and_then(|f| files::read_limited(f, limit))
    };
    read.map_err(|e| Failure(2, format!("error: cannot read {}: {e}", path.display())))?.ok_or_else(|| {
        Failure(
            2,
            format!(
                "error: {}: longer than {limit} bytes, the limit of a case or record (docs/limits.md)",
                path.display()
            ),
        )
    })
}

/// A case: a plain facts object or a case record.
fn read_case(engine: &Engine, path: &Path) -> Result<wegwijs::Record, Failure> {
    let text = read_text(path)?;
    engine.record_from_str(&text).map_err(|e| Failure(2, format!("error: {}: {e}", path.display())))
}

/// The proposal to compare with: a proposal JSON as is, or a record's proposal at its
/// last decision — only a record of the same case as `case` (the current record's).
fn previous_proposal(engine: &Engine, path: &Path, case: Option<&str>) -> Result<EarlierProposal, Failure> {
    let text = read_text(path)?;
    let fail = |problem: String| Failure(2, format!("error: {}: {problem}", path.display()));
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| fail(format!("not valid JSON at line {} column {}", e.line(), e.column())))?;
    if value.get("ruleset").is_some() && value.get("evaluated_at").is_some() {
        return EarlierProposal::from_json_value(&value).map_err(|e| fail(e.to_string()));
    }
    let record = engine.record_from_json(&value).map_err(|e| fail(e.to_string()))?;
    if record.case.as_deref() != case {
        return Err(fail("is a record of another case: --since compares a case with its own earlier state".into()));
    }
    let proposal = engine.proposal_at_last_decision(&record);
    proposal.map(EarlierProposal::from).ok_or_else(|| fail("the record has no decision to compare with".into()))
}

fn now(arg: Option<&str>) -> Result<Timestamp, Failure> {
    match arg {
        Some(text) => Timestamp::parse(text).map_err(|e| Failure(2, format!("error: --now: {e}"))),
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|_| Failure(2, "error: the system clock is before 1970".into()))?
                .as_secs();
            Timestamp::from_unix(i64::try_from(secs).unwrap_or(i64::MAX))
                .map_err(|e| Failure(2, format!("error: the system clock: {e}")))
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("results serialize")
}

fn run(command: Command, trust: &[PublicKey], out: &mut String) -> Result<u8, Failure> {
    match command {
        Command::Eval { args, why_not, since, audience } => {
            let engine = load(args.rules.as_deref(), trust)?;
            let lang = check_lang(&engine, args.lang.as_deref())?;
            let case = read_case(&engine, &args.case)?;
            let evaluation = engine.evaluate_record(&case, now(args.now.as_deref())?);
            if let Some(offer) = why_not {
                let answer = evaluation.why_not(&offer).map_err(|e| Failure(2, format!("error: {e}")))?;
                match args.format {
                    Format::Json => outln!(out, "{}", json(&answer)),
                    Format::Text => outp!(out, "{}", text::why_not(&answer)),
                }
                return Ok(0);
            }
            if let Some(name) = audience.filter(|a| a != "professional") {
                let mut view = evaluation
                    .for_audience(&wegwijs::audience::Audience::parse(&name))
                    .map_err(|e| Failure(2, format!("error: --for: {e}")))?;
                if args.lang.is_some() {
                    view.in_language(lang);
                }
                match args.format {
                    Format::Json => outln!(out, "{}", json(&view)),
                    Format::Text => outp!(out, "{}", audience::text(&view, &labels::Labels::new(&engine), lang)),
                }
                return Ok(0);
            }
            let mut proposal = evaluation.proposal();
            let changes = match since {
                Some(path) => Some(evaluation.changes_since(previous_proposal(&engine, &path, case.case.as_deref())?)),
                None => None,
            };
            if args.lang.is_some() {
                proposal.in_language(lang);
            }
            match (args.format, &changes) {
                (Format::Json, None) => outln!(out, "{}", json(&proposal)),
                (Format::Json, Some(c)) => {
                    outln!(out, "{}", json(&serde_json::json!({ "proposal": proposal, "changes": c })))
                }
                (Format::Text, _) => {
                    outp!(out, "{}", text::proposal(&proposal, &labels::Labels::new(&engine), lang));
                    if let Some(c) = &changes {
                        outp!(out, "{}", agenda::changes(c, lang, ""));
                    }
                }
            }
            Ok(0)
        }
        Command::Agenda { records, rules, now: at, format, lang } => {
            let engine = load(rules.as_deref(), trust)?;
            engine.check_language(&lang).map_err(|e| Failure(2, format!("error: --lang: {e}")))?;
            let list = agenda::read_records(&engine, &records).map_err(|m| Failure(2, m))?;
            let result = engine.agenda(&list.read, now(at.as_deref())?);
            let bad = &list.unreadable;
            match format {
                AgendaFormat::Json => {
                    let mut value = serde_json::to_value(&result).expect("an agenda serializes");
                    if !bad.is_empty() {
                        value["unreadable"] = serde_json::to_value(bad).expect("entries serialize");
                    }
                    outln!(out, "{}", json(&value))
                }
                AgendaFormat::Text | AgendaFormat::Markdown => {
                    let markdown = matches!(format, AgendaFormat::Markdown);
                    outp!(out, "{}", agenda::text(&result, &lang, markdown));
                    outp!(out, "{}", agenda::unreadable_text(bad, &lang, markdown));
                }
            }
            // Every readable case is listed; the exit code says that some were not.
            Ok(u8::from(!bad.is_empty()))
        }
        Command::Decide { record, decision, rules, now: at, output } => {
            let engine = load(rules.as_deref(), trust)?;
            let current = read_case(&engine, &record)?;
            let text = read_text(&decision)?;
            let refused = |e: wegwijs::DecisionError| Failure(2, format!("error: {}: {e}", decision.display()));
            let d = engine.decision_from_str(&text).map_err(refused)?;
            let updated = engine.decide(&current, &d, now(at.as_deref())?).map_err(refused)?;
            let text = json(&updated.to_json()) + "\n";
            match output {
                Some(path) => write_file(&path, &text, Existing::Replace, false)?,
                None => out.push_str(&text),
            }
            Ok(0)
        }
        Command::Verify { record, rules, format } => {
            let engine = load(rules.as_deref(), trust)?;
            let result = engine.verify(&read_case(&engine, &record)?);
            match format {
                Format::Json => outln!(out, "{}", json(&result)),
                Format::Text => outp!(out, "{}", text::verification(&result)),
            }
            Ok(u8::from(!result.verified))
        }
        Command::Questions { args } => {
            let engine = load(args.rules.as_deref(), trust)?;
            let lang = check_lang(&engine, args.lang.as_deref())?;
            let case = read_case(&engine, &args.case)?;
            let mut questions = engine.evaluate_record(&case, now(args.now.as_deref())?).questions();
            if args.lang.is_some() {
                questions.in_language(lang);
            }
            match args.format {
                Format::Json => outln!(out, "{}", json(&questions)),
                Format::Text => outp!(out, "{}", text::questions(&questions, &labels::Labels::new(&engine), lang)),
            }
            Ok(0)
        }
        Command::Check { dir, format, max_cases, time_limit } => {
            let engine = load(dir.as_deref(), trust)?;
            // The CLI reads the clock; the core only asks whether to stop.
            let deadline = std::time::Instant::now().checked_add(std::time::Duration::from_secs(time_limit));
            let stop = || deadline.is_some_and(|d| std::time::Instant::now() >= d);
            let findings = engine.check_with(&wegwijs::check::CheckBudget { cases: max_cases, stop: Some(&stop) });
            match format {
                Format::Json => outln!(out, "{}", json(&findings)),
                Format::Text => outp!(out, "{}", text::findings(&findings)),
            }
            Ok(u8::from(findings.iter().any(|f| f.severity >= Severity::Warning)))
        }
        Command::Test { dir } => {
            let engine = load(dir.as_deref(), trust)?;
            let results = engine.run_scenarios();
            outp!(out, "{}", text::scenarios(&results));
            Ok(u8::from(results.is_empty() || results.iter().any(|r| !r.passed())))
        }
        Command::Doc { dir, output } => {
            let book = load(dir.as_deref(), trust)?.rule_book();
            match output {
                Some(path) => write_file(&path, &book, Existing::Replace, false)?,
                None => out.push_str(&book),
            }
            Ok(0)
        }
        Command::Keygen { signer, out: prefix, force } => keygen(&signer, &prefix, force, out),
        Command::Bundle { dir, output, sign } => {
            let engine = load(Some(&dir), trust)?;
            let bundle = match sign {
                None => engine.bundle(),
                Some(path) => {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| Failure(2, format!("error: --sign: cannot read {}: {e}", path.display())))?;
                    let key = SigningKey::from_text(&text)
                        .map_err(|e| Failure(2, format!("error: --sign {}: {e}", path.display())))?;
                    engine.signed_bundle(&key)
                }
            };
            match output {
                Some(path) => write_file(&path, &(bundle + "\n"), Existing::Replace, false)?,
                None => out.push_str(&(bundle + "\n")),
            }
            Ok(0)
        }
        Command::Diff { old, new, format } => {
            let classes = load(Some(&old), trust)?.diff(&load(Some(&new), trust)?);
            match format {
                Format::Json => outln!(out, "{}", json(&classes)),
                Format::Text => {
                    for c in &classes {
                        let note = if c.incomplete { " (not decided within the search budget)" } else { "" };
                        outln!(out, "{}: {} -> {}{note}", c.outcome, c.old, c.new);
                        if let Some(w) = &c.witness {
                            outln!(out, "    witness (now {}): {}", w.now, serde_json::Value::Object(w.case.clone()));
                        }
                    }
                    outln!(out, "{} class(es) of cases with a different outcome", classes.len());
                }
            }
            Ok(u8::from(!classes.is_empty()))
        }
    }
}
