//! Shared types of the Storyline pipeline.
//!
//! Data flows one way: [`RawDocument`] (ingest) → [`Article`] (extract) →
//! [`Analysis`] (analyze) → events and storylines (cluster) → briefs (brief).
//! The public JSON contract of `storyline analyze --json` lives in [`report`].

pub mod report;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// `s` cut to at most `max` bytes, on a character boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Byte range into an article's `body`. Always on UTF-8 character boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text of this span in `text`; empty if the span does not fit.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How a document's content was given to us.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Content {
    /// Visible text as a scraper saved it: maybe a title line, paragraphs, boilerplate.
    Text(String),
    /// An HTML page.
    Html(String),
    /// Text that is already the clean article body (e.g. news-please `maintext`).
    CleanText(String),
}

/// Metadata that came with a document from its container (JSONL fields, HTTP headers, feeds).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    /// Publication date or timestamp as given (any common format; parsed by `extract`).
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
}

/// One document as read from the input, before extraction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDocument {
    /// Where it came from: the path as given, with `#N` for the N-th record of a container.
    pub source: String,
    pub content: Content,
    pub meta: GivenMeta,
}

/// Where an article's publication date came from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// Given by the container or the page's metadata.
    Metadata,
    /// A byline or dateline date in the text ("By X – Reuters – March 26, 2024").
    Byline,
    /// A full date the text reports its news on ("on Thursday, 20th June, 2024").
    Text,
    /// A partial date in the text (month and day) completed by the article's event.
    TextAndEvent,
    /// Not stated at all: taken from the article's event.
    Event,
}

/// A clean article: main text without boilerplate, plus metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identity: a hash of the normalised body (re-ingesting adds nothing).
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub site: Option<String>,
    /// The article's own title, if the input has one.
    pub title: Option<String>,
    /// The title, or one made from the lead when there is none.
    pub headline: String,
    /// Paragraphs separated by blank lines.
    pub body: String,
    pub authors: Vec<String>,
    /// Agencies credited ("AFP", "Reuters").
    pub credits: Vec<String>,
    /// The place the dateline names ("HANOI").
    pub dateline: Option<String>,
    pub published: Option<Date>,
    pub published_source: Option<DateSource>,
    pub warnings: Vec<String>,
    /// The page's canonical URL (`<link rel=canonical>`, `og:url`), when it states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// The publication timestamp as the source states it, ISO 8601 (`2024-06-20T08:15:00+02:00`,
    /// or just the day), when the source gives more than `published` holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
    /// The last modification timestamp the page declares, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The language the page declares (`<html lang>`, `og:locale`, container metadata), as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Article {
    /// When the article says it was published, in seconds since 1970, if its metadata gives a
    /// time of day (a time without a zone is read as UTC): the order of articles of one day.
    pub fn published_instant(&self) -> Option<i64> {
        let stamp = self.published_at.as_deref().filter(|s| s.len() > 10)?;
        match stamp.parse::<jiff::Timestamp>() {
            Ok(ts) => Some(ts.as_second()),
            Err(_) => Some(stamp.parse::<jiff::civil::DateTime>().ok()?.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp().as_second()),
        }
    }

    /// The order of articles of one news date, not their input order: by publication time
    /// when known ([`Self::published_instant`], none first), then content
    /// ([`Self::content_key`]), then source (which tells exact duplicates apart).
    pub fn order_in_day(&self) -> (Option<i64>, String, String) {
        (self.published_instant(), self.content_key(), self.source.clone())
    }

    /// A hash of the article's URL, title and body: the order of articles of the same news
    /// date and time, so that it does not depend on their input order.
    pub fn content_key(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        for part in [self.url.as_deref().unwrap_or_default(), self.title.as_deref().unwrap_or_default(), &self.body] {
            hasher.update(&(part.len() as u64).to_le_bytes()).update(part.as_bytes());
        }
        hasher.finalize().to_hex()[..32].to_string()
    }

    /// An article with just a source and a body; every other field empty.
    pub fn new(source: impl Into<String>, body: impl Into<String>) -> Self {
        Self {
            id: String::new(),
            source: source.into(),
            url: None,
            site: None,
            title: None,
            headline: String::new(),
            body: body.into(),
            authors: Vec::new(),
            credits: Vec::new(),
            dateline: None,
            published: None,
            published_source: None,
            warnings: Vec::new(),
            canonical_url: None,
            published_at: None,
            modified: None,
            language: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    Other,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [Self::Person, Self::Organization, Self::Location, Self::Other];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Location => "location",
            Self::Other => "other",
        }
    }
}

/// A named-entity mention in an article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub kind: EntityKind,
    /// The canonical name of the entity across the corpus (filled by resolution).
    pub canonical: String,
    /// A description standing for the entity ("leader" in "the Russian leader"), not a name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nominal: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A time expression normalised to a TIMEX3-style value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub span: Span,
    pub text: String,
    pub kind: TimexType,
    /// `2024-03-26`, `2023-10`, `2024-W12`, `2024-06-20T01:50`, `P2D`, `2024-06-19/2024-06-20`;
    /// partially unknown values use `X` (`XXXX-03-27`) when no anchor is known.
    pub value: String,
    /// The calendar date the text states literally, when that differs from `value`
    /// (a weekday that contradicts its date: "Tuesday (March 27)").
    pub stated: Option<String>,
    /// Why the expression is suspicious, if it is.
    pub warning: Option<String>,
}

impl TimeExpr {
    /// The value as a calendar day, when it denotes one.
    pub fn day(&self) -> Option<Date> {
        self.value.get(..10).and_then(|s| s.parse().ok())
    }
}

/// A number attached to what it counts: "at least 139 people killed".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub span: Span,
    pub text: String,
    pub value: f64,
    /// The counted noun or unit ("people", "memorandums", "US$").
    pub unit: String,
    /// "at least", "about", "more than" … when the text qualifies the number.
    pub modifier: Option<String>,
}

/// Everything `analyze` finds in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// ISO 639-1 code, or "und" when unsure.
    pub language: String,
    pub sentences: Vec<Span>,
    pub mentions: Vec<Mention>,
    pub times: Vec<TimeExpr>,
    pub quantities: Vec<Quantity>,
}

/// An article with its analysis: the unit the corpus stages work on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzedArticle {
    pub article: Article,
    pub analysis: Analysis,
}

/// Leading sentences of an article that usually carry its news.
pub const LEAD_SENTENCES: usize = 2;

impl AnalyzedArticle {
    /// Where the lead ([`LEAD_SENTENCES`] sentences, or fewer if the body is shorter) ends in
    /// the body; 0 for a body without sentences.
    pub fn lead_end(&self) -> usize {
        let sentences = &self.analysis.sentences;
        sentences.get(LEAD_SENTENCES - 1).or(sentences.last()).map_or(0, |s| s.end)
    }

    pub fn sentence_text(&self, index: usize) -> &str {
        self.analysis.sentences.get(index).map_or("", |s| s.slice(&self.article.body))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn truncation_on_char_boundary() {
        assert_eq!(super::truncate("héllo", 2), "h");
        assert_eq!(super::truncate("abc", 10), "abc");
    }

    #[test]
    fn publication_instants() {
        let at = |stamp: Option<&str>| super::Article { published_at: stamp.map(str::to_string), ..super::Article::new("a", "b") }.published_instant();
        assert_eq!(at(Some("2014-03-10T17:06:10Z")), Some(1_394_471_170));
        assert_eq!(at(Some("2014-03-10T18:06:10+01:00")), Some(1_394_471_170));
        // No zone: UTC.
        assert_eq!(at(Some("2014-03-10T17:06:10")), Some(1_394_471_170));
        // A day alone says no time.
        assert_eq!(at(Some("2014-03-10")), None);
        assert_eq!(at(None), None);
    }
}
