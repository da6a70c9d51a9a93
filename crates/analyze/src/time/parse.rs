//! Recognition of time expressions over the tokens of one sentence. Produces
//! unresolved meanings ([`Sem`]); anchoring happens in the parent module.

use super::lex::{K, Tok};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// Direction from the tense of the clause.
    Tense,
    Last,
    This,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sem {
    /// A calendar day with a known month; the year may be missing; a stated weekday may come with it.
    Day { y: Option<i64>, m: i64, d: i64, wd: Option<i64> },
    /// "the 20th": a day of a month named elsewhere.
    Ordinal { d: i64 },
    MonthYear { y: i64, m: i64 },
    Month { m: i64, dir: Dir },
    Year(i64),
    /// "the 1990s": the decade's first three digits.
    Decade(i64),
    /// "the 20th century": the century's first two digits (19).
    Century(i64),
    /// A holiday on the `n`th weekday `wd` of month `m` ("Thanksgiving": the fourth Thursday of November).
    NthWeekday { m: i64, n: i64, wd: i64 },
    /// A season, quarter or half of a year: `code` is SP/SU/FA/WI, Q1–Q4, H1/H2; `start` its
    /// first month (anchored like a month when the year is not stated).
    Part { y: Option<i64>, code: &'static str, start: i64, dir: Dir },
    Weekday { wd: i64, dir: Dir },
    /// today (0), yesterday (-1), tomorrow (1).
    Deictic(i64),
    Rel { unit: Unit, offset: i64 },
    Ago { n: Option<i64>, unit: Unit },
    /// "that day" (0), "the next day" (1), "the day before" (-1): days after the date last named.
    ThatDay(i64),
    /// A day with a part of it: TMO, TAF, TEV, TNI.
    WithPart(Box<Sem>, &'static str),
    Time { h: i64, min: i64, date: Option<Box<Sem>> },
    Range(Box<Sem>, Box<Sem>),
    Duration(String),
    Set(String),
    /// "now", "recently", "the future": PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// "the quarter", "the latest quarter", "this quarter": the quarter last named, else
    /// the anchor's (`this`) or the last reported one; `years_back` years before ("the
    /// year-ago quarter"). `named_only`: nothing without one named before ("the latest period").
    QuarterRef { this: bool, named_only: bool, years_back: i64 },
    /// "the weekend": the nearest one in the tense's direction.
    Weekend,
    /// A season, quarter or half of the anchor's year `offset` years away ("last year's
    /// third quarter", "the year-ago third quarter").
    RelPart { offset: i64, code: &'static str },
    /// "the 1988 period", "the 1989 quarter": the quarter last named in that year, else the year.
    YearPeriod(i64),
}

impl Sem {
    /// Whether the meaning denotes (or can denote) a single calendar day.
    fn is_day_like(&self) -> bool {
        matches!(
            self,
            Sem::Day { .. } | Sem::Ordinal { .. } | Sem::Weekday { .. } | Sem::Deictic(_) | Sem::ThatDay(_)
        )
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// Token range [start, end).
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
}

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
];
const MONTH_ABBR: [(&str, i64); 12] = [
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
    ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
];
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Whether `word` (any case, an abbreviation's period allowed) names a month or a weekday.
pub fn is_calendar_word(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    MONTHS.iter().chain(&WEEKDAYS).chain(MONTH_ABBR.iter().map(|(a, _)| a)).any(|name| name.eq_ignore_ascii_case(word))
}

/// Words after which a bare month name is a date ("in October", "since May").
const MONTH_PREPS: &[&str] = &[
    "in", "since", "by", "until", "till", "through", "during", "early", "late", "mid", "from", "before",
    "after", "between", "of", "and", "or", "to",
];
/// Words after which a bare four-digit number is a year.
const YEAR_PREPS: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "of", "before", "after", "during", "through", "early",
    "late", "mid", "between", "circa",
];
/// Words that follow a number counting things, never a year.
const COUNT_NOUNS: &[&str] = &[
    "people", "persons", "person", "troops", "soldiers", "cases", "units", "men", "women", "children",
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "tonnes", "tons", "dollars", "euros",
    "yuan", "dong", "rubles", "roubles", "votes", "homes", "houses", "deaths", "jobs", "workers",
    "students", "residents", "civilians", "refugees", "vehicles", "cars", "flights", "passengers",
    "delegates", "members", "employees", "companies", "firms", "percent", "per", "times", "hectares",
    "mw", "gw", "kg", "barrels", "shares", "points", "pages", "words", "items", "officers", "police",
];
/// Words that may follow a date-like ordinal or an article-counted duration.
const FOLLOW_OK: &[&str] = &[
    "for", "to", "and", "or", "at", "in", "on", "when", "as", "but", "after", "before", "with", "until",
    "till", "through", "by", "from", "he", "she", "they", "it", "we", "i", "the", "a", "an", "was",
    "were", "is", "are", "will", "had", "has", "have", "there", "this", "that", "while", "during",
    "ago", "later", "earlier", "of", "so", "because", "since", "then", "last", "next", "into",
    "more", "less", "longer", "away", "now", "said", "says",
];
const TIME_PREFIX: &[&str] = &["at", "around", "about", "approximately", "roughly", "by", "until", "before", "after"];

pub(crate) struct Parser<'t, 'a> {
    pub toks: &'t [Tok<'a>],
    pub lo: usize,
    pub hi: usize,
}

fn word_number(w: &str) -> Option<i64> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

impl<'a> Parser<'_, 'a> {
    fn t(&self, i: usize) -> Option<&Tok<'a>> {
        if i >= self.lo && i < self.hi { self.toks.get(i) } else { None }
    }
    fn w(&self, i: usize) -> Option<&str> {
        self.t(i).filter(|t| t.kind == K::Word).map(|t| t.lower.as_ref())
    }
    fn is_w(&self, i: usize, s: &str) -> bool {
        self.w(i) == Some(s)
    }
    fn w_in(&self, i: usize, list: &[&str]) -> bool {
        self.w(i).is_some_and(|w| list.contains(&w))
    }
    fn is_p(&self, i: usize, c: &str) -> bool {
        self.t(i).is_some_and(|t| t.kind == K::Punct && t.text == c)
    }
    fn is_dash(&self, i: usize) -> bool {
        self.is_p(i, "-") || self.is_p(i, "–") || self.is_p(i, "—")
    }
    fn is_apos(&self, i: usize) -> bool {
        self.is_p(i, "'") || self.is_p(i, "’")
    }
    fn adj(&self, i: usize, j: usize) -> bool {
        match (self.t(i), self.t(j)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }
    fn prev_w(&self, i: usize) -> Option<&str> {
        if i == 0 { None } else { self.w(i - 1) }
    }
    fn cap(&self, i: usize) -> bool {
        self.t(i).is_some_and(Tok::capitalized)
    }
    fn num(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.t(i).filter(|t| t.kind == K::Num)?;
        Some((t.num?, t.digits))
    }
    /// A number glued to other digits by punctuation ("1,000", "4.3", "2025-26", "14:00").
    fn glued(&self, i: usize) -> bool {
        self.glued_by(i, true)
    }
    fn glued_by(&self, i: usize, dash: bool) -> bool {
        let next_glued = (self.is_p(i + 1, ",") || self.is_p(i + 1, ".") || (dash && self.is_dash(i + 1)) || self.is_p(i + 1, ":") || self.is_p(i + 1, "/"))
            && self.adj(i, i + 1)
            && self.adj(i + 1, i + 2)
            && self.t(i + 2).is_some_and(|t| t.kind == K::Num);
        let prev_glued = i > 0
            && (self.is_p(i - 1, ",") || self.is_p(i - 1, ".") || self.is_p(i - 1, ":") || self.is_p(i - 1, "/") || self.is_p(i - 1, "$") || self.is_p(i - 1, "£") || self.is_p(i - 1, "€"))
            && self.adj(i - 1, i);
        next_glued || prev_glued
    }
    fn year4(&self, i: usize) -> Option<i64> {
        let (y, digits) = self.num(i)?;
        (digits == 4 && (1000..=2999).contains(&y) && !self.glued(i)).then_some(y)
    }
    /// A day of the month: "20", "20th".
    fn day_num(&self, i: usize) -> Option<i64> {
        let t = self.t(i)?;
        let ok = match t.kind {
            K::Ord => true,
            K::Num => t.digits <= 2 && !self.glued_by(i, false),
            _ => false,
        };
        let d = t.num?;
        (ok && (1..=31).contains(&d)).then_some(d)
    }
    fn month(&self, i: usize) -> Option<(usize, i64, bool)> {
        let w = self.w(i)?;
        if !self.cap(i) {
            return None;
        }
        if let Some(k) = MONTHS.iter().position(|m| *m == w) {
            return Some((i + 1, k as i64 + 1, true));
        }
        let (_, m) = MONTH_ABBR.iter().find(|(a, _)| *a == w)?;
        let end = if self.is_p(i + 1, ".") && self.adj(i, i + 1) { i + 2 } else { i + 1 };
        Some((end, *m, false))
    }
    fn weekday(&self, i: usize) -> Option<i64> {
        let w = self.w(i)?;
        if !self.cap(i) {
            return None;
        }
        WEEKDAYS.iter().position(|d| *d == w).map(|k| k as i64 + 1)
    }
    fn part_of_day(&self, i: usize) -> Option<&'static str> {
        match self.w(i)? {
            "morning" => Some("TMO"),
            "afternoon" => Some("TAF"),
            "evening" => Some("TEV"),
            "night" => Some("TNI"),
            _ => None,
        }
    }
    /// Optional ", 2024" / " 2024" after a day.
    fn opt_year(&self, k: usize) -> (usize, Option<i64>) {
        if self.is_p(k, ",") {
            if let Some(y) = self.year4(k + 1) {
                return (k + 2, Some(y));
            }
        }
        match self.year4(k) {
            Some(y) => (k + 1, Some(y)),
            None => (k, None),
        }
    }

    fn valid(y: Option<i64>, m: i64, d: i64) -> bool {
        let max = match y {
            Some(y) => super::cal::days_in_month(y, m),
            None => super::cal::days_in_month(2000, m),
        };
        d >= 1 && d <= max
    }

    /// Explicit calendar dates: ISO, month-first, day-first, month and year.
    fn explicit_date(&self, i: usize) -> Option<(usize, Sem)> {
        // 2024-06-20
        if let Some((y, 4)) = self.num(i) {
            let iso = self.is_p(i + 1, "-")
                && self.is_p(i + 3, "-")
                && (i..i + 4).all(|k| self.adj(k, k + 1))
                && self.num(i + 2).is_some_and(|(_, d)| d == 2)
                && self.num(i + 4).is_some_and(|(_, d)| d == 2);
            if iso {
                let m = self.num(i + 2).map_or(0, |x| x.0);
                let d = self.num(i + 4).map_or(0, |x| x.0);
                if (1..=12).contains(&m) && Self::valid(Some(y), m, d) {
                    return Some((i + 5, Sem::Day { y: Some(y), m, d, wd: None }));
                }
            }
            return None;
        }
        if let Some((j, m, _)) = self.month(i) {
            if let Some(d) = self.day_num(j) {
                let k = j + 1;
                if self.is_dash(k) {
                    if let Some(d2) = self.day_num(k + 1).filter(|&d2| d2 > d) {
                        let (k2, y) = self.opt_year(k + 2);
                        if Self::valid(y, m, d2) {
                            return Some((
                                k2,
                                Sem::Range(Box::new(Sem::Day { y, m, d, wd: None }), Box::new(Sem::Day { y, m, d: d2, wd: None })),
                            ));
                        }
                    }
                }
                if self.is_p(k, ":") {
                    return None;
                }
                let (k2, y) = self.opt_year(k);
                if Self::valid(y, m, d) {
                    return Some((k2, Sem::Day { y, m, d, wd: None }));
                }
                return None;
            }
            let j2 = if self.is_w(j, "of") { j + 1 } else { j };
            if let Some((e, y)) = self.year_at(j2) {
                return Some((e, Sem::MonthYear { y, m }));
            }
            return None;
        }
        let j = if self.is_w(i, "the") { i + 1 } else { i };
        let d = self.day_num(j)?;
        let mut k = j + 1;
        let mut d2 = None;
        if self.is_dash(k) {
            if let Some(x) = self.day_num(k + 1).filter(|&x| x > d) {
                d2 = Some(x);
                k += 2;
            }
        }
        if self.is_w(k, "of") {
            k += 1;
        }
        let (k2, m, _) = self.month(k)?;
        let (k3, y) = self.opt_year(k2);
        match d2 {
            Some(d2) if Self::valid(y, m, d2) => Some((
                k3,
                Sem::Range(Box::new(Sem::Day { y, m, d, wd: None }), Box::new(Sem::Day { y, m, d: d2, wd: None })),
            )),
            None if Self::valid(y, m, d) => Some((k3, Sem::Day { y, m, d, wd: None })),
            _ => None,
        }
    }

    fn weekday_led(&self, i: usize) -> Option<(usize, Sem)> {
        let wd = self.weekday(i)?;
        let j = if self.is_p(i + 1, ",") { i + 2 } else { i + 1 };
        if let Some((k, Sem::Day { y, m, d, .. })) = self.explicit_date(j) {
            return Some((k, Sem::Day { y, m, d, wd: Some(wd) }));
        }
        if self.is_p(i + 1, "(") {
            if let Some((k, Sem::Day { y, m, d, .. })) = self.explicit_date(i + 2) {
                if self.is_p(k, ")") {
                    return Some((k + 1, Sem::Day { y, m, d, wd: Some(wd) }));
                }
            }
        }
        let mut end = i + 1;
        if self.is_apos(end) && self.is_w(end + 1, "s") && self.adj(i, end) && self.adj(end, end + 1) {
            end += 2;
        }
        let sem = Sem::Weekday { wd, dir: Dir::Tense };
        if end == i + 1 {
            if let Some(part) = self.part_of_day(end) {
                return Some((end + 1, Sem::WithPart(Box::new(sem), part)));
            }
        }
        Some((end, sem))
    }

    fn deictic(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i)?;
        let (off, night) = match w {
            "today" => (0, false),
            "yesterday" => (-1, false),
            "tomorrow" => (1, false),
            "tonight" => (0, true),
            "last" if self.is_w(i + 1, "night") => return Some((i + 2, Sem::WithPart(Box::new(Sem::Deictic(-1)), "TNI"))),
            "this" => {
                let part = self.part_of_day(i + 1).filter(|p| *p != "TNI")?;
                return Some((i + 2, Sem::WithPart(Box::new(Sem::Deictic(0)), part)));
            }
            "the" if self.is_w(i + 1, "day") && self.is_w(i + 2, "before") && self.is_w(i + 3, "yesterday") => {
                return Some((i + 4, Sem::Deictic(-2)));
            }
            "the" if self.is_w(i + 1, "day") && self.is_w(i + 2, "after") && self.is_w(i + 3, "tomorrow") => {
                return Some((i + 4, Sem::Deictic(2)));
            }
            _ => return None,
        };
        if night {
            return Some((i + 1, Sem::WithPart(Box::new(Sem::Deictic(off)), "TNI")));
        }
        if let Some(part) = self.part_of_day(i + 1) {
            return Some((i + 2, Sem::WithPart(Box::new(Sem::Deictic(off)), part)));
        }
        let mut end = i + 1;
        if self.is_apos(end) && self.is_w(end + 1, "s") && self.adj(i, end) {
            end += 2;
        }
        Some((end, Sem::Deictic(off)))
    }

    fn rel(&self, i: usize) -> Option<(usize, Sem)> {
        // "the last week", "the coming month": with the article, in the extent, unless a
        // span of something else follows ("the last week of June", "the next year or so").
        if self.is_w(i, "the") && self.w_in(i + 1, &["last", "next", "coming"]) {
            let (e, sem) = self.rel_after(i + 1).filter(|(_, sem)| matches!(sem, Sem::Rel { .. }))?;
            let followed = self.w_in(e, &["of", "or", "before", "after", "that", "when", "in", "and"]);
            return (!followed).then_some((e, sem));
        }
        // "the last week of June" is not last week.
        if self.prev_w(i) == Some("the") || self.is_w(i, "coming") {
            return None;
        }
        self.rel_after(i)
    }

    /// "last"/"this"/"next"/"coming" at `i` and the unit, weekday or month after it.
    fn rel_after(&self, i: usize) -> Option<(usize, Sem)> {
        let dir = match self.w(i)? {
            "last" => Dir::Last,
            "this" => Dir::This,
            "next" | "coming" => Dir::Next,
            _ => return None,
        };
        let offset = match dir {
            Dir::Last => -1,
            Dir::Next => 1,
            _ => 0,
        };
        // "this fiscal year", "last fiscal year".
        let i = if self.is_w(i + 1, "fiscal") && self.is_w(i + 2, "year") { i + 1 } else { i };
        if let Some(unit) = match self.w(i + 1) {
            Some("week") => Some(Unit::Week),
            Some("weekend") => Some(Unit::Weekend),
            Some("month") => Some(Unit::Month),
            Some("year") => Some(Unit::Year),
            _ => None,
        } {
            // "next year-end", "this week-long" are not deictic units.
            if self.is_dash(i + 2) && self.adj(i + 1, i + 2) {
                return None;
            }
            let mut end = i + 2;
            if self.is_apos(end) && self.is_w(end + 1, "s") && self.adj(i + 1, end) {
                end += 2;
            }
            return Some((end, Sem::Rel { unit, offset }));
        }
        if let Some(wd) = self.weekday(i + 1) {
            return Some((i + 2, Sem::Weekday { wd, dir }));
        }
        if let Some((j, m, true)) = self.month(i + 1) {
            if self.day_num(j).is_none() {
                return Some((j, Sem::Month { m, dir }));
            }
        }
        None
    }

    /// Deictic references without a calendar value: "now", "currently", "recently",
    /// "in the past", "the future", "the near term".
    fn reference(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i)?;
        let next = self.w(i + 1);
        let r = match w {
            // TimeML marks "now" in "now that" and "until now" as well.
            "now" => (i + 1, "PRESENT_REF"),
            "right" if next == Some("now") => (i + 2, "PRESENT_REF"),
            "currently" | "nowadays" => (i + 1, "PRESENT_REF"),
            "these" if next == Some("days") => (i + 2, "PRESENT_REF"),
            "recently" => (i + 1, "PAST_REF"),
            "more" | "most" if next == Some("recently") => (i + 2, "PAST_REF"),
            "the" => {
                let (j, near) = if self.w_in(i + 1, &["near", "distant"]) { (i + 2, true) } else { (i + 1, false) };
                match self.w(j) {
                    // "the future of NATO", "the past is prologue" are not times of the text.
                    Some("future") if !self.is_w(j + 1, "of") => (j + 1, "FUTURE_REF"),
                    // "the past year" is the year before the text's.
                    Some("past") if !near && self.w_in(j + 1, &["year", "month", "week"]) && !self.is_dash(j + 2) => {
                        let unit = match self.w(j + 1) {
                            Some("year") => Unit::Year,
                            Some("month") => Unit::Month,
                            _ => Unit::Week,
                        };
                        return Some((j + 2, Sem::Rel { unit, offset: -1 }));
                    }
                    Some("past") if !near && !self.is_w(j + 1, "of") && self.prev_w(i).is_some_and(|p| matches!(p, "in" | "over" | "during")) => (j + 1, "PAST_REF"),
                    Some("term") if near => (j + 1, "FUTURE_REF"),
                    Some("short" | "long") if !near && self.is_w(j + 1, "term") && !self.is_dash(j + 2) => (j + 2, "FUTURE_REF"),
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some((r.0, Sem::Ref(r.1)))
    }

    /// Anaphoric quarters: "the quarter", "the latest quarter", "this quarter", "the
    /// current quarter", "that quarter", "the latest period" (after a quarter was named).
    fn quarter_ref(&self, i: usize) -> Option<(usize, Sem)> {
        let (this, j) = match self.w(i)? {
            "this" | "that" => (self.is_w(i, "this"), i + 1),
            "the" => match self.w(i + 1)? {
                "current" => (true, i + 2),
                "latest" => (false, i + 2),
                "most" if self.is_w(i + 2, "recent") => (false, i + 3),
                _ => (false, i + 1),
            },
            _ => return None,
        };
        let named_only = match self.w(j)? {
            "quarter" => false,
            "period" if j > i + 1 && self.w_in(j - 1, &["latest", "recent"]) => true,
            _ => return None,
        };
        // "the quarter of a century", "the quarter-point cut".
        if self.is_w(j + 1, "of") || (self.is_dash(j + 1) && self.adj(j, j + 1)) {
            return None;
        }
        Some((j + 1, Sem::QuarterRef { this, named_only, years_back: 0 }))
    }

    /// Anaphoric years and weeks: "for the year", "in the fiscal year", "the current year",
    /// "of the week": the anchor's; "the year ended Sept. 30" is a year's duration.
    fn period_ref(&self, i: usize) -> Option<(usize, Sem)> {
        if !self.is_w(i, "the") {
            return None;
        }
        let mut j = i + 1;
        let qualified = self.w_in(j, &["full", "fiscal", "current"]);
        if qualified {
            j += 1;
            if self.is_w(j - 1, "current") && self.is_w(j, "fiscal") {
                j += 1;
            }
        }
        let unit = match self.w(j)? {
            "year" => Unit::Year,
            "week" if !qualified => Unit::Week,
            _ => return None,
        };
        // "the year-end", "the year 2000", "the week before", "the year of the dragon".
        let next_ok = match self.t(j + 1) {
            None => true,
            Some(t) if t.kind == K::Punct => !(self.is_dash(j + 1) && self.adj(j, j + 1)),
            Some(t) => t.kind == K::Word && !matches!(t.lower.as_ref(), "of" | "before" | "after" | "following" | "earlier" | "later" | "ago"),
        };
        // A bare "the year" is the text's year after a preposition ("in the year", "for the year").
        let prep_ok = qualified || self.prev_w(i).is_some_and(|p| matches!(p, "in" | "for" | "of" | "by" | "during" | "throughout" | "through" | "over"));
        if !next_ok || !prep_ok {
            return None;
        }
        if unit == Unit::Year && self.w_in(j + 1, &["ended", "ending"]) {
            return Some((j + 1, Sem::Duration("P1Y".to_string())));
        }
        Some((j + 1, Sem::Rel { unit, offset: 0 }))
    }

    /// Holidays of fixed date or weekday: "Christmas", "New Year's Day", "Thanksgiving".
    fn holiday(&self, i: usize) -> Option<(usize, Sem)> {
        if !self.cap(i) {
            return None;
        }
        let day = |m, d| Sem::Day { y: None, m, d, wd: None };
        let (mut e, sem) = match self.w(i)? {
            "christmas" if self.is_w(i + 1, "eve") && self.cap(i + 1) => (i + 2, day(12, 24)),
            "christmas" => (i + 1, day(12, 25)),
            "new" if self.is_w(i + 1, "year") && self.is_apos(i + 2) && self.is_w(i + 3, "s") && self.cap(i + 1) => {
                match self.w(i + 4) {
                    Some("eve") if self.cap(i + 4) => (i + 5, day(12, 31)),
                    Some("day") if self.cap(i + 4) => (i + 5, day(1, 1)),
                    _ => return None,
                }
            }
            "thanksgiving" => (i + 1, Sem::NthWeekday { m: 11, n: 4, wd: 4 }),
            "halloween" => (i + 1, day(10, 31)),
            "independence" if self.is_w(i + 1, "day") && self.cap(i + 1) => (i + 2, day(7, 4)),
            "labor" | "labour" if self.is_w(i + 1, "day") && self.cap(i + 1) => (i + 2, Sem::NthWeekday { m: 9, n: 1, wd: 1 }),
            _ => return None,
        };
        if matches!(sem, Sem::NthWeekday { m: 11, .. } | Sem::Day { m: 12, d: 25, .. }) && self.is_w(e, "day") {
            e += 1;
        }
        // A one-word holiday is the day only after a time preposition ("at Christmas", "before
        // Thanksgiving"), not in "Christmas trees" or "Christmas Island".
        let preposition = self.prev_w(i).is_some_and(|p| matches!(p, "on" | "at" | "for" | "before" | "after" | "until" | "since" | "by" | "over" | "during" | "through"));
        if (e == i + 1 && !preposition) || (self.cap(e) && self.w(e).is_some()) {
            return None;
        }
        let (e2, y) = self.opt_year(e);
        Some(match (sem, y) {
            (Sem::Day { m, d, .. }, Some(y)) => (e2, Sem::Day { y: Some(y), m, d, wd: None }),
            (sem, _) => (e, sem),
        })
    }

    /// "the 20th century", "an 11th-century temple" (with "the" when it is there).
    fn century(&self, i: usize) -> Option<(usize, Sem)> {
        let j = if self.is_w(i, "the") { i + 1 } else { i };
        let t = self.t(j).filter(|t| t.kind == K::Ord && t.digits <= 2)?;
        let n = t.num.filter(|n| (1..=30).contains(n))?;
        let k = if self.is_dash(j + 1) && self.adj(j, j + 1) { j + 2 } else { j + 1 };
        self.is_w(k, "century").then_some((k + 1, Sem::Century(n - 1)))
    }

    /// "the weekend" (not "the weekend of June 5", which the date covers).
    fn weekend(&self, i: usize) -> Option<(usize, Sem)> {
        (self.is_w(i, "the") && self.is_w(i + 1, "weekend") && !self.is_w(i + 2, "of")).then_some((i + 2, Sem::Weekend))
    }

    /// "the year-earlier quarter", "the year-ago period", "year-earlier" (as an adjective):
    /// the same period a year before.
    fn year_ago_adjective(&self, i: usize) -> Option<(usize, Sem)> {
        let the = self.is_w(i, "the");
        let mut j = if the { i + 1 } else { i };
        if the && self.w_in(j, &["comparable", "corresponding"]) {
            j += 1;
        }
        let ok = self.is_w(j, "year") && self.is_dash(j + 1) && self.w_in(j + 2, &["earlier", "ago"]) && self.adj(j, j + 1) && self.adj(j + 1, j + 2);
        if !ok {
            return None;
        }
        let sem = Sem::Ago { n: Some(1), unit: Unit::Year };
        if the && self.is_w(j + 3, "quarter") {
            return Some((j + 4, Sem::QuarterRef { this: false, named_only: false, years_back: 1 }));
        }
        if the && self.is_w(j + 3, "period") {
            return Some((j + 4, sem));
        }
        // Without its noun the article is no part of the extent: only the adjective.
        (j == i).then_some((j + 3, sem))
    }

    fn month_alone(&self, i: usize) -> Option<(usize, Sem)> {
        let (j, m, full) = self.month(i)?;
        if !full {
            return None;
        }
        let prev_ok = self.prev_w(i).is_some_and(|w| MONTH_PREPS.contains(&w))
            || (i >= 2 && self.is_dash(i - 1) && self.w(i - 2) == Some("mid"));
        if !prev_ok {
            return None;
        }
        // "in May" followed by a capitalised word may be a name ("in May Day rallies").
        Some((j, Sem::Month { m, dir: Dir::Tense }))
    }

    fn year_alone(&self, i: usize) -> Option<(usize, Sem)> {
        let y = self.year4(i)?;
        if !(1800..=2100).contains(&y) {
            return None;
        }
        if y % 10 == 0 && self.is_w(i + 1, "s") && self.adj(i, i + 1) {
            return Some((i + 2, Sem::Decade(y / 10)));
        }
        let next = self.t(i + 1);
        let next_count = self.w_in(i + 1, COUNT_NOUNS);
        let possessive = self.is_apos(i + 1) && self.is_w(i + 2, "s") && self.adj(i, i + 1);
        if possessive {
            return Some((i + 3, Sem::Year(y)));
        }
        let prev = self.prev_w(i);
        // "of 1999 candidates": a lower-case plural after the number counts things.
        let next_plural = next.is_some_and(|t| {
            t.kind == K::Word
                && !t.capitalized()
                && t.lower.len() > 2
                && t.lower.ends_with('s')
                && !matches!(t.lower.as_ref(), "was" | "has" | "this" | "his" | "its" | "thus" | "plus" | "always" | "whereas")
        });
        if prev.is_some_and(|w| YEAR_PREPS.contains(&w)) && !next_count && !next_plural {
            return Some((i + 1, Sem::Year(y)));
        }
        // A bare modern year ("the 1957 law", "1990 was", "fiscal 1989"): anything but a count
        // ("1990 people"), an amount ("$1990") or a number in a list of numbers.
        let after_money = i > 0 && (self.is_p(i - 1, "$") || self.is_p(i - 1, "£") || self.is_p(i - 1, "€"));
        let numeric_neighbour = next.is_some_and(|t| t.kind == K::Num) || (i > 0 && self.t(i - 1).is_some_and(|t| t.kind == K::Num));
        let unit_before = prev.is_some_and(|w| matches!(w, "no" | "number" | "nos" | "page" | "pages" | "room" | "route" | "flight" | "item" | "figure" | "table" | "chapter" | "section" | "article" | "about" | "some" | "nearly" | "almost" | "over" | "than" | "to" | "and" | "of" | "at"));
        let name_before = i > 0 && self.t(i - 1).is_some_and(|t| t.kind == K::Word && t.capitalized()) && self.month(i - 1).is_none() && !prev.is_some_and(|w| matches!(w, "in" | "since" | "by" | "until" | "the" | "fiscal"));
        if (1900..=2099).contains(&y) && !name_before && !next_count && !next_plural && !after_money && !numeric_neighbour && !unit_before && !self.is_p(i + 1, "%") {
            return Some((i + 1, Sem::Year(y)));
        }
        let determiner = prev.is_some_and(|w| matches!(w, "the" | "a" | "his" | "her" | "its" | "their" | "our"));
        if determiner {
            let ok = match next {
                Some(t) if t.kind == K::Word => {
                    t.capitalized() || (!next_count && !t.lower.ends_with('s'))
                }
                _ => false,
            };
            if ok {
                return Some((i + 1, Sem::Year(y)));
            }
        }
        None
    }

    fn ordinal_day(&self, i: usize) -> Option<(usize, Sem)> {
        if !self.is_w(i, "the") {
            return None;
        }
        let t = self.t(i + 1).filter(|t| t.kind == K::Ord)?;
        let d = t.num.filter(|d| (1..=31).contains(d))?;
        let ok = match self.t(i + 2) {
            None => true,
            Some(n) if n.kind == K::Punct => !self.is_dash(i + 2),
            Some(n) if n.kind == K::Word => FOLLOW_OK.contains(&n.lower.as_ref()),
            _ => false,
        };
        ok.then_some((i + 2, Sem::Ordinal { d }))
    }

    /// "that day", "the next/following/previous day", "the day before/after" (not "the day
    /// before the vote": that day is the vote's).
    fn that_day(&self, i: usize) -> Option<(usize, Sem)> {
        if self.is_w(i, "that") {
            return (self.is_w(i + 1, "day") && !self.is_dash(i + 2)).then_some((i + 2, Sem::ThatDay(0)));
        }
        if !self.is_w(i, "the") {
            return None;
        }
        let offset = match self.w(i + 1)? {
            "next" | "following" => 1,
            "previous" | "preceding" => -1,
            "day" => {
                let offset = match self.w(i + 2)? {
                    "before" => -1,
                    "after" => 1,
                    _ => return None,
                };
                return (self.w(i + 3).is_none() && !self.is_dash(i + 3)).then_some((i + 3, Sem::ThatDay(offset)));
            }
            _ => return None,
        };
        (self.is_w(i + 2, "day") && !self.is_dash(i + 3)).then_some((i + 3, Sem::ThatDay(offset)))
    }

    /// "the early hours (of) X", "early X".
    fn early_hours(&self, i: usize) -> Option<(usize, Sem)> {
        let j = if self.is_w(i, "the") { i + 1 } else { i };
        if !(self.is_w(j, "early") && self.is_w(j + 1, "hours")) {
            return None;
        }
        let k = if self.is_w(j + 2, "of") { j + 3 } else { j + 2 };
        let (e, sem) = self.point_base(k)?;
        sem.is_day_like().then_some((e, sem))
    }

    /// A season word: (code, first month).
    fn season(&self, i: usize) -> Option<(&'static str, i64)> {
        Some(match self.w(i)? {
            "spring" => ("SP", 3),
            "summer" => ("SU", 6),
            "fall" | "autumn" => ("FA", 9),
            "winter" => ("WI", 12),
            _ => return None,
        })
    }

    /// "of 1998", ", 1998", "1998" after a season or quarter: (end, year).
    fn part_year(&self, k: usize) -> (usize, Option<i64>) {
        if self.is_w(k, "of") {
            if let Some((e, y)) = self.year_at(k + 1) {
                return (e, Some(y));
            }
        }
        self.opt_year(k)
    }

    /// A year in digits or in words: (end, year).
    fn year_at(&self, k: usize) -> Option<(usize, i64)> {
        self.year4(k).map(|y| (k + 1, y)).or_else(|| self.spelled_year(k))
    }

    /// A year said in words, as in transcripts: "nineteen ninety-six", "nineteen eighty",
    /// "two thousand", "two thousand and one".
    fn spelled_year(&self, k: usize) -> Option<(usize, i64)> {
        let unit = |i: usize| self.w(i).and_then(word_number).filter(|n| (1..=9).contains(n));
        match self.w(k)? {
            "nineteen" => {
                let tens = self.w(k + 1).and_then(word_number).filter(|n| (20..=90).contains(n) && n % 10 == 0)?;
                if self.is_dash(k + 2) && self.adj(k + 1, k + 2) {
                    let u = unit(k + 3)?;
                    return Some((k + 4, 1900 + tens + u));
                }
                Some((k + 2, 1900 + tens))
            }
            "two" if self.is_w(k + 1, "thousand") => {
                let j = if self.is_w(k + 2, "and") { k + 3 } else { k + 2 };
                match self.w(j).and_then(word_number).filter(|n| (1..=19).contains(n)) {
                    Some(n) => Some((j + 1, 2000 + n)),
                    None => Some((k + 2, 2000)),
                }
            }
            _ => None,
        }
    }

    /// A year in words after a time preposition or "the year": "in nineteen ninety-six",
    /// "by the year two thousand".
    fn spelled_year_alone(&self, i: usize) -> Option<(usize, Sem)> {
        let (j, prev) = if self.is_w(i, "the") && self.is_w(i + 1, "year") { (i + 2, Some("in")) } else { (i, self.prev_w(i)) };
        if !prev.is_some_and(|w| YEAR_PREPS.contains(&w)) {
            return None;
        }
        let (e, y) = self.spelled_year(j)?;
        // "in two thousand years" counts years.
        if self.w(e).and_then(|w| self.unit_word(w)).is_some() {
            return None;
        }
        Some((e, Sem::Year(y)))
    }

    /// Seasons: "this summer", "last fall", "the spring of 1998", "in winter", "summer 2009".
    fn season_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let (dir, j) = match self.w(i)? {
            "this" if self.is_w(i + 1, "past") => (Dir::Last, i + 2),
            "this" | "current" => (Dir::This, i + 1),
            "last" | "past" | "previous" => (Dir::Last, i + 1),
            "next" | "coming" => (Dir::Next, i + 1),
            "the" => (Dir::Tense, i + 1),
            _ => (Dir::Tense, i),
        };
        let (code, start) = self.season(j)?;
        // "spring-like", "winter's" stay words of their own ("winter-proof").
        if self.is_dash(j + 1) && self.adj(j, j + 1) {
            return None;
        }
        let (e, y) = self.part_year(j + 1);
        if y.is_none() {
            // A bare season word is a time only after a time preposition or a deictic
            // ("in the spring", "during winter", "this summer"); "the fall of Rome" is not.
            let lead = if j > i && self.is_w(i, "the") { self.prev_w(i) } else if j > i { Some("this") } else { self.prev_w(i) };
            let lead_ok = lead.is_some_and(|w| {
                matches!(w, "this" | "in" | "during" | "since" | "by" | "until" | "till" | "through" | "throughout" | "early" | "late" | "mid" | "over" | "before" | "after")
            });
            if !lead_ok || self.is_w(e, "of") || (self.is_w(j, "fall") && j == i) {
                return None;
            }
        }
        let dir = if y.is_some() { Dir::Tense } else { dir };
        Some((e, Sem::Part { y, code, start, dir }))
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "the first half of 1998",
    /// "the 1988 second quarter", "Q3", "Q3 2009", "H1 2009".
    fn quarter_expr(&self, i: usize) -> Option<(usize, Sem)> {
        // Q3 / H1
        if let Some(w) = self.w(i).filter(|_| self.cap(i)) {
            if (w == "q" || w == "h") && self.adj(i, i + 1) {
                let (n, digits) = self.num(i + 1)?;
                let max = if w == "q" { 4 } else { 2 };
                if digits != 1 || !(1..=max).contains(&n) || self.t(i + 2).is_some_and(|t| t.start == self.t(i + 1).map_or(0, |x| x.end) && t.kind != K::Punct) {
                    return None;
                }
                let (e, y) = self.part_year(i + 2);
                if w == "h" && y.is_none() {
                    return None;
                }
                return Some((e, quarter_sem(w == "q", n, y)));
            }
        }
        if let Some(found) = self.qualified_quarter(i) {
            return Some(found);
        }
        let the = self.is_w(i, "the");
        let mut j = if the { i + 1 } else { i };
        let mut y = None;
        let mut fiscal = false;
        if the {
            if let Some(yy) = self.year4(j) {
                y = Some(yy);
                j += 1;
            }
        }
        if self.is_w(j, "fiscal") && (the || j == i) {
            fiscal = true;
            j += 1;
        }
        let n = match self.t(j)? {
            t if t.kind == K::Ord && t.digits == 1 => t.num?,
            t if t.kind == K::Word => match t.lower.as_ref() {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                "fourth" => 4,
                _ => return None,
            },
            _ => return None,
        };
        let hyphen = self.is_dash(j + 1) && self.adj(j, j + 1) && self.adj(j + 1, j + 2);
        let uk = if hyphen { j + 2 } else { j + 1 };
        let quarter = match self.w(uk)? {
            "quarter" => true,
            "half" => false,
            _ => return None,
        };
        if !(1..=if quarter { 4 } else { 2 }).contains(&n) {
            return None;
        }
        // "a third quarter of the vote", "one second half": counts, not periods ("a
        // third-quarter loss" is one).
        if !the && !hyphen && self.prev_w(j).is_some_and(|w| matches!(w, "a" | "an" | "one" | "every" | "each")) {
            return None;
        }
        // A half is a period of the year only with "the" and a year or "of the year".
        let (e, y2) = self.part_year(uk + 1);
        let y = y.or(y2);
        if !quarter && !(the && (y.is_some() || (self.is_w(uk + 1, "of") && self.w_in(uk + 2, &["the", "this", "last", "next"]) && self.is_w(uk + 3, "year")))) {
            return None;
        }
        if self.is_w(e, "of") && y.is_none() && !(self.w_in(e + 1, &["the", "this", "last", "next"]) && self.is_w(e + 2, "year")) {
            return None;
        }
        // "the third-quarter loss": TimeML marks the adjective alone, without the article.
        if hyphen && the {
            return None;
        }
        let mut sem = quarter_sem(quarter, n, y);
        // A fiscal quarter is numbered in the company's own year: the anchor's.
        if let (true, Sem::Part { dir, .. }) = (fiscal, &mut sem) {
            *dir = Dir::This;
        }
        Some((e, sem))
    }

    /// A quarter or half in a year said relative to the anchor: "this year's third quarter",
    /// "next year's first half", "last year's quarter", "the year-earlier second quarter";
    /// and "the 1988 period".
    fn qualified_quarter(&self, i: usize) -> Option<(usize, Sem)> {
        let (offset, j) = match self.w(i)? {
            w @ ("this" | "last" | "next") if self.is_w(i + 1, "year") && self.is_apos(i + 2) && self.is_w(i + 3, "s") => {
                (match w { "last" => -1, "next" => 1, _ => 0 }, i + 4)
            }
            "the" if self.is_w(i + 1, "year") && self.is_dash(i + 2) && self.w_in(i + 3, &["earlier", "ago"]) && self.adj(i + 1, i + 2) => (-1, i + 4),
            "the" => {
                let y = self.year4(i + 1)?;
                return self.w_in(i + 2, &["period", "quarter"]).then_some((i + 3, Sem::YearPeriod(y)));
            }
            _ => return None,
        };
        let j = if self.is_w(j, "fiscal") { j + 1 } else { j };
        // "last year's quarter": the quarter the text reports on, a year before.
        if offset != 0 && self.is_w(j, "quarter") {
            return Some((j + 1, Sem::QuarterRef { this: false, named_only: false, years_back: -offset }));
        }
        let n = match self.w(j)? {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            "fourth" => 4,
            _ => return None,
        };
        let code = match (self.w(j + 1)?, n) {
            ("quarter", 1) => "Q1",
            ("quarter", 2) => "Q2",
            ("quarter", 3) => "Q3",
            ("quarter", _) => "Q4",
            ("half", 1) => "H1",
            ("half", 2) => "H2",
            _ => return None,
        };
        Some((j + 2, Sem::RelPart { offset, code }))
    }

    /// Year ranges written with a dash: "2009-2010", "1994-95".
    fn year_range(&self, i: usize) -> Option<(usize, Sem)> {
        let (y, digits) = self.num(i)?;
        if digits != 4 || !(1800..=2100).contains(&y) || !self.is_dash(i + 1) || !self.adj(i, i + 1) || !self.adj(i + 1, i + 2) {
            return None;
        }
        // Not glued on the left ("$1,994-95") nor part of an ISO date ("2009-10-05").
        if i > 0 && (self.is_p(i - 1, ",") || self.is_p(i - 1, ".") || self.is_p(i - 1, "$")) && self.adj(i - 1, i) {
            return None;
        }
        if self.is_dash(i + 3) && self.adj(i + 2, i + 3) {
            return None;
        }
        let (n, d2) = self.num(i + 2)?;
        let y2 = match d2 {
            4 if n > y && n - y <= 50 => n,
            2 if n == (y + 1) % 100 => y + 1,
            _ => return None,
        };
        if self.w_in(i + 3, COUNT_NOUNS) {
            return None;
        }
        Some((i + 3, Sem::Range(Box::new(Sem::Year(y)), Box::new(Sem::Year(y2)))))
    }

    fn point_base(&self, i: usize) -> Option<(usize, Sem)> {
        // Each parser runs only on a start token it can accept; `longest` sees the same order.
        let t = self.t(i)?;
        let (num, w) = match t.kind {
            K::Num | K::Ord => (true, ""),
            K::Word => (false, t.lower.as_ref()),
            K::Punct => return None,
        };
        let (cap, the) = (t.capitalized(), w == "the");
        // `longest` kept as it goes, without an array of candidates.
        let mut best: Option<(usize, Sem)> = None;
        let mut run = |ok: bool, f: fn(&Self, usize) -> Option<(usize, Sem)>| {
            if let Some(c) = if ok { f(self, i) } else { None } {
                if best.as_ref().is_none_or(|b| c.0 > b.0) {
                    best = Some(c);
                }
            }
        };
        run(matches!(w, "now" | "right" | "currently" | "nowadays" | "these" | "recently" | "more" | "most" | "the"), Self::reference);
        run(matches!(w, "this" | "that" | "the"), Self::quarter_ref);
        run(the, Self::weekend);
        run(the, Self::period_ref);
        run(num || the, Self::century);
        run(cap, Self::holiday);
        run(the || w == "year", Self::year_ago_adjective);
        run(
            matches!(w, "this" | "current" | "last" | "past" | "previous" | "next" | "coming" | "the" | "spring" | "summer" | "fall" | "autumn" | "winter"),
            Self::season_expr,
        );
        run(num || cap || matches!(w, "this" | "last" | "next" | "the" | "fiscal" | "first" | "second" | "third" | "fourth"), Self::quarter_expr);
        run(num, Self::year_range);
        run(cap, Self::weekday_led);
        run(num || cap || the, Self::explicit_date);
        run(matches!(w, "today" | "yesterday" | "tomorrow" | "tonight" | "last" | "this" | "the"), Self::deictic);
        run(matches!(w, "the" | "last" | "this" | "next"), Self::rel);
        run(cap, Self::month_alone);
        run(num, Self::year_alone);
        run(matches!(w, "the" | "nineteen" | "two"), Self::spelled_year_alone);
        run(the, Self::ordinal_day);
        run(w == "that" || the, Self::that_day);
        run(num || word_number(w).is_some() || matches!(w, "a" | "an" | "several" | "few" | "many"), Self::ago);
        best
    }

    pub(crate) fn point(&self, i: usize) -> Option<(usize, Sem)> {
        longest([self.point_base(i), self.early_hours(i)])
    }

    fn ampm(&self, k: usize) -> Option<(usize, bool)> {
        match self.w(k) {
            Some("am") => return Some((k + 1, false)),
            Some("pm") => return Some((k + 1, true)),
            Some(w @ ("a" | "p")) if self.is_p(k + 1, ".") && self.is_w(k + 2, "m") && self.adj(k, k + 1) && self.adj(k + 1, k + 2) => {
                let pm = w == "p";
                let end = if self.is_p(k + 3, ".") && self.adj(k + 2, k + 3) { k + 4 } else { k + 3 };
                return Some((end, pm));
            }
            _ => {}
        }
        None
    }

    /// (end, hour, minute, unambiguous)
    fn time_core(&self, i: usize) -> Option<(usize, i64, i64, bool)> {
        match self.w(i) {
            Some("midnight") => return Some((i + 1, 0, 0, true)),
            Some("noon" | "midday") => return Some((i + 1, 12, 0, true)),
            _ => {}
        }
        let (h, hd) = self.num(i)?;
        if hd > 2 {
            return None;
        }
        let (mut k, min) = if self.is_p(i + 1, ":") && self.adj(i, i + 1) && self.adj(i + 1, i + 2) {
            let (m, md) = self.num(i + 2)?;
            if md != 2 || m > 59 {
                return None;
            }
            (i + 3, Some(m))
        } else {
            (i + 1, None)
        };
        let mut h = h;
        let mut strong = false;
        if let Some((e, pm)) = self.ampm(k) {
            if !(1..=12).contains(&h) {
                return None;
            }
            h = match (pm, h) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
            k = e;
            strong = true;
        } else if min.is_none() || h > 23 {
            return None;
        } else if self.w_in(k, &["gmt", "utc", "hours", "hrs", "h"]) {
            k += 1;
            strong = true;
        } else if self.is_w(k, "local") && self.is_w(k + 1, "time") {
            k += 2;
            strong = true;
        }
        Some((k, h, min.unwrap_or(0), strong))
    }

    fn time(&self, i: usize) -> Option<(usize, Sem)> {
        let mut j = i;
        let mut pref = false;
        for _ in 0..2 {
            if self.w_in(j, TIME_PREFIX) {
                j += 1;
                pref = true;
            }
        }
        let (mut k, h, min, strong) = self.time_core(j)?;
        if !strong && !pref {
            return None;
        }
        if self.is_w(k, "local") && self.is_w(k + 1, "time") {
            k += 2;
        }
        let mut date = None;
        let j2 = if self.w_in(k, &["on", "of"]) || self.is_p(k, ",") { k + 1 } else { k };
        if let Some((e, sem)) = self.point(j2) {
            if sem.is_day_like() {
                date = Some(Box::new(sem));
                k = e;
            }
        }
        Some((k, Sem::Time { h, min, date }))
    }

    /// A point, possibly followed by its time of day ("Thursday at 10 pm").
    fn point_ext(&self, i: usize) -> Option<(usize, Sem)> {
        let (e, sem) = self.point(i)?;
        if sem.is_day_like() {
            let j = if self.w_in(e, &["at", "around", "about"]) || self.is_p(e, ",") { e + 1 } else { e };
            let j = if self.w_in(j, &["around", "about"]) { j + 1 } else { j };
            if let Some((k, h, min, strong)) = self.time_core(j) {
                if strong || j > e {
                    return Some((k, Sem::Time { h, min, date: Some(Box::new(sem)) }));
                }
            }
        }
        Some((e, sem))
    }

    fn range(&self, i: usize) -> Option<(usize, Sem)> {
        let between = match self.w(i)? {
            "from" => false,
            "between" => true,
            _ => return None,
        };
        let p = |k: usize| -> Option<(usize, Sem)> {
            longest([self.point_ext(k), self.year4(k).map(|y| (k + 1, Sem::Year(y)))])
        };
        let (e1, a) = p(i + 1)?;
        let sep = if between {
            self.is_w(e1, "and")
        } else {
            self.w_in(e1, &["to", "until", "till", "through"]) || self.is_dash(e1)
        };
        if !sep {
            return None;
        }
        let (e2, b) = p(e1 + 1)?;
        Some((e2, Sem::Range(Box::new(a), Box::new(b))))
    }

    /// (end, count, from an article "a"/"an")
    fn count(&self, i: usize) -> Option<(usize, Option<i64>, bool)> {
        if let Some((n, digits)) = self.num(i) {
            if digits > 4 || self.glued(i) {
                return None;
            }
            return Some((i + 1, Some(n), false));
        }
        let w = self.w(i)?;
        if let Some(n) = word_number(w) {
            return Some((i + 1, Some(n), false));
        }
        match w {
            "a" | "an" if self.is_w(i + 1, "few") => Some((i + 2, None, false)),
            "a" | "an" => Some((i + 1, Some(1), true)),
            "several" | "few" | "many" => Some((i + 1, None, false)),
            _ => None,
        }
    }

    fn unit(&self, i: usize) -> Option<(&'static str, bool, Option<Unit>)> {
        self.unit_word(self.w(i)?)
    }

    /// (code, is time unit, unit for "ago") of a unit word.
    fn unit_word(&self, w: &str) -> Option<(&'static str, bool, Option<Unit>)> {
        Some(match w {
            "day" | "days" => ("D", false, Some(Unit::Day)),
            "week" | "weeks" => ("W", false, Some(Unit::Week)),
            "fortnight" | "fortnights" => ("2W", false, None),
            "month" | "months" => ("M", false, Some(Unit::Month)),
            "year" | "years" => ("Y", false, Some(Unit::Year)),
            "quarter" | "quarters" => ("Q", false, None),
            "decade" | "decades" => ("DE", false, None),
            "century" | "centuries" => ("CE", false, None),
            "hour" | "hours" => ("H", true, None),
            "minute" | "minutes" => ("M", true, None),
            _ => return None,
        })
    }

    /// A vague plural duration: "recent years", "for weeks", "in recent months" (PXY, PXW, …).
    fn vague_duration(&self, i: usize) -> Option<(usize, Sem)> {
        let (j, ok) = if self.is_w(i, "recent") { (i + 1, true) } else { (i, self.prev_w(i).is_some_and(|w| matches!(w, "for" | "within" | "recent"))) };
        let w = self.w(j)?;
        if !ok || !w.ends_with('s') || self.is_dash(j + 1) {
            return None;
        }
        let (code, is_time, _) = self.unit(j)?;
        let code = if code == "2W" { "W" } else { code };
        Some((j + 1, Sem::Duration(if is_time { format!("PTX{code}") } else { format!("PX{code}") })))
    }

    fn duration(&self, i: usize) -> Option<(usize, Sem)> {
        if let Some(v) = self.vague_duration(i) {
            return Some(v);
        }
        let (j, n, article) = self.count(i)?;
        let (uj, hyphen) = if self.is_dash(j) && self.adj(j - 1, j) && self.adj(j, j + 1) { (j + 1, true) } else { (j, false) };
        let (code, is_time, ago_unit) = self.unit(uj)?;
        let end = uj + 1;
        // "year-end", "day-to-day"; ages ("a 6-year-old boy") are no durations.
        if self.is_dash(end) && self.adj(uj, end) && (!hyphen || self.is_w(end + 1, "old")) {
            return None;
        }
        // "three quarters of the vote" is a share; "a quarter" is too.
        if code == "Q" && (article || self.is_w(end, "of") || n.is_some_and(|n| n > 40)) {
            return None;
        }
        // "a year earlier" is the news's "a year ago".
        if self.w_in(end, &["ago", "earlier"]) && !hyphen {
            if let Some(unit) = ago_unit {
                return Some((end + 1, Sem::Ago { n, unit }));
            }
        }
        // "$1.76 a year", "700 flights a week": a rate, not a duration.
        if article && !hyphen && i > self.lo && self.t(i - 1).is_some_and(|t| t.kind == K::Num || matches!(t.lower.as_ref(), "million" | "billion" | "thousand" | "percent" | "times") || COUNT_NOUNS.contains(&t.lower.as_ref())) {
            return None;
        }
        if article && !hyphen {
            if let Some(t) = self.t(end) {
                if t.kind == K::Word && !FOLLOW_OK.contains(&t.lower.as_ref()) {
                    return None;
                }
            }
        }
        let n_str = n.map_or_else(|| "X".to_string(), |n| n.to_string());
        let (n_str, code) = if code == "2W" {
            (n.map_or_else(|| "X".to_string(), |n| (2 * n).to_string()), "W")
        } else {
            (n_str, code)
        };
        let value = if is_time { format!("PT{n_str}{code}") } else { format!("P{n_str}{code}") };
        Some((end, Sem::Duration(value)))
    }

    fn set(&self, i: usize) -> Option<(usize, Sem)> {
        let simple = match self.w(i)? {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "fortnightly" | "biweekly" => Some("P2W"),
            "monthly" => Some("P1M"),
            "annually" | "yearly" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            "every" | "each" => None,
            _ => return None,
        };
        if let Some(v) = simple {
            return Some((i + 1, Sem::Set(v.to_string())));
        }
        let j = i + 1;
        if let Some(wd) = self.weekday(j) {
            return Some((j + 1, Sem::Set(format!("XXXX-WXX-{wd}"))));
        }
        if let Some(part) = self.part_of_day(j) {
            return Some((j + 1, Sem::Set(format!("XXXX-XX-XX{part}"))));
        }
        let (k, n) = if self.is_w(j, "other") {
            (j + 1, 2)
        } else if let Some((k, Some(n), false)) = self.count(j) {
            (k, n)
        } else {
            (j, 1)
        };
        let (code, is_time, _) = self.unit(k)?;
        let (n, code) = if code == "2W" { (2 * n, "W") } else { (n, code) };
        let v = if is_time { format!("PT{n}{code}") } else { format!("P{n}{code}") };
        Some((k + 1, Sem::Set(v)))
    }

    fn ago(&self, i: usize) -> Option<(usize, Sem)> {
        match self.duration(i)? {
            (e, s @ Sem::Ago { .. }) => Some((e, s)),
            _ => None,
        }
    }

    /// The longest expression starting at token `i`: (end, meaning).
    pub(crate) fn parse_at(&self, i: usize) -> Option<(usize, Sem)> {
        // "in" goes with months, years and parts of days, not with weekdays ("in Tuesday's call").
        let in_ok = !self.is_w(i, "in")
            || (self.weekday(i + 1).is_none() && !self.w_in(i + 1, &["today", "yesterday", "tomorrow", "tonight"]));
        let prefixed = if self.w_in(i, &["on", "in", "since"]) && in_ok { self.point_ext(i + 1) } else { None };
        longest([self.range(i), self.time(i), self.point_ext(i), self.duration(i), self.set(i), prefixed])
    }

    /// A modifier that TimeML keeps inside the extent, before the expression at `i`:
    /// "early December", "late last July", "mid-2023", "earlier this year",
    /// "the past two years", "the next few months", "the first nine months".
    /// Returns the expression with its start moved back, or `None`.
    fn modified(&self, i: usize) -> Option<(usize, usize, Sem)> {
        let w = self.w(i)?;
        match w {
            "early" | "late" | "mid" | "earlier" | "later" => {
                let j = if self.is_dash(i + 1) && self.adj(i, i + 1) { i + 2 } else { i + 1 };
                if matches!(w, "earlier" | "later") && !self.is_w(j, "this") {
                    return None;
                }
                let (e, sem) = self.point_ext(j)?;
                let ok = matches!(sem, Sem::Month { .. } | Sem::MonthYear { .. } | Sem::Year(_) | Sem::Decade(_) | Sem::Rel { .. } | Sem::Part { .. })
                    // "late yesterday", "early Tuesday"
                    || (matches!(w, "early" | "late") && matches!(sem, Sem::Deictic(_) | Sem::Weekday { .. }));
                ok.then_some((i, e, sem))
            }
            // Bounds of a count: "nearly two years", "more than four hours", "up to 180 days";
            // of a past point as well: "almost two years ago", "about a decade ago".
            "nearly" | "almost" | "about" | "some" | "more" | "less" | "at" | "up" => {
                let j = match w {
                    "more" | "less" if self.is_w(i + 1, "than") => i + 2,
                    "at" if self.w_in(i + 1, &["least", "most"]) => i + 2,
                    "up" if self.is_w(i + 1, "to") => i + 2,
                    "more" | "less" | "at" | "up" => return None,
                    _ => i + 1,
                };
                let (e, sem) = self.duration(j)?;
                // "nearly two-year": TimeML leaves an adjective's bound out.
                let hyphen = self.is_dash(e.saturating_sub(2));
                let ok = match sem {
                    Sem::Ago { .. } => true,
                    Sem::Duration(_) => !hyphen && !matches!(w, "almost" | "about" | "some"),
                    _ => false,
                };
                ok.then_some((i, e, sem))
            }
            // "fiscal 1998": the year of a fiscal year, the word in the extent.
            "fiscal" => {
                let y = self.year4(i + 1)?;
                Some((i, i + 2, Sem::Year(y)))
            }
            // "the past decade", "the last century": one unit back from the anchor.
            // ("the last decade" is as often the 1990s: left alone.)
            "the" if self.is_w(i + 1, "past") && self.is_w(i + 2, "decade") => Some((i, i + 3, Sem::Duration("P1DE".to_string()))),
            // "the end of 1990", "the beginning of next month": the point, its bound in the extent.
            "the" if self.w_in(i + 1, &["end", "beginning", "start", "middle"]) && self.is_w(i + 2, "of") => {
                let (e, sem) = self.point_ext(i + 3)?;
                let ok = matches!(sem, Sem::Month { .. } | Sem::MonthYear { .. } | Sem::Year(_) | Sem::Decade(_) | Sem::Rel { .. } | Sem::Part { .. });
                ok.then_some((i, e, sem))
            }
            "the" => {
                if let Some(found) = self.the_decade(i) {
                    return Some(found);
                }
                let j = if self.w_in(i + 1, &["past", "last", "next", "first", "coming", "previous", "following", "final", "same"]) { i + 2 } else { i + 1 };
                let (e, sem) = self.duration(j)?;
                // "the two days", "the past several months": a count, not an article's "a day";
                // "the six-year term": the adjective alone.
                let counted = self.count(j).is_some_and(|(_, _, article)| !article);
                let hyphen = self.is_dash(j + 1) && self.adj(j, j + 1);
                (matches!(sem, Sem::Duration(_)) && counted && (j > i + 1 || !hyphen)).then_some((i, e, sem))
            }
            _ => None,
        }
    }

    /// "the 1990s", "the early 1980s", "the mid-1990s", "the late summer": TimeML keeps "the".
    fn the_decade(&self, i: usize) -> Option<(usize, usize, Sem)> {
        let (e, sem) = if self.w_in(i + 1, &["early", "late", "mid"]) {
            self.modified(i + 1).map(|(_, e, sem)| (e, sem))?
        } else {
            self.year_alone(i + 1)?
        };
        matches!(sem, Sem::Decade(_) | Sem::Part { .. }).then_some((i, e, sem))
    }

    /// The expression at `i` with TimeML's extent: leading prepositions ("on Friday", "in
    /// 2010", "at 8 pm") and a trailing possessive ("Friday's") are left out; modifiers
    /// that TimeML keeps ("early", "the past") are in. (start, end of the extent, end of
    /// the consumed tokens, meaning).
    fn extent_at(&self, i: usize) -> Option<(usize, usize, usize, Sem)> {
        let (end, sem) = match self.parse_at(i) {
            Some((end, sem)) if end > i => (end, sem),
            _ => {
                let (s, e, sem) = self.modified(i)?;
                return Some((s, e, e, sem));
            }
        };
        if let Some((s, e, m)) = self.modified(i).filter(|m| m.1 >= end) {
            return Some((s, e, e, m));
        }
        let mut start = i;
        while start + 1 < end && self.w_in(start, &["on", "in", "since", "at", "by", "until", "till", "before", "after", "during"]) {
            start += 1;
        }
        if start > i {
            if let Some((s, e, m)) = self.modified(start).filter(|m| m.1 >= end) {
                return Some((s, e, e, m));
            }
        }
        let mut ext_end = end;
        if ext_end >= start + 3 && self.is_apos(ext_end - 2) && self.is_w(ext_end - 1, "s") {
            ext_end -= 2;
        }
        Some((start, ext_end, end, sem))
    }

    /// Whether an expression may start at token `i`: a number, one of the words the parsers
    /// above start with in any case, or a capitalised word that starts one only when
    /// capitalised (months, weekdays, holidays, "Q3"). Most words are none of these, and
    /// are skipped without trying every parser.
    fn may_start(&self, i: usize) -> bool {
        let Some(t) = self.t(i) else { return false };
        match t.kind {
            K::Num | K::Ord => true,
            K::Punct => false,
            K::Word => {
                (t.capitalized() && starts_when_capitalised(&t.lower))
                    || word_number(&t.lower).is_some()
                    || self.unit_word(&t.lower).is_some()
                    || matches!(
                        t.lower.as_ref(),
                        "on" | "in" | "since" | "at" | "around" | "about" | "approximately" | "roughly" | "by" | "until"
                            | "before" | "after" | "from" | "between" | "the" | "this" | "that" | "last" | "next"
                            | "coming" | "current" | "past" | "previous" | "these" | "right" | "now" | "currently"
                            | "nowadays" | "recently" | "more" | "most" | "today" | "yesterday" | "tomorrow"
                            | "tonight" | "early" | "late" | "mid" | "earlier" | "later" | "fiscal" | "nearly"
                            | "almost" | "some" | "less" | "up" | "midnight" | "noon" | "midday" | "daily"
                            | "weekly" | "fortnightly" | "biweekly" | "monthly" | "annually" | "yearly" | "hourly"
                            | "every" | "each" | "recent" | "a" | "an" | "several" | "few" | "many" | "spring"
                            | "summer" | "fall" | "autumn" | "winter" | "first" | "second" | "third" | "fourth"
                            | "thousand"
                    )
            }
        }
    }

    /// All expressions of the sentence, left to right, without overlaps.
    pub(crate) fn parse_sentence(&self) -> Vec<Item> {
        let mut out = Vec::new();
        let mut i = self.lo;
        while i < self.hi {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            match self.extent_at(i) {
                Some((start, end, consumed, sem)) if end > start && consumed > i => {
                    out.push(Item { start, end: end.min(self.hi), sem });
                    i = consumed;
                }
                _ => i += 1,
            }
        }
        out
    }
}

/// Words that start an expression only when capitalised (see `month`, `weekday`, `holiday`
/// and `quarter_expr`), lower-cased.
fn starts_when_capitalised(w: &str) -> bool {
    MONTHS.contains(&w)
        || MONTH_ABBR.iter().any(|(a, _)| *a == w)
        || WEEKDAYS.contains(&w)
        || matches!(w, "christmas" | "new" | "thanksgiving" | "halloween" | "independence" | "labor" | "labour" | "q" | "h")
}

fn quarter_sem(quarter: bool, n: i64, y: Option<i64>) -> Sem {
    let (code, start) = match (quarter, n) {
        (true, 1) => ("Q1", 1),
        (true, 2) => ("Q2", 4),
        (true, 3) => ("Q3", 7),
        (true, _) => ("Q4", 10),
        (false, 1) => ("H1", 1),
        (false, _) => ("H2", 7),
    };
    Sem::Part { y, code, start, dir: Dir::Tense }
}

fn longest<const N: usize>(cands: [Option<(usize, Sem)>; N]) -> Option<(usize, Sem)> {
    let mut best: Option<(usize, Sem)> = None;
    for c in cands.into_iter().flatten() {
        if best.as_ref().is_none_or(|b| c.0 > b.0) {
            best = Some(c);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::{longest, Item, Parser, Sem};
    use crate::time::lex::tokenize;
    use proptest::prelude::*;

    /// [`Parser::parse_sentence`] without the `may_start` shortcut: every token is tried.
    fn parse_everywhere(p: &Parser<'_, '_>) -> Vec<Item> {
        let mut out = Vec::new();
        let mut i = p.lo;
        while i < p.hi {
            match p.extent_at(i) {
                Some((start, end, consumed, sem)) if end > start && consumed > i => {
                    out.push(Item { start, end: end.min(p.hi), sem });
                    i = consumed;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// [`Parser::point_base`] without its start-token precheck: every parser runs.
    fn point_base_everywhere(p: &Parser<'_, '_>, i: usize) -> Option<(usize, Sem)> {
        longest([
            p.reference(i),
            p.quarter_ref(i),
            p.weekend(i),
            p.period_ref(i),
            p.century(i),
            p.holiday(i),
            p.year_ago_adjective(i),
            p.season_expr(i),
            p.quarter_expr(i),
            p.year_range(i),
            p.weekday_led(i),
            p.explicit_date(i),
            p.deictic(i),
            p.rel(i),
            p.month_alone(i),
            p.year_alone(i),
            p.spelled_year_alone(i),
            p.ordinal_day(i),
            p.that_day(i),
            p.ago(i),
        ])
    }

    fn check_shortcut(text: &str) {
        let toks = tokenize(text);
        let p = Parser { toks: &toks, lo: 0, hi: toks.len() };
        assert_eq!(format!("{:?}", p.parse_sentence()), format!("{:?}", parse_everywhere(&p)), "{text:?}");
        for i in 0..=toks.len() {
            assert_eq!(format!("{:?}", p.point_base(i)), format!("{:?}", point_base_everywhere(&p, i)), "{text:?} at {i}");
        }
    }

    #[test]
    fn shortcut_finds_what_trying_every_token_finds() {
        check_shortcut("On Tuesday, March 26, 2024 at 10 pm, two days after Christmas Eve.");
        check_shortcut("Early Last Year The Q3 results came Mid-2023, During The Past Two Years and Next Week.");
        check_shortcut("Labor Day, New Year's Day, Thanksgiving Day and Independence Day 1998 Since Sept. 5.");
        check_shortcut("A year ago, two weeks earlier, the year-earlier quarter and the 20th century; in nineteen ninety-six.");
        check_shortcut("That day, 2024-06-20, the 5th of May, 1994-95, Q3 2009 and right now, this past winter.");
    }

    const VOCAB: &[&str] = &[
        "The", "the", "Last", "last", "Next", "This", "That", "In", "in", "On", "on", "At", "Since", "By", "From",
        "Between", "and", "to", "Early", "Late", "Mid", "-", ",", ".", "'", "s", "of", "Christmas", "Eve", "New",
        "Year", "year", "Years", "Day", "day", "days", "Week", "weeks", "Month", "Quarter", "quarter", "Q", "H",
        "Q3", "H1", "First", "Third", "Fiscal", "Half", "Monday", "Tuesday", "March", "May", "may", "Sept",
        "December", "Spring", "Summer", "Today", "Yesterday", "Tomorrow", "Tonight", "Night", "Morning", "Now",
        "Recently", "Currently", "Ago", "ago", "Earlier", "Later", "Two", "two", "Twenty", "A", "a", "Few",
        "Several", "Every", "Daily", "Midnight", "Noon", "At", "Around", "Recent", "For", "Thanksgiving",
        "Labor", "Independence", "Halloween", "Putin", "Hanoi", "Century", "20th", "5", "26", "2024", "1990",
        "10", ":", "30", "pm", "p", "m", "GMT", "Local", "Time", "now", "right", "currently", "these", "recently",
        "more", "most", "that", "current", "latest", "period", "weekend", "full", "fiscal", "earlier", "comparable",
        "past", "previous", "coming", "fall", "winter", "first", "second", "half", "nineteen", "ninety", "thousand",
        "today", "tonight", "week", "month", "near", "future", "term", "short", "1994", "95", "06", "3rd", "century",
        "an", "recent", "for", "in", "(", ")", "$",
    ];

    proptest! {
        #[test]
        fn shortcut_finds_what_trying_every_token_finds_in_any_order(words in prop::collection::vec(prop::sample::select(VOCAB), 0..14)) {
            check_shortcut(&words.join(" "));
        }
    }
}
