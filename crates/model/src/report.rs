//! The JSON contract of `storyline analyze --json` (documented in `docs/json.md`,
//! schema in `docs/report.schema.json`). Later changes only add fields.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    pub articles: Vec<ArticleReport>,
    pub events: Vec<EventReport>,
    pub storylines: Vec<StorylineReport>,
    /// The corpus's entities, most mentioned first ([`entity_table`] of `articles`).
    #[serde(default)]
    pub entities: Vec<EntityEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ArticleReport {
    /// Stable article id (hash of the normalised body).
    pub id: String,
    /// The input path as given (`#N` appended for the N-th record of a container).
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub headline: String,
    pub body: String,
    pub authors: Vec<String>,
    pub credits: Vec<String>,
    pub dateline: Option<String>,
    /// ISO 639-1 code or "und".
    pub language: String,
    /// `YYYY-MM-DD` or null.
    pub published: Option<String>,
    /// Where `published` came from: metadata, byline, text, text_and_event, event.
    pub published_source: Option<String>,
    /// The date of the article's event (`YYYY-MM-DD`).
    pub event_date: Option<String>,
    /// Id of the event the article belongs to.
    pub event: Option<String>,
    /// The source of the article this one copies (a syndicated wire story), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
    /// The agencies that article credits ("AFP"), when this one is a copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copy_of_credits: Vec<String>,
    pub entities: Vec<EntityReport>,
    pub times: Vec<TimeReport>,
    pub quantities: Vec<QuantityReport>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EntityReport {
    pub text: String,
    /// person, organization, location or other.
    #[serde(rename = "type")]
    pub kind: String,
    pub canonical: String,
    /// A description standing for the entity ("leader" in "the Russian leader"), not a name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nominal: bool,
    /// The country a nationality belongs to ("Vietnamese" → "Vietnam").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Byte offsets into `body`.
    pub start: usize,
    pub end: usize,
}

/// One entity of the corpus: the names it goes by and how often it is mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EntityEntry {
    pub canonical: String,
    /// person, organization, location or other: the type most of its mentions have.
    #[serde(rename = "type")]
    pub kind: String,
    /// Distinct names as written (descriptions such as "leader" are not names), sorted.
    pub aliases: Vec<String>,
    /// Mentions, descriptions included.
    pub mentions: usize,
    /// Articles that mention it.
    pub articles: usize,
    /// The country a nationality belongs to ("Vietnamese" → "Vietnam").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// The entities of `articles`, by canonical name: most mentioned first, then by name.
pub fn entity_table(articles: &[ArticleReport]) -> Vec<EntityEntry> {
    let mut table = EntityTable::default();
    articles.iter().for_each(|a| table.add(a));
    table.finish()
}

/// [`entity_table`] built one article at a time (a store's articles need not fit in memory).
#[derive(Debug, Default)]
pub struct EntityTable {
    by_name: std::collections::BTreeMap<String, Tally>,
    articles: usize,
}

#[derive(Debug, Default)]
struct Tally {
    aliases: std::collections::BTreeSet<String>,
    kinds: std::collections::BTreeMap<String, usize>,
    mentions: usize,
    articles: usize,
    last_article: Option<usize>,
    place: Option<String>,
}

impl EntityTable {
    pub fn add(&mut self, article: &ArticleReport) {
        for e in &article.entities {
            let tally = self.by_name.entry(e.canonical.clone()).or_default();
            if !e.nominal {
                tally.aliases.insert(e.text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            *tally.kinds.entry(e.kind.clone()).or_default() += 1;
            tally.mentions += 1;
            if tally.last_article != Some(self.articles) {
                tally.articles += 1;
                tally.last_article = Some(self.articles);
            }
            if tally.place.is_none() {
                tally.place.clone_from(&e.place);
            }
        }
        self.articles += 1;
    }

    pub fn finish(self) -> Vec<EntityEntry> {
        let mut out: Vec<EntityEntry> = self
            .by_name
            .into_iter()
            .map(|(canonical, t)| {
                // The most frequent type; ties go to the first in name order.
                let kind = t.kinds.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map_or("other", |(k, _)| k.as_str()).to_string();
                EntityEntry { canonical, kind, aliases: t.aliases.into_iter().collect(), mentions: t.mentions, articles: t.articles, place: t.place }
            })
            .collect();
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.canonical.cmp(&b.canonical)));
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TimeReport {
    pub text: String,
    /// TIMEX3 type: date, time, duration, set.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3-style value: 2024-03-26, 2023-10, 2024-W12, 2024-06-20T01:50, P2D, 2024-06-19/2024-06-20.
    pub value: String,
    /// The date the text states literally when it differs from `value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QuantityReport {
    pub text: String,
    pub value: f64,
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventReport {
    pub id: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub place: Option<String>,
    /// Event types, most salient first (visit, invitation, phone call, agreement, criticism…).
    pub kind: Vec<String>,
    /// Sources of the member articles.
    pub articles: Vec<String>,
    /// How many of them are independent (copies of one syndicated story count once).
    #[serde(default)]
    pub independent_sources: usize,
    /// The member articles that copy another article (syndication).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<CopyReport>,
    pub entities: EntitiesReport,
    pub summary: Vec<Attributed>,
    pub facts: Vec<Attributed>,
    pub discrepancies: Vec<DiscrepancyReport>,
    /// Why each article is in this event.
    pub why: Vec<MembershipReport>,
}

/// A syndicated copy: its source, the source of the article it copies, and that article's
/// credited agencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CopyReport {
    pub source: String,
    pub copy_of: String,
    pub credits: Vec<String>,
}

/// Canonical entity names of an event by type, most mentioned first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EntitiesReport {
    pub person: Vec<String>,
    pub organization: Vec<String>,
    pub location: Vec<String>,
    pub other: Vec<String>,
}

/// A sentence (or claim) with every source that reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Attributed {
    pub text: String,
    pub sources: Vec<String>,
    /// The source sentences behind it.
    pub evidence: Vec<EvidenceReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EvidenceReport {
    pub source: String,
    pub text: String,
    /// Byte offsets into that article's `body`.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DiscrepancyReport {
    /// What the sources disagree on ("the date of the phone call").
    pub about: String,
    pub values: Vec<DiscrepancyValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DiscrepancyValue {
    /// The value the source gives, normalised (a date, a number).
    pub value: String,
    pub source: String,
    /// The source's words.
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MembershipReport {
    pub source: String,
    /// Similarity to the event when the article joined it (1.0 for the first article).
    pub score: f64,
    pub shared_entities: Vec<String>,
    pub shared_terms: Vec<String>,
    /// Days between the article's date and the event's, when both are known: as they were when
    /// it joined, or for an article that had no date then, the date it ends up with.
    pub days_apart: Option<i64>,
    /// The best other event and its score, if any.
    pub runner_up: Option<String>,
    pub runner_up_score: Option<f64>,
    /// The member it copies word for word, when that is why it is here (a syndicated copy
    /// joins the event of its original, whatever the scores).
    #[serde(default)]
    pub copy_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StorylineReport {
    pub id: String,
    pub title: String,
    /// Event ids in date order.
    pub events: Vec<String>,
    /// Why these events form one story.
    pub why: String,
}
