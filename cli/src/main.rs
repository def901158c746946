//! `wegwijs`: evaluate cases against a rule set, and check, test, bundle and document rule
//! sets. Exit codes: 0 ok, 1 failed tests or findings, 2 usage or load error.

mod agenda;
mod audience;
mod labels;
mod text;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wegwijs::check::Severity;
use wegwijs::language::InLanguage;
use wegwijs::signing::{PublicKey, SigningKey};
use wegwijs::{Engine, Timestamp};

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
    /// each case's last decision, what awaits a decision and the open questions.
    Agenda {
        /// A folder of records (`*.json`) or a file with one record per line (`.jsonl`).
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

/// A failure that decides the exit code; the message is already formatted.
struct Failure(u8, String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = trusted_keys(&cli.trust).and_then(|trust| run(cli.command, &trust));
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

fn keygen(signer: &str, out: &Path) -> Result<u8, Failure> {
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut seed))
        .map_err(|e| Failure(2, format!("error: no randomness for a key (/dev/urandom): {e}")))?;
    let key = SigningKey::from_seed(seed, signer);
    let write = |suffix: &str, text: String| {
        let path = PathBuf::from(format!("{}.{suffix}.json", out.display()));
        std::fs::write(&path, text).map_err(|e| Failure(2, format!("error: cannot write {}: {e}", path.display())))?;
        Ok::<PathBuf, Failure>(path)
    };
    let secret = write("secret", key.to_text())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600));
    }
    let public = write("public", key.public_key().to_text())?;
    println!(
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

fn read_text(path: &Path) -> Result<String, Failure> {
    let mut text = String::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| Failure(2, format!("error: cannot read {}: {e}", path.display())))?;
    Ok(text)
}

/// A case: a plain facts object or a case record.
fn read_case(engine: &Engine, path: &Path) -> Result<wegwijs::Record, Failure> {
    let text = read_text(path)?;
    engine.record_from_str(&text).map_err(|e| Failure(2, format!("error: {}: {e}", path.display())))
}

/// The proposal to compare with: a proposal JSON as is, or a record's proposal at its
/// last decision.
fn previous_proposal(engine: &Engine, path: &Path) -> Result<wegwijs::Proposal, Failure> {
    let text = read_text(path)?;
    let fail = |problem: String| Failure(2, format!("error: {}: {problem}", path.display()));
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| fail(format!("not valid JSON at line {} column {}", e.line(), e.column())))?;
    if value.get("ruleset").is_some() && value.get("evaluated_at").is_some() {
        return serde_json::from_value(value).map_err(|_| fail("is not a Wegwijs proposal".into()));
    }
    let record = engine.record_from_json(&value).map_err(|e| fail(e.to_string()))?;
    engine.proposal_at_last_decision(&record).ok_or_else(|| fail("the record has no decision to compare with".into()))
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

fn run(command: Command, trust: &[PublicKey]) -> Result<u8, Failure> {
    match command {
        Command::Eval { args, why_not, since, audience } => {
            let engine = load(args.rules.as_deref(), trust)?;
            let lang = check_lang(&engine, args.lang.as_deref())?;
            let case = read_case(&engine, &args.case)?;
            let evaluation = engine.evaluate_record(&case, now(args.now.as_deref())?);
            if let Some(offer) = why_not {
                let answer = evaluation.why_not(&offer).map_err(|e| Failure(2, format!("error: {e}")))?;
                match args.format {
                    Format::Json => println!("{}", json(&answer)),
                    Format::Text => print!("{}", text::why_not(&answer)),
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
                    Format::Json => println!("{}", json(&view)),
                    Format::Text => print!("{}", audience::text(&view, &labels::Labels::new(&engine), lang)),
                }
                return Ok(0);
            }
            let mut proposal = evaluation.proposal();
            let changes = match since {
                Some(path) => Some(evaluation.changes_since(&previous_proposal(&engine, &path)?)),
                None => None,
            };
            if args.lang.is_some() {
                proposal.in_language(lang);
            }
            match (args.format, &changes) {
                (Format::Json, None) => println!("{}", json(&proposal)),
                (Format::Json, Some(c)) => {
                    println!("{}", json(&serde_json::json!({ "proposal": proposal, "changes": c })))
                }
                (Format::Text, _) => {
                    print!("{}", text::proposal(&proposal, &labels::Labels::new(&engine), lang));
                    if let Some(c) = &changes {
                        print!("{}", agenda::changes(c, lang, ""));
                    }
                }
            }
            Ok(0)
        }
        Command::Agenda { records, rules, now: at, format, lang } => {
            let engine = load(rules.as_deref(), trust)?;
            engine.check_language(&lang).map_err(|e| Failure(2, format!("error: --lang: {e}")))?;
            let list = agenda::read_records(&engine, &records).map_err(|m| Failure(2, m))?;
            let result = engine.agenda(&list, now(at.as_deref())?);
            match format {
                AgendaFormat::Json => println!("{}", json(&result)),
                AgendaFormat::Text => print!("{}", agenda::text(&result, &lang, false)),
                AgendaFormat::Markdown => print!("{}", agenda::text(&result, &lang, true)),
            }
            Ok(0)
        }
        Command::Decide { record, decision, rules, now: at, output } => {
            let engine = load(rules.as_deref(), trust)?;
            let current = read_case(&engine, &record)?;
            let text = read_text(&decision)?;
            let refused = |e: wegwijs::DecisionError| Failure(2, format!("error: {}: {e}", decision.display()));
            let d = engine.decision_from_str(&text).map_err(refused)?;
            let updated = engine.decide(&current, &d, now(at.as_deref())?).map_err(refused)?;
            let out = json(&updated.to_json()) + "\n";
            match output {
                Some(path) => std::fs::write(&path, out)
                    .map_err(|e| Failure(2, format!("error: cannot write {}: {e}", path.display())))?,
                None => print!("{out}"),
            }
            Ok(0)
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
                Format::Json => println!("{}", json(&questions)),
                Format::Text => print!("{}", text::questions(&questions, &labels::Labels::new(&engine), lang)),
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
                Format::Json => println!("{}", json(&findings)),
                Format::Text => print!("{}", text::findings(&findings)),
            }
            Ok(u8::from(findings.iter().any(|f| f.severity >= Severity::Warning)))
        }
        Command::Test { dir } => {
            let engine = load(dir.as_deref(), trust)?;
            let results = engine.run_scenarios();
            print!("{}", text::scenarios(&results));
            Ok(u8::from(results.is_empty() || results.iter().any(|r| !r.passed())))
        }
        Command::Doc { dir, output } => {
            let book = load(dir.as_deref(), trust)?.rule_book();
            match output {
                Some(path) => std::fs::write(&path, book)
                    .map_err(|e| Failure(2, format!("error: cannot write {}: {e}", path.display())))?,
                None => print!("{book}"),
            }
            Ok(0)
        }
        Command::Keygen { signer, out } => keygen(&signer, &out),
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
                Some(path) => std::fs::write(&path, bundle + "\n")
                    .map_err(|e| Failure(2, format!("error: cannot write {}: {e}", path.display())))?,
                None => println!("{bundle}"),
            }
            Ok(0)
        }
        Command::Diff { old, new, format } => {
            let classes = load(Some(&old), trust)?.diff(&load(Some(&new), trust)?);
            match format {
                Format::Json => println!("{}", json(&classes)),
                Format::Text => {
                    for c in &classes {
                        let note = if c.incomplete { " (not decided within the search budget)" } else { "" };
                        println!("{}: {} -> {}{note}", c.outcome, c.old, c.new);
                        if let Some(w) = &c.witness {
                            println!("    witness (now {}): {}", w.now, serde_json::Value::Object(w.case.clone()));
                        }
                    }
                    println!("{} class(es) of cases with a different outcome", classes.len());
                }
            }
            Ok(u8::from(!classes.is_empty()))
        }
    }
}
