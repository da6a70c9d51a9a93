//! A small tokenizer for time expressions: words, digit runs, ordinals ("20th") and
//! single punctuation characters, with byte offsets on character boundaries.

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
    pub lower: String,
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
            let suffix = body.get(end..at(w)).unwrap_or("").to_lowercase();
            if w > e && matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                let end = at(w);
                let text = body.get(start..end).unwrap_or("");
                out.push(Tok { start, end, kind: K::Ord, text, lower: text.to_lowercase(), num, digits });
                k = w;
            } else {
                out.push(Tok { start, end, kind: K::Num, text, lower: text.to_string(), num, digits });
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
            out.push(Tok { start, end, kind: K::Word, text, lower: text.to_lowercase(), num: None, digits: 0 });
            k = e;
            continue;
        }
        let end = at(k + 1);
        let text = body.get(start..end).unwrap_or("");
        out.push(Tok { start, end, kind: K::Punct, text, lower: text.to_string(), num: None, digits: 0 });
        k += 1;
    }
    out
}
