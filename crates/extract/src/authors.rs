//! Who wrote a page, from its markup. Sources in order of trust, the first that names someone
//! wins (sources are not merged: a page's comment authors or related-story bylines must not
//! join the article's): JSON-LD `author`, author meta tags (`author`, `article:author`,
//! Parse.ly, Sailthru, Dublin Core, citation, the "Written by" pair of Twitter cards), then
//! the visible page: `itemprop=author`, `rel=author`, elements whose class names an author or
//! byline, links to author pages, and "By …" lines.
use crate::byline::{is_person_name, parse_byline, push_unique};
use crate::dom::{Dom, NodeRef};
use crate::html::{Furniture, MetaTags, class_and_id, in_furniture, squash};

/// Shortest site name (letters) matched inside an author value ("The Commercial Appeal").
const MIN_SITE_KEY: usize = 6;

/// Elements looked at per visible source.
const MAX_ELEMENTS: usize = 40;

/// Longest text (in words) of an element read as a byline.
const MAX_BYLINE_WORDS: usize = 12;

/// The page's authors. `ld_authors` are the names of the JSON-LD article's `author`;
/// `site_names` the site's names: a site named as the author is kept only when no source
/// names anyone else (personal blogs and company pages are written "by" the site).
pub(crate) fn page_authors(dom: &Dom, metas: &MetaTags, visible: &str, ld_authors: &[String], site_names: &[String]) -> Vec<String> {
    let site_keys: Vec<String> = site_names.iter().map(|s| squash(s)).filter(|s| !s.is_empty()).collect();
    let is_site = |a: &String| {
        let key = squash(a);
        // "The Commercial Appeal" names the site "Commercial Appeal"; "Ann Lee" does not name
        // the site "Ann Lee Photography" (whose author she likely is).
        site_keys.iter().any(|s| *s == key || (s.len() >= MIN_SITE_KEY && key.contains(s.as_str())))
    };
    let mut site_only: Option<Vec<String>> = None;
    let declared = std::iter::once(names_of(ld_authors.iter().map(String::as_str)))
        .chain(META_AUTHORS.iter().map(|key| names_of(metas.values(key))))
        .chain(std::iter::once_with(|| twitter_written_by(metas)));
    // The byline elements' names are read at most once (a layout guess, and the check of a
    // single declared author against the byline).
    let byline_names = std::cell::OnceCell::new();
    let byline = || byline_names.get_or_init(|| first_named(author_class_elements(dom))).clone();
    let structured = STRUCTURED_KINDS.iter().map(|kind| (Source::Structured, kind(dom)));
    let heuristic = std::iter::once_with(|| (Source::Heuristic, byline()))
        .chain(HEURISTIC_KINDS.iter().map(|kind| (Source::Heuristic, kind(dom, visible))));
    let mut site_shown = false;
    for (source, names) in declared.map(|n| (Source::Declared, n)).chain(structured).chain(heuristic) {
        if names.is_empty() {
            continue;
        }
        // The site shown as the author in the page's own author markup beats a layout guess.
        if source == Source::Heuristic && site_shown {
            break;
        }
        let people: Vec<String> = names.iter().filter(|a| !is_site(a)).cloned().collect();
        if let [one] = people.as_slice() {
            // Metadata often names only the first of several authors the byline lists.
            let byline = byline();
            let key = squash(one);
            if byline.len() > 1 && byline.iter().any(|b| squash(b).contains(&key)) {
                return byline;
            }
        }
        if !people.is_empty() {
            return people;
        }
        site_shown |= source == Source::Structured;
        site_only.get_or_insert(names);
    }
    site_only.unwrap_or_default()
}

/// Where author names come from, by trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// JSON-LD and meta tags.
    Declared,
    /// Visible schema.org microdata and `rel=author`.
    Structured,
    /// Layout conventions (class names, author links, "By" lines).
    Heuristic,
}

/// Author meta tags, most trusted first.
const META_AUTHORS: &[&str] =
    &["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "citation_author"];

/// Twitter card label/data pairs (`twitter:label1` "Written by", `twitter:data1` the name),
/// as SEO plugins write them.
fn twitter_written_by(metas: &MetaTags) -> Vec<String> {
    for n in 1..=4 {
        let label = metas.values(&format!("twitter:label{n}")).next().unwrap_or("").to_lowercase();
        if label.contains("written by") || label.contains("author") {
            return names_of(metas.values(&format!("twitter:data{n}")));
        }
    }
    Vec::new()
}

/// Visible author markup with a defined meaning (schema.org microdata, `rel=author`); within
/// a kind the first element that names someone wins.
const STRUCTURED_KINDS: &[fn(&Dom) -> Vec<String>] =
    &[|dom| first_named(itemprop_authors(dom)), |dom| first_named(dom.select(REL_AUTHOR))];

/// schema.org authors (`[itemprop='author'] [itemprop='name'], [itemprop='author']`: their
/// names, and the author elements themselves), in page order; one attribute read an element.
fn itemprop_authors(dom: &Dom) -> impl Iterator<Item = NodeRef<'_>> {
    dom.elements().filter(|e| match e.attr("itemprop") {
        Some("author") => true,
        Some("name") => e.ancestors().any(|a| a.attr("itemprop") == Some("author")),
        _ => false,
    })
}
/// `rel=author` in any case, as HTML's attribute selectors match `rel` (links and any other
/// element).
const REL_AUTHOR: &str = "[rel='author' i]";

/// Class or id fragments of author and byline elements (`post-author`, `ByLine`).
const AUTHOR_CLASS_FRAGMENTS: &[&str] = &["author", "byline"];

/// Finds [`AUTHOR_CLASS_FRAGMENTS`] in any ASCII case.
static AUTHOR_CLASS_MATCHER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| crate::rules::any_case_fragments(AUTHOR_CLASS_FRAGMENTS));

/// Elements whose class or id names an author or byline, in page order: one automaton over the
/// two values rather than a selector's four tests an element.
fn author_class_elements(dom: &Dom) -> impl Iterator<Item = NodeRef<'_>> {
    dom.elements().filter(|e| e.has_attrs() && [e.attr("class"), e.attr("id")].into_iter().flatten().any(|v| AUTHOR_CLASS_MATCHER.is_match(v)))
}

/// Layout conventions after the author/byline class names (read first, by `page_authors`):
/// links to author pages, "By …" lines.
const HEURISTIC_KINDS: &[fn(&Dom, &str) -> Vec<String>] = &[
    |dom, _| author_links(dom),
    |_, visible| byline_lines(visible),
];

/// Names of the first of `elements` (outside navigation and footers) that names someone.
fn first_named<'a>(elements: impl Iterator<Item = NodeRef<'a>>) -> Vec<String> {
    elements
        .filter(|e| !in_furniture(*e, &BYLINE_FURNITURE) && !names_something_else(*e))
        .take(MAX_ELEMENTS)
        .map(|e| match e.attr("content") {
            Some(c) => names_of([c]),
            None => names_in_element(e),
        })
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

/// Class or id words of author elements that hold something else than the name.
const NOT_NAME_PARTS: &[&str] = &[
    "avatar", "bio", "desc", "image", "img", "photo", "pic", "date", "time", "social", "position", "role", "job",
    "title", "about", "label", "more", "posts", "description", "comment",
];

/// Whether an author element holds something else than the name: the words after "author"
/// in its class say so ("author-avatar", "author-bio"), unless the last is "name".
fn names_something_else(e: NodeRef) -> bool {
    class_and_id(e).split_whitespace().any(|token| {
        let words: Vec<&str> = token.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let Some(at) = words.iter().position(|w| w.contains("author") || w.contains("byline")) else { return false };
        let after = &words[at + 1..];
        after.last().is_some_and(|last| !last.ends_with("name"))
            && after.iter().any(|w| NOT_NAME_PARTS.iter().any(|p| w.ends_with(p)))
    })
}

/// Path segments of author pages.
const AUTHOR_PATHS: &[&str] =
    &["author", "authors", "writer", "writers", "contributor", "contributors", "columnist", "columnists", "journalist", "reporter", "reporters", "people", "staff", "profile", "profiles", "expert", "experts"];

/// Finds the words of [`AUTHOR_PATHS`] anywhere, in any ASCII case.
static AUTHOR_PATH_MATCHER: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    crate::rules::any_case_fragments(AUTHOR_PATHS)
});

/// The first link to an author page whose text is a name.
fn author_links(dom: &Dom) -> Vec<String> {
    // The link's path first: it rules out most links without walking their ancestors.
    dom.select(LINKS)
        .filter(|e| {
            let href = e.attr("href").unwrap_or("");
            // Most links name no author path: they are passed over without an allocation.
            if !AUTHOR_PATH_MATCHER.is_match(href) {
                return false;
            }
            let href = href.to_lowercase();
            let path = href.split(['?', '#']).next().unwrap_or("");
            let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
            // The author segment is followed by the author's slug.
            segments.windows(2).any(|w| AUTHOR_PATHS.contains(&w[0]))
        })
        .filter(|e| !in_furniture(*e, &BYLINE_FURNITURE))
        .take(MAX_ELEMENTS)
        .map(names_in_element)
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

const LINKS: &str = "a[href]";

/// Names in a visible element: its whole text when that is a byline ("By A and B"), else
/// its first text piece that is a name, preferring one after a "… by" label ("Reviewed by",
/// "Recipe by"); roles, dates and reading times around the name are separate pieces.
fn names_in_element(e: NodeRef) -> Vec<String> {
    // An author box is short: a longer element is a container named after its author.
    let Some(all) = text_pieces_within(e, MAX_AUTHOR_BOX_PIECES) else { return Vec::new() };
    let whole = all.join(" ").replace(" ,", ",");
    let pieces: Vec<&String> = all.iter().filter(|p| p.chars().any(char::is_alphanumeric)).collect();
    // "By Ann Lee, Senior Editor": the pieces keep the name apart from the role.
    if whole.split_whitespace().nth(MAX_BYLINE_WORDS * 2).is_none() && !has_job_word(&whole) {
        if let Some(b) = parse_byline(&whole).filter(|b| !b.authors.is_empty()) {
            return b.authors;
        }
    }
    let after_label = pieces.windows(2).find_map(|w| {
        let label = w[0].to_lowercase();
        (label.ends_with(" by") || label == "by" || label.ends_with("by:")).then(|| visible_names(w[1])).filter(|n| !n.is_empty())
    });
    after_label
        .or_else(|| pieces.iter().map(|p| visible_names(p)).find(|n| !n.is_empty()))
        .or_else(|| pieces.iter().find_map(|p| written_by_inside(p)))
        .or_else(|| avatar_name(e))
        .unwrap_or_default()
}

/// "This post was written by Ann Lee, our editor" → Ann Lee.
fn written_by_inside(text: &str) -> Option<Vec<String>> {
    let at = text.to_lowercase().find("written by ")?;
    leading_byline_names(text.get(at..)?)
}

const IMAGES_WITH_ALT: &str = "img[alt]";

/// The author's picture's `alt` text, when the author box shows no name as text.
fn avatar_name(e: NodeRef) -> Option<Vec<String>> {
    e.select(IMAGES_WITH_ALT).filter_map(|i| i.attr("alt")).map(visible_names).find(|n| !n.is_empty())
}

/// Names in a piece of visible text: stricter than declared metadata (every word
/// capitalised but particles, no role words), since any text may sit in an author box.
fn visible_names(piece: &str) -> Vec<String> {
    names_of([piece]).into_iter().filter(|n| is_visible_name(n)).collect()
}

/// Lower-case words allowed inside a visible name.
const NAME_JOINERS: &[&str] = &["van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "al", "el", "dos", "del", "of", "the"];

/// Words of job titles: a piece holding one is a role, not a name.
const JOB_WORDS: &[&str] = &[
    "writer", "editor", "reporter", "founder", "co-founder", "director", "manager", "coordinator", "expert", "contributor",
    "author", "authors", "admin", "administrator", "correspondent", "columnist", "specialist", "officer", "ceo", "cto",
    "head", "lead", "president", "producer", "analyst", "strategist", "consultant",
];

/// Words of labels and links around bylines: a piece holding one is not a name.
const LABEL_WORDS: &[&str] =
    &["posts", "articles", "read", "more", "view", "min", "follow", "share", "sponsored", "by", "published", "updated", "posted", "on", "in"];

fn is_visible_name(s: &str) -> bool {
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    // "HOME", "FREE": a shouted word is a label.
    let shouted = words.len() == 1 && s.chars().filter(|c| c.is_alphabetic()).count() > 1 && !s.chars().any(char::is_lowercase);
    !shouted
        && (1..=6).contains(&words.len())
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric());
            let capitalised = w.chars().next().is_some_and(|c| c.is_uppercase());
            (capitalised || NAME_JOINERS.contains(&trimmed))
                && !JOB_WORDS.contains(&trimmed)
                && !LABEL_WORDS.contains(&trimmed)
                && !w.ends_with('-')
                && !w.chars().any(|c| c.is_ascii_digit())
        })
}

/// Most text pieces of an element read for author names.
const MAX_AUTHOR_BOX_PIECES: usize = 64;

/// An element's text nodes, trimmed, without script and style contents, when there are at most
/// `max` of them (read no further).
fn text_pieces_within(e: NodeRef, max: usize) -> Option<Vec<String>> {
    let mut pieces = Vec::new();
    for t in e.texts() {
        let piece = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if piece.is_empty() {
            continue;
        }
        if pieces.len() == max {
            return None;
        }
        pieces.push(piece);
    }
    Some(pieces)
}

/// The first "By …" / "Written by …" line of the page's visible text (the name may be
/// followed by a date or reading time: "By Ann Lee December 3, 2025"), or a label line
/// ("Written by", "Article by", "Author") followed by a line that is a name.
fn byline_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.split_whitespace().nth(MAX_BYLINE_WORDS * 2).is_none())
        .find_map(|(i, l)| {
            if let Some(b) = parse_byline(l).filter(|b| !b.authors.is_empty()) {
                return Some(b.authors);
            }
            if let Some(names) = leading_byline_names(l).or_else(|| dated_name_line(l)).or_else(|| posted_on_by(l)) {
                return Some(names);
            }
            is_label_line(l).then(|| lines.get(i + 1).map(|next| visible_names(next))).flatten().filter(|n| !n.is_empty())
        })
        .unwrap_or_default()
}

/// A meta line that pairs a date with a name: "Ann Lee | Senior Writer | July 2, 2025",
/// "Dec. 19, 2025 · Ann Lee".
fn dated_name_line(line: &str) -> Option<Vec<String>> {
    let segments: Vec<&str> = line.split(['|', '·', '•', '—', '–']).map(str::trim).filter(|s| !s.is_empty()).collect();
    if !(2..=4).contains(&segments.len()) || !segments.iter().any(|s| crate::dates::is_date_only(s)) {
        return None;
    }
    let names: Vec<String> = segments
        .iter()
        .filter(|s| !crate::dates::is_date_only(s) && !has_job_word(s))
        .take(1)
        .flat_map(|s| leading_byline_names(&format!("by {s}")).unwrap_or_default())
        .collect();
    (!names.is_empty()).then_some(names)
}

/// WordPress's "Posted on March 3, 2025 by Ann Lee" and "Last updated … by …".
fn posted_on_by(line: &str) -> Option<Vec<String>> {
    let at = line.find(" by ")?;
    crate::dates::is_date_only(&line[..at]).then(|| leading_byline_names(&line[at + 1..])).flatten()
}

/// A line that only announces the author: "By", "Author:", "Written by", "Article by".
fn is_label_line(line: &str) -> bool {
    let label = line.to_lowercase();
    let label = label.trim_end_matches([':', ' ']);
    let words = label.split_whitespace().count();
    matches!(label, "by" | "author" | "authors") || (words <= 2 && label.ends_with(" by"))
}

/// The names that open a "By …" line, up to the first word that cannot be part of a name
/// (a date, a number, a separator).
fn leading_byline_names(line: &str) -> Option<Vec<String>> {
    let lower = line.to_lowercase();
    let rest = ["by:", "by ", "written by:", "written by "].iter().find_map(|p| lower.starts_with(p).then(|| &line[p.len()..]))?;
    let mut taken = Vec::new();
    for word in rest.split_whitespace() {
        let bare = word.trim_end_matches([',', ';', '|']);
        let joiner = matches!(bare, "and" | "&");
        let name_word = bare.chars().next().is_some_and(char::is_uppercase)
            && !bare.chars().any(|c| c.is_ascii_digit())
            && crate::dates::month_number(bare).is_none()
            && !crate::dates::is_weekday(bare);
        if !(name_word || joiner) || taken.len() >= 8 {
            break;
        }
        taken.push(bare);
        if bare.len() < word.len() && !joiner {
            // "By Ann Lee, December 3": a comma ends the name.
            break;
        }
    }
    while taken.last().is_some_and(|w| matches!(*w, "and" | "&")) {
        taken.pop();
    }
    let names: Vec<String> = split_and(&taken.join(" ")).into_iter().filter(|n| n.contains(' ') && is_visible_name(n)).map(str::to_string).collect();
    (!names.is_empty()).then_some(names)
}

/// Navigation, a page footer, comments, related stories or menus: names there are not the
/// article's.
const BYLINE_FURNITURE: Furniture = Furniture {
    always: &["nav"],
    outside_article: &["footer"],
    article: &["article"],
    names: &["comment", "comments", "related", "menu"],
};

/// Author names in raw author values: decoded, "By" and roles stripped, lists split, things
/// that are not names (URLs, e-mail addresses, handles, template placeholders, roles) dropped.
pub(crate) fn names_of<'a>(raw: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    for r in raw {
        for name in author_names(r) {
            push_unique(&mut out, &name);
        }
    }
    out
}

/// Words that name a role, not a person, when they make up the whole value.
const ROLE_ONLY: &[&str] = &[
    "admin", "administrator", "author", "authors", "editor", "editors", "staff", "writer", "reporter", "guest",
    "contributor", "name", "by", "posted", "written", "unknown", "none", "null", "user", "senior",
    "correspondent", "team", "the",
];

fn author_names(raw: &str) -> Vec<String> {
    let text = decode_entities(raw);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '”' | ',' | ';' | ':' | '|' | '-' | '–' | '—' | '·' | '•'));
    if text.is_empty() || text.split_whitespace().nth(MAX_BYLINE_WORDS).is_some() {
        return Vec::new();
    }
    if let Some(b) = parse_byline(text) {
        return b.authors;
    }
    let text = strip_label(text);
    if crate::dates::is_date_only(text) {
        return Vec::new();
    }
    // "Ann Lee | Site", "Ann Lee - Editorial Team": the name comes first.
    let head = [" | ", " - ", " – ", " — ", " · ", " • "]
        .iter()
        .filter_map(|sep| text.find(sep))
        .min()
        .map_or(text, |p| text[..p].trim());
    let mut out = Vec::new();
    for group in head.split(';').map(str::trim).filter(|g| !g.is_empty()) {
        let commas: Vec<&str> = group.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
        // "A, B and C": several authors when every piece is a full name.
        let pieces: Vec<&str> = commas.iter().flat_map(|c| split_and(c)).collect();
        let several = commas.len() > 1
            && pieces.iter().all(|c| c.split_whitespace().count() >= 2 && is_person_name(c) && !has_title_word(c));
        if several {
            out.extend(pieces.iter().filter(|n| is_name_like(n)).map(|n| n.to_string()));
            continue;
        }
        let Some((first, rest)) = commas.split_first() else { continue };
        // "Lee, Ann": family name first.
        if let [given] = rest {
            if !first.contains(' ') && is_person_name(first) && is_person_name(given) && !is_credential(given) && !has_title_word(given) {
                out.push(group.to_string());
                continue;
            }
        }
        // "Ann Lee, MD, PhD" keeps its credentials; "Ann Lee, Senior Editor" loses the role.
        let names: Vec<&str> = split_and(first).into_iter().filter(|n| is_name_like(n)).collect();
        let credentials: Vec<&str> = rest.iter().copied().take_while(|c| is_credential(c)).collect();
        match names.as_slice() {
            [one] => out.push(std::iter::once(*one).chain(credentials).collect::<Vec<_>>().join(", ")),
            many => out.extend(many.iter().map(|n| n.to_string())),
        }
    }
    out
}

/// "Ann Lee and Bo Chan", "Ann & Bo" → the names.
fn split_and(s: &str) -> Vec<&str> {
    s.split('&').flat_map(|p| p.split(" and ")).map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// "MD", "Ph.D.", "RDN", "M.D. FACLM": upper-case abbreviations after a name.
fn is_credential(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        (2..=6).contains(&letters.chars().count()) && letters.chars().filter(|c| c.is_uppercase()).count() * 2 > letters.chars().count()
    })
}

fn has_title_word(s: &str) -> bool {
    s.to_lowercase().split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| JOB_WORDS.contains(&w) || LABEL_WORDS.contains(&w))
}

fn has_job_word(s: &str) -> bool {
    s.to_lowercase().split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| JOB_WORDS.contains(&w))
}

/// Strips "Author:", "Written by", "Posted by" and the like.
fn strip_label(s: &str) -> &str {
    const LABELS: &[&str] =
        &["written by", "posted by", "published by", "authored by", "author:", "authors:", "by:", "by", "author", "words:"];
    let lower = s.to_lowercase();
    for label in LABELS {
        if let Some(rest) = lower.strip_prefix(label) {
            if label.ends_with(':') || rest.starts_with([' ', ':']) {
                let cut = s.len() - rest.len();
                return s[cut..].trim_start_matches([':', ' ']).trim();
            }
        }
    }
    s
}

/// Whether a cleaned value can be an author's name (person or organisation).
fn is_name_like(s: &str) -> bool {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 || !s.chars().any(char::is_alphabetic) {
        return false;
    }
    let labelled = lower.contains(':') || lower.contains('{');
    let url_like = lower.contains("://") || lower.starts_with("www.") || lower.contains('@') || lower.contains('/');
    // "page.head.author", "site.com", "john_doe": identifiers, not names.
    let identifier = words.len() == 1 && (lower.contains('_') || lower.contains('{') || has_inner_dot(&lower));
    let role_only = words.iter().all(|w| ROLE_ONLY.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
    // "Site Admin", "NOC Administrator": an account, not a person.
    let account = words.iter().any(|w| matches!(*w, "admin" | "administrator" | "webmaster"));
    let dated = crate::dates::parse_date(s).is_some();
    !(labelled || url_like || identifier || role_only || account || dated)
}

/// A dot followed by a letter inside a word ("example.com"), not initials ("J.R.").
fn has_inner_dot(w: &str) -> bool {
    let chars: Vec<char> = w.chars().collect();
    chars.windows(3).any(|c| c[0].is_alphanumeric() && c[1] == '.' && c[2].is_alphabetic())
        && w.split('.').any(|seg| seg.chars().count() > 2)
}


/// Decodes the character references that JSON-LD and attribute values carry doubly escaped
/// (`&amp;`, `&#39;`, `&#x27;`…). Full HTML decoding happened in the parser; this is the
/// second layer some CMSs add, so a few common names suffice.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let decoded = tail.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let entity = &tail[1..semi];
            let c = match entity {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}



#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_values() {
        let check = |raw: &str, expected: &[&str]| assert_eq!(names_of([raw]), expected, "{raw:?}");
        check("By Ann Lee", &["Ann Lee"]);
        check("Written by: Ann Lee", &["Ann Lee"]);
        check("Ann Lee and Bo Chan", &["Ann Lee", "Bo Chan"]);
        check("Ann Lee, Bo Chan, Cy Dee", &["Ann Lee", "Bo Chan", "Cy Dee"]);
        check("Jill Kubala, MS, RD", &["Jill Kubala, MS, RD"]);
        check("Kaufman, Jeff T.", &["Kaufman, Jeff T."]);
        check("Maria &amp; Katerina", &["Maria", "Katerina"]);
        check("Tina Huffman | Greenhouse Studio", &["Tina Huffman"]);
        check("\"Ann Lee\"", &["Ann Lee"]);
        check("Acme Blog Team", &["Acme Blog Team"]);
        for junk in ["https://example.com/ann", "www.facebook.com/ann", "ann@example.com", "page.head.extra.author", "Paperium.net", "Administrator", "NOC Admin", "By", "Staff Writer", "March 3, 2024", ""] {
            check(junk, &[]);
        }
    }

    fn authors(html: &str, site: &[&str]) -> Vec<String> {
        let dom = Dom::parse(html);
        let sites: Vec<String> = site.iter().map(|s| s.to_string()).collect();
        page_authors(&dom, &MetaTags::read(&dom), &crate::html::visible_text(&dom), &[], &sites)
    }

    #[test]
    fn meta_sources() {
        let check = |head: &str, expected: &[&str]| {
            let html = format!("<html><head>{head}</head><body><p>Text.</p></body></html>");
            assert_eq!(authors(&html, &["Daily Planet"]), expected, "{head}");
        };
        check(r#"<meta name="author" content="Ann Lee">"#, &["Ann Lee"]);
        check(r#"<meta property="article:author" content="https://facebook.com/x"><meta name="parsely-author" content="Bo Chan">"#, &["Bo Chan"]);
        check(r#"<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Cy Dee">"#, &["Cy Dee"]);
        // The site as author only when nobody else is named.
        check(r#"<meta name="author" content="Daily Planet">"#, &["Daily Planet"]);
        check(r#"<meta name="author" content="Daily Planet"><meta name="parsely-author" content="Ann Lee">"#, &["Ann Lee"]);
    }

    #[test]
    fn visible_sources() {
        let check = |body: &str, expected: &[&str]| {
            let html = format!("<html><body>{body}<p>The council met on Monday.</p></body></html>");
            assert_eq!(authors(&html, &[]), expected, "{body}");
        };
        check(r#"<span itemprop="author"><span itemprop="name">Bo Chan</span></span>"#, &["Bo Chan"]);
        check(r#"<div class="post-byline">By Ann Lee</div>"#, &["Ann Lee"]);
        check(r#"<div class="author-box"><img class="author-avatar" alt="x"><div class="author-title">Editor</div><div class="author-name">Liz Kenny</div></div>"#, &["Liz Kenny"]);
        check(r#"<a rel="Author" href="/u/1">Bo Chan</a>"#, &["Bo Chan"]);
        check(r#"<p>Recipe by <a href="/author/pj-hamel">PJ Hamel</a></p>"#, &["PJ Hamel"]);
        check(r#"<p>By Ann Lee | March 3, 2024</p>"#, &["Ann Lee"]);
        check(r#"<p>By <a href="/people/ann">Ann Lee</a> December 3, 2024</p>"#, &["Ann Lee"]);
        check(r#"<p>by: Ann Lee, Dec 17, 2025</p>"#, &["Ann Lee"]);
        check(r#"<h2>Article by</h2><div>Ann Lee</div>"#, &["Ann Lee"]);
        check(r#"<p>By Monday the council had voted.</p>"#, &[]);
        check(r#"<p>Ann Lee | Senior Writer | July 2, 2025</p>"#, &["Ann Lee"]);
        check(r#"<p>Posted on March 3, 2025 by <a href="/ann">Ann Lee</a></p>"#, &["Ann Lee"]);
        check(r#"<div class="post-author"><img alt="Ann Lee" src="a.jpg"><p>Ann writes about city hall.</p></div>"#, &["Ann Lee"]);
        check(r#"<div class="post-author">This post was written by Ann Lee, our city editor.</div>"#, &["Ann Lee"]);
        // Metadata naming the first of the byline's authors.
        let html = r#"<html><head><meta name="author" content="Ann Lee"></head><body><div class="post-byline">By Dr Ann Lee, Bo Chan and Cy Dee</div></body></html>"#;
        assert_eq!(authors(html, &[]), ["Dr Ann Lee", "Bo Chan", "Cy Dee"]);
        check(r#"<p>Dec. 19, 2025 · Ann Lee on behalf of the team</p>"#, &["Ann Lee"]);
        // Navigation and comments are not bylines.
        check(r#"<nav><a href="/author/ann-lee">Ann Lee</a></nav><div class="comments"><span itemprop="author">Cy Dee</span></div>"#, &[]);
        // A long container named after its author is not an author box (its pieces are not read).
        let article = "<p>Voters Said Yes.</p>".repeat(MAX_AUTHOR_BOX_PIECES + 1);
        check(&format!(r#"<div class="author-page">{article}</div>"#), &[]);
        check(&format!(r#"<div class="author-page"><div class="author-name">Liz Kenny</div>{article}</div>"#), &["Liz Kenny"]);
    }

    #[test]
    fn author_elements_are_those_the_selectors_find() {
        let html = "<div class='Post-AUTHOR'>a</div><p id='byLine-1'>b</p><span class='x' id='y'>c</span><i class='authorship'>d</i><b>e</b><em id='auth'>f</em>";
        let dom = Dom::parse(html);
        let ids = |it: &mut dyn Iterator<Item = NodeRef>| it.map(|e| e.id()).collect::<Vec<_>>();
        let selector = "[class*='author' i], [class*='byline' i], [id*='author' i], [id*='byline' i]";
        assert_eq!(ids(&mut author_class_elements(&dom)), ids(&mut dom.select(selector)));
        assert_eq!(author_class_elements(&dom).count(), 3);
        let html = "<div itemprop='author'><span itemprop='name'>A</span></div><span itemprop='name'>B</span><p itemprop='author'>C</p><i itemprop='Author'>D</i>";
        let dom = Dom::parse(html);
        let selector = "[itemprop='author'] [itemprop='name'], [itemprop='author']";
        assert_eq!(ids(&mut itemprop_authors(&dom)), ids(&mut dom.select(selector)));
        assert_eq!(itemprop_authors(&dom).count(), 3);
    }

    #[test]
    fn author_selectors_are_in_the_supported_subset() {
        // `Dom::select` matches nothing for a selector outside its subset.
        for css in [REL_AUTHOR, LINKS, IMAGES_WITH_ALT] {
            assert!(crate::dom::Selector::parse(css).is_some(), "{css}");
        }
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("A &amp; B &#39;C&#x27; &bogus D&"), "A & B 'C' &bogus D&");
    }
}
