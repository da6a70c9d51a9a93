//! Time-expression evaluation in the manner of TempEval-3 Task A: strict and relaxed span
//! precision/recall/F1 of TIMEX3 extents, and value (and type) accuracy and F1 over the
//! relaxed matches. Documents are TimeML (`.tml`): the text of `<TEXT>` is the body, its
//! `TIMEX3` elements the gold, and the document creation time (`<DCT>`) the anchor. TIMEX3s
//! that are the creation time (`functionInDocument="CREATION_TIME"`) are not scored.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::civil::Date;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde::Serialize;

use crate::entities::{read, LoadError};
use crate::metrics::Prf;

/// A gold or predicted TIMEX3: a byte span of the body, its type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    /// DATE, TIME, DURATION or SET (upper case).
    pub kind: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct TimeDoc {
    pub id: String,
    pub body: String,
    /// The document creation time as its TIMEX3 value, and as a date when it has one.
    pub dct_value: String,
    pub dct: Option<Date>,
    pub gold: Vec<Timex>,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Parses one TimeML document.
pub fn parse_timeml(id: &str, xml: &str) -> Result<TimeDoc, String> {
    let mut reader = Reader::from_str(xml);
    let mut body = String::new();
    let mut in_text = false;
    let mut in_dct = false;
    let mut dct_value = String::new();
    let mut open: Option<(usize, String, String, bool)> = None;
    let mut gold = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                b"TEXT" => in_text = true,
                b"DCT" => in_dct = true,
                b"TIMEX3" => {
                    let creation = attr(&e, b"functionInDocument").as_deref() == Some("CREATION_TIME");
                    let value = attr(&e, b"value").unwrap_or_default();
                    if (in_dct || creation) && dct_value.is_empty() {
                        dct_value = value.clone();
                    }
                    if in_text {
                        let kind = attr(&e, b"type").unwrap_or_default().to_uppercase();
                        open = Some((body.len(), kind, value, creation));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"TEXT" => in_text = false,
                b"DCT" => in_dct = false,
                b"TIMEX3" => {
                    if let Some((start, kind, value, creation)) = open.take() {
                        if !creation && body.len() > start {
                            gold.push(Timex { start, end: body.len(), kind, value });
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.unescape().map_err(|e| e.to_string())?;
                body.push_str(&s);
            }
            Event::CData(t) if in_text => body.push_str(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
    }
    // Trim surrounding whitespace of each extent (the body stays as it is).
    for g in &mut gold {
        let s = &body[g.start..g.end];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail < s.len() {
            g.start += lead;
            g.end -= trail;
        }
    }
    let dct = dct_value.get(..10).and_then(|s| s.parse::<Date>().ok());
    Ok(TimeDoc { id: id.to_string(), body, dct_value, dct, gold })
}

fn tml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let rd = std::fs::read_dir(dir).map_err(|source| LoadError::Io { path: dir.display().to_string(), source })?;
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            tml_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

/// Every `.tml` file under `path` (a directory, recursively, in name order; or one file).
pub fn load_timeml(path: &Path) -> Result<Vec<TimeDoc>, LoadError> {
    let mut files = Vec::new();
    if path.is_dir() {
        tml_files(path, &mut files)?;
    } else {
        files.push(path.to_path_buf());
    }
    let mut docs = Vec::new();
    for f in files {
        let xml = read(&f)?;
        let id = f.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let doc = parse_timeml(&id, &xml).map_err(|message| LoadError::Parse { path: f.display().to_string(), line: 0, message })?;
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err(LoadError::Empty(path.display().to_string()));
    }
    Ok(docs)
}

/// Counts of one comparison of system and gold TIMEX3s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TimeCounts {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    /// Relaxed matches whose value is the gold value.
    pub value: usize,
    /// Relaxed matches whose type is the gold type.
    pub kind: usize,
}

impl TimeCounts {
    fn add(&mut self, o: TimeCounts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
        self.kind += o.kind;
    }

    fn prf(&self, hits: usize) -> Prf {
        let p = if self.system > 0 { hits as f64 / self.system as f64 } else { 0.0 };
        let r = if self.gold > 0 { hits as f64 / self.gold as f64 } else { 0.0 };
        Prf::new(p, r)
    }
}

/// The relaxed one-to-one alignment: each gold TIMEX3 takes the first unused system one that
/// overlaps it. Returns (gold index, system index) pairs.
pub fn align(gold: &[Timex], system: &[Timex]) -> Vec<(usize, usize)> {
    let mut used = vec![false; system.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        // Prefer an exact match, then any overlap.
        let exact = system.iter().enumerate().position(|(si, s)| !used[si] && s.start == g.start && s.end == g.end);
        let any = || system.iter().enumerate().position(|(si, s)| !used[si] && s.start < g.end && g.start < s.end);
        if let Some(si) = exact.or_else(any) {
            used[si] = true;
            pairs.push((gi, si));
        }
    }
    pairs
}

/// Scores one document's system TIMEX3s against its gold.
pub fn score(gold: &[Timex], system: &[Timex]) -> TimeCounts {
    let pairs = align(gold, system);
    let mut c = TimeCounts { gold: gold.len(), system: system.len(), ..Default::default() };
    for (gi, si) in pairs {
        let (g, s) = (&gold[gi], &system[si]);
        c.relaxed += 1;
        if g.start == s.start && g.end == s.end {
            c.strict += 1;
        }
        if g.value == s.value {
            c.value += 1;
        }
        if g.kind == s.kind {
            c.kind += 1;
        }
    }
    c
}

#[derive(Debug, Clone, Serialize)]
pub struct TimeScores {
    pub documents: usize,
    #[serde(flatten)]
    pub counts: TimeCounts,
    pub strict: Prf,
    pub relaxed: Prf,
    /// Correct values among system (precision) and gold (recall) TIMEX3s, over relaxed matches.
    pub value: Prf,
    pub kind: Prf,
    /// Correct values among relaxed matches.
    pub value_accuracy: f64,
    pub kind_accuracy: f64,
    pub seconds: f64,
    pub expressions_per_second: f64,
    pub bytes_per_second: f64,
}

/// A difference between the tagger and the gold, for error analysis.
#[derive(Debug, Clone)]
pub struct TimeError {
    pub doc: String,
    /// "missed", "spurious", "span" (relaxed but not strict) or "value".
    pub what: &'static str,
    pub gold: Option<Timex>,
    pub system: Option<Timex>,
    pub gold_text: String,
    pub system_text: String,
    pub dct: String,
    /// The text around the expression (for reading the error).
    pub context: String,
}

/// Up to 60 bytes either side of [start, end), on character boundaries.
fn context_around(body: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(60);
    while !body.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 60).min(body.len());
    while !body.is_char_boundary(b) {
        b += 1;
    }
    body.get(a..b).unwrap_or("").to_string()
}

fn kind_name(k: storyline_model::TimexType) -> String {
    format!("{k:?}").to_uppercase()
}

/// Runs the tagger on every document, anchored on its creation time, and scores it. A range
/// ("from 1994 to 1997", one expression with a range value for the tagger) is scored as its two
/// ends, as TimeML marks it, unless `whole_ranges`.
pub fn evaluate(docs: &[TimeDoc], whole_ranges: bool) -> (TimeScores, Vec<TimeError>) {
    let mut total = TimeCounts::default();
    let mut errors = Vec::new();
    let mut seconds = 0.0;
    for doc in docs {
        let anchor = storyline_analyze::TimeAnchor { reference: doc.dct, context: None };
        let t0 = Instant::now();
        let sentences = storyline_analyze::sentences::split(&doc.body);
        let found = storyline_analyze::time::find_times(&doc.body, &sentences, &anchor);
        seconds += t0.elapsed().as_secs_f64();
        let ends = |t: &storyline_model::TimeExpr| if whole_ranges { None } else { storyline_analyze::time::range_ends(t) };
        let system: Vec<Timex> = found
            .iter()
            .flat_map(|t| ends(t).map_or_else(|| vec![t.clone()], Vec::from))
            .map(|t| Timex { start: t.span.start, end: t.span.end, kind: kind_name(t.kind), value: t.value })
            .collect();
        total.add(score(&doc.gold, &system));
        let text = |t: &Timex| doc.body.get(t.start..t.end).unwrap_or("").to_string();
        let pairs = align(&doc.gold, &system);
        let mut err = |what, g: Option<&Timex>, s: Option<&Timex>| {
            let (start, end) = g.or(s).map_or((0, 0), |t| (t.start, t.end));
            errors.push(TimeError {
                context: context_around(&doc.body, start, end),
                doc: doc.id.clone(),
                what,
                gold_text: g.map(text).unwrap_or_default(),
                system_text: s.map(text).unwrap_or_default(),
                gold: g.cloned(),
                system: s.cloned(),
                dct: doc.dct_value.clone(),
            });
        };
        for (gi, g) in doc.gold.iter().enumerate() {
            match pairs.iter().find(|p| p.0 == gi) {
                None => err("missed", Some(g), None),
                Some(&(_, si)) => {
                    let s = &system[si];
                    if s.start != g.start || s.end != g.end {
                        err("span", Some(g), Some(s));
                    }
                    if s.value != g.value {
                        err("value", Some(g), Some(s));
                    }
                }
            }
        }
        for (si, s) in system.iter().enumerate() {
            if !pairs.iter().any(|p| p.1 == si) {
                err("spurious", None, Some(s));
            }
        }
    }
    let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let per_sec = |n: f64| if seconds > 0.0 { n / seconds } else { 0.0 };
    let bytes: usize = docs.iter().map(|d| d.body.len()).sum();
    let scores = TimeScores {
        documents: docs.len(),
        counts: total,
        strict: total.prf(total.strict),
        relaxed: total.prf(total.relaxed),
        value: total.prf(total.value),
        kind: total.prf(total.kind),
        value_accuracy: ratio(total.value, total.relaxed),
        kind_accuracy: ratio(total.kind, total.relaxed),
        seconds,
        expressions_per_second: per_sec(total.system as f64),
        bytes_per_second: per_sec(bytes as f64),
    };
    (scores, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(start: usize, end: usize, value: &str) -> Timex {
        Timex { start, end, kind: "DATE".into(), value: value.into() }
    }

    #[test]
    fn strict_relaxed_and_value() {
        // gold: 0..10 v1, 20..25 v2, 30..35 v3, 40..45 v4
        // system: 0..10 v1 (strict, value right), 18..24 v2 (relaxed, value right),
        //         30..35 vX (strict, value wrong), 50..55 (spurious); 40..45 missed.
        let gold = [tx(0, 10, "1"), tx(20, 25, "2"), tx(30, 35, "3"), tx(40, 45, "4")];
        let sys = [tx(0, 10, "1"), tx(18, 24, "2"), tx(30, 35, "X"), tx(50, 55, "5")];
        let c = score(&gold, &sys);
        assert_eq!(c, TimeCounts { gold: 4, system: 4, strict: 2, relaxed: 3, value: 2, kind: 3 });
        let strict = c.prf(c.strict);
        assert!((strict.f1 - 0.5).abs() < 1e-12);
        let relaxed = c.prf(c.relaxed);
        assert!((relaxed.f1 - 0.75).abs() < 1e-12);
        // value: P = 2/4, R = 2/4; accuracy 2/3.
        assert!((c.prf(c.value).f1 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn one_system_span_matches_one_gold() {
        // "2009-2010" as one system span over two gold years: one relaxed match only.
        let gold = [tx(0, 4, "2009"), tx(5, 9, "2010")];
        let sys = [tx(0, 9, "2009/2010")];
        let c = score(&gold, &sys);
        assert_eq!((c.relaxed, c.strict, c.value), (1, 0, 0));
    }

    #[test]
    fn ranges_are_scored_as_their_two_ends() {
        let xml = r#"<TimeML><DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="1998-03-01">March 1, 1998</TIMEX3></DCT>
<TEXT>He served from <TIMEX3 tid="t1" type="DATE" value="1994">1994</TIMEX3> to <TIMEX3 tid="t2" type="DATE" value="1997">1997</TIMEX3>.</TEXT></TimeML>"#;
        let doc = match parse_timeml("d", xml) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let docs = [doc];
        let (ends, _) = evaluate(&docs, false);
        assert_eq!((ends.counts.strict, ends.counts.value), (2, 2));
        let (whole, _) = evaluate(&docs, true);
        assert_eq!((whole.counts.strict, whole.counts.relaxed, whole.counts.value), (0, 1, 0));
    }

    #[test]
    fn timeml_parsing() {
        let xml = r#"<?xml version="1.0" ?><TimeML><DOCID>d</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TITLE>T</TITLE>
<TEXT>It <EVENT eid="e1">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> &amp; lasted <TIMEX3 tid="t2" type="DURATION" value="P1M">a month</TIMEX3>.</TEXT></TimeML>"#;
        let d = match parse_timeml("d", xml) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(d.body, "It ended Friday & lasted a month.");
        assert_eq!(d.dct_value, "2013-03-22");
        assert_eq!(d.dct, "2013-03-22".parse().ok());
        let texts: Vec<(&str, &str, &str)> = d.gold.iter().map(|g| (&d.body[g.start..g.end], g.kind.as_str(), g.value.as_str())).collect();
        assert_eq!(texts, vec![("Friday", "DATE", "2013-03-22"), ("a month", "DURATION", "P1M")]);
    }
}
