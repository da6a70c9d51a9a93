//! Main text and metadata of a document: [`extract`] turns a [`RawDocument`] into an [`Article`].
//!
//! - `Content::Text` (scraped visible text) goes through the text cleaner (`clean`): a line
//!   classifier (`rules`) and a context pass that keeps body paragraphs and subheadings and
//!   drops teasers, promotions, tags, breadcrumbs, photo credits, bylines and credit lines.
//! - `Content::Html` is parsed into our own page tree (`dom`); its main text is chosen on it by
//!   Readability's method (`content`), its metadata read from it (`html`, `authors`), and the
//!   text then goes through the same cleaner.
//! - `Content::CleanText` only gets light cleanup.
mod authors;
mod byline;
mod clean;
mod content;
mod dates;
mod dom;
mod html;
mod mojibake;
mod page_dates;
mod prune;
mod rules;

pub use dates::parse_date;
pub use html::{Baseline, dom_smoothie_baseline};

use storyline_model::{Article, Content, DateSource, RawDocument};

/// Why no article could be extracted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// Nothing that looks like article text.
    #[error("no article text found")]
    NoText,
}

/// Inputs larger than this are truncated (with a warning).
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;

/// Longest headline made from the lead, in characters (before the "…").
const LEAD_HEADLINE_CHARS: usize = 110;

/// Extracts the clean article from one raw document. Never panics.
pub fn extract(doc: &RawDocument) -> Result<Article, ExtractError> {
    let meta = &doc.meta;
    let mut warnings = Vec::new();
    let given_title = meta.title.as_deref().map(str::trim).filter(|t| !t.is_empty());

    let (raw, light) = match &doc.content {
        Content::Text(t) => (t.as_str(), false),
        Content::CleanText(t) => (t.as_str(), true),
        Content::Html(h) => (h.as_str(), false),
    };
    let input = storyline_model::truncate(raw, MAX_INPUT_BYTES);
    if input.len() < raw.len() {
        warnings.push(format!("input larger than {MAX_INPUT_BYTES} bytes: truncated"));
    }
    let repaired = mojibake::repair(input);
    if matches!(repaired, std::borrow::Cow::Owned(_)) {
        warnings.push("text decoded twice (\"doesnâ€™t\"): repaired".to_string());
    }
    let input = repaired.as_ref();

    let (mut cleaned, page) = match &doc.content {
        Content::Html(_) => {
            let known = html::KnownMeta { title: given_title, site: meta.site.as_deref(), url: meta.url.as_deref() };
            let page = html::extract_html(input, known, &mut warnings);
            (page.cleaned, Some(page.meta))
        }
        _ if light => (clean::clean_light(input, given_title), None),
        _ => (clean::clean_text(input, given_title), None),
    };
    if cleaned.paragraphs.is_empty() {
        // A headline-only item (aggregators, feeds): the headline is all the text there is.
        let Some(title) = given_title else {
            return Err(ExtractError::NoText);
        };
        cleaned.paragraphs.push(title.to_string());
        warnings.push("no body: the headline stands for the text".to_string());
    }
    let body = cleaned.paragraphs.join("\n\n");

    let title = given_title
        .map(str::to_string)
        .or_else(|| page.as_ref().and_then(|p| p.title.clone()))
        .or_else(|| cleaned.title.clone());
    let headline = title.clone().unwrap_or_else(|| lead_headline(&body, cleaned.dateline.as_deref()));

    let (published, published_source) = publication_date(meta.published.as_deref(), page.as_ref(), &cleaned, &mut warnings);
    let published_at = published_timestamp(meta.published.as_deref(), page.as_ref(), published);

    let mut credits = cleaned.credits.clone();
    let mut authors: Vec<String> = Vec::new();
    let given_authors: Vec<&String> = meta.authors.iter().chain(page.iter().flat_map(|p| p.authors.iter())).collect();
    // The text's own bylines only when the page's metadata and markup name nobody: the text
    // of a page also holds reviewers' and photographers' credits.
    let text_authors = if given_authors.is_empty() { cleaned.authors.as_slice() } else { &[] };
    for a in given_authors.into_iter().chain(text_authors) {
        let a = a.trim();
        let a = a.strip_prefix("By ").or_else(|| a.strip_prefix("by ")).unwrap_or(a).trim();
        match byline::agency(a) {
            Some(agency) => byline::push_unique(&mut credits, agency),
            None => byline::push_unique(&mut authors, a),
        }
    }

    Ok(Article {
        id: body_id(&body),
        source: doc.source.clone(),
        url: nonempty(meta.url.as_deref()).or_else(|| page.as_ref().and_then(|p| p.url.clone())),
        site: nonempty(meta.site.as_deref()).or_else(|| page.as_ref().and_then(|p| p.site.clone())),
        title,
        headline,
        body,
        authors,
        credits,
        dateline: cleaned.dateline.clone(),
        published,
        published_source,
        warnings,
        canonical_url: page.as_ref().and_then(|p| p.url.clone()),
        published_at,
        modified: page.as_ref().and_then(|p| p.modified.as_deref()).and_then(dates::iso_timestamp),
        language: nonempty(meta.language.as_deref()).or_else(|| page.as_ref().and_then(|p| p.lang.clone())),
    })
}

fn nonempty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// The publication date: given metadata, then page metadata, then a byline date.
fn publication_date(
    given: Option<&str>,
    page: Option<&html::PageMeta>,
    cleaned: &clean::Cleaned,
    warnings: &mut Vec<String>,
) -> (Option<jiff::civil::Date>, Option<DateSource>) {
    if let Some(g) = given.map(str::trim).filter(|g| !g.is_empty()) {
        match parse_date(g) {
            Some(d) => return (Some(d), Some(DateSource::Metadata)),
            None => warnings.push(format!("unparsed publication date {g:?}")),
        }
    }
    if let Some(d) = page.and_then(|p| p.published.as_deref()).and_then(parse_date) {
        return (Some(d), Some(DateSource::Metadata));
    }
    match cleaned.date {
        Some(d) => (Some(d), Some(DateSource::Byline)),
        None => (None, None),
    }
}

/// The publication timestamp in ISO 8601 from the same source as `published` (with time and
/// zone when that source has them), else the day alone.
fn published_timestamp(given: Option<&str>, page: Option<&html::PageMeta>, published: Option<jiff::civil::Date>) -> Option<String> {
    let day = published?;
    let candidates = given.into_iter().chain(page.and_then(|p| p.published.as_deref()));
    candidates
        .filter_map(dates::iso_timestamp)
        .find(|ts| ts.get(..10) == Some(day.to_string().as_str()))
        .or_else(|| Some(day.to_string()))
}

/// Stable identity: blake3 of the body lower-cased with whitespace collapsed (16 hex chars).
pub fn body_id(body: &str) -> String {
    let hex = blake3::hash(rules::collapse_lower(body, false).as_bytes()).to_hex();
    hex.as_str().get(..16).unwrap_or_default().to_string()
}

/// A headline made from the lead: the first sentence of the body (without its dateline),
/// cut at a word boundary to at most 110 characters with "…".
pub fn lead_headline(body: &str, dateline: Option<&str>) -> String {
    let first = body.split("\n\n").next().unwrap_or("").trim();
    let first = strip_dateline(first, dateline);
    let sentence = first_sentence(first);
    let sentence = sentence.trim_end_matches(['.', ' ']);
    if sentence.chars().count() <= LEAD_HEADLINE_CHARS {
        return sentence.to_string();
    }
    let mut cut = String::new();
    for word in sentence.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > LEAD_HEADLINE_CHARS {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        cut = sentence.chars().take(LEAD_HEADLINE_CHARS).collect();
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '-', '–', '—']))
}

/// "HANOI (Reuters) - Vietnam said …" → "Vietnam said …".
fn strip_dateline<'a>(par: &'a str, dateline: Option<&str>) -> &'a str {
    let Some(place) = dateline else { return par };
    if !par.starts_with(place) {
        return par;
    }
    [":", " - ", " – ", " — ", " -- "]
        .iter()
        .filter_map(|sep| par.find(sep).map(|p| p + sep.len()))
        .min()
        .and_then(|p| par.get(p..))
        .map(str::trim_start)
        .filter(|rest| !rest.is_empty())
        .unwrap_or(par)
}

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "ltd",
    "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "approx", "est", "dept", "mt", "ft",
];

/// The first sentence of a paragraph: up to `.`/`!`/`?` followed by a space and a capital or quote.
fn first_sentence(par: &str) -> &str {
    let chars: Vec<(usize, char)> = par.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(k + 1).map(|x| x.1);
        let after = chars.get(k + 2).map(|x| x.1);
        let closes = next == Some(' ') && after.is_some_and(|a| a.is_uppercase() || "\"“‘'(".contains(a));
        if !closes {
            continue;
        }
        let word = par[..i].rsplit(' ').next().unwrap_or("").to_lowercase();
        let word = word.trim_start_matches(|ch: char| !ch.is_alphanumeric());
        let single_initial = word.chars().count() == 1 && c == '.';
        if c == '.' && (ABBREVIATIONS.contains(&word) || single_initial) {
            continue;
        }
        return &par[..i + c.len_utf8()];
    }
    par
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_from_lead() {
        let check = |body: &str, dateline: Option<&str>, expected: &str| {
            assert_eq!(lead_headline(body, dateline), expected, "{body:?}");
        };
        check("The council met on Monday. It voted.", None, "The council met on Monday");
        check("Mr. Smith met Dr. Jones in the U.S. capital. Then he left.", None, "Mr. Smith met Dr. Jones in the U.S. capital");
        check("MANILA (Reuters) - The council met. It voted.", Some("MANILA"), "The council met");
        let long = "The council met on Monday to discuss a very long list of items including the budget, schools, roads, bridges and parks";
        let got = lead_headline(long, None);
        assert!(got.ends_with('…') && got.chars().count() <= LEAD_HEADLINE_CHARS + 1, "{got}");
        assert!(long.starts_with(got.trim_end_matches('…')));
    }

    #[test]
    fn ids_are_stable() {
        assert_eq!(body_id("Hello  World\n\nAgain"), body_id("hello world again"));
        assert_eq!(body_id("x").len(), 16);
        assert_ne!(body_id("a"), body_id("b"));
        // The same as lower-casing the whole text at once, final sigmas included.
        let text = "ΟΔΟΣ  Σ ΑΣ\nHello WORLD";
        let whole = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        assert_eq!(body_id(text), blake3::hash(whole.as_bytes()).to_hex().as_str()[..16]);
    }

    #[test]
    fn headline_only_items_keep_the_headline_as_text() {
        let doc = |text: &str, title: Option<&str>| RawDocument {
            source: "feed#1".into(),
            content: Content::CleanText(text.into()),
            meta: storyline_model::GivenMeta { title: title.map(str::to_string), ..Default::default() },
        };
        let article = extract(&doc("Fed holds rates steady", Some("Fed holds rates steady"))).unwrap();
        assert_eq!(article.body, "Fed holds rates steady");
        assert_eq!(article.title.as_deref(), Some("Fed holds rates steady"));
        assert_eq!(article.warnings.len(), 1);
        assert_eq!(extract(&doc("  ", None)), Err(ExtractError::NoText));
    }
}
