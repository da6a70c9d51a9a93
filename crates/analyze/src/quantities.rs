//! Quantities attached to what they count: "at least 139 people", "11 memorandums",
//! "US$14,000", "four top leaders", "2.5 million barrels".
//!
//! A number (digits or an English number word), an optional currency before it and a
//! scale word after it, an optional qualifier before it ("at least"), and the counted
//! noun: the next noun-like word, skipping up to two modifiers.

use storyline_model::{Quantity, Span};

const CURRENCIES: &[(&str, &str)] = &[
    ("US$", "US$"), ("$", "$"), ("€", "€"), ("£", "£"), ("¥", "¥"), ("₫", "₫"), ("₹", "₹"),
    ("S$", "S$"), ("A$", "A$"), ("HK$", "HK$"), ("RM", "RM"),
];
const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2), ("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12),
    ("mln", 1e6), ("bln", 1e9), ("bn", 1e9), ("m", 1e6),
];
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0),
    ("seven", 7.0), ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0),
    ("twelve", 12.0), ("thirteen", 13.0), ("fourteen", 14.0), ("fifteen", 15.0),
    ("sixteen", 16.0), ("seventeen", 17.0), ("eighteen", 18.0), ("nineteen", 19.0),
    ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0), ("sixty", 60.0),
    ("seventy", 70.0), ("eighty", 80.0), ("ninety", 90.0), ("dozen", 12.0), ("dozens", 24.0),
    ("hundreds", 200.0), ("thousands", 2000.0),
];
const MODIFIERS: &[&str] = &[
    "at least", "at most", "more than", "less than", "fewer than", "up to", "about", "around",
    "nearly", "almost", "roughly", "approximately", "some", "over", "under", "only", "just",
];
/// The most words of one of [`MODIFIERS`].
const MODIFIER_WORDS: usize = 2;
/// Words that follow a number without being what it counts.
const NOT_COUNTED: &[&str] = &[
    "of", "and", "or", "to", "in", "on", "at", "by", "for", "the", "a", "an", "per", "was", "were",
    "is", "are", "had", "has", "have", "said", "am", "pm", "a.m.", "p.m.", "percent", "%",
];
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

/// Quantities in `body`, in text order.
pub fn find_quantities(body: &str, sentences: &[Span]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    for sentence in sentences {
        words.clear();
        push_words(body, *sentence, &mut words);
        let words = &words[..];
        let mut i = 0;
        while i < words.len() {
            match quantity_at(body, words, i) {
                Some((quantity, next)) => {
                    out.push(quantity);
                    i = next;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// Appends to `out` the whitespace-separated words of a sentence, with surrounding punctuation
/// trimmed (except currency signs, %, and the period of "a.m.").
fn push_words(body: &str, sentence: Span, out: &mut Vec<Word>) {
    let text = sentence.slice(body);
    if text.is_ascii() { ascii_words(text, sentence.start, out) } else { char_words(text, sentence.start, out) }
}

/// [`push_words`] of sentence `text` starting at byte `offset` of the body.
fn char_words(text: &str, mut offset: usize, out: &mut Vec<Word>) {
    for raw in text.split_inclusive(char::is_whitespace) {
        let trimmed_start = raw.trim_start_matches(|c: char| matches!(c, '(' | '"' | '\'' | '“' | '‘' | '«' | '[') || c.is_whitespace());
        let start = offset + (raw.len() - trimmed_start.len());
        let core = trimmed_start.trim_end_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '"' | '\'' | '”' | '’' | '»' | ']') || c.is_whitespace());
        if !core.is_empty() {
            out.push(Word { start, end: start + core.len() });
        }
        offset += raw.len();
    }
}

/// [`push_words`] of an ASCII sentence `text` that starts at byte `offset` of the body: the
/// same trimming, on bytes.
fn ascii_words(text: &str, offset: usize, out: &mut Vec<Word>) {
    // `char::is_whitespace` on ASCII.
    let space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if space(b[i]) {
            i += 1;
            continue;
        }
        let mut start = i;
        while i < b.len() && !space(b[i]) {
            i += 1;
        }
        let mut end = i;
        while start < end && matches!(b[start], b'(' | b'"' | b'\'' | b'[') {
            start += 1;
        }
        while end > start && matches!(b[end - 1], b',' | b'.' | b';' | b':' | b'!' | b'?' | b')' | b'"' | b'\'' | b']') {
            end -= 1;
        }
        if start < end {
            out.push(Word { start: offset + start, end: offset + end });
        }
    }
}

fn text(body: &str, w: Word) -> &str {
    body.get(w.start..w.end).unwrap_or("")
}

fn quantity_at(body: &str, words: &[Word], i: usize) -> Option<(Quantity, usize)> {
    let word = text(body, words[i]);
    // Fast reject: a number has a digit or is a number word (with or without '%').
    let core = word.strip_suffix('%').unwrap_or(word);
    if !word.bytes().any(|b| b.is_ascii_digit()) && !is_number_word(core) {
        return None;
    }
    if let Some(number) = word.strip_suffix('%') {
        let value = parse_number(number)?;
        let span = Span::new(words[i].start, words[i].end);
        let quantity = Quantity { span, text: word.to_string(), value, unit: "%".into(), modifier: None };
        return Some((quantity, i + 1));
    }
    let (currency, number_text) = split_currency(word);
    let mut value = parse_number(number_text)?;
    let lower_prev = i.checked_sub(1).map(|p| text(body, words[p]).to_lowercase());
    let next_lower = words.get(i + 1).map(|w| text(body, *w).to_lowercase());
    let is_digits = number_text.chars().next().is_some_and(|c| c.is_ascii_digit());
    // Dates, times and years belong to the time tagger.
    if is_digits {
        let near_month = lower_prev.as_deref().is_some_and(|p| MONTHS.contains(&p.trim_end_matches('.')))
            || next_lower.as_deref().is_some_and(|n| MONTHS.contains(&n.trim_end_matches('.')));
        let clock = number_text.contains(':') || next_lower.as_deref().is_some_and(|n| matches!(n, "am" | "pm" | "a.m" | "p.m" | "a.m." | "p.m."));
        let year = currency.is_none() && number_text.len() == 4 && !number_text.contains([',', '.']) && (1800.0..=2100.0).contains(&value);
        if near_month || clock || year {
            return None;
        }
    }
    let mut end = i;
    let mut unit = currency.map(str::to_string);
    if let Some(scale) = next_lower.as_deref().and_then(|n| SCALES.iter().find(|(s, _)| *s == n)) {
        value *= scale.1;
        end = i + 1;
    }
    if unit.is_none() {
        // The counted noun: skip up to two modifiers ("four top leaders").
        for j in end + 1..(end + 4).min(words.len()) {
            let candidate = text(body, words[j]);
            let lower = candidate.to_lowercase();
            let wordlike = lower.chars().all(|c| c.is_alphabetic() || c == '-');
            if !wordlike || NOT_COUNTED.contains(&lower.as_str()) || has_punctuation_between(body, words[j - 1], words[j]) {
                break;
            }
            let ends_phrase = j + 1 >= words.len()
                || NOT_COUNTED.contains(&text(body, words[j + 1]).to_lowercase().as_str())
                || has_punctuation_between(body, words[j], words[j + 1])
                || looks_plural(&lower);
            if ends_phrase {
                unit = Some(lower);
                end = j;
                break;
            }
        }
    }
    let unit = unit?;
    if !is_digits && unit.len() < 3 {
        return None;
    }
    let (start, modifier) = modifier_before(body, words, i).map_or((words[i].start, None), |(s, m)| (s, Some(m)));
    let span = Span::new(start, words[end].end);
    let quantity = Quantity { span, text: span.slice(body).to_string(), value, unit, modifier };
    Some((quantity, end + 1))
}

/// Whether `w` is one of [`NUMBER_WORDS`] in any case. Every word is asked: most are
/// rejected by their length or first letter.
fn is_number_word(w: &str) -> bool {
    let Some(first) = w.as_bytes().first().map(u8::to_ascii_lowercase) else { return false };
    let (shortest, longest, first_letters) = NUMBER_WORD_SHAPE;
    let known_first = first.is_ascii_lowercase() && first_letters & (1 << (first - b'a')) != 0;
    known_first
        && (shortest..=longest).contains(&w.len())
        && NUMBER_WORDS.iter().any(|(n, _)| n.as_bytes().first() == Some(&first) && n.eq_ignore_ascii_case(w))
}

/// The shortest and longest of [`NUMBER_WORDS`] and the set of their first letters (bit 0: 'a').
const NUMBER_WORD_SHAPE: (usize, usize, u32) = {
    let (mut shortest, mut longest, mut first_letters) = (usize::MAX, 0, 0u32);
    let mut i = 0;
    while i < NUMBER_WORDS.len() {
        let word = NUMBER_WORDS[i].0.as_bytes();
        shortest = if word.len() < shortest { word.len() } else { shortest };
        longest = if word.len() > longest { word.len() } else { longest };
        first_letters |= 1 << (word[0] - b'a');
        i += 1;
    }
    (shortest, longest, first_letters)
};

fn has_punctuation_between(body: &str, a: Word, b: Word) -> bool {
    body.get(a.end..b.start).is_none_or(|gap| !gap.trim().is_empty())
}

fn looks_plural(word: &str) -> bool {
    word.len() > 3 && word.ends_with('s') && !word.ends_with("ss")
}

fn split_currency(word: &str) -> (Option<&'static str>, &str) {
    for (sign, name) in CURRENCIES {
        if let Some(rest) = word.strip_prefix(sign) {
            if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return (Some(name), rest);
            }
        }
    }
    (None, word)
}

fn parse_number(word: &str) -> Option<f64> {
    let lower = word.to_lowercase();
    if let Some((_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some(*v);
    }
    let first = word.chars().next()?;
    if !first.is_ascii_digit() || word.contains(':') {
        return None;
    }
    // Digits with thousands separators and an optional decimal part; a trailing
    // scale letter ("5bn", "3m") is handled by the caller only as a separate word.
    let digits: String = word.chars().filter(|c| *c != ',').collect();
    let valid = digits.chars().all(|c| c.is_ascii_digit() || c == '.') && digits.matches('.').count() <= 1;
    if !valid {
        return None;
    }
    digits.parse().ok()
}

fn modifier_before(body: &str, words: &[Word], i: usize) -> Option<(usize, String)> {
    // The phrases of one and two words before the number, lower-cased once for all modifiers.
    let phrase = |n: usize| -> Option<(usize, String)> {
        let first = words.get(i.checked_sub(n)?)?;
        Some((first.start, body.get(first.start..words.get(i - 1)?.end)?.to_lowercase()))
    };
    let phrases: [Option<(usize, String)>; MODIFIER_WORDS] = [phrase(1), phrase(2)];
    MODIFIERS.iter().find_map(|modifier| {
        let (start, text) = phrases.get(modifier.split(' ').count() - 1)?.as_ref()?;
        (text == modifier).then(|| (*start, modifier.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::{MODIFIER_WORDS, MODIFIERS, NUMBER_WORDS, Word, ascii_words, char_words, find_quantities, is_number_word};
    use crate::sentences;

    fn check(text: &str, expected: &[(&str, f64, &str, Option<&str>)]) {
        let found = find_quantities(text, &sentences::split(text));
        let got: Vec<(&str, f64, &str, Option<&str>)> =
            found.iter().map(|q| (q.text.as_str(), q.value, q.unit.as_str(), q.modifier.as_deref())).collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_match_the_char_split(text in "([a-z0-9]{1,5}|[ \t\n\r\x0B\x0C]|[(\"'\\[\\],.;:!?)%$]){0,40}") {
            let pairs = |f: fn(&str, usize, &mut Vec<Word>)| {
                let mut ws = vec![Word { start: 0, end: 1 }];
                f(&text, 7, &mut ws);
                ws.iter().map(|w| (w.start, w.end)).collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(pairs(ascii_words), pairs(char_words));
        }
    }

    #[test]
    fn counted_nouns() {
        check("The attack killed at least 139 people.", &[("at least 139 people", 139.0, "people", Some("at least"))]);
        check("Both presidents signed 11 memorandums for cooperation.", &[("11 memorandums", 11.0, "memorandums", None)]);
        check("He will meet all four top leaders in Hanoi.", &[("four top leaders", 4.0, "leaders", None)]);
    }

    #[test]
    fn money_and_scales() {
        check("The blaze caused US$14,000 damage.", &[("US$14,000", 14000.0, "US$", None)]);
        check("They pledged $2.5 billion in aid.", &[("$2.5 billion", 2.5e9, "$", None)]);
        check("Output rose to 3 million barrels a day.", &[("3 million barrels", 3e6, "barrels", None)]);
    }

    #[test]
    fn dates_times_and_years_are_not_quantities() {
        check("It happened on March 26, 2024 at 1:50 am.", &[]);
        check("His first visit since 2017 was in 26 June.", &[]);
        check("They met at 10 pm on Tuesday.", &[]);
    }

    #[test]
    fn number_words_in_any_case() {
        for (word, expected) in [("four", true), ("FOUR", true), ("Thousands", true), ("dozen", true), ("fou", false), ("fours", false), ("the", false), ("", false), ("Ünf", false), ("5", false)] {
            assert_eq!(is_number_word(word), expected, "{word:?}");
        }
        assert!(NUMBER_WORDS.iter().all(|(n, _)| is_number_word(n) && is_number_word(&n.to_uppercase())));
    }

    #[test]
    fn modifiers_of_at_most_two_words() {
        assert!(MODIFIERS.iter().all(|m| m.split(' ').count() <= MODIFIER_WORDS));
        check("Up to 180 days and ABOUT 40 tonnes, some 12 boats.", &[("Up to 180 days", 180.0, "days", Some("up to")), ("ABOUT 40 tonnes", 40.0, "tonnes", Some("about")), ("some 12 boats", 12.0, "boats", Some("some"))]);
    }

    #[test]
    fn no_panic_on_odd_text() {
        check("", &[]);
        check("5", &[]);
        check("$ 5 , , 1:2:3 ½", &[]);
        check("Exports fell 4.3% last year.", &[("4.3%", 4.3, "%", None)]);
    }
}
