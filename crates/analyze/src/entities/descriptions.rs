//! Descriptions that stand for a person the article has named: "the Russian leader", "Russia's
//! president", "the foreign minister" → the one person the article introduced with that title
//! (and nationality) before. Only unambiguous descriptions are linked: exactly one person fits.
//!
//! A person is introduced by the title written before the name ("Russian President Vladimir
//! Putin", "Vietnam's President To Lam") or after it in apposition ("Putin, the Russian
//! president,"). A description is "the", then a demonym or a country's possessive (optional),
//! then a title, with no name after it ("the Russian President Vladimir Putin" is a title
//! before a name); "leader" fits the title of any head of state or government. Without a
//! nationality only specific titles describe someone ("the prime minister", not "the leader").
//! The description's mention covers the title words alone ("leader"), so it never overlaps the
//! demonym's own mention.

use storyline_model::{EntityKind, Mention, Span};

use super::lexicon::{Lexicon, with_lower};

/// Titles of heads of state or government: what "the Russian leader" can stand for.
const HEADS: &[&str] = &["president", "prime minister", "premier", "chancellor", "king", "queen", "emperor", "leader", "supreme leader", "general secretary"];

/// Titles that describe one person without a nationality ("the prime minister said").
const SPECIFIC: &[&str] = &[
    "president", "vice president", "prime minister", "premier", "chancellor", "king", "queen", "pope", "governor",
    "mayor", "senator", "foreign minister", "defence minister", "defense minister", "finance minister",
    "trade minister", "interior minister", "secretary-general", "secretary general", "general secretary",
    "ambassador", "crown prince", "emperor", "ceo", "chief executive", "spokesman", "spokeswoman",
    "spokesperson", "prosecutor", "chairman", "chairwoman",
];

/// A word of the body: byte range and text.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'
}

/// Up to `n` words of `body` from byte `at` on: runs of letters and digits (with inner hyphens
/// and apostrophes, so "Russia's" is one word) and single punctuation characters, so that a
/// comma or a period stops a pattern. Only the words a pattern needs are read: scanning the
/// whole body would cost more than the rest of this pass.
fn words_from(body: &str, at: usize, n: usize) -> Vec<Word<'_>> {
    WordsFrom { body, at }.take(n).collect()
}

/// The words of `body` from byte `at` on (see [`words_from`]).
struct WordsFrom<'a> {
    body: &'a str,
    at: usize,
}

impl<'a> Iterator for WordsFrom<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let rest = self.body.get(self.at..)?;
        let skipped = rest.len() - rest.trim_start().len();
        let start = self.at + skipped;
        let first = self.body.get(start..)?.chars().next()?;
        let mut end = start + first.len_utf8();
        if first.is_alphanumeric() {
            end = self.body.get(end..).and_then(|r| r.find(|c: char| !is_word_char(c))).map_or(self.body.len(), |k| end + k);
        }
        self.at = end;
        Some(Word { start, end, text: self.body.get(start..end)? })
    }
}

/// Up to `n` words of `body` ending before byte `at`, in reading order.
fn words_before(body: &str, at: usize, n: usize) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(n);
    let Some(head) = body.get(..at) else { return out };
    let mut chars = head.char_indices().rev().peekable();
    while out.len() < n {
        let Some((i, c)) = chars.next() else { break };
        if c.is_whitespace() {
            continue;
        }
        let end = i + c.len_utf8();
        let mut start = i;
        if is_word_char(c) {
            while let Some(&(j, d)) = chars.peek() {
                if !is_word_char(d) {
                    break;
                }
                start = j;
                chars.next();
            }
        }
        out.push(Word { start, end, text: &body[start..end] });
    }
    out.reverse();
    out
}

/// The country a word (or its possessive, when `possessive`) names as a nationality: a demonym
/// ("Russian") or, possessive, a country ("Russia's").
fn country_of(lx: &Lexicon, word: &str, possessive: bool) -> Option<String> {
    if possessive {
        let stem = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))?;
        return lx.country(stem).map(|e| e.canonical.clone());
    }
    lx.demonym(word).map(|d| d.country.clone())
}

/// The longest title (lower-cased) that `ws` start with, and its length in words.
fn title_at(lx: &Lexicon, ws: &[Word]) -> Option<(String, usize)> {
    if !ws.first().is_some_and(|w| lx.is_title_word(w.text)) {
        return None;
    }
    let max = lx.max_title_words.min(ws.len());
    (1..=max).rev().find_map(|n| {
        let phrase = ws[..n].iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
        let lower = with_lower(&phrase, str::to_string);
        lx.titles.contains(&lower).then_some((lower, n))
    })
}

/// The longest title (lower-cased) that `ws` end with, and the nationality written before it
/// (demonym or country's).
fn title_before(lx: &Lexicon, ws: &[Word]) -> Option<(String, Option<String>)> {
    let end = ws.len();
    let (title, first) = (1..=lx.max_title_words.min(end)).rev().find_map(|n| {
        let first = end - n;
        let (title, len) = title_at(lx, &ws[first..])?;
        (len == n).then_some((title, first))
    })?;
    let country = first.checked_sub(1).and_then(|i| {
        let w = ws[i].text;
        country_of(lx, w, true).or_else(|| country_of(lx, w, false))
    });
    Some((title, country))
}

/// How the article introduced one person: name, title and nationality, and where.
struct Introduction {
    canonical: String,
    title: String,
    country: Option<String>,
    at: usize,
}

fn fits(intro: &Introduction, title: &str, country: Option<&str>) -> bool {
    let title_fits = intro.title == title || title == "leader" && HEADS.contains(&intro.title.as_str());
    title_fits && country.is_none_or(|c| intro.country.as_deref() == Some(c))
}

struct Description {
    title: String,
    country: Option<String>,
    /// Byte range of the title words.
    span: Span,
}

/// A description in `ws` (words from the description's first): "the" + demonym? + title, or
/// country's + title, not followed by a name (a capitalised word) or "of".
fn description_at(lx: &Lexicon, ws: &[Word]) -> Option<Description> {
    let w = ws.first()?.text;
    let (country, title_start) = if w.eq_ignore_ascii_case("the") {
        match ws.get(1).and_then(|n| country_of(lx, n.text, false)) {
            Some(c) => (Some(c), 2),
            None => (None, 1),
        }
    } else {
        (Some(country_of(lx, w, true)?), 1)
    };
    let (title, n) = title_at(lx, ws.get(title_start..)?)?;
    let end = title_start + n;
    let next = ws.get(end).map_or("", |w| w.text);
    if next.chars().next().is_some_and(char::is_uppercase) || next == "of" {
        return None;
    }
    Some(Description { title, country, span: Span::new(ws[title_start].start, ws[end - 1].end) })
}

/// Where descriptions may start: each word "the"/"The" and each possessive ("Russia's"),
/// found with `memchr`'s vectorised search (a plain search for each pattern cost more than
/// the rest of this pass).
fn description_starts(body: &str) -> Vec<usize> {
    let bytes = body.as_bytes();
    let word_start = |i: usize| i == 0 || !body[..i].chars().next_back().is_some_and(is_word_char);
    let mut starts: Vec<usize> = memchr::memmem::find_iter(bytes, b"he ")
        .filter_map(|i| i.checked_sub(1))
        .filter(|&t| matches!(bytes[t], b't' | b'T') && word_start(t))
        .collect();
    for (pattern, len) in [(&b"'s"[..], 2), ("’s".as_bytes(), "’s".len())] {
        for i in memchr::memmem::find_iter(bytes, pattern) {
            if !bytes.get(i + len).is_some_and(u8::is_ascii_whitespace) {
                continue;
            }
            // Back to the start of the possessive word.
            let start = body[..i].char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map_or(i, |(j, _)| j);
            if start < i && bytes[start].is_ascii_uppercase() {
                starts.push(start);
            }
        }
    }
    starts.sort_unstable();
    starts
}

/// Adds a person mention (marked `nominal`) for every description in `body` that fits exactly
/// one person introduced before it; `mentions` stay sorted by start.
pub(crate) fn link_descriptions(body: &str, lx: &Lexicon, mentions: &mut Vec<Mention>) {
    if !mentions.iter().any(|m| m.kind == EntityKind::Person) {
        return;
    }
    // "the" + nationality + title + the word after it.
    let reach = lx.max_title_words + 3;
    // Most starts are "the" before a common noun: rejected on its second word alone.
    let may_describe = |at: usize| {
        WordsFrom { body, at }.nth(1).is_some_and(|w| lx.is_title_word(w.text) || lx.demonym(w.text).is_some())
    };
    let descriptions: Vec<Description> =
        description_starts(body).into_iter().filter(|&at| may_describe(at)).filter_map(|at| description_at(lx, &words_from(body, at, reach))).collect();
    if descriptions.is_empty() {
        return;
    }
    let mut intros: Vec<Introduction> = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == EntityKind::Person && !m.nominal) {
        let mut add = |(title, country): (String, Option<String>)| intros.push(Introduction { canonical: m.canonical.clone(), title, country, at: m.span.start });
        if let Some(found) = title_before(lx, &words_before(body, m.span.start, lx.max_title_words + 1)) {
            add(found);
        }
        // "Putin, the Russian president," / "Putin, Russia's president,"
        let after = words_from(body, m.span.end, reach + 1);
        if after.first().is_some_and(|w| w.text == ",") {
            if let Some(d) = description_at(lx, &after[1..]) {
                add((d.title, d.country));
            }
        }
    }
    let mut found = Vec::new();
    for d in descriptions {
        if d.country.is_none() && !SPECIFIC.contains(&d.title.as_str()) {
            continue;
        }
        let mut people = intros.iter().filter(|p| p.at < d.span.start && fits(p, &d.title, d.country.as_deref())).map(|p| p.canonical.as_str());
        let Some(person) = people.next() else { continue };
        if people.any(|other| other != person) {
            continue;
        }
        let span = d.span;
        let at = mentions.partition_point(|m| m.span.start < span.start);
        let clear = mentions.get(at).is_none_or(|m| m.span.start >= span.end) && at.checked_sub(1).and_then(|p| mentions.get(p)).is_none_or(|m| m.span.end <= span.start);
        if clear {
            found.push(Mention { span, text: body[span.start..span.end].to_string(), kind: EntityKind::Person, canonical: person.to_string(), nominal: true });
        }
    }
    if !found.is_empty() {
        mentions.extend(found);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

#[cfg(test)]
mod tests {
    use super::{words_before, words_from};
    use crate::{entity_mentions, sentences::split};

    #[test]
    fn words_around_an_offset() {
        let body = "Putin, Russia’s president, met Lâm.";
        let texts = |ws: Vec<super::Word>| ws.iter().map(|w| w.text.to_string()).collect::<Vec<_>>();
        assert_eq!(texts(words_from(body, 5, 4)), [",", "Russia’s", "president", ","]);
        assert_eq!(texts(words_before(body, body.find(" Lâm").unwrap_or(0), 3)), ["president", ",", "met"]);
        assert_eq!(texts(words_before(body, body.len(), 2)), ["Lâm", "."]);
        assert_eq!(texts(words_from(body, body.len(), 2)), Vec::<String>::new());
    }

    /// The persons that descriptions in `text` stand for, as (description, person).
    fn linked(text: &str) -> Vec<(String, String)> {
        entity_mentions(text, &split(text)).into_iter().filter(|m| m.nominal).map(|m| (m.text, m.canonical)).collect()
    }

    fn check(text: &str, expected: &[(&str, &str)]) {
        let want: Vec<(String, String)> = expected.iter().map(|(d, p)| (d.to_string(), p.to_string())).collect();
        assert_eq!(linked(text), want, "{text:?}");
    }

    #[test]
    fn nationality_and_title() {
        check("Russian President Vladimir Putin arrived in Hanoi on Wednesday. The Russian leader was met by Vietnam's President To Lam.", &[("leader", "Vladimir Putin")]);
        check("Vietnam's President To Lam welcomed Vladimir Putin. Vietnam's president said the visit mattered.", &[("president", "To Lam")]);
        check("Vladimir Putin, the Russian president, arrived on Wednesday. The Russian leader said little.", &[("president", "Vladimir Putin"), ("leader", "Vladimir Putin")]);
    }

    #[test]
    fn specific_titles_without_nationality() {
        check("Prime Minister Pham Minh Chinh met the delegation. The prime minister said trade would grow.", &[("prime minister", "Pham Minh Chinh")]);
        // "leader" alone is too vague.
        check("Russian President Vladimir Putin arrived. The leader said little.", &[]);
    }

    #[test]
    fn ambiguous_or_unintroduced_descriptions_stay_unlinked() {
        // Two presidents.
        check("President Joe Biden called Ukrainian President Volodymyr Zelensky. The president said help would come.", &[]);
        // The nationality does not fit anyone named.
        check("President Joe Biden spoke on Monday. The Russian leader did not answer.", &[]);
        // A title before a name is no description; nor is a description before the introduction.
        check("The Russian leader arrived. Russian President Vladimir Putin then spoke.", &[]);
        check("Russian President Vladimir Putin spoke. Later the Russian President Dmitry Medvedev spoke.", &[]);
        // Someone else's title: "the former president".
        check("President Joe Biden spoke. The former president Donald Trump did not.", &[]);
    }
}
