//! RSS and Atom feeds (`.rss`, `.atom`, and `.xml` files whose root element is `rss`,
//! `feed` or `rdf:RDF`), parsed with `feed-rs`.
//!
//! Each item with content — `content:encoded`, Atom `content`, or a description or
//! summary of at least [`MIN_SUMMARY_WORDS`] words — becomes a document: HTML content
//! as [`Content::Html`] (wrapped in a minimal page), plain text as
//! [`Content::CleanText`]; its title, link, date (published, else updated) and authors
//! go into [`GivenMeta`]. An item with only a link (and perhaps a short teaser) is
//! reported as a [`Reason::LinkOnly`] notice: nothing is fetched.

use crate::error::{InputError, Locus, Reason};
use crate::Limits;
use storyline_model::{Content, GivenMeta, RawDocument};

/// A description or summary at least this long (in words) is the article itself,
/// not a teaser.
pub const MIN_SUMMARY_WORDS: usize = 60;

/// True when the first element of this XML is a feed's root (`rss`, `feed`, `rdf:RDF`);
/// false for any other root element or for text that is not XML.
pub(crate) fn is_feed(bytes: &[u8]) -> bool {
    root_element(bytes).is_some_and(|name| {
        let name = name.to_ascii_lowercase();
        matches!(name.as_str(), "rss" | "feed" | "rdf:rdf" | "rdf")
    })
}

/// The name of the first element, skipping the XML declaration, comments, processing
/// instructions and a doctype in the first 8 KB.
fn root_element(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rest = &bytes[..bytes.len().min(8192)];
    loop {
        rest = rest.trim_ascii_start();
        let skip_to = |rest: &[u8], end: &[u8]| -> Option<usize> {
            rest.windows(end.len()).position(|w| w == end).map(|i| i + end.len())
        };
        if rest.starts_with(b"<?") {
            rest = &rest[skip_to(rest, b"?>")?..];
        } else if rest.starts_with(b"<!--") {
            rest = &rest[skip_to(rest, b"-->")?..];
        } else if rest.starts_with(b"<!") {
            rest = &rest[skip_to(rest, b">")?..];
        } else if let Some(tag) = rest.strip_prefix(b"<") {
            let len = tag.iter().position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/')).unwrap_or(tag.len());
            return (len > 0).then(|| String::from_utf8_lossy(&tag[..len]).into_owned());
        } else {
            return None;
        }
    }
}

/// Reads a feed: one entry per item, a document or a notice or error naming the item.
pub(crate) fn read_feed(source: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Result<RawDocument, InputError>>, InputError> {
    if bytes.trim_ascii().is_empty() {
        return Err(InputError::new(source, Reason::Empty));
    }
    let feed = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build()
        .parse(bytes)
        .map_err(|e| InputError::new(source, Reason::InvalidFeed(e.to_string())))?;
    if feed.entries.is_empty() {
        return Err(InputError::new(source, Reason::Empty));
    }
    let language = feed.language.clone();
    Ok(feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| item(source, i + 1, entry, language.as_deref(), limits))
        .collect())
}

fn item(
    source: &str,
    number: usize,
    entry: &feed_rs::model::Entry,
    language: Option<&str>,
    limits: &Limits,
) -> Result<RawDocument, InputError> {
    let err = |reason| InputError::at(source, Locus::Item(number), reason);
    let title = entry.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    let url = link(entry);
    let content = entry
        .content
        .as_ref()
        .and_then(|c| Some((c.body.as_deref()?, c.content_type.to_string().contains("html"))))
        .filter(|(body, _)| !body.trim().is_empty());
    // feed-rs labels every RSS description as HTML (it may hold escaped markup): look.
    let summary = entry
        .summary
        .as_ref()
        .map(|s| (s.content.as_str(), false))
        .filter(|(body, _)| word_count(&visible(body)) >= MIN_SUMMARY_WORDS);
    let Some((body, html)) = content.or(summary) else {
        return Err(err(match url {
            Some(url) => Reason::LinkOnly(url),
            None => Reason::EmptyRecord,
        }));
    };
    if body.len() as u64 > limits.max_record {
        return Err(err(Reason::RecordTooLarge(limits.max_record)));
    }
    let content = if html || looks_like_markup(body) {
        Content::Html(page(title.as_deref(), body))
    } else {
        Content::CleanText(body.trim().to_string())
    };
    let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
    let mut authors: Vec<String> = Vec::new();
    for name in entry.authors.iter().map(|p| p.name.trim()).filter(|n| !n.is_empty()) {
        if !authors.iter().any(|a| a == name) {
            authors.push(name.to_string());
        }
    }
    let meta = GivenMeta {
        title,
        url,
        site: None,
        published,
        authors,
        language: entry.language.as_deref().or(language).map(str::to_string),
    };
    Ok(RawDocument { source: format!("{source}#{number}"), content, meta })
}

/// The item's web page: an `alternate` (or untyped) link, else any link, else a URL id.
fn link(entry: &feed_rs::model::Entry) -> Option<String> {
    let web = |l: &&feed_rs::model::Link| l.href.starts_with("http") && l.rel.as_deref().is_none_or(|r| r == "alternate");
    entry
        .links
        .iter()
        .find(web)
        .or_else(|| entry.links.iter().find(|l| l.href.starts_with("http")))
        .map(|l| l.href.trim().to_string())
        .or_else(|| entry.id.starts_with("http").then(|| entry.id.trim().to_string()))
}

/// A minimal HTML page around a feed item's content.
fn page(title: Option<&str>, body: &str) -> String {
    let title = title.map(escape).unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body><article>\n{body}\n</article></body></html>\n"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn looks_like_markup(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["<p>", "<p ", "<br", "</p>", "<div", "</a>", "<img"].iter().any(|t| lower.contains(t))
}

/// The text outside tags.
fn visible(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots() {
        assert!(is_feed(b"<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">"));
        assert!(is_feed(b"\xEF\xBB\xBF<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(is_feed(b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>"));
        assert!(!is_feed(b"<?xml version=\"1.0\"?><urlset>"));
        assert!(!is_feed(b"plain text"));
        assert!(!is_feed(b"<!-- never closed"));
    }

    #[test]
    fn teaser_is_link_only() {
        let rss = br#"<rss version="2.0"><channel><title>T</title>
            <item><title>Short</title><link>https://x.test/1</link><description>Just a teaser.</description></item>
            <item><title>Nothing</title></item>
            </channel></rss>"#;
        let items = read_feed("f.rss", rss, &Limits::default()).unwrap_or_default();
        let reasons: Vec<_> = items.iter().map(|r| r.as_ref().err().map(|e| e.to_string())).collect();
        assert_eq!(
            reasons,
            vec![Some("f.rss: item 1: link only: https://x.test/1".to_string()), Some("f.rss: item 2: empty record".to_string())]
        );
    }

    #[test]
    fn invalid_feed() {
        let e = read_feed("f.rss", b"<rss><channel><item>", &Limits::default()).map(|_| ()).map_err(|e| e.reason);
        assert!(matches!(e, Err(Reason::InvalidFeed(_)) | Err(Reason::Empty)), "{e:?}");
    }
}
