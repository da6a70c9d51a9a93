//! Event clustering against a labelled corpus.
//!
//! Corpora: the project's JSONL (`id`, `text` or `title`, optional `published`, `event`,
//! optional `event_date`), ECB+ (`ecbplus_docs.jsonl`) and the UCI News Aggregator CSV.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use storyline_cluster::Config;
use storyline_cluster::model::SimilarityModel;
use storyline_pipeline::stream::StreamLimits;
use storyline_model::{AnalyzedArticle, Content, GivenMeta, RawDocument};

use crate::metrics::{Prf, ami, bcubed, pairwise};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: line {line}: {message}")]
    Parse { path: String, line: usize, message: String },
    #[error("{0}: no labelled documents")]
    Empty(String),
}

/// One labelled document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldDoc {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    /// `YYYY-MM-DD`, or an RFC 3339 timestamp.
    #[serde(default)]
    pub published: Option<String>,
    pub event: String,
    /// The gold date of the document's event, when known.
    #[serde(default)]
    pub event_date: Option<String>,
    /// `text` is a corpus's clean article text, taken as it is (`eval convert` marks ECB+ and
    /// UCI so); otherwise it is read as `ingest` reads a plain `text` field, as a scraper saved
    /// it, and cleaned of bylines and boilerplate first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clean: bool,
}

/// Pages that belong to no labelled event, as labelled documents each of its own event
/// (`distractor:` and its source), their extracted text taken as clean. Pages with no text are
/// left out.
pub fn distractors(raw: Vec<RawDocument>) -> Vec<GoldDoc> {
    raw.into_par_iter()
        .filter_map(|doc| {
            let article = storyline_extract::extract(&doc).ok()?;
            Some(GoldDoc {
                event: format!("distractor:{}", article.source),
                id: article.source,
                title: article.title,
                text: Some(article.body),
                published: article.published.map(|d| d.to_string()),
                event_date: None,
                clean: true,
            })
        })
        .collect()
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.display().to_string(), source })
}

/// The project's labelled JSONL format.
pub fn load_jsonl(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let io = |source| EvalError::Io { path: path.display().to_string(), source };
    // Line by line: the file is never held whole next to its documents.
    let lines = std::io::BufReader::new(std::fs::File::open(path).map_err(io)?).lines();
    let mut docs = Vec::new();
    for (i, line) in lines.enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: GoldDoc = serde_json::from_str(&line)
            .map_err(|e| EvalError::Parse { path: path.display().to_string(), line: i + 1, message: e.to_string() })?;
        docs.push(doc);
    }
    // Held for the whole run: no spare capacity from the pushes.
    docs.shrink_to_fit();
    Ok(docs)
}

/// ECB+ as shipped in `ecbplus_docs.jsonl` (undated; tokenised text, one sentence a line).
pub fn load_ecbplus(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    #[derive(Deserialize)]
    struct Ecb {
        doc_name: String,
        event_cluster: String,
        text: String,
    }
    let text = read(path)?;
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let ecb: Ecb = serde_json::from_str(line)
            .map_err(|e| EvalError::Parse { path: path.display().to_string(), line: i + 1, message: e.to_string() })?;
        docs.push(GoldDoc { id: ecb.doc_name, title: None, text: Some(detokenize(&ecb.text)), published: None, event: ecb.event_cluster, event_date: None, clean: true });
    }
    Ok(docs)
}

/// Undoes PTB-style tokenisation ("party 's" → "party's", "`` x ''" → "\"x\"").
fn detokenize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut sentence = String::new();
        let mut glue_next = false;
        let mut quote_open = false;
        for token in line.split(' ').filter(|t| !t.is_empty()) {
            let closing_quote = matches!(token, "``" | "''" | "\"") && quote_open;
            let token = match token {
                "``" | "''" => "\"",
                "-LRB-" => "(",
                "-RRB-" => ")",
                t => t,
            };
            if token == "\"" {
                quote_open = !quote_open;
            }
            let attach = glue_next
                || closing_quote
                || matches!(token, "." | "," | ";" | ":" | "!" | "?" | ")" | "%" | "n't")
                || token.starts_with('\'') && token.len() <= 3;
            if !sentence.is_empty() && !attach {
                sentence.push(' ');
            }
            sentence.push_str(token);
            glue_next = matches!(token, "(" | "$") || token == "\"" && quote_open;
        }
        out.push_str(&sentence);
        out.push('\n');
    }
    out
}

/// The UCI News Aggregator CSV: headlines with a story id and a timestamp (ms). A row that
/// does not parse (the slice's last row is cut off) is skipped.
pub fn load_uci(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let text = read(path)?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let mut docs = Vec::new();
    for record in reader.records().flatten() {
        let (Some(id), Some(title), Some(story), Some(ms)) = (record.get(0), record.get(1), record.get(5), record.get(7)) else { continue };
        let Ok(ms) = ms.trim().parse::<i64>() else { continue };
        let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else { continue };
        docs.push(GoldDoc { id: id.into(), title: Some(title.into()), text: None, published: Some(ts.to_string()), event: story.into(), event_date: None, clean: true });
    }
    Ok(docs)
}

/// What `eval events` reports.
#[derive(Debug, Clone, Serialize)]
pub struct EventScores {
    pub documents: usize,
    pub gold_events: usize,
    pub predicted_events: usize,
    /// Documents the pipeline could not process (each counted as its own event).
    pub failed: usize,
    pub bcubed: Prf,
    pub pairwise: Prf,
    pub ami: f64,
    /// Share of gold events (with a gold date) whose majority predicted event has that date.
    pub event_date_accuracy: Option<f64>,
    /// Wall time of the whole run, and of its per-document stage (parallel) alone.
    pub seconds: f64,
    pub document_seconds: f64,
    /// Per document: id, gold event, predicted event.
    pub assignments: Vec<(String, String, String)>,
}

/// Extracts and analyses every document (clean text, or scraped text cleaned first), in parallel, taking its text (only
/// ids and labels are needed afterwards); also how many failed.
fn process(docs: &mut [GoldDoc]) -> (Vec<AnalyzedArticle>, usize) {
    let processed: Vec<Option<AnalyzedArticle>> = docs
        .par_iter_mut()
        .map(|d| {
            let body = d.text.take().or_else(|| d.title.clone()).unwrap_or_default();
            let raw = RawDocument {
                source: d.id.clone(),
                content: if d.clean { Content::CleanText(body) } else { Content::Text(body) },
                meta: GivenMeta { title: d.title.clone(), published: d.published.clone(), ..GivenMeta::default() },
            };
            storyline_pipeline::process_document(&raw).ok().map(compact)
        })
        .collect();
    let failed = processed.iter().filter(|p| p.is_none()).count();
    let mut articles = Vec::with_capacity(processed.len() - failed);
    articles.extend(processed.into_iter().flatten());
    (articles, failed)
}

/// A copy allocated to size, so the spare capacity left by building the article is not held
/// through the corpus stage (−3 % resident memory at 100,000 articles).
fn compact(article: AnalyzedArticle) -> AnalyzedArticle {
    article.clone()
}

/// Fits the article–event similarity model on a labelled corpus: the weights on pairs of
/// its documents, the join threshold and split ratio by clustering it alone and together
/// with `distractors` (pages of no labelled event, each its own; see [`distractors`]). The
/// weights say how the signals tell look-alike events apart; the threshold must also keep
/// apart the unrelated articles a real stream holds and a labelled corpus does not.
pub fn train(mut docs: Vec<GoldDoc>, mut distractors: Vec<GoldDoc>, name: &str) -> Result<SimilarityModel, EvalError> {
    const NEGATIVES_PER_ARTICLE: usize = 3;
    // Split ratios tried, in twentieths: 0.10 to 0.50.
    const SPLIT_RATIOS: std::ops::RangeInclusive<u32> = 2..=10;
    if docs.is_empty() {
        return Err(EvalError::Empty(name.into()));
    }
    let (articles, _) = process(&mut docs);
    let (extra, _) = process(&mut distractors);
    let gold: BTreeMap<&str, &str> = docs.iter().chain(&distractors).map(|d| (d.id.as_str(), d.event.as_str())).collect();
    let mut label_ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut labels_of = |prepared: &storyline_pipeline::Prepared| -> Vec<usize> {
        prepared
            .articles
            .iter()
            .map(|a| {
                let event = gold.get(a.article.source.as_str()).copied().unwrap_or("");
                let next = label_ids.len();
                *label_ids.entry(event).or_insert(next)
            })
            .collect()
    };
    let with_distractors: Option<Vec<AnalyzedArticle>> = (!extra.is_empty()).then(|| articles.iter().cloned().chain(extra).collect());
    let labelled = storyline_pipeline::prepare(articles);
    let labelled_labels = labels_of(&labelled);
    let pairs = storyline_cluster::training_pairs(&labelled.features, &labelled.dates, &labelled_labels, NEGATIVES_PER_ARTICLE);
    // The corpora the threshold and ratio are chosen on: the labelled one as it is and, when
    // given, with its distractors; each counts alike.
    let mut corpora = vec![(labelled, labelled_labels)];
    if let Some(all) = with_distractors {
        let all = storyline_pipeline::prepare(all);
        let labels = labels_of(&all);
        corpora.push((all, labels));
    }
    let positives = pairs.iter().filter(|p| p.1).count();
    let mut model = SimilarityModel::fit(&pairs, "");
    // The join threshold and the split ratio: the pair that clusters the training corpora
    // best, by their mean BCubed F1 (chosen together, as the split pass undoes what a low
    // threshold merges).
    let mut best = (f64::MIN, model.threshold, model.split_ratio);
    for step in 1..=30 {
        for ratio in SPLIT_RATIOS {
            let (threshold, ratio) = (step as f64 * 0.02, f64::from(ratio) / 20.0);
            let config = Config { join_threshold: Some(threshold), split_ratio: Some(ratio), ..Config::with_model(model.clone()) };
            let f1 = corpora
                .iter()
                .map(|(prepared, labels)| {
                    let mut predicted = vec![usize::MAX; labels.len()];
                    for (e, cluster) in storyline_cluster::cluster_events(&prepared.features, &prepared.dates, &config).iter().enumerate() {
                        cluster.members.iter().for_each(|&m| predicted[m] = e);
                    }
                    bcubed(&predicted, labels).f1
                })
                .sum::<f64>()
                / corpora.len() as f64;
            if f1 > best.0 {
                best = (f1, threshold, ratio);
            }
        }
    }
    (model.threshold, model.split_ratio) = (best.1, best.2);
    model.trained_on = format!(
        "{name}: {} documents, {} pairs ({positives} positive, {NEGATIVES_PER_ARTICLE} hardest negatives per document); threshold {:.2}, split ratio {:.2} (training BCubed F1 {:.3})",
        docs.len(),
        pairs.len(),
        best.1,
        best.2,
        best.0
    );
    Ok(model)
}

/// Runs the pipeline on `docs` (see [`GoldDoc::clean`]) with `config` and scores its events: the
/// whole corpus at once, or with `stream` as a stream in news order taken in parts
/// ([`storyline_pipeline::stream`]).
pub fn evaluate(mut docs: Vec<GoldDoc>, config: &Config, stream: Option<&StreamLimits>) -> Result<EventScores, EvalError> {
    if docs.is_empty() {
        return Err(EvalError::Empty("corpus".into()));
    }
    let started = std::time::Instant::now();
    let (articles, failed) = process(&mut docs);
    let document_seconds = started.elapsed().as_secs_f64();
    // Each article's event by source (= gold id), and each event's date.
    let mut predicted: BTreeMap<String, String> = BTreeMap::new();
    let mut event_dates: BTreeMap<String, Option<String>> = BTreeMap::new();
    match stream {
        None => {
            let corpus = storyline_pipeline::build_corpus_with(articles, config);
            for (i, a) in corpus.articles.iter().enumerate() {
                if let Some(e) = corpus.event_of[i] {
                    predicted.insert(a.article.source.clone(), corpus.events[e].id.clone());
                }
            }
            event_dates.extend(corpus.events.iter().map(|e| (e.id.clone(), e.date.map(|d| d.to_string()))));
        }
        Some(limits) => {
            let mut keyed: Vec<_> = articles
                .into_iter()
                .map(|a| {
                    let date = storyline_pipeline::news_date(&a);
                    ((date.is_none(), date, a.article.order_in_day()), a)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            let stored: std::collections::HashMap<String, AnalyzedArticle> = keyed.iter().map(|(_, a)| (a.article.id.clone(), a.clone())).collect();
            let emit = |part: storyline_model::report::Report| {
                predicted.extend(part.articles.into_iter().filter_map(|a| Some((a.source, a.event?))));
                event_dates.extend(part.events.into_iter().map(|e| (e.id, e.date)));
                Ok::<_, std::convert::Infallible>(())
            };
            let Ok(_) = storyline_pipeline::stream::stream_corpus(keyed.into_iter().map(|(_, a)| Ok(a)), config, limits, emit, |id| Ok(stored.get(id).cloned()));
        }
    }
    let seconds = started.elapsed().as_secs_f64();

    let pred: Vec<String> = docs.iter().map(|d| predicted.get(d.id.as_str()).cloned().unwrap_or_else(|| format!("unassigned:{}", d.id))).collect();
    let gold: Vec<&str> = docs.iter().map(|d| d.event.as_str()).collect();
    let pred_refs: Vec<&str> = pred.iter().map(String::as_str).collect();

    let mut gold_dates: BTreeMap<&str, &str> = BTreeMap::new();
    for d in &docs {
        if let Some(date) = &d.event_date {
            gold_dates.insert(d.event.as_str(), date.as_str());
        }
    }
    let event_date_accuracy = (!gold_dates.is_empty()).then(|| {
        let right = gold_dates
            .iter()
            .filter(|(event, date)| {
                let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
                for (g, p) in gold.iter().zip(&pred_refs) {
                    if g == *event {
                        *votes.entry(p).or_default() += 1;
                    }
                }
                let majority = votes.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|(p, _)| p);
                majority.and_then(|p| event_dates.get(p).cloned().flatten()).is_some_and(|d| d == **date)
            })
            .count();
        right as f64 / gold_dates.len() as f64
    });

    let distinct = |labels: &[&str]| labels.iter().collect::<std::collections::BTreeSet<_>>().len();
    Ok(EventScores {
        documents: docs.len(),
        gold_events: distinct(&gold),
        predicted_events: distinct(&pred_refs),
        failed,
        bcubed: bcubed(&pred_refs, &gold),
        pairwise: pairwise(&pred_refs, &gold),
        ami: ami(&pred_refs, &gold),
        event_date_accuracy,
        seconds,
        document_seconds,
        assignments: docs.iter().zip(&pred).map(|(d, p)| (d.id.clone(), d.event.clone(), p.clone())).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenizes_ptb_text() {
        assert_eq!(detokenize("`` We appreciate it , '' her rep told People .\nThe party 's end ."), "\"We appreciate it,\" her rep told People.\nThe party's end.\n");
    }

    #[test]
    fn compacting_keeps_the_article_without_spare_capacity() {
        let raw = RawDocument { source: "a".into(), content: Content::CleanText("Rescuers reached Izmir on Wednesday.".into()), meta: GivenMeta::default() };
        let mut article = storyline_pipeline::process_document(&raw).unwrap();
        let expected = article.clone();
        article.analysis.sentences.reserve(100);
        let compacted = compact(article);
        assert_eq!(compacted, expected);
        assert_eq!(compacted.analysis.sentences.capacity(), compacted.analysis.sentences.len());
    }

    #[test]
    fn loads_jsonl_line_by_line() {
        let path = std::env::temp_dir().join(format!("storyline-events-{}.jsonl", std::process::id()));
        std::fs::write(&path, "{\"id\":\"a\",\"text\":\"x\",\"event\":\"e\"}\r\n\n{\"id\":\"b\",\"title\":\"y\",\"event\":\"e\"}\n{bad\n").unwrap();
        let err = load_jsonl(&path).unwrap_err().to_string();
        assert!(err.contains("line 4"), "{err}");
        std::fs::write(&path, "{\"id\":\"a\",\"text\":\"x\",\"event\":\"e\"}\r\n\n{\"id\":\"b\",\"title\":\"y\",\"event\":\"e\",\"clean\":true}").unwrap();
        let docs = load_jsonl(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(docs[0].text.as_deref(), Some("x"));
        // Scraped text unless marked clean; the mark survives a round trip.
        assert_eq!((docs[0].clean, docs[1].clean), (false, true));
        let line = serde_json::to_string(&docs[1]).unwrap();
        assert!(serde_json::from_str::<GoldDoc>(&line).unwrap().clean, "{line}");
    }

    #[test]
    fn clusters_a_small_labelled_corpus() {
        let doc = |id: &str, text: &str, event: &str| GoldDoc {
            id: id.into(),
            title: None,
            text: Some(text.into()),
            published: Some("2024-05-01".into()),
            event: event.into(),
            event_date: Some("2024-05-01".into()),
            clean: false,
        };
        let docs = vec![
            doc("a", "A strong earthquake struck Izmir on Wednesday, toppling buildings and killing 20 people, rescuers said.", "quake"),
            doc("b", "Rescuers searched the rubble of buildings toppled by the Izmir earthquake that killed 20 people on Wednesday.", "quake"),
            doc("c", "The central bank raised interest rates by half a point on Wednesday to fight inflation, the bank said.", "rates"),
        ];
        let scores = evaluate(docs.clone(), &Config::default(), None).unwrap();
        let streamed = evaluate(docs, &Config::default(), Some(&StreamLimits::articles(1))).unwrap();
        assert_eq!(streamed.bcubed.f1, 1.0, "{:?}", streamed.assignments);
        assert_eq!(scores.failed, 0);
        assert_eq!(scores.bcubed.f1, 1.0, "{:?}", scores.assignments);
        assert_eq!(scores.event_date_accuracy, Some(1.0));
    }

    #[test]
    fn distractors_are_each_their_own_event_and_set_the_threshold_not_the_weights() {
        let page = |source: &str, text: &str| RawDocument { source: source.into(), content: Content::Text(text.into()), meta: GivenMeta::default() };
        let pages = vec![
            page("p1", "The city council approved a new budget for parks and libraries after a long debate on Monday."),
            page("p2", "Ten tips for growing tomatoes on a balcony: water often, feed weekly and pick them early."),
            page("empty", ""),
        ];
        let distractors = distractors(pages);
        let mut events: Vec<&str> = distractors.iter().map(|d| d.event.as_str()).collect();
        events.sort();
        assert_eq!(events, ["distractor:p1", "distractor:p2"]);
        assert!(distractors.iter().all(|d| d.clean && d.text.as_deref().is_some_and(|t| !t.is_empty())));

        let doc = |id: &str, text: &str, event: &str| GoldDoc { id: id.into(), title: None, text: Some(text.into()), published: None, event: event.into(), event_date: None, clean: true };
        let docs = vec![
            doc("a", "A strong earthquake struck Izmir, toppling buildings and killing 20 people, rescuers said.", "quake"),
            doc("b", "Rescuers searched the rubble of buildings toppled by the Izmir earthquake that killed 20 people.", "quake"),
            doc("c", "The central bank raised interest rates by half a point to fight inflation, the bank said.", "rates"),
            doc("d", "Inflation pushed the central bank to raise interest rates by half a point, it said.", "rates"),
        ];
        let alone = train(docs.clone(), Vec::new(), "test").unwrap();
        let with = train(docs, distractors, "test").unwrap();
        assert_eq!(alone.weights, with.weights, "the weights come from the labelled pairs alone");
    }
}
