//! `storyline`: the command-line interface.

mod eval_events;
mod eval_nlp;
mod extract_cmd;
mod render;
mod train_tagger;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use storyline_ingest::{Input, Limits};
use storyline_model::AnalyzedArticle;
use storyline_store::Store;

/// Exit code when some inputs could not be read or extracted (the rest were processed).
const EXIT_SOME_INPUTS_FAILED: u8 = 3;
/// Show a progress bar only for runs at least this long (in inputs).
const PROGRESS_MIN_INPUTS: usize = 20;

/// Storyline turns piles of news articles into events, storylines and attributed briefs.
#[derive(Debug, Parser)]
#[command(name = "storyline", version, about, long_about = None)]
struct Cli {
    /// The store to use.
    #[arg(long, global = true, default_value = "storyline.db", value_name = "PATH")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles (files, directories, `-` for stdin) into the store and rebuild events.
    Ingest {
        /// Files or directories (.txt, .html, .htm, .jsonl, .json, also .gz); `-` reads stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Run everything on a temporary store and print storylines, events and briefs.
    Analyze {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the JSON report (see docs/json.md) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the events in the store.
    Events {
        #[arg(long)]
        json: bool,
    },
    /// Show one event's brief (by id or a unique id prefix).
    Show {
        event: String,
        /// Explain why each article is in the event.
        #[arg(long)]
        why: bool,
        #[arg(long)]
        json: bool,
    },
    /// List the storylines in the store.
    Storylines {
        #[arg(long)]
        json: bool,
    },
    /// Measure Storyline against labelled data.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Extract each document's article (text and metadata) and print one record per document.
    Extract(extract_cmd::ExtractArgs),
    /// Train the entity tagger on the openly licensed data in ner-train/ (writes data/ner_model.bin).
    TrainTagger(train_tagger::TrainTaggerArgs),
    /// Full-text search over the stored articles.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Event clustering: BCubed and pairwise precision/recall/F1, AMI, event-date accuracy.
    Events(eval_events::EventsArgs),
    /// Fit the article–event similarity model on a labelled corpus and write it as JSON.
    TrainEvents(eval_events::TrainArgs),
    /// Write a synthetic labelled news stream (seeded) for scale measurements.
    Synth(eval_events::SynthArgs),
    /// Article extraction: AEB precision/recall/F1 or WCXB body F1 and metadata accuracy, and speed.
    Extract(extract_cmd::EvalExtractArgs),
    /// Named entities: exact-span, type-matched precision/recall/F1 (CoNLL-2003, GUM news).
    Entities(eval_nlp::EntitiesArgs),
    /// Time expressions: TempEval-3 strict/relaxed span F1 and value accuracy/F1 (TimeML).
    Times(eval_nlp::TimesArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("storyline: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Ingest { paths } => {
            let mut store = open(&cli.db)?;
            let outcome = ingest(&mut store, &paths)?;
            eprintln!("{}", outcome.describe(&store)?);
            Ok(outcome.exit_code())
        }
        Command::Analyze { paths, json } => {
            let dir = tempfile::tempdir().context("creating a temporary store")?;
            let mut store = open(&dir.path().join("analyze.db"))?;
            let outcome = ingest(&mut store, &paths)?;
            let report = store.report()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
            } else {
                render::report(&mut out, &report)?;
            }
            if outcome.failed > 0 {
                eprintln!("{}", outcome.describe(&store)?);
            }
            Ok(outcome.exit_code())
        }
        Command::Events { json } => {
            let events = open_existing(&cli.db)?.events()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &events)?;
                writeln!(out)?;
            } else {
                render::event_list(&mut out, &events)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { event, why, json } => {
            let store = open_existing(&cli.db)?;
            let Some(found) = store.event(&event)? else {
                anyhow::bail!("no event {event:?} in {} (see `storyline events`)", cli.db.display());
            };
            if json {
                serde_json::to_writer_pretty(&mut out, &found)?;
                writeln!(out)?;
            } else {
                render::event(&mut out, &found, why)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Storylines { json } => {
            let store = open_existing(&cli.db)?;
            let lines = store.storylines()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &lines)?;
                writeln!(out)?;
            } else {
                render::storylines(&mut out, &lines, &store.events()?)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { what: EvalCommand::Events(args) } => eval_events::events(&mut out, args),
        Command::Eval { what: EvalCommand::TrainEvents(args) } => eval_events::train(args),
        Command::Eval { what: EvalCommand::Synth(args) } => eval_events::synth(args),
        Command::Eval { what: EvalCommand::Extract(args) } => extract_cmd::eval(&mut out, args),
        Command::Eval { what: EvalCommand::Entities(args) } => eval_nlp::entities(&mut out, args),
        Command::Eval { what: EvalCommand::Times(args) } => eval_nlp::times(&mut out, args),
        Command::Extract(args) => extract_cmd::extract(&mut out, args),
        Command::TrainTagger(args) => train_tagger::run(args),
        Command::Search { query, limit } => {
            for hit in open_existing(&cli.db)?.search(&query, limit)? {
                writeln!(out, "{}  {}\n    {}\n    {}", hit.id, hit.headline, hit.source, hit.snippet.replace('\n', " "))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn open(path: &Path) -> Result<Store> {
    Store::open(path).with_context(|| format!("opening the store {}", path.display()))
}

/// Opens a store that must already exist (commands that only read).
fn open_existing(path: &Path) -> Result<Store> {
    if !path.exists() {
        anyhow::bail!("no store at {} (run `storyline ingest PATH...` first, or give --db)", path.display());
    }
    open(path)
}

struct Outcome {
    read: usize,
    added: usize,
    failed: usize,
}

impl Outcome {
    fn exit_code(&self) -> ExitCode {
        if self.failed > 0 { ExitCode::from(EXIT_SOME_INPUTS_FAILED) } else { ExitCode::SUCCESS }
    }

    fn describe(&self, store: &Store) -> Result<String> {
        let events = store.events()?.len();
        let lines = store.storylines()?.len();
        Ok(format!(
            "storyline: {} articles read, {} new, {} already stored; {} events, {} storylines; {} inputs failed",
            self.read,
            self.added,
            self.read - self.added,
            events,
            lines,
            self.failed
        ))
    }
}

/// Reads, extracts and analyses `paths` in parallel, stores the new articles and rebuilds
/// the corpus stage over the whole store. Bad inputs are reported on stderr, one line each.
fn ingest(store: &mut Store, paths: &[PathBuf]) -> Result<Outcome> {
    let (inputs, mut errors) = storyline_ingest::collect_inputs(paths);
    let errors_before = errors.len();
    let limits = Limits::default();
    let progress = progress_bar(inputs.len());
    let results: Vec<InputOutcome> = inputs
        .par_iter()
        .map(|input| {
            let outcome = process_input(input, &limits);
            progress.inc(1);
            outcome
        })
        .collect();
    progress.finish_and_clear();
    for e in errors.drain(..) {
        eprintln!("storyline: {e}");
    }
    let mut articles = Vec::new();
    let mut failed = errors_before;
    for mut outcome in results {
        articles.append(&mut outcome.articles);
        outcome.notices.iter().for_each(|m| eprintln!("storyline: note: {m}"));
        if !outcome.errors.is_empty() {
            failed += 1;
            outcome.errors.iter().for_each(|m| eprintln!("storyline: {m}"));
        }
    }
    let added = store.insert_articles(&articles)?;
    let corpus = storyline_pipeline::build_corpus(store.articles()?);
    store.replace_report(&storyline_pipeline::report(&corpus))?;
    Ok(Outcome { read: articles.len(), added, failed })
}

/// What one input gave: its articles, the errors of its bad parts (a container with some
/// bad records yields its good ones) and notices that are not failures (skipped non-HTML
/// WARC records, link-only feed items).
#[derive(Default)]
struct InputOutcome {
    articles: Vec<AnalyzedArticle>,
    errors: Vec<String>,
    notices: Vec<String>,
}

/// Reads one input record by record (WARC files are streamed) and processes each.
fn process_input(input: &Input, limits: &Limits) -> InputOutcome {
    let mut outcome = InputOutcome::default();
    let records = match storyline_ingest::read_records(input, limits) {
        Ok(records) => records,
        Err(e) => {
            outcome.errors.push(e.to_string());
            return outcome;
        }
    };
    for record in records {
        match record {
            Ok(doc) => match storyline_pipeline::process_document(&doc) {
                Ok(article) => outcome.articles.push(article),
                Err(e) => outcome.errors.push(format!("{}: {e}", doc.source)),
            },
            Err(e) if e.is_notice() => outcome.notices.push(e.to_string()),
            Err(e) => outcome.errors.push(e.to_string()),
        }
    }
    outcome
}

fn progress_bar(len: usize) -> ProgressBar {
    if len < PROGRESS_MIN_INPUTS || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{spinner} {wide_bar} {pos}/{len} inputs {per_sec} eta {eta}") {
        bar.set_style(style);
    }
    bar
}
