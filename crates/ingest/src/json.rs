//! JSON containers: JSON lines, one object, or an array of objects.
//!
//! Field names understood (first present wins):
//!
//! | meaning   | news-please              | trafilatura  | others                          |
//! |-----------|--------------------------|--------------|---------------------------------|
//! | body      | `maintext` → CleanText   | `text` → CleanText | `html`, `raw_html` → Html; plain `text` → Text |
//! | title     | `title`, `title_page`, `title_rss` | `title` |                               |
//! | url       | `url`                    | `url`, `source` |                              |
//! | site      | `source_domain`          | `hostname`   | `site`, `sitename`              |
//! | published | `date_publish`           | `date`       | `published`, `date_published`, `datePublished`, `pubdate` |
//! | authors   | `authors` (array)        | `author` ("A; B") | either, as array or string  |
//! | language  | `language`               | `language`   | `lang`                          |
//!
//! A `text` field counts as trafilatura's clean text when the record also has one of
//! trafilatura's own fields (`hostname`, `fingerprint`, `raw_text`, `source-hostname`,
//! `excerpt`); otherwise it is treated as scraped text ([`Content::Text`]), which the
//! extractor still cleans. The body is chosen in the order `maintext`, trafilatura
//! `text`, `html`, `raw_html`, plain `text`; empty or null fields are skipped.

use crate::error::{InputError, Locus, Reason};
use crate::Limits;
use serde_json::{Map, Value};
use storyline_model::{Content, GivenMeta, RawDocument};

type Record = Result<RawDocument, InputError>;

/// Fields that mark a record as trafilatura output.
const TRAFILATURA_MARKERS: [&str; 5] = ["hostname", "fingerprint", "raw_text", "source-hostname", "excerpt"];

/// Reads a JSON container. `lines` says the file is JSON lines (`.jsonl`, `.ndjson`);
/// otherwise (`.json`) it may hold one object, an array of objects, or JSON lines.
pub(crate) fn read_json(source: &str, bytes: &[u8], lines: bool, limits: &Limits) -> Result<Vec<Record>, InputError> {
    if bytes.trim_ascii().is_empty() {
        return Err(InputError::new(source, Reason::Empty));
    }
    if !lines {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => return Ok(vec![to_document(source, None, &map, limits)]),
            Ok(Value::Array(items)) => return read_array(source, items, limits),
            Ok(_) => return Err(InputError::new(source, Reason::NotAnObject)),
            // Several lines whose first is a complete value: JSON lines in a `.json` file.
            Err(e) if !first_line_is_json(bytes) => {
                return Err(InputError::new(source, Reason::InvalidJson(describe(&e, true))));
            }
            Err(_) => {}
        }
    }
    Ok(read_lines(source, bytes, limits))
}

fn first_line_is_json(bytes: &[u8]) -> bool {
    bytes
        .split(|&b| b == b'\n')
        .find(|l| !l.trim_ascii().is_empty())
        .is_some_and(|l| serde_json::from_slice::<Value>(l).is_ok())
}

fn read_array(source: &str, items: Vec<Value>, limits: &Limits) -> Result<Vec<Record>, InputError> {
    if items.is_empty() {
        return Err(InputError::new(source, Reason::Empty));
    }
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let at = Locus::Item(i + 1);
            match item {
                Value::Object(map) => to_document(source, Some(at), &map, limits),
                _ => Err(InputError::at(source, at, Reason::NotAnObject)),
            }
        })
        .collect())
}

/// One document per non-blank line; a bad line is an error for that line only.
pub(crate) fn read_lines(source: &str, bytes: &[u8], limits: &Limits) -> Vec<Record> {
    let mut out: Vec<Record> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.trim_ascii().is_empty())
        .map(|(i, line)| read_line(source, Locus::Line(i + 1), line, limits))
        .collect();
    if out.is_empty() {
        out.push(Err(InputError::new(source, Reason::Empty)));
    }
    out
}

/// The document of one non-blank line.
fn read_line(source: &str, at: Locus, line: &[u8], limits: &Limits) -> Record {
    if line.len() as u64 > limits.max_record {
        return Err(InputError::at(source, at, Reason::RecordTooLarge(limits.max_record)));
    }
    let Ok(line) = std::str::from_utf8(line) else {
        return Err(InputError::at(source, at, Reason::InvalidUtf8));
    };
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => to_document(source, Some(at), &map, limits),
        Ok(_) => Err(InputError::at(source, at, Reason::NotAnObject)),
        Err(e) => Err(InputError::at(source, at, Reason::InvalidJson(describe(&e, false)))),
    }
}

/// JSON lines read from a stream one line at a time, as [`read_lines`] reads them from
/// memory: memory is bounded by [`Limits::max_record`] however long the file is. A read
/// error (a truncated gzip stream) ends the stream with an error for the line it hit.
pub(crate) struct JsonLinesReader<R> {
    source: String,
    reader: R,
    limits: Limits,
    line: usize,
    buffer: Vec<u8>,
    any: bool,
    done: bool,
}

impl<R: std::io::BufRead> JsonLinesReader<R> {
    /// `reader` must be past any byte-order mark.
    pub(crate) fn new(source: &str, reader: R, limits: &Limits) -> Self {
        Self { source: source.to_string(), reader, limits: *limits, line: 0, buffer: Vec::new(), any: false, done: false }
    }

    /// Reads the next line into `buffer`, at most `max_record + 1` bytes of it (the rest of a
    /// longer line is skipped). Returns false at the end of the stream.
    fn read_next_line(&mut self) -> std::io::Result<bool> {
        use std::io::{BufRead, Read};
        self.buffer.clear();
        let read = (&mut self.reader).take(self.limits.max_record + 1).read_until(b'\n', &mut self.buffer)?;
        if read == 0 {
            return Ok(false);
        }
        if self.buffer.last() != Some(&b'\n') && self.buffer.len() as u64 > self.limits.max_record {
            // Skip to the end of the over-long line without keeping it.
            loop {
                let chunk = self.reader.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                match chunk.iter().position(|&b| b == b'\n') {
                    Some(end) => {
                        self.reader.consume(end + 1);
                        break;
                    }
                    None => {
                        let len = chunk.len();
                        self.reader.consume(len);
                    }
                }
            }
        }
        Ok(true)
    }
}

impl<R: std::io::BufRead> Iterator for JsonLinesReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            self.line += 1;
            let at = Locus::Line(self.line);
            match self.read_next_line() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return (!self.any).then(|| Err(InputError::new(&self.source, Reason::Empty)));
                }
                Err(e) => {
                    self.done = true;
                    let reason = if e.kind() == std::io::ErrorKind::UnexpectedEof { Reason::TruncatedGzip } else { Reason::Unreadable(e.to_string()) };
                    return Some(Err(InputError::at(&self.source, at, reason)));
                }
            }
            let line = self.buffer.strip_suffix(b"\n").unwrap_or(&self.buffer);
            if line.trim_ascii().is_empty() {
                continue;
            }
            self.any = true;
            return Some(read_line(&self.source, at, line, &self.limits));
        }
        None
    }
}

/// serde_json's message, with the position as `column N` (one line) or `line L column N`.
fn describe(e: &serde_json::Error, with_line: bool) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    match (e.line(), with_line) {
        (0, _) => message.to_string(),
        (line, true) => format!("{message} at line {line} column {}", e.column()),
        (_, false) => format!("{message} at column {}", e.column()),
    }
}

fn to_document(source: &str, at: Option<Locus>, map: &Map<String, Value>, limits: &Limits) -> Record {
    let err = |reason| match at.clone() {
        Some(at) => InputError::at(source, at, reason),
        None => InputError::new(source, reason),
    };
    let content = content(map).map_err(err)?;
    let len = match &content {
        Content::Text(s) | Content::Html(s) | Content::CleanText(s) => s.len() as u64,
    };
    if len > limits.max_record {
        return Err(err(Reason::RecordTooLarge(limits.max_record)));
    }
    let doc_source = match &at {
        Some(at) => format!("{source}#{}", at.number()),
        None => source.to_string(),
    };
    Ok(RawDocument { source: doc_source, content, meta: meta(map) })
}

fn content(map: &Map<String, Value>) -> Result<Content, Reason> {
    let trafilatura = TRAFILATURA_MARKERS.iter().any(|k| map.contains_key(*k));
    type Make = fn(String) -> Content;
    // `text` comes before `html` only when it is trafilatura's clean text.
    let order: [(&str, Make); 4] = if trafilatura {
        [("maintext", Content::CleanText), ("text", Content::CleanText), ("html", Content::Html), ("raw_html", Content::Html)]
    } else {
        [("maintext", Content::CleanText), ("html", Content::Html), ("raw_html", Content::Html), ("text", Content::Text)]
    };
    let mut first_empty = None;
    for (key, make) in order {
        match map.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if s.trim().is_empty() => {
                first_empty.get_or_insert(key);
            }
            Some(Value::String(s)) => return Ok(make(s.clone())),
            Some(_) => return Err(Reason::NotAString(key.to_string())),
        }
    }
    Err(match first_empty {
        Some(key) => Reason::EmptyText(key.to_string()),
        None => Reason::NoTextField,
    })
}

fn meta(map: &Map<String, Value>) -> GivenMeta {
    GivenMeta {
        title: first_string(map, &["title", "title_page", "title_rss"]),
        url: first_string(map, &["url", "source"]).filter(|u| u.contains("://")),
        site: first_string(map, &["source_domain", "hostname", "site", "sitename"]),
        published: first_string(map, &["date_publish", "date", "published", "date_published", "datePublished", "pubdate"]),
        authors: authors(map),
        language: first_string(map, &["language", "lang"]),
    }
}

/// The first of `keys` that holds a non-blank string (or a number, for timestamps), trimmed.
fn first_string(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match map.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// `authors` (array or string) or `author` (string or array); strings split on `;`.
fn authors(map: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: &str| {
        for name in s.split(';').map(str::trim).filter(|n| !n.is_empty()) {
            if !out.iter().any(|o| o == name) {
                out.push(name.to_string());
            }
        }
    };
    for key in ["authors", "author"] {
        match map.get(key) {
            Some(Value::String(s)) => add(s),
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).for_each(&mut add),
            _ => continue,
        }
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The records of `bytes` read as a stream, with small lines allowed.
    fn streamed(bytes: &[u8], limits: &Limits) -> Vec<Record> {
        JsonLinesReader::new("f", std::io::BufReader::with_capacity(7, bytes), limits).collect()
    }

    #[test]
    fn a_stream_gives_the_records_of_the_whole_file() {
        let limits = Limits { max_record: 40, ..Limits::default() };
        let text = format!(
            "{{\"text\":\"a\"}}\r\n\n  \n{{bad\n[1]\n{{\"text\":\"{}\"}}\n{{\"title\":\"t\",\"text\":\"b\"}}",
            "x".repeat(100)
        );
        let whole = read_lines("f", text.as_bytes(), &limits);
        assert_eq!(streamed(text.as_bytes(), &limits), whole);
        assert_eq!(whole.iter().filter(|r| r.is_ok()).count(), 2);
        assert_eq!(streamed(b"\n \n", &limits), read_lines("f", b"\n \n", &limits));
    }

    proptest! {
        /// Streamed or whole, the same records, whatever the bytes and line limit.
        #[test]
        fn streamed_equals_whole(lines in proptest::collection::vec("[ -~]{0,30}", 0..12), max_record in 1u64..40) {
            let text = lines.join("\n");
            let limits = Limits { max_record, ..Limits::default() };
            prop_assert_eq!(streamed(text.as_bytes(), &limits), read_lines("f", text.as_bytes(), &limits));
        }
    }

    fn read(text: &str, lines: bool) -> Vec<Record> {
        read_json("f", text.as_bytes(), lines, &Limits::default()).unwrap_or_else(|e| vec![Err(e)])
    }

    #[test]
    fn news_please_record() {
        let docs = read(
            r#"{"title":"T","maintext":"Body.","description":"D","date_publish":"2024-03-26 10:00:00","url":"https://x.com/a","source_domain":"x.com","authors":["A B","C D"],"language":"en","maintext_extra":1}"#,
            true,
        );
        let doc = docs[0].clone().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.source, "f#1");
        assert_eq!(doc.content, Content::CleanText("Body.".into()));
        assert_eq!(doc.meta.title.as_deref(), Some("T"));
        assert_eq!(doc.meta.published.as_deref(), Some("2024-03-26 10:00:00"));
        assert_eq!(doc.meta.url.as_deref(), Some("https://x.com/a"));
        assert_eq!(doc.meta.site.as_deref(), Some("x.com"));
        assert_eq!(doc.meta.authors, ["A B", "C D"]);
        assert_eq!(doc.meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn trafilatura_record() {
        let docs = read(
            r#"{"title":"T","text":"Body.","date":"2024-03-26","url":"https://y.org/b","hostname":"y.org","author":"A; B ;","source":"https://y.org/b"}"#,
            true,
        );
        let doc = docs[0].clone().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.content, Content::CleanText("Body.".into()));
        assert_eq!(doc.meta.site.as_deref(), Some("y.org"));
        assert_eq!(doc.meta.published.as_deref(), Some("2024-03-26"));
        assert_eq!(doc.meta.authors, ["A", "B"]);
    }

    #[test]
    fn plain_and_html_records() {
        let docs = read("{\"text\":\"x\"}\n\n{\"raw_html\":\"<p>y</p>\",\"text\":\"y\"}\r\n{\"maintext\":null,\"html\":\"<p>z</p>\"}", false);
        let contents: Vec<_> = docs.into_iter().map(|d| d.map(|d| (d.source, d.content))).collect();
        assert_eq!(
            contents,
            vec![
                Ok(("f#1".to_string(), Content::Text("x".into()))),
                Ok(("f#3".to_string(), Content::Html("<p>y</p>".into()))),
                Ok(("f#4".to_string(), Content::Html("<p>z</p>".into()))),
            ]
        );
    }

    #[test]
    fn bad_lines_are_reported_and_the_rest_go_on() {
        let docs = read("{\"text\":\"a\"}\n{oops\n[1]\n{\"title\":\"t\"}\n{\"text\":\"  \"}\n{\"text\":5}\n{\"text\":\"b\"}\n", true);
        let errors: Vec<String> = docs.iter().filter_map(|d| d.as_ref().err()).map(|e| e.to_string()).collect();
        assert_eq!(docs.iter().filter(|d| d.is_ok()).count(), 2);
        assert_eq!(errors.len(), 5);
        assert!(errors[0].starts_with("f: line 2: invalid JSON: key must be a string at column 2"), "{}", errors[0]);
        assert_eq!(errors[1], "f: line 3: not a JSON object");
        assert_eq!(errors[2], "f: line 4: no text field (expected maintext, text, html or raw_html)");
        assert_eq!(errors[3], "f: line 5: empty `text` field");
        assert_eq!(errors[4], "f: line 6: field `text` is not a string");
        assert_eq!(docs[6].as_ref().map(|d| d.source.as_str()), Ok("f#7"));
    }

    #[test]
    fn whole_json_forms() {
        let one = read(r#"{"title":"T","text":"x"}"#, false);
        assert_eq!(one[0].as_ref().map(|d| d.source.as_str()), Ok("f"));
        let many = read("[\n{\"text\":\"a\"},\n 3,\n{\"text\":\"b\"}\n]", false);
        assert_eq!(many.len(), 3);
        assert_eq!(many[2].as_ref().map(|d| d.source.as_str()), Ok("f#3"));
        assert_eq!(many[1].as_ref().map_err(|e| e.to_string()), Err("f: item 2: not a JSON object".to_string()));
        assert_eq!(read("\"s\"", false)[0].as_ref().map_err(|e| e.reason.clone()), Err(Reason::NotAnObject));
        let broken = read("{\"text\":\n\"a\"", false);
        assert!(matches!(&broken[0], Err(InputError { at: None, reason: Reason::InvalidJson(_), .. })));
        assert_eq!(read("[]", false)[0].as_ref().map_err(|e| e.reason.clone()), Err(Reason::Empty));
        assert_eq!(read("\n\n", true)[0].as_ref().map_err(|e| e.reason.clone()), Err(Reason::Empty));
    }

    #[test]
    fn record_limit() {
        let limits = Limits { max_record: 20, ..Limits::default() };
        let docs = read_json("f", b"{\"text\":\"0123456789ABC\"}\n{\"text\":\"ok\"}", true, &limits)
            .unwrap_or_default();
        assert_eq!(docs[0].as_ref().map_err(|e| e.to_string()), Err("f: line 1: record larger than the 20 bytes limit".into()));
        assert!(docs[1].is_ok());
    }
}
