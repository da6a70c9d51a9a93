//! What a text scraper saves of an HTML page: the `<body>`'s visible text, one line per
//! block-level element, whitespace collapsed within lines, no markup. The text-only
//! extraction benchmark (`storyline eval extract --text-only`) feeds this to the text cleaner.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose content is never shown as text.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "head", "object", "canvas", "select",
];

/// Elements that start and end a line (HTML's block-level and table-row elements).
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
];

/// Table cells sit side by side on their row's line, apart by a space.
const CELLS: &[&str] = &["td", "th"];

/// The visible text of `html`'s body, one line per block, lines joined by `\n`.
pub fn visible_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let body = doc
        .root_element()
        .children()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or_else(|| *doc.root_element());
    let mut out = Lines::default();
    // The element whose subtree is being skipped; `traverse` is iterative, so deep nesting is safe.
    let mut skipping = None;
    let mut in_pre = 0usize;
    for edge in body.traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Element(e) if INVISIBLE.contains(&e.name()) || is_hidden(e) => skipping = Some(node.id()),
                Node::Element(e) => {
                    if BLOCKS.contains(&e.name()) {
                        out.end_line();
                    } else if CELLS.contains(&e.name()) {
                        out.space();
                    }
                    in_pre += usize::from(e.name() == "pre");
                }
                Node::Text(t) if in_pre > 0 => {
                    for (i, part) in t.split('\n').enumerate() {
                        if i > 0 {
                            out.end_line();
                        }
                        out.text(part);
                    }
                }
                Node::Text(t) => out.text(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(_) if skipping == Some(node.id()) => skipping = None,
                Node::Element(e) if skipping.is_none() => {
                    if BLOCKS.contains(&e.name()) {
                        out.end_line();
                    } else if CELLS.contains(&e.name()) {
                        out.space();
                    }
                    in_pre -= usize::from(e.name() == "pre");
                }
                _ => {}
            },
            Edge::Open(_) => {}
        }
    }
    out.end_line();
    out.lines.join("\n")
}

/// `hidden`, or an inline style that hides the element.
fn is_hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Lines being built: whitespace runs become one space, empty lines are left out.
#[derive(Debug, Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
    pending_space: bool,
}

impl Lines {
    fn text(&mut self, t: &str) {
        for (i, word) in t.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space();
            }
            if !word.is_empty() {
                if self.pending_space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.pending_space = false;
                self.current.push_str(word);
            }
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn end_line(&mut self) {
        if !self.current.is_empty() {
            self.lines.push(std::mem::take(&mut self.current));
        }
        self.pending_space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::visible_text;

    fn check(html: &str, expected: &str) {
        assert_eq!(visible_text(html), expected, "html: {html}");
    }

    #[test]
    fn blocks_make_lines() {
        check("<html><head><title>T</title></head><body><h1>Title</h1><p>One <b>bold</b> line.</p><p>Two</p></body></html>", "Title\nOne bold line.\nTwo");
        check("<body><div>a<div>b</div>c</div></body>", "a\nb\nc");
        check("<body><p>first<br>second</p></body>", "first\nsecond");
        check("<body><ul><li>x</li><li>y</li></ul></body>", "x\ny");
        // Inline elements join without a break or a space.
        check("<body><p>un<i>break</i>able <a href=#>link</a></p></body>", "unbreakable link");
    }

    #[test]
    fn whitespace_collapses_within_lines() {
        check("<body><p>  a \n\t b  </p>\n\n  <p>c</p></body>", "a b\nc");
        check("<body><pre>line 1\nline   2</pre></body>", "line 1\nline 2");
    }

    #[test]
    fn invisible_content_is_skipped() {
        check(
            "<body><script>var x = 1;</script><style>p{}</style><noscript>Enable JS</noscript><p>shown</p>\
             <div hidden><p>secret</p></div><span style=\"display: none\">gone</span><svg><text>icon</text></svg>\
             <template><p>t</p></template><iframe>frame</iframe></body>",
            "shown",
        );
    }

    #[test]
    fn table_rows_are_lines_and_cells_are_spaced() {
        check("<body><table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table></body>", "a b\nc d");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("<body>{}deep{}</body>", "<div>".repeat(20_000), "</div>".repeat(20_000));
        assert_eq!(visible_text(&html), "deep");
    }

    #[test]
    fn no_body_and_empty_input() {
        check("", "");
        check("plain words", "plain words");
    }
}
