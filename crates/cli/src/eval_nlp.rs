//! `storyline eval entities` and `storyline eval times`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use storyline_eval::entities::{self, TypeScore};
use storyline_eval::metrics::Prf;
use storyline_eval::times;

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// CoNLL-2003 file (`TOKEN POS CHUNK NER`; PER, ORG, LOC, MISC → person, organization, location, other).
    #[arg(long, group = "corpus")]
    conll: Option<PathBuf>,
    /// GUM news directory (`<doc>.txt` and `entities.jsonl`; the `min_*` name spans; person,
    /// organization, place → location, every other type → other).
    #[arg(long, group = "corpus")]
    gum: Option<PathBuf>,
    /// Either of the above: a directory is read as GUM news, a file as CoNLL-2003.
    #[arg(long, group = "corpus")]
    gold: Option<PathBuf>,
    /// Write every missed and spurious mention here (TSV).
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Score the rules alone, without the shipped statistical tagger (`data/ner_model.bin`)
    /// that the pipeline combines with them by default.
    #[arg(long)]
    rules_only: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct TimesArgs {
    /// TimeML directory or file (`.tml`, searched recursively): TempEval-3, TimeBank, AQUAINT.
    #[arg(long, visible_alias = "gold")]
    timeml: PathBuf,
    /// Write every missed, spurious, mis-spanned and mis-valued expression here (TSV).
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Score a range as one expression with its range value (the tagger's convention), not as
    /// its two ends (TimeML's).
    #[arg(long)]
    whole_ranges: bool,
    #[arg(long)]
    json: bool,
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n'], " ")
}

/// Every missed and spurious mention as TSV (`--errors`).
pub fn write_entity_errors(path: &Path, errors: &[entities::EntityError]) -> Result<()> {
    let mut tsv = String::from("doc\terror\ttype\ttext\tsentence\n");
    for e in errors {
        tsv.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", e.doc, e.what, e.kind.as_str(), clean(&e.text), clean(&e.sentence)));
    }
    std::fs::write(path, tsv).with_context(|| format!("writing {}", path.display()))
}

pub fn entities(out: &mut impl Write, args: EntitiesArgs) -> Result<ExitCode> {
    let (conll, gum) = match args.gold {
        Some(p) if p.is_dir() => (None, Some(p)),
        Some(p) => (Some(p), None),
        None => (args.conll, args.gum),
    };
    let (docs, name) = match (&conll, &gum) {
        (Some(p), _) => (entities::load_conll(p)?, format!("CoNLL {}", p.display())),
        (_, Some(p)) => (entities::load_gum(p)?, format!("GUM news {}", p.display())),
        _ => anyhow::bail!("give a corpus: --conll FILE, --gum DIR or --gold PATH"),
    };
    let model = if args.rules_only || !storyline_analyze::entities::TAGGER_BY_DEFAULT {
        None
    } else {
        Some(storyline_analyze::entities::tagger::shipped().context("the shipped tagger model does not load")?)
    };
    let (scores, errors) = entities::evaluate_with(&docs, |b, s| storyline_analyze::entity_mentions_with(b, s, model));
    if let Some(path) = &args.errors {
        write_entity_errors(path, &errors)?;
    }
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &scores)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{name}: {} documents, {} tokens; exact span and type", scores.documents, scores.tokens)?;
    writeln!(out, "  {:<30} {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}", "type", "gold", "pred", "tp", "P", "R", "F1")?;
    let row = |out: &mut dyn Write, t: &TypeScore| -> std::io::Result<()> {
        writeln!(
            out,
            "  {:<30} {:>6} {:>6} {:>6}  {:>6.3} {:>6.3} {:>6.3}",
            t.kind, t.counts.gold, t.counts.predicted, t.counts.tp, t.prf.precision, t.prf.recall, t.prf.f1
        )
    };
    for t in &scores.per_type {
        row(out, t)?;
    }
    row(out, &scores.core)?;
    row(out, &scores.all)?;
    writeln!(
        out,
        "  speed: {:.0} mentions/s, {:.0} tokens/s ({} bytes in {:.3} s, one thread)",
        scores.mentions_per_second, scores.tokens_per_second, scores.bytes, scores.seconds
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn times(out: &mut impl Write, args: TimesArgs) -> Result<ExitCode> {
    let docs = times::load_timeml(&args.timeml)?;
    let (s, errors) = times::evaluate(&docs, args.whole_ranges);
    if let Some(path) = &args.errors {
        let mut tsv = String::from("doc\terror\tdct\tgold_text\tgold_type\tgold_value\tsystem_text\tsystem_type\tsystem_value\tcontext\n");
        for e in &errors {
            let (gt, gv) = e.gold.as_ref().map_or((String::new(), String::new()), |g| (g.kind.clone(), g.value.clone()));
            let (st, sv) = e.system.as_ref().map_or((String::new(), String::new()), |g| (g.kind.clone(), g.value.clone()));
            tsv.push_str(&format!(
                "{}\t{}\t{}\t{}\t{gt}\t{gv}\t{}\t{st}\t{sv}\t{}\n",
                e.doc,
                e.what,
                e.dct,
                clean(&e.gold_text),
                clean(&e.system_text),
                clean(&e.context)
            ));
        }
        std::fs::write(path, tsv).with_context(|| format!("writing {}", path.display()))?;
    }
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &s)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let c = &s.counts;
    writeln!(
        out,
        "TimeML {}: {} documents, {} gold TIMEX3 (creation times excluded), {} found",
        args.timeml.display(),
        s.documents,
        c.gold,
        c.system
    )?;
    let row = |out: &mut dyn Write, name: &str, hits: usize, p: &Prf| -> std::io::Result<()> {
        writeln!(out, "  {name:<8} {hits:>6}  P {:.4}  R {:.4}  F1 {:.4}", p.precision, p.recall, p.f1)
    };
    row(out, "strict", c.strict, &s.strict)?;
    row(out, "relaxed", c.relaxed, &s.relaxed)?;
    row(out, "value", c.value, &s.value)?;
    row(out, "type", c.kind, &s.kind)?;
    writeln!(out, "  value accuracy {:.4}, type accuracy {:.4} (over relaxed matches)", s.value_accuracy, s.kind_accuracy)?;
    writeln!(
        out,
        "  speed: {:.0} expressions/s, {:.1} MB/s (one thread, {:.3} s)",
        s.expressions_per_second,
        s.bytes_per_second / 1e6,
        s.seconds
    )?;
    Ok(ExitCode::SUCCESS)
}
