//! HTML pages, read from our own page tree ([`Dom`]): metadata, and the main text
//! ([`crate::content`]) through the same text cleaner as plain text. Falls back to the page's
//! visible text.
use crate::clean::{Cleaned, clean_dom_text, clean_text};
use crate::dates::parse_date;
use crate::dom::{Dom, NodeRef};
use crate::page_dates::{DateReader, has_year, header_lines};
use crate::rules::{has_at_most_words, norm_key, word_count};
use serde_json::Value;

/// What a page's markup says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// The date shown with the headline.
    pub shown: Option<jiff::civil::Date>,
    /// How the page's numeric dates are read.
    pub dates: DateReader,
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

/// What the caller already knows about the page (from a crawl record or feed).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KnownMeta<'a> {
    pub title: Option<&'a str>,
    pub site: Option<&'a str>,
    pub url: Option<&'a str>,
}

/// Main text shorter than this (in characters) counts as a failure.
const MIN_READABLE_CHARS: usize = 200;

pub(crate) fn extract_html(html: &str, known: KnownMeta, warnings: &mut Vec<String>) -> Page {
    let KnownMeta { title: known_title, site: known_site, url: known_url } = known;
    let tree = Dom::parse(html);
    if tree.dropped_tags > 0 {
        warnings.push(format!("page nested more than {} elements deep: {} inner tags ignored", crate::dom::MAX_DEPTH, tree.dropped_tags));
    }
    let visible = visible_text(&tree);
    let mut meta = page_meta(&tree, &visible, known_site, known_url);
    let hint = known_title.map(str::to_string).or_else(|| meta.title.clone());

    let mut cleaned = match readable_text(&tree) {
        Some(text) if text.trim().chars().count() >= MIN_READABLE_CHARS => {
            clean_dom_text(cap_text(&text, warnings), hint.as_deref())
        }
        _ => Cleaned::default(),
    };
    if cleaned.paragraphs.is_empty() {
        warnings.push("readability found no article text; used the page's visible text".to_string());
        cleaned = clean_text(cap_text(&visible, warnings), hint.as_deref());
    }
    if meta.title.is_none() {
        meta.title = cleaned.title.clone();
    }
    if meta.published.is_none() && cleaned.date.is_none() {
        meta.published = undated_page_date(&meta, &tree, &visible);
    }
    Page { meta, cleaned }
}

/// The main text ([`crate::content`]), blocks on their own lines, or a block far longer that
/// holds most of the page's paragraphs (Readability sometimes settles on a teaser, a caption
/// or one section of an article). The byline and date lines of pruned blocks go first: the
/// cleaner reads and drops them.
fn readable_text(tree: &Dom) -> Option<String> {
    let (text, meta_lines) = crate::content::main_content(tree)?.text();
    let (text, meta_lines) = crate::content::paragraph_fallback(tree, &text).unwrap_or((text, meta_lines));
    Some(if meta_lines.is_empty() { text } else { format!("{}\n\n{text}", meta_lines.join("\n")) })
}

/// The date of a page whose metadata and article text state none: the date shown with the
/// headline, else an element named for a date, else a short date line on the page (bylines
/// and "Updated …" lines are often outside the main content), else the declared modification
/// date.
fn undated_page_date(meta: &PageMeta, dom: &Dom, visible: &str) -> Option<String> {
    let shown = meta.shown.map(|d| d.to_string());
    let on_page = || dated_element(dom).or_else(|| visible_date(visible)).map(|s| meta.dates.normalise(s));
    shown.or_else(on_page).or_else(|| meta.modified.clone())
}

/// Longest text (in bytes) handed to the cleaner: far more than any article (the longest in
/// the benchmarks is about 50 KB), and it keeps the cleaner's time bounded on huge pages.
const MAX_TEXT_BYTES: usize = 512 * 1024;

/// `text` cut at the last line break within [`MAX_TEXT_BYTES`] (with a warning).
fn cap_text<'a>(text: &'a str, warnings: &mut Vec<String>) -> &'a str {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    warnings.push(format!("page text longer than {MAX_TEXT_BYTES} bytes: truncated"));
    let head = storyline_model::truncate(text, MAX_TEXT_BYTES);
    head.rfind('\n').map_or(head, |p| &head[..p])
}

/// An element's class and id, lower-cased, in one string.
pub(crate) fn class_and_id(e: NodeRef) -> String {
    format!("{} {}", e.attr("class").unwrap_or(""), e.attr("id").unwrap_or("")).to_lowercase()
}

/// Where a headline or byline is not the article's: elements that always are, those that are
/// only outside the article (an article's own `<footer>` holds its byline), what counts as the
/// article, and words of class or id names.
pub(crate) struct Furniture {
    pub always: &'static [&'static str],
    pub outside_article: &'static [&'static str],
    pub article: &'static [&'static str],
    pub names: &'static [&'static str],
}

/// Navigation, asides, menus, the page's own header and footer.
const HEADLINE_FURNITURE: Furniture =
    Furniture { always: &["nav", "aside"], outside_article: &["header", "footer"], article: &["article", "main"], names: &["menu"] };

/// Whether `e` sits inside `furniture`.
pub(crate) fn in_furniture(e: NodeRef, furniture: &Furniture) -> bool {
    let in_article = e.ancestors().any(|a| furniture.article.contains(&a.name()));
    e.ancestors().any(|a| {
        let n = a.name();
        if furniture.always.contains(&n) || (furniture.outside_article.contains(&n) && !in_article) {
            return true;
        }
        if matches!(n, "body" | "html" | "main" | "article") {
            return false;
        }
        [a.attr("class"), a.attr("id")].into_iter().flatten().any(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| furniture.names.iter().any(|n| w.eq_ignore_ascii_case(n)))
        })
    })
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

/// Elements whose text is never visible (nor, for `content`'s paragraph fallback, the article's).
pub(crate) const HIDDEN: &[&str] =
    &["script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select", "button", "nav", "footer", "aside", "form"];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br", "tr", "section", "article", "header",
    "blockquote", "figure", "figcaption", "main", "table", "dd", "dt", "pre", "hr", "title", "td", "th",
];

/// Elements HTML parsers keep in the page's head: any other element, or text, begins the body.
const HEAD_ELEMENTS: &[&str] =
    &["html", "head", "base", "basefont", "bgsound", "link", "meta", "title", "noscript", "noframes", "style", "script", "template"];

/// All visible text of a page, one block element per line.
pub(crate) fn visible_text(dom: &Dom) -> String {
    let mut out = String::new();
    // Where the open block elements end, innermost last.
    let mut block_ends: Vec<u32> = Vec::new();
    // A `<title>` before the body begins is the page's title, not visible. (Our tree may keep
    // the body inside an explicit `<head>`, so the head is not hidden as a whole.)
    let mut in_body = false;
    let mut id = 1;
    while (id as usize) < dom.len() {
        while block_ends.last().is_some_and(|&end| end <= id) {
            block_ends.pop();
            out.push('\n');
        }
        let node = dom.get(id);
        id += 1;
        if node.is_text() {
            in_body |= !node.text().bytes().all(|b| b.is_ascii_whitespace());
            out.push(' ');
            out.push_str(&node.text().split_whitespace().collect::<Vec<_>>().join(" "));
            continue;
        }
        let name = node.name();
        in_body |= !HEAD_ELEMENTS.contains(&name);
        let hidden = match name {
            "head" => false,
            "title" => !in_body,
            _ => HIDDEN.contains(&name),
        };
        let end = node.descendant_ids().end;
        if hidden {
            id = end;
        } else if BLOCKS.contains(&name) {
            out.push('\n');
            block_ends.push(end);
        }
    }
    for _ in block_ends {
        out.push('\n');
    }
    out
}

/// The page's `<meta>` tags, read once: (lower-cased `name`/`property`/`itemprop`, `content`).
pub(crate) struct MetaTags<'a>(Vec<(String, &'a str)>);

impl<'a> MetaTags<'a> {
    pub(crate) fn read(dom: &'a Dom) -> Self {
        let mut tags = Vec::new();
        for e in dom.select(META_TAGS) {
            let content = e.attr("content").unwrap_or_default().trim();
            for key in ["name", "property", "itemprop"].iter().filter_map(|k| e.attr(k)) {
                tags.push((key.trim().to_ascii_lowercase(), content));
            }
        }
        MetaTags(tags)
    }

    /// Non-empty contents of the tags named `key` (lower case), in page order.
    pub(crate) fn values<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'a str> + 's {
        self.0.iter().filter(move |(k, v)| k == key && !v.is_empty()).map(|(_, v)| *v)
    }

    /// The first non-empty content among `keys`, in the order of `keys`.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.values(k).next()).map(str::to_string)
    }

    /// The first content among `keys` that holds a date.
    fn first_date(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.values(k).find(|v| parse_date(v).is_some())).map(str::to_string)
    }

    /// The first content, in page order, of a tag whose name passes `named` and that holds a date.
    fn first_date_named(&self, named: impl Fn(&str) -> bool) -> Option<String> {
        self.0.iter().find(|(k, v)| named(k) && parse_date(v).is_some()).map(|(_, v)| v.to_string())
    }
}

/// The first attribute `attr` that holds a date, of elements matching any of `selectors`.
fn first_date(dom: &Dom, selectors: &[&str], attr: &str) -> Option<String> {
    selectors.iter().find_map(|css| {
        dom.select(css).filter_map(|e| e.attr(attr)).find(|v| parse_date(v).is_some()).map(|v| v.trim().to_string())
    })
}

/// The first non-empty attribute `attr` of elements matching `css`.
fn first_attr(dom: &Dom, css: &str, attr: &str) -> Option<String> {
    dom.select(css).find_map(|e| e.attr(attr).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string))
}

/// An element's text, white space squashed (script contents included).
fn element_text(e: NodeRef) -> String {
    e.descendants().flat_map(|n| n.text().split_whitespace()).collect::<Vec<_>>().join(" ")
}

// Selectors of the metadata elements, in the subset `Dom::select` reads. Values of `rel` and
// `type` match in any case, as HTML's attribute selectors match them.
const META_TAGS: &str = "meta[content]";
const CANONICAL_LINK: &str = "link[rel='canonical' i]";
const JSON_LD: &str = "script[type='application/ld+json' i]";
/// Elements whose class names a date.
const DATE_CLASSES: &str = "[class*='date' i]";
/// Elements marked as holding the publication date (in `datetime`).
const ITEMPROP_PUBLISHED: &[&str] = &["[itemprop='datePublished'][datetime]", "time[itemprop='datePublished']"];
/// Dated `<time>` elements, those in the article first.
const TIMES: &[&str] = &["article time[datetime]", "time[pubdate][datetime]", "time[datetime]"];

/// Metadata from meta tags, JSON-LD, `<h1>`, `<title>`, `<link rel=canonical>`, `<html lang>`.
pub(crate) fn page_meta(dom: &Dom, visible: &str, known_site: Option<&str>, known_url: Option<&str>) -> PageMeta {
    let ld = json_ld(dom);
    let metas = MetaTags::read(dom);
    let site = metas.first(&["og:site_name", "application-name"]).or_else(|| ld.site.clone());
    let url = first_attr(dom, CANONICAL_LINK, "href").or_else(|| metas.first(&["og:url"]));
    let lang = first_attr(dom, "html", "lang");

    let mut site_names: Vec<String> = site.iter().chain(known_site.map(str::to_string).iter()).cloned().collect();
    if let Some(host) = url.as_deref().and_then(host_name) {
        site_names.push(host);
    }
    let meta_title = metas.first(&["og:title", "twitter:title"])
        .or_else(|| ld.headline.clone())
        .or_else(|| dom.select("title").next().map(element_text).filter(|t| !t.is_empty()));
    let headline = visible_headline(dom, meta_title.as_deref(), &site_names);
    let title = headline.clone().or(meta_title).map(|t| strip_site_suffix(&t, &site_names)).filter(|t| !t.is_empty());

    let url_day = url.as_deref().or(known_url).and_then(url_date);
    let declared_in_meta = metas
        .first_date(&[
            "article:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date.issued",
            "parsely-pub-date",
            "sailthru.date",
        ])
        .or_else(|| metas.first_date(&["og:published_time", "citation_publication_date"]))
        .or_else(|| {
            // Sites' own names (`published`, `w-published-date`), dates before times: a CMS's
            // `published-time` is often when the page was last rebuilt.
            let publishing = |k: &str| k.contains("publish") && !["modif", "updat", "last"].iter().any(|w| k.contains(w));
            metas.first_date_named(|k| publishing(k) && k.contains("date")).or_else(|| metas.first_date_named(publishing))
        });
    // JSON-LD `datePublished` is the most trusted source.
    let declared = ld.published.clone().or(declared_in_meta);
    let published = declared
        .clone()
        .or_else(|| first_date(dom, ITEMPROP_PUBLISHED, "datetime"))
        .or_else(|| first_date(dom, TIMES, "datetime"))
        .or_else(|| url_day.clone());
    let modified = metas.first(&["article:modified_time", "og:updated_time", "datemodified"]).or_else(|| ld.modified.clone());

    // Ambiguous numeric dates are read by the page's other dates, else by its locale.
    let headline_anchor = headline.as_deref().or(title.as_deref());
    let header = headline_anchor.map(|h| header_lines(visible, h)).unwrap_or_default();
    let others = [&ld.published, &published, &modified, &ld.modified, &url_day].into_iter().flatten().map(String::as_str);
    let locale = lang.as_deref().filter(|l| l.contains(['-', '_'])).or_else(|| metas.values("og:locale").next()).or(lang.as_deref());
    let reader = DateReader::new(locale, others.chain(header.iter().map(|h| h.text)));
    // The dates shown around the headline, with their lines' offsets, read once.
    let shown_dates: Vec<(isize, jiff::civil::Date)> = header.iter().filter_map(|h| Some((h.offset, reader.parse(h.text)?))).collect();
    let shown = shown_dates.first().map(|&(_, d)| d);
    let published = published.map(|p| reader.normalise(p));
    let published = match published {
        Some(p) if declared.is_some() => Some(prefer_shown_date(p, &shown_dates, url_day.as_deref())),
        p => p,
    };
    let modified = modified.map(|m| reader.normalise(m));

    let authors = crate::authors::page_authors(dom, &metas, visible, &ld.authors, &site_names);

    PageMeta { title, published, modified, shown, dates: reader, authors, site, url, lang }
}

/// Lines after the headline's where the date shown with it is looked for when it is weighed
/// against the declared one (bylines and date lines follow the headline closely).
const SHOWN_DATE_LINES: isize = 12;

/// The declared publication date `declared`, or the day the page itself shows (`shown_dates`:
/// the dates shown around the headline, by line offset) where the two tell different stories:
/// - a UTC timestamp one day off the URL's date: the URL has the publisher's local day;
/// - the date shown with the headline is more than a day older, and the declared day is not
///   shown there: a re-publication or a move to a new CMS stamped the metadata.
///
/// A newer shown date never wins (sites print today's date in their page header), nor one a
/// day older (an embedded post's date, or the same moment in another time zone).
fn prefer_shown_date(declared: String, shown_dates: &[(isize, jiff::civil::Date)], url_day: Option<&str>) -> String {
    let Some(day) = parse_date(&declared) else { return declared };
    if let Some(url) = url_day.and_then(parse_date) {
        if (day - url).get_days().abs() == 1 && is_utc_timestamp(&declared) {
            return url.to_string();
        }
    }
    let near: Vec<jiff::civil::Date> = shown_dates.iter().filter(|(offset, _)| *offset <= SHOWN_DATE_LINES).map(|&(_, d)| d).collect();
    match near.first() {
        Some(&first) if !near.contains(&day) && (day - first).get_days() > 1 => first.to_string(),
        _ => declared,
    }
}

/// Whether `s` is a time of day in UTC (`…T03:05:00Z`, `+00:00`, `GMT+0000`).
fn is_utc_timestamp(s: &str) -> bool {
    let s = s.trim();
    s.contains(':') && (s.ends_with(['Z', 'z']) || s.ends_with("+00:00") || s.ends_with("+0000") || s.contains("GMT") || s.contains("UTC"))
}

/// The page's visible headline. Metadata titles are often written for search engines;
/// readers see the `<h1>`. The `<h1>`s (2–30 words) outside navigation, asides and page
/// headers and footers, that do not just name the site, are candidates: the first that agrees
/// with the metadata title (one contains the other, or they share most words), else the first.
fn visible_headline(dom: &Dom, meta_title: Option<&str>, site_names: &[String]) -> Option<String> {
    let site_keys: Vec<String> = site_names.iter().map(|s| squash(s)).filter(|s| !s.is_empty()).collect();
    let candidates: Vec<String> = dom
        .select("h1")
        .filter(|h| !in_furniture(*h, &HEADLINE_FURNITURE))
        .map(element_text)
        .filter(|t| (2..=30).contains(&word_count(t)))
        .filter(|t| {
            let key = squash(t);
            !site_keys.iter().any(|s| *s == key || (key.len().min(s.len()) >= 6 && (s.contains(&key) || key.contains(s.as_str()))))
        })
        .collect();
    let Some(meta) = meta_title else { return candidates.into_iter().next() };
    let agrees = |h1: &String| {
        let (h, m) = (norm_key(h1), norm_key(meta));
        if m.contains(&h) || h.contains(&m) {
            return true;
        }
        let words = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect::<Vec<_>>();
        let (hw, mw) = (words(&h), words(&m));
        let shared = hw.iter().filter(|w| mw.contains(w)).count();
        shared * 10 >= hw.len().max(mw.len()) * 6
    };
    candidates.iter().find(|h| agrees(h)).or(candidates.first()).cloned()
}

/// Letters and digits only, lower-cased: "The Daily-Planet" → "thedailyplanet".
pub(crate) fn squash(s: &str) -> String {
    norm_key(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The first short line of the page's visible text that holds a full date (with a year).
fn visible_date(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && has_at_most_words(l, MAX_DATE_LINE_WORDS))
        .filter(|l| has_year(l))
        .find_map(parse_date)
        .map(|d| d.to_string())
}

/// The text of the first element whose class names a date (`post-date`, `article__date`) and
/// that holds a short date with a year; asides and footers count (article sidebars hold them).
fn dated_element(dom: &Dom) -> Option<String> {
    dom.select(DATE_CLASSES).filter_map(|e| text_within(e, MAX_DATE_LINE_WORDS)).find(|t| has_year(t) && parse_date(t).is_some())
}

/// [`element_text`] when it has at most `max_words` words ([`word_count`]), read no further:
/// nested elements of one kind do not each read their whole subtree.
fn text_within(e: NodeRef, max_words: usize) -> Option<String> {
    crate::dom::join_words_within(e.descendants().flat_map(|n| n.text().split_whitespace()), max_words, word_count)
}

/// Longest line (in words) read as a date line.
const MAX_DATE_LINE_WORDS: usize = 12;

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
    for sep in [" | ", " :: ", " · ", " • ", " » ", " - ", " – ", " — "] {
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

fn json_ld(dom: &Dom) -> LdArticle {
    let values: Vec<Value> = dom
        .select(JSON_LD)
        .filter_map(|script| serde_json::from_str::<Value>(script.descendants().map(NodeRef::text).collect::<String>().trim()).ok())
        .collect();
    let mut nodes: Vec<&serde_json::Map<String, Value>> = Vec::new();
    let mut stack: Vec<&Value> = values.iter().rev().collect();
    // Iterative walk over arrays and @graph; bounded by the JSON size.
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                nodes.push(map);
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    let by_id = |id: &str| nodes.iter().find(|n| n.get("@id").and_then(Value::as_str) == Some(id) && n.contains_key("name")).copied();
    let mut out = LdArticle::default();
    // Article-typed objects first, then anything with a headline or publication date.
    let articles = nodes.iter().filter(|n| is_article_type(n)).chain(nodes.iter().filter(|n| !is_article_type(n)));
    for map in articles.filter(|m| m.contains_key("headline") || m.contains_key("datePublished") || is_article_type(m)) {
        let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        out.headline = out.headline.take().or_else(|| text("headline").map(|h| crate::authors::decode_entities(&h)));
        out.published = out.published.take().or_else(|| text("datePublished").filter(|d| parse_date(d).is_some()));
        out.modified = out.modified.take().or_else(|| text("dateModified"));
        if out.authors.is_empty() {
            out.authors = ld_names(map.get("author"), &by_id);
        }
        if out.site.is_none() {
            out.site = ld_names(map.get("publisher"), &by_id).into_iter().next();
        }
    }
    out
}

/// Whether a JSON-LD object's `@type` names an article or blog post.
fn is_article_type(map: &serde_json::Map<String, Value>) -> bool {
    let article = |t: &str| t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "Review" || t == "Recipe";
    match map.get("@type") {
        Some(Value::String(t)) => article(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(article),
        _ => false,
    }
}

/// Names from a JSON-LD person/organisation value: a string, `{name}`, a reference `{@id}`
/// to a node elsewhere in the graph, or a list of them.
fn ld_names<'a>(v: Option<&'a Value>, by_id: &dyn Fn(&str) -> Option<&'a serde_json::Map<String, Value>>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Some(Value::Object(m)) => match (m.get("name"), m.get("@id").and_then(Value::as_str)) {
            (Some(name), _) => ld_names(Some(name), by_id),
            (None, Some(id)) => by_id(id).map(|n| ld_names(n.get("name"), &|_| None)).unwrap_or_default(),
            _ => Vec::new(),
        },
        Some(Value::Array(items)) => items.iter().flat_map(|i| ld_names(Some(i), by_id)).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_selectors_are_in_the_supported_subset() {
        // `Dom::select` matches nothing for a selector outside its subset.
        let all = [META_TAGS, CANONICAL_LINK, JSON_LD, DATE_CLASSES, "html", "title", "h1"].into_iter().chain(ITEMPROP_PUBLISHED.iter().copied()).chain(TIMES.iter().copied());
        for css in all {
            assert!(crate::dom::Selector::parse(css).is_some(), "{css}");
        }
    }

    #[test]
    fn visible_text_lines() {
        let lines = |html: &str| visible_text(&Dom::parse(html)).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect::<Vec<_>>();
        let html = "<html><head><title>T</title></head><body><h1>Head<b>line</b></h1><nav>Menu</nav><p>One<br>two</p><script>x</script></body></html>";
        assert_eq!(lines(html), ["Head line", "One", "two"]);
        // An element that cannot be in the head begins the body: a title after it is shown.
        assert_eq!(lines("<html><head><meta charset=utf-8><div></div><title>Shown</title></head><p>x"), ["Shown", "x"]);
    }

    #[test]
    fn rel_and_type_values_match_in_any_case() {
        let html = r#"<html><head><link rel="Canonical" href="https://x.example/a"><script type="Application/LD+JSON">
            {"@type": "NewsArticle", "headline": "Council approves the budget", "author": {"name": "Ann Lee"}}</script></head><body><p>x</p></body></html>"#;
        let dom = Dom::parse(html);
        let meta = page_meta(&dom, &visible_text(&dom), None, None);
        assert_eq!(meta.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(meta.title.as_deref(), Some("Council approves the budget"));
        assert_eq!(meta.authors, ["Ann Lee"]);
    }

    #[test]
    fn text_within_a_word_limit() {
        let dom = Dom::parse("<div class=date>Updated <b>May 5,</b> 2024</div><div class=dates>one two three four</div>");
        let mut divs = dom.select("div");
        let first = divs.next().unwrap();
        assert_eq!(text_within(first, 4).as_deref(), Some(element_text(first).as_str()));
        assert_eq!(text_within(divs.next().unwrap(), 3), None);
    }

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
        let sites = ["Wheels Weekly".to_string()];
        let check = |body: &str, meta: Option<&str>, expected: Option<&str>| {
            let html = format!("<html><body>{body}</body></html>");
            assert_eq!(visible_headline(&Dom::parse(&html), meta, &sites).as_deref(), expected, "{body}");
        };
        check("<h1>Ten tips to rent a car</h1>", Some("Ten tips to rent a car in 2024 | Wheels"), Some("Ten tips to rent a car"));
        // The visible headline wins over a search-engine title.
        check("<h1>Renting a car: what to know</h1>", Some("Best car rental tips 2024"), Some("Renting a car: what to know"));
        // Not the site's name, nor headings in navigation, asides or the page header.
        check("<header><h1>Car news</h1></header><h1>Wheels Weekly</h1><aside><h1>Read more stories</h1></aside>", Some("Ten tips"), None);
        check("<h1>Wheels Weekly</h1><article><header><h1>Ten tips to rent a car</h1></header></article>", None, Some("Ten tips to rent a car"));
    }

    #[test]
    fn publication_dates_from_page_markup() {
        let check = |head: &str, body: &str, expected: Option<&str>| {
            let html = format!("<html lang='en'><head>{head}</head><body>{body}</body></html>");
            let dom = Dom::parse(&html);
            let visible = visible_text(&dom);
            let page = page_meta(&dom, &visible, None, None);
            let published = page.published.clone().or_else(|| undated_page_date(&page, &dom, &visible));
            assert_eq!(published.as_deref().and_then(parse_date).map(|d| d.to_string()).as_deref(), expected, "{head} {body}");
        };
        // Sites' own meta names; a modification date does not count.
        check("<meta name='published' content='July 17, 2025'>", "", Some("2025-07-17"));
        check("<meta name='cdc:last_published' content='2024-07-05'><meta name='w-published-date' content='2025-05-27T06:03:43Z'>", "", Some("2025-05-27"));
        // An ambiguous numeric date is read as the page's headline date line confirms.
        check("<meta name='article:published_time' content='03-09-2026'>", "<h1>Fasting and health</h1><div>Published March 9, 2026</div>", Some("2026-03-09"));
        check("<meta property='og:locale' content='en_US'><meta name='date' content='3/4/2025'>", "", Some("2025-03-04"));
        // No metadata: the date shown with the headline, else an element named for a date.
        let teaser = "<p>Teaser from May 5, 2019</p><p>Sports</p><p>Weather</p><p>Opinion</p>";
        check("", &format!("{teaser}<h1>Fasting and health</h1><p>By Ann Lee | July 9, 2024</p>"), Some("2024-07-09"));
        check("", "<aside><p class='article_date'>May 25, 2023</p></aside><h1>x</h1>", Some("2023-05-25"));
    }

    #[test]
    fn shown_and_url_dates_against_declared_ones() {
        let check = |head: &str, body: &str, url: Option<&str>, expected: &str| {
            let html = format!("<html lang='en'><head>{head}</head><body>{body}</body></html>");
            let dom = Dom::parse(&html);
            let page = page_meta(&dom, &visible_text(&dom), None, url);
            assert_eq!(page.published.as_deref().and_then(parse_date).map(|d| d.to_string()).as_deref(), Some(expected), "{head} {body}");
        };
        let declared = "<meta property='article:published_time' content='2025-06-24T10:00:00Z'>";
        // Re-stamped metadata: the date shown with the headline is years older.
        check(declared, "<h1>Fasting and health</h1><p>By Ann Lee</p><p>March 2, 2021</p><p>Text.</p>", None, "2021-03-02");
        // Not when the declared day is shown too, nor for a newer date (today's, in the page header)
        // or one a day older.
        check(declared, "<h1>Fasting and health</h1><p>March 2, 2021</p><p>June 24, 2025</p>", None, "2025-06-24");
        check(declared, "<p>Friday, June 27, 2025</p><h1>Fasting and health</h1><p>Text.</p>", None, "2025-06-24");
        check(declared, "<h1>Fasting and health</h1><p>June 23, 2025</p>", None, "2025-06-24");
        // Far below the headline, a date is an embedded post's or a related story's.
        let filler = "<p>More text.</p>".repeat(20);
        check(declared, &format!("<h1>Fasting and health</h1>{filler}<p>March 2, 2021</p>"), None, "2025-06-24");
        // A UTC timestamp a day after the URL's date: the URL has the local day.
        let evening = "<meta property='article:published_time' content='2019-11-19T03:05:46Z'>";
        check(evening, "", Some("https://x.example/2019/11/18/story"), "2019-11-18");
        // Not for a local time, nor for days further apart.
        check("<meta property='article:published_time' content='2019-11-19T03:05:46-05:00'>", "", Some("https://x.example/2019/11/18/story"), "2019-11-19");
        check(evening, "", Some("https://x.example/2019/11/15/story"), "2019-11-19");
    }

}
