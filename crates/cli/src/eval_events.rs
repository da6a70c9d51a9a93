//! `storyline eval events` and `storyline eval train-events`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use storyline_cluster::Config;
use storyline_cluster::model::{EventModels, SimilarityModel};
use storyline_eval::events::{self, GoldDoc};
use storyline_pipeline::stream::StreamLimits;

/// A labelled corpus of documents with gold events.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct CorpusArgs {
    /// Labelled JSONL: `id`, `text` or `title`, optional `published`, `event`, optional
    /// `event_date`; `text` is read as `ingest` reads it unless `"clean": true`.
    #[arg(long)]
    gold: Option<PathBuf>,
    /// ECB+ as `ecbplus_docs.jsonl`.
    #[arg(long)]
    ecbplus: Option<PathBuf>,
    /// The UCI News Aggregator CSV (headlines, streamed in timestamp order).
    #[arg(long)]
    uci: Option<PathBuf>,
}

/// Unlabelled pages added to a corpus as distractors, each its own event.
#[derive(Debug, Args)]
pub struct DistractorArgs {
    /// Pages (any input `ingest` reads) added to the corpus, each its own event: articles
    /// that belong to none of the corpus's events, as a real stream holds many. Training
    /// with them chooses a threshold that does not merge unrelated articles of one field.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    distractors: Vec<PathBuf>,
}

impl DistractorArgs {
    fn load(&self) -> Vec<GoldDoc> {
        if self.distractors.is_empty() {
            return Vec::new();
        }
        let (raw, errors) = storyline_ingest::read_all(&self.distractors, &storyline_ingest::Limits::default());
        for e in &errors {
            eprintln!("storyline: {e}");
        }
        events::distractors(raw)
    }
}

impl CorpusArgs {
    fn load(&self) -> Result<(Vec<GoldDoc>, String)> {
        let (docs, path) = match (&self.gold, &self.ecbplus, &self.uci) {
            (Some(p), _, _) => (events::load_jsonl(p)?, p),
            (_, Some(p), _) => (events::load_ecbplus(p)?, p),
            (_, _, Some(p)) => (events::load_uci(p)?, p),
            _ => anyhow::bail!("give a corpus: --gold, --ecbplus or --uci"),
        };
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        Ok((docs, name))
    }
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    distractors: DistractorArgs,
    /// Use this similarity model (JSON from `train-events`) instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Join probability threshold (default: the model's own).
    #[arg(long, value_name = "P")]
    join_threshold: Option<f64>,
    /// The split pass's ratio of cross-group to in-group similarity below which an event
    /// is cut in two (0 disables the pass; default: each model's own).
    #[arg(long, value_name = "R")]
    split_ratio: Option<f64>,
    /// The merge pass's probability threshold for two whole events (0 disables the pass;
    /// default: the shipped one).
    #[arg(long, value_name = "P")]
    merge_threshold: Option<f64>,
    /// Run the corpus stage as a stream in news order taken in parts of this many articles
    /// (as `ingest` does, in parts of 50,000 articles or 64 MiB of text); default: the whole
    /// corpus at once.
    #[arg(long, value_name = "N")]
    stream_part: Option<usize>,
    /// Write each document's gold and predicted event here (TSV).
    #[arg(long, value_name = "FILE")]
    assignments: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    distractors: DistractorArgs,
    /// Which regime the corpus trains: `short` texts (headlines) or `long` ones (articles).
    #[arg(long, value_parser = ["short", "long"], default_value = "long")]
    regime: String,
    /// The models file to write; an existing file keeps its other regime's model.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn events(out: &mut impl Write, args: EventsArgs) -> Result<ExitCode> {
    let (mut docs, _) = args.corpus.load()?;
    docs.extend(args.distractors.load());
    let mut config = Config::default();
    if let Some(path) = &args.model {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        config.models = EventModels::from_json(&text).with_context(|| format!("{} is not a similarity model", path.display()))?;
    }
    config.join_threshold = args.join_threshold;
    if let Some(threshold) = args.merge_threshold {
        config.merge_threshold = (threshold > 0.0).then_some(threshold);
    }
    config.split_ratio = args.split_ratio;
    let stream = args.stream_part.map(StreamLimits::articles);
    let scores = events::evaluate(docs, &config, stream.as_ref())?;
    if let Some(path) = args.assignments {
        let mut tsv = String::from("id\tgold\tpredicted\n");
        for (id, g, p) in &scores.assignments {
            tsv.push_str(&format!("{id}\t{g}\t{p}\n"));
        }
        std::fs::write(&path, tsv).with_context(|| format!("writing {}", path.display()))?;
    }
    if args.json {
        let mut value = serde_json::to_value(&scores)?;
        if let Some(map) = value.as_object_mut() {
            map.remove("assignments");
        }
        serde_json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)?;
    } else {
        let models = &config.models;
        writeln!(out, "model for short texts (≤ {} terms): {}", models.short_max_terms, models.short.trained_on)?;
        writeln!(out, "model for long texts: {}", models.long.trained_on)?;
        crate::render::event_scores(out, &scores)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn train(args: TrainArgs) -> Result<ExitCode> {
    let (docs, name) = args.corpus.load()?;
    let distractors = args.distractors.load();
    let name = if distractors.is_empty() { name } else { format!("{name} (threshold with {} distractor pages)", distractors.len()) };
    let model: SimilarityModel = events::train(docs, distractors, &name)?;
    let existing = std::fs::read_to_string(&args.out).ok().and_then(|t| EventModels::from_json(&t).ok());
    let mut models = existing.unwrap_or_else(|| EventModels::single(model.clone()));
    match args.regime.as_str() {
        "short" => models.short = model.clone(),
        _ => models.long = model.clone(),
    }
    let json = serde_json::to_string_pretty(&models)? + "\n";
    std::fs::write(&args.out, json).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("{}: {:?} bias {:.3} ({})", args.out.display(), model.weights, model.bias, model.trained_on);
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many articles.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Paragraphs per article: 1 gives about 0.6 KB of text, 8 about 3.3 KB.
    #[arg(long, default_value_t = 1)]
    paragraphs: usize,
    /// Where to write the labelled JSONL (for `eval events --gold`).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn synth(args: SynthArgs) -> Result<ExitCode> {
    write_jsonl(&storyline_eval::synth::stream_with(args.articles, args.seed, args.paragraphs), &args.out)
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Where to write the labelled JSONL (`--gold`'s format).
    #[arg(long)]
    out: PathBuf,
}

/// Writes a corpus (ECB+, UCI) as the project's labelled JSONL.
pub fn convert(args: ConvertArgs) -> Result<ExitCode> {
    let (docs, _) = args.corpus.load()?;
    write_jsonl(&docs, &args.out)
}

fn write_jsonl(docs: &[GoldDoc], path: &std::path::Path) -> Result<ExitCode> {
    let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    for doc in docs {
        serde_json::to_writer(&mut out, doc)?;
        out.write_all(b"\n")?;
    }
    out.flush().with_context(|| format!("writing {}", path.display()))?;
    Ok(ExitCode::SUCCESS)
}
