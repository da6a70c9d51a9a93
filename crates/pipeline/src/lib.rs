//! The pipeline that ties the stages together, without IO:
//! per document [`process_document`] (extract → infer the date → analyze), then per corpus
//! [`build_corpus`] (resolve entities → cluster events → date events → re-anchor undated
//! articles on their event → storylines → briefs), and [`report`] for the JSON contract.

mod report;
pub mod stream;

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use rayon::prelude::*;
use storyline_analyze::{TimeAnchor, resolve, sentences, time};
use storyline_brief::Brief;
use storyline_cluster::features::{Vocabulary, surface_forms};
use storyline_cluster::syndication::{self, Signature};
use storyline_cluster::{ArticleFeatures, Config, Features, Frequencies, Membership};
use storyline_model::{AnalyzedArticle, DateSource, RawDocument, TimeExpr, TimexType};

pub use report::report;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{0}")]
    Extract(#[from] storyline_extract::ExtractError),
}

/// Extracts and analyses one document on its own (no corpus context yet).
pub fn process_document(doc: &RawDocument) -> Result<AnalyzedArticle, PipelineError> {
    let mut article = storyline_extract::extract(doc)?;
    if article.published.is_none() {
        let sentences = sentences::split(&article.body);
        if let Some((date, source)) = time::infer_article_date(&article.body, &sentences, None) {
            article.published = Some(date);
            article.published_source = Some(source);
        }
    }
    let analysis = storyline_analyze::analyze(&article, &TimeAnchor { reference: article.published, context: None });
    Ok(AnalyzedArticle { article, analysis })
}

/// An event with its brief.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    /// Indices into [`Corpus::articles`], in date order.
    pub members: Vec<usize>,
    pub date: Option<Date>,
    pub brief: Brief,
    /// Why each member joined; `runner_up` indexes [`Corpus::events`].
    pub why: Vec<Membership>,
}

#[derive(Debug, Clone)]
pub struct Storyline {
    pub id: String,
    pub title: String,
    /// Indices into [`Corpus::events`], in date order.
    pub events: Vec<usize>,
    pub why: String,
}

/// Everything Storyline knows about a set of articles.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<AnalyzedArticle>,
    /// The event of each article (index into `events`).
    pub event_of: Vec<Option<usize>>,
    /// The article each article copies (syndication), if any.
    pub copy_of: Vec<Option<usize>>,
    /// Events in date order (undated last).
    pub events: Vec<Event>,
    pub storylines: Vec<Storyline>,
}

impl Corpus {
    /// The article that article `i` copies, if it is a syndicated copy.
    pub fn original_of(&self, i: usize) -> Option<usize> {
        self.copy_of.get(i).copied().flatten()
    }
}

/// Articles ready for clustering: by publication time when known, then content (not input order), entities resolved
/// across them, their features and news dates.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub articles: Vec<AnalyzedArticle>,
    pub features: Features,
    pub dates: Vec<Option<Date>>,
}

pub fn prepare(articles: Vec<AnalyzedArticle>) -> Prepared {
    let articles = sort_and_resolve(articles);
    let features = storyline_cluster::article_features(&articles);
    let dates = articles.iter().map(news_date).collect();
    Prepared { articles, features, dates }
}

/// Sorts articles as [`storyline_model::Article::order_in_day`] does (publication time when
/// known, then content), so that every tie broken by index later (clustering order within a
/// date, originals of copies, storylines) does not depend on input order or names.
fn sort_and_resolve(articles: Vec<AnalyzedArticle>) -> Vec<AnalyzedArticle> {
    // The keys hash every body: computed in parallel.
    let mut keyed: Vec<_> = articles.into_par_iter().map(|a| (a.article.order_in_day(), a)).collect();
    keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut articles: Vec<AnalyzedArticle> = keyed.into_iter().map(|(_, a)| a).collect();
    resolve::resolve_corpus(&mut articles);
    articles
}

/// Builds events, storylines and briefs over `articles` with the shipped configuration.
pub fn build_corpus(articles: Vec<AnalyzedArticle>) -> Corpus {
    build_corpus_with(articles, &Config::default())
}

/// Everything in memory at once; [`stream::stream_corpus`] runs the same stage over a
/// stream in bounded memory, and gives the same results when the stream fits in one part.
pub fn build_corpus_with(articles: Vec<AnalyzedArticle>, config: &Config) -> Corpus {
    let Clustered { articles, copy_of, event_of, heads, features, .. } =
        cluster(articles, config, Vocabulary::default(), &Frequencies::default(), &mut HashMap::new(), &mut stream::StageTimes::default());
    // Storylines are linked before the briefs are written, so the features are freed first.
    let lines = {
        let events: Vec<ArticleFeatures> = heads.iter().map(|h| storyline_cluster::event_features(&h.members, &features)).collect();
        let dates: Vec<Option<Date>> = heads.iter().map(|h| h.date).collect();
        storyline_cluster::link_storylines(&events, &dates, &features.vocabulary, config)
    };
    drop(features);
    let events: Vec<Event> = heads.into_par_iter().map(|head| head.into_event(&articles, &copy_of)).collect();
    let summaries: Vec<EventSummary> = events.iter().map(EventSummary::of).collect();
    let storylines = lines
        .iter()
        .map(|line| storyline(line, &summaries, |e, stems| events[e].members.first().map_or_else(|| stems.to_vec(), |&m| surface_forms(stems, &articles[m].article.body))))
        .collect();
    Corpus { articles, event_of, copy_of, events, storylines }
}

/// An event before its brief.
struct Head {
    id: String,
    /// In date order.
    members: Vec<usize>,
    date: Option<Date>,
    /// Runners-up index the heads.
    why: Vec<Membership>,
}

impl Head {
    fn into_event(self, articles: &[AnalyzedArticle], copy_of: &[Option<usize>]) -> Event {
        Event { id: self.id, brief: storyline_brief::brief(&self.members, articles, copy_of), members: self.members, date: self.date, why: self.why }
    }
}

/// The corpus stage up to the briefs: entities resolved, copies found, events clustered
/// and dated, undated articles re-anchored on their event.
struct Clustered {
    /// In content order ([`sort_and_resolve`]).
    articles: Vec<AnalyzedArticle>,
    copy_of: Vec<Option<usize>>,
    event_of: Vec<Option<usize>>,
    /// In event order: by date (undated last), then id.
    heads: Vec<Head>,
    /// Each article's news date after re-anchoring.
    dates: Vec<Option<Date>>,
    /// Each article's features.
    features: Features,
    /// Each article's signature, term ids and event date, for [`Reusable`].
    signatures: Vec<Option<Signature>>,
    terms: Vec<Vec<u32>>,
    context: Vec<Option<Date>>,
}

/// What the corpus stage found for an article that stays the same when a stream carries the
/// article into its next part, where it is read again as stored and clustered again: it
/// depends on the stored article alone, or on its event's date.
#[derive(Debug, Clone)]
struct Reusable {
    signature: Option<Signature>,
    /// Term ids over the stream's vocabulary ([`storyline_cluster::article_features_reusing`]).
    terms: Vec<u32>,
    /// The event date its times were normalised against, and what that gave.
    anchored: (Option<Date>, Anchored),
}

/// What [`reanchor`] sets.
#[derive(Debug, Clone)]
struct Anchored {
    published: Option<Date>,
    published_source: Option<DateSource>,
    times: Vec<TimeExpr>,
}

impl Anchored {
    fn of(article: &AnalyzedArticle) -> Self {
        Self { published: article.article.published, published_source: article.article.published_source, times: article.analysis.times.clone() }
    }

    fn apply(self, article: &mut AnalyzedArticle) {
        article.article.published = self.published;
        article.article.published_source = self.published_source;
        article.analysis.times = self.times;
    }
}

impl Clustered {
    /// What the next part can reuse of article `i`.
    fn reusable(&mut self, i: usize) -> Reusable {
        Reusable { signature: self.signatures[i], terms: std::mem::take(&mut self.terms[i]), anchored: (self.context[i], Anchored::of(&self.articles[i])) }
    }
}

/// `seen`: the document frequencies of a stream's earlier articles (over `vocabulary`), from
/// which IDF is learned and common keys are found. `reuse` holds what the previous part found
/// for the articles it carried (taken out here). Adds the time of each step to `times`.
fn cluster(
    articles: Vec<AnalyzedArticle>,
    config: &Config,
    vocabulary: Vocabulary,
    seen: &Frequencies,
    reuse: &mut HashMap<String, Reusable>,
    times: &mut stream::StageTimes,
) -> Clustered {
    let mut clock = std::time::Instant::now();
    let mut lap = |step: &mut std::time::Duration| {
        let now = std::time::Instant::now();
        *step += now - clock;
        clock = now;
    };
    let mut articles = sort_and_resolve(articles);
    lap(&mut times.resolve);
    let prior: Vec<Option<Reusable>> = articles.iter().map(|a| reuse.remove(&a.article.id)).collect();
    reuse.clear();
    let signatures: Vec<Option<Signature>> = articles
        .par_iter()
        .zip(&prior)
        .map(|(a, prior)| prior.as_ref().map_or_else(|| syndication::signature_of(&a.article.body), |p| p.signature))
        .collect();
    let copy_of = {
        let bodies: Vec<&str> = articles.iter().map(|a| a.article.body.as_str()).collect();
        let mut order: Vec<usize> = (0..articles.len()).collect();
        // The original: the earliest; on the same day the shortest (copies add their own lines).
        order.sort_by_key(|&i| (articles[i].article.published.is_none(), articles[i].article.published, bodies[i].len(), i));
        syndication::copies_signed(&bodies, &signatures, &order)
    };
    lap(&mut times.copies);
    let known: Vec<Option<&[u32]>> = prior.iter().map(|p| p.as_ref().map(|p| p.terms.as_slice())).collect();
    let (mut features, terms) = storyline_cluster::article_features_reusing(vocabulary, seen, &articles, &known);
    features.copy_of = copy_of.clone();
    lap(&mut times.features);
    let dates: Vec<Option<Date>> = articles.iter().map(news_date).collect();
    let clusters = storyline_cluster::cluster_events_after(&features, &dates, config, seen);
    lap(&mut times.clustering);

    // Undated articles take their event's date as context; every article's times are
    // normalised again with it (it completes partial dates and settles contradictions).
    let mut context = vec![None; articles.len()];
    for cluster in &clusters {
        let date = event_date(cluster.members.iter().filter_map(|&m| dates[m]));
        cluster.members.iter().for_each(|&m| context[m] = date);
    }
    articles.par_iter_mut().zip(&context).zip(prior).for_each(|((article, context), prior)| match prior {
        Some(Reusable { anchored: (anchored_with, anchored), .. }) if anchored_with == *context => anchored.apply(article),
        _ => reanchor(article, *context),
    });
    lap(&mut times.reanchor);
    let undated_when_clustered: Vec<bool> = dates.iter().map(Option::is_none).collect();
    let dates: Vec<Option<Date>> = articles.iter().map(news_date).collect();
    let event_dates: Vec<Option<Date>> = clusters.iter().map(|c| event_date(c.members.iter().filter_map(|&m| dates[m]))).collect();

    let mut heads: Vec<(String, Vec<usize>, Option<Date>, usize)> = clusters
        .par_iter()
        .zip(&event_dates)
        .enumerate()
        .map(|(c, (cluster, date))| {
            let mut members = cluster.members.clone();
            members.sort_by_key(|&m| (dates[m].is_none(), dates[m], m));
            let ids: Vec<&str> = {
                let mut ids: Vec<&str> = members.iter().map(|&m| articles[m].article.id.as_str()).collect();
                ids.sort();
                ids
            };
            (format!("ev-{}", short_hash(&ids.join(" "))), members, *date, c)
        })
        .collect();
    heads.sort_by(|a, b| (a.2.is_none(), a.2, &a.0).cmp(&(b.2.is_none(), b.2, &b.0)));
    let mut event_of = vec![None; articles.len()];
    for (e, head) in heads.iter().enumerate() {
        for &m in &head.1 {
            event_of[m] = Some(e);
        }
    }
    // Runners-up were named by clustering order; name them by event order.
    let first_members: Vec<Option<usize>> = clusters.iter().map(|c| c.members.first().copied()).collect();
    let mut whys: Vec<Vec<Membership>> = clusters.into_iter().map(|c| c.why).collect();
    let heads = heads
        .into_iter()
        .map(|(id, members, date, c)| {
            let mut why = std::mem::take(&mut whys[c]);
            for why in &mut why {
                why.runner_up = why.runner_up.and_then(|c| first_members.get(c).copied().flatten()).and_then(|m| event_of[m]);
                // Undated when it joined (the time signal had none): the days from the date it ends up with.
                if undated_when_clustered[why.article] {
                    why.days_apart = dates[why.article].zip(date).map(|(a, e)| storyline_cluster::days_between(a, e));
                }
            }
            Head { id, members, date, why }
        })
        .collect();
    lap(&mut times.clustering);
    Clustered { articles, copy_of, event_of, heads, dates, features, signatures, terms, context }
}

/// What storylines need of an event once its brief is written.
#[derive(Debug, Clone)]
struct EventSummary {
    id: String,
    date: Option<Date>,
    /// Its first kind of happening ("visit").
    kind: Option<String>,
    title: String,
}

impl EventSummary {
    fn of(event: &Event) -> Self {
        Self { id: event.id.clone(), date: event.date, kind: event.brief.kind.first().cloned(), title: event.brief.title.clone() }
    }
}

/// A linked storyline with its title and reason; `surface(e, stems)` gives readable words
/// for shared terms, as event `e` words them.
fn storyline(line: &storyline_cluster::Storyline, events: &[EventSummary], mut surface: impl FnMut(usize, &[String]) -> Vec<String>) -> Storyline {
    let ids: Vec<&str> = line.events.iter().map(|&e| events[e].id.as_str()).collect();
    let actors: Vec<&str> = line.shared_entities.iter().take(3).map(String::as_str).collect();
    let steps: Vec<&str> = line.events.iter().filter_map(|&e| events[e].kind.as_deref()).collect();
    let title = match (actors.is_empty(), steps.is_empty()) {
        (false, false) => format!("{}: {}", actors.join(", "), steps.join(" → ")),
        (false, true) => actors.join(", "),
        _ => events.get(line.events[0]).map_or_else(String::new, |e| e.title.clone()),
    };
    let (first, last) = (line.events.first().and_then(|&e| events[e].date), line.events.last().and_then(|&e| events[e].date));
    let span = first.zip(last).map(|(a, b)| format!(", {} days from first to last", (b - a).get_days())).unwrap_or_default();
    let words: Vec<String> = match line.events.first() {
        Some(&e) => surface(e, &line.shared_terms),
        None => line.shared_terms.clone(),
    };
    let why = format!(
        "{} events in date order sharing the actors {} and the subject ({}){}",
        line.events.len(),
        if actors.is_empty() { "(none)".to_string() } else { line.shared_entities.join(", ") },
        words.join(", "),
        span,
    );
    Storyline { id: format!("st-{}", short_hash(&ids.join(" "))), title, events: line.events.clone(), why }
}

/// Re-normalises an article's times with its event's date as context, and dates an
/// article that had no date of its own.
fn reanchor(article: &mut AnalyzedArticle, context: Option<Date>) {
    let body = &article.article.body;
    let sentences = &article.analysis.sentences;
    let dated = article.article.published.is_some();
    if !dated {
        let inferred = time::infer_article_date(body, sentences, context)
            .or_else(|| context.map(|d| (d, DateSource::Event)));
        if let Some((date, source)) = inferred {
            article.article.published = Some(date);
            article.article.published_source = Some(source);
        }
    }
    // A dated article's times were found against its own date with no context.
    let unchanged = dated && !time::context_can_change(&article.analysis.times, article.article.published);
    if !unchanged && (article.analysis.language == "en" || article.analysis.language == "und") {
        let anchor = TimeAnchor { reference: article.article.published, context };
        article.analysis.times = time::find_times(body, sentences, &anchor);
    }
}

/// The day an article's news happened: the first full date in its lead (not a photo's, as in
/// "In this Dec. 12, 2006, file photo"), else its own date.
pub fn news_date(article: &AnalyzedArticle) -> Option<Date> {
    let lead_end = article.lead_end();
    let body = &article.article.body;
    article
        .analysis
        .times
        .iter()
        .filter(|t| t.span.end <= lead_end && t.kind == TimexType::Date && !time::dates_a_picture(body, t.span.end))
        .find_map(|t| t.day())
        .filter(|d| article.article.published.is_none_or(|p| *d <= p))
        .or(article.article.published)
}

/// The most common date among an event's articles (the earliest on a tie).
fn event_date(dates: impl Iterator<Item = Date>) -> Option<Date> {
    let mut counts: BTreeMap<Date, usize> = BTreeMap::new();
    for d in dates {
        *counts.entry(d).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(d, _)| d)
}

fn short_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..12].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use storyline_cluster::features::SparseVector;
    use storyline_model::{Content, GivenMeta};

    fn article(source: &str, published: Option<&str>, text: &str) -> AnalyzedArticle {
        let meta = GivenMeta { published: published.map(str::to_string), ..GivenMeta::default() };
        process_document(&RawDocument { source: source.into(), content: Content::CleanText(text.into()), meta }).expect("an article")
    }

    /// What `reanchor` keeps without recomputing is what recomputing gives.
    #[test]
    fn reanchoring_a_dated_article_keeps_or_recomputes_the_same_times() {
        let texts = [
            "The minister arrived on Tuesday and will leave on Friday, June 21. Talks began last week.",
            // A weekday that contradicts its date: the event's date decides which one stands.
            "The summit opened on Wednesday, June 20, 2024 and closed a day later.",
            "Officials said on Monday that 40 people died; the storm hit on Sunday.",
        ];
        for text in texts {
            for context in [None, Some(date(2024, 6, 19)), Some(date(2024, 6, 20)), Some(date(2023, 1, 2))] {
                let mut kept = article("a.txt", Some("2024-06-21"), text);
                let anchor = TimeAnchor { reference: kept.article.published, context };
                let recomputed = time::find_times(&kept.article.body, &kept.analysis.sentences, &anchor);
                reanchor(&mut kept, context);
                assert_eq!(kept.analysis.times, recomputed, "{text:?} with {context:?}");
            }
        }
    }

    #[test]
    fn a_photo_caption_does_not_date_the_news() {
        let caption = "In this Dec. 12, 2006, file photo, astronauts work outside the International Space Station. \
            BERLIN -- The European Space Agency said on Monday that hibernation could shrink spacecraft.";
        assert_eq!(news_date(&article("esa.txt", Some("2019-11-20"), caption)), Some(date(2019, 11, 18)));
        let undated = article("esa.txt", None, &caption.replace(" on Monday", ""));
        assert_eq!(news_date(&undated), None, "{:?}", (undated.article.published, &undated.analysis.times));
        // The same date not a picture's still dates the news.
        let news = article("esa.txt", Some("2006-12-13"), "On Dec. 12, 2006, astronauts walked outside the station.");
        assert_eq!(news_date(&news), Some(date(2006, 12, 12)));
    }

    const WIRE: &str = "ANKARA (Reuters) - A magnitude 7.0 earthquake struck the Aegean coast of Turkey on Friday, \
        toppling buildings in the city of Izmir and killing at least 24 people, officials said. Rescuers worked through \
        the night to pull survivors from the rubble of collapsed apartment blocks, and the disaster agency said more \
        than 800 people were injured. Turkish President Tayyip Erdogan said the state would stand by the victims.";

    /// Everything `cluster` gives that a part's results are made of, printed (floats as
    /// their shortest exact form).
    fn outcome(c: &Clustered) -> String {
        let heads: Vec<(&String, &Vec<usize>)> = c.heads.iter().map(|h| (&h.id, &h.members)).collect();
        let terms: Vec<&SparseVector> = c.features.articles.iter().map(|f| &f.terms).collect();
        format!("{:?}", (&c.articles, &c.copy_of, &c.event_of, heads, terms))
    }

    #[test]
    fn what_a_part_hands_on_is_what_the_next_would_find_again() {
        let articles = vec![
            article("quake/reuters.txt", Some("2020-10-30"), WIRE),
            article("quake/copy.txt", Some("2020-10-30"), &format!("{WIRE} Follow our live coverage for updates.")),
            article(
                "quake/undated.txt",
                None,
                "Rescue teams in Izmir pulled a teenage girl alive from the rubble on Saturday, a day after the earthquake \
                 that toppled buildings across the city. The death toll from Friday's quake rose to 37, the disaster \
                 agency said, as Erdogan visited the city on Sunday.",
            ),
            article("rates/ecb.txt", Some("2020-10-29"), "The European Central Bank kept interest rates unchanged on Thursday but signalled more stimulus in December, President Christine Lagarde told reporters in Frankfurt."),
        ];
        let config = Config::default();
        let mut times = stream::StageTimes::default();
        let mut first = cluster(articles.clone(), &config, Vocabulary::default(), &Frequencies::default(), &mut HashMap::new(), &mut times);
        let mut reuse: HashMap<String, Reusable> = (0..first.articles.len()).map(|i| (first.articles[i].article.id.clone(), first.reusable(i))).collect();
        assert!(first.signatures.iter().filter(|s| s.is_some()).count() >= 2 && first.context.iter().any(Option::is_some));
        let vocabulary = first.features.vocabulary.clone();
        // The same articles again, and without the first: with what was handed on and without.
        for part in [articles.clone(), articles[1..].to_vec()] {
            let again = cluster(part.clone(), &config, vocabulary.clone(), &Frequencies::default(), &mut reuse.clone(), &mut times);
            let fresh = cluster(part, &config, vocabulary.clone(), &Frequencies::default(), &mut HashMap::new(), &mut times);
            assert_eq!(outcome(&again), outcome(&fresh));
        }
        // Handed on with another event date, the times are normalised again.
        reuse.values_mut().for_each(|r| r.anchored = (Some(date(1999, 1, 1)), Anchored { published: None, published_source: None, times: Vec::new() }));
        let again = cluster(articles.clone(), &config, vocabulary.clone(), &Frequencies::default(), &mut reuse, &mut times);
        assert_eq!(outcome(&again), outcome(&cluster(articles, &config, vocabulary, &Frequencies::default(), &mut HashMap::new(), &mut times)));
    }

    #[test]
    fn an_article_dated_only_by_its_event_is_explained_with_that_date() {
        let undated = article(
            "quake/undated.txt",
            None,
            "Rescue teams in Izmir pulled a teenage girl alive from the rubble on October 31, a day after the earthquake \
             that toppled buildings across the city. The death toll from the quake rose to 37, the disaster agency said.",
        );
        let corpus = build_corpus(vec![article("quake/reuters.txt", Some("2020-10-30"), WIRE), undated]);
        let [event] = &corpus.events[..] else { panic!("one event: {:?}", corpus.events) };
        assert_eq!(event.date, Some(date(2020, 10, 30)));
        let why = event.why.iter().find(|w| corpus.articles[w.article].article.source == "quake/undated.txt").expect("its membership");
        assert_eq!(corpus.articles[why.article].article.published, Some(date(2020, 10, 31)));
        assert_eq!(why.days_apart, Some(1));
    }

    #[test]
    fn event_date_is_the_mode_then_earliest() {
        let d = [date(2024, 6, 20), date(2024, 6, 21), date(2024, 6, 20)];
        assert_eq!(event_date(d.into_iter()), Some(date(2024, 6, 20)));
        let tie = [date(2024, 6, 21), date(2024, 6, 20)];
        assert_eq!(event_date(tie.into_iter()), Some(date(2024, 6, 20)));
        assert_eq!(event_date(std::iter::empty()), None);
    }
}
