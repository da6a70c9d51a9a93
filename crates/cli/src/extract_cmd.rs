//! `storyline extract` (one record per document) and `storyline eval extract`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use serde::Serialize;
use storyline_eval::extract::{self as ev, Extractor};
use storyline_ingest::Limits;
use storyline_model::Article;

/// Exit code when some inputs could not be read or extracted.
const EXIT_SOME_INPUTS_FAILED: u8 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A JSON array of records.
    Json,
    /// One JSON record a line.
    Jsonl,
    /// Metadata lines, then the body.
    Text,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories (.txt, .html, .htm, .jsonl, .json, also .gz); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// One extracted document, as `storyline extract` prints it.
#[derive(Debug, Serialize)]
pub struct Record {
    pub source: String,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// ISO 8601: with time and zone when the source gives them, else the day.
    pub published: Option<String>,
    pub modified: Option<String>,
    /// Declared by the page or container, else detected from the body ("und" when unsure).
    pub language: String,
    pub body: String,
    pub credits: Vec<String>,
    pub dateline: Option<String>,
    pub warnings: Vec<String>,
}

impl Record {
    pub fn from_article(a: Article) -> Self {
        let language = a
            .language
            .clone()
            .map(|l| l.trim().replace('_', "-"))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| storyline_analyze::language::detect(&a.body));
        Record {
            published: a.published_at.clone().or_else(|| a.published.map(|d| d.to_string())),
            source: a.source,
            url: a.url,
            canonical_url: a.canonical_url,
            site: a.site,
            title: a.title,
            authors: a.authors,
            modified: a.modified,
            language,
            body: a.body,
            credits: a.credits,
            dateline: a.dateline,
            warnings: a.warnings,
        }
    }
}

/// `storyline extract PATH... [--format json|jsonl|text]`.
pub fn extract(out: &mut impl Write, args: ExtractArgs) -> Result<ExitCode> {
    let (docs, errors) = storyline_ingest::read_all(&args.paths, &Limits::default());
    let mut failed = 0;
    for e in &errors {
        if e.is_notice() {
            eprintln!("storyline: note: {e}");
        } else {
            failed += 1;
            eprintln!("storyline: {e}");
        }
    }
    let mut records = Vec::new();
    for doc in &docs {
        match storyline_extract::extract(doc) {
            Ok(a) => {
                let r = Record::from_article(a);
                if args.format == Format::Jsonl {
                    serde_json::to_writer(&mut *out, &r)?;
                    writeln!(out)?;
                } else if args.format == Format::Text {
                    text_record(out, &r)?;
                } else {
                    records.push(r);
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("storyline: {}: {e}", doc.source);
            }
        }
    }
    if args.format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &records)?;
        writeln!(out)?;
    }
    Ok(if failed > 0 { ExitCode::from(EXIT_SOME_INPUTS_FAILED) } else { ExitCode::SUCCESS })
}

fn text_record(out: &mut impl Write, r: &Record) -> Result<()> {
    writeln!(out, "=== {}", r.source)?;
    let fields: [(&str, Option<String>); 10] = [
        ("url", r.url.clone()),
        ("canonical_url", r.canonical_url.clone()),
        ("site", r.site.clone()),
        ("title", r.title.clone()),
        ("authors", Some(r.authors.join("; ")).filter(|s| !s.is_empty())),
        ("published", r.published.clone()),
        ("modified", r.modified.clone()),
        ("language", Some(r.language.clone())),
        ("credits", Some(r.credits.join("; ")).filter(|s| !s.is_empty())),
        ("dateline", r.dateline.clone()),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            writeln!(out, "{name}: {v}")?;
        }
    }
    for w in &r.warnings {
        writeln!(out, "warning: {w}")?;
    }
    writeln!(out, "\n{}\n", r.body)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Which {
    Storyline,
    DomSmoothie,
    /// The page's whole text, uncleaned (with --text-only).
    WholeText,
    /// Storyline first, then dom_smoothie (or, with --text-only, the whole text).
    Both,
}

#[derive(Debug, Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("corpus").required(true).multiple(false).args(["aeb", "wcxb"])))]
pub struct EvalExtractArgs {
    /// The Article Extraction Benchmark: a folder with `ground-truth.json` and `html/`.
    #[arg(long, value_name = "DIR")]
    aeb: Option<PathBuf>,
    /// WCXB article pages: a folder with `ground-truth/` and `html/`.
    #[arg(long, value_name = "DIR")]
    wcxb: Option<PathBuf>,
    /// Which extractor(s) to measure.
    #[arg(long, value_enum, default_value_t = Which::Both)]
    extractor: Which,
    /// Write per-page scores (TSV, worst first) of the first extractor measured here.
    #[arg(long, value_name = "FILE")]
    per_page: Option<PathBuf>,
    /// AEB only: write the first extractor's predictions as `{id: {"articleBody": …}}`.
    #[arg(long, value_name = "FILE")]
    predictions: Option<PathBuf>,
    /// Feed each page's visible text (one line per block element, as a text scraper saves
    /// it) to the text cleaner instead of its HTML to the extractor.
    #[arg(long)]
    text_only: bool,
    /// Extract every page this many times and time each by its median pass: a steadier
    /// pages/s on a busy machine (scores come from the first pass).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..))]
    passes: u16,
}

/// `storyline eval extract --aeb DIR | --wcxb DIR`.
pub fn eval(out: &mut impl Write, args: EvalExtractArgs) -> Result<ExitCode> {
    let extractors: &[Extractor] = match (args.extractor, args.text_only) {
        (Which::Storyline, _) => &[Extractor::Storyline],
        (Which::DomSmoothie, false) => &[Extractor::DomSmoothie],
        (Which::Both, false) => &[Extractor::Storyline, Extractor::DomSmoothie],
        (Which::WholeText, true) => &[Extractor::WholeText],
        (Which::Both, true) => &[Extractor::Storyline, Extractor::WholeText],
        (Which::DomSmoothie, true) => anyhow::bail!("dom_smoothie reads HTML: not with --text-only"),
        (Which::WholeText, false) => anyhow::bail!("whole-text is the text-only baseline: use it with --text-only"),
    };
    let input = if args.text_only { "scraped text" } else { "HTML" };
    let create = |p: &PathBuf| std::fs::File::create(p).with_context(|| format!("creating {}", p.display()));
    if let Some(dir) = &args.aeb {
        let mut pages = ev::load_aeb(dir)?;
        if args.text_only {
            pages.iter_mut().for_each(|p| ev::to_scraped_text(&mut p.doc));
        }
        let unreadable = pages.iter().filter(|p| p.doc.is_none()).count();
        writeln!(out, "AEB {}: {} pages ({} unreadable), input: {input}", dir.display(), pages.len(), unreadable)?;
        writeln!(out, "{:<14} {:>9} {:>9} {:>7} {:>7} {:>14}", "extractor", "precision", "recall", "F1", "failed", "pages/s/core")?;
        for (i, &x) in extractors.iter().enumerate() {
            let run = ev::run_aeb(&pages, x, args.passes.into());
            let s = run.score;
            writeln!(
                out,
                "{:<14} {:>9.4} {:>9.4} {:>7.4} {:>7} {:>14.1}",
                x.name(),
                s.precision,
                s.recall,
                s.f1,
                run.failed,
                run.pages_per_sec()
            )?;
            if i == 0 {
                if let Some(p) = &args.per_page {
                    ev::write_aeb_tsv(&run, std::io::BufWriter::new(create(p)?))?;
                }
                if let Some(p) = &args.predictions {
                    serde_json::to_writer(std::io::BufWriter::new(create(p)?), &ev::predictions_json(&run.predictions))?;
                }
            }
        }
    }
    if let Some(dir) = &args.wcxb {
        let mut pages = ev::load_wcxb(dir)?;
        if args.text_only {
            pages.iter_mut().for_each(|p| ev::to_scraped_text(&mut p.doc));
        }
        let unreadable = pages.iter().filter(|p| p.doc.is_none()).count();
        writeln!(out, "WCXB {}: {} pages ({} unreadable), input: {input}", dir.display(), pages.len(), unreadable)?;
        writeln!(
            out,
            "{:<14} {:>8} {:>14} {:>14} {:>14} {:>7} {:>14}",
            "extractor", "body F1", "title", "author", "date", "failed", "pages/s/core"
        )?;
        let acc = |a: ev::Accuracy| format!("{:.3} ({}/{})", a.rate(), a.hits, a.total);
        for (i, &x) in extractors.iter().enumerate() {
            let run = ev::run_wcxb(&pages, x, args.passes.into());
            writeln!(
                out,
                "{:<14} {:>8.4} {:>14} {:>14} {:>14} {:>7} {:>14.1}",
                x.name(),
                run.body_f1,
                acc(run.title),
                acc(run.author),
                acc(run.date),
                run.failed,
                run.pages_per_sec()
            )?;
            if i == 0 {
                if let Some(p) = &args.per_page {
                    ev::write_wcxb_tsv(&run, std::io::BufWriter::new(create(p)?))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
