//! Line rules: each function tells whether one line of scraped text is a given kind of
//! boilerplate or text. They look at the line alone; `clean` adds the context.
use crate::byline::{CREDIT_LINE_MAX_WORDS, parse_byline, parse_credit_line, strip_trailing_credit};
use crate::dates::{DATE_LINE_MAX_WORDS, TIMESTAMP_MAX_WORDS, is_date_only, is_label_timestamp};
use std::borrow::Cow;

/// Lower-cases, unifies quotes and collapses whitespace: the key lines are compared by.
pub(crate) fn norm_key(s: &str) -> String {
    collapse_lower(s, true)
}

/// `s`'s words (as `split_whitespace` finds them) joined by single spaces and lower-cased
/// (as `str::to_lowercase` does); with `unify_quotes`, curly quotes and guillemets become
/// ASCII ones. Written by hand for speed: ASCII bytes are read one by one, other characters
/// are decoded only to test them for white space, and the Unicode lower-casing pass runs only
/// when some non-ASCII character changes under it.
pub(crate) fn collapse_lower(s: &str, unify_quotes: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let push_word = |out: &mut String, word: &str, wide: bool| {
        if word.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if wide && unify_quotes {
            out.extend(word.chars().map(|c| match c {
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' => '"',
                c => c,
            }));
        } else {
            out.push_str(word);
        }
    };
    let (mut start, mut i) = (0, 0);
    // Whether the current word has non-ASCII characters; whether any kept one changes case.
    let (mut wide, mut cased) = (false, false);
    while i < bytes.len() {
        let (white, len) = if bytes[i] < 0x80 {
            (matches!(bytes[i], b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or_default();
            wide = true;
            let white = c.is_whitespace();
            cased |= !white && c.to_lowercase().ne(std::iter::once(c));
            (white, c.len_utf8())
        };
        if white {
            push_word(&mut out, &s[start..i], wide);
            wide = false;
            start = i + len;
        }
        i += len;
    }
    push_word(&mut out, &s[start..], wide);
    out.make_ascii_lowercase();
    if cased {
        out = out.to_lowercase();
    }
    out
}

/// One automaton for a fixed list of phrases: whether a text contains any of them, in one
/// pass (the keys it reads are lower case already).
struct Phrases(std::sync::LazyLock<aho_corasick::AhoCorasick>);

impl Phrases {
    const fn new(init: fn() -> aho_corasick::AhoCorasick) -> Self {
        Phrases(std::sync::LazyLock::new(init))
    }

    fn in_text(&self, text: &str) -> bool {
        self.0.is_match(text)
    }
}

/// Builds the automaton of a fixed phrase list.
fn phrases(list: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::new(list).expect("fixed phrase lists build")
}

/// Builds the automaton of a fixed list of class-name or path fragments, matched in any ASCII case.
pub(crate) fn any_case_fragments(list: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(list).expect("fixed fragment lists build")
}

/// One line with what the line rules read from it, computed once.
struct Line<'a> {
    text: &'a str,
    /// [`norm_key`] of the text.
    key: Cow<'a, str>,
    words: usize,
    /// [`ends_like_sentence`].
    sentence_end: bool,
}

impl<'a> Line<'a> {
    fn new(text: &'a str) -> Self {
        Line::with_key(text, Cow::Owned(norm_key(text)))
    }

    fn with_key(text: &'a str, key: Cow<'a, str>) -> Self {
        Line::with_key_and_words(text, key, word_count(text))
    }

    fn with_key_and_words(text: &'a str, key: Cow<'a, str>, words: usize) -> Self {
        Line { text, key, words, sentence_end: ends_like_sentence_with(text, words) }
    }

    /// The key without punctuation at either end: "Read More »" → "read more".
    fn bare_key(&self) -> &str {
        self.key.trim_matches(|c: char| !c.is_alphanumeric())
    }

    /// [`is_sentence_like`].
    fn is_sentence_like(&self) -> bool {
        sentence_like(self.text, self.words, self.sentence_end)
    }
}

/// Whitespace-separated words holding a letter or digit; Chinese and Japanese write without
/// spaces: two ideographs or kana count as a word.
pub(crate) fn word_count(s: &str) -> usize {
    word_count_up_to(s, usize::MAX)
}

/// Whether `s` has at most `max` words ([`word_count`]), read no further than that.
pub(crate) fn has_at_most_words(s: &str, max: usize) -> bool {
    word_count_up_to(s, max) <= max
}

/// [`word_count`], stopping once it exceeds `max` (then some count above `max`).
fn word_count_up_to(s: &str, max: usize) -> usize {
    let (mut words, mut cjk, mut other) = (0, 0usize, false);
    for c in s.chars() {
        let ascii = c.is_ascii();
        if (ascii && matches!(c, '\t'..='\r' | ' ')) || (!ascii && c.is_whitespace()) {
            words += cjk.div_ceil(2) + usize::from(other);
            if words > max {
                return words;
            }
            (cjk, other) = (0, false);
        } else if !ascii && is_cjk(c) {
            cjk += 1;
        } else if !other {
            other = c.is_alphanumeric();
        }
    }
    words + cjk.div_ceil(2) + usize::from(other)
}

/// Han ideographs, kana and Hangul syllables: scripts written without spaces between words
/// (Hangul does use spaces, but its words are short and this errs on the side of text).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FFFF) // extensions B–F
}

const CLOSERS: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', ')', ']', '*', ' ', '\u{203a}', '」', '』', '）'];

/// Ends with a cut-off ellipsis: "… by giving basic…", "… with Beijing....".
pub(crate) fn ends_with_ellipsis(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with('…') || t.ends_with("...")
}

/// Ends like a sentence: `.`, `!`, `?`, maybe inside closing quotes or brackets;
/// a long line ending in a closing quote; a long lead-in ending in `:`.
pub(crate) fn ends_like_sentence(s: &str) -> bool {
    ends_like_sentence_with(s, word_count(s))
}

/// [`ends_like_sentence`] of a line of `words` words.
fn ends_like_sentence_with(s: &str, words: usize) -> bool {
    let t = s.trim_end();
    let core = t.trim_end_matches(CLOSERS);
    if core.ends_with(['.', '!', '?', '。', '！', '？']) {
        return true;
    }
    let quote_closed = t.ends_with(['"', '\u{201d}', '\u{bb}']) && words >= 12;
    let lead_in = core.ends_with(':') && words >= 8;
    quote_closed || lead_in
}

/// Body paragraph: sentence-like with enough words, or long running text with sentences inside.
pub(crate) fn is_sentence_like(s: &str) -> bool {
    let words = word_count(s);
    sentence_like(s, words, ends_like_sentence_with(s, words))
}

fn sentence_like(s: &str, words: usize, sentence_end: bool) -> bool {
    (words >= 4 && sentence_end) || (words >= 40 && s.contains(". "))
}

/// Lone interface words: share buttons, "Advertisement", "Read More", "5 min read".
fn is_ui_chrome(line: &Line) -> bool {
    const UI: &[&str] = &[
        "share", "share this", "share this article", "share this story", "share on facebook",
        "share on twitter", "share on whatsapp", "tweet", "email", "print", "comments", "comment",
        "advertisement", "advertising", "advert", "ad", "sponsored", "subscribe", "log in", "login", "sign in",
        "register", "menu", "search", "home", "skip to content", "skip to main content", "back to top",
        "accept", "accept all", "accept cookies", "reject all", "got it", "ok", "close", "privacy policy",
        "terms of use", "terms and conditions", "contact us", "about us", "loading", "click to expand",
        "listen", "listen to this article", "view comments", "show comments", "leave a comment",
        "scroll to continue with content", "continue reading", "facebook", "twitter", "x", "whatsapp",
        "telegram", "linkedin", "instagram", "youtube", "copy link", "link copied", "next", "previous",
        "prev", "more", "read more", "view all", "see all", "show more", "load more", "follow", "reply",
        "like", "save", "bookmark", "order reprints", "reprints", "print article", "print this article", "font size", "text size", "audio", "video", "photo", "gallery",
    ];
    let key = line.bare_key();
    if UI.contains(&key) {
        return true;
    }
    // "5 min read", "3 hours ago", "Updated 2 days ago"
    (key.ends_with("min read") || key.ends_with("minute read") || key.ends_with(" ago")) && {
        let words: Vec<&str> = key.split_whitespace().collect();
        words.len() <= 5 && words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()))
    }
}

/// Header that opens a list of other stories: "Related posts", "Next In World News", "Most Commented".
fn is_section_header(line: &Line) -> bool {
    const EXACT: &[&str] = &[
        "related", "related posts", "related articles", "related stories", "related news",
        "related content", "related coverage", "related topics", "related links", "articles similaires",
        "others also read", "also read", "read more", "read also", "more news", "more stories",
        "most read", "most commented", "most popular", "most viewed", "most shared", "most recent",
        "trending", "trending now", "trending news", "recommended", "recommended for you",
        "recommended stories", "you may also like", "you might also like", "you may like",
        "latest news", "latest stories", "latest", "popular", "popular posts", "top stories",
        "editor's picks", "editors' picks", "see also", "further reading", "in other news",
        "what to read next", "don't miss", "must read", "stories you may like", "more like this",
        "keep reading", "up next", "from around the web", "sponsored stories", "promoted stories",
        "recent posts", "more to read", "read next", "also on", "more headlines", "top news",
    ];
    // These are followed by a site or section name: "Next In Aseanplus News".
    const PREFIX: &[&str] = &["next in ", "more from ", "more in ", "more on ", "latest from ", "also in ", "more about "];
    if line.words > 7 || line.sentence_end {
        return false;
    }
    line.bare_key().split(['/', '|'])
        .map(str::trim)
        .any(|part| EXACT.contains(&part) || PREFIX.iter().any(|p| part.starts_with(p)))
}

/// Cookie and consent banners: "This website uses cookies."
fn is_cookie_banner(line: &Line) -> bool {
    let k = &line.key;
    line.words <= 60
        && k.contains("cookie")
        && {
            static CONSENT: Phrases =
                Phrases::new(|| phrases(&["website", "site", "we use", "accept", "consent", "browsing", "experience", "privacy"]));
            CONSENT.in_text(k)
        }
}

/// Channel, newsletter and app promotions: "Follow us on our WhatsApp channel…", "X WhatsApp Channel".
fn is_promo(line: &Line) -> bool {
    const CTA: &[&str] = &[
        "follow us", "follow our", "join our", "join us", "subscribe", "sign up", "signup", "download our",
        "download the", "get the latest", "click here", "tap here", "stay updated", "stay informed",
        "get our", "never miss", "turn on notifications", "stay tuned", "like us on", "clicking here", "follow @",
    ];
    const PLATFORMS: &[&str] = &[
        "whatsapp", "telegram", "google news", "newsletter", "facebook", "twitter", "instagram", "youtube",
        "linkedin", "tiktok", " app", "forum", "channel", "podcast", "alerts", "notifications", "inbox",
    ];
    // Short labels of a channel: "Our WhatsApp Channel", "Google News".
    const CHANNELS: &[&str] = &["whatsapp", "telegram", "google news", "newsletter"];
    // Affiliate disclosures: "This post may contain affiliate links."
    const DISCLOSURE: &[&str] =
        &["affiliate link", "affiliate and/or referral link", "earn a commission", "earn a small commission", "may earn commission"];
    let (k, words) = (&line.key, line.words);
    // Every case below is shorter: longer lines are text.
    if words > 50 {
        return false;
    }
    static CTA_IN: Phrases = Phrases::new(|| phrases(CTA));
    static PLATFORMS_IN: Phrases = Phrases::new(|| phrases(PLATFORMS));
    static CHANNELS_IN: Phrases = Phrases::new(|| phrases(CHANNELS));
    static DISCLOSURE_IN: Phrases = Phrases::new(|| phrases(DISCLOSURE));
    let cta = CTA_IN.in_text(k);
    (cta && words <= 40 && PLATFORMS_IN.in_text(k))
        || (cta && words <= 12 && !line.sentence_end)
        || (words <= 8 && !line.sentence_end && CHANNELS_IN.in_text(k))
        || (words <= 50 && DISCLOSURE_IN.in_text(k))
        || (words <= 25 && ["subscribe to ", "sign up for ", "sign up to "].iter().any(|p| k.starts_with(p)))
}

/// A note on who else reported ("Jane Doe contributed to this report.") or how to reach the
/// writer ("Have a tip? Ann Lee may be reached at ann@x.com.", "Write to Ann Lee at ann@x.com").
fn is_contributor_note(line: &Line) -> bool {
    const ENDS: &[&str] =
        &["contributed to this report", "contributed to this story", "contributed to this article", "contributed reporting"];
    let k = line.key.trim_end_matches(['.', ' ']);
    let words = line.words;
    // Every case below is shorter: longer lines are text.
    if words > 40 {
        return false;
    }
    (words <= 30 && ENDS.iter().any(|e| k.ends_with(e)))
        || (words <= 40 && (k.contains("be reached at") || k.contains("be contacted at")) && k.contains('@'))
        || (words <= 12 && k.starts_with("write to ") && k.contains('@'))
}

/// An author's bio: "Dallas Robinson is a freelance writer living in Minneapolis".
pub(crate) fn is_author_bio(s: &str) -> bool {
    const ROLES: &[&str] =
        &["writer", "reporter", "journalist", "editor", "correspondent", "columnist", "contributor", "blogger", "author of"];
    let words = word_count(s);
    if !(5..=60).contains(&words) {
        return false;
    }
    let Some(pos) = [" is a ", " is an ", " is the "].iter().filter_map(|m| s.find(m)).min() else { return false };
    let name_words: Vec<&str> = s[..pos].split_whitespace().collect();
    let is_name = (1..=4).contains(&name_words.len())
        && name_words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let k = norm_key(&s[pos..]);
    is_name && ROLES.iter().any(|r| k.contains(r))
}

/// A CMS shortcode left in the text: "[button link=… type=”big”] Send us YOUR review[/button]".
fn is_shortcode(line: &Line) -> bool {
    let t = line.text.trim();
    let Some(rest) = t.strip_prefix('[') else { return false };
    let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == '-').collect();
    !name.is_empty() && rest[name.len()..].starts_with([' ', ']']) && t.contains(&format!("[/{name}]"))
}

/// Photo credits and captions' credits: "(C) Agency", "© Jane Doe", "Photo: …", "REUTERS/Jane Doe".
fn is_photo_credit(line: &Line) -> bool {
    const PREFIXES: &[&str] = &[
        "©", "photo:", "photo by", "photo credit", "photos:", "image:", "image credit", "image source",
        "images:", "picture:", "pic:", "credit:", "file photo", "photograph:", "illustration:", "graphic:",
        "video:", "source image", "featured image", "cover image", "(photo", "[photo", "header image", "(image", "[image",
    ];
    const INSIDE: &[&str] = &["reuters/", "/reuters", "afp/", "/afp", "ap photo", "getty images", "shutterstock", "(photo:", "photo: ", "/ file photo", "epa-efe", "(photo credit"];
    let (k, words) = (&line.key, line.words);
    // Every case below is shorter: longer lines are text.
    if words > 40 {
        return false;
    }
    let c_mark = (k.starts_with("(c)") || k.starts_with("(c ")) && words <= 12 && !line.sentence_end;
    c_mark
        || (PREFIXES.iter().any(|p| k.starts_with(p)) && words <= 25)
        || {
            static INSIDE_IN: Phrases = Phrases::new(|| phrases(INSIDE));
            INSIDE_IN.in_text(k)
        }
}

/// Copyright and legal footers.
fn is_copyright(line: &Line) -> bool {
    let k = &line.key;
    line.words <= 30
        && (k.contains("all rights reserved") || k.starts_with("copyright") || k.contains("copyright ©"))
}

/// Tag lists: "Vietnam , Putin , visit", "Tags: Russia, Asia, diplomacy".
fn is_tag_list(line: &Line) -> bool {
    let (s, k) = (line.text, &line.key);
    if k.starts_with("tags:") || k.starts_with("tags ") || k.starts_with("topics:") || k.starts_with("keywords:") {
        return line.words <= 30;
    }
    if line.sentence_end {
        return false;
    }
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let short_parts = parts.iter().all(|p| !p.is_empty() && word_count(p) <= 3);
    // Scrapers join tag links with " , "; prose never puts a space before a comma.
    let spaced = s.contains(" ,") && parts.len() >= 2;
    short_parts && (spaced || (parts.len() >= 4 && parts.iter().all(|p| word_count(p) <= 2)))
}

/// Breadcrumb trails with separators: "Home › World › Asia".
fn is_breadcrumb_trail(line: &Line) -> bool {
    if line.sentence_end {
        return false;
    }
    let mut parts = 0;
    for part in line.text.split(['>', '›', '»', '/', '|']) {
        if word_count(part) > 6 {
            return false;
        }
        parts += 1;
    }
    parts >= 3
}

/// Teasers that point elsewhere: "Read more: Putin lands in Hanoi", "ALSO READ | …".
fn is_inline_teaser(line: &Line) -> bool {
    const OPENERS: &[&str] = &["read more", "also read", "read also", "see also", "read", "watch", "listen", "related", "more", "click here"];
    let k = &line.key;
    line.words <= 30
        && OPENERS.iter().any(|o| {
            k.strip_prefix(o).is_some_and(|after| after.trim_start().starts_with([':', '|', '-', '–', '—', '»', '>']))
        })
}

/// A list item ("- …", "• …", "* …"); returns the item text.
pub(crate) fn bullet_item(s: &str) -> Option<&str> {
    let t = s.trim_start();
    ["- ", "• ", "* ", "· ", "– ", "— ", "▪ ", "► ", "> "].iter().find_map(|m| t.strip_prefix(m))
}

/// The kind of one line, from the line alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// A body paragraph.
    Body,
    /// Headline-like or unpunctuated: kept only as title or subheading, by context.
    Weak,
    /// Opens a list of other stories.
    SectionHeader,
    /// "By …" line.
    Byline,
    /// "With inputs from …", "Reporting by …", a bare agency name.
    Credit,
    /// A date and nothing else ("Published: 26 March 2024").
    DateLine,
    /// Boilerplate, with the rule that caught it.
    Drop(&'static str),
}

/// Classifies one line by the line rules, strongest first.
pub(crate) fn classify(line: &str) -> LineKind {
    classify_keyed(line, &norm_key(line), word_count(line))
}

/// [`classify`] for a line whose [`norm_key`] and [`word_count`] are known.
pub(crate) fn classify_keyed(line: &str, key: &str, words: usize) -> LineKind {
    use LineKind::*;
    // A paragraph ending in an agency credit ("… Union. - AFP") is judged without it.
    let stripped = strip_trailing_credit(line).map(|(rest, _)| rest);
    let l = match &stripped {
        Some(rest) => Line::new(rest),
        None => Line::with_key_and_words(line, Cow::Borrowed(key), words),
    };
    let s = l.text;
    if is_section_header(&l) {
        SectionHeader
    } else if is_ui_chrome(&l) {
        Drop("ui")
    } else if is_cookie_banner(&l) {
        Drop("cookies")
    } else if is_promo(&l) {
        Drop("promo")
    } else if is_photo_credit(&l) {
        Drop("photo credit")
    } else if is_copyright(&l) {
        Drop("copyright")
    } else if is_shortcode(&l) {
        Drop("shortcode")
    } else if is_contributor_note(&l) {
        Drop("contributor note")
    } else if parse_byline(s).is_some() {
        Byline
    } else if l.words <= CREDIT_LINE_MAX_WORDS && parse_credit_line(s).is_some() {
        Credit
    } else if l.words <= DATE_LINE_MAX_WORDS && is_date_only(s) {
        DateLine
    } else if l.words <= TIMESTAMP_MAX_WORDS && is_label_timestamp(s) {
        Drop("timestamp")
    } else if is_tag_list(&l) {
        Drop("tags")
    } else if is_breadcrumb_trail(&l) {
        Drop("breadcrumb")
    } else if is_inline_teaser(&l) {
        Drop("teaser")
    } else if ends_with_ellipsis(s) {
        // Teasers cut off mid-sentence: "… leading…", "… with Beijing....".
        Drop("teaser")
    } else if bullet_item(s).is_some_and(|item| !is_sentence_like(item)) {
        Drop("link list")
    } else if l.is_sentence_like() {
        Body
    } else {
        Weak
    }
}

#[cfg(test)]
mod tests {
    use super::LineKind::*;
    use super::*;

    proptest::proptest! {
        #[test]
        fn collapse_lower_is_split_join_lowercase(s in "[ a-zA-Z.\t\n\x0B\x0C\r\u{85}\u{a0}\u{3000}ΣΑσéÉǅİ‘’“”«»日]{0,40}") {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_lower(&s, false), joined.to_lowercase());
            let unified: String = joined.chars().map(|c| match c {
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' => '"',
                c => c,
            }).collect();
            proptest::prop_assert_eq!(norm_key(&s), unified.to_lowercase());
        }

        #[test]
        fn word_count_counts_whitespace_separated_words(s in "[ a-z.\t\n\x0B\u{a0}\u{2003}é。日本語]{0,40}") {
            let words = |w: &str| {
                let cjk = w.chars().filter(|c| is_cjk(*c)).count();
                cjk.div_ceil(2) + usize::from(w.chars().any(|c| !is_cjk(c) && c.is_alphanumeric()))
            };
            let count = s.split_whitespace().map(words).sum::<usize>();
            proptest::prop_assert_eq!(word_count(&s), count);
            for max in 0..6 {
                proptest::prop_assert_eq!(has_at_most_words(&s, max), count <= max);
            }
        }
    }

    fn check(input: &str, expected: LineKind) {
        assert_eq!(classify(input), expected, "input: {input:?}");
    }

    #[test]
    fn teasers() {
        check("Floods close schools in three provinces as rains continue to batter the…", Drop("teaser"));
        check("- Markets rally on rate cut hopes Investors cheered the news....", Drop("teaser"));
        check("Read more: Floods close schools in three provinces", Drop("teaser"));
        check("- Markets rally on rate cut hopes", Drop("link list"));
        check("Related posts:", SectionHeader);
        check("Next In World News", SectionHeader);
        check("Most Commented", SectionHeader);
        check("Others Also Read", SectionHeader);
        check("Articles similaires / Related posts:", SectionHeader);
    }

    #[test]
    fn promos_and_banners() {
        check("Follow us on our official Telegram channel for the latest updates!", Drop("promo"));
        check("Jane Doe WhatsApp Channel", Drop("promo"));
        check("Sign up for our morning newsletter", Drop("promo"));
        check("This site uses cookies to improve your experience.", Drop("cookies"));
        check("Advertisement", Drop("ui"));
        check("4 min read", Drop("ui"));
        check("Copyright © 2024 Daily Planet. All rights reserved.", Drop("copyright"));
        check("Markets , Economy , rates", Drop("tags"));
        check("Tags: Economy, Markets", Drop("tags"));
    }

    #[test]
    fn photo_credits() {
        check("(C) Ministry of Foreign Affairs", Drop("photo credit"));
        check("© Jane Doe", Drop("photo credit"));
        check("Photo: Ministry of Defence", Drop("photo credit"));
        check("Image credit: Unsplash", Drop("photo credit"));
        check("Soldiers march in Manila on May 3, 2022. REUTERS/Jane Doe", Drop("photo credit"));
    }

    #[test]
    fn breadcrumbs_bylines_credits_dates() {
        check("Home › World › Asia", Drop("breadcrumb"));
        check("By Jane Doe – AFP – April 2, 2023", Byline);
        check("With inputs from Reuters", Credit);
        check("AFP", Credit);
        check("Published: 26 March 2024", DateLine);
        check("Updated 5:27 am CST, Wednesday, November 20, 2019", DateLine);
        check("Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", Drop("timestamp"));
        check("Updated at 1:23 p.m.", Drop("timestamp"));
        check("Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET", Drop("timestamp"));
        check("Updated guidance takes effect on March 1.", Body);
        check("Advert", Drop("ui"));
        check("Subscribe to WIRED and stay smart with more of your favorite Ideas writers.", Drop("promo"));
        check("Order Reprints", Drop("ui"));
        check("(Image: © TNG Collaboration)", Drop("photo credit"));
        check("GET FOX BUSINESS ON THE GO BY CLICKING HERE", Drop("promo"));
        check("Follow @BGRDeals on Twitter to keep up with the latest deals.", Drop("promo"));
        check("Join our Space Forums to keep talking space! Tips: community@example.com.", Drop("promo"));
        check("This post may contain affiliate and/or referral links. Please see my disclosure page.", Drop("promo"));
        check("[button link=\"http://x.co/review/\" type=\"big\"] Send us YOUR kit review[/button]", Drop("shortcode"));
        check("[1] Smith wrote the first study of the river in 1990, and [2] followed it.", Body);
        check("Fox News’ Jessica Napoli contributed to this report.", Drop("contributor note"));
        check("Have a tip? Amy Kuperinsky may be reached at amy@example.com. Follow her on Twitter.", Drop("contributor note"));
        check("Write to Al Root at allen.root@example.com", Drop("contributor note"));
        assert!(is_author_bio("Dallas Robinson is a freelance writer living in Minneapolis"));
        assert!(!is_author_bio("The mayor is a former teacher who grew up in the city."));
    }

    #[test]
    fn text() {
        check("The minister said the talks would resume next week.", Body);
        check("“We will not give up,” she said.", Body);
        check("Floods close schools in three provinces", Weak);
        check("He declined.", Weak);
        // Sentences that merely mention these words stay.
        check("Viewers who subscribe to the service will pay more from next month, the company said.", Body);
        check("By Tuesday, the death toll had risen to 139.", Body);
    }
}
