//! Errors: one per bad input or bad record, always naming where it came from.

use std::fmt;

/// Where inside a container a record sits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Locus {
    /// 1-based line of a JSON-lines file.
    Line(usize),
    /// 1-based position in a JSON array, or of an item in a feed.
    Item(usize),
    /// A WARC record: its 1-based number in the file, the byte offset of its first
    /// line in the (decompressed) stream, and its `WARC-Record-ID` when it was read.
    Record { number: usize, offset: u64, id: Option<String> },
}

impl Locus {
    /// The 1-based number (line, array position or record number).
    pub fn number(&self) -> usize {
        match self {
            Locus::Line(n) | Locus::Item(n) | Locus::Record { number: n, .. } => *n,
        }
    }
}

impl fmt::Display for Locus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locus::Line(n) => write!(f, "line {n}"),
            Locus::Item(n) => write!(f, "item {n}"),
            Locus::Record { number, offset, id: Some(id) } => write!(f, "record {number} at byte {offset} ({id})"),
            Locus::Record { number, offset, id: None } => write!(f, "record {number} at byte {offset}"),
        }
    }
}

/// A problem with one input (a file, stdin, a directory) or one record of a container.
///
/// Displays as `<input>: <reason>` or `<input>: line 7: <reason>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input}: {}{reason}", locus_prefix(.at))]
pub struct InputError {
    /// The input as the user named it (`data/a.jsonl`, `examples/seeds/x.txt`, `<stdin>`).
    pub input: String,
    /// The record inside a container, when the problem is with one record only.
    pub at: Option<Locus>,
    pub reason: Reason,
}

fn locus_prefix(at: &Option<Locus>) -> String {
    at.as_ref().map(|l| format!("{l}: ")).unwrap_or_default()
}

impl InputError {
    pub fn new(input: impl Into<String>, reason: Reason) -> Self {
        Self { input: input.into(), at: None, reason }
    }

    pub fn at(input: impl Into<String>, at: Locus, reason: Reason) -> Self {
        Self { input: input.into(), at: Some(at), reason }
    }

    /// True for notices that are not failures: records skipped on purpose (non-HTML
    /// WARC records) and feed items that only link to an article. Callers should show
    /// them as warnings and not count the input as failed.
    pub fn is_notice(&self) -> bool {
        self.reason.is_notice()
    }
}

/// Why an input or record was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Reason {
    #[error("binary file")]
    Binary,
    #[error("invalid UTF-8")]
    InvalidUtf8,
    #[error("empty file")]
    Empty,
    /// An I/O error, as text.
    #[error("unreadable: {0}")]
    Unreadable(String),
    /// The file (compressed size, for `.gz`) is larger than [`crate::Limits::max_file`].
    #[error("larger than the {} limit", size(*.0))]
    TooLarge(u64),
    /// Decompressed data is larger than [`crate::Limits::max_decompressed`].
    #[error("decompressed data larger than the {} limit", size(*.0))]
    DecompressedTooLarge(u64),
    /// One record is larger than [`crate::Limits::max_record`].
    #[error("record larger than the {} limit", size(*.0))]
    RecordTooLarge(u64),
    #[error("truncated gzip")]
    TruncatedGzip,
    #[error("invalid gzip: {0}")]
    InvalidGzip(String),
    /// An explicitly named file whose extension is not a supported format.
    #[error(
        "unsupported file type (expected .txt, .html, .htm, .json, .jsonl, .ndjson, .warc, .rss, .atom or .xml, optionally .gz)"
    )]
    Unsupported,
    /// A directory that holds no file of a supported format.
    #[error("no .txt, .html, .htm, .json, .jsonl, .ndjson, .warc, .rss, .atom or .xml files in directory")]
    NoSupportedFiles,
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// JSON that is valid but is not an object (or, for a whole `.json` file, an array of them).
    #[error("not a JSON object")]
    NotAnObject,
    #[error("no text field (expected maintext, text, html or raw_html)")]
    NoTextField,
    /// The text field is present but holds only whitespace.
    #[error("empty `{0}` field")]
    EmptyText(String),
    /// A text field holds something other than a string.
    #[error("field `{0}` is not a string")]
    NotAString(String),
    /// A `.warc` file (or sniffed input) that does not start with a WARC record.
    #[error("not a WARC file (expected a `WARC/1.x` line first)")]
    NotWarc,
    /// A WARC record whose header is broken (no `Content-Length`, header too long, …).
    #[error("invalid WARC record: {0}")]
    InvalidRecord(String),
    /// A WARC record that ends before its `Content-Length`, or whose length does not
    /// match where the next record starts.
    #[error("truncated WARC record")]
    TruncatedRecord,
    /// The HTTP response inside a WARC `response` record cannot be read.
    #[error("invalid HTTP response: {0}")]
    InvalidHttp(String),
    /// A record (HTML response, feed item) with nothing in it.
    #[error("empty record")]
    EmptyRecord,
    /// Notice, not a failure: records of a WARC file that are not HTML pages, by kind
    /// (`image/png response`, `HTTP 404 response`, `request`, `warcinfo`, …) with counts.
    #[error("skipped {}", skipped(.0))]
    SkippedRecords(Vec<(String, usize)>),
    /// Notice, not a failure: a feed item with only a link (and maybe a short teaser);
    /// nothing is fetched.
    #[error("link only: {0}")]
    LinkOnly(String),
    /// A feed file that feed-rs cannot parse.
    #[error("invalid feed: {0}")]
    InvalidFeed(String),
    /// An `.xml` file whose root element is not `rss`, `feed` or `rdf:RDF`.
    #[error("not an RSS or Atom feed")]
    NotAFeed,
}

impl Reason {
    /// True for notices that are not failures (see [`InputError::is_notice`]).
    pub fn is_notice(&self) -> bool {
        matches!(self, Reason::SkippedRecords(_) | Reason::LinkOnly(_))
    }
}

/// `3 records that are not HTML pages (1 image/png response, 1 request, 1 warcinfo)`.
fn skipped(kinds: &[(String, usize)]) -> String {
    let total: usize = kinds.iter().map(|(_, n)| n).sum();
    let list: Vec<String> = kinds.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
    let records = if total == 1 { "record that is not an HTML page" } else { "records that are not HTML pages" };
    format!("{total} {records} ({})", list.join(", "))
}

/// `64 MiB`, `1 KiB`, or `1000 bytes`.
fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    const GIB: u64 = 1024 * MIB;
    match bytes {
        0 => "0 bytes".to_string(),
        b if b % GIB == 0 => format!("{} GiB", b / GIB),
        b if b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_input_and_line() {
        let e = InputError::at("a.jsonl", Locus::Line(7), Reason::InvalidJson("EOF".into()));
        assert_eq!(e.to_string(), "a.jsonl: line 7: invalid JSON: EOF");
        let e = InputError::new("big.txt", Reason::TooLarge(64 * 1024 * 1024));
        assert_eq!(e.to_string(), "big.txt: larger than the 64 MiB limit");
        let e = InputError::at("a.json", Locus::Item(2), Reason::NoTextField);
        assert_eq!(e.to_string(), "a.json: item 2: no text field (expected maintext, text, html or raw_html)");
    }

    #[test]
    fn display_records_and_notices() {
        let at = Locus::Record { number: 3, offset: 1234, id: Some("<urn:uuid:1>".into()) };
        let e = InputError::at("a.warc.gz", at, Reason::TruncatedRecord);
        assert_eq!(e.to_string(), "a.warc.gz: record 3 at byte 1234 (<urn:uuid:1>): truncated WARC record");
        assert!(!e.is_notice());
        let e = InputError::new("a.warc", Reason::SkippedRecords(vec![("image/png response".into(), 1), ("request".into(), 2)]));
        assert_eq!(
            e.to_string(),
            "a.warc: skipped 3 records that are not HTML pages (1 image/png response, 2 request)"
        );
        assert!(e.is_notice());
        let e = InputError::at("f.rss", Locus::Item(2), Reason::LinkOnly("https://x.test/a".into()));
        assert_eq!(e.to_string(), "f.rss: item 2: link only: https://x.test/a");
        assert!(e.is_notice());
    }

    #[test]
    fn sizes() {
        assert_eq!(size(256 * 1024 * 1024), "256 MiB");
        assert_eq!(size(2048), "2 KiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(size(1 << 30), "1 GiB");
    }
}
