//! Calendar dates from the many ways publishers write them.
//!
//! Handles ISO 8601 / RFC 3339 (`2024-03-26T10:00:00+07:00`), RFC 2822
//! (`Tue, 26 Mar 2024 10:00:00 +0000`), `2024/03/26`, `26/03/2024`, `26.03.2024`,
//! `March 26, 2024`, `Mar. 26, 2024`, `26 March 2024`, `Thursday, 20th June, 2024`, `2023 Jan 7`,
//! month names of six other European languages (`4 de agosto de 2021`, `5. März 2024`)
//! and Unix timestamps (seconds or milliseconds).
use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Month number (1-12) of a month name or its common abbreviation ("Mar", "Sept.").
pub(crate) fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().zip(1i8..).find_map(|(name, n)| {
        let abbrev_ok = w.len() <= 4 && name.starts_with(w.as_str());
        (w == *name || abbrev_ok).then_some(n)
    })
}

/// [`month_number`], or a month name or abbreviation of another language publishers write
/// dates in (Spanish, Portuguese, French, German, Italian, Dutch), matched whole: for reading
/// dates only (names such as "Mai" stay names elsewhere). Abbreviations that are English words
/// ("set", "out") are left out.
fn month_number_any_language(word: &str) -> Option<i8> {
    month_number(word).or_else(|| {
        let w = word.trim_end_matches('.');
        if !(3..=12).contains(&w.len()) {
            return None;
        }
        match w.to_lowercase().as_str() {
            "enero" | "ene" | "janeiro" | "janvier" | "janv" | "januar" | "jänner" | "gennaio" | "gen" | "januari" => Some(1),
            "febrero" | "fevereiro" | "fev" | "février" | "févr" | "fevrier" | "februar" | "febbraio" | "februari" => Some(2),
            "marzo" | "março" | "marco" | "mars" | "märz" | "maerz" | "mär" | "maart" | "mrt" => Some(3),
            "abril" | "abr" | "avril" | "avr" | "aprile" => Some(4),
            "mayo" | "maio" | "mai" | "maggio" | "mag" | "mei" => Some(5),
            "junio" | "junho" | "juin" | "juni" | "giugno" | "giu" => Some(6),
            "julio" | "julho" | "juillet" | "juil" | "juli" | "luglio" | "lug" => Some(7),
            "agosto" | "ago" | "août" | "aout" | "augustus" => Some(8),
            "septiembre" | "setiembre" | "setembro" | "septembre" | "settembre" => Some(9),
            "octubre" | "outubro" | "octobre" | "oktober" | "okt" | "ottobre" | "ott" => Some(10),
            "noviembre" | "novembro" | "novembre" => Some(11),
            "diciembre" | "dic" | "dezembro" | "dez" | "décembre" | "déc" | "decembre" | "dezember" | "dicembre" => Some(12),
            _ => None,
        }
    })
}

/// Whether `word` is a weekday name or abbreviation ("Tue", "Thursday").
pub(crate) fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    w.len() >= 3 && WEEKDAYS.iter().any(|d| *d == w || (w.len() <= 4 && d.starts_with(w.as_str())))
}

/// Which number comes first in a numeric date whose first two numbers could both be months
/// (`03/09/2026`): the day in most of the world, the month in the United States.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum DayOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// Parses the first calendar date found in `s`; `03/09/2026` is read day first.
pub fn parse_date(s: &str) -> Option<Date> {
    parse_date_in(s, DayOrder::DayFirst)
}

/// Parses the first calendar date found in `s`, reading ambiguous numeric dates in `order`.
pub(crate) fn parse_date_in(s: &str, order: DayOrder) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    unix_timestamp(s).or_else(|| numeric_date(s, order)).or_else(|| named_month_date(s))
}

/// Both readings (day first, month first) of `s` when they are different valid dates.
pub(crate) fn ambiguous_readings(s: &str) -> Option<(Date, Date)> {
    let day_first = parse_date_in(s, DayOrder::DayFirst)?;
    let month_first = parse_date_in(s, DayOrder::MonthFirst)?;
    (day_first != month_first).then_some((day_first, month_first))
}

/// An ISO 8601 timestamp for a date string: RFC 3339 and ISO forms keep their time and
/// zone (`2024-06-20T08:15:00+02:00`; `Z` and offsets as given, a zoneless time as given);
/// other formats become the day (`2024-06-20`).
pub(crate) fn iso_timestamp(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        // Keep the stated offset: re-render only when the text is not already canonical.
        let has_t = s.as_bytes().get(10).is_some_and(|b| *b == b'T' || *b == b' ');
        return Some(if has_t && s.len() <= 40 { s.replacen(' ', "T", 1) } else { ts.to_string() });
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        if s.len() > 10 {
            return Some(dt.to_string());
        }
    }
    parse_date(s).map(|d| d.to_string())
}

/// `1711411200` (seconds) or `1711411200000` (milliseconds), read in UTC.
fn unix_timestamp(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) || !(s.len() == 10 || s.len() == 13) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let secs = if s.len() == 13 { n / 1000 } else { n };
    let ts = jiff::Timestamp::from_second(secs).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

fn make_date(y: i64, m: i64, d: i64) -> Option<Date> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// Three digit groups joined by one separator (`-`, `/` or `.`): `2024-03-26`, `26/03/2024`.
fn numeric_date(s: &str, order: DayOrder) -> Option<Date> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        if let Some(date) = numeric_date_at(&chars, i, order) {
            return Some(date);
        }
        i += 1;
    }
    None
}

fn digits_at(chars: &[char], start: usize) -> (String, usize) {
    let run: String = chars.iter().skip(start).take_while(|c| c.is_ascii_digit()).collect();
    let end = start + run.len();
    (run, end)
}

fn numeric_date_at(chars: &[char], start: usize, order: DayOrder) -> Option<Date> {
    let (a, end_a) = digits_at(chars, start);
    let sep = *chars.get(end_a)?;
    if !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    let (b, end_b) = digits_at(chars, end_a + 1);
    if b.is_empty() || chars.get(end_b) != Some(&sep) {
        return None;
    }
    let (c, end_c) = digits_at(chars, end_b + 1);
    if c.is_empty() || chars.get(end_c).is_some_and(|ch| ch.is_ascii_digit()) {
        return None;
    }
    let (na, nb, nc): (i64, i64, i64) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    match (a.len(), c.len()) {
        (4, 1..=2) if b.len() <= 2 => make_date(na, nb, nc),
        // In `order` unless that cannot be (`26/03/2024`, `03/26/2024`).
        (1..=2, 4) if b.len() <= 2 => match order {
            DayOrder::DayFirst => make_date(nc, nb, na).or_else(|| make_date(nc, na, nb)),
            DayOrder::MonthFirst => make_date(nc, na, nb).or_else(|| make_date(nc, nb, na)),
        },
        _ => None,
    }
}

/// A token of a date-like string: a word or a number with an optional ordinal suffix.
#[derive(Debug, Clone)]
enum Tok {
    Word(String),
    Num(i64, usize),
}

fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    for raw in s.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        let digits: String = raw.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            out.push(Tok::Word(raw.to_string()));
            continue;
        }
        let suffix = &raw[digits.len()..];
        let ordinal = matches!(suffix.to_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th" | "er");
        match digits.parse::<i64>() {
            Ok(n) if ordinal => out.push(Tok::Num(n, digits.len())),
            _ => out.push(Tok::Word(raw.to_string())),
        }
    }
    out
}

/// Words joining a day, month and year: "20th of June", "4 de agosto de 2021".
const DATE_JOINERS: &[&str] = &["of", "de", "del", "di"];

/// `March 26, 2024`, `26 March 2024`, `Thursday, 20th June, 2024`, `4 de agosto de 2021`,
/// RFC 2822.
fn named_month_date(s: &str) -> Option<Date> {
    let joiner = |t: &Tok| matches!(t, Tok::Word(w) if DATE_JOINERS.iter().any(|j| w.eq_ignore_ascii_case(j)));
    let toks: Vec<Tok> = tokens(s).into_iter().filter(|t| !joiner(t)).collect();
    for (i, tok) in toks.iter().enumerate() {
        let Tok::Word(w) = tok else { continue };
        let Some(month) = month_number_any_language(w) else { continue };
        let day_of = |t: Option<&Tok>| match t {
            Some(Tok::Num(n, len)) if *len <= 2 && (1..=31).contains(n) => Some(*n),
            _ => None,
        };
        let year_of = |t: Option<&Tok>| match t {
            Some(Tok::Num(n, 4)) => Some(*n),
            _ => None,
        };
        let after = day_of(toks.get(i + 1));
        let before = if i > 0 { day_of(toks.get(i - 1)) } else { None };
        let (day, year) = if let Some(d) = after {
            // "March 26, 2024", else year first as PubMed writes it: "2023 Jan 7".
            let year_first = if i > 0 { year_of(toks.get(i - 1)) } else { None };
            (Some(d), year_of(toks.get(i + 2)).or(year_first))
        } else {
            (before, year_of(toks.get(i + 1)))
        };
        if let (Some(d), Some(y)) = (day, year) {
            if let Some(date) = make_date(y, i64::from(month), d) {
                return Some(date);
            }
        }
    }
    None
}

/// Words that may surround a date on a line that holds nothing else.
const DATE_FILLER: &[&str] = &[
    "published", "updated", "posted", "last", "date", "on", "at", "am", "pm", "a", "p", "m", "gmt", "utc",
    "ist", "et", "est", "edt", "pt", "pst", "pdt", "cet", "cest", "bst", "ict", "sgt", "hkt", "jst", "kst",
    "wib", "myt", "pht", "aest", "msk", "time", "t", "z", "modified", "first", "created", "of", "the", "cst",
    "cdt", "mst", "mdt", "hst", "akst", "eet", "eest", "wet", "aedt", "original",
];

/// Most whitespace-separated words of a date-only line.
pub(crate) const DATE_LINE_MAX_WORDS: usize = 12;
/// Most whitespace-separated words of a labelled timestamp.
pub(crate) const TIMESTAMP_MAX_WORDS: usize = 16;

/// Whether `s` holds a date and nothing but date words ("Published: Tue, 26 March 2024, 10:35 am").
pub(crate) fn is_date_only(s: &str) -> bool {
    if s.split_whitespace().nth(DATE_LINE_MAX_WORDS).is_some() || parse_date(s).is_none() {
        return false;
    }
    tokens(s).iter().all(|t| match t {
        Tok::Num(..) => true,
        Tok::Word(w) => {
            let lw = w.to_lowercase();
            month_number(w).is_some()
                || is_weekday(w)
                || DATE_FILLER.contains(&lw.as_str())
                || lw.chars().all(|c| c.is_ascii_digit() || "tz".contains(c))
        }
    })
}

/// A labelled timestamp, also without a year or with two dates ("Updated Nov 19, 9:41 AM;Posted
/// Nov 18, 8:19 PM", "Updated at 1:23 p.m."): a label word, then only date and time words.
pub(crate) fn is_label_timestamp(s: &str) -> bool {
    const LABELS: &[&str] = &["updated", "posted", "published", "modified", "last"];
    if s.split_whitespace().nth(TIMESTAMP_MAX_WORDS).is_some() {
        return false;
    }
    let toks = tokens(s);
    let first_is_label = matches!(toks.first(), Some(Tok::Word(w)) if LABELS.contains(&w.to_lowercase().as_str()));
    first_is_label
        && toks.iter().any(|t| matches!(t, Tok::Num(..)))
        && toks.iter().all(|t| match t {
            Tok::Num(..) => true,
            Tok::Word(w) => {
                let lw = w.to_lowercase();
                month_number(w).is_some() || is_weekday(w) || DATE_FILLER.contains(&lw.as_str())
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let got = parse_date(input).map(|d| d.to_string());
        assert_eq!(got.as_deref(), expected, "input: {input:?}");
    }

    #[test]
    fn formats() {
        check("2024-03-26", Some("2024-03-26"));
        check("2024-03-26T23:10:00+07:00", Some("2024-03-26"));
        check("2024-03-26 10:00:00", Some("2024-03-26"));
        check("Tue, 26 Mar 2024 10:00:00 +0000", Some("2024-03-26"));
        check("March 26, 2024", Some("2024-03-26"));
        check("Mar. 26, 2024", Some("2024-03-26"));
        check("26 March 2024", Some("2024-03-26"));
        check("Thursday, 20th June, 2024", Some("2024-06-20"));
        check("2023 Jan 7", Some("2023-01-07"));
        check("4 de agosto de 2021", Some("2021-08-04"));
        check("04-ago-2021", Some("2021-08-04"));
        check("1er mars 2024", Some("2024-03-01"));
        check("5. März 2024", Some("2024-03-05"));
        check("12 dicembre 2025", Some("2025-12-12"));
        check("Publicado el 3 de septiembre del 2024", Some("2024-09-03"));
        check("2023 Jan 7; 15(2): 101-9", Some("2023-01-07"));
        check("20th of June 2024", Some("2024-06-20"));
        check("2024/03/26", Some("2024-03-26"));
        check("26/03/2024", Some("2024-03-26"));
        check("03/26/2024", Some("2024-03-26"));
        check("26.03.2024", Some("2024-03-26"));
        check("1711411200", Some("2024-03-26"));
        check("June 2024", None);
        check("2024-02-30", None);
        check("", None);
        check("no date here", None);
    }

    #[test]
    fn day_order() {
        let check = |input: &str, order: DayOrder, expected: Option<&str>| {
            assert_eq!(parse_date_in(input, order).map(|d| d.to_string()).as_deref(), expected, "{input:?} {order:?}");
        };
        check("03/09/2026", DayOrder::DayFirst, Some("2026-09-03"));
        check("03/09/2026", DayOrder::MonthFirst, Some("2026-03-09"));
        check("26/03/2024", DayOrder::MonthFirst, Some("2024-03-26"));
        check("03/26/2024", DayOrder::DayFirst, Some("2024-03-26"));
        check("2024-03-09", DayOrder::MonthFirst, Some("2024-03-09"));
        assert!(ambiguous_readings("Published 03-09-2026").is_some());
        assert_eq!(ambiguous_readings("26/03/2024"), None);
        assert_eq!(ambiguous_readings("03/03/2024"), None);
        assert_eq!(ambiguous_readings("March 9, 2026"), None);
    }

    #[test]
    fn date_only_lines() {
        assert!(is_date_only("Published: Tue, 26 March 2024, 10:35 am"));
        assert!(is_date_only("March 26, 2024"));
        assert!(!is_date_only("Putin visited on March 26, 2024 with aides"));
    }
}
