//! Events (articles about the same happening) and storylines (events of one developing
//! story). Pure functions over analysed articles; deterministic for the same input.
//!
//! Events are built online: articles are taken in date order (undated ones last, ties by
//! index) and each joins the most likely open event or starts a new one. Then three passes
//! fix early mistakes: lone articles join events that formed after them, whole events that
//! started apart merge, and an event whose members form two weakly connected groups is cut
//! in two ([`split`]). The likelihood ([`model::SimilarityModel`]) is learned from
//! labelled corpora over a few signals: body/title TF-IDF cosine, canonical-entity cosine
//! and the time between the article's date and the event's.

pub mod features;
pub mod model;
pub mod split;
pub mod syndication;

use features::{DenseVector, DocumentFrequencies, SparseVector, Vocabulary, entity_key};
use jiff::civil::Date;
use rayon::prelude::*;
use model::{EventModels, Signals, SimilarityModel, time_signal};
use std::ops::Range;
use storyline_model::{AnalyzedArticle, EntityKind, Span};

/// How articles are compared with events.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub models: EventModels,
    /// Overrides the models' own join thresholds (an article joins its most likely event
    /// when the probability reaches the threshold).
    pub join_threshold: Option<f64>,
    /// Overrides the models' own split ratios ([`split`]: an event is cut in two when the
    /// mean similarity across the two groups is below this share of the mean inside them);
    /// 0 disables the pass.
    pub split_ratio: Option<f64>,
    /// The merge pass (`merge_events`): two whole events merge when the probability
    /// reaches this; `None` disables the pass.
    pub merge_threshold: Option<f64>,
    /// Storylines: minimum entity cosine and term cosine between two events.
    pub story_entity_threshold: f64,
    pub story_text_threshold: f64,
    /// Storylines: maximum days between consecutive events.
    pub story_max_gap_days: i64,
}

/// See [`Config::merge_threshold`].
pub const DEFAULT_MERGE_THRESHOLD: f64 = 0.5;

impl Default for Config {
    fn default() -> Self {
        Self {
            models: EventModels::shipped().clone(),
            join_threshold: None,
            split_ratio: None,
            merge_threshold: Some(DEFAULT_MERGE_THRESHOLD),
            story_entity_threshold: 0.45,
            story_text_threshold: 0.1,
            story_max_gap_days: 365,
        }
    }
}

impl Config {
    /// The same model for every article.
    pub fn with_model(model: SimilarityModel) -> Self {
        Self { models: EventModels::single(model), ..Self::default() }
    }

    fn model(&self, article: &ArticleFeatures) -> &SimilarityModel {
        self.models.for_terms(article.terms.len())
    }

    fn threshold(&self, article: &ArticleFeatures) -> f64 {
        self.join_threshold.unwrap_or(self.model(article).threshold)
    }

    /// The time window: the most days apart at which any article can still join an event
    /// (set by the lowest threshold any article can have).
    pub fn window(&self) -> i64 {
        model::max_days_apart(self.join_threshold.unwrap_or(self.models.short.threshold.min(self.models.long.threshold)))
    }
}

/// The features of one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleFeatures {
    pub terms: SparseVector,
    pub entities: SparseVector,
}

/// An article (in the merge pass, a whole event) loaded to be compared with many events.
#[derive(Default)]
struct Query {
    terms: DenseVector,
    entities: DenseVector,
}

impl Query {
    fn load(&mut self, f: &ArticleFeatures) -> &Self {
        self.terms.load(&f.terms);
        self.entities.load(&f.entities);
        self
    }
}

/// The features of a set of articles, over one vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub vocabulary: Vocabulary,
    pub articles: Vec<ArticleFeatures>,
    /// The article each article copies (syndication), when known: a copy tells the same
    /// happening as its original, so it joins the event that holds the original or another
    /// copy of it. Empty when copies are not known.
    pub copy_of: Vec<Option<usize>>,
}

impl Features {
    fn names(&self, ids: &[u32]) -> Vec<String> {
        self.vocabulary.names(ids)
    }

    fn entity_names(&self, ids: &[u32]) -> Vec<String> {
        self.vocabulary.entity_names(ids)
    }
}

/// Articles whose words are found at once, in parallel, before they are interned.
const FEATURE_CHUNK: usize = 1024;

/// Builds the term and entity vectors of every article, with IDF learned from them all.
/// Words are found in parallel a chunk at a time (the chunk bounds the strings held), then
/// interned in article order, so ids do not depend on threads.
pub fn article_features(articles: &[AnalyzedArticle]) -> Features {
    article_features_with(Vocabulary::default(), &Frequencies::default(), articles)
}

/// Document frequencies of terms and of entities.
#[derive(Debug, Clone, Default)]
pub struct Frequencies {
    pub terms: DocumentFrequencies,
    pub entities: DocumentFrequencies,
}

impl Frequencies {
    pub fn add(&mut self, f: &ArticleFeatures) {
        self.terms.add(&f.terms.terms().collect::<Vec<_>>());
        self.entities.add(&f.entities.terms().collect::<Vec<_>>());
    }
}

/// [`article_features`] continuing a stream: `vocabulary` already holds the terms of the
/// articles before (so ids stay the same across parts), and IDF is learned from those
/// articles (`before`) and these.
pub fn article_features_with(vocabulary: Vocabulary, before: &Frequencies, articles: &[AnalyzedArticle]) -> Features {
    article_features_reusing(vocabulary, before, articles, &[]).0
}

/// [`article_features_with`] where `known[i]`, when given, holds article `i`'s term ids as
/// this function returned them for it before (over the same vocabulary): its words are not
/// stemmed again. Also returns each article's term ids. Its entities are found again:
/// resolution across a new set of articles may rename them.
pub fn article_features_reusing(mut vocabulary: Vocabulary, before: &Frequencies, articles: &[AnalyzedArticle], known: &[Option<&[u32]>]) -> (Features, Vec<Vec<u32>>) {
    let known = |i: usize| known.get(i).copied().flatten();
    let mut raw: Vec<(Vec<u32>, Vec<u32>)> = Vec::with_capacity(articles.len());
    for (c, chunk) in articles.chunks(FEATURE_CHUNK).enumerate() {
        let start = c * FEATURE_CHUNK;
        let words: Vec<(Option<features::Terms>, Vec<String>)> =
            chunk.par_iter().enumerate().map(|(k, a)| (known(start + k).is_none().then(|| raw_terms(a)), raw_entities(a))).collect();
        raw.extend(words.iter().enumerate().map(|(k, (terms, entities))| {
            let terms = match terms {
                Some(terms) => vocabulary.ids_of(terms),
                None => known(start + k).unwrap_or_default().to_vec(),
            };
            (terms, vocabulary.ids(entities))
        }));
    }
    let (mut term_df, mut entity_df) = (before.terms.clone(), before.entities.clone());
    for (terms, entities) in &raw {
        term_df.add(terms);
        entity_df.add(entities);
    }
    let (articles, terms) = raw
        .into_par_iter()
        .map(|(terms, entities)| {
            let features = ArticleFeatures { terms: SparseVector::tfidf(&terms, &term_df), entities: SparseVector::tfidf(&entities, &entity_df) };
            (features, terms)
        })
        .unzip();
    (Features { vocabulary, articles, copy_of: Vec::new() }, terms)
}

/// An article's terms: its headline's (twice) and its body's outside entity mentions.
fn raw_terms(article: &AnalyzedArticle) -> features::Terms {
    let mut terms = features::Terms::default();
    for _ in 0..2 {
        features::for_each_content_term(&article.article.headline, |t| terms.push(t));
    }
    let body = &article.article.body;
    features::for_each_term_with_entities(body, Span::new(0, body.len()), &article.analysis.mentions, |piece| {
        if let features::Piece::Term(t) = piece {
            terms.push(t);
        }
    });
    terms
}

/// An article's entity keys, one per name (not of kind other; descriptions are no names).
fn raw_entities(article: &AnalyzedArticle) -> Vec<String> {
    article.analysis.mentions.iter().filter(|m| m.kind != EntityKind::Other && !m.nominal).map(|m| entity_key(m.kind, &m.canonical)).collect()
}

/// Why an article is in its event.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub article: usize,
    pub score: f64,
    pub shared_entities: Vec<String>,
    pub shared_terms: Vec<String>,
    pub days_apart: Option<i64>,
    pub runner_up: Option<usize>,
    pub runner_up_score: Option<f64>,
    /// The member this article copies word for word (syndication), when that put it here.
    pub copy_of: Option<usize>,
}

/// A group of articles about one happening.
#[derive(Debug, Clone, PartialEq)]
pub struct EventCluster {
    /// Article indices in the order they joined.
    pub members: Vec<usize>,
    pub why: Vec<Membership>,
}

#[derive(Default)]
struct OpenEvent {
    members: Vec<usize>,
    why: Vec<Membership>,
    terms: SparseVector,
    entities: SparseVector,
    /// Member dates, sorted; the event's date is their (lower) median.
    dates: Vec<Date>,
}

impl OpenEvent {
    fn date(&self) -> Option<Date> {
        self.dates.get(self.dates.len().saturating_sub(1) / 2).copied()
    }

    fn add_date(&mut self, date: Option<Date>) {
        if let Some(date) = date {
            let at = self.dates.partition_point(|d| *d <= date);
            self.dates.insert(at, date);
        }
    }

    /// Takes in every article of `other` (the merge pass).
    fn absorb(&mut self, other: OpenEvent) {
        self.members.extend(other.members);
        self.why.extend(other.why);
        self.terms.add_scaled(&other.terms, 1.0);
        self.entities.add_scaled(&other.entities, 1.0);
        other.dates.into_iter().for_each(|d| self.add_date(Some(d)));
    }

    /// Adds article `i` with its features and date, and why it joined.
    fn join(&mut self, i: usize, f: &ArticleFeatures, date: Option<Date>, why: Membership) {
        self.members.push(i);
        self.why.push(why);
        self.terms.add_scaled(&f.terms, 1.0);
        self.entities.add_scaled(&f.entities, 1.0);
        self.add_date(date);
    }
}

/// Candidates scored on one thread; longer lists are shared among threads (each score is
/// independent of the others, and the ranking does not depend on their order).
const SCORES_PER_THREAD: usize = 16;

/// How many of the most likely candidates [`rank`] scores exactly: the best and the runner-up.
const RANKED: usize = 2;

/// The most likely of `candidates` for article `f`, scored, most likely first (ties by event
/// number): at least the [`RANKED`] first, exactly as if all were scored. The costly signal
/// (`nearest`, one cosine per recent member) is computed only for candidates whose bound
/// with the best possible `nearest` can still place them among those.
fn rank(config: &Config, features: &Features, f: &ArticleFeatures, query: &Query, date: Option<Date>, events: &[OpenEvent], candidates: Vec<usize>) -> Vec<(usize, Score)> {
    let model = config.model(f);
    let long = config.models.is_long(f.terms.len());
    let mut bounded: Vec<(usize, Option<Signals>, f64)> = candidates
        .into_par_iter()
        .with_min_len(SCORES_PER_THREAD)
        .map(|e| {
            let event = &events[e];
            if !shares_entities(long, &query.entities, event) {
                return (e, None, 0.0);
            }
            let signals = content_signals(query, date, event);
            // A cosine may exceed 1 by rounding: the bound allows for it.
            let bound = [0.0, 1.0 + 1e-9].map(|nearest| model.probability(&Signals { nearest, ..signals })).into_iter().fold(0.0, f64::max);
            (e, Some(signals), bound)
        })
        .collect();
    bounded.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut scored: Vec<(usize, Score)> = Vec::new();
    for (e, signals, bound) in bounded {
        if scored.len() >= RANKED && bound < scored[RANKED - 1].1.value {
            break;
        }
        let value = signals.map_or(0.0, |s| model.probability(&Signals { nearest: nearest(features, query, &events[e]), ..s }));
        let at = scored.partition_point(|(o, other)| other.value.total_cmp(&value).then(e.cmp(o)).is_gt());
        scored.insert(at, (e, Score { value }));
    }
    scored
}

/// Why article `i`, dated `date`, joins event `e` (usually the first of `scored`; a copy
/// joins its original's, which may be scored lower or not at all): its score there, and the
/// best other event as the runner-up.
fn membership(features: &Features, i: usize, f: &ArticleFeatures, date: Option<Date>, (e, event): (usize, &OpenEvent), scored: &[(usize, Score)]) -> Membership {
    let own = scored.iter().find(|(c, _)| *c == e);
    let runner = scored.iter().find(|(c, _)| *c != e);
    Membership {
        article: i,
        score: own.map_or(1.0, |(_, s)| s.value),
        shared_entities: features.entity_names(&f.entities.shared(&event.entities, 8)),
        shared_terms: features.names(&f.terms.shared(&event.terms, 8)),
        days_apart: days_apart(date, event),
        runner_up: runner.map(|(r, _)| *r),
        runner_up_score: runner.map(|(_, rs)| rs.value),
        copy_of: None,
    }
}

/// Which events hold each term or entity: an article can only score above zero against
/// events it shares a term or entity with, so only those are scored. Posting lists are
/// sorted by event number, which follows creation order, so the events of a time window
/// are a suffix of each list.
#[derive(Default)]
struct EventIndex {
    postings: foldhash::HashMap<u32, Vec<usize>>,
}

impl EventIndex {
    fn add(&mut self, event: usize, article: &ArticleFeatures) {
        for term in article.terms.terms().chain(article.entities.terms()) {
            let posting = self.postings.entry(term).or_default();
            if let Err(at) = posting.binary_search(&event) {
                posting.insert(at, event);
            }
        }
    }

    /// Events numbered in `ranges` that share a term or entity with `article`.
    fn candidates(&self, article: &ArticleFeatures, seen: &mut [bool], ranges: &[Range<usize>]) -> Vec<usize> {
        self.sharing(article.terms.terms().chain(article.entities.terms()), seen, &Scope { ranges, per_key: usize::MAX })
    }

    /// Events in `scope` that hold one of `terms`.
    fn sharing(&self, terms: impl Iterator<Item = u32>, seen: &mut [bool], scope: &Scope) -> Vec<usize> {
        let (ranges, per_key) = (scope.ranges, scope.per_key);
        let mut out = Vec::new();
        for (term, range) in terms.flat_map(|t| ranges.iter().map(move |r| (t, r))) {
            let Some(posting) = self.postings.get(&term) else { continue };
            let (from, to) = (posting.partition_point(|&e| e < range.start), posting.partition_point(|&e| e < range.end));
            let mut found = 0;
            for &e in posting[from..to].iter().rev() {
                if found == per_key {
                    break;
                }
                if !seen[e] {
                    seen[e] = true;
                    out.push(e);
                    found += 1;
                }
            }
        }
        out.iter().for_each(|&e| seen[e] = false);
        out
    }
}

/// How many of an article's heaviest terms, and of its heaviest entities, look up the
/// events it may join ([`candidates`]).
const CANDIDATE_TERMS: usize = 64;
const CANDIDATE_ENTITIES: usize = 16;

/// A key held by more than this share of the articles seen so far, and by at least
/// [`COMMON_MIN_DF`] of them (fewer make a noisy share), is too common to look up events
/// by, like a stop word: an outlet or a byline is shared by many events of the time window,
/// and joining on it chains them. It still counts in the similarity.
const COMMON_SHARE: f64 = 0.01;
const COMMON_MIN_DF: usize = 100;

/// How many of the articles seen so far hold each term or entity key, in processing
/// order, so whether a key is common depends only on the articles before.
#[derive(Default)]
struct KeyFrequencies {
    seen: usize,
    df: Vec<usize>,
}

impl KeyFrequencies {
    /// The counts of the articles `before` counted (terms and entities are distinct keys).
    fn of(before: &Frequencies) -> Self {
        let mut keys = KeyFrequencies { seen: before.terms.docs(), df: Vec::new() };
        before.terms.counts().chain(before.entities.counts()).for_each(|(key, n)| keys.count(key, n));
        keys
    }

    fn add(&mut self, f: &ArticleFeatures) {
        self.seen += 1;
        f.terms.terms().chain(f.entities.terms()).for_each(|key| self.count(key, 1));
    }

    fn count(&mut self, key: u32, articles: usize) {
        let key = key as usize;
        if key >= self.df.len() {
            self.df.resize(key + 1, 0);
        }
        self.df[key] += articles;
    }

    fn df(&self, key: u32) -> usize {
        self.df.get(key as usize).copied().unwrap_or(0)
    }

    fn common(&self, key: u32) -> bool {
        let df = self.df(key);
        df >= COMMON_MIN_DF && df as f64 > COMMON_SHARE * self.seen as f64
    }

    /// The heaviest `k` keys of `v` that are not common; when all are, the rarest of
    /// them, so an article whose every key is common (a big story) still finds its event.
    fn lookup_keys(&self, v: &SparseVector, k: usize) -> Vec<u32> {
        let keys = v.heaviest(k);
        let rare: Vec<u32> = keys.iter().copied().filter(|&t| !self.common(t)).collect();
        if rare.is_empty() {
            return keys.into_iter().min_by_key(|&t| (self.df(t), t)).into_iter().collect();
        }
        rare
    }
}

/// The events numbered in `ranges` that article `f` may join: those sharing one of its
/// heaviest terms or entities that is not common ([`KeyFrequencies`]), and for a full
/// article naming entities only those sharing one or naming none ([`shares_entities`]),
/// found without scoring the others. Looking up only the heaviest, uncommon keys keeps the
/// candidates few when frequent words and names (an outlet, a byline, a kind of happening)
/// are shared by many events of the time window: the article's own event shares its
/// distinctive words, which weigh most. A common entity still counts as shared: an event
/// found by a term qualifies through it.
///
/// An undated article has no time window: for it, each key looks up at most
/// [`UNDATED_PER_KEY`] events (the latest created), so its cost stays bounded as the stream grows.
fn candidates(config: &Config, index: &EventIndex, events: &[OpenEvent], df: &KeyFrequencies, f: &ArticleFeatures, seen: &mut [bool], scope: &Scope) -> Vec<usize> {
    let terms = df.lookup_keys(&f.terms, CANDIDATE_TERMS);
    let entities = df.lookup_keys(&f.entities, CANDIDATE_ENTITIES);
    if !config.models.is_long(f.terms.len()) || f.entities.is_empty() {
        return index.sharing(terms.into_iter().chain(entities), seen, scope);
    }
    let common: Vec<u32> = f.entities.terms().filter(|&t| df.common(t)).collect();
    let mut sharing = index.sharing(entities.into_iter(), seen, scope);
    let qualifies = |e: &usize| events[*e].entities.is_empty() || common.iter().any(|&t| events[*e].entities.contains(t));
    sharing.extend(index.sharing(terms.into_iter(), seen, scope).into_iter().filter(qualifies));
    // An event found by a name and by a word is one candidate (ranking does not depend on
    // the order).
    sharing.sort_unstable();
    sharing.dedup();
    sharing
}

/// How many events (the latest created) each key of an undated article looks up.
const UNDATED_PER_KEY: usize = 256;

/// Where a candidate search looks: the events numbered in `ranges` (an article's time window),
/// at most `per_key` of them (the latest created) for each key.
struct Scope<'a> {
    ranges: &'a [Range<usize>],
    per_key: usize,
}

impl<'a> Scope<'a> {
    /// The scope of an article (or event) dated `date` whose window is `ranges`: all of its
    /// events, or [`UNDATED_PER_KEY`] per key when undated.
    fn of(ranges: &'a [Range<usize>], date: Option<Date>) -> Self {
        Scope { ranges, per_key: if date.is_some() { usize::MAX } else { UNDATED_PER_KEY } }
    }
}

/// The events, by number, created within `window` days of `date`, and the undated ones
/// (created after every dated one); all of them for an undated article. Others are too
/// far apart to be joined. `created` must be ordered as [`Online::created`] is.
fn in_window(created: &[Option<Date>], date: Option<Date>, window: i64) -> [Range<usize>; 2] {
    let dated = created.partition_point(Option::is_some);
    let span = jiff::Span::new().try_days(window).ok();
    let Some((date, span)) = date.zip(span) else { return [0..created.len(), 0..0] };
    let first = date.checked_sub(span).map_or(0, |cutoff| created[..dated].partition_point(|c| c.is_some_and(|c| c < cutoff)));
    let end = date.checked_add(span).map_or(dated, |cutoff| created[..dated].partition_point(|c| c.is_some_and(|c| c <= cutoff)));
    [first..end.max(first), dated..created.len()]
}

/// The similarity of an article to an event.
struct Score {
    value: f64,
}

/// How many of an event's most recent articles the `nearest` signal looks at.
const NEAREST_MEMBERS: usize = 16;

fn days_apart(date: Option<Date>, event: &OpenEvent) -> Option<i64> {
    date.zip(event.date()).map(|(a, b)| days_between(a, b))
}

/// Whole days between two dates, as the time signal counts them.
pub fn days_between(a: Date, b: Date) -> i64 {
    (a - b).get_days().abs() as i64
}

fn signals(features: &Features, query: &Query, date: Option<Date>, event: &OpenEvent) -> Signals {
    Signals { nearest: nearest(features, query, event), ..content_signals(query, date, event) }
}

/// The signals but `nearest` (left at 0), which costs a cosine per recent member.
fn content_signals(query: &Query, date: Option<Date>, event: &OpenEvent) -> Signals {
    let days_apart = days_apart(date, event);
    Signals {
        text: query.terms.cosine(&event.terms),
        entities: query.entities.cosine(&event.entities),
        nearest: 0.0,
        time: days_apart.map_or(1.0, time_signal),
        dated: days_apart.is_some(),
    }
}

/// The highest term cosine with one of the event's most recent articles.
fn nearest(features: &Features, query: &Query, event: &OpenEvent) -> f64 {
    event.members.iter().rev().take(NEAREST_MEMBERS).filter_map(|&m| features.articles.get(m)).map(|m| query.terms.cosine(&m.terms)).fold(0.0, f64::max)
}

/// False when a full article (`long`; in the merge pass, a whole event) naming `entities`
/// and `event` both name entities but none in common: in a dense stream, same-kind happenings (two strikes of a
/// day) share much of their wording, and joining on wording alone chains them into one
/// event. Headlines, which often name nothing or only one side, are exempt.
fn shares_entities(long: bool, entities: &DenseVector, event: &OpenEvent) -> bool {
    !long || entities.is_empty() || event.entities.is_empty() || entities.dot(&event.entities) > 0.0
}

/// Processing order: dated articles first, by date; undated ones after; ties by index (the
/// pipeline indexes articles in content order, so input order does not matter).
fn processing_order(count: usize, dates: &[Option<Date>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&i| (dates.get(i).copied().flatten().is_none(), dates.get(i).copied().flatten(), i));
    order
}

/// Training pairs for the similarity model from a labelled corpus (`labels[i]` is article
/// `i`'s gold event). Articles are processed as [`cluster_events`] does, but join their gold
/// event (teacher forcing); each gives one positive pair (its gold event, when it is a
/// candidate) and up to `negatives` negative pairs (the most similar other candidates).
pub fn training_pairs(features: &Features, dates: &[Option<Date>], labels: &[usize], negatives: usize) -> Vec<(Signals, bool)> {
    let mut pairs = Vec::new();
    let mut events: Vec<OpenEvent> = Vec::new();
    let mut event_of_label: std::collections::HashMap<usize, usize> = Default::default();
    let mut index = EventIndex::default();
    let mut seen: Vec<bool> = Vec::new();
    let mut query = Query::default();
    for i in processing_order(features.articles.len(), dates) {
        let (Some(f), Some(&label), date) = (features.articles.get(i), labels.get(i), dates.get(i).copied().flatten()) else { continue };
        let gold = event_of_label.get(&label).copied();
        let mut others: Vec<(f64, Signals)> = Vec::new();
        let query = query.load(f);
        for e in index.candidates(f, &mut seen, std::slice::from_ref(&(0..events.len()))) {
            let s = signals(features, query, date, &events[e]);
            if Some(e) == gold {
                pairs.push((s, true));
            } else {
                others.push((s.text + s.entities, s));
            }
        }
        others.sort_by(|a, b| b.0.total_cmp(&a.0));
        pairs.extend(others.into_iter().take(negatives).map(|(_, s)| (s, false)));
        let e = match gold {
            Some(e) => e,
            None => {
                event_of_label.insert(label, events.len());
                seen.push(false);
                events.push(OpenEvent::default());
                events.len() - 1
            }
        };
        let why = Membership { article: i, score: 1.0, shared_entities: Vec::new(), shared_terms: Vec::new(), days_apart: None, runner_up: None, runner_up_score: None, copy_of: None };
        events[e].join(i, f, date, why);
        index.add(e, f);
    }
    pairs
}

/// Groups articles into events. `dates[i]` is the date article `i` reports on, if known.
pub fn cluster_events(features: &Features, dates: &[Option<Date>], config: &Config) -> Vec<EventCluster> {
    cluster_events_after(features, dates, config, &Frequencies::default())
}

/// [`cluster_events`] continuing a stream: `before` counts the terms and entities of the
/// articles seen before these (over the same vocabulary), which decide which keys are common.
pub fn cluster_events_after(features: &Features, dates: &[Option<Date>], config: &Config, before: &Frequencies) -> Vec<EventCluster> {
    let order = processing_order(features.articles.len(), dates);
    let window = config.window();
    let mut online = Online { df: KeyFrequencies::of(before), ..Online::default() };
    let mut query = Query::default();
    let mut now = None;
    // Copy groups (keyed by their original) placed so far: the event and the member placed.
    let mut copies_placed: foldhash::HashMap<usize, (usize, usize)> = Default::default();
    let mut copied_from = vec![false; features.articles.len()];
    features.copy_of.iter().flatten().for_each(|&o| copied_from.get_mut(o).into_iter().for_each(|c| *c = true));
    for i in order {
        let (Some(f), date) = (features.articles.get(i), dates.get(i).copied().flatten()) else { continue };
        now = date;
        let candidates = candidates(config, &online.index, &online.events, &online.df, f, &mut online.seen, &Scope::of(&in_window(&online.created, date, window), date));
        let scored = rank(config, features, f, query.load(f), date, &online.events, candidates);
        online.df.add(f);
        let group = features.copy_of.get(i).copied().flatten().or_else(|| copied_from[i].then_some(i));
        // A copy of an article already placed joins its event, unless the two are dated
        // further apart than any article could join (a story republished much later).
        let copied = group
            .and_then(|g| copies_placed.get(&g).copied())
            .filter(|&(e, _)| days_apart(date, &online.events[e]).is_none_or(|days| days <= window));
        let chosen = copied.map(|(e, _)| e).or_else(|| scored.first().filter(|(_, s)| s.value >= config.threshold(f)).map(|&(e, _)| e));
        match chosen {
            Some(e) => {
                let why = Membership { copy_of: copied.map(|(_, member)| member), ..membership(features, i, f, date, (e, &online.events[e]), &scored) };
                online.events[e].join(i, f, date, why);
                online.index.add(e, f);
                if let Some(g) = group {
                    copies_placed.entry(g).or_insert((e, i));
                }
            }
            None => {
                // The first article of a new event: its runner-up is the best existing event.
                let why = Membership {
                    article: i,
                    score: 1.0,
                    shared_entities: Vec::new(),
                    shared_terms: Vec::new(),
                    days_apart: None,
                    runner_up: scored.first().map(|(r, _)| *r),
                    runner_up_score: scored.first().map(|(_, rs)| rs.value),
                    copy_of: None,
                };
                let mut event = OpenEvent::default();
                event.join(i, f, date, why);
                if let Some(g) = group {
                    copies_placed.insert(g, (online.events.len(), i));
                }
                online.push(event, f, date);
            }
        }
    }
    attach_singletons(features, dates, config, &mut online);
    merge_events(features, config, &mut online);
    split_events(features, dates, config, now, &mut online);
    // Runners-up name events by their number here; the passes emptied some events, so name
    // them by their place among the events returned (none when theirs was emptied).
    let mut number = vec![None; online.events.len()];
    for (next, (e, _)) in online.events.iter().enumerate().filter(|(_, event)| !event.members.is_empty()).enumerate() {
        number[e] = Some(next);
    }
    online
        .events
        .into_iter()
        .filter(|e| !e.members.is_empty())
        .map(|mut e| {
            for why in &mut e.why {
                why.runner_up = why.runner_up.and_then(|r| number.get(r).copied().flatten());
                why.runner_up_score = why.runner_up_score.filter(|_| why.runner_up.is_some());
            }
            EventCluster { members: e.members, why: e.why }
        })
        .collect()
}

/// The state of online clustering.
#[derive(Default)]
struct Online {
    events: Vec<OpenEvent>,
    index: EventIndex,
    /// Scratch flags for [`EventIndex::candidates`], one per event.
    seen: Vec<bool>,
    /// The date at which each event was created: non-decreasing over the dated articles
    /// (processed first, in date order), then `None`.
    created: Vec<Option<Date>>,
    /// Over the articles processed so far.
    df: KeyFrequencies,
}

impl Online {
    /// Adds a new event, created at `date`, indexed under the terms of `features`.
    fn push(&mut self, event: OpenEvent, features: &ArticleFeatures, date: Option<Date>) {
        self.index.add(self.events.len(), features);
        self.seen.push(false);
        self.created.push(date);
        self.events.push(event);
    }
}

/// The split pass over every event (once; the parts are not checked again): an event cut
/// in two keeps the part with its first article; the other part becomes a new event,
/// created `now`. Events of mostly full articles are checked with terms weighted locally
/// and the long model's ratio, events of headlines with global weights and the short
/// model's (see [`split::Weighting`]).
fn split_events(features: &Features, dates: &[Option<Date>], config: &Config, now: Option<Date>, online: &mut Online) {
    let models = &config.models;
    for e in 0..online.events.len() {
        let members = &online.events[e].members;
        let long = members.iter().filter(|&&m| features.articles.get(m).is_some_and(|a| models.is_long(a.terms.len()))).count();
        let (weighting, model) = if 2 * long > members.len() { (split::Weighting::Local, &models.long) } else { (split::Weighting::Global, &models.short) };
        let ratio = config.split_ratio.unwrap_or(model.split_ratio);
        if ratio <= 0.0 {
            continue;
        }
        let Ok([keep, part]) = <[Vec<usize>; 2]>::try_from(split::split(members, features, weighting, ratio)) else { continue };
        let old = std::mem::take(&mut online.events[e]);
        let mut why_of: std::collections::HashMap<usize, &Membership> = Default::default();
        old.why.iter().for_each(|w| {
            why_of.entry(w.article).or_insert(w);
        });
        // The same event as joining each member in turn, without merging the sums again per member.
        let rebuild = |group: &[usize]| {
            let joined: Vec<(usize, &ArticleFeatures, &Membership)> = group.iter().filter_map(|&m| Some((m, features.articles.get(m)?, *why_of.get(&m)?))).collect();
            let mut dates: Vec<Date> = joined.iter().filter_map(|(m, _, _)| dates.get(*m).copied().flatten()).collect();
            dates.sort_unstable();
            OpenEvent {
                members: joined.iter().map(|(m, _, _)| *m).collect(),
                why: joined.iter().map(|(_, _, why)| (*why).clone()).collect(),
                terms: SparseVector::sum(joined.iter().map(|(_, f, _)| &f.terms)),
                entities: SparseVector::sum(joined.iter().map(|(_, f, _)| &f.entities)),
                dates,
            }
        };
        online.events[e] = rebuild(&keep);
        let new = rebuild(&part);
        let whole = ArticleFeatures { terms: new.terms.clone(), entities: new.entities.clone() };
        online.push(new, &whole, now);
    }
}

/// The merge pass: an event may be one that started apart from another before their
/// articles met. Each event, as a whole (its summed features and its date), is scored
/// against the earlier events of its time window like an article, and joins the most likely
/// one when it reaches the threshold; rounds repeat until nothing merges. An event is scored
/// again in a later round only when it or one of its candidates has taken in another event
/// since: otherwise its scores, and so its outcome, would be those of its last check.
fn merge_events(features: &Features, config: &Config, online: &mut Online) {
    const MAX_ROUNDS: usize = 4;
    let Some(threshold) = config.merge_threshold else { return };
    let Online { events, index, seen, created, df } = online;
    let window = config.window();
    let mut query = Query::default();
    // Merges so far; when each event last took one in, and when it was last checked.
    let mut merges = 0usize;
    let mut grown_at: Vec<Option<usize>> = vec![None; events.len()];
    let mut checked_at: Vec<Option<usize>> = vec![None; events.len()];
    for _ in 0..MAX_ROUNDS {
        let mut merged = false;
        for e in 1..events.len() {
            let Some(&first) = events[e].members.first() else { continue };
            let whole = ArticleFeatures { terms: events[e].terms.clone().normalized(), entities: events[e].entities.clone().normalized() };
            let date = events[e].date();
            // Earlier events only: those numbered before `e`.
            let ranges = in_window(created, created[e], window).map(|r| r.start.min(e)..r.end.min(e));
            let keys = df.lookup_keys(&whole.terms, CANDIDATE_TERMS).into_iter().chain(df.lookup_keys(&whole.entities, CANDIDATE_ENTITIES));
            let candidates: Vec<usize> = index.sharing(keys, seen, &Scope::of(&ranges, date.or(created[e]))).into_iter().filter(|&c| !events[c].members.is_empty()).collect();
            let unchanged = |c: usize| checked_at[e].is_some_and(|checked| grown_at[c].is_none_or(|grown| grown < checked));
            if unchanged(e) && candidates.iter().all(|&c| unchanged(c)) {
                continue;
            }
            checked_at[e] = Some(merges);
            let query = query.load(&whole);
            // The regime is that of the event's first article: summed headlines are no article.
            let regime = features.articles.get(first).unwrap_or(&whole);
            let model = config.model(regime);
            let long = config.models.is_long(regime.terms.len());
            let scored: Vec<(usize, f64)> = candidates
                .into_par_iter()
                .with_min_len(SCORES_PER_THREAD)
                .filter(|&c| shares_entities(long, &query.entities, &events[c]))
                .map(|c: usize| (c, model.probability(&signals(features, query, date, &events[c]))))
                .collect();
            let best = scored.into_iter().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            let Some((target, _)) = best.filter(|(_, p)| *p >= threshold) else { continue };
            let moved = std::mem::take(&mut events[e]);
            index.add(target, &whole);
            events[target].absorb(moved);
            grown_at[target] = Some(merges);
            merges += 1;
            merged = true;
        }
        if !merged {
            break;
        }
    }
}

/// The fix-up pass: an article left alone may have arrived before the articles of its
/// event did. Each singleton is scored again against the final events and joins the most
/// likely one when it reaches the threshold.
fn attach_singletons(features: &Features, dates: &[Option<Date>], config: &Config, online: &mut Online) {
    let Online { events, index, seen, created, df } = online;
    let window = config.window();
    let mut query = Query::default();
    for e in 0..events.len() {
        let [i] = events[e].members[..] else { continue };
        let (Some(f), date) = (features.articles.get(i), dates.get(i).copied().flatten()) else { continue };
        let candidates = candidates(config, index, events, df, f, seen, &Scope::of(&in_window(created, date, window), date)).into_iter().filter(|&c| c != e && !events[c].members.is_empty()).collect();
        let scored = rank(config, features, f, query.load(f), date, events, candidates);
        let Some(&(target, _)) = scored.first().filter(|(_, s)| s.value >= config.threshold(f)) else { continue };
        let why = membership(features, i, f, date, (target, &events[target]), &scored);
        events[e].members.clear();
        events[e].why.clear();
        events[target].join(i, f, date, why);
        index.add(target, f);
    }
}


/// Events linked into one developing story, in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct Storyline {
    /// Event indices in date order.
    pub events: Vec<usize>,
    pub shared_entities: Vec<String>,
    pub shared_terms: Vec<String>,
}

/// The summed features of an event's members.
pub fn event_features(members: &[usize], features: &Features) -> ArticleFeatures {
    let articles: Vec<&ArticleFeatures> = members.iter().filter_map(|&m| features.articles.get(m)).collect();
    ArticleFeatures { terms: SparseVector::sum(articles.iter().map(|f| &f.terms)), entities: SparseVector::sum(articles.iter().map(|f| &f.entities)) }
}

/// Links events that are steps of one story: same principal actors and subject, at most
/// `story_max_gap_days` apart. `events[e]` holds event `e`'s summed features
/// ([`event_features`]) over `vocabulary`. Only stories of two or more events are returned.
pub fn link_storylines(events: &[ArticleFeatures], dates: &[Option<Date>], vocabulary: &Vocabulary, config: &Config) -> Vec<Storyline> {
    let mut parent: Vec<usize> = (0..events.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Linked events share an entity (the entity threshold is above zero), so only pairs
    // sharing one are compared, and of each event only the entities that the threshold
    // needs ([`SparseVector::cosine_prefix`]) are looked up; all pairs otherwise.
    let mut postings: foldhash::HashMap<u32, Vec<usize>> = Default::default();
    for (e, f) in events.iter().enumerate() {
        f.entities.terms().for_each(|t| postings.entry(t).or_default().push(e));
    }
    let mut seen = vec![usize::MAX; events.len()];
    for a in 0..events.len() {
        let partners: Vec<usize> = if config.story_entity_threshold > 0.0 {
            let mut partners = Vec::new();
            for t in events[a].entities.cosine_prefix(config.story_entity_threshold) {
                for &b in postings.get(&t).into_iter().flatten().filter(|&&b| b > a) {
                    if seen[b] != a {
                        seen[b] = a;
                        partners.push(b);
                    }
                }
            }
            partners
        } else {
            (a + 1..events.len()).collect()
        };
        for b in partners {
            let (Some(da), Some(db)) = (dates.get(a).copied().flatten(), dates.get(b).copied().flatten()) else { continue };
            let gap = (db - da).get_days().abs() as i64;
            if gap == 0 || gap > config.story_max_gap_days {
                continue;
            }
            let entities = events[a].entities.cosine(&events[b].entities);
            let text = events[a].terms.cosine(&events[b].terms);
            if entities >= config.story_entity_threshold && text >= config.story_text_threshold {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for e in 0..events.len() {
        let r = root(&mut parent, e);
        groups.entry(r).or_default().push(e);
    }
    groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort_by_key(|&e| (dates.get(e).copied().flatten(), e));
            let shared_entities = shared_across(&g, events, |f| &f.entities);
            let shared_terms = shared_across(&g, events, |f| &f.terms);
            Storyline { events: g, shared_entities: vocabulary.entity_names(&shared_entities), shared_terms: vocabulary.names(&shared_terms) }
        })
        .collect()
}

/// Terms present in every event of the group, heaviest first.
fn shared_across(group: &[usize], features: &[ArticleFeatures], pick: impl Fn(&ArticleFeatures) -> &SparseVector) -> Vec<u32> {
    let Some(first) = group.first() else { return Vec::new() };
    let mut weighted: Vec<(f64, u32)> = pick(&features[*first])
        .terms()
        .filter(|&t| group[1..].iter().all(|&e| pick(&features[e]).contains(t)))
        .map(|t| (group.iter().map(|&e| pick(&features[e]).weight(t)).product::<f64>(), t))
        .collect();
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    weighted.into_iter().take(6).map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests;
