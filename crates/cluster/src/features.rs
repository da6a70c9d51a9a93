//! Sparse term and entity vectors with TF-IDF weights, shared by clustering and briefs.

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

/// [`STOPWORDS`] for lookup: checked for every word of every article and sentence.
static STOPWORD_SET: std::sync::LazyLock<foldhash::HashSet<&'static str>> = std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// Stems remembered per thread: news wording is repetitive, and stemming is the costliest
/// step of finding terms. Cleared when full, so it stays small.
struct StemCache {
    stemmer: Stemmer,
    stems: foldhash::HashMap<String, String>,
    lower: String,
}

/// Distinct words a thread's [`StemCache`] holds before it starts again.
const STEM_CACHE_WORDS: usize = 1 << 16;

thread_local! {
    static STEMS: std::cell::RefCell<StemCache> =
        std::cell::RefCell::new(StemCache { stemmer: Stemmer::create(Algorithm::English), stems: foldhash::HashMap::default(), lower: String::new() });
}

impl StemCache {
    /// Calls `f` with the stem of `word` lower-cased, unless it is a stop word.
    fn stem(&mut self, word: &str, f: &mut impl FnMut(&str)) {
        self.lower.clear();
        if word.is_ascii() {
            self.lower.push_str(word);
            self.lower.make_ascii_lowercase();
        } else {
            // `str::to_lowercase`, not per character: a word-final Σ becomes ς.
            self.lower.push_str(&word.to_lowercase());
        }
        if STOPWORD_SET.contains(self.lower.as_str()) {
            return;
        }
        if let Some(stem) = self.stems.get(self.lower.as_str()) {
            return f(stem);
        }
        if self.stems.len() >= STEM_CACHE_WORDS {
            self.stems.clear();
        }
        let stem = self.stemmer.stem(&self.lower).into_owned();
        f(&stem);
        self.stems.insert(self.lower.clone(), stem);
    }
}

/// Stemmed content words of `text`, in order.
pub fn content_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_content_term(text, |t| terms.push(t.to_string()));
    terms
}

/// Calls `f` with each of [`content_terms`], without collecting them.
pub fn for_each_content_term(text: &str, mut f: impl FnMut(&str)) {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()))
            .for_each(|w| cache.stem(w, &mut f));
    })
}

/// A piece of [`for_each_term_with_entities`]: a content term, or a mention in its place.
#[derive(Debug)]
pub enum Piece<'a> {
    Term(&'a str),
    Entity(&'a Mention),
}

/// Calls `f` with the content terms of `body` at `range` in order, each entity mention in its
/// place (so "Trong" and "Nguyen Phu Trong" can count as one term, their canonical entity).
/// Descriptions ("leader" in "the Russian leader") stay words, as the similarity models learned them.
pub fn for_each_term_with_entities(body: &str, range: Span, mentions: &[Mention], mut f: impl FnMut(Piece<'_>)) {
    let mut cursor = range.start;
    for mention in mentions.iter().filter(|m| !m.nominal && range.contains(m.span)) {
        if mention.span.start < cursor {
            continue;
        }
        for_each_content_term(body.get(cursor..mention.span.start).unwrap_or(""), |t| f(Piece::Term(t)));
        f(Piece::Entity(mention));
        cursor = mention.span.end;
    }
    for_each_content_term(body.get(cursor..range.end).unwrap_or(""), |t| f(Piece::Term(t)));
}

/// Terms held as one string and their ends: one allocation for a text's terms, not one each.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    text: String,
    ends: Vec<usize>,
}

impl Terms {
    pub fn push(&mut self, term: &str) {
        self.text.push_str(term);
        self.ends.push(self.text.len());
    }

    /// Pushes the mention's [`entity_key`].
    pub fn push_entity(&mut self, mention: &Mention) {
        self.text.push('@');
        self.text.push_str(mention.kind.as_str());
        self.text.push(':');
        self.text.push_str(&mention.canonical);
        self.ends.push(self.text.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.ends.iter().scan(0, |start, &end| {
            let term = &self.text[*start..end];
            *start = end;
            Some(term)
        })
    }
}

/// The feature key of a canonical entity.
pub fn entity_key(kind: EntityKind, canonical: &str) -> String {
    format!("@{}:{}", kind.as_str(), canonical)
}

/// A readable word for each stem, for explanations, reading `text` once: the shortest word of
/// `text` that the stem begins ("arriv" → "arrived"), allowing the stemmer's final y → i
/// ("countri" → "country"); the stem itself when `text` has none.
pub fn surface_forms<S: AsRef<str>>(stems: &[S], text: &str) -> Vec<String> {
    let stems: Vec<(&str, Option<String>)> = stems.iter().map(|s| (s.as_ref(), s.as_ref().strip_suffix('i').map(|s| format!("{s}y")))).collect();
    let Some(shortest) = stems.iter().map(|(s, _)| s.len()).min() else { return Vec::new() };
    let mut best: Vec<Option<String>> = vec![None; stems.len()];
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= shortest) {
        if word.is_ascii() {
            lower.clear();
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower = word.to_lowercase();
        }
        for ((stem, y_form), best) in stems.iter().zip(&mut best) {
            let begins = word.len() >= stem.len() && (lower.starts_with(stem) || y_form.as_deref().is_some_and(|y| lower.starts_with(y)));
            if begins && best.as_ref().is_none_or(|b| (lower.len(), lower.as_str()) < (b.len(), b.as_str())) {
                *best = Some(lower.clone());
            }
        }
    }
    best.into_iter().zip(&stems).map(|(b, (stem, _))| b.unwrap_or_else(|| stem.to_string())).collect()
}

/// The readable name in an entity key ("@person:vladimir putin" → "vladimir putin").
pub fn entity_name(key: &str) -> Option<&str> {
    key.strip_prefix('@').and_then(|k| k.split_once(':')).map(|(_, name)| name)
}

/// Interns terms as small integers, so vectors compare integers, not strings.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: foldhash::HashMap<String, u32>,
    terms: Vec<String>,
}

impl Vocabulary {
    pub fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(term.to_string());
        self.ids.insert(term.to_string(), id);
        id
    }

    pub fn ids(&mut self, terms: &[String]) -> Vec<u32> {
        terms.iter().map(|t| self.id(t)).collect()
    }

    pub fn ids_of(&mut self, terms: &Terms) -> Vec<u32> {
        terms.iter().map(|t| self.id(t)).collect()
    }

    pub fn term(&self, id: u32) -> &str {
        self.terms.get(id as usize).map_or("", String::as_str)
    }

    pub fn names(&self, ids: &[u32]) -> Vec<String> {
        ids.iter().map(|&t| self.term(t).to_string()).collect()
    }

    /// The readable names of the entity keys among `ids`.
    pub fn entity_names(&self, ids: &[u32]) -> Vec<String> {
        ids.iter().filter_map(|&t| entity_name(self.term(t))).map(str::to_string).collect()
    }
}

/// Document frequencies learned from the texts seen so far.
#[derive(Debug, Clone, Default)]
pub struct DocumentFrequencies {
    docs: usize,
    /// By term id: ids are small and dense ([`Vocabulary`]).
    df: Vec<u32>,
}

impl DocumentFrequencies {
    pub fn add(&mut self, terms: &[u32]) {
        self.docs += 1;
        let mut seen = terms.to_vec();
        seen.sort_unstable();
        seen.dedup();
        if let Some(&last) = seen.last()
            && last as usize >= self.df.len()
        {
            self.df.resize(last as usize + 1, 0);
        }
        for term in seen {
            self.df[term as usize] += 1;
        }
    }

    /// Smoothed inverse document frequency.
    pub fn idf(&self, term: u32) -> f64 {
        let df = self.df.get(term as usize).copied().unwrap_or(0) as f64;
        ((1.0 + self.docs as f64) / (1.0 + df)).ln() + 1.0
    }

    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Each term with the number of texts holding it.
    pub fn counts(&self) -> impl Iterator<Item = (u32, usize)> + '_ {
        self.df.iter().enumerate().filter(|(_, n)| **n > 0).map(|(t, &n)| (t as u32, n as usize))
    }
}

/// A sparse vector over interned terms, sorted by term id, with its norm kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVector {
    entries: Vec<(u32, f64)>,
    norm: f64,
}

impl SparseVector {
    /// Sublinear TF-IDF of `terms`, L2-normalised.
    pub fn tfidf(terms: &[u32], df: &DocumentFrequencies) -> Self {
        let mut sorted = terms.to_vec();
        sorted.sort_unstable();
        let mut entries: Vec<(u32, f64)> = Vec::new();
        for term in sorted {
            match entries.last_mut() {
                Some((t, count)) if *t == term => *count += 1.0,
                _ => entries.push((term, 1.0)),
            }
        }
        for (term, weight) in &mut entries {
            *weight = (1.0 + weight.ln()) * df.idf(*term);
        }
        // Held for the whole corpus stage: no spare capacity from the pushes.
        entries.shrink_to_fit();
        Self::from_entries(entries).normalized()
    }

    fn from_entries(entries: Vec<(u32, f64)>) -> Self {
        let norm = entries.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        Self { entries, norm }
    }

    pub fn normalized(mut self) -> Self {
        if self.norm > 0.0 {
            let norm = self.norm;
            self.entries.iter_mut().for_each(|(_, w)| *w /= norm);
            self.norm = 1.0;
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn contains(&self, term: u32) -> bool {
        self.entries.binary_search_by_key(&term, |e| e.0).is_ok()
    }

    pub fn weight(&self, term: u32) -> f64 {
        self.entries.binary_search_by_key(&term, |e| e.0).map_or(0.0, |i| self.entries[i].1)
    }

    pub fn terms(&self) -> impl Iterator<Item = u32> + '_ {
        self.entries.iter().map(|e| e.0)
    }

    /// The `k` heaviest entries (ties by id), their weights unchanged.
    pub fn truncated(&self, k: usize) -> SparseVector {
        if self.entries.len() <= k {
            return self.clone();
        }
        Self::from_entries(self.heaviest(k).into_iter().map(|t| (t, self.weight(t))).collect())
    }

    /// Each weight multiplied by `factor` of its term (zeroed terms are dropped); not
    /// normalised.
    pub fn scaled(&self, factor: impl Fn(u32) -> f64) -> SparseVector {
        Self::from_entries(self.entries.iter().map(|&(t, w)| (t, w * factor(t))).filter(|e| e.1 != 0.0).collect())
    }

    /// `self += scale * other`.
    pub fn add_scaled(&mut self, other: &SparseVector, scale: f64) {
        let mut merged = Vec::with_capacity(self.entries.len() + other.entries.len());
        let (mut i, mut j) = (0, 0);
        while i < self.entries.len() || j < other.entries.len() {
            match (self.entries.get(i), other.entries.get(j)) {
                (Some(a), Some(b)) if a.0 == b.0 => {
                    merged.push((a.0, a.1 + b.1 * scale));
                    i += 1;
                    j += 1;
                }
                (Some(a), Some(b)) if a.0 < b.0 => {
                    merged.push(*a);
                    i += 1;
                }
                (Some(a), None) => {
                    merged.push(*a);
                    i += 1;
                }
                (_, Some(b)) => {
                    merged.push((b.0, b.1 * scale));
                    j += 1;
                }
                (None, None) => break,
            }
        }
        *self = Self::from_entries(merged);
    }

    /// The sum of `vectors`, equal bit for bit to adding each in turn with
    /// [`Self::add_scaled`] (scale 1) to an empty vector: each term's weights are summed in
    /// the same order, starting from its first weight. Near-linear in the entries, where
    /// repeated merging is quadratic in the number of vectors; a map, not an array by term id,
    /// so a small sum over a large vocabulary stays small.
    pub fn sum<'a>(vectors: impl IntoIterator<Item = &'a SparseVector>) -> SparseVector {
        let mut sums: std::collections::BTreeMap<u32, f64> = Default::default();
        for v in vectors {
            for &(t, w) in &v.entries {
                sums.entry(t).and_modify(|s| *s += w).or_insert(w);
            }
        }
        Self::from_entries(sums.into_iter().collect())
    }

    /// Pairs of weights on the terms both vectors have.
    fn common<'a>(&'a self, other: &'a SparseVector) -> impl Iterator<Item = (u32, f64, f64)> + 'a {
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while let (Some(a), Some(b)) = (self.entries.get(i), other.entries.get(j)) {
                if a.0 == b.0 {
                    i += 1;
                    j += 1;
                    return Some((a.0, a.1, b.1));
                }
                if a.0 < b.0 { i += 1 } else { j += 1 }
            }
            None
        })
    }

    pub fn cosine(&self, other: &SparseVector) -> f64 {
        let dot: f64 = self.common(other).map(|(_, a, b)| a * b).sum();
        let norms = self.norm() * other.norm();
        if norms > 0.0 { dot / norms } else { 0.0 }
    }

    /// The `k` heaviest terms (ties by id), in term order.
    pub fn heaviest(&self, k: usize) -> Vec<u32> {
        if self.entries.len() <= k {
            return self.terms().collect();
        }
        if k == 0 {
            return Vec::new();
        }
        let mut by_weight: Vec<(f64, u32)> = self.entries.iter().map(|&(t, w)| (w, t)).collect();
        by_weight.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut top: Vec<u32> = by_weight[..k].iter().map(|e| e.1).collect();
        top.sort_unstable();
        top
    }

    /// The sum of the weights ([`Self::containment`]'s denominator).
    pub fn weight_sum(&self) -> f64 {
        self.entries.iter().map(|e| e.1).sum()
    }

    /// [`Self::cosine`] and [`Self::containment`] in one pass over the shared terms, given
    /// both vectors' [`Self::weight_sum`]s; the same values.
    pub fn cosine_and_containment(&self, other: &SparseVector, sums: (f64, f64)) -> (f64, f64) {
        let small_is_self = self.entries.len() <= other.entries.len();
        let (mut dot, mut shared) = (0.0, 0.0);
        for (_, a, b) in self.common(other) {
            dot += a * b;
            shared += if small_is_self { a } else { b };
        }
        let norms = self.norm() * other.norm();
        let total = if small_is_self { sums.0 } else { sums.1 };
        (if norms > 0.0 { dot / norms } else { 0.0 }, if total > 0.0 { shared / total } else { 0.0 })
    }

    /// The share of the smaller vector's weight on terms the other has too: 1 when one
    /// text's content is contained in the other's.
    pub fn containment(&self, other: &SparseVector) -> f64 {
        let small_is_self = self.entries.len() <= other.entries.len();
        let total = if small_is_self { self.weight_sum() } else { other.weight_sum() };
        let shared: f64 = self.common(other).map(|(_, a, b)| if small_is_self { a } else { b }).sum();
        if total > 0.0 { shared / total } else { 0.0 }
    }

    fn norm(&self) -> f64 {
        self.norm
    }

    /// The fewest heaviest terms (ties by id) whose complement has a norm below `share` ×
    /// this vector's: a vector sharing none of them has a cosine below `share` with this one
    /// (Cauchy–Schwarz over the other terms), so only vectors sharing one need comparing.
    pub fn cosine_prefix(&self, share: f64) -> Vec<u32> {
        self.heavy_prefix(|w| w * w, (share * self.norm).powi(2))
    }

    /// The fewest heaviest terms (ties by id) whose complement holds less than `share` of the
    /// weight sum: a vector sharing none of them has a [`Self::containment`] of this one (as the
    /// shorter) below `share`. Every term when a weight is not positive.
    pub fn containment_prefix(&self, share: f64) -> Vec<u32> {
        if self.entries.iter().any(|e| e.1 <= 0.0) {
            return self.terms().collect();
        }
        self.heavy_prefix(|w| w, share * self.weight_sum())
    }

    /// The fewest terms, heaviest first (ties by id), whose complement's summed `mass` of
    /// their absolute weights is below `bound`.
    fn heavy_prefix(&self, mass: impl Fn(f64) -> f64, bound: f64) -> Vec<u32> {
        let mut by_weight: Vec<(f64, u32)> = self.entries.iter().map(|&(t, w)| (w.abs(), t)).collect();
        by_weight.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut rest: f64 = by_weight.iter().map(|&(w, _)| mass(w)).sum();
        let mut prefix = Vec::new();
        for (w, t) in by_weight {
            if rest < bound {
                break;
            }
            rest -= mass(w);
            prefix.push(t);
        }
        prefix
    }

    /// Terms both vectors share, heaviest product first (ties by id).
    pub fn shared(&self, other: &SparseVector, limit: usize) -> Vec<u32> {
        let mut shared: Vec<(f64, u32)> = self.common(other).map(|(t, a, b)| (a * b, t)).collect();
        shared.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        shared.into_iter().take(limit).map(|(_, t)| t).collect()
    }
}

/// One vector spread over an array indexed by term id, to be compared with many others: a
/// dot product is then one pass over the other vector's entries, with no merging. Loading
/// and clearing touch only the vector's own terms, so one scratch array serves every query.
/// Products are summed in term order, as [`SparseVector::cosine`] does, so the two agree.
#[derive(Debug, Clone, Default)]
pub struct DenseVector {
    weights: Vec<f64>,
    /// Whether each term is in the vector (a weight may be zero).
    present: Vec<bool>,
    terms: Vec<u32>,
    norm: f64,
}

impl DenseVector {
    /// Replaces the vector held with `vector`.
    pub fn load(&mut self, vector: &SparseVector) {
        for &t in &self.terms {
            self.weights[t as usize] = 0.0;
            self.present[t as usize] = false;
        }
        self.terms.clear();
        for &(t, w) in &vector.entries {
            let at = t as usize;
            if at >= self.weights.len() {
                self.weights.resize(at + 1, 0.0);
                self.present.resize(at + 1, false);
            }
            self.weights[at] = w;
            self.present[at] = true;
            self.terms.push(t);
        }
        self.norm = vector.norm;
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn dot(&self, other: &SparseVector) -> f64 {
        other.entries.iter().map(|&(t, w)| self.weights.get(t as usize).map_or(0.0, |&q| q * w)).sum()
    }

    pub fn cosine(&self, other: &SparseVector) -> f64 {
        let norms = self.norm * other.norm;
        if norms > 0.0 { self.dot(other) / norms } else { 0.0 }
    }

    /// `other.cosine_and_containment(held, sums)` for the vector held, bit for bit (the shared
    /// terms are summed in the same order), by lookups instead of a merge. `sums` are
    /// `other`'s weight sum and the held vector's.
    pub fn cosine_and_containment(&self, other: &SparseVector, sums: (f64, f64)) -> (f64, f64) {
        let small_is_other = other.entries.len() <= self.terms.len();
        let (mut dot, mut shared) = (0.0, 0.0);
        for &(t, a) in &other.entries {
            if self.present.get(t as usize).copied().unwrap_or(false) {
                let b = self.weights[t as usize];
                dot += a * b;
                shared += if small_is_other { a } else { b };
            }
        }
        let norms = other.norm * self.norm;
        let total = if small_is_other { sums.0 } else { sums.1 };
        (if norms > 0.0 { dot / norms } else { 0.0 }, if total > 0.0 { shared / total } else { 0.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_terms_are_stemmed_without_stopwords() {
        assert_eq!(content_terms("The leaders discussed visits to Hanoi in 2024"), ["leader", "discuss", "visit", "hanoi"]);
    }

    /// [`content_terms`] without the stem cache.
    fn content_terms_uncached(text: &str) -> Vec<String> {
        let stemmer = Stemmer::create(Algorithm::English);
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_lowercase)
            .filter(|w| !STOPWORD_SET.contains(w.as_str()))
            .map(|w| stemmer.stem(&w).into_owned())
            .collect()
    }

    proptest::proptest! {
        /// The cache changes nothing, asked once or again, in any script (a final Σ included).
        #[test]
        fn cached_stems_are_the_stemmer_s(text in "([A-Za-z]{1,9}|ΟΔΟΣ|Straße|İstanbul|[ -~]{0,6}|[α-ωΑ-Ω]{1,6}| )*") {
            proptest::prop_assert_eq!(content_terms(&text), content_terms_uncached(&text));
            proptest::prop_assert_eq!(content_terms(&text), content_terms_uncached(&text));
        }
    }

    fn vector(vocabulary: &mut Vocabulary, text: &str, df: &DocumentFrequencies) -> SparseVector {
        SparseVector::tfidf(&vocabulary.ids(&content_terms(text)), df)
    }

    fn surface_form_one_by_one(stem: &str, text: &str) -> String {
        let y_form = stem.strip_suffix('i').map(|s| format!("{s}y"));
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= stem.len())
            .map(str::to_lowercase)
            .filter(|w| w.starts_with(stem) || y_form.as_deref().is_some_and(|y| w.starts_with(y)))
            .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)))
            .unwrap_or_else(|| stem.to_string())
    }

    proptest::proptest! {
        #[test]
        fn surface_forms_read_once_are_each_stem_s(text in "([A-Za-z]{1,9}|ΟΔΟΣ|Straße|İstanbul|[ -~]{0,6}|[α-ωΑ-Ω]{1,6}| )*", stems in proptest::collection::vec("[a-z]{1,5}|i|σ|ο|[α-ω]{1,3}", 0..5)) {
            let expected: Vec<String> = stems.iter().map(|s| surface_form_one_by_one(s, &text)).collect();
            proptest::prop_assert_eq!(surface_forms(&stems, &text), expected);
        }
    }

    #[test]
    fn terms_are_held_in_one_string() {
        let body = "Trong invited Putin to Hanoi.";
        let mention = |start: usize, end: usize, kind: EntityKind, canonical: &str| Mention { text: body[start..end].into(), kind, canonical: canonical.into(), span: Span::new(start, end), nominal: false };
        let mentions = [mention(0, 5, EntityKind::Person, "Nguyen Phu Trong"), mention(14, 19, EntityKind::Person, "Vladimir Putin")];
        let mut terms = Terms::default();
        for_each_term_with_entities(body, Span::new(0, body.len()), &mentions, |piece| match piece {
            Piece::Term(t) => terms.push(t),
            Piece::Entity(m) => terms.push_entity(m),
        });
        let keys = [entity_key(EntityKind::Person, "Nguyen Phu Trong"), "invit".into(), entity_key(EntityKind::Person, "Vladimir Putin"), "hanoi".into()];
        assert_eq!(terms.iter().collect::<Vec<_>>(), keys);
        assert_eq!(terms.len(), 4);
        terms.clear();
        assert!(terms.is_empty() && terms.iter().next().is_none());
    }

    #[test]
    fn stems_read_as_words() {
        let text = "The President arrived in the country; presidents arrive.";
        assert_eq!(surface_forms(&["arriv", "presid", "countri", "quak"], text), ["arrive", "president", "country", "quak"]);
    }

    #[test]
    fn cosine_of_identical_and_disjoint() {
        let df = DocumentFrequencies::default();
        let mut v = Vocabulary::default();
        let a = vector(&mut v, "visit hanoi", &df);
        let b = vector(&mut v, "quake", &df);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-9);
        assert_eq!(a.cosine(&b), 0.0);
        assert_eq!(a.cosine(&SparseVector::default()), 0.0);
    }

    #[test]
    fn containment_of_a_short_text_in_a_long_one() {
        let df = DocumentFrequencies::default();
        let mut v = Vocabulary::default();
        let short = vector(&mut v, "Lee invited Tanaka to visit", &df);
        let long = vector(&mut v, "Lee invited Tanaka to visit Seoul during a long telephone call on Monday", &df);
        assert!((short.containment(&long) - 1.0).abs() < 1e-9);
        assert!(short.cosine(&long) < 0.75);
        assert_eq!(short.containment(&SparseVector::default()), 0.0);
    }

    proptest::proptest! {
        #[test]
        fn cosine_and_containment_in_one_pass(a in proptest::collection::btree_map(0u32..40, 0.01f64..5.0, 0..20), b in proptest::collection::btree_map(0u32..40, 0.01f64..5.0, 0..20)) {
            let (a, b) = (SparseVector::from_entries(a.into_iter().collect()), SparseVector::from_entries(b.into_iter().collect()));
            let (cosine, containment) = a.cosine_and_containment(&b, (a.weight_sum(), b.weight_sum()));
            // Equal as numbers (an empty `Iterator::sum` is -0.0).
            proptest::prop_assert_eq!(cosine, a.cosine(&b));
            proptest::prop_assert_eq!(containment, a.containment(&b));
        }
    }

    proptest::proptest! {
        #[test]
        fn dense_cosine_and_containment_are_the_sparse_bits(
            a in proptest::collection::btree_map(0u32..40, proptest::prop_oneof![proptest::strategy::Just(0.0), 0.01f64..5.0], 0..20),
            b in proptest::collection::btree_map(0u32..40, proptest::prop_oneof![proptest::strategy::Just(0.0), 0.01f64..5.0], 0..20),
            c in proptest::collection::btree_map(0u32..60, 0.01f64..5.0, 0..30),
        ) {
            let (a, b, c) = (SparseVector::from_entries(a.into_iter().collect()), SparseVector::from_entries(b.into_iter().collect()), SparseVector::from_entries(c.into_iter().collect()));
            let mut dense = DenseVector::default();
            // Loaded over another vector first: what it held must not linger.
            dense.load(&c);
            dense.load(&b);
            let sums = (a.weight_sum(), b.weight_sum());
            let (cosine, containment) = dense.cosine_and_containment(&a, sums);
            let (sparse_cosine, sparse_containment) = a.cosine_and_containment(&b, sums);
            proptest::prop_assert_eq!(cosine.to_bits(), sparse_cosine.to_bits());
            proptest::prop_assert_eq!(containment.to_bits(), sparse_containment.to_bits());
        }
    }

    proptest::proptest! {
        #[test]
        fn missing_the_containment_prefix_bounds_the_containment(
            a in proptest::collection::btree_map(0u32..30, 0.01f64..5.0, 1..20),
            b in proptest::collection::btree_set(0u32..30, 0..20),
            share in 0.05f64..1.0,
        ) {
            let a = SparseVector::from_entries(a.into_iter().collect());
            let prefix = a.containment_prefix(share);
            if !prefix.iter().any(|t| b.contains(t)) {
                let shared: f64 = a.entries.iter().filter(|(t, _)| b.contains(t)).map(|(_, w)| w).sum();
                proptest::prop_assert!(shared < share * a.weight_sum());
            }
        }
    }

    #[test]
    fn term_frequency_is_sublinear() {
        let mut df = DocumentFrequencies::default();
        df.add(&[0, 1]);
        // Term 1 four times, term 0 once, equally rare: 1 + ln 4 times the weight, not 4.
        let v = SparseVector::tfidf(&[1, 0, 1, 1, 1], &df);
        assert!((v.weight(1) / v.weight(0) - (1.0 + 4f64.ln())).abs() < 1e-9, "{} {}", v.weight(0), v.weight(1));
    }

    #[test]
    fn rare_terms_weigh_more() {
        let mut df = DocumentFrequencies::default();
        for _ in 0..5 {
            df.add(&[0]);
        }
        df.add(&[1]);
        assert!(df.idf(1) > df.idf(0));
    }

    #[test]
    fn dense_and_sparse_cosines_agree() {
        let df = DocumentFrequencies::default();
        let mut v = Vocabulary::default();
        let a = vector(&mut v, "quake struck Izmir buildings toppled", &df);
        let b = vector(&mut v, "Izmir quake rescuers rubble buildings", &df);
        let c = vector(&mut v, "central bank raised rates", &df);
        let mut dense = DenseVector::default();
        dense.load(&a);
        assert_eq!(dense.cosine(&b), a.cosine(&b));
        assert_eq!(dense.cosine(&c), 0.0);
        dense.load(&c);
        assert_eq!(dense.cosine(&a), 0.0);
        assert!((dense.cosine(&c) - 1.0).abs() < 1e-9);
        dense.load(&SparseVector::default());
        assert!(dense.is_empty());
        assert_eq!(dense.cosine(&a), 0.0);
    }

    #[test]
    fn cosine_prefix_finds_every_close_vector() {
        let v = SparseVector::from_entries(vec![(1, 0.9), (2, 0.3), (3, 0.3), (4, 0.1)]);
        assert_eq!(v.cosine_prefix(0.45), vec![1]);
        assert_eq!(v.cosine_prefix(0.2), vec![1, 2, 3]);
        // Sharing only the terms left out, the best possible vector stays below the share.
        let rest = SparseVector::from_entries(vec![(2, 0.3), (3, 0.3), (4, 0.1)]);
        assert!(v.cosine(&rest) < 0.45);
        assert!(SparseVector::default().cosine_prefix(0.45).is_empty());
    }

    #[test]
    fn heaviest_terms_in_term_order() {
        let v = SparseVector::from_entries(vec![(1, 0.5), (4, 0.1), (7, 0.9), (9, 0.5)]);
        assert_eq!(v.heaviest(2), vec![1, 7]);
        assert_eq!(v.heaviest(3), vec![1, 7, 9]);
        assert_eq!(v.heaviest(9), vec![1, 4, 7, 9]);
        assert!(v.heaviest(0).is_empty());
    }

    #[test]
    fn sum_equals_repeated_adding_bit_for_bit() {
        // xorshift64, for pseudo-random vectors.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut vectors = Vec::new();
        for _ in 0..200 {
            let mut entries: Vec<(u32, f64)> = (0..next() % 40).map(|_| ((next() % 500) as u32, (next() % 1_000_000) as f64 / 7_919.0 - 60.0)).collect();
            entries.sort_by_key(|e| e.0);
            entries.dedup_by_key(|e| e.0);
            vectors.push(SparseVector::from_entries(entries).normalized());
        }
        // A negative zero first: adding keeps it, as the sum must.
        vectors.insert(0, SparseVector::from_entries(vec![(3, -0.0), (600, 1.5)]));
        let mut added = SparseVector::default();
        vectors.iter().for_each(|v| added.add_scaled(v, 1.0));
        let summed = SparseVector::sum(&vectors);
        let bits = |v: &SparseVector| (v.entries.iter().map(|&(t, w)| (t, w.to_bits())).collect::<Vec<_>>(), v.norm.to_bits());
        assert_eq!(bits(&summed), bits(&added));
        assert!(summed.entries.len() > 400);
        assert_eq!(SparseVector::sum(&[]), SparseVector::default());
    }

    #[test]
    fn adding_merges_sorted_terms() {
        let df = DocumentFrequencies::default();
        let mut a = SparseVector::tfidf(&[1, 5], &df);
        a.add_scaled(&SparseVector::tfidf(&[0, 5, 9], &df), 1.0);
        assert_eq!(a.terms().collect::<Vec<_>>(), vec![0, 1, 5, 9]);
        assert!(a.weight(5) > a.weight(1));
    }
}
