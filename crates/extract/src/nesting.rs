//! A nesting limit applied to the markup before it is parsed.
//!
//! html5ever checks "is an element in scope" by walking the stack of open elements, so a page
//! nested N elements deep parses in O(N²) time (100,000 nested `<div>`s take tens of seconds).
//! No parser crate offers a depth limit, hence this small scanner: tags opened deeper than the
//! limit are dropped with their end tags (their text stays), so the parser's stack stays short.

/// Elements without an end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements the parser closes by itself (a new `<p>` closes the open one): not counted.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot",
    "colgroup", "html", "head", "body",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// `html` with the tags opened deeper than `max_depth` removed, and how many were removed;
/// `None` when the page stays within the limit (the common case: nothing is copied).
pub(crate) fn limit_nesting(html: &str, max_depth: usize) -> Option<(String, usize)> {
    let bytes = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut dropped: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut removed = 0;
    let mut i = 0;
    while let Some(off) = html.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + off;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            i = html[start + 4..].find("-->").map_or(bytes.len(), |p| start + 4 + p + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = html[start..].find('>').map_or(bytes.len(), |p| start + p + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':').count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        let end = tag_end(html, name_start + name_len);
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        let mut drop_tag = false;
        if closing {
            // (Nothing dropped on most pages: no lower-casing then.)
            let dropped_here = if dropped.is_empty() { None } else { dropped.get_mut(&name.to_ascii_lowercase()) };
            match dropped_here {
                // Tags close innermost first: this end tag belongs to a dropped element.
                Some(n) if *n > 0 => {
                    *n -= 1;
                    drop_tag = true;
                }
                _ => {
                    if let Some(pos) = open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                        open.truncate(pos);
                    }
                }
            }
        } else if !self_closing && !is_one_of(name, VOID) && !is_one_of(name, IMPLIED_END) {
            if open.len() >= max_depth {
                *dropped.entry(name.to_ascii_lowercase()).or_default() += 1;
                drop_tag = true;
            } else {
                open.push(name);
            }
        }
        if drop_tag {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied..start]);
            buf.push(' ');
            copied = end;
            removed += 1;
        }
        i = end;
        if !closing && is_one_of(name, RAW_TEXT) {
            i = raw_text_end(html, end, name);
        }
    }
    let mut buf = out?;
    buf.push_str(&html[copied..]);
    Some((buf, removed))
}

fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The index just past the `>` that ends a tag (quoted attribute values may hold `>`).
fn tag_end(html: &str, from: usize) -> usize {
    let bytes = html.as_bytes();
    let mut k = from;
    while let Some(off) = bytes.get(k..).and_then(|rest| rest.iter().position(|&b| matches!(b, b'>' | b'"' | b'\''))) {
        let at = k + off;
        let q = bytes[at];
        if q == b'>' {
            return at + 1;
        }
        // The closing quote (quotes are ASCII: `at + 1` is a character boundary).
        match html[at + 1..].find(char::from(q)) {
            Some(len) => k = at + 1 + len + 1,
            None => return bytes.len(),
        }
    }
    bytes.len()
}

/// Where the raw text of a `<script>`-like element ends: at its end tag (any case).
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(off) = html.get(i..).and_then(|r| r.find('<')) {
        let at = i + off;
        if html.as_bytes().get(at + 1) != Some(&b'/') {
            i = at + 1;
            continue;
        }
        let candidate = html.get(at + 2..at + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><br><img src='x>y'></div></body></html>";
        assert_eq!(limit_nesting(html, 3), None);
    }

    #[test]
    fn deep_tags_are_dropped_with_their_end_tags() {
        let check = |html: &str, max: usize, expected: &str, removed: usize| {
            let (got, n) = limit_nesting(html, max).unwrap_or_else(|| (html.to_string(), 0));
            assert_eq!((got.as_str(), n), (expected, removed), "{html:?}");
        };
        check("<div><div><div>deep</div></div></div>after", 2, "<div><div> deep </div></div>after", 2);
        check("<div><span><b>x</b></span></div>", 1, "<div>  x  </div>", 4);
        check("<section><div><div>x</div></div></section>", 1, "<section>  x  </section>", 4);
        // Markup inside scripts and comments does not count.
        check("<script>if (a<b) { '<div><div>' }</script><!-- <div><div> --><div>x</div>", 1, "<script>if (a<b) { '<div><div>' }</script><!-- <div><div> --><div>x</div>", 0);
    }

    #[test]
    fn end_tags_close_what_they_enclose() {
        // The unclosed <span> is closed by </div>: the next <div> is shallow again.
        let html = "<div><span>x</div><div>y</div>";
        assert_eq!(limit_nesting(html, 2), None);
    }
}
