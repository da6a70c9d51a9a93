//! A fast, forgiving HTML tree for extraction: one pass over the bytes, no allocation per
//! node beyond a shared string buffer, subtrees stored contiguously (a node's descendants are
//! the nodes between it and its `end`).
//!
//! Written by hand because no kept crate builds a usable tree fast enough for the extraction
//! budget (about 1 ms a page): html5ever took 1.6 ms on an average benchmark page (174 KB),
//! fast-html-parser 0.66 ms, and `tl` (0.26 ms) mis-parses scripts holding `</div>` and keeps
//! unclosed `<p>`s open around the rest of the page.
//!
//! The tree follows the HTML parsing rules where they change which text sits in which block:
//! raw-text elements (`script`, `style`, `textarea`, `title`…), void elements, the end tags
//! implied by `<p>`, `<li>`, `<dd>`/`<dt>`, table rows and cells, headings and options, and
//! end tags that close the elements left open inside them. It does not reparent misnested
//! formatting elements, insert missing `<html>`/`<body>` elements or move text out of
//! tables; extraction does not need them. Nesting is capped at [`MAX_DEPTH`] open elements
//! (deeper tags are dropped with their end tags, their text kept) and attributes at
//! [`MAX_ATTRIBUTES`] an element, so the work per tag is bounded.
use memchr::memchr;

/// Deepest element nesting kept; deeper start tags are ignored (their text is kept).
pub(crate) const MAX_DEPTH: usize = 200;

/// Attributes kept per element (real ones have a few dozen at most); the rest are skipped, so
/// the check for duplicates stays bounded.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// Index of a node in its [`Dom`].
pub(crate) type NodeId = u32;

#[derive(Debug, Clone, Copy)]
enum Kind {
    Document,
    /// Name and attribute ranges: the name in `Dom::strings`, the attributes in `Dom::attrs`.
    Element { name: (u32, u32), attrs: (u32, u32) },
    /// The text's range in `Dom::strings` (entities decoded).
    Text((u32, u32)),
}

#[derive(Debug, Clone, Copy)]
struct Node {
    parent: NodeId,
    /// One past the last descendant.
    end: NodeId,
    kind: Kind,
}

/// Attribute name and value ranges in `Dom::strings`.
#[derive(Debug, Clone, Copy)]
struct Attr {
    name: (u32, u32),
    value: (u32, u32),
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Dom {
    nodes: Vec<Node>,
    attrs: Vec<Attr>,
    /// The page itself, then the names and values that had to be changed (lower-cased,
    /// entities decoded): ranges of text the page holds as is point into the page.
    strings: String,
    /// Start tags dropped for nesting deeper than [`MAX_DEPTH`].
    pub dropped_tags: usize,
}

/// A node of a [`Dom`]: an element, a text or the document.
#[derive(Clone, Copy)]
pub(crate) struct NodeRef<'a> {
    dom: &'a Dom,
    id: NodeId,
}

impl std::fmt::Debug for NodeRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.dom.nodes[self.id as usize].kind {
            Kind::Document => write!(f, "#document"),
            Kind::Element { .. } => write!(f, "<{}>#{}", self.name(), self.id),
            Kind::Text(_) => write!(f, "{:?}", self.text()),
        }
    }
}

impl PartialEq for NodeRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.dom, other.dom) && self.id == other.id
    }
}
impl Eq for NodeRef<'_> {}

impl Dom {
    /// Parses `html` (never fails, never panics). Offsets are `u32`: callers keep pages far
    /// below 4 GB (`extract` truncates its input at 5 MB).
    pub(crate) fn parse(html: &str) -> Dom {
        debug_assert!(u32::try_from(html.len()).is_ok(), "page of {} bytes", html.len());
        Builder::new(html).run()
    }

    pub(crate) fn root(&self) -> NodeRef<'_> {
        NodeRef { dom: self, id: 0 }
    }

    pub(crate) fn get(&self, id: NodeId) -> NodeRef<'_> {
        NodeRef { dom: self, id }
    }

    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// All elements in page order.
    pub(crate) fn elements(&self) -> impl Iterator<Item = NodeRef<'_>> + '_ {
        self.root().descendants().filter(NodeRef::is_element)
    }

    /// Elements matching a selector of the supported subset (see [`Selector`]), in page order;
    /// none for a selector outside it.
    pub(crate) fn select(&self, css: &str) -> impl Iterator<Item = NodeRef<'_>> + '_ {
        self.root().select(css)
    }

    /// The deepest element nesting.
    #[cfg(test)]
    pub(crate) fn max_depth(&self) -> usize {
        let mut depth = vec![0u32; self.nodes.len()];
        let mut deepest = 0;
        for (i, n) in self.nodes.iter().enumerate().skip(1) {
            depth[i] = depth[n.parent as usize] + 1;
            deepest = deepest.max(depth[i]);
        }
        deepest as usize
    }

    fn str(&self, (start, end): (u32, u32)) -> &str {
        &self.strings[start as usize..end as usize]
    }
}

impl<'a> NodeRef<'a> {
    pub(crate) fn id(self) -> NodeId {
        self.id
    }

    fn node(self) -> &'a Node {
        &self.dom.nodes[self.id as usize]
    }

    pub(crate) fn is_element(&self) -> bool {
        matches!(self.node().kind, Kind::Element { .. })
    }

    pub(crate) fn is_text(&self) -> bool {
        matches!(self.node().kind, Kind::Text(_))
    }

    /// The element's lower-case name ("" for texts and the document).
    pub(crate) fn name(self) -> &'a str {
        match self.node().kind {
            Kind::Element { name, .. } => self.dom.str(name),
            _ => "",
        }
    }

    /// A text node's text ("" for others).
    pub(crate) fn text(self) -> &'a str {
        match self.node().kind {
            Kind::Text(range) => self.dom.str(range),
            _ => "",
        }
    }

    /// The element's attributes (lower-case names, decoded values), in page order.
    #[cfg(test)]
    pub(crate) fn attrs(self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let range = match self.node().kind {
            Kind::Element { attrs, .. } => attrs.0 as usize..attrs.1 as usize,
            _ => 0..0,
        };
        let dom = self.dom;
        dom.attrs[range].iter().map(move |a| (dom.str(a.name), dom.str(a.value)))
    }

    /// Whether the element has any attribute.
    pub(crate) fn has_attrs(self) -> bool {
        matches!(self.node().kind, Kind::Element { attrs, .. } if attrs.0 < attrs.1)
    }

    /// The value of attribute `name` (lower case).
    pub(crate) fn attr(self, name: &str) -> Option<&'a str> {
        let Kind::Element { attrs, .. } = self.node().kind else { return None };
        let dom = self.dom;
        let name = name.as_bytes();
        // Names compared as bytes, lengths first; the value is sliced only for the match.
        dom.attrs[attrs.0 as usize..attrs.1 as usize]
            .iter()
            .find(|a| (a.name.1 - a.name.0) as usize == name.len() && dom.strings.as_bytes()[a.name.0 as usize..a.name.1 as usize] == *name)
            .map(|a| dom.str(a.value))
    }

    pub(crate) fn parent(self) -> Option<NodeRef<'a>> {
        (self.id != 0).then(|| NodeRef { dom: self.dom, id: self.node().parent })
    }

    /// Parent, grandparent… up to the document (not included).
    pub(crate) fn ancestors(self) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        std::iter::successors(self.parent(), |n| n.parent()).filter(|n| n.id != 0)
    }

    /// Children in page order.
    pub(crate) fn children(self) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        let end = self.node().end;
        let dom = self.dom;
        let first = (self.id + 1 < end).then_some(self.id + 1);
        std::iter::successors(first, move |&c| {
            let next = dom.nodes[c as usize].end;
            (next < end).then_some(next)
        })
        .map(move |id| NodeRef { dom, id })
    }

    /// Every node below this one, in page order.
    pub(crate) fn descendants(self) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        let dom = self.dom;
        (self.id + 1..self.node().end).map(move |id| NodeRef { dom, id })
    }

    /// The ids of this node's subtree, this node excluded.
    pub(crate) fn descendant_ids(self) -> std::ops::Range<NodeId> {
        self.id + 1..self.node().end
    }

    /// Whether `other` is this node or one of its descendants.
    pub(crate) fn contains(self, other: NodeRef) -> bool {
        (self.id..self.node().end).contains(&other.id)
    }

    /// The texts below this node, in page order (script and style contents excluded).
    pub(crate) fn texts(self) -> impl Iterator<Item = &'a str> + 'a {
        let dom = self.dom;
        let end = self.node().end;
        let mut id = self.id + 1;
        std::iter::from_fn(move || {
            while id < end {
                let n = NodeRef { dom, id };
                if n.is_element() && matches!(n.name(), "script" | "style" | "template") {
                    id = n.node().end;
                    continue;
                }
                id += 1;
                if let Kind::Text(range) = n.node().kind {
                    return Some(dom.str(range));
                }
            }
            None
        })
    }

    /// The element's text with runs of white space made one space, trimmed.
    pub(crate) fn squashed_text(self) -> String {
        self.squashed_text_within(usize::MAX).unwrap_or_default()
    }

    /// [`squashed_text`](Self::squashed_text) when it has at most `max_words` whitespace-separated
    /// words, read no further: checks of short blocks stay linear in nested ones.
    pub(crate) fn squashed_text_within(self, max_words: usize) -> Option<String> {
        join_words_within(self.texts().flat_map(str::split_whitespace), max_words, |_| 1)
    }

    /// Elements below this one matching `css` (see [`Selector`]), in page order.
    /// Read lazily: callers that want the first match stop there.
    pub(crate) fn select(self, css: &str) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        let selector = Selector::parse(css);
        let ids = if selector.is_some() { self.descendant_ids() } else { 0..0 };
        let dom = self.dom;
        ids.map(move |id| NodeRef { dom, id }).filter(move |n| n.is_element() && selector.as_ref().is_some_and(|sel| sel.matches(*n)))
    }
}

/// `pieces` joined by single spaces while the words they hold (`words` of each piece) stay
/// within `max_words`; `None`, read no further, past it.
pub(crate) fn join_words_within<'a>(pieces: impl Iterator<Item = &'a str>, max_words: usize, words: impl Fn(&str) -> usize) -> Option<String> {
    let (mut out, mut total) = (String::new(), 0);
    for piece in pieces {
        total += words(piece);
        if total > max_words {
            return None;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece);
    }
    Some(out)
}

/// The CSS selectors extraction needs: comma-separated lists of compound selectors joined by
/// descendant combinators (spaces); a compound is an optional tag name (or `*`) with any of
/// `#id`, `.class`, `[attr]`, `[attr=v]`, `[attr~=v]`, `[attr^=v]`, `[attr$=v]`, `[attr*=v]`
/// (values quoted or not, an `i` flag for case-insensitive values). Anything else does not
/// parse.
#[derive(Debug, Clone)]
pub(crate) struct Selector {
    alternatives: Vec<Vec<Compound>>,
}

#[derive(Debug, Clone, Default)]
struct Compound {
    tag: Option<String>,
    tests: Vec<AttrTest>,
}

#[derive(Debug, Clone)]
struct AttrTest {
    name: String,
    op: AttrOp,
    value: String,
    fold_case: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum AttrOp {
    Exists,
    Equals,
    Word,
    Prefix,
    Suffix,
    Contains,
}

impl Selector {
    pub(crate) fn parse(css: &str) -> Option<Selector> {
        let alternatives = css.split(',').map(parse_complex).collect::<Option<Vec<_>>>()?;
        Some(Selector { alternatives })
    }

    pub(crate) fn matches(&self, e: NodeRef) -> bool {
        self.alternatives.iter().any(|chain| matches_chain(chain, e))
    }
}

fn matches_chain(chain: &[Compound], e: NodeRef) -> bool {
    let Some((last, rest)) = chain.split_last() else { return false };
    if !last.matches(e) {
        return false;
    }
    // Descendant combinators: each earlier compound matched by some ancestor, innermost first.
    let mut ancestors = e.ancestors();
    rest.iter().rev().all(|c| ancestors.any(|a| c.matches(a)))
}

impl Compound {
    fn matches(&self, e: NodeRef) -> bool {
        self.tag.as_deref().is_none_or(|t| e.name() == t) && self.tests.iter().all(|t| t.matches(e))
    }
}

impl AttrTest {
    fn matches(&self, e: NodeRef) -> bool {
        let Some(v) = e.attr(&self.name) else { return false };
        if self.op == AttrOp::Exists {
            return true;
        }
        let want = self.value.as_str();
        if self.fold_case && want.is_ascii() {
            // Values folded without an allocation: the wanted value is ASCII and lower case.
            let v = v.as_bytes();
            let want = want.as_bytes();
            return match self.op {
                AttrOp::Exists => true,
                AttrOp::Equals => v.eq_ignore_ascii_case(want),
                AttrOp::Word => v.split(u8::is_ascii_whitespace).any(|w| w.eq_ignore_ascii_case(want)),
                AttrOp::Prefix => !want.is_empty() && v.len() >= want.len() && v[..want.len()].eq_ignore_ascii_case(want),
                AttrOp::Suffix => !want.is_empty() && v.len() >= want.len() && v[v.len() - want.len()..].eq_ignore_ascii_case(want),
                AttrOp::Contains => !want.is_empty() && contains_ignore_ascii_case(v, want),
            };
        }
        let folded;
        let v = if self.fold_case {
            folded = v.to_lowercase();
            folded.as_str()
        } else {
            v
        };
        match self.op {
            AttrOp::Exists => true,
            AttrOp::Equals => v == want,
            AttrOp::Word => v.split_ascii_whitespace().any(|w| w == want),
            AttrOp::Prefix => !want.is_empty() && v.starts_with(want),
            AttrOp::Suffix => !want.is_empty() && v.ends_with(want),
            AttrOp::Contains => !want.is_empty() && v.contains(want),
        }
    }
}

/// Whether `hay` contains `needle` (ASCII, lower case) in any ASCII case: candidates found by
/// their first byte with `memchr2`.
pub(crate) fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    let mut from = 0;
    while let Some(off) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + off;
        if hay.get(at + 1..at + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(rest)) {
            return true;
        }
        from = at + 1;
    }
    false
}

fn parse_complex(s: &str) -> Option<Vec<Compound>> {
    let mut chain = Vec::new();
    let mut rest = s.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let (compound, after) = parse_compound(rest)?;
        chain.push(compound);
        let trimmed = after.trim_start();
        if !trimmed.is_empty() && trimmed.len() == after.len() {
            return None; // two compounds without a space between them
        }
        rest = trimmed;
    }
    Some(chain)
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii()
}

fn parse_compound(s: &str) -> Option<(Compound, &str)> {
    let mut c = Compound::default();
    let ident_len = |t: &str| t.find(|ch: char| !is_ident(ch)).unwrap_or(t.len());
    let mut rest = s;
    if let Some(r) = rest.strip_prefix('*') {
        rest = r;
    } else {
        let n = ident_len(rest);
        if n > 0 {
            c.tag = Some(rest[..n].to_ascii_lowercase());
            rest = &rest[n..];
        }
    }
    loop {
        if let Some(r) = rest.strip_prefix('#').or_else(|| rest.strip_prefix('.')) {
            let n = ident_len(r);
            if n == 0 {
                return None;
            }
            let (name, op) = if rest.starts_with('#') { ("id", AttrOp::Equals) } else { ("class", AttrOp::Word) };
            c.tests.push(AttrTest { name: name.into(), op, value: r[..n].to_string(), fold_case: false });
            rest = &r[n..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']')?;
            c.tests.push(parse_attr_test(&r[..close])?);
            rest = &r[close + 1..];
        } else {
            break;
        }
    }
    if c.tag.is_none() && c.tests.is_empty() && rest.len() == s.len() && !s.starts_with('*') {
        return None;
    }
    Some((c, rest))
}

fn parse_attr_test(inner: &str) -> Option<AttrTest> {
    let inner = inner.trim();
    let Some(eq) = inner.find('=') else {
        let name = inner.to_ascii_lowercase();
        return (!name.is_empty() && name.chars().all(is_ident))
            .then_some(AttrTest { name, op: AttrOp::Exists, value: String::new(), fold_case: false });
    };
    let (op, name_end) = match inner[..eq].chars().last() {
        Some('~') => (AttrOp::Word, eq - 1),
        Some('^') => (AttrOp::Prefix, eq - 1),
        Some('$') => (AttrOp::Suffix, eq - 1),
        Some('*') => (AttrOp::Contains, eq - 1),
        _ => (AttrOp::Equals, eq),
    };
    let name = inner[..name_end].trim().to_ascii_lowercase();
    if name.is_empty() || !name.chars().all(is_ident) {
        return None;
    }
    let mut value = inner[eq + 1..].trim();
    let mut fold_case = false;
    if let Some(v) = value.strip_suffix(" i").or_else(|| value.strip_suffix(" I")) {
        fold_case = true;
        value = v.trim_end();
    }
    let value = match value.as_bytes().first() {
        Some(q @ (b'"' | b'\'')) => value.strip_prefix(*q as char)?.strip_suffix(*q as char)?,
        _ => value,
    };
    let value = if fold_case { value.to_lowercase() } else { value.to_string() };
    Some(AttrTest { name, op, value, fold_case })
}

/// A lower-case tag name: borrowed for the names the rules know, owned for others.
type TagName = std::borrow::Cow<'static, str>;

/// Declares the tag names looked up without an allocation: a `match` compiles to a switch
/// on the length, then byte comparisons.
macro_rules! known_tags {
    ($($name:literal),* $(,)?) => {
        fn known_tag(lower: &str) -> Option<&'static str> {
            match lower {
                $($name => Some($name),)*
                _ => None,
            }
        }
    };
}

known_tags!(
    "a", "abbr", "address", "applet", "area", "article", "aside", "audio", "b", "base", "basefont", "bdi", "bdo",
    "bgsound", "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup",
    "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset",
    "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "g", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "keygen", "label", "legend",
    "li", "link", "listing", "main", "mark", "marquee", "math", "menu", "meta", "meter", "nav", "noembed", "noframes",
    "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "path", "picture", "plaintext", "pre",
    "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search", "section", "select", "small", "source",
    "span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea",
    "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul", "var", "video", "wbr", "xmp",
);

/// `raw` lower-cased, without an allocation when it is a known tag.
fn tag_name(raw: &str) -> TagName {
    // HTML reads an `<image>` start tag as `<img>`.
    if raw.eq_ignore_ascii_case("image") {
        return TagName::Borrowed("img");
    }
    // Most pages write their tags in lower case.
    if raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        if let Some(name) = known_tag(raw) {
            return TagName::Borrowed(name);
        }
    }
    let mut buf = [0u8; 16];
    if raw.len() <= buf.len() && raw.is_ascii() {
        let lower = &mut buf[..raw.len()];
        lower.copy_from_slice(raw.as_bytes());
        lower.make_ascii_lowercase();
        if let Some(name) = std::str::from_utf8(lower).ok().and_then(known_tag) {
            return TagName::Borrowed(name);
        }
    }
    TagName::Owned(raw.to_lowercase())
}

/// Elements that never have content (no end tag).
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta" | "param" | "source"
            | "track" | "wbr" | "keygen" | "basefont" | "bgsound" | "frame"
    )
}

/// Start tags that close an open `<p>`.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog" | "dir" | "div" | "dl"
            | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "header" | "hgroup" | "hr" | "main" | "menu" | "nav" | "ol" | "p" | "pre" | "section" | "summary"
            | "table" | "ul" | "li" | "dd" | "dt" | "listing" | "xmp" | "plaintext" | "search"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements whose end tag cannot close an inline element left open inside them, and which
/// an inline element's stray end tag does not reach past.
fn is_block(name: &str) -> bool {
    closes_p(name)
        || matches!(
            name,
            "html" | "body" | "head" | "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "button"
                | "object" | "applet" | "marquee" | "template" | "select" | "textarea" | "iframe"
        )
}

/// HTML start tags that end foreign content (`<svg>`, `<math>`) left open.
fn breaks_out_of_foreign_content(name: &str) -> bool {
    matches!(
        name,
        "b" | "big" | "blockquote" | "body" | "br" | "center" | "code" | "dd" | "div" | "dl" | "dt" | "em" | "embed" | "h1"
            | "h2" | "h3" | "h4" | "h5" | "h6" | "head" | "hr" | "i" | "img" | "li" | "listing" | "menu" | "meta" | "nobr"
            | "ol" | "p" | "pre" | "ruby" | "s" | "small" | "span" | "strong" | "strike" | "sub" | "sup" | "table" | "tt"
            | "u" | "ul" | "var"
    )
}

/// Elements an implied or stray end tag never searches past.
fn is_scope_boundary(name: &str) -> bool {
    matches!(name, "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template")
}

/// How the content after a start tag is read.
#[derive(Clone, Copy, PartialEq)]
enum ContentModel {
    Markup,
    /// Text up to the matching end tag; `decode` for RCDATA (entities decoded), `keep` when the
    /// text is stored.
    Raw { decode: bool, keep: bool },
    /// The rest of the page is text.
    Plaintext,
}

fn content_model(name: &str) -> ContentModel {
    match name {
        "script" => ContentModel::Raw { decode: false, keep: true },
        "xmp" => ContentModel::Raw { decode: false, keep: true },
        "style" | "iframe" | "noembed" | "noframes" | "noscript" => ContentModel::Raw { decode: false, keep: false },
        "title" | "textarea" => ContentModel::Raw { decode: true, keep: true },
        "plaintext" => ContentModel::Plaintext,
        _ => ContentModel::Markup,
    }
}

/// Names whose open elements [`Builder`] counts.
const COUNTED: [&str; 7] = ["p", "li", "dd", "dt", "head", "table", "a"];

fn counted(name: &str) -> Option<usize> {
    match name {
        "p" => Some(0),
        "li" => Some(1),
        "dd" => Some(2),
        "dt" => Some(3),
        "head" => Some(4),
        "table" => Some(5),
        "a" => Some(6),
        _ => None,
    }
}

struct Builder<'h> {
    html: &'h str,
    dom: Dom,
    /// Open elements (ids), the document at the bottom.
    stack: Vec<NodeId>,
    /// How many elements of each name [`counted`] are open: a search for one that is not
    /// open is skipped.
    open: [u32; COUNTED.len()],
    /// Open `svg`/`math` elements: inside them `<x/>` closes itself.
    foreign: usize,
    /// Start tags dropped for depth, by name, whose end tags are still to come: those end
    /// tags are used up, so they do not close the elements kept around them.
    dropped_open: std::collections::HashMap<String, usize>,
}

impl<'h> Builder<'h> {
    fn new(html: &'h str) -> Self {
        let mut strings = String::with_capacity(html.len() + html.len() / 8);
        strings.push_str(html);
        let mut dom = Dom { nodes: Vec::with_capacity(html.len() / 40), attrs: Vec::new(), strings, dropped_tags: 0 };
        dom.nodes.push(Node { parent: 0, end: 1, kind: Kind::Document });
        Builder { html, dom, stack: vec![0], open: [0; COUNTED.len()], foreign: 0, dropped_open: std::collections::HashMap::new() }
    }

    fn run(mut self) -> Dom {
        let bytes = self.html.as_bytes();
        let mut pos = 0;
        let mut text_start = 0;
        while let Some(off) = memchr(b'<', &bytes[pos..]) {
            let lt = pos + off;
            let next = bytes.get(lt + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                self.push_text(text_start, lt);
                let (after, model, name) = self.start_tag(lt);
                pos = after;
                text_start = after;
                match model {
                    ContentModel::Markup => {}
                    ContentModel::Raw { decode, keep } => {
                        let (text_end, after_end) = find_raw_end(bytes, pos, &name);
                        if keep {
                            self.push_text_as(pos, text_end, decode);
                        }
                        self.pop_named(&name);
                        pos = after_end;
                        text_start = after_end;
                    }
                    ContentModel::Plaintext => {
                        self.push_text(pos, bytes.len());
                        pos = bytes.len();
                        text_start = pos;
                        break;
                    }
                }
            } else if next == b'/' && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
                self.push_text(text_start, lt);
                pos = self.end_tag(lt);
                text_start = pos;
            } else if next == b'!' || next == b'?' || next == b'/' {
                self.push_text(text_start, lt);
                pos = skip_markup_declaration(bytes, lt);
                text_start = pos;
            } else {
                pos = lt + 1; // a literal '<'
            }
        }
        self.push_text(text_start, bytes.len());
        let end = self.dom.nodes.len() as NodeId;
        for &open in &self.stack {
            self.dom.nodes[open as usize].end = end;
        }
        self.dom
    }

    fn current_name(&self) -> &str {
        let top = *self.stack.last().unwrap_or(&0);
        self.dom.get(top).name()
    }

    fn push_text(&mut self, start: usize, end: usize) {
        self.push_text_as(start, end, true);
    }

    fn push_text_as(&mut self, start: usize, end: usize, decode: bool) {
        if start >= end {
            return;
        }
        let raw = &self.html[start..end];
        let range = if decode && memchr(b'&', raw.as_bytes()).is_some() {
            let from = self.dom.strings.len();
            decode_text(raw, &mut self.dom.strings);
            remap_c1_references(raw, &mut self.dom.strings, from);
            (from as u32, self.dom.strings.len() as u32)
        } else {
            (start as u32, end as u32)
        };
        let parent = *self.stack.last().unwrap_or(&0);
        let id = self.dom.nodes.len() as NodeId;
        self.dom.nodes.push(Node { parent, end: id + 1, kind: Kind::Text(range) });
    }

    /// Reads the start tag at `lt`; returns where its content begins and how to read it.
    fn start_tag(&mut self, lt: usize) -> (usize, ContentModel, TagName) {
        let bytes = self.html.as_bytes();
        let name_start = lt + 1;
        let mut i = name_start;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            i += 1;
        }
        let name = tag_name(&self.html[name_start..i]);
        let name_range = if *name == self.html[name_start..i] {
            (name_start as u32, i as u32)
        } else {
            let from = self.dom.strings.len();
            self.dom.strings.push_str(&name);
            (from as u32, self.dom.strings.len() as u32)
        };
        let attrs_from = self.dom.attrs.len();
        let (after, self_closing) = self.attributes(i);
        let attrs_range = (attrs_from as u32, self.dom.attrs.len() as u32);

        if matches!(&*name, "html" | "body" | "head") && self.has_open(&name) {
            return (after, ContentModel::Markup, name);
        }
        self.close_implied(&name);
        if self.stack.len() > MAX_DEPTH {
            self.dom.dropped_tags += 1;
            // Elements whose end tag HTML implies often have none: not waited for.
            let implied_end = matches!(&*name, "p" | "li" | "dd" | "dt" | "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" | "option" | "optgroup");
            if !is_void(&name) && !implied_end {
                *self.dropped_open.entry(name.to_string()).or_insert(0) += 1;
            }
            let model = if is_void(&name) { ContentModel::Markup } else { content_model(&name) };
            return (after, model.without_element(), name);
        }
        let parent = *self.stack.last().unwrap_or(&0);
        let id = self.dom.nodes.len() as NodeId;
        self.dom.nodes.push(Node { parent, end: id + 1, kind: Kind::Element { name: name_range, attrs: attrs_range } });
        let closes_itself = is_void(&name) || (self_closing && (self.foreign > 0 || matches!(&*name, "svg" | "math")));
        if closes_itself {
            return (after, ContentModel::Markup, name);
        }
        if matches!(&*name, "svg" | "math") {
            self.foreign += 1;
        }
        self.stack.push(id);
        if let Some(c) = counted(&name) {
            self.open[c] += 1;
        }
        let model = if self.foreign > 0 { ContentModel::Markup } else { content_model(&name) };
        (after, model, name)
    }

    /// Reads attributes from `i` up to the tag's `>`; returns the position after it and whether
    /// the tag ended with `/>`.
    fn attributes(&mut self, mut i: usize) -> (usize, bool) {
        let attrs_from = self.dom.attrs.len();
        let bytes = self.html.as_bytes();
        let n = bytes.len();
        let mut self_closing = false;
        loop {
            while i < n && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            if i >= n {
                return (n, self_closing);
            }
            match bytes[i] {
                b'>' => return (i + 1, self_closing),
                b'/' => {
                    self_closing = bytes.get(i + 1) == Some(&b'>');
                    i += 1;
                    continue;
                }
                _ => {}
            }
            self_closing = false;
            let name_start = i;
            i += 1; // a name may start with '=' or a quote
            while i < n && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'=') {
                i += 1;
            }
            let name_end = i;
            while i < n && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            let mut value = (i, i);
            if i < n && bytes[i] == b'=' {
                i += 1;
                while i < n && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                    i += 1;
                }
                if i < n && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    let close = memchr(q, &bytes[i + 1..]).map_or(n, |o| i + 1 + o);
                    value = (i + 1, close);
                    i = (close + 1).min(n);
                } else {
                    let start = i;
                    while i < n && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>') {
                        i += 1;
                    }
                    value = (start, i);
                }
            }
            self.push_attr(attrs_from, name_start..name_end, value.0..value.1);
        }
    }

    fn push_attr(&mut self, attrs_from: usize, name: std::ops::Range<usize>, value: std::ops::Range<usize>) {
        if self.dom.attrs.len() - attrs_from >= MAX_ATTRIBUTES {
            return;
        }
        let (Some(raw_name), Some(raw_value)) = (self.html.get(name.clone()), self.html.get(value.clone())) else { return };
        let from = self.dom.strings.len();
        let name_range = if !raw_name.bytes().any(|b| b.is_ascii_uppercase()) && raw_name.is_ascii() {
            (name.start as u32, name.end as u32)
        } else {
            if raw_name.is_ascii() {
                self.dom.strings.push_str(raw_name);
                self.dom.strings[from..].make_ascii_lowercase();
            } else {
                self.dom.strings.push_str(&raw_name.to_lowercase());
            }
            (from as u32, self.dom.strings.len() as u32)
        };
        // The first of duplicate attributes wins.
        let new_name = self.dom.str(name_range);
        if self.dom.attrs[attrs_from..].iter().any(|a| self.dom.str(a.name) == new_name) {
            self.dom.strings.truncate(from);
            return;
        }
        let value_range = if memchr(b'&', raw_value.as_bytes()).is_some() {
            let vfrom = self.dom.strings.len();
            html_escape::decode_html_entities_to_string(raw_value, &mut self.dom.strings);
            remap_c1_references(raw_value, &mut self.dom.strings, vfrom);
            (vfrom as u32, self.dom.strings.len() as u32)
        } else {
            (value.start as u32, value.end as u32)
        };
        self.dom.attrs.push(Attr { name: name_range, value: value_range });
    }
}

impl ContentModel {
    /// How to read the content of a start tag whose element is not made (nesting too deep):
    /// raw text is still skipped as raw text, but not kept.
    fn without_element(self) -> ContentModel {
        match self {
            ContentModel::Raw { decode, .. } => ContentModel::Raw { decode, keep: false },
            other => other,
        }
    }
}

impl Builder<'_> {
    fn name_of(&self, id: NodeId) -> &str {
        self.dom.get(id).name()
    }

    /// Whether an element named in [`COUNTED`] is open.
    fn is_open(&self, name: &str) -> bool {
        counted(name).is_some_and(|c| self.open[c] > 0)
    }

    fn has_open(&self, name: &str) -> bool {
        self.stack.iter().any(|&id| self.name_of(id) == name)
    }

    /// Pops the open elements down to and including the innermost `name`, searching no
    /// further than a scope boundary (or `extra` boundaries); nothing when it is not open.
    fn pop_in_scope(&mut self, name: &str, extra: &[&str]) -> bool {
        if counted(name).is_some_and(|c| self.open[c] == 0) {
            return false;
        }
        for k in (1..self.stack.len()).rev() {
            let open = self.name_of(self.stack[k]);
            if open == name {
                self.pop_to(k);
                return true;
            }
            if is_scope_boundary(open) || extra.contains(&open) {
                return false;
            }
        }
        false
    }

    /// Pops the open elements from index `k` of the stack up.
    fn pop_to(&mut self, k: usize) {
        let end = self.dom.nodes.len() as NodeId;
        for &id in &self.stack[k..] {
            self.dom.nodes[id as usize].end = end;
            let name = self.dom.get(id).name();
            if matches!(name, "svg" | "math") {
                self.foreign = self.foreign.saturating_sub(1);
            }
            if let Some(c) = counted(name) {
                self.open[c] = self.open[c].saturating_sub(1);
            }
        }
        self.stack.truncate(k);
    }

    /// Pops the innermost open `name` if it is the current element (raw-text elements).
    fn pop_named(&mut self, name: &str) {
        if self.stack.len() > 1 && self.current_name() == name {
            self.pop_to(self.stack.len() - 1);
        }
    }

    /// Pops down to the innermost element named in `names` within the innermost table,
    /// leaving it open; nothing outside a table.
    fn clear_to_table_context(&mut self, names: &[&str]) {
        if !self.is_open("table") {
            return;
        }
        for k in (1..self.stack.len()).rev() {
            let open = self.name_of(self.stack[k]);
            if names.contains(&open) || open == "table" {
                self.pop_to(k + 1);
                return;
            }
            if matches!(open, "html" | "template") {
                return;
            }
        }
    }

    /// The end tags a start tag `name` implies.
    fn close_implied(&mut self, name: &str) {
        if self.foreign > 0 {
            if !breaks_out_of_foreign_content(name) {
                return;
            }
            // An HTML element inside an unclosed `<svg>` or `<math>` ends it.
            if let Some(k) = self.stack.iter().position(|&id| matches!(self.name_of(id), "svg" | "math")) {
                self.pop_to(k);
            }
        }
        // The head ends at the first element that cannot be in it.
        if self.is_open("head") && !matches!(name, "meta" | "link" | "title" | "style" | "script" | "base" | "noscript" | "template" | "basefont" | "bgsound") {
            if let Some(k) = (1..self.stack.len()).rev().find(|&k| self.name_of(self.stack[k]) == "head") {
                self.pop_to(k);
            }
        }
        if self.is_open("p") && closes_p(name) {
            self.pop_in_scope("p", &["button"]);
        }
        match name {
            "li" => {
                self.pop_in_scope("li", &["ul", "ol"]);
            }
            "dd" | "dt" => {
                // The open `<dd>`, else the open `<dt>`.
                let _ = self.pop_in_scope("dd", &["dl"]) || self.pop_in_scope("dt", &["dl"]);
            }
            _ if is_heading(name) && is_heading(self.current_name()) => self.pop_to(self.stack.len() - 1),
            "tr" => self.clear_to_table_context(&["tbody", "thead", "tfoot"]),
            "td" | "th" => self.clear_to_table_context(&["tr", "tbody", "thead", "tfoot"]),
            "tbody" | "thead" | "tfoot" | "caption" | "colgroup" => self.clear_to_table_context(&[]),
            "option" | "optgroup" if self.current_name() == "option" => self.pop_to(self.stack.len() - 1),
            "a" if self.is_open("a") => {
                // An `<a>` inside an open `<a>` closes it (no nested links).
                let open_a = (1..self.stack.len()).rev().find(|&k| {
                    let open = self.name_of(self.stack[k]);
                    open == "a" || is_block(open)
                });
                if let Some(k) = open_a.filter(|&k| self.name_of(self.stack[k]) == "a") {
                    self.pop_to(k);
                }
            }
            _ => {}
        }
    }

    /// Reads the end tag at `lt`; returns the position after it.
    fn end_tag(&mut self, lt: usize) -> usize {
        let bytes = self.html.as_bytes();
        let start = lt + 2;
        let mut i = start;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            i += 1;
        }
        let after = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |o| i + o + 1);
        let name = tag_name(&self.html[start..i]);
        if let Some(count) = self.dropped_open.get_mut(&*name).filter(|c| **c > 0) {
            *count -= 1;
            return after;
        }
        match &*name {
            "html" | "body" | "head" => {}
            // `</br>` is read as `<br>`.
            "br" => {
                if self.stack.len() <= MAX_DEPTH {
                    let from = self.dom.strings.len();
                    self.dom.strings.push_str("br");
                    let name = (from as u32, self.dom.strings.len() as u32);
                    let parent = *self.stack.last().unwrap_or(&0);
                    let id = self.dom.nodes.len() as NodeId;
                    let attrs = (self.dom.attrs.len() as u32, self.dom.attrs.len() as u32);
                    self.dom.nodes.push(Node { parent, end: id + 1, kind: Kind::Element { name, attrs } });
                }
            }
            "p" => {
                self.pop_in_scope("p", &["button"]);
            }
            "li" => {
                self.pop_in_scope("li", &["ul", "ol"]);
            }
            _ if is_heading(&name) => {
                // Any open heading closes another (`<h2>…</h3>`).
                if let Some(k) = (1..self.stack.len()).rev().find(|&k| is_heading(self.name_of(self.stack[k]))) {
                    let boundary = (k + 1..self.stack.len()).any(|j| is_scope_boundary(self.name_of(self.stack[j])));
                    if !boundary {
                        self.pop_to(k);
                    }
                }
            }
            _ if is_block(&name) => {
                let table_part = matches!(&*name, "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption");
                if table_part {
                    // Table end tags close what is open inside the table part, cells included.
                    for k in (1..self.stack.len()).rev() {
                        let open = self.name_of(self.stack[k]);
                        if open == name {
                            self.pop_to(k);
                            break;
                        }
                        if open == "table" || matches!(open, "html" | "template") {
                            break;
                        }
                    }
                } else {
                    self.pop_in_scope(&name, &[]);
                }
            }
            _ => {
                // An inline element's end tag closes it only if no block lies between.
                for k in (1..self.stack.len()).rev() {
                    let open = self.name_of(self.stack[k]);
                    if open == name {
                        self.pop_to(k);
                        break;
                    }
                    if is_block(open) {
                        break;
                    }
                }
            }
        }
        after
    }
}

/// Names HTML reads in text without their `;` ("&nbsp" as well as "&nbsp;"): the common
/// ones of its legacy list. `html_escape` decodes only references that end in `;`.
const LEGACY_ENTITIES: &[&str] = &["nbsp", "amp", "lt", "gt", "quot", "copy", "reg"];

/// Decodes the character references of a text into `out`.
fn decode_text(raw: &str, out: &mut String) {
    // A legacy name is read without its `;` unless a longer reference that ends in `;` starts
    // there ("&copysr;" is ℗, not "©sr;").
    let full_reference_at = |i: usize| {
        let name_len = raw[i + 1..].bytes().take_while(u8::is_ascii_alphanumeric).count();
        let end = i + 1 + name_len;
        raw[end..].starts_with(';') && html_escape::decode_html_entities(&raw[i..=end]) != raw[i..=end]
    };
    let legacy_at = |i: usize| {
        let rest = &raw[i + 1..];
        LEGACY_ENTITIES.iter().find(|name| rest.starts_with(*name) && !rest[name.len()..].starts_with(';')).filter(|_| !full_reference_at(i))
    };
    let bytes = raw.as_bytes();
    if !memchr::memchr_iter(b'&', bytes).any(|i| legacy_at(i).is_some()) {
        html_escape::decode_html_entities_to_string(raw, out);
        return;
    }
    let mut with_semicolons = String::with_capacity(raw.len() + 8);
    let mut last = 0;
    for i in memchr::memchr_iter(b'&', bytes) {
        if let Some(name) = legacy_at(i) {
            with_semicolons.push_str(&raw[last..i + 1 + name.len()]);
            with_semicolons.push(';');
            last = i + 1 + name.len();
        }
    }
    with_semicolons.push_str(&raw[last..]);
    html_escape::decode_html_entities_to_string(&with_semicolons, out);
}

/// Numeric references to the C1 controls (`&#146;`) name windows-1252 characters (’), as
/// HTML reads them: the text decoded from `raw` into `out[from..]` is rewritten if it has any.
fn remap_c1_references(raw: &str, out: &mut String, from: usize) {
    let is_c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !raw.contains("&#") || !out[from..].chars().any(is_c1) {
        return;
    }
    let remapped: String = out[from..]
        .chars()
        .map(|c| {
            if !is_c1(c) {
                return c;
            }
            let byte = [c as u8];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            text.chars().next().unwrap_or(c)
        })
        .collect();
    out.truncate(from);
    out.push_str(&remapped);
}

/// The end of the raw text that starts at `from` inside a `name` element: (where the text
/// ends, where the end tag ends). Unclosed raw text runs to the end of the page.
fn find_raw_end(bytes: &[u8], from: usize, name: &str) -> (usize, usize) {
    let mut pos = from;
    while let Some(off) = memchr(b'<', &bytes[pos..]) {
        let lt = pos + off;
        let tag = lt + 2;
        if bytes.get(lt + 1) == Some(&b'/')
            && bytes.get(tag..tag + name.len()).is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(tag + name.len()).is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'))
        {
            let after = memchr(b'>', &bytes[tag..]).map_or(bytes.len(), |o| tag + o + 1);
            return (lt, after);
        }
        pos = lt + 1;
    }
    (bytes.len(), bytes.len())
}

/// Skips a comment (`<!-- … -->`), doctype, CDATA section, processing instruction or bogus
/// comment starting at `lt`; returns the position after it.
fn skip_markup_declaration(bytes: &[u8], lt: usize) -> usize {
    let rest = &bytes[lt..];
    if rest.starts_with(b"<!--") {
        // "<!-->" and "<!--->" end at once.
        let body = lt + 4;
        if bytes.get(body) == Some(&b'>') {
            return body + 1;
        }
        if bytes.get(body..body + 2) == Some(b"->") {
            return body + 2;
        }
        return memchr::memmem::find(&bytes[body..], b"-->").map_or(bytes.len(), |o| body + o + 3);
    }
    if rest.starts_with(b"<![CDATA[") {
        return memchr::memmem::find(&bytes[lt..], b"]]>").map_or(bytes.len(), |o| lt + o + 3);
    }
    memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |o| lt + o + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as an indented outline: elements by name, texts quoted.
    fn outline(html: &str) -> String {
        let dom = Dom::parse(html);
        let mut out = String::new();
        for n in dom.root().descendants() {
            let depth = n.ancestors().count();
            let line = if n.is_element() { format!("<{}>", n.name()) } else { format!("{:?}", n.text()) };
            out.push_str(&format!("{}{line}\n", "  ".repeat(depth)));
        }
        out
    }

    #[test]
    fn unclosed_paragraphs_and_items_close_at_the_next() {
        assert_eq!(outline("<p>one<p>two<div>three</div>"), "<p>\n  \"one\"\n<p>\n  \"two\"\n<div>\n  \"three\"\n");
        assert_eq!(
            outline("<ul><li>a<li>b</ul><p>after"),
            "<ul>\n  <li>\n    \"a\"\n  <li>\n    \"b\"\n<p>\n  \"after\"\n"
        );
        assert_eq!(outline("<dl><dt>t<dd>d<dt>u</dl>"), "<dl>\n  <dt>\n    \"t\"\n  <dd>\n    \"d\"\n  <dt>\n    \"u\"\n");
    }

    #[test]
    fn scripts_and_styles_are_raw_text() {
        let dom = Dom::parse("<div><script>if (a < b) { x = '</div>'; }</script><span>t</span></div><style>p>a{}</style><p>x</p>");
        let div = dom.select("div").next().unwrap();
        assert_eq!(div.squashed_text(), "t");
        assert_eq!(dom.select("script").next().unwrap().descendants().next().unwrap().text(), "if (a < b) { x = '</div>'; }");
        assert_eq!(dom.select("p").next().unwrap().ancestors().count(), 0);
        assert_eq!(dom.root().texts().collect::<String>(), "tx");
    }

    #[test]
    fn entities_and_attributes() {
        let dom = Dom::parse("<DIV CLASS=foo id='b' data-x title=\"a &amp; b\" class=bar>A &amp; B &#8217;&nbsp;C</DIV>");
        let div = dom.select("div").next().unwrap();
        assert_eq!(div.attr("class"), Some("foo"));
        assert_eq!(div.attr("id"), Some("b"));
        assert_eq!(div.attr("data-x"), Some(""));
        assert_eq!(div.attr("title"), Some("a & b"));
        assert_eq!(div.descendants().next().unwrap().text(), "A & B \u{2019}\u{a0}C");
    }

    #[test]
    fn c1_references_and_image_tags_read_as_html_does() {
        let dom = Dom::parse("<p title='&#147;x&#148;'>It&#146;s &#150; &#x80;5 &#129;</p><image src=a.png alt=A>");
        let p = dom.select("p").next().expect("paragraph");
        assert_eq!(p.squashed_text(), "It\u{2019}s \u{2013} \u{20ac}5 \u{81}");
        assert_eq!(p.attr("title"), Some("\u{201c}x\u{201d}"));
        assert_eq!(dom.select("img").next().and_then(|i| i.attr("alt")), Some("A"));
    }

    #[test]
    fn legacy_references_stray_br_end_tags_and_xmp() {
        let dom = Dom::parse("<p>a&nbspb &amp c &ampx &copy; &copysr; &gtrsim;</p><p>one</br>two</p><xmp><b>kept</b></xmp>");
        assert_eq!(dom.root().texts().collect::<Vec<_>>(), ["a\u{a0}b & c &x \u{a9} \u{2117} \u{2273}", "one", "two", "<b>kept</b>"]);
        assert_eq!(dom.select("br").count(), 1);
    }

    #[test]
    fn end_tags_close_what_is_left_open_inside() {
        assert_eq!(
            outline("<div><b>bold <i>both</b> plain</i> end</div><p>next"),
            "<div>\n  <b>\n    \"bold \"\n    <i>\n      \"both\"\n  \" plain\"\n  \" end\"\n<p>\n  \"next\"\n"
        );
        assert_eq!(outline("<div><p>in div</div><p>after</p>"), "<div>\n  <p>\n    \"in div\"\n<p>\n  \"after\"\n");
        assert_eq!(outline("<p>text</span></p><p>next</p>"), "<p>\n  \"text\"\n<p>\n  \"next\"\n");
    }

    #[test]
    fn table_rows_and_cells_close_each_other() {
        assert_eq!(
            outline("<table><tr><td>1<td>2<tr><td>3</table>after"),
            "<table>\n  <tr>\n    <td>\n      \"1\"\n    <td>\n      \"2\"\n  <tr>\n    <td>\n      \"3\"\n\"after\"\n"
        );
    }

    #[test]
    fn the_head_ends_where_the_body_begins() {
        assert_eq!(
            outline("<html><head><title>T</title><meta charset=utf-8><div>body text</div>"),
            "<html>\n  <head>\n    <title>\n      \"T\"\n    <meta>\n  <div>\n    \"body text\"\n"
        );
        let dom = Dom::parse("<head><link rel=x><body class=b><p>x");
        assert_eq!(dom.select("head p").count(), 0);
        assert_eq!(dom.select("body p").count(), 1);
    }

    #[test]
    fn comments_doctypes_and_stray_brackets() {
        assert_eq!(outline("<!DOCTYPE html><!-- a <p> --><p>a < b<!---->c</p>"), "<p>\n  \"a < b\"\n  \"c\"\n");
        assert_eq!(outline("<p>x</p><![CDATA[ y ]]><? pi ?>"), "<p>\n  \"x\"\n");
    }

    #[test]
    fn foreign_elements_close_themselves() {
        assert_eq!(outline("<svg><path d='m'/><title>t</title></svg><p>x"), "<svg>\n  <path>\n  <title>\n    \"t\"\n<p>\n  \"x\"\n");
        assert_eq!(outline("<div/>inside</div>"), "<div>\n  \"inside\"\n");
    }

    #[test]
    fn svg_and_math_close_themselves_and_html_ends_them() {
        assert_eq!(outline("<header><svg class=logo/></header><p>x"), "<header>\n  <svg>\n<p>\n  \"x\"\n");
        assert_eq!(outline("<div><svg><path/><p>story</div><p>y"), "<div>\n  <svg>\n    <path>\n  <p>\n    \"story\"\n<p>\n  \"y\"\n");
    }

    #[test]
    fn end_tags_of_dropped_elements_are_used_up() {
        let deep = format!("<div id=wrap><div id=inner>{}x{}<p>after</p></div>", "<div>".repeat(250), "</div>".repeat(251));
        let dom = Dom::parse(&deep);
        let p = dom.select("p").next().unwrap();
        assert_eq!(p.parent().and_then(|d| d.attr("id")), Some("wrap"));
    }

    #[test]
    fn attributes_are_capped() {
        let attrs: String = (0..MAX_ATTRIBUTES + 50).map(|i| format!(" a{i}=v")).collect();
        let dom = Dom::parse(&format!("<div{attrs} class=late>x</div>"));
        let div = dom.select("div").next().unwrap();
        assert_eq!(div.attrs().count(), MAX_ATTRIBUTES);
        assert_eq!(div.attr("class"), None);
    }

    #[test]
    fn nesting_is_capped() {
        let html = format!("{}text{}", "<div>".repeat(MAX_DEPTH + 50), "</div>".repeat(MAX_DEPTH + 50));
        let dom = Dom::parse(&html);
        assert_eq!(dom.dropped_tags, 50);
        assert_eq!(dom.max_depth(), MAX_DEPTH + 1);
        assert_eq!(dom.root().texts().collect::<String>(), "text");
    }

    #[test]
    fn case_insensitive_containment() {
        assert!(contains_ignore_ascii_case(b"Post-AUTHOR x", b"author"));
        assert!(contains_ignore_ascii_case(b"aauthor", b"author"));
        assert!(!contains_ignore_ascii_case(b"autho", b"author"));
        assert!(!contains_ignore_ascii_case(b"", b"a"));
        let long = format!("{}Byline", "x".repeat(100));
        assert!(contains_ignore_ascii_case(long.as_bytes(), b"byline"));
        assert!(!contains_ignore_ascii_case(long.as_bytes(), b"author"));
    }

    proptest::proptest! {
        #[test]
        fn containment_in_short_and_long_values(hay in "[abAB -]{0,150}", needle in "[ab]{0,3}") {
            let naive = hay.to_ascii_lowercase().contains(&needle);
            proptest::prop_assert_eq!(contains_ignore_ascii_case(hay.as_bytes(), needle.as_bytes()), naive);
        }
    }

    #[test]
    fn counted_names_are_indexed_in_order() {
        assert!(COUNTED.iter().enumerate().all(|(k, name)| counted(name) == Some(k)));
        assert_eq!(counted("div"), None);
    }

    #[test]
    fn known_tag_names_are_borrowed() {
        assert!(matches!(tag_name("DIV"), TagName::Borrowed("div")));
        assert_eq!(tag_name("My-Widget"), "my-widget");
    }

    #[test]
    fn selectors() {
        let dom = Dom::parse(
            "<html lang=en><meta property='og:title' content='T'><div class='Post-Author x' id=a1><span itemprop=name>N</span></div>\
             <a rel=author href='/u'>U</a><p class=byline>B</p>",
        );
        let names = |css: &str| dom.select(css).map(|e| e.name()).collect::<Vec<_>>().join(",");
        assert_eq!(names("html"), "html");
        assert_eq!(names("meta[content]"), "meta");
        assert_eq!(names("[class*='author' i]"), "div");
        assert_eq!(names("[class*='author']"), "");
        assert_eq!(names("div [itemprop='name'], a[rel='author']"), "span,a");
        assert_eq!(names(".byline, #a1"), "div,p");
        assert_eq!(names("div.x"), "div");
        assert_eq!(names("[href^='/']"), "a");
        assert!(Selector::parse("a > b").is_none());
        assert!(Selector::parse("p:first-child").is_none());
    }

    proptest::proptest! {
        /// Any input parses into a tree whose subtrees are contiguous and whose parents come
        /// before their children, and the text of the page is kept.
        #[test]
        fn any_input_gives_a_well_formed_tree(html in "(<[a-zA-Z/!?]{0,3}[a-z]{0,6}( [a-z]{1,4}(=('[^']{0,5}'|\"[^\"]{0,5}\"|[a-z&;#0-9]{0,6}))?)*/?>|[^<]{0,12}|</?(p|li|td|tr|table|div|script|style|title|svg|head|body|a|b)>|<!--|-->)*") {
            let dom = Dom::parse(&html);
            for n in dom.root().descendants() {
                let parent = n.parent().unwrap();
                proptest::prop_assert!(parent.id() < n.id());
                proptest::prop_assert!(parent.contains(n));
                proptest::prop_assert!(n.descendant_ids().end <= parent.descendant_ids().end);
            }
            proptest::prop_assert!(dom.max_depth() <= MAX_DEPTH + 1);
        }
    }

    #[test]
    fn subtrees_are_contiguous() {
        let dom = Dom::parse("<div><p>a<b>b</b></p><p>c</p></div><p>d");
        for n in dom.root().descendants() {
            for d in n.descendants() {
                assert!(d.ancestors().any(|a| a == n));
            }
            for c in n.children() {
                assert_eq!(c.parent(), Some(n));
            }
        }
        assert_eq!(dom.select("div").next().unwrap().children().count(), 2);
    }
}
