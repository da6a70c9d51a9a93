//! Article extraction against labelled pages (`storyline eval extract`).
//!
//! - **AEB** (Article Extraction Benchmark): `html/<id>.html.gz` and `ground-truth.json`
//!   (id → `{articleBody, url}`). Scored exactly as the benchmark (and
//!   `score_aeb.py`) does: per page, 4-token shingles of `\w+` tokens with multiplicity;
//!   tp/fp/fn normalised by their sum; precision is the mean over pages with tp+fp > 0,
//!   recall the mean over pages with tp+fn > 0, F1 = 2PR/(P+R).
//! - **WCXB** (article pages): `html/<id>.html.gz` and `ground-truth/<id>.json`. Body word F1
//!   (lower-cased `\w+` multisets) per page, averaged; title, author and publication date
//!   exact match after normalising case and punctuation (dates to the day), over the pages
//!   whose gold has the field.
//!
//! - **Text-only** (`--text-only`, either corpus): each page becomes the visible text a text
//!   scraper saves ([`visible_text`](crate::visible_text)), given to `extract` as
//!   `Content::Text`, the path of `.txt` inputs (the scraped-text cleaner); scored as above.
//!
//! Speed is the time of the extraction call alone, one page after another on one thread.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;
use storyline_ingest::{Input, Limits};
use storyline_model::{Content, RawDocument};

#[derive(Debug, thiserror::Error)]
pub enum ExtractEvalError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{0}: no labelled pages")]
    Empty(String),
}

fn io_err(path: &Path, source: std::io::Error) -> ExtractEvalError {
    ExtractEvalError::Io { path: path.display().to_string(), source }
}

/// Which extractor to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extractor {
    /// `storyline_extract::extract`, as `ingest` uses it.
    Storyline,
    /// `dom_smoothie` alone: its own `text_content` and metadata, no cleaner.
    DomSmoothie,
    /// The input text as it is (the text-only benchmark's baseline: the whole page's text).
    WholeText,
}

impl Extractor {
    pub fn name(self) -> &'static str {
        match self {
            Self::Storyline => "storyline",
            Self::DomSmoothie => "dom_smoothie",
            Self::WholeText => "whole_text",
        }
    }
}

/// What an extractor made of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prediction {
    pub body: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD…` as the extractor gives it.
    pub published: Option<String>,
    /// Why extraction failed, if it did (the body is then empty).
    pub error: Option<String>,
}

/// Runs `extractor` on one document.
pub fn predict(extractor: Extractor, doc: &RawDocument) -> Prediction {
    match extractor {
        Extractor::Storyline => match storyline_extract::extract(doc) {
            Ok(a) => Prediction {
                published: a.published_at.clone().or_else(|| a.published.map(|d| d.to_string())),
                body: a.body,
                title: a.title,
                authors: a.authors,
                error: None,
            },
            Err(e) => Prediction { error: Some(e.to_string()), ..Prediction::default() },
        },
        Extractor::DomSmoothie => {
            let html = match &doc.content {
                Content::Html(h) => h.as_str(),
                Content::Text(t) | Content::CleanText(t) => t.as_str(),
            };
            match storyline_extract::dom_smoothie_baseline(html) {
                Some(b) => Prediction {
                    body: b.text,
                    title: b.title,
                    authors: b.byline.into_iter().collect(),
                    published: b.published,
                    error: None,
                },
                None => Prediction { error: Some("no article found".into()), ..Prediction::default() },
            }
        }
        Extractor::WholeText => match &doc.content {
            Content::Html(t) | Content::Text(t) | Content::CleanText(t) => Prediction { body: t.clone(), ..Prediction::default() },
        },
    }
}

/// The document as a text scraper would have saved it: the page's visible text
/// ([`visible_text`](crate::visible_text::visible_text)) as `Content::Text`, the path to the
/// text cleaner. Documents that are text already stay as they are.
pub fn as_scraped_text(doc: &RawDocument) -> RawDocument {
    match &doc.content {
        Content::Html(h) => RawDocument { content: Content::Text(crate::visible_text::visible_text(h)), ..doc.clone() },
        Content::Text(_) | Content::CleanText(_) => doc.clone(),
    }
}

/// Runs `extractor` on every document, one after another, timing the extraction alone.
/// With `passes` > 1 the whole set is extracted that many times and each document's time is
/// the median of its passes (steadier on a busy machine); predictions come from the first.
/// Returns the predictions and each document's seconds (0 for unreadable ones).
pub fn predict_all(extractor: Extractor, docs: &[Option<RawDocument>], passes: usize) -> (Vec<Prediction>, Vec<f64>) {
    let mut out = Vec::with_capacity(docs.len());
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(passes.max(1)); docs.len()];
    for pass in 0..passes.max(1) {
        for (doc, doc_times) in docs.iter().zip(&mut times) {
            let Some(doc) = doc else {
                if pass == 0 {
                    out.push(Prediction { error: Some("unreadable page".into()), ..Prediction::default() });
                }
                continue;
            };
            let start = Instant::now();
            let p = predict(extractor, doc);
            doc_times.push(start.elapsed().as_secs_f64());
            if pass == 0 {
                out.push(p);
            }
        }
    }
    (out, times.into_iter().map(median).collect())
}

/// The median of some timings (0 for none).
fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    match xs.len() {
        0 => 0.0,
        n if n % 2 == 1 => xs[n / 2],
        n => (xs[n / 2 - 1] + xs[n / 2]) / 2.0,
    }
}

/// Reads one page with the same reader `ingest` uses (gzip, charset decoding).
fn read_page(path: &Path) -> Result<RawDocument, String> {
    let input = Input::file(path).map_err(|e| e.to_string())?;
    let records = storyline_ingest::read_input(&input, &Limits::default()).map_err(|e| e.to_string())?;
    records.into_iter().next().ok_or_else(|| "no document".to_string())?.map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------
// Tokens and the AEB metric

/// `\w+` tokens as Python's `re` finds them in a `str`: runs of alphanumeric characters
/// and `_`.
pub fn word_tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The shingles of a token list with their counts: every run of 4 consecutive tokens, or
/// the whole list when it is shorter (as the benchmark's scorer does).
fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], u32> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        out.insert(tokens, 1);
        return out;
    }
    for w in tokens.windows(4) {
        *out.entry(w).or_insert(0) += 1;
    }
    out
}

/// One page's true positives, false positives and false negatives, normalised by their sum
/// (all zero when both texts have no tokens).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PageCounts {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl PageCounts {
    /// The benchmark's per-page precision: 1 when nothing is wrong, 0 when nothing is right.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
}

/// Shingle counts of one predicted body against the true one.
pub fn aeb_page(truth: &str, predicted: &str) -> PageCounts {
    let (t, p) = (word_tokens(truth), word_tokens(predicted));
    let (a, b) = (shingles(&t), shingles(&p));
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (k, &na) in &a {
        let nb = b.get(k).copied().unwrap_or(0);
        tp += u64::from(na.min(nb));
        fn_ += u64::from(na.saturating_sub(nb));
    }
    for (k, &nb) in &b {
        fp += u64::from(nb.saturating_sub(a.get(k).copied().unwrap_or(0)));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return PageCounts::default();
    }
    PageCounts { tp: tp as f64 / sum, fp: fp as f64 / sum, fn_: fn_ as f64 / sum }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The benchmark's aggregate: mean precision over pages with tp+fp > 0, mean recall over
/// pages with tp+fn > 0.
pub fn aeb_aggregate(pages: &[PageCounts]) -> Prf {
    let mean = |xs: Vec<f64>| if xs.is_empty() { 0.0 } else { xs.iter().sum::<f64>() / xs.len() as f64 };
    let precision = mean(pages.iter().filter(|c| c.tp + c.fp > 0.0).map(PageCounts::precision).collect());
    let recall = mean(pages.iter().filter(|c| c.tp + c.fn_ > 0.0).map(PageCounts::recall).collect());
    Prf { precision, recall, f1: f1(precision, recall) }
}

// ---------------------------------------------------------------------------------------
// AEB

/// Replaces a page's document by its scraped text ([`as_scraped_text`]), in place.
pub fn to_scraped_text(doc: &mut Option<RawDocument>) {
    *doc = doc.as_ref().map(as_scraped_text);
}

/// One AEB page: its id, the document (`None` if unreadable) and the true body.
#[derive(Debug, Clone)]
pub struct AebPage {
    pub id: String,
    pub doc: Option<RawDocument>,
    pub truth: String,
}

/// Loads `DIR/ground-truth.json` and `DIR/html/<id>.html.gz` (or `.html`).
pub fn load_aeb(dir: &Path) -> Result<Vec<AebPage>, ExtractEvalError> {
    let gt_path = dir.join("ground-truth.json");
    let text = std::fs::read_to_string(&gt_path).map_err(|e| io_err(&gt_path, e))?;
    let gt: BTreeMap<String, Value> = serde_json::from_str(&text)
        .map_err(|e| ExtractEvalError::Parse { path: gt_path.display().to_string(), message: e.to_string() })?;
    if gt.is_empty() {
        return Err(ExtractEvalError::Empty(gt_path.display().to_string()));
    }
    Ok(gt
        .into_iter()
        .map(|(id, v)| {
            let truth = v.get("articleBody").and_then(Value::as_str).unwrap_or_default().to_string();
            let doc = page_path(&dir.join("html"), &id).and_then(|p| read_page(&p).ok());
            AebPage { id, doc, truth }
        })
        .collect())
}

/// `DIR/<id>.html.gz`, else `DIR/<id>.html`.
fn page_path(dir: &Path, id: &str) -> Option<PathBuf> {
    [format!("{id}.html.gz"), format!("{id}.html")].into_iter().map(|n| dir.join(n)).find(|p| p.exists())
}

/// One page's outcome.
#[derive(Debug, Clone)]
pub struct AebPageResult {
    pub id: String,
    pub counts: PageCounts,
    pub truth_tokens: usize,
    pub predicted_tokens: usize,
    pub error: Option<String>,
    /// Seconds spent extracting the page.
    pub seconds: f64,
}

/// A whole AEB run.
#[derive(Debug, Clone)]
pub struct AebRun {
    pub extractor: Extractor,
    pub score: Prf,
    pub pages: Vec<AebPageResult>,
    pub predictions: Vec<(String, Prediction)>,
    /// Seconds spent in the extractor (single thread).
    pub extract_secs: f64,
    pub failed: usize,
}

impl AebRun {
    /// Pages per second on one core.
    pub fn pages_per_sec(&self) -> f64 {
        if self.extract_secs > 0.0 { self.pages.len() as f64 / self.extract_secs } else { 0.0 }
    }
}

/// Scores `extractor` on the AEB pages, timing it over `passes` passes (see [`predict_all`]).
pub fn run_aeb(pages: &[AebPage], extractor: Extractor, passes: usize) -> AebRun {
    let docs: Vec<Option<RawDocument>> = pages.iter().map(|p| p.doc.clone()).collect();
    let (predictions, seconds) = predict_all(extractor, &docs, passes);
    let results: Vec<AebPageResult> = pages
        .iter()
        .zip(&predictions)
        .zip(&seconds)
        .map(|((page, pred), &seconds)| AebPageResult {
            id: page.id.clone(),
            counts: aeb_page(&page.truth, &pred.body),
            truth_tokens: word_tokens(&page.truth).len(),
            predicted_tokens: word_tokens(&pred.body).len(),
            error: pred.error.clone(),
            seconds,
        })
        .collect();
    let counts: Vec<PageCounts> = results.iter().map(|r| r.counts).collect();
    AebRun {
        extractor,
        score: aeb_aggregate(&counts),
        failed: results.iter().filter(|r| r.error.is_some()).count(),
        pages: results,
        predictions: pages.iter().map(|p| p.id.clone()).zip(predictions).collect(),
        extract_secs: seconds.iter().sum(),
    }
}

/// Per-page scores as TSV: `id tp fp fn precision recall f1 truth_tokens predicted_tokens ms error`,
/// worst F1 first (`ms`: milliseconds spent extracting the page).
pub fn write_aeb_tsv(run: &AebRun, mut w: impl Write) -> std::io::Result<()> {
    writeln!(w, "id\ttp\tfp\tfn\tprecision\trecall\tf1\ttruth_tokens\tpredicted_tokens\tms\terror")?;
    let mut rows: Vec<&AebPageResult> = run.pages.iter().collect();
    rows.sort_by(|a, b| a.counts.f1().total_cmp(&b.counts.f1()).then_with(|| a.id.cmp(&b.id)));
    for r in rows {
        let c = r.counts;
        writeln!(
            w,
            "{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{:.3}\t{}",
            r.id,
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1(),
            r.truth_tokens,
            r.predicted_tokens,
            r.seconds * 1e3,
            r.error.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}

/// Predictions in the benchmark's format (`{id: {"articleBody": …}}`), for `score_aeb.py`.
pub fn predictions_json(predictions: &[(String, Prediction)]) -> Value {
    let map: serde_json::Map<String, Value> = predictions
        .iter()
        .map(|(id, p)| (id.clone(), serde_json::json!({ "articleBody": p.body })))
        .collect();
    Value::Object(map)
}

// ---------------------------------------------------------------------------------------
// WCXB

/// One WCXB page with its gold.
#[derive(Debug, Clone)]
pub struct WcxbPage {
    pub id: String,
    pub doc: Option<RawDocument>,
    pub body: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// Loads `DIR/ground-truth/<id>.json` and `DIR/html/<id>.html.gz`.
pub fn load_wcxb(dir: &Path) -> Result<Vec<WcxbPage>, ExtractEvalError> {
    let gt_dir = dir.join("ground-truth");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&gt_dir)
        .map_err(|e| io_err(&gt_dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let mut pages = Vec::new();
    for path in names {
        let text = std::fs::read_to_string(&path).map_err(|e| io_err(&path, e))?;
        let v: Value = serde_json::from_str(&text)
            .map_err(|e| ExtractEvalError::Parse { path: path.display().to_string(), message: e.to_string() })?;
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let gt = &v["ground_truth"];
        let field = |k: &str| gt.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let mut doc = page_path(&dir.join("html"), &id).and_then(|p| read_page(&p).ok());
        if let (Some(d), Some(url)) = (doc.as_mut(), v.get("url").and_then(Value::as_str)) {
            // The crawler knows the URL it fetched, as a WARC record would.
            d.meta.url = Some(url.to_string());
        }
        pages.push(WcxbPage {
            id,
            doc,
            body: field("main_content").unwrap_or_default(),
            title: field("title"),
            author: field("author"),
            date: field("publish_date"),
        });
    }
    if pages.is_empty() {
        return Err(ExtractEvalError::Empty(gt_dir.display().to_string()));
    }
    Ok(pages)
}

/// Word-level F1 of two texts: lower-cased `\w+` tokens as multisets.
pub fn word_f1(truth: &str, predicted: &str) -> f64 {
    let count = |s: &str| {
        let lower = s.to_lowercase();
        let mut m: HashMap<String, u32> = HashMap::new();
        for t in word_tokens(&lower) {
            *m.entry(t.to_string()).or_insert(0) += 1;
        }
        m
    };
    let (a, b) = (count(truth), count(predicted));
    let (na, nb): (u32, u32) = (a.values().sum(), b.values().sum());
    if na == 0 && nb == 0 {
        return 1.0;
    }
    let common: u32 = a.iter().map(|(k, &n)| n.min(b.get(k).copied().unwrap_or(0))).sum();
    if common == 0 {
        return 0.0;
    }
    f1(f64::from(common) / f64::from(nb), f64::from(common) / f64::from(na))
}

/// Case and punctuation folded away: lower-case words joined by single spaces.
pub fn norm_meta(s: &str) -> String {
    let lower = s.to_lowercase();
    word_tokens(&lower).join(" ")
}

/// Author names as a sorted set, each normalised; lists split at `,`, `;`, `&`, `|` and " and ".
pub fn author_set(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = names
        .iter()
        .flat_map(|n| {
            n.split([',', ';', '&', '|', '\n'])
                .flat_map(|p| p.split(" and "))
                .map(norm_meta)
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Hits and the number of pages whose gold has the field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub hits: usize,
    pub total: usize,
}

impl Accuracy {
    pub fn rate(&self) -> f64 {
        if self.total == 0 { 0.0 } else { self.hits as f64 / self.total as f64 }
    }
    fn add(&mut self, gold: bool, hit: bool) {
        if gold {
            self.total += 1;
            self.hits += usize::from(hit);
        }
    }
}

/// One WCXB page's outcome.
#[derive(Debug, Clone)]
pub struct WcxbPageResult {
    pub id: String,
    pub body_f1: f64,
    /// (gold, predicted, hit) for title, author and date; `None` when the gold lacks it.
    pub title: Option<(String, String, bool)>,
    pub author: Option<(String, String, bool)>,
    pub date: Option<(String, String, bool)>,
    pub error: Option<String>,
    /// Seconds spent extracting the page.
    pub seconds: f64,
}

/// A whole WCXB run.
#[derive(Debug, Clone)]
pub struct WcxbRun {
    pub extractor: Extractor,
    pub body_f1: f64,
    pub title: Accuracy,
    pub author: Accuracy,
    pub date: Accuracy,
    pub pages: Vec<WcxbPageResult>,
    pub extract_secs: f64,
    pub failed: usize,
}

impl WcxbRun {
    pub fn pages_per_sec(&self) -> f64 {
        if self.extract_secs > 0.0 { self.pages.len() as f64 / self.extract_secs } else { 0.0 }
    }
}

/// The day of a date or timestamp as given (`2024-06-20T…` → `2024-06-20`), parsed leniently.
fn day_of(s: &str) -> String {
    storyline_extract::parse_date(s).map(|d| d.to_string()).unwrap_or_else(|| s.trim().to_string())
}

/// Scores `extractor` on the WCXB pages, timing it over `passes` passes (see [`predict_all`]).
pub fn run_wcxb(pages: &[WcxbPage], extractor: Extractor, passes: usize) -> WcxbRun {
    let docs: Vec<Option<RawDocument>> = pages.iter().map(|p| p.doc.clone()).collect();
    let (predictions, seconds) = predict_all(extractor, &docs, passes);
    let (mut title, mut author, mut date) = (Accuracy::default(), Accuracy::default(), Accuracy::default());
    let mut results = Vec::new();
    let mut f1_sum = 0.0;
    for ((page, pred), &seconds) in pages.iter().zip(&predictions).zip(&seconds) {
        let body_f1 = word_f1(&page.body, &pred.body);
        f1_sum += body_f1;
        let t = page.title.as_ref().map(|g| {
            let p = pred.title.clone().unwrap_or_default();
            let hit = norm_meta(g) == norm_meta(&p);
            (g.clone(), p, hit)
        });
        let a = page.author.as_ref().map(|g| {
            let p = pred.authors.join("; ");
            let hit = author_set(std::slice::from_ref(g)) == author_set(&pred.authors);
            (g.clone(), p, hit)
        });
        let d = page.date.as_ref().map(|g| {
            let p = pred.published.as_deref().map(day_of).unwrap_or_default();
            let hit = day_of(g) == p;
            (g.clone(), p, hit)
        });
        title.add(t.is_some(), t.as_ref().is_some_and(|x| x.2));
        author.add(a.is_some(), a.as_ref().is_some_and(|x| x.2));
        date.add(d.is_some(), d.as_ref().is_some_and(|x| x.2));
        results.push(WcxbPageResult {
            id: page.id.clone(),
            body_f1,
            title: t,
            author: a,
            date: d,
            error: pred.error.clone(),
            seconds,
        });
    }
    WcxbRun {
        extractor,
        body_f1: if pages.is_empty() { 0.0 } else { f1_sum / pages.len() as f64 },
        title,
        author,
        date,
        failed: results.iter().filter(|r| r.error.is_some()).count(),
        pages: results,
        extract_secs: seconds.iter().sum(),
    }
}

/// Per-page WCXB results as TSV, worst body F1 first; metadata columns are `ok`/`miss`
/// with the gold and predicted values; `ms` is the milliseconds spent extracting the page.
pub fn write_wcxb_tsv(run: &WcxbRun, mut w: impl Write) -> std::io::Result<()> {
    writeln!(w, "id\tbody_f1\ttitle\tgold_title\tpred_title\tauthor\tgold_author\tpred_author\tdate\tgold_date\tpred_date\tms\terror")?;
    let mut rows: Vec<&WcxbPageResult> = run.pages.iter().collect();
    rows.sort_by(|a, b| a.body_f1.total_cmp(&b.body_f1).then_with(|| a.id.cmp(&b.id)));
    let cell = |f: &Option<(String, String, bool)>| match f {
        None => "-\t\t".to_string(),
        Some((g, p, hit)) => format!("{}\t{}\t{}", if *hit { "ok" } else { "miss" }, clean_cell(g), clean_cell(p)),
    };
    for r in rows {
        writeln!(
            w,
            "{}\t{:.4}\t{}\t{}\t{}\t{:.3}\t{}",
            r.id,
            r.body_f1,
            cell(&r.title),
            cell(&r.author),
            cell(&r.date),
            r.seconds * 1e3,
            r.error.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}

fn clean_cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_python_word_runs() {
        assert_eq!(word_tokens("Hello, wörld_1 — x2!"), ["Hello", "wörld_1", "x2"]);
        assert_eq!(word_tokens(""), Vec::<&str>::new());
        assert_eq!(word_tokens("日本 語"), ["日本", "語"]);
    }

    /// Hand-computed: truth "a b c d e" has shingles {abcd, bcde}; prediction "a b c d x y"
    /// has {abcd, bcdx, cdxy}. tp = 1, fp = 2, fn = 1, sum 4 → (0.25, 0.5, 0.25);
    /// precision 1/3, recall 1/2.
    #[test]
    fn medians() {
        assert_eq!(median(vec![]), 0.0);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn passes_time_every_page_and_predict_once() {
        let doc = |text: &str| RawDocument { source: "t".into(), content: Content::Text(text.into()), meta: Default::default() };
        let docs = [Some(doc("The council met on Monday. It voted to build a bridge over the river.")), None];
        let (predictions, seconds) = predict_all(Extractor::Storyline, &docs, 3);
        assert_eq!(predictions.len(), 2);
        assert!(predictions[0].body.contains("bridge"));
        assert_eq!(predictions[1].error.as_deref(), Some("unreadable page"));
        assert!(seconds[0] > 0.0);
        assert_eq!(seconds[1], 0.0);
    }

    #[test]
    fn aeb_page_by_hand() {
        let c = aeb_page("a b c d e", "a b c d x y");
        assert_eq!(c, PageCounts { tp: 0.25, fp: 0.5, fn_: 0.25 });
        assert!((c.precision() - 1.0 / 3.0).abs() < 1e-12);
        assert!((c.recall() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn aeb_short_texts_and_multiplicity() {
        // Fewer than four tokens: the whole list is one shingle.
        assert_eq!(aeb_page("a b", "a b"), PageCounts { tp: 1.0, fp: 0.0, fn_: 0.0 });
        // "a a a a a" has the shingle (a,a,a,a) twice; predicting it once misses one.
        let c = aeb_page("a a a a a", "a a a a");
        assert_eq!(c, PageCounts { tp: 0.5, fp: 0.0, fn_: 0.5 });
        // Nothing predicted: precision is not counted, recall is 0.
        let empty = aeb_page("a b c d", "");
        assert_eq!(empty, PageCounts { tp: 0.0, fp: 0.0, fn_: 1.0 });
        assert_eq!(aeb_page("", ""), PageCounts::default());
    }

    /// Two pages: a perfect one, and one with P = 1/3, R = 1/2; a third predicted nothing
    /// (counts in recall only). P = (1 + 1/3)/2 = 2/3, R = (1 + 1/2 + 0)/3 = 1/2,
    /// F1 = 2·(2/3)(1/2)/(2/3 + 1/2) = 4/7.
    #[test]
    fn aeb_aggregate_by_hand() {
        let pages = [aeb_page("a b c d e", "a b c d e"), aeb_page("a b c d e", "a b c d x y"), aeb_page("a b c d", "")];
        let s = aeb_aggregate(&pages);
        assert!((s.precision - 2.0 / 3.0).abs() < 1e-12, "{s:?}");
        assert!((s.recall - 0.5).abs() < 1e-12, "{s:?}");
        assert!((s.f1 - 4.0 / 7.0).abs() < 1e-12, "{s:?}");
    }

    /// Truth {the:2, cat:1, sat:1}, prediction {the:1, cat:1, ran:1}: common 2, P 2/3, R 2/4,
    /// F1 = 2·(2/3)(1/2)/(7/6) = 4/7.
    #[test]
    fn word_f1_by_hand() {
        assert!((word_f1("The cat sat, the!", "the CAT ran") - word_f1("the cat sat the", "the cat ran")).abs() < 1e-12);
        assert!((word_f1("the cat sat the", "the cat ran") - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(word_f1("", ""), 1.0);
        assert_eq!(word_f1("a", ""), 0.0);
    }

    #[test]
    fn text_only_documents_go_to_the_text_cleaner() {
        let html = "<html><body><nav>Home</nav><p>The council approved the budget on Monday after a long debate.</p></body></html>";
        let doc = RawDocument { source: "p.html".into(), content: Content::Html(html.into()), meta: Default::default() };
        let text = as_scraped_text(&doc);
        assert_eq!(text.content, Content::Text("Home\nThe council approved the budget on Monday after a long debate.".into()));
        assert_eq!(as_scraped_text(&text), text);
        assert_eq!(predict(Extractor::WholeText, &text).body, "Home\nThe council approved the budget on Monday after a long debate.");
        assert_eq!(predict(Extractor::Storyline, &text).body, "The council approved the budget on Monday after a long debate.");
    }

    #[test]
    fn metadata_normalisation() {
        assert_eq!(norm_meta("  The Title: A Story! "), "the title a story");
        assert_eq!(author_set(&["Ann Lee, Bo Chan and Cy Dee".into()]), author_set(&["Bo Chan".into(), "ann lee".into(), "Cy Dee".into()]));
        assert_eq!(day_of("2024-06-20T08:00:00+02:00"), "2024-06-20");
    }
}
