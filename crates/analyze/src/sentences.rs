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
    let mut current: Option<Span> = None;
    for (offset, piece) in line.split_sentence_bound_indices() {
        let piece_span = trim(text, Span::new(from + offset, from + offset + piece.len()));
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

fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::split;

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
