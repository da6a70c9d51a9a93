//! A page's own dates: the lines around its headline (where it shows its date), and ambiguous
//! numeric dates (`03/09/2026`) read the way the page writes dates.
use crate::dates::{DayOrder, ambiguous_readings, parse_date, parse_date_in};
use crate::rules::{has_at_most_words, norm_key};
use jiff::civil::Date;

/// Reads a page's date strings, resolving `03/09/2026` by the page's other dates (the one
/// reading that another date on the page confirms), else by its locale.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DateReader {
    order: DayOrder,
    /// Unambiguous dates found elsewhere on the page.
    known: Vec<Date>,
}

impl DateReader {
    /// `locale` is the page's language tag (`en-US`); `others` are its other date strings.
    pub(crate) fn new<'a>(locale: Option<&str>, others: impl IntoIterator<Item = &'a str>) -> Self {
        let known = others.into_iter().filter(|s| ambiguous_readings(s).is_none()).filter_map(parse_date).collect();
        DateReader { order: day_order(locale), known }
    }

    /// The date in `s`.
    pub(crate) fn parse(&self, s: &str) -> Option<Date> {
        match ambiguous_readings(s) {
            Some(readings) => self.read_ambiguous(s, readings),
            None => parse_date(s),
        }
    }

    /// `s` with an ambiguous numeric date replaced by its reading as an ISO day; other
    /// strings unchanged (they keep their time and zone).
    pub(crate) fn normalise(&self, s: String) -> String {
        match ambiguous_readings(&s) {
            Some(readings) => self.read_ambiguous(&s, readings).map_or(s, |d| d.to_string()),
            None => s,
        }
    }

    /// The reading of an ambiguous `s` (day first, month first) that the page confirms, else
    /// its locale's.
    fn read_ambiguous(&self, s: &str, (day_first, month_first): (Date, Date)) -> Option<Date> {
        match (self.known.contains(&day_first), self.known.contains(&month_first)) {
            (true, false) => Some(day_first),
            (false, true) => Some(month_first),
            _ => parse_date_in(s, self.order),
        }
    }
}

/// Month first for American English (`en-US`, `en_US`); day first otherwise, also for English
/// without a region.
fn day_order(locale: Option<&str>) -> DayOrder {
    let locale = locale.unwrap_or("").trim().to_ascii_lowercase().replace('_', "-");
    if locale == "en-us" { DayOrder::MonthFirst } else { DayOrder::DayFirst }
}

/// Lines before and after the headline searched for the date shown with it.
const LINES_BEFORE_HEADLINE: usize = 3;
const LINES_AFTER_HEADLINE: usize = 40;

/// Longest line (in words) read as the headline's date line.
const MAX_SHOWN_DATE_WORDS: usize = 15;

/// A short line with a year near the headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeaderLine<'a> {
    pub text: &'a str,
    /// Lines from the headline's line (negative before it).
    pub offset: isize,
}

/// The short lines with a year around the line of `headline` in the page's visible text:
/// where pages show their date and byline.
pub(crate) fn header_lines<'a>(visible: &'a str, headline: &str) -> Vec<HeaderLine<'a>> {
    let key = norm_key(headline);
    if key.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = visible.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    // A line's key is at most 1.5 times its length (lower-casing grows `İ` from 2 bytes to 3):
    // shorter lines cannot hold the headline's.
    let Some(at) = lines.iter().position(|l| 2 * l.len() >= key.len() && norm_key(l).contains(&key)) else { return Vec::new() };
    let from = at.saturating_sub(LINES_BEFORE_HEADLINE);
    lines[from..lines.len().min(at + LINES_AFTER_HEADLINE)]
        .iter()
        .zip(from..)
        .filter(|(l, _)| has_at_most_words(l, MAX_SHOWN_DATE_WORDS) && has_year(l))
        .map(|(text, i)| HeaderLine { text, offset: i as isize - at as isize })
        .collect()
}

/// Whether a line holds a four-digit year.
pub(crate) fn has_year(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii_digit()).any(|n| n.len() == 4 && n.starts_with(['1', '2']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_dates_follow_the_page() {
        let check = |lang: Option<&str>, others: &[&str], input: &str, expected: &str| {
            let reader = DateReader::new(lang, others.iter().copied());
            assert_eq!(reader.parse(input).map(|d| d.to_string()).as_deref(), Some(expected), "{lang:?} {others:?} {input}");
        };
        check(Some("en-US"), &[], "3/4/2025", "2025-03-04");
        check(Some("en-GB"), &[], "3/4/2025", "2025-04-03");
        check(Some("de"), &[], "03.09.2026", "2026-09-03");
        // Another date on the page settles it, whatever the language.
        check(Some("en-US"), &["Published April 3, 2025"], "3/4/2025", "2025-04-03");
        check(Some("fr"), &["2026-03-09T10:00:00Z"], "03-09-2026", "2026-03-09");
        check(Some("fr"), &["04/03/2025"], "3/4/2025", "2025-04-03");
        check(Some("en_US"), &[], "3/4/2025", "2025-03-04");
        check(Some("en"), &[], "3/4/2025", "2025-04-03");
        check(None, &[], "26/03/2024", "2024-03-26");
    }

    #[test]
    fn normalised_strings() {
        let reader = DateReader::new(Some("en-US"), []);
        assert_eq!(reader.normalise("03-09-2026".into()), "2026-03-09");
        assert_eq!(reader.normalise("2026-03-09T10:00:00-05:00".into()), "2026-03-09T10:00:00-05:00");
    }

    #[test]
    fn lines_around_the_headline() {
        let check = |visible: &str, expected: &[&str]| {
            let texts: Vec<&str> = header_lines(visible, "Council approves the budget").iter().map(|h| h.text).collect();
            assert_eq!(texts, expected, "{visible}");
        };
        check("Home\nMarch 1, 2020\nCouncil approves the budget\nBy Ann Lee\nUpdated July 9, 2024\nThe council met.", &["March 1, 2020", "Updated July 9, 2024"]);
        check("Related: May 5, 2019\nx\ny\nz\nw\nCouncil Approves the Budget\nBy Ann Lee | July 9, 2024", &["By Ann Lee | July 9, 2024"]);
        let long = "The council met on July 9, 2024 for the third time this year, and voted on a very long list of things.";
        check(&format!("Council approves the budget\n{long}"), &[]);
        check("Other story\nJuly 9, 2024", &[]);
        let offsets: Vec<isize> = header_lines("May 1, 2020\nx\nCouncil approves the budget\nJuly 9, 2024", "Council approves the budget")
            .iter()
            .map(|h| h.offset)
            .collect();
        assert_eq!(offsets, [-2, 1]);
    }
}
