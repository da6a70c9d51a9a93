//! A small tokenizer for time expressions: words, digit runs, ordinals ("20th") and
//! single punctuation characters, with byte offsets on character boundaries.

use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum K {
    Word,
    Num,
    Ord,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: K,
    pub text: &'a str,
    /// The lower-case text (borrowed when the text has no capitals).
    pub lower: Cow<'a, str>,
    /// The value of a `Num` or `Ord` (None when too long to be useful).
    pub num: Option<i64>,
    /// Number of digits of a `Num` or `Ord`.
    pub digits: usize,
}

impl Tok<'_> {
    pub fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

fn lowercase(text: &str) -> Cow<'_, str> {
    // Most words are ASCII without capitals: one pass.
    if text.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(text);
    }
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(text.to_ascii_lowercase()) } else { Cow::Borrowed(text) }
    } else if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// The character at byte `i` of `s` (a character boundary) and its length in bytes; ASCII
/// without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The end of the run of alphabetic characters of `s` from byte `i`.
fn alphabetic_end(s: &str, mut i: usize) -> usize {
    while let Some((c, len)) = char_at(s, i) {
        if !c.is_alphabetic() {
            break;
        }
        i += len;
    }
    i
}

/// Tokens of `body`: runs of ASCII digits (with a glued ordinal suffix, "20th"), runs of
/// alphabetic characters, and every other character but white space on its own.
pub(crate) fn tokenize(body: &str) -> Vec<Tok<'_>> {
    let bytes = body.as_bytes();
    let text = |a: usize, b: usize| body.get(a..b).unwrap_or("");
    let mut out = Vec::with_capacity(body.len() / 4);
    let mut start = 0;
    while let Some((c, len)) = char_at(body, start) {
        if c.is_ascii_digit() {
            let end = start + bytes.get(start..).unwrap_or_default().iter().take_while(|b| b.is_ascii_digit()).count();
            let digits = end - start;
            let num = if digits <= 9 { text(start, end).parse::<i64>().ok() } else { None };
            // Ordinal suffix glued to the digits.
            let word_end = alphabetic_end(body, end);
            if ["st", "nd", "rd", "th"].iter().any(|x| text(end, word_end).eq_ignore_ascii_case(x)) {
                let t = text(start, word_end);
                out.push(Tok { start, end: word_end, kind: K::Ord, text: t, lower: lowercase(t), num, digits });
                start = word_end;
            } else {
                let t = text(start, end);
                out.push(Tok { start, end, kind: K::Num, text: t, lower: Cow::Borrowed(t), num, digits });
                start = end;
            }
        } else if c.is_alphabetic() {
            let end = alphabetic_end(body, start);
            let t = text(start, end);
            out.push(Tok { start, end, kind: K::Word, text: t, lower: lowercase(t), num: None, digits: 0 });
            start = end;
        } else {
            if !c.is_whitespace() {
                let t = text(start, start + len);
                out.push(Tok { start, end: start + len, kind: K::Punct, text: t, lower: Cow::Borrowed(t), num: None, digits: 0 });
            }
            start += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{K, Tok, tokenize};
    use proptest::prelude::*;
    use std::borrow::Cow;

    /// The tokenizer as first written, over decoded characters: the reference for the
    /// byte-level one above.
    fn reference(body: &str) -> Vec<Tok<'_>> {
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let at = |k: usize| chars.get(k).map_or(body.len(), |&(i, _)| i);
        let lower = |text: &str| -> String { if text.chars().any(char::is_uppercase) { text.to_lowercase() } else { text.to_string() } };
        let mut out = Vec::new();
        let mut k = 0;
        while let Some(&(start, c)) = chars.get(k) {
            if c.is_whitespace() {
                k += 1;
                continue;
            }
            if c.is_ascii_digit() {
                let mut e = k;
                while chars.get(e).is_some_and(|&(_, d)| d.is_ascii_digit()) {
                    e += 1;
                }
                let digits = e - k;
                let end = at(e);
                let text = body.get(start..end).unwrap_or("");
                let num = if digits <= 9 { text.parse::<i64>().ok() } else { None };
                let mut w = e;
                while chars.get(w).is_some_and(|&(_, d)| d.is_alphabetic()) {
                    w += 1;
                }
                let suffix = body.get(end..at(w)).unwrap_or("");
                if w > e && ["st", "nd", "rd", "th"].iter().any(|x| suffix.eq_ignore_ascii_case(x)) {
                    let end = at(w);
                    let text = body.get(start..end).unwrap_or("");
                    out.push(Tok { start, end, kind: K::Ord, text, lower: Cow::Owned(lower(text)), num, digits });
                    k = w;
                } else {
                    out.push(Tok { start, end, kind: K::Num, text, lower: Cow::Borrowed(text), num, digits });
                    k = e;
                }
                continue;
            }
            if c.is_alphabetic() {
                let mut e = k;
                while chars.get(e).is_some_and(|&(_, d)| d.is_alphabetic()) {
                    e += 1;
                }
                let end = at(e);
                let text = body.get(start..end).unwrap_or("");
                out.push(Tok { start, end, kind: K::Word, text, lower: Cow::Owned(lower(text)), num: None, digits: 0 });
                k = e;
                continue;
            }
            let end = at(k + 1);
            let text = body.get(start..end).unwrap_or("");
            out.push(Tok { start, end, kind: K::Punct, text, lower: Cow::Borrowed(text), num: None, digits: 0 });
            k += 1;
        }
        out
    }

    type Summary<'a> = Vec<(usize, usize, K, &'a str, &'a str, Option<i64>, usize)>;

    fn summary<'a>(toks: &'a [Tok<'a>]) -> Summary<'a> {
        toks.iter().map(|t| (t.start, t.end, t.kind, t.text, t.lower.as_ref(), t.num, t.digits)).collect()
    }

    fn check(text: &str, expected: &[(&str, K, &str)]) {
        let toks = tokenize(text);
        let got: Vec<(&str, K, &str)> = toks.iter().map(|t| (t.text, t.kind, t.lower.as_ref())).collect();
        assert_eq!(got, expected, "{text:?}");
        let expected = reference(text);
        assert_eq!(summary(&toks), summary(&expected), "{text:?}");
    }

    #[test]
    fn tokens() {
        check("On the 20th, at 10:30", &[("On", K::Word, "on"), ("the", K::Word, "the"), ("20th", K::Ord, "20th"), (",", K::Punct, ","), ("at", K::Word, "at"), ("10", K::Num, "10"), (":", K::Punct, ":"), ("30", K::Num, "30")]);
        check("3RD 5x Tô Lâm’s\u{a0}ÉTÉ", &[("3RD", K::Ord, "3rd"), ("5", K::Num, "5"), ("x", K::Word, "x"), ("Tô", K::Word, "tô"), ("Lâm", K::Word, "lâm"), ("’", K::Punct, "’"), ("s", K::Word, "s"), ("ÉTÉ", K::Word, "été")]);
        check("", &[]);
    }

    proptest! {
        #[test]
        fn same_tokens_as_the_reference(s in "[a-zA-Z0-9 .,:'\\-\n\u{a0}\u{2019}ÉéĞİßΣ٣²ｘ]{0,40}") {
            let (toks, expected) = (tokenize(&s), reference(&s));
            prop_assert_eq!(summary(&toks), summary(&expected));
        }

        #[test]
        fn same_tokens_as_the_reference_on_any_text(s in any::<String>()) {
            let (toks, expected) = (tokenize(&s), reference(&s));
            prop_assert_eq!(summary(&toks), summary(&expected));
        }
    }
}
