//! Readers: paths → raw documents.
//!
//! Two steps, each reporting problems per input so that one bad file (or one bad
//! line of a JSON-lines file) never stops the rest:
//!
//! 1. [`collect_inputs`] turns the paths the user gave into [`Input`]s: files as
//!    given, directories walked recursively in sorted order, `-` for stdin.
//! 2. [`read_input`] reads one input into [`RawDocument`]s, one per record for
//!    containers, each record `Ok` or its own [`InputError`].
//!
//! [`read_all`] does both.
//!
//! # Formats
//!
//! Chosen by extension, case-insensitively, after stripping `.gz` (gzip, decompressed
//! with a size limit):
//!
//! | extension                  | content                                                   |
//! |----------------------------|-----------------------------------------------------------|
//! | `.txt`                     | [`Content::Text`]                                         |
//! | `.html`, `.htm`            | [`Content::Html`]                                         |
//! | `.jsonl`, `.ndjson`        | one document per line (see the [`json`] module for fields) |
//! | `.json`                    | one object, an array of objects, or JSON lines           |
//! | `.warc`, `.warc.gz`, `.wet` | one document per HTML response (see the [`warc`] module) |
//! | `.rss`, `.atom`, `.xml`    | one document per feed item with content (see [`feed`])   |
//!
//! A `.warc.gz` is a sequence of gzip members and is streamed record by record; so is a
//! `.warc` file (whatever its name, gzip magic is honoured). An `.xml` file is read only
//! when its root element is `rss`, `feed` or `rdf:RDF` (directory walks skip other XML).
//!
//! Stdin (`-`) is sniffed: gzip magic is decompressed; `WARC/` starts a WARC stream; an
//! XML root `rss`/`feed`/`rdf:RDF` is a feed; text starting with `<` or
//! containing `<html` is HTML; text starting with `{` (or a `[` that parses) is JSON;
//! anything else is plain text.
//!
//! # Notices
//!
//! Some entries are notices rather than failures ([`InputError::is_notice`]): the
//! per-file summary of WARC records that are not HTML pages, and feed items with only a
//! link. Show them as warnings.
//!
//! # Decoding
//!
//! Text: a UTF-8 or UTF-16 BOM is honoured and stripped; invalid UTF-8 is repaired
//! (a few bad bytes in UTF-8 become U+FFFD; otherwise chardetng guesses a legacy
//! encoding) only when the result reads like text, else the file is rejected as
//! "invalid UTF-8". HTML: BOM, then `<meta charset>` / `http-equiv` in the first 2 KB,
//! then chardetng. JSON must be UTF-8 (or UTF-16 with a BOM). Any file with a NUL
//! byte or more than 5% control bytes in its first 8 KB is a "binary file";
//! whitespace-only content is an "empty file".

mod decode;
mod error;
pub mod feed;
pub mod json;
pub mod warc;

pub use error::{InputError, Locus, Reason};
pub use warc::WarcReader;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use storyline_model::{Content, GivenMeta, RawDocument};

/// Size limits; every one is checked before the data is held in memory in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file (or stdin) read, in bytes; for `.gz` files, the compressed size.
    /// WARC files are streamed record by record and are not limited as a whole (memory
    /// is bounded per record by `max_record`).
    pub max_file: u64,
    /// Largest decompressed size of a `.gz` file, in bytes.
    pub max_decompressed: u64,
    /// Largest record of a container, in bytes: a line of JSON lines, the body text of
    /// any JSON record (also of one in a `.json` array or object), a WARC record's block
    /// and its decompressed HTTP body, a feed item's content.
    pub max_record: u64,
}

impl Default for Limits {
    fn default() -> Self {
        const MIB: u64 = 1024 * 1024;
        Self { max_file: 64 * MIB, max_decompressed: 256 * MIB, max_record: 16 * MIB }
    }
}

/// The format of an input's (decompressed) content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.txt`
    Text,
    /// `.html`, `.htm`
    Html,
    /// `.json`: one object, an array of objects, or JSON lines.
    Json,
    /// `.jsonl`, `.ndjson`
    JsonLines,
    /// `.warc` (and `.wet`), gzipped or not.
    Warc,
    /// `.rss`, `.atom`, `.xml`: an RSS or Atom feed.
    Feed,
}

impl Format {
    /// The format a file name says, and whether it is gzipped (`a.jsonl.gz`).
    /// `None` for unsupported extensions.
    pub fn from_path(path: &Path) -> Option<(Format, bool)> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (name, gzip) = match name.strip_suffix(".gz") {
            Some(inner) => (inner, true),
            None => (name.as_str(), false),
        };
        let format = match Path::new(name).extension()?.to_str()? {
            "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "warc" | "wet" => Format::Warc,
            "rss" | "atom" | "xml" => Format::Feed,
            _ => return None,
        };
        Some((format, gzip))
    }
}

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    Stdin,
    Path(PathBuf),
}

/// One thing to read: a file or stdin.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Input {
    /// The name used in documents and errors: the path as the user gave it (joined with
    /// the path inside a directory they gave), or `<stdin>`.
    pub source: String,
    pub origin: Origin,
    /// `None`: sniff the content (stdin).
    pub format: Option<Format>,
    /// Decompress with gzip first. When `format` is `None`, gzip is detected by its magic bytes.
    pub gzip: bool,
}

/// The name stdin's documents and errors carry.
pub const STDIN_SOURCE: &str = "<stdin>";

impl Input {
    /// Stdin, content sniffed.
    pub fn stdin() -> Self {
        Self { source: STDIN_SOURCE.to_string(), origin: Origin::Stdin, format: None, gzip: false }
    }

    /// A file, its format taken from its extension; an error for unsupported extensions.
    pub fn file(path: impl Into<PathBuf>) -> Result<Self, InputError> {
        let path = path.into();
        let source = path.display().to_string();
        match Format::from_path(&path) {
            Some((format, gzip)) => Ok(Self { source, origin: Origin::Path(path), format: Some(format), gzip }),
            None => Err(InputError::new(source, Reason::Unsupported)),
        }
    }

    /// Bytes already in memory, read as `format` (`None`: sniff). `origin` is stdin.
    pub fn named(source: impl Into<String>, format: Option<Format>, gzip: bool) -> Self {
        Self { source: source.into(), origin: Origin::Stdin, format, gzip }
    }
}

/// Expands the paths the user gave into inputs, in order.
///
/// `-` is stdin. A file is taken as given; an unsupported extension is an error.
/// A directory is walked recursively, entries sorted by name; hidden entries
/// (`.name`) and files of unsupported types are skipped silently, symbolic links
/// to directories are not followed, and a directory with no supported file is an
/// error. A path that does not exist or cannot be listed is an error.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::stdin());
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = inputs.len();
                walk(path, &mut inputs, &mut errors);
                if inputs.len() == before {
                    errors.push(InputError::new(path.display().to_string(), Reason::NoSupportedFiles));
                }
            }
            Ok(_) => match Input::file(path) {
                Ok(input) => inputs.push(input),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(unreadable(&path.display().to_string(), &e)),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push(unreadable(&dir.display().to_string(), &e)),
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry),
            Err(e) => errors.push(unreadable(&dir.display().to_string(), &e)),
        }
    }
    children.sort_by_key(|e| e.file_name());
    for entry in children {
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        // `dir` already starts with the path the user gave, so this is "given/relative".
        let path = dir.join(entry.file_name());
        let is_dir = match entry.file_type() {
            Ok(t) if t.is_symlink() => false, // a link to a file is read below; to a directory, skipped
            Ok(t) => t.is_dir(),
            Err(e) => {
                errors.push(unreadable(&path.display().to_string(), &e));
                continue;
            }
        };
        if is_dir {
            walk(&path, inputs, errors);
        } else if let Ok(input) = Input::file(&path) {
            if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) && (!is_xml(&path) || xml_file_is_feed(&path)) {
                inputs.push(input);
            }
        }
    }
}

fn is_xml(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// Whether an `.xml` file's root element is a feed's (its first 8 KB are read).
fn xml_file_is_feed(path: &Path) -> bool {
    let mut head = Vec::new();
    File::open(path).and_then(|f| f.take(8192).read_to_end(&mut head)).is_ok() && feed::is_feed(&head)
}

fn unreadable(source: &str, e: &io::Error) -> InputError {
    InputError::new(source, Reason::Unreadable(e.to_string()))
}

/// The result of reading one input: one entry per document or bad record.
pub type Records = Vec<Result<RawDocument, InputError>>;

/// Reads one input.
///
/// `Err` when the input as a whole is unusable (unreadable, too large, binary, empty,
/// broken gzip, a `.json` that does not parse); otherwise one entry per document —
/// a single one for `.txt`/`.html`, one per record for JSON containers, where a bad
/// record is an `Err` naming its line (`a.jsonl: line 7: invalid JSON: …`).
pub fn read_input(input: &Input, limits: &Limits) -> Result<Records, InputError> {
    if let (Some(Format::Warc), Origin::Path(path)) = (input.format, &input.origin) {
        return Ok(open_warc(input, path, limits)?.collect());
    }
    let bytes = match &input.origin {
        Origin::Stdin => read_limited(&input.source, io::stdin().lock(), None, limits)?,
        Origin::Path(path) => read_file(&input.source, path, limits)?,
    };
    read_bytes(input, &bytes, limits)
}

/// The records of one input, one at a time: the streaming form of [`read_input`].
///
/// WARC and JSON-lines files are read record by record, so memory stays bounded by
/// [`Limits::max_record`] however large the file is (the file limits do not apply); other
/// formats are read whole (within the limits) and their records handed out one by one.
pub fn read_records(input: &Input, limits: &Limits) -> Result<Box<dyn Iterator<Item = Result<RawDocument, InputError>> + Send>, InputError> {
    match (input.format, &input.origin) {
        (Some(Format::Warc), Origin::Path(path)) => return Ok(Box::new(open_warc(input, path, limits)?)),
        (Some(Format::JsonLines), Origin::Path(path)) => {
            if let Some(lines) = open_json_lines(input, path, limits)? {
                return Ok(Box::new(lines));
            }
        }
        _ => {}
    }
    Ok(Box::new(read_input(input, limits)?.into_iter()))
}

/// A streaming reader over a JSON-lines file, gzipped or not; `None` for UTF-16 text, which
/// is read whole.
fn open_json_lines(input: &Input, path: &Path, limits: &Limits) -> Result<Option<json::JsonLinesReader<io::BufReader<DynRead>>>, InputError> {
    let source = input.source.as_str();
    let file = File::open(path).map_err(|e| unreadable(source, &e))?;
    let reader: DynRead = if input.gzip { Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::new(file))) } else { Box::new(file) };
    let mut reader = io::BufReader::with_capacity(64 * 1024, reader);
    let head = io::BufRead::fill_buf(&mut reader).map_err(|e| {
        let reason = if input.gzip { Reason::InvalidGzip(e.to_string()) } else { Reason::Unreadable(e.to_string()) };
        InputError::new(source, reason)
    })?;
    match decode::bom(head) {
        Some((encoding, _)) if encoding != encoding_rs::UTF_8 => return Ok(None),
        Some((_, bom)) => io::BufRead::consume(&mut reader, bom),
        None if decode::looks_binary(head) => return Err(InputError::new(source, Reason::Binary)),
        None => {}
    }
    Ok(Some(json::JsonLinesReader::new(source, reader, limits)))
}

type DynRead = Box<dyn Read + Send>;

/// A streaming reader over a WARC file, gzipped or not (by its magic bytes).
fn open_warc(input: &Input, path: &Path, limits: &Limits) -> Result<WarcReader<DynRead>, InputError> {
    let source = input.source.as_str();
    let mut file = io::BufReader::new(File::open(path).map_err(|e| unreadable(source, &e))?);
    let gzip = match io::BufRead::fill_buf(&mut file) {
        Ok(head) => head.starts_with(&GZIP_MAGIC),
        Err(e) => return Err(unreadable(source, &e)),
    };
    warc_reader(input, file, gzip, limits)
}

fn warc_reader<R: Read + Send + 'static>(input: &Input, reader: R, gzip: bool, limits: &Limits) -> Result<WarcReader<DynRead>, InputError> {
    let reader: DynRead = if gzip { Box::new(flate2::read::MultiGzDecoder::new(reader)) } else { Box::new(reader) };
    WarcReader::new(input.source.as_str(), reader, limits)
}

/// Reads bytes already in memory as `input` says (its `origin` is not used).
pub fn read_bytes(input: &Input, bytes: &[u8], limits: &Limits) -> Result<Records, InputError> {
    let source = input.source.as_str();
    let err = |reason| InputError::new(source, reason);
    if bytes.len() as u64 > limits.max_file {
        return Err(err(Reason::TooLarge(limits.max_file)));
    }
    let gzip_magic = bytes.starts_with(&GZIP_MAGIC);
    if input.format == Some(Format::Warc) || (input.format.is_none() && gzip_magic && gunzipped_is_warc(bytes)) {
        if input.gzip && !gzip_magic {
            return Err(err(if bytes.len() < 2 { Reason::TruncatedGzip } else { Reason::InvalidGzip("not gzip data".into()) }));
        }
        let reader = warc_reader(input, io::Cursor::new(bytes.to_vec()), gzip_magic, limits)?;
        return Ok(reader.collect());
    }
    let sniffed_gzip = input.format.is_none() && gzip_magic;
    let decompressed;
    let bytes = if input.gzip || sniffed_gzip {
        decompressed = gunzip(bytes, limits).map_err(err)?;
        &decompressed[..]
    } else {
        bytes
    };
    let format = match input.format {
        Some(format) => format,
        None => sniff(bytes),
    };
    let single = |content: Content| {
        Ok(vec![Ok(RawDocument { source: source.to_string(), content, meta: GivenMeta::default() })])
    };
    match format {
        Format::Text => single(Content::Text(decode::decode_text(bytes).map_err(err)?)),
        Format::Html => single(Content::Html(decode::decode_html(bytes).map_err(err)?)),
        Format::Warc => Ok(warc::read_warc(source, bytes, limits)?),
        Format::Feed if !feed::is_feed(bytes) => Err(err(Reason::NotAFeed)),
        Format::Feed => feed::read_feed(source, bytes, limits),
        Format::Json | Format::JsonLines => {
            let lines = format == Format::JsonLines;
            match decode::prepare(bytes).map_err(err)? {
                decode::Prepared::Text(text) => json::read_json(source, text.as_bytes(), lines, limits),
                decode::Prepared::Bytes(bytes) => json::read_json(source, bytes, lines, limits),
            }
        }
    }
}

/// Reads every path: all documents, and all errors (per input and per record), in input order.
pub fn read_all(paths: &[PathBuf], limits: &Limits) -> (Vec<RawDocument>, Vec<InputError>) {
    let (inputs, mut errors) = collect_inputs(paths);
    let mut documents = Vec::new();
    for input in &inputs {
        match read_input(input, limits) {
            Ok(records) => {
                for record in records {
                    match record {
                        Ok(doc) => documents.push(doc),
                        Err(e) => errors.push(e),
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    (documents, errors)
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

fn read_file(source: &str, path: &Path, limits: &Limits) -> Result<Vec<u8>, InputError> {
    let file = File::open(path).map_err(|e| unreadable(source, &e))?;
    let meta = file.metadata().map_err(|e| unreadable(source, &e))?;
    if meta.is_dir() {
        return Err(InputError::new(source, Reason::Unreadable("is a directory".into())));
    }
    if meta.len() > limits.max_file {
        return Err(InputError::new(source, Reason::TooLarge(limits.max_file)));
    }
    read_limited(source, file, Some(meta.len()), limits)
}

/// Reads at most `max_file` bytes, and fails if there are more.
fn read_limited(source: &str, reader: impl Read, size_hint: Option<u64>, limits: &Limits) -> Result<Vec<u8>, InputError> {
    let capacity = size_hint.unwrap_or(0).min(limits.max_file);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    reader
        .take(limits.max_file.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(source, &e))?;
    if bytes.len() as u64 > limits.max_file {
        return Err(InputError::new(source, Reason::TooLarge(limits.max_file)));
    }
    Ok(bytes)
}

/// Whether gzipped bytes decompress to something starting with a WARC version line.
fn gunzipped_is_warc(bytes: &[u8]) -> bool {
    let mut head = Vec::new();
    let _ = flate2::read::MultiGzDecoder::new(bytes).take(5).read_to_end(&mut head);
    head == b"WARC/"
}

fn gunzip(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, Reason> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Err(if bytes.len() < 2 { Reason::TruncatedGzip } else { Reason::InvalidGzip("not gzip data".into()) });
    }
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    match decoder.take(limits.max_decompressed.saturating_add(1)).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > limits.max_decompressed => {
            Err(Reason::DecompressedTooLarge(limits.max_decompressed))
        }
        Ok(_) => Ok(out),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(Reason::TruncatedGzip),
        Err(e) => Err(Reason::InvalidGzip(e.to_string())),
    }
}

/// The format of unlabelled content (stdin).
fn sniff(bytes: &[u8]) -> Format {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).trim_ascii_start();
    let head = start[..start.len().min(2048)].to_ascii_lowercase();
    if start.starts_with(b"WARC/") {
        return Format::Warc;
    }
    match start.first() {
        Some(b'<') if feed::is_feed(start) => Format::Feed,
        Some(b'<') => Format::Html,
        Some(b'{') => Format::Json,
        Some(b'[') if serde_json::from_slice::<serde_json::Value>(start).is_ok() => Format::Json,
        _ if head.windows(5).any(|w| w == b"<html") => Format::Html,
        _ => Format::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = enc.write_all(data);
        enc.finish().unwrap_or_default()
    }

    fn read(input: &Input, bytes: &[u8]) -> Result<Records, InputError> {
        read_bytes(input, bytes, &Limits::default())
    }

    fn single(input: &Input, bytes: &[u8]) -> Result<RawDocument, InputError> {
        read(input, bytes).and_then(|mut r| r.remove(0))
    }

    #[test]
    fn formats_from_paths() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/b.txt"), Some((Format::Text, false)));
        assert_eq!(f("B.HTM"), Some((Format::Html, false)));
        assert_eq!(f("x.jsonl.gz"), Some((Format::JsonLines, true)));
        assert_eq!(f("x.ndjson"), Some((Format::JsonLines, false)));
        assert_eq!(f("x.json.GZ"), Some((Format::Json, true)));
        assert_eq!(f("x.gz"), None);
        assert_eq!(f("x.pdf"), None);
        assert_eq!(f("txt"), None);
    }

    #[test]
    fn gzip_round_trip_and_truncation() {
        let input = Input::named("a.txt.gz", Some(Format::Text), true);
        let data = gz("Hello, world. ".repeat(1000).as_bytes());
        assert!(matches!(single(&input, &data), Ok(RawDocument { content: Content::Text(_), .. })));
        for cut in [1, 2, 5, 10, 20, data.len() / 2, data.len() - 4, data.len() - 1] {
            let e = single(&input, &data[..cut]).map(|_| ()).map_err(|e| e.to_string());
            assert_eq!(e, Err("a.txt.gz: truncated gzip".to_string()), "cut at {cut}");
        }
        let e = single(&input, b"plain text").map_err(|e| e.reason);
        assert_eq!(e, Err(Reason::InvalidGzip("not gzip data".into())));
    }

    #[test]
    fn decompressed_limit() {
        let input = Input::named("a.txt.gz", Some(Format::Text), true);
        let data = gz(&vec![b'a'; 10_000]);
        let limits = Limits { max_decompressed: 1000, ..Limits::default() };
        let e = read_bytes(&input, &data, &limits).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(e, Err("a.txt.gz: decompressed data larger than the 1000 bytes limit".to_string()));
    }

    #[test]
    fn file_limit() {
        let input = Input::named("a.txt", Some(Format::Text), false);
        let limits = Limits { max_file: 4, ..Limits::default() };
        let e = read_bytes(&input, b"hello", &limits).map(|_| ()).map_err(|e| e.reason);
        assert_eq!(e, Err(Reason::TooLarge(4)));
    }

    #[test]
    fn stdin_sniffing() {
        let stdin = Input::stdin();
        let doc = single(&stdin, b"  <!doctype html><p>x</p>");
        assert!(matches!(doc, Ok(RawDocument { content: Content::Html(_), .. })));
        let doc = single(&stdin, b"Title\n\n<html> mentioned later");
        assert!(matches!(doc, Ok(RawDocument { content: Content::Html(_), .. })));
        let docs = read(&stdin, b"{\"maintext\":\"a\"}\n{\"text\":\"b\"}\n").unwrap_or_default();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].as_ref().map(|d| d.source.as_str()), Ok("<stdin>#2"));
        let doc = single(&stdin, b"[Reuters] Markets fell.");
        assert_eq!(doc.map(|d| d.content), Ok(Content::Text("[Reuters] Markets fell.".into())));
        let doc = single(&stdin, &gz(b"Plain words."));
        assert_eq!(doc.map(|d| d.content), Ok(Content::Text("Plain words.".into())));
        assert_eq!(single(&stdin, b"").map_err(|e| e.to_string()), Err("<stdin>: empty file".into()));
    }

    #[test]
    fn json_container_errors_name_the_input() {
        let input = Input::named("d.json", Some(Format::Json), false);
        let e = read(&input, b"{\"text\": ").map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(e, Err("d.json: invalid JSON: EOF while parsing a value at line 1 column 9".to_string()));
        let input = Input::named("d.jsonl", Some(Format::JsonLines), false);
        let docs = read(&input, b"{\"text\":\"a\"}\n{\"text\":\"\xFF\"}\n").unwrap_or_default();
        assert_eq!(docs[1].as_ref().map_err(|e| e.to_string()), Err("d.jsonl: line 2: invalid UTF-8".into()));
        assert_eq!(read(&input, b"\0\0\0").map_err(|e| e.reason), Err(Reason::Binary));
    }
}
