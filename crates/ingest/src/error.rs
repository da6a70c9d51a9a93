//! Errors: one per bad input or bad record, always naming where it came from.

use std::fmt;

/// Where inside a container a record sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locus {
    /// 1-based line of a JSON-lines file.
    Line(usize),
    /// 1-based position in a JSON array.
    Item(usize),
}

impl Locus {
    /// The 1-based number (line or array position).
    pub fn number(self) -> usize {
        match self {
            Locus::Line(n) | Locus::Item(n) => n,
        }
    }
}

impl fmt::Display for Locus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locus::Line(n) => write!(f, "line {n}"),
            Locus::Item(n) => write!(f, "item {n}"),
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
    at.map(|l| format!("{l}: ")).unwrap_or_default()
}

impl InputError {
    pub fn new(input: impl Into<String>, reason: Reason) -> Self {
        Self { input: input.into(), at: None, reason }
    }

    pub fn at(input: impl Into<String>, at: Locus, reason: Reason) -> Self {
        Self { input: input.into(), at: Some(at), reason }
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
    #[error("unsupported file type (expected .txt, .html, .htm, .json, .jsonl or .ndjson, optionally .gz)")]
    Unsupported,
    /// A directory that holds no file of a supported format.
    #[error("no .txt, .html, .htm, .json, .jsonl or .ndjson files in directory")]
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
    fn sizes() {
        assert_eq!(size(256 * 1024 * 1024), "256 MiB");
        assert_eq!(size(2048), "2 KiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(size(1 << 30), "1 GiB");
    }
}
