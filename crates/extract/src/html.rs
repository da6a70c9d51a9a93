//! HTML pages: metadata with `scraper`, main text with `dom_smoothie` (Readability), then
//! the same text cleaner as plain text. Falls back to the page's visible text.
use crate::clean::{Cleaned, clean_text};
use crate::rules::{norm_key, word_count};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

/// What a page's markup says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
}

/// The extracted page: its metadata and its cleaned text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub meta: PageMeta,
    pub cleaned: Cleaned,
}

/// Readability output shorter than this (in characters) counts as a failure.
const MIN_READABLE_CHARS: usize = 200;

pub(crate) fn extract_html(html: &str, known_title: Option<&str>, known_site: Option<&str>, warnings: &mut Vec<String>) -> Page {
    let doc = Html::parse_document(html);
    let mut meta = page_meta(&doc, known_site);
    let hint = known_title.map(str::to_string).or_else(|| meta.title.clone());

    let depth = max_depth(&doc);
    let readable = if depth > MAX_READABLE_DEPTH {
        warnings.push(format!("page nested {depth} elements deep: readability skipped"));
        None
    } else {
        readable_text(html)
    };
    let mut cleaned = match readable {
        Some(text) if text.trim().chars().count() >= MIN_READABLE_CHARS => clean_text(&text, hint.as_deref()),
        _ => Cleaned::default(),
    };
    if cleaned.paragraphs.is_empty() {
        warnings.push("readability found no article text; used the page's visible text".to_string());
        cleaned = clean_text(&visible_text(&doc), hint.as_deref());
    }
    if meta.title.is_none() {
        meta.title = cleaned.title.clone();
    }
    Page { meta, cleaned }
}

/// Readability's scoring slows down badly on absurdly deep trees; real pages stay far below.
const MAX_READABLE_DEPTH: usize = 256;

/// Readability gives up (and the visible text is used) on pages with more elements.
const MAX_READABLE_ELEMENTS: usize = 100_000;

/// The deepest element nesting of the page (iterative walk).
fn max_depth(doc: &Html) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.tree.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(node.children().map(|c| (c, depth + 1)));
    }
    deepest
}

/// The main text as dom_smoothie (Readability) sees it, paragraphs on their own lines.
fn readable_text(html: &str) -> Option<String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: MAX_READABLE_ELEMENTS,
        ..Default::default()
    };
    // A third-party parser must not take the pipeline down with it.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut r = dom_smoothie::Readability::new(html, None, Some(cfg)).ok()?;
        r.parse().ok().map(|a| a.text_content.to_string())
    }))
    .ok()
    .flatten()
}

/// Elements whose text is never visible.
const HIDDEN: &[&str] =
    &["script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select", "button", "nav", "footer", "aside", "form"];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br", "tr", "section", "article", "header",
    "blockquote", "figure", "figcaption", "main", "table", "dd", "dt", "pre", "hr", "title", "td", "th",
];

/// All visible text of a page, one block element per line (iterative: no deep recursion).
fn visible_text(doc: &Html) -> String {
    let mut out = String::new();
    let mut stack = vec![(doc.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) if !closing => {
                out.push(' ');
                out.push_str(&t.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            Node::Element(e) => {
                let name = e.name();
                if HIDDEN.contains(&name) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                if !closing {
                    if block {
                        stack.push((node, true));
                    }
                    let children: Vec<_> = node.children().collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, false)));
                }
            }
            Node::Document | Node::Fragment if !closing => {
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    out
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    Selector::parse(css).map(|s| doc.select(&s).collect()).unwrap_or_default()
}

/// The first non-empty attribute `attr` of elements matching any of `selectors`.
fn first_attr(doc: &Html, selectors: &[&str], attr: &str) -> Option<String> {
    selectors.iter().find_map(|css| {
        select(doc, css).iter().find_map(|e| e.attr(attr).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string))
    })
}

fn element_text(e: &ElementRef) -> String {
    e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Metadata from meta tags, JSON-LD, `<h1>`, `<title>`, `<link rel=canonical>`, `<html lang>`.
pub(crate) fn page_meta(doc: &Html, known_site: Option<&str>) -> PageMeta {
    let ld = json_ld(doc);
    let site = first_attr(doc, &["meta[property='og:site_name']", "meta[name='application-name']"], "content")
        .or_else(|| ld.site.clone());
    let url = first_attr(doc, &["link[rel='canonical']"], "href")
        .or_else(|| first_attr(doc, &["meta[property='og:url']"], "content"));
    let lang = first_attr(doc, &["html"], "lang");

    let mut site_names: Vec<String> = site.iter().chain(known_site.map(str::to_string).iter()).cloned().collect();
    if let Some(host) = url.as_deref().and_then(host_name) {
        site_names.push(host);
    }
    let title = first_attr(doc, &["meta[property='og:title']", "meta[name='twitter:title']"], "content")
        .or_else(|| ld.headline.clone())
        .or_else(|| select(doc, "h1").first().map(element_text).filter(|t| !t.is_empty()))
        .or_else(|| select(doc, "title").first().map(element_text).filter(|t| !t.is_empty()))
        .map(|t| strip_site_suffix(&t, &site_names))
        .filter(|t| !t.is_empty());

    let published = first_attr(
        doc,
        &[
            "meta[property='article:published_time']",
            "meta[name='article:published_time']",
            "meta[itemprop='datePublished']",
            "meta[name='pubdate']",
            "meta[name='publishdate']",
            "meta[name='date']",
            "meta[name='dc.date']",
            "meta[name='DC.date.issued']",
            "meta[name='parsely-pub-date']",
            "meta[name='sailthru.date']",
        ],
        "content",
    )
    .or_else(|| ld.published.clone())
    .or_else(|| first_attr(doc, &["time[datetime]"], "datetime"));

    let mut authors: Vec<String> = Vec::new();
    for e in select(doc, "meta[name='author'], meta[property='article:author']") {
        if let Some(a) = e.attr("content").map(str::trim).filter(|a| !a.is_empty() && !a.contains("://")) {
            authors.push(a.to_string());
        }
    }
    authors.extend(ld.authors.iter().cloned());

    PageMeta { title, published, authors, site, url, lang }
}

/// "https://www.example.co.uk/x" → "example".
fn host_name(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.split('.').next().filter(|h| !h.is_empty()).map(str::to_string)
}

/// Strips a " | Site" / " - Site" suffix: always after `|`-like separators when short, after
/// dashes only when it names the site.
pub(crate) fn strip_site_suffix(title: &str, sites: &[String]) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let squash = |s: &str| norm_key(s).chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    for sep in [" | ", " :: ", " · ", " - ", " – ", " — "] {
        let Some(pos) = title.rfind(sep) else { continue };
        let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
        let tail_sq = squash(tail);
        let names_site = !tail_sq.is_empty()
            && sites.iter().map(|s| squash(s)).any(|s| !s.is_empty() && (s.contains(&tail_sq) || tail_sq.contains(&s)));
        let pipe_like = !sep.contains(['-', '–', '—']) && word_count(tail) <= 5;
        if (names_site || pipe_like) && word_count(head) >= 2 {
            return head.trim().to_string();
        }
    }
    title
}

/// Fields of the page's JSON-LD article object.
#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    site: Option<String>,
}

fn json_ld(doc: &Html) -> LdArticle {
    let mut out = LdArticle::default();
    for script in select(doc, "script[type='application/ld+json']") {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else { continue };
        let mut stack = vec![&value];
        // Iterative walk over arrays and @graph; bounded by the JSON size.
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter()),
                Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    if map.contains_key("headline") || map.contains_key("datePublished") {
                        read_ld_article(map, &mut out);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn read_ld_article(map: &serde_json::Map<String, Value>, out: &mut LdArticle) {
    let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    out.headline = out.headline.take().or_else(|| text("headline"));
    out.published = out.published.take().or_else(|| text("datePublished"));
    if out.authors.is_empty() {
        out.authors = ld_names(map.get("author"));
    }
    if out.site.is_none() {
        out.site = ld_names(map.get("publisher")).into_iter().next();
    }
}

/// Names from a JSON-LD person/organisation value: a string, `{name}`, or a list of them.
fn ld_names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Some(Value::Object(m)) => ld_names(m.get("name")),
        Some(Value::Array(items)) => items.iter().flat_map(|i| ld_names(Some(i))).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes() {
        let sites = vec!["Daily Planet".to_string()];
        let check = |input: &str, expected: &str| assert_eq!(strip_site_suffix(input, &sites), expected, "{input:?}");
        check("Council approves budget | Daily Planet", "Council approves budget");
        check("Council approves budget - Daily Planet", "Council approves budget");
        check("Council approves budget | City | News", "Council approves budget | City");
        check("Russia - Vietnam ties deepen", "Russia - Vietnam ties deepen");
    }

    #[test]
    fn hosts() {
        assert_eq!(host_name("https://www.dailyplanet.com/a/b").as_deref(), Some("dailyplanet"));
        assert_eq!(host_name("nonsense"), None);
    }
}
