//! The corpus stage over a stream of any length in bounded memory.
//!
//! Articles arrive in news-date order (undated last) and are taken a part at a time. Each
//! part, together with the articles of the events still open after the previous part, goes
//! through the same stage as [`crate::build_corpus_with`]. An event whose newest article is
//! more than two time windows older than the part's newest one can take in no later dated
//! article (the window is the farthest apart an article can join, [`Config::window`]), so it
//! closes: its brief is written, it and its articles are handed to `emit` and leave memory,
//! and only a summary stays for storylines (its heaviest terms and entities). Open events
//! carry their articles into the next part — read again as they were stored, so what a part
//! inferred (a provisional event's date, resolved names) is not taken for evidence — and
//! there they are clustered again with the new ones (what a part found for them that depends
//! on the stored article alone, or on its event's date while that stays the same, is handed on
//! rather than computed again: `Reusable`); when they would carry more than
//! [`StreamLimits::max_carry`] articles, the events that went quiet first close early. IDF
//! and the common keys count every article once, over the whole stream so far.
//!
//! Memory holds a part and its carried articles, plus what grows with the stream but not
//! with its articles' text: one summary per closed event, and the vocabulary with its counts.
//! Undated articles come last and can join only the events still open then (the whole
//! corpus at once lets them join any). When the stream fits in one part, the results are
//! those of [`crate::build_corpus_with`].

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use rayon::prelude::*;
use storyline_brief::Brief;
use storyline_cluster::features::{Vocabulary, surface_forms};
use storyline_cluster::{ArticleFeatures, Config};
use storyline_model::AnalyzedArticle;
use storyline_model::report::{Report, StorylineReport};

use storyline_cluster::Frequencies;

use crate::{Clustered, Corpus, Event, EventSummary, cluster, storyline};

/// How much of a stream the corpus stage holds at once, in articles and in bytes of their
/// text (long articles fill a part sooner).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamLimits {
    /// New articles read per part.
    pub part: usize,
    /// The most articles open events may carry from one part into the next.
    pub max_carry: usize,
    /// The most text (bytes of body) read per part, and carried into the next.
    pub text_bytes: usize,
}

impl StreamLimits {
    /// Parts of `articles` articles, carrying as many at most; text limited as by default.
    pub fn articles(articles: usize) -> Self {
        Self { part: articles, max_carry: articles, ..Self::default() }
    }
}

impl Default for StreamLimits {
    fn default() -> Self {
        Self { part: 50_000, max_carry: 50_000, text_bytes: 64 << 20 }
    }
}

/// How many of a closed event's heaviest terms and entities its summary keeps for
/// storylines (the events of the last part keep all, so a stream of one part links
/// storylines as the whole corpus does).
const SUMMARY_TERMS: usize = 64;
const SUMMARY_ENTITIES: usize = 32;

/// A runner-up named by an event that closed while the runner-up was still open, under the
/// id it had then: `to` is the id of the event its first article ended in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunnerUpRename {
    pub event: String,
    pub from: String,
    pub to: String,
}

/// What is left to write once every part has been emitted.
#[derive(Debug, Clone, Default)]
pub struct Streamed {
    pub storylines: Vec<StorylineReport>,
    pub renames: Vec<RunnerUpRename>,
    /// How many parts the stream was taken in.
    pub parts: usize,
    pub times: StageTimes,
}

/// Wall-clock time of each step of [`stream_corpus`], summed over the parts.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    /// Taking articles from the stream and reading carried ones back.
    pub read: Duration,
    /// Entities resolved across the part's articles.
    pub resolve: Duration,
    /// Syndicated copies found.
    pub copies: Duration,
    /// Term and entity vectors built.
    pub features: Duration,
    /// Online clustering, merge and split passes, event dates and ids.
    pub clustering: Duration,
    /// Times normalised again against the events' dates.
    pub reanchor: Duration,
    pub briefs: Duration,
    /// Reports built from the results.
    pub reports: Duration,
    /// Reports handed to `emit` (the store's writes).
    pub emit: Duration,
    /// Closing events summarised, and storylines linked over every event.
    pub storylines: Duration,
    /// The whole stage, with what its caller does around it (left to the caller).
    pub total: Duration,
}

impl StageTimes {
    /// (step, time) in pipeline order.
    pub fn steps(&self) -> [(&'static str, Duration); 11] {
        [
            ("read", self.read),
            ("resolve", self.resolve),
            ("copies", self.copies),
            ("features", self.features),
            ("clustering", self.clustering),
            ("reanchor", self.reanchor),
            ("briefs", self.briefs),
            ("reports", self.reports),
            ("emit", self.emit),
            ("storylines", self.storylines),
            ("total", self.total),
        ]
    }
}

/// A closed event as storylines need it.
struct Closed {
    summary: EventSummary,
    /// The id of its first article in date order, whose wording names shared terms.
    first_article: String,
    features: ArticleFeatures,
}

/// Runs the corpus stage over `articles`, which must come in news-date order
/// ([`crate::news_date`], undated last). Each part's closed events and their articles are
/// handed to `emit` as a report without storylines; `reload` reads an article back by id as
/// it came (for the articles carried into the next part, and the wording of storyline
/// reasons). Returns the storylines and the runner-up renames to apply to emitted events.
pub fn stream_corpus<E>(
    articles: impl IntoIterator<Item = Result<AnalyzedArticle, E>>,
    config: &Config,
    limits: &StreamLimits,
    mut emit: impl FnMut(Report) -> Result<(), E>,
    mut reload: impl FnMut(&str) -> Result<Option<AnalyzedArticle>, E>,
) -> Result<Streamed, E> {
    let mut articles = articles.into_iter().peekable();
    let mut vocabulary = Vocabulary::default();
    let mut seen = Frequencies::default();
    let mut carry: Vec<AnalyzedArticle> = Vec::new();
    let mut reuse = HashMap::new();
    let mut closed: Vec<Closed> = Vec::new();
    // Runners-up still open, by the id of their first article: (event, provisional id).
    let mut pending: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let mut streamed = Streamed::default();
    loop {
        let clock = Instant::now();
        let mut batch = std::mem::take(&mut carry);
        let carried = batch.len();
        let mut last = false;
        let mut text = 0;
        while batch.len() - carried < limits.part.max(1) && text < limits.text_bytes.max(1) {
            match articles.next() {
                Some(article) => {
                    let article = article?;
                    text += article.article.body.len();
                    batch.push(article);
                }
                None => {
                    last = true;
                    break;
                }
            }
        }
        last = last || articles.peek().is_none();
        if batch.is_empty() {
            break;
        }
        streamed.parts += 1;
        streamed.times.read += clock.elapsed();
        let mut clustered = cluster(batch, config, vocabulary, &seen, &mut reuse, &mut streamed.times);
        let clock = Instant::now();
        let closing = closing_events(&clustered, config.window(), limits, last);
        // What the articles of open events, carried into the next part, need not compute again.
        for i in 0..clustered.articles.len() {
            if clustered.event_of[i].is_some_and(|e| !closing[e]) {
                reuse.insert(clustered.articles[i].article.id.clone(), clustered.reusable(i));
            }
        }
        let Clustered { articles: part_articles, copy_of, event_of, heads, features, .. } = clustered;
        // Articles that leave count for the IDF and the common keys of the parts after.
        for (article, event) in features.articles.iter().zip(&event_of) {
            if event.is_none_or(|e| closing[e]) {
                seen.add(article);
            }
        }
        // The closing events' summed features, for storylines.
        let summed: Vec<Option<ArticleFeatures>> =
            heads.iter().zip(&closing).map(|(h, &close)| close.then(|| storyline_cluster::event_features(&h.members, &features))).collect();
        vocabulary = features.vocabulary;
        streamed.times.storylines += clock.elapsed();
        let clock = Instant::now();
        let events: Vec<Event> = heads
            .into_par_iter()
            .zip(&closing)
            .map(|(head, &close)| {
                if close {
                    head.into_event(&part_articles, &copy_of)
                } else {
                    Event { id: head.id, members: head.members, date: head.date, brief: Brief::default(), why: head.why }
                }
            })
            .collect();
        streamed.times.briefs += clock.elapsed();
        let corpus = Corpus { articles: part_articles, event_of, copy_of, events, storylines: Vec::new() };

        // Runners-up named earlier take the id of the event their first article closed in.
        for event in corpus.events.iter().zip(&closing).filter(|(_, close)| **close).map(|(e, _)| e) {
            for &m in &event.members {
                for (named_in, from) in pending.remove(&corpus.articles[m].article.id).unwrap_or_default() {
                    if from != event.id {
                        streamed.renames.push(RunnerUpRename { event: named_in, from, to: event.id.clone() });
                    }
                }
            }
        }
        for (e, event) in corpus.events.iter().enumerate().filter(|(e, _)| closing[*e]) {
            for runner_up in event.why.iter().filter_map(|w| w.runner_up).filter(|&r| !closing[r]) {
                let open = &corpus.events[runner_up];
                if let Some(&first) = open.members.first() {
                    let named = (corpus.events[e].id.clone(), open.id.clone());
                    let list = pending.entry(corpus.articles[first].article.id.clone()).or_default();
                    if !list.contains(&named) {
                        list.push(named);
                    }
                }
            }
        }

        let clock = Instant::now();
        let part = crate::report::part(&corpus, &closing);
        streamed.times.reports += clock.elapsed();
        let clock = Instant::now();
        emit(part)?;
        streamed.times.emit += clock.elapsed();
        for (event, features) in corpus.events.iter().zip(summed) {
            let Some(features) = features else { continue };
            let features = if last {
                features
            } else {
                ArticleFeatures { terms: features.terms.truncated(SUMMARY_TERMS), entities: features.entities.truncated(SUMMARY_ENTITIES) }
            };
            let first_article = event.members.first().map(|&m| corpus.articles[m].article.id.clone()).unwrap_or_default();
            closed.push(Closed { summary: EventSummary::of(event), first_article, features });
        }
        let Corpus { articles: part_articles, event_of, .. } = corpus;
        let open: Vec<String> = part_articles.into_iter().zip(event_of).filter(|(_, e)| e.is_some_and(|e| !closing[e])).map(|(a, _)| a.article.id).collect();
        let clock = Instant::now();
        for id in open {
            carry.extend(reload(&id)?);
        }
        streamed.times.read += clock.elapsed();
        if last {
            break;
        }
    }

    // Storylines over every event, in event order (by date, undated last, then id).
    let clock = Instant::now();
    closed.sort_by(|a, b| (a.summary.date.is_none(), a.summary.date, &a.summary.id).cmp(&(b.summary.date.is_none(), b.summary.date, &b.summary.id)));
    let features: Vec<ArticleFeatures> = closed.iter_mut().map(|c| std::mem::take(&mut c.features)).collect();
    let dates: Vec<Option<Date>> = closed.iter().map(|c| c.summary.date).collect();
    let lines = storyline_cluster::link_storylines(&features, &dates, &vocabulary, config);
    drop(features);
    let (summaries, first_articles): (Vec<EventSummary>, Vec<String>) = closed.into_iter().map(|c| (c.summary, c.first_article)).unzip();
    for line in &lines {
        let body = match line.events.first() {
            Some(&e) => reload(&first_articles[e])?.map(|a| a.article.body),
            None => None,
        };
        let line = storyline(line, &summaries, |_, stems| body.as_deref().map_or_else(|| stems.to_vec(), |body| surface_forms(stems, body)));
        streamed.storylines.push(StorylineReport {
            id: line.id,
            title: line.title,
            events: line.events.iter().map(|&e| summaries[e].id.clone()).collect(),
            why: line.why,
        });
    }
    streamed.times.storylines += clock.elapsed();
    Ok(streamed)
}

/// Which events of a part close ([`stream_corpus`]): all in the last part; else those whose
/// newest article is more than two windows before the part's newest, and then, while the
/// open ones hold more articles or text than `limits` carry, those that went quiet first.
fn closing_events(clustered: &Clustered, window: i64, limits: &StreamLimits, last: bool) -> Vec<bool> {
    let heads = &clustered.heads;
    if last {
        return vec![true; heads.len()];
    }
    let newest: Vec<Option<Date>> = heads.iter().map(|h| h.members.iter().filter_map(|&m| clustered.dates[m]).max()).collect();
    let cutoff = clustered
        .dates
        .iter()
        .flatten()
        .max()
        .zip(window.checked_mul(2).and_then(|days| jiff::Span::new().try_days(days).ok()))
        .and_then(|(horizon, span)| horizon.checked_sub(span).ok());
    let mut closing: Vec<bool> = newest.iter().map(|n| n.zip(cutoff).is_some_and(|(n, cutoff)| n < cutoff)).collect();
    let mut open: Vec<usize> = (0..heads.len()).filter(|&e| !closing[e]).collect();
    let text = |e: usize| heads[e].members.iter().map(|&m| clustered.articles[m].article.body.len()).sum::<usize>();
    let mut carried: usize = open.iter().map(|&e| heads[e].members.len()).sum();
    let mut carried_text: usize = open.iter().map(|&e| text(e)).sum();
    open.sort_by_key(|&e| (newest[e].is_none(), newest[e], e));
    for e in open {
        if carried <= limits.max_carry && carried_text <= limits.text_bytes {
            break;
        }
        closing[e] = true;
        carried -= heads[e].members.len();
        carried_text -= text(e);
    }
    closing
}
