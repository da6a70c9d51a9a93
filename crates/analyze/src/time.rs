//! Time expressions: recognition and TIMEX3-style normalisation (in the manner of
//! HeidelTime / SUTime), plus the article's own date from its text.
//!
//! Recognition (`parse`) works on the tokens of one sentence and yields meanings;
//! normalisation (here) anchors them: deictic expressions on the article's date
//! (`reference`, else the event's `context`), weekdays and bare months in the direction
//! the clause's tense gives, day numbers ("the 20th") on the last full date mentioned,
//! times of day on the date of their expression or sentence. Unknown parts stay `X`:
//! a year is never guessed.

mod cal;
mod lex;
mod parse;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use foldhash::HashSet;
use jiff::civil::Date;
use storyline_model::{DateSource, Span, TimeExpr, TimexType};

use cal::{civil_from_days, days_from_civil, days_in_month, fmt_day, fmt_week, fmt_year, weekday, weekday_name};
use lex::{K, Tok};
use parse::{Dir, Item, Parser, Sem, Unit};
pub use parse::is_calendar_word;

/// What is known of an article's date when its time expressions are normalised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeAnchor {
    /// The article's own date (publication), when known: the anchor of deictic expressions.
    pub reference: Option<Date>,
    /// The date of the article's event as other sources give it: completes partial dates
    /// (a year for "March 27", a month for "the 20th") and picks between readings that
    /// contradict each other ("Tuesday (March 27)").
    pub context: Option<Date>,
}

/// Sentences longer than this many tokens are cut into windows (bounded work).
const MAX_SENTENCE_TOKENS: usize = 400;
/// How far (in tokens) to look for tense cues.
const TENSE_WINDOW: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

struct Ctx {
    anchor: Option<i64>,
    reference: Option<i64>,
    context: Option<i64>,
    /// The last full date the article mentioned (for "the 20th", "that day").
    last_full: Option<i64>,
    /// The last quarter the article named, (year, 1–4): "the quarter", "a year earlier".
    last_quarter: Option<(i64, i64)>,
}

#[derive(Debug, Clone)]
struct Res {
    value: String,
    kind: TimexType,
    stated: Option<String>,
    warning: Option<String>,
    /// The calendar day the expression denotes, when it denotes one.
    day: Option<i64>,
}

impl Res {
    fn new(value: String, kind: TimexType, day: Option<i64>) -> Self {
        Self { value, kind, stated: None, warning: None, day }
    }
}

/// Whether [`find_times`] against the same `reference` date and another `context` could give
/// other values than `times`: the context settles only a weekday that contradicts its date
/// (the date matching the context stands), and such an expression always carries a warning.
/// Without a reference date the context anchors everything.
pub fn context_can_change(times: &[TimeExpr], reference: Option<Date>) -> bool {
    reference.is_none() || times.iter().any(|t| t.warning.is_some())
}

/// Finds and normalises the time expressions of `body` (sentences as `sentences`).
pub fn find_times(body: &str, sentences: &[Span], anchor: &TimeAnchor) -> Vec<TimeExpr> {
    let toks = lex::tokenize(body);
    let reference = anchor.reference.map(cal::from_date);
    let context = anchor.context.map(cal::from_date);
    let mut ctx = Ctx { anchor: reference.or(context), reference, context, last_full: None, last_quarter: None };
    let mut out: Vec<TimeExpr> = Vec::new();
    for (lo, hi) in sentence_groups(body, &toks, sentences) {
        let parser = Parser { toks: &toks, lo, hi };
        let items = parser.parse_sentence();
        resolve_sentence(body, &toks, lo, hi, &items, &mut ctx, &mut out);
    }
    out.sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.end)));
    let mut kept: Vec<TimeExpr> = Vec::with_capacity(out.len());
    for t in out {
        if kept.last().is_some_and(|k| k.span.overlaps(t.span)) {
            continue;
        }
        kept.push(t);
    }
    kept
}

/// The two ends of a range ("from 1994 to 1997", "between May and June") as expressions of
/// their own, TimeML's convention (which marks each end and not the range); `None` when `t`
/// is no range.
pub fn range_ends(t: &TimeExpr) -> Option<[TimeExpr; 2]> {
    let (a, b) = t.value.split_once('/')?;
    let toks = lex::tokenize(&t.text);
    let first = usize::from(toks.first().is_some_and(|w| matches!(w.lower.as_ref(), "from" | "between")));
    let sep = (first + 1..toks.len()).find(|&k| {
        toks.get(k).is_some_and(|w| matches!(w.lower.as_ref(), "to" | "until" | "till" | "through" | "and" | "-" | "–" | "—"))
    })?;
    let part = |lo: usize, hi: usize, value: &str| -> Option<TimeExpr> {
        let (s, e) = (toks.get(lo)?.start, toks.get(hi.checked_sub(1)?)?.end);
        let kind = if value.contains('T') { TimexType::Time } else { TimexType::Date };
        let span = Span::new(t.span.start + s, t.span.start + e);
        Some(TimeExpr { span, text: t.text.get(s..e)?.to_string(), kind, value: value.to_string(), stated: None, warning: None })
    };
    Some([part(first, sep, a)?, part(sep + 1, toks.len(), b)?])
}

/// Token ranges of the sentences (clamped, in order; the whole text when none are given).
fn sentence_groups(body: &str, toks: &[Tok<'_>], sentences: &[Span]) -> Vec<(usize, usize)> {
    let mut spans: Vec<Span> = sentences
        .iter()
        .filter(|s| s.start < s.end && s.end <= body.len())
        .copied()
        .collect();
    if spans.is_empty() && !body.is_empty() {
        spans.push(Span::new(0, body.len()));
    }
    spans.sort();
    let mut groups = Vec::new();
    let mut floor = 0;
    for s in spans {
        let lo = toks.partition_point(|t| t.start < s.start).max(floor);
        let hi = toks.partition_point(|t| t.end <= s.end).max(lo);
        floor = hi;
        let mut a = lo;
        while a < hi {
            let b = (a + MAX_SENTENCE_TOKENS).min(hi);
            groups.push((a, b));
            a = b;
        }
    }
    groups
}

fn resolve_sentence(
    body: &str,
    toks: &[Tok<'_>],
    lo: usize,
    hi: usize,
    items: &[Item],
    ctx: &mut Ctx,
    out: &mut Vec<TimeExpr>,
) {
    let mut results: Vec<Option<Res>> = vec![None; items.len()];
    let mut days: Vec<(usize, i64)> = Vec::new();
    // Pass 1: everything but times of day that have no date of their own.
    for (k, item) in items.iter().enumerate() {
        if matches!(item.sem, Sem::Time { date: None, .. }) {
            continue;
        }
        let tense = tense_of(toks, lo, hi, item.start, item.end);
        let res = resolve(&item.sem, tense, ctx, None);
        if let Some(r) = &res {
            if let Some(d) = r.day {
                days.push((item.start, d));
            }
        }
        results[k] = res;
    }
    // Pass 2: times of day take the nearest date of their sentence, else the anchor.
    for (k, item) in items.iter().enumerate() {
        if !matches!(item.sem, Sem::Time { date: None, .. }) {
            continue;
        }
        let near = days.iter().min_by_key(|(pos, _)| pos.abs_diff(item.start)).map(|&(_, d)| d);
        let tense = tense_of(toks, lo, hi, item.start, item.end);
        results[k] = resolve(&item.sem, tense, ctx, near);
    }
    for (item, res) in items.iter().zip(results) {
        let Some(res) = res else { continue };
        let (Some(first), Some(last)) = (toks.get(item.start), toks.get(item.end.saturating_sub(1))) else {
            continue;
        };
        let span = Span::new(first.start, last.end);
        let Some(text) = body.get(span.start..span.end) else { continue };
        out.push(TimeExpr {
            span,
            text: text.to_string(),
            kind: res.kind,
            value: res.value,
            stated: res.stated,
            warning: res.warning,
        });
    }
}

fn is_clause_break(t: &Tok<'_>) -> bool {
    t.kind == K::Punct && matches!(t.text, "," | ";" | ":" | "—" | "–" | "(" | ")" | "\"" | "“" | "”")
}

/// The tense of the clause around tokens [s, e): the nearest cue in the clause, else in the sentence.
fn tense_of(toks: &[Tok<'_>], lo: usize, hi: usize, s: usize, e: usize) -> Tense {
    let lo = lo.max(s.saturating_sub(TENSE_WINDOW));
    let hi = hi.min(e.saturating_add(TENSE_WINDOW)).min(toks.len());
    let mut cl = s.min(hi);
    while cl > lo && toks.get(cl - 1).is_some_and(|t| !is_clause_break(t)) {
        cl -= 1;
    }
    let mut cr = e.min(hi);
    while cr < hi && toks.get(cr).is_some_and(|t| !is_clause_break(t)) {
        cr += 1;
    }
    nearest_cue(toks, cl, cr, s, e)
        .or_else(|| nearest_cue(toks, lo, hi, s, e))
        .unwrap_or(Tense::Unknown)
}

/// The tense cue among tokens [from, to) nearest to the expression [s, e) (from ≤ s ≤ e ≤ to),
/// outside it; at equal distance the one before it. Searched outwards, to stop at the first.
fn nearest_cue(toks: &[Tok<'_>], from: usize, to: usize, s: usize, e: usize) -> Option<Tense> {
    let reach = s.saturating_sub(from).max(to.saturating_sub(e));
    let within = |k: usize| (from..to).contains(&k);
    for d in 1..=reach {
        if let Some(t) = s.checked_sub(d).filter(|&k| within(k)).and_then(|k| cue(toks, k)) {
            return Some(t);
        }
        if let Some(t) = Some(e + d - 1).filter(|&k| within(k)).and_then(|k| cue(toks, k)) {
            return Some(t);
        }
    }
    None
}

const PAST_WORDS: &[&str] = &[
    "was", "were", "had", "did", "been", "has", "have", "said", "told", "met", "made", "left", "took",
    "came", "went", "saw", "gave", "held", "spoke", "began", "won", "lost", "got", "became", "sent",
    "led", "brought", "found", "thought", "sworn", "ago", "paid", "kept", "fell", "rose", "struck",
    "wrote", "flew", "ran", "stood", "sat", "heard", "knew", "felt", "meant", "chose", "broke",
    "drove", "forgot", "grew", "hid", "hit", "hung", "laid", "lay", "lent", "sold", "sought", "shot",
    "slept", "spent", "stole", "swore", "taught", "threw", "understood", "woke", "wore", "yesterday",
    "earlier", "previously", "already",
];
const NOT_PAST_ED: &[&str] = &[
    "need", "indeed", "united", "based", "limited", "expected", "scheduled", "red", "bed", "speed",
    "feed", "seed", "breed", "proceed", "exceed", "succeed", "hundred", "kindred", "embed", "shed",
    "weed", "deed", "greed", "reed", "tweed", "steed", "bleed", "freed", "agreed", "sacred", "naked",
    "wicked", "beloved", "detailed", "advanced", "armed", "alleged", "unprecedented", "owned",
    "related", "skilled", "talented", "concerned", "interested", "supposed", "used", "unrelated",
];

/// [`PAST_WORDS`] as a set: a cue is looked for at many tokens.
static PAST_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| PAST_WORDS.iter().copied().collect());

fn cue(toks: &[Tok<'_>], k: usize) -> Option<Tense> {
    let t = toks.get(k).filter(|t| t.kind == K::Word)?;
    let w = t.lower.as_ref();
    let next = toks.get(k + 1).map(|t| t.lower.as_ref());
    let prev = k.checked_sub(1).and_then(|p| toks.get(p)).map(|t| t.lower.as_ref());
    match w {
        "will" | "shall" | "would" | "upcoming" | "scheduled" | "expected" | "tomorrow" | "next" | "forthcoming" => {
            return Some(Tense::Future);
        }
        "ll" if matches!(prev, Some("'" | "’")) => return Some(Tense::Future),
        "due" if matches!(next, Some("to" | "on" | "in" | "by")) => return Some(Tense::Future),
        "may" | "might" if !t.capitalized() => return Some(Tense::Future),
        // Dividends and redemptions are announced before they are paid.
        "payable" => return Some(Tense::Future),
        "due" | "plans" | "plan" | "planning" | "set" | "going" | "aims" | "intends" | "expects"
            if next == Some("to") =>
        {
            return Some(Tense::Future);
        }
        "be" if prev == Some("to") => return Some(Tense::Future),
        _ => {}
    }
    let past = PAST_SET.contains(w) || (w.len() >= 5 && w.ends_with("ed") && !NOT_PAST_ED.contains(&w) && !t.capitalized());
    // A participle after "be" ("will be held") takes its tense from the auxiliary before it.
    if past && !matches!(prev, Some("be" | "being")) {
        return Some(Tense::Past);
    }
    None
}

/// The year that puts month `m`, day `d` nearest to the day `a`.
fn nearest_year(a: i64, m: i64, d: i64) -> Option<i64> {
    let (ay, _, _) = civil_from_days(a);
    (ay - 1..=ay + 1)
        .filter(|&y| d >= 1 && d <= days_in_month(y, m))
        .min_by_key(|&y| (days_from_civil(y, m, d) - a).abs())
}

/// How far a past-tense date may lie after its anchor (or a future one before it) and
/// still be read in the anchor's year: anchors are a few days off at times, and a clause's
/// tense is often a reporting verb's ("invited them to a ceremony on March 12"), while news
/// seldom names a day almost a year back without its year. Chosen on TimeBank + AQUAINT.
const TENSE_SLACK_DAYS: i64 = 60;

/// The year of month `m`, day `d` near the day `a`: the nearest occurrence that agrees
/// with the tense (past: not after the anchor; future: not before it; within a slack).
fn year_for(a: i64, m: i64, d: i64, tense: Tense) -> Option<i64> {
    let (ay, _, _) = civil_from_days(a);
    (ay - 1..=ay + 1)
        .filter(|&y| d >= 1 && d <= days_in_month(y, m))
        .filter(|&y| {
            let z = days_from_civil(y, m, d);
            match tense {
                Tense::Past => z <= a + TENSE_SLACK_DAYS,
                Tense::Future => z >= a - TENSE_SLACK_DAYS,
                Tense::Unknown => true,
            }
        })
        .min_by_key(|&y| (days_from_civil(y, m, d) - a).abs())
        .or_else(|| nearest_year(a, m, d))
}

/// The year of month `m` (or of a season or quarter starting in `m`) said with `dir`
/// near the day `a`: last/next strictly before/after the anchor's month, "this" the
/// anchor's year, else the tense's direction.
fn month_year(a: i64, m: i64, dir: Dir, tense: Tense) -> i64 {
    let (ay, am, _) = civil_from_days(a);
    match (dir, tense) {
        (Dir::Last, _) => if m < am { ay } else { ay - 1 },
        (Dir::Next, _) => if m > am { ay } else { ay + 1 },
        (Dir::This, _) => ay,
        (Dir::Tense, Tense::Future) => if m >= am { ay } else { ay + 1 },
        (Dir::Tense, _) => if m <= am { ay } else { ay - 1 },
    }
}

fn add_months(y: i64, m: i64, off: i64) -> (i64, i64) {
    let total = y * 12 + (m - 1) + off;
    (total.div_euclid(12), total.rem_euclid(12) + 1)
}

fn resolve(sem: &Sem, tense: Tense, ctx: &mut Ctx, near: Option<i64>) -> Option<Res> {
    let res = match sem {
        Sem::Day { y, m, d, wd } => resolve_day(*y, *m, *d, *wd, tense, ctx),
        Sem::Ordinal { d } => {
            let d = *d;
            let base = match (ctx.last_full, ctx.anchor) {
                (Some(z), _) => {
                    let (y, m, _) = civil_from_days(z);
                    Some((y, m))
                }
                (None, Some(a)) => {
                    let (y, m, ad) = civil_from_days(a);
                    Some(match tense {
                        Tense::Past if d > ad => add_months(y, m, -1),
                        Tense::Future if d < ad => add_months(y, m, 1),
                        _ => (y, m),
                    })
                }
                _ => None,
            };
            match base {
                Some((y, m)) if d <= days_in_month(y, m) => {
                    let z = days_from_civil(y, m, d);
                    Some(Res::new(fmt_day(z), TimexType::Date, Some(z)))
                }
                _ => Some(Res::new(format!("XXXX-XX-{d:02}"), TimexType::Date, None)),
            }
        }
        Sem::MonthYear { y, m } => Some(Res::new(format!("{}-{m:02}", fmt_year(*y)), TimexType::Date, None)),
        Sem::Year(y) => Some(Res::new(fmt_year(*y), TimexType::Date, None)),
        Sem::Decade(d) => Some(Res::new(format!("{d:03}"), TimexType::Date, None)),
        Sem::Century(c) => Some(Res::new(format!("{c:02}"), TimexType::Date, None)),
        Sem::NthWeekday { m, n, wd } => Some(match ctx.anchor {
            Some(a) => {
                // The year as for a date in the middle of the holiday's possible days.
                let y = year_for(a, *m, 7 * n - 3, tense)?;
                let first = days_from_civil(y, *m, 1);
                let z = first + (wd - weekday(first)).rem_euclid(7) + 7 * (n - 1);
                Res::new(fmt_day(z), TimexType::Date, Some(z))
            }
            None => Res::new(format!("XXXX-{m:02}-XX"), TimexType::Date, None),
        }),
        Sem::Part { y, code, start, dir } => {
            let value = match (y, ctx.anchor) {
                (Some(y), _) => format!("{}-{code}", fmt_year(*y)),
                // "last summer" said in August is the previous one: compare its last month.
                (None, Some(a)) => {
                    let y = if code.starts_with(['Q', 'H']) && *dir == Dir::Tense {
                        // A bare quarter or half ("the third quarter") is the nearest one: results
                        // are reported after the quarter, forecasts made before it.
                        let (ay, am, _) = civil_from_days(a);
                        let len = if code.starts_with('Q') { 3 } else { 6 };
                        let mid2 = 2 * start + len - 1;
                        let here = 2 * (ay * 12 + am) - 1;
                        let past_first = if tense == Tense::Future { [ay + 1, ay, ay - 1] } else { [ay - 1, ay, ay + 1] };
                        past_first.into_iter().min_by_key(|y| (2 * y * 12 + mid2 - here).abs()).unwrap_or(ay)
                    } else {
                        let m = if *dir == Dir::Last { start + 2 } else { *start };
                        month_year(a, m, *dir, tense)
                    };
                    format!("{}-{code}", fmt_year(y))
                }
                (None, None) => format!("XXXX-{code}"),
            };
            Some(Res::new(value, TimexType::Date, None))
        }
        Sem::Month { m, dir } => {
            let m = *m;
            let value = match ctx.anchor {
                Some(a) => format!("{}-{m:02}", fmt_year(month_year(a, m, *dir, tense))),
                None => format!("XXXX-{m:02}"),
            };
            Some(Res::new(value, TimexType::Date, None))
        }
        Sem::Weekday { wd, dir } => {
            let wd = *wd;
            match ctx.anchor {
                Some(a) => {
                    let aw = weekday(a);
                    let z = match (dir, tense) {
                        (Dir::Last, _) => a - ((aw - wd - 1).rem_euclid(7) + 1),
                        (Dir::Next, _) => a + ((wd - aw - 1).rem_euclid(7) + 1),
                        (Dir::This, _) => a - aw + wd,
                        (Dir::Tense, Tense::Future) => a + (wd - aw).rem_euclid(7),
                        (Dir::Tense, _) => a - (aw - wd).rem_euclid(7),
                    };
                    Some(Res::new(fmt_day(z), TimexType::Date, Some(z)))
                }
                None => Some(Res::new(format!("XXXX-WXX-{wd}"), TimexType::Date, None)),
            }
        }
        Sem::Deictic(off) => Some(match ctx.anchor {
            Some(a) => Res::new(fmt_day(a + off), TimexType::Date, Some(a + off)),
            None => Res::new("XXXX-XX-XX".to_string(), TimexType::Date, None),
        }),
        Sem::Rel { unit, offset } => Some(Res::new(rel_value(ctx.anchor, *unit, *offset, 1), TimexType::Date, None)),
        Sem::Ago { n, unit } => match n {
            // "a year ago" in a report on a quarter: that quarter a year before.
            Some(n) if *unit == Unit::Year && ctx.last_quarter.is_some() => {
                let (y, q) = ctx.last_quarter?;
                Some(Res::new(format!("{}-Q{q}", fmt_year(y - n)), TimexType::Date, None))
            }
            Some(n) => {
                let day = match (unit, ctx.anchor) {
                    (Unit::Day, Some(a)) => Some(a - n),
                    _ => None,
                };
                Some(Res::new(rel_value(ctx.anchor, *unit, -n, 1), TimexType::Date, day))
            }
            None => Some(Res::new("PAST_REF".to_string(), TimexType::Date, None)),
        },
        Sem::Ref(v) => Some(Res::new((*v).to_string(), TimexType::Date, None)),
        Sem::QuarterRef { this, named_only, years_back } => {
            // Results are reported after their quarter: a past "the quarter" is the last one.
            let reported = ctx.anchor.map(|a| {
                let (ay, am, _) = civil_from_days(a);
                let current = (am - 1) / 3 + 1;
                match (this, tense) {
                    (false, Tense::Past | Tense::Unknown) if current == 1 => (ay - 1, 4),
                    (false, Tense::Past | Tense::Unknown) => (ay, current - 1),
                    _ => (ay, current),
                }
            });
            // The quarter named last, unless it lies after the one the anchor reports on.
            let named = ctx.last_quarter.filter(|n| reported.is_none_or(|r| *this || *n <= r || tense == Tense::Future));
            let (y, q) = match (named, reported) {
                (Some(n), _) => n,
                (None, _) if *named_only => return None,
                (None, Some(r)) => r,
                (None, None) => return Some(Res::new("XXXX-QX".to_string(), TimexType::Date, None)),
            };
            Some(Res::new(format!("{}-Q{q}", fmt_year(y - years_back)), TimexType::Date, None))
        }
        Sem::RelPart { offset, code } => Some(match ctx.anchor {
            Some(a) => {
                let (ay, _, _) = civil_from_days(a);
                Res::new(format!("{}-{code}", fmt_year(ay + offset)), TimexType::Date, None)
            }
            None => Res::new(format!("XXXX-{code}"), TimexType::Date, None),
        }),
        Sem::YearPeriod(y) => Some(match ctx.last_quarter {
            Some((_, q)) => Res::new(format!("{}-Q{q}", fmt_year(*y)), TimexType::Date, None),
            None => Res::new(fmt_year(*y), TimexType::Date, None),
        }),
        Sem::Weekend => Some(match ctx.anchor {
            Some(a) => {
                // Days since the last Saturday (weekday 6), and until the next one.
                let since = (weekday(a) - 6).rem_euclid(7);
                let saturday = match tense {
                    Tense::Future => a + (6 - weekday(a)).rem_euclid(7),
                    _ => a - since,
                };
                Res::new(format!("{}-WE", fmt_week(saturday)), TimexType::Date, None)
            }
            None => Res::new("XXXX-WXX-WE".to_string(), TimexType::Date, None),
        }),
        Sem::ThatDay(offset) => ctx.last_full.map(|z| Res::new(fmt_day(z + offset), TimexType::Date, Some(z + offset))),
        Sem::WithPart(inner, part) => {
            let r = resolve(inner, tense, ctx, near)?;
            let date = r.day.map_or_else(|| "XXXX-XX-XX".to_string(), fmt_day);
            Some(Res { value: format!("{date}{part}"), kind: TimexType::Time, ..r })
        }
        Sem::Time { h, min, date } => {
            let (day, base) = match date {
                Some(s) => {
                    let r = resolve(s, tense, ctx, None)?;
                    (r.day, Some(r))
                }
                None => (near.or(ctx.anchor), None),
            };
            let date = day.map_or_else(|| "XXXX-XX-XX".to_string(), fmt_day);
            let mut r = Res::new(format!("{date}T{h:02}:{min:02}"), TimexType::Time, day);
            if let Some(b) = base {
                r.warning = b.warning;
                r.stated = b.stated.map(|s| format!("{s}T{h:02}:{min:02}"));
            }
            Some(r)
        }
        Sem::Range(a, b) => {
            let rb = resolve(b, tense, ctx, near)?;
            let ra = match (a.as_ref(), rb.day) {
                (Sem::Ordinal { d }, Some(zb)) => {
                    let (y, m, _) = civil_from_days(zb);
                    if *d <= days_in_month(y, m) {
                        let z = days_from_civil(y, m, *d);
                        Res::new(fmt_day(z), TimexType::Date, Some(z))
                    } else {
                        resolve(a, tense, ctx, near)?
                    }
                }
                _ => resolve(a, tense, ctx, near)?,
            };
            if let Some(z) = rb.day {
                ctx.last_full = Some(z);
            }
            let kind = if ra.kind == TimexType::Time || rb.kind == TimexType::Time { TimexType::Time } else { TimexType::Date };
            let warning = ra.warning.or(rb.warning);
            Some(Res { value: format!("{}/{}", ra.value, rb.value), kind, stated: None, warning, day: None })
        }
        Sem::Duration(v) => Some(Res::new(v.clone(), TimexType::Duration, None)),
        Sem::Set(v) => Some(Res::new(v.clone(), TimexType::Set, None)),
    };
    let mut res = res?;
    if matches!(sem, Sem::Part { .. } | Sem::RelPart { offset: 0, .. }) {
        if let Some((y, q)) = res.value.split_once("-Q").and_then(|(y, q)| Some((y.parse().ok()?, q.parse().ok()?))) {
            ctx.last_quarter = Some((y, q));
        }
    }
    if matches!(sem, Sem::Day { .. } | Sem::Ordinal { .. }) {
        if let Some(z) = res.day {
            ctx.last_full = Some(z);
            if let (Some(r), Tense::Past) = (ctx.reference, tense) {
                if z > r && res.warning.is_none() {
                    res.warning = Some(format!(
                        "{} is after the article's date {} but is reported in the past tense",
                        fmt_day(z),
                        fmt_day(r)
                    ));
                }
            }
        }
    }
    Some(res)
}

fn resolve_day(y: Option<i64>, m: i64, d: i64, wd: Option<i64>, tense: Tense, ctx: &Ctx) -> Option<Res> {
    let y = match y {
        Some(y) => Some(y),
        None => match ctx.anchor {
            Some(a) => Some(year_for(a, m, d, tense)?),
            None => None,
        },
    };
    let Some(y) = y else {
        return Some(Res::new(format!("XXXX-{m:02}-{d:02}"), TimexType::Date, None));
    };
    if d < 1 || d > days_in_month(y, m) {
        return None;
    }
    let z = days_from_civil(y, m, d);
    let mut res = Res::new(fmt_day(z), TimexType::Date, Some(z));
    if let Some(wd) = wd {
        let actual = weekday(z);
        if actual != wd {
            let fwd = (wd - actual).rem_euclid(7);
            let w = if fwd <= 3 { z + fwd } else { z - (7 - fwd) };
            if ctx.context == Some(w) {
                res = Res::new(fmt_day(w), TimexType::Date, Some(w));
                res.stated = Some(fmt_day(z));
            }
            res.warning = Some(format!(
                "{} does not match {} (a {})",
                weekday_name(wd),
                fmt_day(z),
                weekday_name(actual)
            ));
        }
    }
    Some(res)
}

fn rel_value(anchor: Option<i64>, unit: Unit, offset: i64, _n: i64) -> String {
    match (anchor, unit) {
        (Some(a), Unit::Day) => fmt_day(a + offset),
        (Some(a), Unit::Week) => fmt_week(a + 7 * offset),
        (Some(a), Unit::Weekend) => format!("{}-WE", fmt_week(a + 7 * offset)),
        (Some(a), Unit::Month) => {
            let (y, m, _) = civil_from_days(a);
            let (y, m) = add_months(y, m, offset);
            format!("{}-{m:02}", fmt_year(y))
        }
        (Some(a), Unit::Year) => {
            let (y, _, _) = civil_from_days(a);
            fmt_year(y + offset)
        }
        (None, Unit::Day) => "XXXX-XX-XX".to_string(),
        (None, Unit::Week) => "XXXX-WXX".to_string(),
        (None, Unit::Weekend) => "XXXX-WXX-WE".to_string(),
        (None, Unit::Month) => "XXXX-XX".to_string(),
        (None, Unit::Year) => "XXXX".to_string(),
    }
}

/// The article's own date from its text when no metadata gives it.
///
/// A byline or date line with a full date → [`DateSource::Byline`]; a full date in the
/// lead's first sentences → [`DateSource::Text`]; a month and day in the lead completed
/// with the year nearest `context` → [`DateSource::TextAndEvent`]. A bare weekday or
/// day number says nothing certain: `None` (the caller falls back on the event date).
pub fn infer_article_date(body: &str, sentences: &[Span], context: Option<Date>) -> Option<(Date, DateSource)> {
    let context = context.map(cal::from_date);
    let toks = lex::tokenize(body);
    // 1. Byline or date lines among the first and last lines.
    let lines: Vec<Span> = line_spans(body);
    let n = lines.len();
    for (k, line) in lines.iter().enumerate() {
        if k >= 4 && k + 3 < n {
            continue;
        }
        let text = line.slice(body).trim();
        if text.len() > 200 {
            continue;
        }
        let lower = text.to_lowercase();
        let marked = ["by ", "published", "posted", "updated", "date:", "dated"].iter().any(|p| lower.starts_with(p));
        let short = text.chars().count() <= 60;
        if !(marked || short) {
            continue;
        }
        let lo = toks.partition_point(|t| t.start < line.start);
        let hi = toks.partition_point(|t| t.end <= line.end).max(lo);
        let items = Parser { toks: &toks, lo, hi }.parse_sentence();
        // A short line must be mostly the date itself to be a date line.
        for item in &items {
            if let Some(z) = full_day(&item.sem) {
                let covered = toks.get(item.start).zip(toks.get(item.end.saturating_sub(1))).map_or(0, |(a, b)| b.end - a.start);
                if marked || covered * 2 >= text.len() {
                    if let Some(date) = cal::to_date(z) {
                        return Some((date, DateSource::Byline));
                    }
                }
            }
        }
    }
    // 2. The lead.
    let mut groups: Vec<(usize, usize)> = sentence_groups(body, &toks, sentences);
    if sentences.is_empty() {
        groups = sentence_groups(body, &toks, &crate::sentences::split(body));
    }
    let lead: Vec<Item> = groups
        .iter()
        .take(3)
        .flat_map(|&(lo, hi)| Parser { toks: &toks, lo, hi }.parse_sentence())
        .collect();
    let pictured = |item: &Item| item.end.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|t| dates_a_picture(body, t.end));
    for item in lead.iter().filter(|item| !pictured(item)) {
        if let Some(z) = full_day(&item.sem) {
            if context.is_none_or(|c| (z - c).abs() <= 366) {
                if let Some(date) = cal::to_date(z) {
                    return Some((date, DateSource::Text));
                }
            }
        }
    }
    let c = context?;
    for item in &lead {
        let day = match &item.sem {
            Sem::Day { y: None, m, d, .. } => Some((*m, *d)),
            Sem::Time { date: Some(s), .. } => match s.as_ref() {
                Sem::Day { y: None, m, d, .. } => Some((*m, *d)),
                _ => None,
            },
            _ => None,
        };
        if let Some((m, d)) = day {
            if let Some(y) = nearest_year(c, m, d) {
                if let Some(date) = cal::to_date(days_from_civil(y, m, d)) {
                    return Some((date, DateSource::TextAndEvent));
                }
            }
        }
    }
    None
}

/// Whether the date ending at byte `end` of `body` is a picture's: followed by the word "photo",
/// "file photo", "photograph", "picture" or "image", as in the captions of agency photographs often kept with the
/// text ("In this Dec. 12, 2006, file photo, …"). Such a date does not date the news.
pub fn dates_a_picture(body: &str, end: usize) -> bool {
    let after: String = body.get(end..).unwrap_or("").trim_start_matches([',', ' ']).chars().take(12).collect();
    let after = after.to_lowercase();
    let after = after.strip_prefix("file ").unwrap_or(&after);
    ["photo", "photograph", "picture", "image"].iter().any(|w| after.strip_prefix(w).is_some_and(|rest| !rest.starts_with(char::is_alphabetic)))
}

/// The day of a fully stated date (with its year), as stated.
fn full_day(sem: &Sem) -> Option<i64> {
    match sem {
        Sem::Day { y: Some(y), m, d, .. } if *d >= 1 && *d <= days_in_month(*y, *m) => Some(days_from_civil(*y, *m, *d)),
        Sem::Time { date: Some(s), .. } => full_day(s),
        _ => None,
    }
}

fn line_spans(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let end = start + line.len();
        if !line.trim().is_empty() {
            out.push(Span::new(start, end));
        }
        start = end;
    }
    out
}
