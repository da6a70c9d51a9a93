//! Sentence splitting that survives news abbreviations ("U.S.", "Gen.", "Jan.", initials)
//! and quotations. Unicode sentence boundaries (UAX #29, via `unicode-segmentation`)
//! propose the breaks; a break is undone when the text before it ends in an abbreviation
//! or an initial, or when the text after it starts in lower case. Line breaks always
//! end a sentence (headings and paragraphs are lines in a body).

use storyline_model::Span;
use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which a period does not end a sentence (lower-cased, no period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "gov", "sen", "rep", "rev", "hon", "pres", "supt", "st", "mt", "ft", "jr", "sr", "messrs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "no", "nos", "vs", "v", "etc", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "approx",
    "est", "fig", "al", "ave",
];

/// Splits `text` into sentence spans (trimmed, never empty).
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn split_line(text: &str, from: usize, to: usize, out: &mut Vec<Span>) {
    let line = &text[from..to];
    // Where the line's pieces start, then where the last one ends.
    let starts = fast::breaks(line).unwrap_or_else(|| {
        let mut starts: Vec<usize> = line.split_sentence_bound_indices().map(|(o, _)| o).collect();
        starts.extend((!line.is_empty()).then_some(line.len()));
        starts
    });
    let mut current: Option<Span> = None;
    for piece in starts.windows(2) {
        let piece_span = trim(text, Span::new(from + piece[0], from + piece[1]));
        if piece_span.is_empty() {
            continue;
        }
        current = match current {
            Some(prev) if !ends_sentence(prev.slice(text), piece_span.slice(text)) => {
                Some(Span::new(prev.start, piece_span.end))
            }
            Some(prev) => {
                out.push(prev);
                Some(piece_span)
            }
            None => Some(piece_span),
        };
    }
    out.extend(current);
}

/// Whether a break between `before` and `after` is a real sentence end.
fn ends_sentence(before: &str, after: &str) -> bool {
    let first = after.chars().next().unwrap_or(' ');
    if first.is_lowercase() || matches!(first, ',' | ';' | ':' | ')' | '%') {
        return false;
    }
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || "\"'”’»)".contains(c));
    let Some(stem) = trimmed.strip_suffix('.') else {
        return true;
    };
    let last_word = stem.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    if last_word.is_empty() {
        return true;
    }
    let lower = last_word.to_lowercase();
    let single_letter = last_word.chars().count() == 1 && last_word.chars().all(char::is_uppercase);
    // "U.S" , "J.R.R" : dotted initials.
    let dotted = last_word.contains('.') && last_word.split('.').all(|p| p.chars().count() <= 2);
    if dotted && !single_letter {
        // "U.S." ends a sentence only when a common sentence opener follows.
        return starts_with_sentence_opener(after);
    }
    !(single_letter || ABBREVIATIONS.contains(&lower.as_str()))
}

fn starts_with_sentence_opener(after: &str) -> bool {
    const OPENERS: &[&str] = &[
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those",
        "In", "On", "At", "But", "And", "However", "Its", "His", "Her", "Their", "There", "As",
    ];
    let word = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    OPENERS.contains(&word)
}

/// UAX #29 sentence boundaries of text in ASCII, Latin, Greek and Cyrillic letters and common
/// news punctuation (curly quotes, dashes, no-break space), as `unicode-segmentation` finds
/// them (its state machine, step for step) but with categories from a `match` instead of a
/// table search.
mod fast {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Cat {
        Any,
        Cr,
        Lf,
        Sp,
        Lower,
        Upper,
        Numeric,
        ATerm,
        STerm,
        Close,
        SContinue,
    }

    /// The last four parts of the text read (runs of Close and Sp collapsed).
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Part {
        Sot,
        Other,
        Cr,
        Lf,
        ATerm,
        UpperLower,
        ClosePlus,
        SpPlus,
        STerm,
    }

    const fn ascii_cat(b: u8) -> Cat {
        match b {
            b'\t' | 0x0b | 0x0c | b' ' => Cat::Sp,
            b'\n' => Cat::Lf,
            b'\r' => Cat::Cr,
            b'!' | b'?' => Cat::STerm,
            b'.' => Cat::ATerm,
            b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
            b',' | b'-' | b':' | b';' => Cat::SContinue,
            b'0'..=b'9' => Cat::Numeric,
            b'A'..=b'Z' => Cat::Upper,
            b'a'..=b'z' => Cat::Lower,
            _ => Cat::Any,
        }
    }

    const ASCII: [Cat; 128] = {
        let mut t = [Cat::Any; 128];
        let mut i = 0;
        while i < 128 {
            t[i] = ascii_cat(i as u8);
            i += 1;
        }
        t
    };

    /// The category of `c`; `None` outside the characters handled here.
    #[inline]
    fn cat(c: char) -> Option<Cat> {
        if c.is_ascii() {
            return ASCII.get(c as usize).copied();
        }
        Some(match c {
            '\u{a0}' => Cat::Sp,
            '«' | '»' | '\u{2018}'..='\u{201f}' => Cat::Close,
            '\u{2013}' | '\u{2014}' => Cat::SContinue,
            '\u{2026}' => Cat::Any,
            // Letters of the Latin, Greek and Cyrillic blocks, which hold no combining marks
            // (UAX #29 counts those as Extend, not as Lower or Upper): accented names.
            '\u{c0}'..='\u{24f}' | '\u{370}'..='\u{4ff}' | '\u{1e00}'..='\u{1eff}' if c.is_lowercase() => Cat::Lower,
            '\u{c0}'..='\u{24f}' | '\u{370}'..='\u{4ff}' | '\u{1e00}'..='\u{1eff}' if c.is_uppercase() => Cat::Upper,
            _ => return None,
        })
    }

    fn advance(p: [Part; 4], c: Cat) -> [Part; 4] {
        match (p[3], c) {
            (Part::ClosePlus, Cat::Close) | (Part::SpPlus, Cat::Sp) => p,
            _ => [p[1], p[2], p[3], match c {
                Cat::Cr => Part::Cr,
                Cat::Lf => Part::Lf,
                Cat::ATerm => Part::ATerm,
                Cat::Upper | Cat::Lower => Part::UpperLower,
                Cat::Close => Part::ClosePlus,
                Cat::Sp => Part::SpPlus,
                Cat::STerm => Part::STerm,
                _ => Part::Other,
            }],
        }
    }

    fn is_sa(p: Part) -> bool {
        p == Part::STerm || p == Part::ATerm
    }

    /// Index of the part before a trailing `Close* Sp*`.
    fn before_close_sp(p: &[Part; 4]) -> usize {
        let idx = if p[3] == Part::SpPlus { 2 } else { 3 };
        if p[idx] == Part::ClosePlus { idx - 1 } else { idx }
    }

    /// SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
    fn sb8(p: &[Part; 4], ahead: &str) -> bool {
        if p[before_close_sp(p)] != Part::ATerm {
            return false;
        }
        for c in ahead.chars() {
            match cat(c).unwrap_or(Cat::Any) {
                Cat::Lower => return true,
                Cat::Upper | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm => return false,
                _ => {}
            }
        }
        false
    }

    /// SB6–SB10: no break between the text read (`p`) and `c` (which starts `ahead`).
    fn held(p: &[Part; 4], c: Cat, ahead: &str) -> bool {
        (c == Cat::Numeric && p[3] == Part::ATerm)
            || (c == Cat::Upper && p[2] == Part::UpperLower && p[3] == Part::ATerm)
            || sb8(p, ahead)
            || (matches!(c, Cat::SContinue | Cat::STerm | Cat::ATerm) && is_sa(p[before_close_sp(p)]))
            || (matches!(c, Cat::Close | Cat::Sp | Cat::Cr | Cat::Lf) && is_sa(p[if p[3] == Part::ClosePlus { 2 } else { 3 }]))
            || (matches!(c, Cat::Sp | Cat::Cr | Cat::Lf) && is_sa(p[before_close_sp(p)]))
    }

    /// SB11: SATerm Close* Sp* ParaSep? ÷
    fn sb11(p: &[Part; 4]) -> bool {
        let mut idx = if matches!(p[3], Part::Cr | Part::Lf) { 2 } else { 3 };
        if p[idx] == Part::SpPlus {
            idx -= 1;
        }
        if p[idx] == Part::ClosePlus {
            idx -= 1;
        }
        is_sa(p[idx])
    }

    /// Start offsets of the sentences of `s`, then `s.len()` (nothing for empty `s`); `None`
    /// when `s` has a character not handled here.
    pub(super) fn breaks(s: &str) -> Option<Vec<usize>> {
        let mut out = Vec::new();
        let mut state = [Part::Sot; 4];
        let bytes = s.as_bytes();
        let mut pos = 0;
        while let Some(&b) = bytes.get(pos) {
            // ASCII without decoding.
            let (c, len) = match b {
                0..0x80 => (ASCII[usize::from(b)], 1),
                _ => {
                    let ch = s.get(pos..)?.chars().next()?;
                    (cat(ch)?, ch.len_utf8())
                }
            };
            let p = state;
            state = advance(state, c);
            // After a letter or another character that is no terminator, space or close, no rule
            // below breaks.
            if !matches!(p[3], Part::Other | Part::UpperLower) {
                // SB1, SB3, SB4, then SB11 unless SB6–SB10 hold the text together (SB11, cheaper
                // and seldom true, first).
                let brk = p[3] == Part::Sot
                    || (!(c == Cat::Lf && p[3] == Part::Cr) && (matches!(p[3], Part::Cr | Part::Lf) || (sb11(&p) && !held(&p, c, s.get(pos..).unwrap_or("")))));
                if brk {
                    out.push(pos);
                }
            }
            pos += len;
            if b.is_ascii_alphanumeric() {
                // The rest of a run of ASCII letters and digits: each follows a letter or digit, so
                // none breaks, and they are parts of their own (no run collapses), so only the
                // last four stay in the state.
                let run = bytes.get(pos..).unwrap_or_default().iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                let last = bytes.get(pos + run.saturating_sub(4)..pos + run).unwrap_or_default();
                if let &[a, b, c, d] = last {
                    // Four letters or digits replace the whole state: a letter is the part
                    // `UpperLower`, a digit (`Numeric`) the part `Other`.
                    state = [a, b, c, d].map(|x| if x.is_ascii_digit() { Part::Other } else { Part::UpperLower });
                } else {
                    for &b in last {
                        state = advance(state, ASCII[usize::from(b)]);
                    }
                }
                pos += run;
            }
        }
        if !s.is_empty() {
            out.push(s.len());
        }
        Some(out)
    }
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::split;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn crate_breaks(s: &str) -> Vec<usize> {
        let mut v: Vec<usize> = s.split_sentence_bound_indices().map(|(o, _)| o).collect();
        if !s.is_empty() {
            v.push(s.len());
        }
        v
    }

    #[test]
    fn fast_breaks_match_unicode_segmentation() {
        for s in ["", "a", "Hi. There", "U.S. Army", "etc. and", "3.5 m", "He said: \"Go.\" Then", "Stop!? No.. (Yes.)  Next\r\nLine", "a.b.c. D", "x . ; y", "A.\n", "end.)\"  [Next]"] {
            assert_eq!(super::fast::breaks(s), Some(crate_breaks(s)), "{s:?}");
        }
        assert_eq!(super::fast::breaks("Tô Lâm. Née à Đà Nẵng. Путин. Αθήνα."), Some(crate_breaks("Tô Lâm. Née à Đà Nẵng. Путин. Αθήνα.")));
        assert_eq!(super::fast::breaks("Tô Lâm 中文."), None);
    }

    /// Every letter the fast path reads outside ASCII, where its category decides: before and
    /// after a period, at the start of what follows one.
    #[test]
    fn fast_breaks_match_unicode_segmentation_on_every_letter_handled() {
        let ranges = ['\u{80}'..='\u{4ff}', '\u{1e00}'..='\u{1eff}', '\u{2000}'..='\u{206f}'];
        for c in ranges.into_iter().flatten() {
            for s in [format!("x. {c}b. C"), format!("{c}. {c}"), format!("A.{c}. D"), format!("U.S. {c}x"), format!("a{c}. b")] {
                if let Some(breaks) = super::fast::breaks(&s) {
                    assert_eq!(breaks, crate_breaks(&s), "{s:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn fast_breaks_match_unicode_segmentation_on_any_text(s in "[aZ5 .!?\"'()\\[\\]{},;:#\\-\t\x0b\r\n’‘“”«»—–…\u{a0}]{0,24}") {
            prop_assert_eq!(super::fast::breaks(&s), Some(crate_breaks(&s)));
        }

        /// Runs of letters and digits (of which only the last four ASCII ones advance the state)
        /// between punctuation.
        #[test]
        fn fast_breaks_match_unicode_segmentation_on_words(s in "([aZ5éÉßǅƻДж\u{345}]{0,7}[ .!?\"')(,;:\\-\r\n’”\u{a0}]{1,3}){0,8}") {
            // Titlecase, other letters and combining marks are left to the crate.
            match super::fast::breaks(&s) {
                Some(breaks) => prop_assert_eq!(breaks, crate_breaks(&s)),
                None => prop_assert!(s.contains(['ǅ', 'ƻ', '\u{345}']), "{:?}", s),
            }
        }
    }

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<&str> = split(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn plain_sentences() {
        check("Putin arrived. He was met by Ha.", &["Putin arrived.", "He was met by Ha."]);
    }

    #[test]
    fn abbreviations_and_initials() {
        check("Gen. Smith met Mr. Jones on Jan. 5 in the U.S. capital.", &["Gen. Smith met Mr. Jones on Jan. 5 in the U.S. capital."]);
        check("Nitin A. Gokhale wrote it.", &["Nitin A. Gokhale wrote it."]);
        check("He flew to the U.S. The talks began.", &["He flew to the U.S.", "The talks began."]);
    }

    #[test]
    fn quotations_stay_whole() {
        check("\"We will come,\" he said. Then he left.", &["\"We will come,\" he said.", "Then he left."]);
        check("He said: \"It works.\" Then he left.", &["He said: \"It works.\"", "Then he left."]);
    }

    #[test]
    fn lines_are_boundaries() {
        check("A heading\nThe first paragraph.\n\nThe second.", &["A heading", "The first paragraph.", "The second."]);
    }

    #[test]
    fn empty_and_whitespace() {
        check("", &[]);
        check("  \n\n ", &[]);
    }
}
