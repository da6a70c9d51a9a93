//! Pruning the content Readability chose before its text is formatted: `aside`, `nav`,
//! `footer`, figure captions, short blocks whose class or id names boilerplate (share bars,
//! tags, newsletter boxes, bylines, credits…), hover cards and galleries, and paragraphs or
//! list items that are one link to another story. Readability removes much of this already;
//! these are the leftovers it keeps because they sit inside the article's container.
use crate::dom::{NodeId, NodeRef};
use crate::rules::ends_like_sentence;
use aho_corasick::AhoCorasick;

/// Class/id tokens of boilerplate blocks (matched as substrings of the lower-cased names).
const BOILERPLATE_NAMES: &[&str] = &[
    "share", "social", "related", "newsletter", "promo", "comment", "subscribe", "breadcrumb", "author-bio", "authorbio",
    "advert", "sponsor", "signup", "sign-up", "recommend", "most-popular", "mostpopular", "read-more", "readmore",
    "teaser",
];

/// Class/id names of blocks that are never the article's text, dropped at any length below
/// half the text: hover cards inside links and picture galleries.
const NEVER_TEXT_NAMES: &[&str] = &["rollover", "hovercard", "hover-card", "popover", "gallery", "slideshow", "carousel"];

/// Class/id tokens of boilerplate blocks that must match a whole token.
const BOILERPLATE_TOKENS: &[&str] = &["tags", "tag", "ad", "ads", "bio", "byline", "meta", "credit", "caption", "rail", "cta"];

/// Blocks with boilerplate names longer than this many words are kept (a container
/// misnamed "post-meta" may hold the article).
const MAX_NAMED_BOILERPLATE_WORDS: usize = 60;

/// Elements that make a `<figure>` part of the text.
const FIGURE_CONTENT: &[&str] = &["table", "blockquote", "pre", "code", "ul", "ol", "p"];

/// Longest caption (in words) of a figure that is dropped whole.
const MAX_CAPTION_WORDS: usize = 60;

/// Fewest words of a paragraph that is only a link to another story.
const MIN_LINK_PARAGRAPH_WORDS: usize = 3;

/// Fewest words of a list item that is a link to another story.
const MIN_STORY_LINK_WORDS: usize = 6;

/// Most words of a paragraph or list item read as one link to another story (a headline,
/// perhaps with its teaser); longer blocks are text whatever their links.
const MAX_LINK_BLOCK_WORDS: usize = 100;

/// Case-insensitive matchers of [`BOILERPLATE_NAMES`] and [`NEVER_TEXT_NAMES`], built once.
static NAME_MATCHERS: std::sync::LazyLock<(AhoCorasick, AhoCorasick)> = std::sync::LazyLock::new(|| {
    (crate::rules::any_case_fragments(BOILERPLATE_NAMES), crate::rules::any_case_fragments(NEVER_TEXT_NAMES))
});

fn is_boilerplate_named(names: &[&str; 2]) -> bool {
    if names.iter().all(|n| n.trim().is_empty()) {
        return false;
    }
    let (boilerplate, never_text) = &*NAME_MATCHERS;
    names.iter().any(|n| boilerplate.is_match(n) || never_text.is_match(n))
        || names.iter().flat_map(|n| name_tokens(n)).any(|t| BOILERPLATE_TOKENS.iter().any(|b| t.eq_ignore_ascii_case(b)))
}

/// The words of class and id names, camelCase split too: "newsCaption" → "news", "Caption".
fn name_tokens(names: &str) -> impl Iterator<Item = &str> {
    // The pieces are ASCII letters and digits: cut between a lower-case letter and an upper-case one.
    names.split(|c: char| !c.is_ascii_alphanumeric()).flat_map(|t| {
        let b = t.as_bytes();
        let (mut start, mut i, mut done) = (0, 1, false);
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            while i < b.len() {
                let cut = b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase();
                i += 1;
                if cut {
                    let piece = &t[start..i - 1];
                    start = i - 1;
                    return Some(piece);
                }
            }
            done = true;
            Some(&t[start..])
        })
    })
}

/// Whether a class or id names a block that is never the article's text.
fn names_never_text(names: &[&str; 2]) -> bool {
    names.iter().any(|n| NAME_MATCHERS.1.is_match(n))
}

/// What pruning does with one element of the page tree (`dom.rs`), by the rules above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Keep,
    Drop,
    /// Dropped for its class or id name: its byline, credit and date lines are handed on.
    DropNamed,
}

/// The pruning rules for `node` of the page tree; `words` counts the words left under a node,
/// `total` those of the whole content.
pub(crate) fn verdict(node: NodeRef, words: &dyn Fn(NodeId) -> usize, total: &dyn Fn() -> usize) -> Verdict {
    let name = node.name();
    let is_picture = || {
        words(node.id()) <= MAX_CAPTION_WORDS && !node.descendants().any(|d| FIGURE_CONTENT.contains(&d.name()))
    };
    if matches!(name, "aside" | "nav" | "footer") || name == "figcaption" || (name == "figure" && is_picture()) {
        return Verdict::Drop;
    }
    if (name == "p" && only_link(node).is_some()) || (name == "li" && is_story_link_item(node)) {
        return Verdict::Drop;
    }
    let names = [node.attr("class").unwrap_or_default(), node.attr("id").unwrap_or_default()];
    if is_boilerplate_named(&names) {
        let w = words(node.id());
        if (w <= MAX_NAMED_BOILERPLATE_WORDS || names_never_text(&names)) && w * 2 < total() {
            return Verdict::DropNamed;
        }
    }
    Verdict::Keep
}

/// The one link that makes up a block that is not a sentence: an inline link to another
/// story ("<p><strong><a>CO-FOUNDER 'PROUD' OF …</a></strong></p>").
fn only_link(node: NodeRef) -> Option<NodeRef> {
    let mut links = node.descendants().filter(|d| d.name() == "a");
    let (Some(link), None) = (links.next(), links.next()) else { return None };
    let text = node.squashed_text_within(MAX_LINK_BLOCK_WORDS)?;
    if text.split_whitespace().count() < MIN_LINK_PARAGRAPH_WORDS || ends_like_sentence(&text) {
        return None;
    }
    (link.squashed_text() == text).then_some(link)
}

/// A list item that is one link to another story: a headline linking to an article slug
/// ("/news/china-invites-taliban-officials-talks.html"). Lists of products, courses and
/// references (also single links) are the article's text.
fn is_story_link_item(node: NodeRef) -> bool {
    if node.texts().flat_map(str::split_whitespace).nth(MIN_STORY_LINK_WORDS - 1).is_none() {
        return false;
    }
    let Some(link) = only_link(node) else { return false };
    let href = link.attr("href").unwrap_or_default();
    let path = href.split(['?', '#']).next().unwrap_or("");
    let slug = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    slug.matches('-').count() >= 3
}

#[cfg(test)]
mod tests {

    #[test]
    fn class_names_are_cut_at_camel_case() {
        fn tokens(s: &str) -> Vec<&str> {
            super::name_tokens(s).collect()
        }
        assert_eq!(tokens("newsCaption rail__item"), ["news", "Caption", "rail", "", "item"]);
        assert_eq!(tokens("ABCword aB1Cd"), ["ABCword", "a", "B1Cd"]);
        assert_eq!(tokens(""), [""]);
    }

    fn page(inner: &str) -> String {
        format!(r#"<div id="content">{inner}</div>"#)
    }

    /// The text left of `html`'s first element after pruning, and the lines handed on.
    fn pruned_text(html: &str) -> (String, Vec<String>) {
        let dom = crate::dom::Dom::parse(html);
        crate::content::block_text(&dom, dom.select("#content").next().expect("content block"))
    }

    const BODY: &str = "<p>The council approved the budget on Monday after a long debate about schools, roads and the new library that residents asked for.</p><p>Members voted seven to two. The mayor said the plan keeps taxes flat for a third year while adding two new bus routes.</p>";

    #[test]
    fn keeps_plain_article_text() {
        let text = pruned_text(&page(BODY)).0;
        assert!(text.contains("council approved the budget") && text.contains("seven to two"), "{text}");
    }

    #[test]
    fn drops_picture_captions_and_furniture() {
        let html = page(&format!(
            r#"<figure><img src="x.jpg"><figcaption>The mayor at the meeting. Photo: Ann Lee</figcaption></figure>{BODY}<figure><img src="y.jpg"><span>Voters outside city hall</span></figure><aside>Sign up for our daily mail</aside><footer>Copyright 2024 Daily Planet</footer>"#
        ));
        let text = pruned_text(&html).0;
        assert!(!text.contains("Photo") && !text.contains("Voters outside"), "{text}");
        assert!(!text.contains("Sign up") && !text.contains("Copyright"), "{text}");
        assert!(text.contains("seven to two"));
    }

    #[test]
    fn hands_back_bylines_of_pruned_blocks() {
        let html = page(&format!(r#"<div class="post-meta">By Ann Lee</div>{BODY}"#));
        let (text, meta) = pruned_text(&html);
        assert!(!text.contains("Ann Lee"), "{text}");
        assert_eq!(meta, ["By Ann Lee"]);
    }

    #[test]
    fn keeps_tables_and_quotes_in_figures() {
        let html = page(&format!(
            r#"{BODY}<figure class="wp-block-table"><table><tr><td>Connecticut</td><td>91.0</td></tr></table><figcaption>Scores by state</figcaption></figure><figure><blockquote>Automation is not the enemy.</blockquote></figure>"#
        ));
        let text = pruned_text(&html).0;
        assert!(text.contains("Connecticut") && text.contains("not the enemy") && !text.contains("Scores by state"), "{text}");
    }

    #[test]
    fn drops_paragraphs_and_list_items_that_are_one_story_link() {
        let html = page(&format!(
            r#"{BODY}<p><strong><a href="/v/1">CO-FOUNDER PROUD OF HIS WORKERS</a></strong></p><p>See <a href="/r">the report</a> for details on the vote.</p>"#
        ));
        let text = pruned_text(&html).0;
        assert!(!text.contains("CO-FOUNDER") && text.contains("the report"), "{text}");
        let html = page(&format!(
            r#"{BODY}<ul><li><a href="/news/china-invites-taliban-officials-talks.html">China invites Taliban and Afghan officials for talks</a></li><li><a href="https://shop.example/dp/B01">Klein Tools MM400 Digital Multimeter With Leads</a></li></ul>"#
        ));
        let text = pruned_text(&html).0;
        assert!(!text.contains("China invites") && text.contains("Klein Tools"), "{text}");
    }

    #[test]
    fn drops_hover_cards_and_galleries_of_any_length() {
        let card = "Ann Lee Hillicon Valley: funding bill ".repeat(12);
        let html = page(&format!(r#"<p>Rep. <a href="/p/ann">Ann Lee</a><span class="rollover-people-block">{card}</span> spoke.</p>{BODY}{BODY}"#));
        let text = pruned_text(&html).0;
        assert!(text.contains("Rep. Ann Lee spoke") && !text.contains("Hillicon"), "{text}");
    }

    #[test]
    fn drops_short_blocks_with_boilerplate_names() {
        let html = page(&format!(
            r#"{BODY}<div class="share-tools">Share this story on your favourite network</div><div class="post-tags">Budget Council</div><div class="photo-gallery">Image 1 of 8 The mayor at the vote</div><div class="rail__item">RANDY ANDY Prince parties in new pictures</div><span class="newsCaption">Protesters in the rain</span><div class="cta-stories">Every day we send the top stories</div>"#
        ));
        let text = pruned_text(&html).0;
        assert!(!text.contains("favourite network") && !text.contains("Budget Council") && !text.contains("Image 1") && !text.contains("RANDY"), "{text}");
        assert!(!text.contains("Protesters") && !text.contains("Every day"), "{text}");
        // A long block keeps its text whatever its name.
        let html = page(&format!(r#"<div class="comment-body">{BODY}</div>"#));
        assert!(pruned_text(&html).0.contains("seven to two"));
    }
}
