//! HTML pages: metadata with `scraper`, main text with `dom_smoothie` (Readability), then
//! the same text cleaner as plain text. Falls back to the page's visible text.
use crate::clean::{Cleaned, clean_dom_text, clean_text};
use crate::rules::{norm_key, word_count};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

/// What a page's markup says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
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
        Some(text) if text.trim().chars().count() >= MIN_READABLE_CHARS => clean_dom_text(&text, hint.as_deref()),
        _ => Cleaned::default(),
    };
    if cleaned.paragraphs.is_empty() {
        warnings.push("readability found no article text; used the page's visible text".to_string());
        cleaned = clean_text(&visible_text(&doc), hint.as_deref());
    }
    if meta.title.is_none() {
        meta.title = cleaned.title.clone();
    }
    if meta.published.is_none() && cleaned.date.is_none() {
        // Neither metadata nor the article's text dates it: a short date line on the page
        // (bylines and "Updated …" lines are often outside the main content), else the
        // declared modification date.
        meta.published = visible_date(&visible_text(&doc)).or_else(|| meta.modified.clone());
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
        // Class names tell the pruning which blocks are boilerplate.
        keep_classes: true,
        ..Default::default()
    };
    // A third-party parser must not take the pipeline down with it.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut r = dom_smoothie::Readability::new(html, None, Some(cfg)).ok()?;
        let article = r.parse().ok()?;
        let (text, meta_lines) = crate::prune::pruned_text(&article.content);
        // Byline and date lines of pruned blocks go first: the cleaner reads and drops them.
        Some(if meta_lines.is_empty() { text } else { format!("{}\n\n{text}", meta_lines.join("\n")) })
    }))
    .ok()
    .flatten()
}

/// What `dom_smoothie` alone makes of a page: its own `text_content` and metadata, with its
/// default configuration and no cleaning. The baseline `storyline eval extract` compares with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub text: String,
}

/// Runs `dom_smoothie` (Readability) alone on `html`; `None` when it finds no article.
pub fn dom_smoothie_baseline(html: &str) -> Option<Baseline> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut r = dom_smoothie::Readability::new(html, None, None).ok()?;
        let a = r.parse().ok()?;
        Some(Baseline {
            title: Some(a.title.clone()).filter(|t| !t.trim().is_empty()),
            byline: a.byline.clone(),
            published: a.published_time.clone(),
            text: a.text_content.to_string(),
        })
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
    let meta_title = first_attr(doc, &["meta[property='og:title']", "meta[name='twitter:title']"], "content")
        .or_else(|| ld.headline.clone())
        .or_else(|| select(doc, "title").first().map(element_text).filter(|t| !t.is_empty()));
    let title = visible_headline(doc, meta_title.as_deref())
        .or(meta_title)
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
    .or_else(|| first_attr(doc, &["meta[property='og:published_time']", "meta[name='citation_publication_date']"], "content"))
    .or_else(|| first_attr(doc, &["[itemprop='datePublished'][datetime]", "time[itemprop='datePublished']"], "datetime"))
    .or_else(|| first_attr(doc, &["[itemprop='datePublished'][content]"], "content"))
    .or_else(|| first_attr(doc, &["article time[datetime]", "time[pubdate][datetime]", "time[datetime]"], "datetime"))
    .or_else(|| url.as_deref().and_then(url_date));
    // JSON-LD `datePublished` is the most trusted source.
    let published = ld.published.clone().or(published);

    let mut authors: Vec<String> = Vec::new();
    for e in select(doc, "meta[name='author'], meta[property='article:author']") {
        if let Some(a) = e.attr("content").map(str::trim).filter(|a| !a.is_empty() && !a.contains("://")) {
            authors.push(a.to_string());
        }
    }
    authors.extend(ld.authors.iter().cloned());
    if authors.is_empty() {
        authors = visible_authors(doc);
    }
    // A publisher named as the author is not a person who wrote it.
    let site_keys: Vec<String> = site_names.iter().map(|s| norm_key(s)).collect();
    authors.retain(|a| !site_keys.contains(&norm_key(a)));

    let modified = first_attr(
        doc,
        &["meta[property='article:modified_time']", "meta[property='og:updated_time']", "meta[itemprop='dateModified']"],
        "content",
    )
    .or_else(|| ld.modified.clone());

    PageMeta { title, published, modified, authors, site, url, lang }
}

/// The page's visible headline: the first `<h1>` (2–30 words) when the metadata title agrees
/// with it (one contains the other, or they share most words) or there is no metadata title.
/// Metadata titles are often written for search engines; readers see the `<h1>`.
fn visible_headline(doc: &Html, meta_title: Option<&str>) -> Option<String> {
    let h1 = select(doc, "h1").iter().map(element_text).find(|t| (2..=30).contains(&word_count(t)))?;
    let Some(meta) = meta_title else { return Some(h1) };
    let (h, m) = (norm_key(&h1), norm_key(meta));
    if m.contains(&h) || h.contains(&m) {
        return Some(h1);
    }
    let words = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let (hw, mw) = (words(&h), words(&m));
    let shared = hw.iter().filter(|w| mw.contains(w)).count();
    (shared * 10 >= hw.len().max(mw.len()) * 6).then_some(h1)
}

/// Authors named in the page's markup when its metadata names none: `itemprop=author`,
/// `rel=author` links, author meta tags of common CMSs, and byline elements.
fn visible_authors(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for css in ["meta[name='parsely-author']", "meta[name='sailthru.author']", "meta[name='dc.creator']", "meta[name='DC.creator']"] {
        for e in select(doc, css) {
            if let Some(a) = e.attr("content").map(str::trim).filter(|a| !a.is_empty() && !a.contains("://")) {
                crate::byline::push_unique(&mut out, a);
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    let candidates = select(doc, "[itemprop='author'] [itemprop='name'], [itemprop='author'], a[rel='author'], [rel='author']");
    for e in candidates.iter().take(MAX_AUTHOR_ELEMENTS) {
        let text = e.attr("content").map(str::to_string).unwrap_or_else(|| element_text(e));
        let text = text.trim();
        let name = crate::byline::parse_byline(text).map(|b| b.authors).unwrap_or_else(|| vec![text.to_string()]);
        for n in name {
            if crate::byline::is_person_name(&n) {
                crate::byline::push_unique(&mut out, &n);
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    for e in select(doc, "[class*='byline'], [class*='author-name'], [class*='author_name']").iter().take(MAX_AUTHOR_ELEMENTS) {
        let text = element_text(e);
        if let Some(b) = crate::byline::parse_byline(&text) {
            for a in &b.authors {
                crate::byline::push_unique(&mut out, a);
            }
        } else if crate::byline::is_person_name(&text) {
            crate::byline::push_unique(&mut out, &text);
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

/// The first short line of the page's visible text that holds a full date (with a year).
fn visible_date(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && word_count(l) <= MAX_DATE_LINE_WORDS)
        .filter(|l| l.split(|c: char| !c.is_ascii_digit()).any(|n| n.len() == 4 && n.starts_with(['1', '2'])))
        .find_map(crate::dates::parse_date)
        .map(|d| d.to_string())
}

/// Longest line (in words) read as a date line.
const MAX_DATE_LINE_WORDS: usize = 12;

/// Elements looked at for a visible author.
const MAX_AUTHOR_ELEMENTS: usize = 20;

/// A date in a URL path: `/2024/06/20/`, `/2024-06-20/`, `/20240620/` (the day must be there).
fn url_date(url: &str) -> Option<String> {
    let path = url.split("://").nth(1).and_then(|r| r.find('/').map(|i| &r[i..])).unwrap_or("");
    let parts: Vec<&str> = path.split(['/', '?', '#']).collect();
    let num = |s: &str, len: usize| (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten();
    let valid = |y: u32, m: u32, d: u32| (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
    for w in parts.windows(3) {
        if let (Some(y), Some(m), Some(d)) = (num(w[0], 4), num(w[1], 2), num(w[2], 2)) {
            if valid(y, m, d) {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    for p in &parts {
        let digits: String = p.chars().filter(char::is_ascii_digit).collect();
        if p.len() == 10 && p.as_bytes().get(4) == Some(&b'-') && digits.len() == 8 {
            let (y, m, d) = (digits[..4].parse().ok()?, digits[4..6].parse().ok()?, digits[6..].parse().ok()?);
            if valid(y, m, d) {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    None
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
    modified: Option<String>,
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
    out.modified = out.modified.take().or_else(|| text("dateModified"));
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

    #[test]
    fn visible_date_lines() {
        assert_eq!(visible_date("Home\nNews\nBy Ann Lee | July 9, 2019\nThe council met.").as_deref(), Some("2019-07-09"));
        assert_eq!(visible_date("Home\nIn 2019 the council met on many days and voted on a very long list of things."), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(url_date("https://x.example/2024/06/20/some-story").as_deref(), Some("2024-06-20"));
        assert_eq!(url_date("https://x.example/news/2024-06-20/story").as_deref(), Some("2024-06-20"));
        assert_eq!(url_date("https://x.example/2024/06/story"), None);
        assert_eq!(url_date("https://x.example/1234/56/78/x"), None);
    }

    #[test]
    fn headline_prefers_the_visible_h1() {
        let doc = |html: &str| Html::parse_document(html);
        let page = "<html><head><title>Ten tips to rent a car in 2024 | Wheels</title></head><body><h1>Ten tips to rent a car</h1></body></html>";
        assert_eq!(visible_headline(&doc(page), Some("Ten tips to rent a car in 2024 | Wheels")).as_deref(), Some("Ten tips to rent a car"));
        let unrelated = "<html><body><h1>Our newsletter</h1></body></html>";
        assert_eq!(visible_headline(&doc(unrelated), Some("Council approves the budget")), None);
    }

    #[test]
    fn authors_from_markup() {
        let html = r#"<html><body><div class="post-byline">By Ann Lee</div><p>Text.</p></body></html>"#;
        assert_eq!(visible_authors(&Html::parse_document(html)), ["Ann Lee"]);
        let html = r#"<html><body><span itemprop="author"><span itemprop="name">Bo Chan</span></span></body></html>"#;
        assert_eq!(visible_authors(&Html::parse_document(html)), ["Bo Chan"]);
    }
}
