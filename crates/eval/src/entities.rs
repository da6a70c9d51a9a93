//! Named-entity evaluation: exact-span, type-matched precision/recall/F1 per type and
//! overall, on token-annotated corpora (CoNLL-2003 IOB, GUM news name spans).
//!
//! Gold corpora are tokenised; the recogniser reads running text. Each document's tokens are
//! detokenised ([`detokenize`]) into a body (one sentence a line) whose byte offsets per token
//! are kept, gold spans become byte spans of that body, and every predicted span is snapped
//! to the tokens it touches before it is compared (a prediction that starts or ends inside a
//! token covers that token).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Instant;

use serde::Serialize;
use storyline_model::EntityKind;

use crate::metrics::Prf;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("reading {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}:{line}: {message}")]
    Parse { path: String, line: usize, message: String },
    #[error("no documents in {0}")]
    Empty(String),
}

pub(crate) fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Io { path: path.display().to_string(), source })
}

/// A gold or predicted mention: a byte span of the document body and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Labeled {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// A document of a gold corpus, detokenised.
#[derive(Debug, Clone)]
pub struct EntityDoc {
    pub id: String,
    pub body: String,
    /// Byte span of every token in `body`, in order.
    pub tokens: Vec<(usize, usize)>,
    pub gold: Vec<Labeled>,
}

/// Joins tokens into running text, one sentence a line, with the spacing of ordinary prose
/// ("Japan 's" → "Japan's", "( Sweden )" → "(Sweden)"). Returns the text and each token's
/// byte span.
pub fn detokenize(sentences: &[Vec<&str>]) -> (String, Vec<(usize, usize)>) {
    detokenize_with(sentences, false)
}

/// Function words that follow a dash used as punctuation ("wheat - or", "schools - was").
const AFTER_DASH: &[&str] = &["a", "an", "the", "and", "or", "but", "in", "on", "at", "to", "of", "for", "with", "we", "he", "she", "it", "they", "was", "were", "is", "are", "which", "where", "who", "that", "this", "alone"];

/// [`detokenize`]; with `hyphens`, for corpora that split hyphenated words into three tokens
/// (GUM: "Chung - tai", "well - known"), a "-" between two words joins them unless a function
/// word follows it (a dash: "schools - was").
pub fn detokenize_with(sentences: &[Vec<&str>], hyphens: bool) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for sentence in sentences {
        let mut no_space_next = true;
        let mut open_quote = false;
        for (i, tok) in sentence.iter().enumerate() {
            let word = |t: Option<&&str>| t.is_some_and(|t| t.chars().all(char::is_alphanumeric) && !t.is_empty());
            let hyphen = hyphens && *tok == "-" && i > 0 && word(sentence.get(i - 1)) && word(sentence.get(i + 1)) && !sentence.get(i + 1).is_some_and(|n| AFTER_DASH.iter().any(|w| w.eq_ignore_ascii_case(n)));
            let is_quote = matches!(*tok, "\"" | "''" | "``");
            let attach_left = if is_quote {
                open_quote // a closing quote
            } else {
                hyphen
                    || matches!(*tok, "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "n't" | "'")
                    || tok.starts_with('\'') && tok.len() <= 3 && tok.chars().skip(1).all(char::is_alphabetic) && !tok[1..].is_empty()
            };
            if !text.is_empty() && !no_space_next && !attach_left && !text.ends_with('\n') {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(tok);
            spans.push((start, text.len()));
            no_space_next = hyphen || matches!(*tok, "(" | "[" | "{" | "$") || (is_quote && !open_quote);
            if is_quote {
                open_quote = !open_quote;
            }
        }
        text.push('\n');
    }
    (text, spans)
}

fn conll_kind(tag: &str) -> EntityKind {
    match tag {
        "PER" => EntityKind::Person,
        "ORG" => EntityKind::Organization,
        "LOC" => EntityKind::Location,
        _ => EntityKind::Other,
    }
}

/// Whether a sentence is a Reuters dateline ("ROME 1996-12-06", "TIGNES , France 1996-12-06").
fn is_dateline(sentence: &[(String, String)]) -> bool {
    sentence.len() <= 10
        && sentence.last().is_some_and(|(w, _)| {
            let b = w.as_bytes();
            b.len() == 10 && b[4] == b'-' && b[7] == b'-' && w.chars().filter(char::is_ascii_digit).count() == 8
        })
}

fn is_shouted(sentence: &[(String, String)]) -> bool {
    let letters: Vec<char> = sentence.iter().flat_map(|(w, _)| w.chars()).filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// CoNLL-2003 (`TOKEN POS CHUNK NER` per line, IOB1 or IOB2 tags, blank lines between
/// sentences). Documents are cut at `-DOCSTART-` lines when present, else before each
/// story's headline: the capitalised line (and optional byline) before a dateline.
pub fn load_conll(path: &Path) -> Result<Vec<EntityDoc>, LoadError> {
    let raw = read(path)?;
    // Sentences of (token, tag); `None` marks a DOCSTART.
    let mut sentences: Vec<Option<Vec<(String, String)>>> = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            if !cur.is_empty() {
                sentences.push(Some(std::mem::take(&mut cur)));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.first() == Some(&"-DOCSTART-") {
            if !cur.is_empty() {
                sentences.push(Some(std::mem::take(&mut cur)));
            }
            sentences.push(None);
            continue;
        }
        let (Some(tok), Some(tag)) = (cols.first(), cols.last()) else { continue };
        if cols.len() < 2 {
            return Err(LoadError::Parse { path: path.display().to_string(), line: i + 1, message: "expected a token and a tag".into() });
        }
        cur.push(((*tok).to_string(), (*tag).to_string()));
    }
    if !cur.is_empty() {
        sentences.push(Some(cur));
    }
    let has_docstart = sentences.iter().any(Option::is_none);
    // Document boundaries (indices into `sentences` where a document starts).
    let mut starts: Vec<usize> = vec![0];
    if has_docstart {
        starts.extend(sentences.iter().enumerate().filter(|(_, s)| s.is_none()).map(|(i, _)| i));
    } else {
        for i in 0..sentences.len() {
            let Some(Some(s)) = sentences.get(i) else { continue };
            if !is_dateline(s) || i == 0 {
                continue;
            }
            // Headline right before, or headline + byline.
            let back = |k: usize| sentences.get(k).and_then(|s| s.as_ref());
            let start = if i >= 2 && back(i - 2).is_some_and(|h| is_shouted(h)) && !back(i - 1).is_some_and(|h| is_shouted(h)) {
                i - 2
            } else {
                i - 1
            };
            if starts.last().is_some_and(|&l| start > l) {
                starts.push(start);
            }
        }
    }
    starts.push(sentences.len());
    starts.dedup();
    let mut docs = Vec::new();
    for w in starts.windows(2) {
        let sents: Vec<&Vec<(String, String)>> = sentences[w[0]..w[1]].iter().flatten().collect();
        if sents.is_empty() {
            continue;
        }
        let words: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(|(t, _)| t.as_str()).collect()).collect();
        let (body, tokens) = detokenize(&words);
        let mut gold = Vec::new();
        let mut k = 0;
        for s in &sents {
            let mut open: Option<(usize, &str)> = None;
            for (j, (_, tag)) in s.iter().enumerate() {
                let (prefix, kind) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
                let continues = prefix == "I" && open.is_some_and(|(_, k2)| k2 == kind);
                if !continues {
                    if let Some((a, kind)) = open.take() {
                        gold.push(Labeled { start: tokens[a].0, end: tokens[k + j - 1].1, kind: conll_kind(kind) });
                    }
                    if prefix == "B" || prefix == "I" {
                        open = Some((k + j, kind));
                    }
                }
            }
            if let Some((a, kind)) = open {
                gold.push(Labeled { start: tokens[a].0, end: tokens[k + s.len() - 1].1, kind: conll_kind(kind) });
            }
            k += s.len();
        }
        docs.push(EntityDoc { id: format!("doc{}", docs.len() + 1), body, tokens, gold });
    }
    if docs.is_empty() {
        return Err(LoadError::Empty(path.display().to_string()));
    }
    Ok(docs)
}

#[derive(serde::Deserialize)]
struct GumLine {
    doc: String,
    #[serde(rename = "type")]
    kind: String,
    min_start: usize,
    min_end: usize,
}

fn gum_kind(t: &str) -> EntityKind {
    match t {
        "person" => EntityKind::Person,
        "organization" => EntityKind::Organization,
        "place" => EntityKind::Location,
        _ => EntityKind::Other,
    }
}

/// GUM news as prepared in `gum-news/`: `<doc>.txt` (space-separated tokens, one sentence a
/// line) and `entities.jsonl` (character offsets; the `min_*` name spans are used).
pub fn load_gum(dir: &Path) -> Result<Vec<EntityDoc>, LoadError> {
    let jsonl = dir.join("entities.jsonl");
    let raw = read(&jsonl)?;
    let mut by_doc: BTreeMap<String, Vec<GumLine>> = BTreeMap::new();
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GumLine = serde_json::from_str(line)
            .map_err(|e| LoadError::Parse { path: jsonl.display().to_string(), line: i + 1, message: e.to_string() })?;
        by_doc.entry(g.doc.clone()).or_default().push(g);
    }
    let mut docs = Vec::new();
    for (name, lines) in by_doc {
        let path = dir.join(format!("{name}.txt"));
        let txt = read(&path)?;
        // Tokens with their character spans in the source text.
        let mut words: Vec<Vec<&str>> = Vec::new();
        let mut char_spans: Vec<(usize, usize)> = Vec::new();
        let mut chars = 0;
        for line in txt.split_inclusive('\n') {
            let mut sentence = Vec::new();
            let mut offset = 0;
            for piece in line.split(' ') {
                let tok = piece.trim_end_matches(['\n', '\r']);
                let n = piece.chars().count();
                if !tok.is_empty() {
                    char_spans.push((chars + offset, chars + offset + tok.chars().count()));
                    sentence.push(tok);
                }
                offset += n + 1;
            }
            chars += line.chars().count();
            if !sentence.is_empty() {
                words.push(sentence);
            }
        }
        let (body, tokens) = detokenize_with(&words, true);
        let mut gold = Vec::new();
        for g in &lines {
            let a = char_spans.iter().position(|&(s, _)| s == g.min_start);
            let b = char_spans.iter().position(|&(_, e)| e == g.min_end);
            match (a, b) {
                (Some(a), Some(b)) if a <= b => gold.push(Labeled { start: tokens[a].0, end: tokens[b].1, kind: gum_kind(&g.kind) }),
                _ => {
                    return Err(LoadError::Parse {
                        path: path.display().to_string(),
                        line: 0,
                        message: format!("span {}..{} is not on token boundaries", g.min_start, g.min_end),
                    });
                }
            }
        }
        gold.sort();
        gold.dedup();
        docs.push(EntityDoc { id: name, body, tokens, gold });
    }
    if docs.is_empty() {
        return Err(LoadError::Empty(dir.display().to_string()));
    }
    Ok(docs)
}

/// Snaps a byte span to the tokens it touches (`tokens` sorted, non-overlapping).
pub fn snap(tokens: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
    let first = tokens.partition_point(|&(_, e)| e <= start);
    let last = tokens.partition_point(|&(s, _)| s < end);
    match (tokens.get(first), last.checked_sub(1).and_then(|l| tokens.get(l))) {
        (Some(a), Some(b)) if first < last => (a.0, b.1),
        _ => (start, end),
    }
}

/// True positives and the sizes of the gold and predicted sets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub gold: usize,
    pub predicted: usize,
}

impl Counts {
    pub fn prf(&self) -> Prf {
        let p = if self.predicted > 0 { self.tp as f64 / self.predicted as f64 } else { 0.0 };
        let r = if self.gold > 0 { self.tp as f64 / self.gold as f64 } else { 0.0 };
        Prf::new(p, r)
    }

    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.gold += o.gold;
        self.predicted += o.predicted;
    }
}

/// Exact-span, type-matched counts of one document, per type (duplicates count once).
pub fn score(gold: &[Labeled], predicted: &[Labeled]) -> BTreeMap<EntityKind, Counts> {
    let g: HashSet<Labeled> = gold.iter().copied().collect();
    let p: HashSet<Labeled> = predicted.iter().copied().collect();
    let mut out: BTreeMap<EntityKind, Counts> = EntityKind::ALL.iter().map(|&k| (k, Counts::default())).collect();
    for x in &g {
        let c = out.entry(x.kind).or_default();
        c.gold += 1;
        if p.contains(x) {
            c.tp += 1;
        }
    }
    for x in &p {
        out.entry(x.kind).or_default().predicted += 1;
    }
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeScore {
    pub kind: &'static str,
    #[serde(flatten)]
    pub counts: Counts,
    #[serde(flatten)]
    pub prf: Prf,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityScores {
    pub documents: usize,
    pub tokens: usize,
    pub bytes: usize,
    pub per_type: Vec<TypeScore>,
    /// Person, organization and location only.
    pub core: TypeScore,
    /// Every type, `other` (CoNLL MISC; GUM's other types) included.
    pub all: TypeScore,
    /// Seconds spent in sentence splitting and recognition (one thread).
    pub seconds: f64,
    pub mentions_per_second: f64,
    pub tokens_per_second: f64,
}

/// One error of the recogniser: a missed gold mention or a wrong prediction.
#[derive(Debug, Clone)]
pub struct EntityError {
    pub doc: String,
    /// "missed" (gold not predicted) or "spurious" (predicted, not in gold).
    pub what: &'static str,
    pub kind: EntityKind,
    pub text: String,
    pub sentence: String,
}

/// Runs the recogniser on every document and scores it.
pub fn evaluate(docs: &[EntityDoc]) -> (EntityScores, Vec<EntityError>) {
    evaluate_with(docs, storyline_analyze::entity_mentions)
}

/// Runs `recognise` (body, sentences → mentions) on every document and scores it.
pub fn evaluate_with(
    docs: &[EntityDoc],
    recognise: impl Fn(&str, &[storyline_model::Span]) -> Vec<storyline_model::Mention>,
) -> (EntityScores, Vec<EntityError>) {
    let mut totals: BTreeMap<EntityKind, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut seconds = 0.0;
    let mut mentions = 0;
    // Load embedded models and lexicons before timing.
    let _ = recognise("Warm up in Paris.", &[]);
    for doc in docs {
        let t0 = Instant::now();
        let sentences = storyline_analyze::sentences::split(&doc.body);
        let found = recognise(&doc.body, &sentences);
        seconds += t0.elapsed().as_secs_f64();
        mentions += found.len();
        // Named-entity gold marks names; descriptions ("the Russian leader") are no names.
        let predicted: Vec<Labeled> = found
            .iter()
            .filter(|m| !m.nominal)
            .map(|m| {
                let (start, end) = snap(&doc.tokens, m.span.start, m.span.end);
                Labeled { start, end, kind: m.kind }
            })
            .collect();
        for (k, c) in score(&doc.gold, &predicted) {
            totals.entry(k).or_default().add(c);
        }
        let g: HashSet<&Labeled> = doc.gold.iter().collect();
        let p: HashSet<&Labeled> = predicted.iter().collect();
        let line_of = |at: usize| {
            let a = doc.body.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
            let b = doc.body.get(at..).and_then(|s| s.find('\n')).map_or(doc.body.len(), |i| at + i);
            doc.body.get(a..b).unwrap_or("").to_string()
        };
        let mut push = |x: &Labeled, what| {
            errors.push(EntityError {
                doc: doc.id.clone(),
                what,
                kind: x.kind,
                text: doc.body.get(x.start..x.end).unwrap_or("").to_string(),
                sentence: line_of(x.start),
            });
        };
        let mut gs: Vec<&&Labeled> = g.difference(&p).collect();
        gs.sort();
        gs.into_iter().for_each(|x| push(x, "missed"));
        let mut ps: Vec<&&Labeled> = p.difference(&g).collect();
        ps.sort();
        ps.into_iter().for_each(|x| push(x, "spurious"));
    }
    let ts = |kind: &'static str, counts: Counts| TypeScore { kind, counts, prf: counts.prf() };
    let mut core = Counts::default();
    let mut all = Counts::default();
    let mut per_type = Vec::new();
    for k in EntityKind::ALL {
        let c = totals.get(&k).copied().unwrap_or_default();
        all.add(c);
        if k != EntityKind::Other {
            core.add(c);
        }
        per_type.push(ts(k.as_str(), c));
    }
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let per_sec = |n: usize| if seconds > 0.0 { n as f64 / seconds } else { 0.0 };
    let scores = EntityScores {
        documents: docs.len(),
        tokens,
        bytes: docs.iter().map(|d| d.body.len()).sum(),
        per_type,
        core: ts("person+organization+location", core),
        all: ts("all types (with other)", all),
        seconds,
        mentions_per_second: per_sec(mentions),
        tokens_per_second: per_sec(tokens),
    };
    (scores, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::{Location as L, Organization as O, Person as P};

    fn lab(start: usize, end: usize, kind: EntityKind) -> Labeled {
        Labeled { start, end, kind }
    }

    #[test]
    fn detokenize_spacing_and_offsets() {
        let s = vec![vec!["Japan", "'s", "coach", "(", "Shu", "Kamo", ")", "said", ":", "\"", "Fine", ".", "\"", "U.S.", "$", "5"]];
        let (text, spans) = detokenize(&s);
        assert_eq!(text, "Japan's coach (Shu Kamo) said: \"Fine.\" U.S. $5\n");
        for (tok, &(a, b)) in s[0].iter().zip(&spans) {
            assert_eq!(&text[a..b], *tok);
        }
    }

    #[test]
    fn split_hyphens_join_and_dashes_stay() {
        let s = vec![vec!["Cheng", "Chung", "-", "tai", "is", "well", "-", "known", "-", "or", "STS", "-", "1", "."]];
        let (text, spans) = detokenize_with(&s, true);
        assert_eq!(text, "Cheng Chung-tai is well-known - or STS-1.\n");
        for (tok, &(a, b)) in s[0].iter().zip(&spans) {
            assert_eq!(&text[a..b], *tok);
        }
        assert_eq!(detokenize(&s).0, "Cheng Chung - tai is well - known - or STS - 1.\n");
    }

    #[test]
    fn exact_span_and_type_counts() {
        // gold: A person 0..5, B org 10..15, C loc 20..25; predicted: A right, B typed wrong,
        // C with a wrong span, and a spurious D.
        let gold = [lab(0, 5, P), lab(10, 15, O), lab(20, 25, L)];
        let pred = [lab(0, 5, P), lab(10, 15, L), lab(20, 24, L), lab(30, 35, P)];
        let s = score(&gold, &pred);
        assert_eq!(s[&P], Counts { tp: 1, gold: 1, predicted: 2 });
        assert_eq!(s[&O], Counts { tp: 0, gold: 1, predicted: 0 });
        assert_eq!(s[&L], Counts { tp: 0, gold: 1, predicted: 2 });
        let mut all = Counts::default();
        s.values().for_each(|c| all.add(*c));
        // P = 1/4, R = 1/3, F1 = 2/7.
        let prf = all.prf();
        assert!((prf.precision - 0.25).abs() < 1e-12);
        assert!((prf.recall - 1.0 / 3.0).abs() < 1e-12);
        assert!((prf.f1 - 2.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn snapping_to_tokens() {
        let toks = [(0, 5), (6, 10), (11, 14)];
        assert_eq!(snap(&toks, 0, 10), (0, 10));
        assert_eq!(snap(&toks, 1, 8), (0, 10));
        assert_eq!(snap(&toks, 6, 14), (6, 14));
        assert_eq!(snap(&toks, 20, 22), (20, 22));
    }

    #[test]
    fn conll_documents_and_spans() {
        let dir = std::env::temp_dir().join(format!("storyline-conll-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("t.conll");
        let data = "SOCCER NN B-NP O\n- : O O\nJAPAN NNP B-NP B-LOC\nWIN NN I-NP O\n\nROME NNP B-NP B-LOC\n1996-12-06 CD I-NP O\n\n\
                    Marcello NNP B-NP B-PER\nCuttitta NNP I-NP I-PER\nplays VBZ B-VP O\nfor IN B-PP O\nItaly NNP B-NP B-LOC\n. . O O\n\n\
                    TENNIS NN B-NP O\n. . O O\n\nPARIS NNP B-NP B-LOC\n1996-12-06 CD I-NP O\n\nEuropean NNP B-NP B-MISC\nUnion NNP I-NP I-MISC\n\n";
        std::fs::write(&path, data).ok();
        let docs = load_conll(&path).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(docs.len(), 2);
        let d = &docs[0];
        assert_eq!(d.body, "SOCCER - JAPAN WIN\nROME 1996-12-06\nMarcello Cuttitta plays for Italy.\n");
        let texts: Vec<(&str, EntityKind)> = d.gold.iter().map(|g| (&d.body[g.start..g.end], g.kind)).collect();
        assert_eq!(texts, vec![("JAPAN", L), ("ROME", L), ("Marcello Cuttitta", P), ("Italy", L)]);
        let e = &docs[1];
        assert_eq!(e.gold.iter().map(|g| (&e.body[g.start..g.end], g.kind)).collect::<Vec<_>>(), vec![("PARIS", L), ("European Union", EntityKind::Other)]);
    }
}
