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
use storyline_ingest::Limits;
use storyline_model::{AnalyzedArticle, RawDocument};
use storyline_pipeline::stream::StageTimes;
use storyline_store::Store;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code when some inputs could not be read or extracted (the rest were processed).
const EXIT_SOME_INPUTS_FAILED: u8 = 3;
/// Show a progress bar only for runs at least this long (in inputs or articles).
const PROGRESS_MIN_ITEMS: usize = 20;

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
        /// Print how long each step of the corpus stage took.
        #[arg(long)]
        timings: bool,
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
    /// List the entities of the stored articles: canonical name, type, names, mentions.
    Entities {
        /// At most this many, most mentioned first (0: all).
        #[arg(long, default_value_t = 50)]
        limit: usize,
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
    /// Write ECB+ or the UCI slice as labelled JSONL (`eval events --gold`'s format).
    Convert(eval_events::ConvertArgs),
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
        Command::Ingest { paths, timings } => {
            let mut store = open(&cli.db)?;
            let outcome = ingest(&mut store, &paths)?;
            eprintln!("{}", outcome.describe(&store)?);
            if timings {
                for (step, time) in outcome.times.steps() {
                    eprintln!("{step:>12} {:9.3} s", time.as_secs_f64());
                }
            }
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
        Command::Entities { limit, json } => {
            let mut entities = open_existing(&cli.db)?.entities()?;
            if limit > 0 {
                entities.truncate(limit);
            }
            if json {
                serde_json::to_writer_pretty(&mut out, &entities)?;
                writeln!(out)?;
            } else {
                render::entities(&mut out, &entities)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { what: EvalCommand::Events(args) } => eval_events::events(&mut out, args),
        Command::Eval { what: EvalCommand::TrainEvents(args) } => eval_events::train(args),
        Command::Eval { what: EvalCommand::Synth(args) } => eval_events::synth(args),
        Command::Eval { what: EvalCommand::Convert(args) } => eval_events::convert(args),
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
    /// The corpus stage's steps.
    times: StageTimes,
}

impl Outcome {
    fn exit_code(&self) -> ExitCode {
        if self.failed > 0 { ExitCode::from(EXIT_SOME_INPUTS_FAILED) } else { ExitCode::SUCCESS }
    }

    fn describe(&self, store: &Store) -> Result<String> {
        let (events, lines) = (store.event_count()?, store.storyline_count()?);
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

/// Documents analysed at once (in parallel) and then stored: memory stays bounded whatever
/// the size of the inputs.
const DOCUMENTS_PER_BATCH: usize = 1024;

/// Reads `paths` record by record (WARC files and JSONL are streamed), extracts and analyses
/// the documents a batch at a time in parallel, stores the new articles, and rebuilds the
/// corpus stage over the whole store as a stream. Bad inputs are reported on stderr, one
/// line each. A writer thread stores each batch while the next is analysed (at most one
/// more waits between them, so memory stays bounded).
fn ingest(store: &mut Store, paths: &[PathBuf]) -> Result<Outcome> {
    let (inputs, errors) = storyline_ingest::collect_inputs(paths);
    errors.iter().for_each(|e| eprintln!("storyline: {e}"));
    let limits = Limits::default();
    let progress = progress_bar(inputs.len(), "inputs");
    let mut input_failed = vec![false; inputs.len()];
    let mut batch: Vec<(usize, RawDocument)> = Vec::new();
    let (read, added) = std::thread::scope(|scope| -> Result<(usize, usize)> {
        let (to_writer, batches) = std::sync::mpsc::sync_channel::<Vec<AnalyzedArticle>>(1);
        let writer = scope.spawn(|| -> Result<(usize, usize)> {
            let (mut read, mut added) = (0, 0);
            for articles in batches {
                added += store.insert_articles(&articles, storyline_pipeline::news_date)?;
                read += articles.len();
            }
            Ok((read, added))
        });
        // Sending fails only when the writer has stopped on an error, which `join` returns.
        'inputs: for (i, input) in inputs.iter().enumerate() {
            let records = match storyline_ingest::read_records(input, &limits) {
                Ok(records) => records,
                Err(e) => {
                    eprintln!("storyline: {e}");
                    input_failed[i] = true;
                    progress.inc(1);
                    continue;
                }
            };
            for record in records {
                match record {
                    Ok(doc) => batch.push((i, doc)),
                    Err(e) if e.is_notice() => eprintln!("storyline: note: {e}"),
                    Err(e) => {
                        eprintln!("storyline: {e}");
                        input_failed[i] = true;
                    }
                }
                if batch.len() >= DOCUMENTS_PER_BATCH && to_writer.send(analyse_batch(&mut batch, &mut input_failed)).is_err() {
                    break 'inputs;
                }
            }
            progress.inc(1);
        }
        if !batch.is_empty() {
            // An error here is the writer's, returned by `join`.
            let _ = to_writer.send(analyse_batch(&mut batch, &mut input_failed));
        }
        drop(to_writer);
        writer.join().map_err(|_| anyhow::anyhow!("the store's writer thread panicked"))?
    })?;
    progress.finish_and_clear();
    let times = rebuild(store)?;
    let failed = errors.len() + input_failed.iter().filter(|&&f| f).count();
    Ok(Outcome { read, added, failed, times })
}

/// Extracts and analyses `batch` in parallel; a document that fails marks its input as failed.
fn analyse_batch(batch: &mut Vec<(usize, RawDocument)>, input_failed: &mut [bool]) -> Vec<AnalyzedArticle> {
    let results: Vec<(usize, String, Result<AnalyzedArticle, storyline_pipeline::PipelineError>)> =
        batch.par_drain(..).map(|(i, doc)| (i, doc.source.clone(), storyline_pipeline::process_document(&doc))).collect();
    let mut articles = Vec::with_capacity(results.len());
    for (i, source, result) in results {
        match result {
            Ok(article) => articles.push(article),
            Err(e) => {
                eprintln!("storyline: {source}: {e}");
                input_failed[i] = true;
            }
        }
    }
    articles
}

/// Rebuilds events, storylines and briefs over every stored article, streamed in news order.
/// Returns how long its steps took.
fn rebuild(store: &mut Store) -> Result<StageTimes> {
    let clock = std::time::Instant::now();
    let mut times = StageTimes::default();
    let progress = progress_bar(store.article_count()?, "articles");
    store.rebuild_report(storyline_pipeline::news_date, |rebuild| -> Result<_> {
        let streamed = storyline_pipeline::stream::stream_corpus(
            rebuild.articles_in_news_order().map(|a| a.map_err(anyhow::Error::from)),
            &storyline_cluster::Config::default(),
            &storyline_pipeline::stream::StreamLimits::default(),
            |part| {
                progress.inc(part.articles.len() as u64);
                Ok(rebuild.add(part)?)
            },
            |id| Ok(rebuild.article(id)?),
        )?;
        for rename in &streamed.renames {
            rebuild.rename_runner_up(&rename.event, &rename.from, &rename.to)?;
        }
        times = streamed.times;
        Ok(streamed.storylines)
    })?;
    progress.finish_and_clear();
    times.total = clock.elapsed();
    Ok(times)
}

/// A progress bar over `len` `things` on a terminal, for runs of at least
/// [`PROGRESS_MIN_ITEMS`].
fn progress_bar(len: usize, things: &str) -> ProgressBar {
    if len < PROGRESS_MIN_ITEMS || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template(&format!("{{spinner}} {{wide_bar}} {{pos}}/{{len}} {things} {{per_sec}} eta {{eta}}")) {
        bar.set_style(style);
    }
    bar
}
