//! Tokens for the entity recogniser: words (with internal hyphens, apostrophes and dotted
//! abbreviations such as "U.S."), possessive markers and single punctuation characters.
//! Offsets are byte offsets into the body, always on character boundaries.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    /// "'s" / "’s" after a word.
    Possessive,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// The word was followed by a lower-case hyphenated suffix ("Hague-based", "US-led").
    pub suffix_based: bool,
    /// A lower-case suffix was cut off the word ("Russian-made"), so the word ends a name.
    pub cut: bool,
}

/// Abbreviations whose period belongs to the word.
const ABBR: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt", "Gov", "Sen",
    "Rep", "Rev", "St", "Jr", "Sr", "Co", "Corp", "Inc", "Ltd", "Mt", "Ft",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The character at byte `p` of `s` (a char boundary) and its length in bytes; ASCII without
/// decoding.
fn char_at(s: &str, p: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(p)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = s.get(p..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Tokenises `body[from..to]`; `from` and `to` must be char boundaries (else nothing is returned).
pub fn tokenize(body: &str, from: usize, to: usize) -> Vec<Tok> {
    let Some(s) = body.get(from..to) else {
        return Vec::new();
    };
    let len = s.len();
    // Positions are byte offsets into `s`, on char boundaries; past the end every character
    // reads as a space, and the next position is one further.
    let ch = |p: usize| char_at(s, p).map_or(' ', |(c, _)| c);
    let next = |p: usize| p + char_at(s, p).map_or(1, |(_, n)| n);
    // About one token per four bytes of text: the vector seldom grows.
    let mut out = Vec::with_capacity(len / 4 + 1);
    let mut i = 0;
    while let Some((c, n)) = char_at(s, i) {
        if c.is_whitespace() {
            i += n;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok { start: from + i, end: from + i + n, kind: TokKind::Punct, suffix_based: false, cut: false });
            i += n;
            continue;
        }
        let mut j = i + n;
        let mut seg_start = i;
        let mut dotted = false;
        loop {
            let cj = ch(j);
            if j < len && cj.is_alphanumeric() {
                j = next(j);
                continue;
            }
            let after = next(j);
            if after < len && (cj == '-' || cj == '&' || is_apostrophe(cj)) && ch(after).is_alphanumeric() {
                if is_apostrophe(cj) && matches!(ch(after), 's' | 'S') && !ch(next(after)).is_alphanumeric() {
                    break;
                }
                seg_start = after;
                j = next(after);
                continue;
            }
            if j < len && cj == '.' {
                let one_char = next(seg_start) == j;
                if one_char && ch(after).is_alphabetic() && !ch(next(after)).is_alphanumeric() && ch(seg_start).is_alphabetic() {
                    // "U.S", "U.K" : dotted capitals.
                    dotted = true;
                    seg_start = after;
                    j = next(after);
                    continue;
                }
                let word = s.get(i..j).unwrap_or("");
                let initial = one_char && !dotted && c.is_uppercase();
                if dotted || initial || ABBR.contains(&word) {
                    j = after;
                }
            }
            break;
        }
        out.push(word_token(body, from + i, from + j));
        i = j;
        let after = next(j);
        if after < len && is_apostrophe(ch(j)) && matches!(ch(after), 's' | 'S') && !ch(next(after)).is_alphanumeric() {
            out.push(Tok { start: from + j, end: from + next(after), kind: TokKind::Possessive, suffix_based: false, cut: false });
            i = next(after);
        }
    }
    out
}

/// The word token at `start..end` of `body`: a hyphenated word keeps its capitalised part
/// ("pro-Russian" → "Russian", "Hague-based" → "Hague", marked as cut).
fn word_token(body: &str, mut start: usize, mut end: usize) -> Tok {
    let mut suffix_based = false;
    let mut cut = false;
    let word = &body[start..end];
    if word.contains('-') {
        let parts: Vec<&str> = word.split('-').collect();
        let upper = |p: &str| p.chars().next().is_some_and(char::is_uppercase);
        let lower = |p: &str| p.chars().all(|c| !c.is_uppercase());
        // "then-Vietnamese", "pro-Russian": keep the capitalised part.
        if parts.first().is_some_and(|p| lower(p)) {
            if let Some(k) = parts.iter().position(|p| upper(p)) {
                let skip: usize = parts[..k].iter().map(|p| p.len() + 1).sum();
                start += skip;
            }
        }
        // "Hague-based", "US-led", "Russian-made": keep the capitalised part.
        let word = &body[start..end];
        let parts: Vec<&str> = word.split('-').collect();
        if parts.len() > 1 && parts.first().is_some_and(|p| upper(p)) && parts.last().is_some_and(|p| lower(p)) && !romanised_given_name(&parts) {
            if let Some(k) = parts.iter().rposition(|p| upper(p)) {
                let keep: usize = parts[..=k].iter().map(|p| p.len()).sum::<usize>() + k;
                suffix_based = parts.last().is_some_and(|p| *p == "based");
                end = start + keep;
                cut = true;
            }
        }
    }
    Tok { start, end, kind: TokKind::Word, suffix_based, cut }
}

/// English words that follow a capitalised word and a hyphen ("Iraq-born", "Bush-era") and
/// neither end in "-ed" nor "-ing" ("Hague-based", "Kyiv-speaking").
const COMPOUND_HEADS: &[&str] = &["born", "bred", "bound", "built", "era", "free", "held", "like", "made", "only", "run", "style", "wide"];

/// "Jong-un", "Jae-in", "Kwok-kin": a given name romanised from Korean or Chinese, two
/// syllables joined by a hyphen with the second in lower case. Kept whole, unlike
/// "Hague-based" or "Iraq-born".
fn romanised_given_name(parts: &[&str]) -> bool {
    let &[first, second] = parts else { return false };
    let syllable = |p: &str| (1..=6).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic());
    syllable(first)
        && first.len() >= 2
        && first.bytes().skip(1).all(|b| b.is_ascii_lowercase())
        && syllable(second)
        && !second.ends_with("ed")
        && !second.ends_with("ing")
        && !COMPOUND_HEADS.contains(&second)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, 0, text.len()).iter().map(|t| &text[t.start..t.end]).collect()
    }

    /// The tokenizer as first written, over a table of characters: the reference for the one
    /// above, which reads the characters as it goes.
    fn reference(body: &str, from: usize, to: usize) -> Vec<Tok> {
        let Some(s) = body.get(from..to) else {
            return Vec::new();
        };
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let n = chars.len();
        let byte_at = |i: usize| if i < n { from + chars[i].0 } else { to };
        let ch = |i: usize| if i < n { chars[i].1 } else { ' ' };
        // About one token per four bytes of text: the vector seldom grows.
        let mut out = Vec::with_capacity(s.len() / 4 + 1);
        let mut i = 0;
        while i < n {
            let c = chars[i].1;
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if !c.is_alphanumeric() {
                out.push(Tok { start: byte_at(i), end: byte_at(i + 1), kind: TokKind::Punct, suffix_based: false, cut: false });
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut seg_start = i;
            let mut dotted = false;
            loop {
                let cj = ch(j);
                if j < n && cj.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                if j + 1 < n && (cj == '-' || cj == '&' || is_apostrophe(cj)) && ch(j + 1).is_alphanumeric() {
                    if is_apostrophe(cj) && matches!(ch(j + 1), 's' | 'S') && !ch(j + 2).is_alphanumeric() {
                        break;
                    }
                    j += 2;
                    seg_start = j - 1;
                    continue;
                }
                if j < n && cj == '.' {
                    let seg_len = j - seg_start;
                    if seg_len == 1 && ch(j + 1).is_alphabetic() && !ch(j + 2).is_alphanumeric() && ch(seg_start).is_alphabetic() {
                        // "U.S", "U.K" : dotted capitals.
                        dotted = true;
                        j += 2;
                        seg_start = j - 1;
                        continue;
                    }
                    let word = body.get(byte_at(i)..byte_at(j)).unwrap_or("");
                    let initial = seg_len == 1 && !dotted && ch(i).is_uppercase();
                    if dotted || initial || ABBR.contains(&word) {
                        j += 1;
                    }
                }
                break;
            }
            out.push(word_token(body, byte_at(i), byte_at(j)));
            i = j;
            if j + 1 < n && is_apostrophe(ch(j)) && matches!(ch(j + 1), 's' | 'S') && !ch(j + 2).is_alphanumeric() {
                out.push(Tok { start: byte_at(j), end: byte_at(j + 2), kind: TokKind::Possessive, suffix_based: false, cut: false });
                i = j + 2;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_match_the_char_table(s in "([A-Za-z0-9éÉ]{1,6}|[-.'&,;:()\"’“”«]|'s|’S| |\u{a0}|\n){0,40}") {
            proptest::prop_assert_eq!(tokenize(&s, 0, s.len()), reference(&s, 0, s.len()));
            let from = s.char_indices().nth(2).map_or(s.len(), |(b, _)| b);
            proptest::prop_assert_eq!(tokenize(&s, from, s.len()), reference(&s, from, s.len()));
        }
    }

    #[test]
    fn splits_words_and_marks() {
        assert_eq!(words("Vietnam’s U.S. ally, the then-Vietnamese Hague-based ICC."), [
            "Vietnam", "’s", "U.S.", "ally", ",", "the", "Vietnamese", "Hague", "ICC", "."
        ]);
        assert_eq!(words("Nitin A. Gokhale, Mr. Smith, Asia-Pacific, O'Brien"), [
            "Nitin", "A.", "Gokhale", ",", "Mr.", "Smith", ",", "Asia-Pacific", ",", "O'Brien"
        ]);
    }

    #[test]
    fn romanised_given_names_stay_whole() {
        assert_eq!(words("Kim Jong-un met Moon Jae-in and Wong Kwok-kin."), [
            "Kim", "Jong-un", "met", "Moon", "Jae-in", "and", "Wong", "Kwok-kin", "."
        ]);
        assert_eq!(words("An Iraq-born, Kyiv-speaking, Bush-era, Iran-backed, US-led man."), [
            "An", "Iraq", ",", "Kyiv", ",", "Bush", ",", "Iran", ",", "US", "man", "."
        ]);
    }
}
