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
    if text.chars().any(char::is_uppercase) { Cow::Owned(text.to_lowercase()) } else { Cow::Borrowed(text) }
}

pub(crate) fn tokenize(body: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(body.len(), |&(i, _)| i);
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
            // Ordinal suffix glued to the digits.
            let mut w = e;
            while chars.get(w).is_some_and(|&(_, d)| d.is_alphabetic()) {
                w += 1;
            }
            let suffix = body.get(end..at(w)).unwrap_or("");
            if w > e && ["st", "nd", "rd", "th"].iter().any(|x| suffix.eq_ignore_ascii_case(x)) {
                let end = at(w);
                let text = body.get(start..end).unwrap_or("");
                out.push(Tok { start, end, kind: K::Ord, text, lower: lowercase(text), num, digits });
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
            out.push(Tok { start, end, kind: K::Word, text, lower: lowercase(text), num: None, digits: 0 });
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
