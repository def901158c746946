//! `wegwijs`: evaluate cases against a rule set, and check, test, bundle and document rule
//! sets. Exit codes: 0 ok, 1 failed tests or findings, 2 usage or load error.

mod text;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wegwijs::check::Severity;
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
    /// Language of the text output.
    #[arg(long, default_value = "nl")]
    lang: String,
    /// The case as a JSON file (`-` reads standard input).
    case: PathBuf,
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
    /// Write the rule set as one JSON bundle.
    Bundle {
        /// Rule-set folder.
        dir: PathBuf,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
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
    match run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(Failure(code, message)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}

fn load(rules: Option<&Path>) -> Result<Engine, Failure> {
    match rules {
        None => Ok(Engine::national()),
        Some(path) => Engine::load(path).map_err(|e| Failure(2, e.to_string())),
    }
}

/// `--lang` must be one of the rule set's languages (its texts exist only in those).
fn check_lang(engine: &Engine, lang: &str) -> Result<(), Failure> {
    let languages = &engine.source().manifest.languages;
    if languages.iter().any(|l| l == lang) {
        return Ok(());
    }
    Err(Failure(
        2,
        format!(
            "error: --lang `{}`: the rule set's languages are {}",
            wegwijs::limits::echo(lang),
            languages.join(", ")
        ),
    ))
}

fn read_case(engine: &Engine, path: &Path) -> Result<wegwijs::Case, Failure> {
    let mut text = String::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| Failure(2, format!("error: cannot read {}: {e}", path.display())))?;
    engine.case_from_str(&text).map_err(|e| Failure(2, format!("error: {}: {e}", path.display())))
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

fn run(command: Command) -> Result<u8, Failure> {
    match command {
        Command::Eval { args, why_not } => {
            let engine = load(args.rules.as_deref())?;
            check_lang(&engine, &args.lang)?;
            let case = read_case(&engine, &args.case)?;
            let evaluation = engine.evaluate(&case, now(args.now.as_deref())?);
            if let Some(offer) = why_not {
                let answer = evaluation.why_not(&offer).map_err(|e| Failure(2, format!("error: {e}")))?;
                match args.format {
                    Format::Json => println!("{}", json(&answer)),
                    Format::Text => print!("{}", text::why_not(&answer)),
                }
                return Ok(0);
            }
            let proposal = evaluation.proposal();
            match args.format {
                Format::Json => println!("{}", json(&proposal)),
                Format::Text => print!("{}", text::proposal(&proposal, &args.lang)),
            }
            Ok(0)
        }
        Command::Questions { args } => {
            let engine = load(args.rules.as_deref())?;
            check_lang(&engine, &args.lang)?;
            let case = read_case(&engine, &args.case)?;
            let questions = engine.evaluate(&case, now(args.now.as_deref())?).questions();
            match args.format {
                Format::Json => println!("{}", json(&questions)),
                Format::Text => print!("{}", text::questions(&questions, &args.lang)),
            }
            Ok(0)
        }
        Command::Check { dir, format, max_cases, time_limit } => {
            let engine = load(dir.as_deref())?;
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
            let engine = load(dir.as_deref())?;
            let results = engine.run_scenarios();
            print!("{}", text::scenarios(&results));
            Ok(u8::from(results.is_empty() || results.iter().any(|r| !r.passed())))
        }
        Command::Doc { dir, output } => {
            let book = load(dir.as_deref())?.rule_book();
            match output {
                Some(path) => std::fs::write(&path, book)
                    .map_err(|e| Failure(2, format!("error: cannot write {}: {e}", path.display())))?,
                None => print!("{book}"),
            }
            Ok(0)
        }
        Command::Bundle { dir, output } => {
            let engine = load(Some(&dir))?;
            let bundle = engine.bundle();
            match output {
                Some(path) => std::fs::write(&path, bundle + "\n")
                    .map_err(|e| Failure(2, format!("error: cannot write {}: {e}", path.display())))?,
                None => println!("{bundle}"),
            }
            Ok(0)
        }
        Command::Diff { old, new, format } => {
            let classes = load(Some(&old))?.diff(&load(Some(&new))?);
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
