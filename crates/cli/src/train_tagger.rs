//! `storyline train-tagger`: trains the entity tagger (`storyline_analyze::entities::tagger`)
//! on the openly licensed data in `ner-train/` and writes the model file the binary embeds.
//!
//! Reads only `wikigold.conll` (CC BY 4.0), `uner_en_ewt-dev.iob2` (CC BY-SA 4.0) and
//! `gum/*.conllu` (GUM academic, bio, court, interview, voyage; annotations CC BY 4.0). The
//! evaluation sets (CoNLL-2003, GUM news) are never read here. Deterministic: the same data
//! gives the same file, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use storyline_analyze::entities::tagger::{self, TrainConfig, TrainDoc};
use storyline_analyze::entities::{find_mentions_with, tagger::Tagger};
use storyline_eval::entities::{detokenize, evaluate_with, load_conll, EntityDoc, EntityScores, Labeled};
use storyline_model::EntityKind;

#[derive(Debug, Args)]
pub struct TrainTaggerArgs {
    /// Where to write the model (the shipped one is `data/ner_model.bin`).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The training data directory (`ner-train/` of the shared data).
    #[arg(long, value_name = "DIR", default_value = "../shared/data/ner-train")]
    data: PathBuf,
    /// Train on four documents in five and compare rules and tagger on the fifth (development).
    #[arg(long)]
    holdout: bool,
    /// With `--holdout`: write the tagger's missed and spurious held-out mentions here (TSV).
    #[arg(long, value_name = "FILE", requires = "holdout")]
    errors: Option<PathBuf>,
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    epochs: usize,
    /// Independent training runs (shuffling seeds) whose weights are averaged.
    #[arg(long, default_value_t = TrainConfig::default().runs)]
    runs: usize,
    /// log2 of the weight table's rows.
    #[arg(long, default_value_t = TrainConfig::default().bits)]
    bits: u32,
}

/// A source of training documents.
struct Source {
    name: &'static str,
    docs: Vec<EntityDoc>,
    labels_other: bool,
    labels_demonyms: bool,
}

fn load_sources(dir: &Path) -> Result<Vec<Source>> {
    let wikigold = load_conll(&dir.join("wikigold.conll")).context("wikigold")?;
    let uner = load_iob2(&dir.join("uner_en_ewt-dev.iob2")).context("UNER")?;
    let gum = load_gum_conllu(&dir.join("gum")).context("GUM")?;
    Ok(vec![
        Source { name: "wikigold", docs: wikigold, labels_other: true, labels_demonyms: true },
        Source { name: "UNER EWT dev", docs: uner, labels_other: false, labels_demonyms: false },
        Source { name: "GUM (non-news)", docs: gum, labels_other: true, labels_demonyms: false },
    ])
}

fn bio_kind(tag: &str) -> EntityKind {
    match tag {
        "PER" => EntityKind::Person,
        "ORG" => EntityKind::Organization,
        "LOC" => EntityKind::Location,
        _ => EntityKind::Other,
    }
}

/// Builds a document from sentences of tokens and their mention spans (token index ranges
/// within the sentence, end exclusive).
/// A sentence's tokens and its mentions (token ranges, end exclusive).
type Sentence = (Vec<String>, Vec<(usize, usize, EntityKind)>);
/// An opened GUM mention spec: id, type, minspan offsets.
type Opened = (String, String, Vec<usize>);

fn make_doc(id: String, sentences: &[Sentence]) -> EntityDoc {
    let words: Vec<Vec<&str>> = sentences.iter().map(|(t, _)| t.iter().map(String::as_str).collect()).collect();
    let (body, tokens) = detokenize(&words);
    let mut gold = Vec::new();
    let mut k = 0;
    for (toks, spans) in sentences {
        for &(a, b, kind) in spans {
            if let (Some(x), Some(y)) = (tokens.get(k + a), tokens.get(k + b - 1)) {
                gold.push(Labeled { start: x.0, end: y.1, kind });
            }
        }
        k += toks.len();
    }
    gold.sort();
    gold.dedup();
    EntityDoc { id, body, tokens, gold }
}

/// Universal NER (`id token TAG - annotator`, tab-separated, IOB2; `# newdoc` starts a document).
fn load_iob2(path: &Path) -> Result<Vec<EntityDoc>> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs = Vec::new();
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut toks: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush_sentence = |toks: &mut Vec<String>, tags: &mut Vec<String>, sentences: &mut Vec<_>| {
        if toks.is_empty() {
            return;
        }
        let mut spans = Vec::new();
        let mut open: Option<(usize, String)> = None;
        for (i, tag) in tags.iter().enumerate() {
            let (prefix, kind) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
            let cont = prefix == "I" && open.as_ref().is_some_and(|(_, k)| k == kind);
            if !cont {
                if let Some((a, k)) = open.take() {
                    spans.push((a, i, bio_kind(&k)));
                }
                if prefix == "B" || prefix == "I" {
                    open = Some((i, kind.to_string()));
                }
            }
        }
        if let Some((a, k)) = open {
            spans.push((a, tags.len(), bio_kind(&k)));
        }
        sentences.push((std::mem::take(toks), spans));
        tags.clear();
    };
    for line in raw.lines() {
        if line.starts_with("# newdoc") {
            flush_sentence(&mut toks, &mut tags, &mut sentences);
            if !sentences.is_empty() {
                docs.push(make_doc(format!("uner{}", docs.len() + 1), &std::mem::take(&mut sentences)));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush_sentence(&mut toks, &mut tags, &mut sentences);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if let (Some(tok), Some(tag)) = (cols.get(1), cols.get(2)) {
            toks.push((*tok).to_string());
            tags.push((*tag).to_string());
        }
    }
    flush_sentence(&mut toks, &mut tags, &mut sentences);
    if !sentences.is_empty() {
        docs.push(make_doc(format!("uner{}", docs.len() + 1), &sentences));
    }
    Ok(docs)
}

fn gum_kind(t: &str) -> Option<EntityKind> {
    match t {
        "person" => Some(EntityKind::Person),
        "organization" => Some(EntityKind::Organization),
        "place" => Some(EntityKind::Location),
        // Days, months and dates are time expressions, not names.
        "time" => None,
        _ => Some(EntityKind::Other),
    }
}

/// A mention open in GUM's bracket notation: its first token, type and minspan offsets.
struct Open {
    id: String,
    start: usize,
    kind: String,
    minspan: Vec<usize>,
}

/// Parses one `Entity=` value: opening brackets `(id-type-infstat-salience-centering-minspan-…`
/// and closing `id)`; returns (opened specs, closed ids), a one-token mention both.
fn parse_entity_field(v: &str) -> (Vec<Opened>, Vec<String>) {
    let mut opened = Vec::new();
    let mut closed = Vec::new();
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'(' && b[j] != b')' {
                j += 1;
            }
            let spec = &v[i + 1..j];
            let parts: Vec<&str> = spec.split('-').collect();
            let id = parts.first().copied().unwrap_or("").to_string();
            let kind = parts.get(1).copied().unwrap_or("").to_string();
            let minspan = parts.get(5).map(|m| m.split(',').filter_map(|x| x.parse().ok()).collect()).unwrap_or_default();
            opened.push((id.clone(), kind, minspan));
            if j < b.len() && b[j] == b')' {
                closed.push(id);
                j += 1;
            }
            i = j;
        } else if b[i].is_ascii_digit() {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j < b.len() && b[j] == b')' {
                closed.push(v[i..j].to_string());
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    (opened, closed)
}

/// GUM CoNLL-U files: named mentions are those whose syntactic head (the token whose head lies
/// outside the mention) is PROPN, as in `gum-news/`; the span is GUM's minspan.
fn load_gum_conllu(dir: &Path) -> Result<Vec<EntityDoc>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for path in paths {
        let raw = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut sentences = Vec::new();
        // Current sentence: (form, upos, head) per word.
        let mut words: Vec<(String, String, usize)> = Vec::new();
        let mut mentions: Vec<(usize, usize, String, Vec<usize>)> = Vec::new();
        let mut open: Vec<Open> = Vec::new();
        let mut finish = |words: &mut Vec<(String, String, usize)>, mentions: &mut Vec<(usize, usize, String, Vec<usize>)>, open: &mut Vec<Open>| {
            if words.is_empty() {
                return;
            }
            let mut spans = Vec::new();
            for (a, b, kind, minspan) in mentions.drain(..) {
                // Head: the word whose head lies outside a..=b.
                let head = (a..=b).find(|&i| words.get(i).is_some_and(|w| w.2 == 0 || w.2 - 1 < a || w.2 - 1 > b));
                let propn = head.and_then(|h| words.get(h)).is_some_and(|w| w.1 == "PROPN");
                let Some(kind) = gum_kind(&kind).filter(|_| propn) else { continue };
                let (lo, hi) = match (minspan.iter().min(), minspan.iter().max()) {
                    (Some(&lo), Some(&hi)) if lo >= 1 => (a + lo - 1, a + hi - 1),
                    _ => (a, b),
                };
                if lo <= hi && hi <= b {
                    spans.push((lo, hi + 1, kind));
                }
            }
            open.clear();
            sentences.push((words.drain(..).map(|w| w.0).collect::<Vec<_>>(), spans));
        };
        for line in raw.lines() {
            if line.trim().is_empty() {
                finish(&mut words, &mut mentions, &mut open);
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(id) = cols.first() else { continue };
            if id.contains('-') || id.contains('.') {
                continue; // multi-word token ranges, empty nodes
            }
            let idx = words.len();
            let head = cols.get(6).and_then(|h| h.parse().ok()).unwrap_or(0);
            words.push((cols.get(1).copied().unwrap_or("_").to_string(), cols.get(3).copied().unwrap_or("").to_string(), head));
            let misc = cols.get(9).copied().unwrap_or("");
            for field in misc.split('|') {
                let Some(v) = field.strip_prefix("Entity=") else { continue };
                let (opened, closed) = parse_entity_field(v);
                for (id, kind, minspan) in opened {
                    open.push(Open { id, start: idx, kind, minspan });
                }
                for id in closed {
                    if let Some(k) = open.iter().rposition(|o| o.id == id) {
                        let o = open.remove(k);
                        mentions.push((o.start, idx, o.kind, o.minspan));
                    }
                }
            }
        }
        finish(&mut words, &mut mentions, &mut open);
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        docs.push(make_doc(name, &sentences));
    }
    Ok(docs)
}

fn to_train(docs: &[&EntityDoc], s: &Source) -> Vec<TrainDoc> {
    docs.iter()
        .map(|d| TrainDoc {
            body: d.body.clone(),
            gold: d.gold.iter().map(|g| (g.start, g.end, g.kind)).collect(),
            labels_other: s.labels_other,
            labels_demonyms: s.labels_demonyms,
        })
        .collect()
}

fn print_scores(name: &str, s: &EntityScores) {
    let t = |k: &str| s.per_type.iter().find(|t| t.kind == k).map_or(0.0, |t| t.prf.f1);
    println!(
        "  {name:<28} all F1 {:.3} (P {:.3} R {:.3})  core F1 {:.3}  person {:.3}  organization {:.3}  location {:.3}  other {:.3}  {:.0} tokens/s",
        s.all.prf.f1,
        s.all.prf.precision,
        s.all.prf.recall,
        s.core.prf.f1,
        t("person"),
        t("organization"),
        t("location"),
        t("other"),
        s.tokens_per_second
    );
}

pub fn run(args: TrainTaggerArgs) -> Result<ExitCode> {
    let sources = load_sources(&args.data)?;
    let cfg = TrainConfig { epochs: args.epochs, runs: args.runs, bits: args.bits, ..TrainConfig::default() };
    let mut train_docs = Vec::new();
    let mut held: BTreeMap<&str, Vec<EntityDoc>> = BTreeMap::new();
    for s in &sources {
        let gold: usize = s.docs.iter().map(|d| d.gold.len()).sum();
        let tokens: usize = s.docs.iter().map(|d| d.tokens.len()).sum();
        eprintln!("{}: {} documents, {tokens} tokens, {gold} mentions", s.name, s.docs.len());
        // Held out: every fifth document (the third of each five) of each source.
        let is_train = |i: usize| !args.holdout || i % 5 != 2;
        let train: Vec<&EntityDoc> = s.docs.iter().enumerate().filter(|(i, _)| is_train(*i)).map(|(_, d)| d).collect();
        train_docs.extend(to_train(&train, s));
        held.entry(s.name).or_default().extend(s.docs.iter().enumerate().filter(|(i, _)| !is_train(*i)).map(|(_, d)| d.clone()));
    }
    eprintln!("training on {} documents, {} epochs, 2^{} rows", train_docs.len(), cfg.epochs, cfg.bits);
    let model = tagger::train(&train_docs, &cfg, |epoch, acc| println!("epoch {epoch:>2}: training accuracy {acc:.4}"));
    let bytes = model.to_bytes();
    println!("model: {} non-zero weights, {} bytes", model.non_zero(), bytes.len());
    if args.holdout {
        let loaded = Tagger::from_bytes(&bytes).context("the model does not read back")?;
        println!("held-out documents (every fifth of each source), exact span and type:");
        let mut all = Vec::new();
        for (name, docs) in &held {
            let (rules, _) = evaluate_with(docs, |b, s| find_mentions_with(b, s, None));
            let (tagged, _) = evaluate_with(docs, |b, s| find_mentions_with(b, s, Some(&loaded)));
            print_scores(&format!("{name}, rules"), &rules);
            print_scores(&format!("{name}, tagger + rules"), &tagged);
            all.extend(docs.iter().cloned());
        }
        let (rules, _) = evaluate_with(&all, |b, s| find_mentions_with(b, s, None));
        let (tagged, errors) = evaluate_with(&all, |b, s| find_mentions_with(b, s, Some(&loaded)));
        if let Some(path) = &args.errors {
            crate::eval_nlp::write_entity_errors(path, &errors)?;
        }
        print_scores("all held-out, rules", &rules);
        print_scores("all held-out, tagger + rules", &tagged);
    }
    if let Some(out) = &args.out {
        std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
        println!("wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}
