//! Sparse term and entity vectors with TF-IDF weights, shared by clustering and briefs.

use std::collections::{BTreeMap, HashMap};

use rust_stemmers::{Algorithm, Stemmer};
use storyline_model::{EntityKind, Mention, Span};

/// English function words and reporting filler that say nothing about an event.
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "me", "more", "most", "my", "myself", "neither", "no", "nor", "not", "now",
    "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
    "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
    "said", "says", "say", "told", "according", "would", "may", "might", "must", "shall", "one",
    "two", "three", "new", "since", "last", "next", "week", "year", "years", "day", "days",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "ms",
    "mrs", "many", "much", "well", "even", "still", "yet", "however", "including", "like",
    "made", "make", "get", "got", "via",
];

thread_local! {
    static STEMMER: Stemmer = Stemmer::create(Algorithm::English);
}

/// Stemmed content words of `text`, in order.
pub fn content_terms(text: &str) -> Vec<String> {
    STEMMER.with(|stemmer| {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_lowercase)
            .filter(|w| !STOPWORDS.contains(&w.as_str()))
            .map(|w| stemmer.stem(&w).into_owned())
            .collect()
    })
}

/// Content terms of `text` (a slice of `body` at `range`) with entity mentions replaced by
/// their canonical entity, so "Trong" and "Nguyen Phu Trong" count as one term.
pub fn terms_with_entities(body: &str, range: Span, mentions: &[Mention]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = range.start;
    for mention in mentions.iter().filter(|m| range.contains(m.span)) {
        if mention.span.start < cursor {
            continue;
        }
        out.extend(content_terms(body.get(cursor..mention.span.start).unwrap_or("")));
        out.push(entity_key(mention.kind, &mention.canonical));
        cursor = mention.span.end;
    }
    out.extend(content_terms(body.get(cursor..range.end).unwrap_or("")));
    out
}

/// The feature key of a canonical entity.
pub fn entity_key(kind: EntityKind, canonical: &str) -> String {
    format!("@{}:{}", kind.as_str(), canonical.to_lowercase())
}

/// The readable name in an entity key ("@person:vladimir putin" → "vladimir putin").
pub fn entity_name(key: &str) -> Option<&str> {
    key.strip_prefix('@').and_then(|k| k.split_once(':')).map(|(_, name)| name)
}

/// Document frequencies learned from the texts seen so far.
#[derive(Debug, Clone, Default)]
pub struct DocumentFrequencies {
    docs: usize,
    df: HashMap<String, usize>,
}

impl DocumentFrequencies {
    pub fn add<'a>(&mut self, terms: impl IntoIterator<Item = &'a String>) {
        self.docs += 1;
        let mut seen: Vec<&String> = terms.into_iter().collect();
        seen.sort();
        seen.dedup();
        for term in seen {
            *self.df.entry(term.clone()).or_default() += 1;
        }
    }

    /// Smoothed inverse document frequency.
    pub fn idf(&self, term: &str) -> f64 {
        let df = self.df.get(term).copied().unwrap_or(0) as f64;
        ((1.0 + self.docs as f64) / (1.0 + df)).ln() + 1.0
    }

    pub fn docs(&self) -> usize {
        self.docs
    }
}

/// A sparse, L2-normalised vector. `BTreeMap` keeps every iteration deterministic.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVector(pub BTreeMap<String, f64>);

impl SparseVector {
    /// Sublinear TF-IDF of `terms`.
    pub fn tfidf<'a>(terms: impl IntoIterator<Item = &'a String>, df: &DocumentFrequencies) -> Self {
        let mut counts: BTreeMap<String, f64> = BTreeMap::new();
        for term in terms {
            *counts.entry(term.clone()).or_default() += 1.0;
        }
        let weights = counts.into_iter().map(|(t, c)| {
            let w = (1.0 + c.ln()) * df.idf(&t);
            (t, w)
        });
        Self(weights.collect()).normalized()
    }

    pub fn normalized(mut self) -> Self {
        let norm = self.0.values().map(|w| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            self.0.values_mut().for_each(|w| *w /= norm);
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn add_scaled(&mut self, other: &SparseVector, scale: f64) {
        for (term, weight) in &other.0 {
            *self.0.entry(term.clone()).or_default() += weight * scale;
        }
    }

    pub fn cosine(&self, other: &SparseVector) -> f64 {
        let (small, large) = if self.0.len() <= other.0.len() { (self, other) } else { (other, self) };
        let dot: f64 = small.0.iter().filter_map(|(t, w)| large.0.get(t).map(|v| w * v)).sum();
        let norms = self.norm() * other.norm();
        if norms > 0.0 { dot / norms } else { 0.0 }
    }

    /// The share of the smaller vector's weight on terms the other has too: 1 when one
    /// text's content is contained in the other's.
    pub fn containment(&self, other: &SparseVector) -> f64 {
        let (small, large) = if self.0.len() <= other.0.len() { (self, other) } else { (other, self) };
        let total: f64 = small.0.values().sum();
        let shared: f64 = small.0.iter().filter(|(t, _)| large.0.contains_key(*t)).map(|(_, w)| w).sum();
        if total > 0.0 { shared / total } else { 0.0 }
    }

    fn norm(&self) -> f64 {
        self.0.values().map(|w| w * w).sum::<f64>().sqrt()
    }

    /// Terms both vectors share, heaviest product first.
    pub fn shared(&self, other: &SparseVector, limit: usize) -> Vec<String> {
        let mut shared: Vec<(f64, &String)> =
            self.0.iter().filter_map(|(t, w)| other.0.get(t).map(|v| (w * v, t))).collect();
        shared.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        shared.into_iter().take(limit).map(|(_, t)| t.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_terms_are_stemmed_without_stopwords() {
        assert_eq!(content_terms("The leaders discussed visits to Hanoi in 2024"), ["leader", "discuss", "visit", "hanoi"]);
    }

    #[test]
    fn cosine_of_identical_and_disjoint() {
        let df = DocumentFrequencies::default();
        let a = SparseVector::tfidf(&["visit".to_string(), "hanoi".to_string()], &df);
        let b = SparseVector::tfidf(&["quake".to_string()], &df);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-9);
        assert_eq!(a.cosine(&b), 0.0);
        assert_eq!(a.cosine(&SparseVector::default()), 0.0);
    }

    #[test]
    fn containment_of_a_short_text_in_a_long_one() {
        let df = DocumentFrequencies::default();
        let terms = |s: &str| SparseVector::tfidf(&content_terms(s), &df);
        let short = terms("Lee invited Tanaka to visit");
        let long = terms("Lee invited Tanaka to visit Seoul during a long telephone call on Monday");
        assert!((short.containment(&long) - 1.0).abs() < 1e-9);
        assert!(short.cosine(&long) < 0.7);
        assert_eq!(short.containment(&SparseVector::default()), 0.0);
    }

    #[test]
    fn rare_terms_weigh_more() {
        let mut df = DocumentFrequencies::default();
        for _ in 0..5 {
            df.add(&["putin".to_string()]);
        }
        df.add(&["invit".to_string()]);
        assert!(df.idf("invit") > df.idf("putin"));
    }
}
