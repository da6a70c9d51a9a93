//! WARC files (`.warc`, `.warc.gz`, Common Crawl News style): one document per HTML
//! page in a `response` record (or an HTML `resource` record, or a plain-text
//! `conversion` record of a WET file).
//!
//! A small streaming reader of our own rather than the `warc` crate (0.4): that crate
//! reads each record's whole block into memory before the caller can look at its
//! `Content-Length`, and it cannot find the next record after a corrupt or truncated
//! one — it stops the file. Here memory per record is bounded by
//! [`Limits::max_record`] (larger records are skipped while streaming), a record
//! whose length does not match the file is reported and the reader resynchronises on
//! the next `WARC/1.x` line, and the rest of the file still comes through.
//!
//! `.warc.gz` files are a sequence of gzip members (one per record, usually) read
//! with [`flate2::read::MultiGzDecoder`]; a gzip error stops the file with an error
//! naming the record it happened in (the compressed stream cannot be resynchronised).
//!
//! Each HTTP response is decoded: chunked transfer-encoding, `Content-Encoding`
//! gzip/deflate (Common Crawl stores payloads already decoded and renames the headers
//! to `X-Crawler-…`, so a body that does not decode is used as it is when it looks
//! like HTML), and the charset of `Content-Type`, else the page's own declaration.
//! `WARC-Target-URI` becomes [`GivenMeta::url`]. `WARC-Date` is the crawl date, not a
//! publication date, so it is not passed on.
//!
//! Records that are not HTML pages (requests, metadata, `warcinfo`, images, redirects,
//! …) are counted and reported once per file, after the last record, as a
//! [`Reason::SkippedRecords`] notice.

use crate::decode;
use crate::error::{InputError, Locus, Reason};
use crate::Limits;
use encoding_rs::Encoding;
use std::collections::BTreeMap;
use std::io::{self, Read};
use storyline_model::{Content, GivenMeta, RawDocument};

/// Longest WARC header block (all lines) accepted, in bytes.
const MAX_HEADER: usize = 64 * 1024;
/// Read size of the underlying reader.
const CHUNK: usize = 64 * 1024;

/// A streaming WARC reader: yields one item per HTML record (a document or the
/// record's own error), then, when records were skipped, one notice summarising them.
pub struct WarcReader<R: Read> {
    src: Source<R>,
    source: String,
    limits: Limits,
    number: usize,
    /// After a broken record: skip lines until one starts a record, without reporting them.
    resyncing: bool,
    done: bool,
    skipped: BTreeMap<String, usize>,
}

impl<R: Read> std::fmt::Debug for WarcReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcReader").field("source", &self.source).field("number", &self.number).finish_non_exhaustive()
    }
}

impl<R: Read> WarcReader<R> {
    /// Starts reading `reader` (already decompressed). `Err` when the input is empty or
    /// does not start with a WARC record.
    pub fn new(source: impl Into<String>, reader: R, limits: &Limits) -> Result<Self, InputError> {
        let source = source.into();
        let mut src = Source::new(reader);
        let err = |reason| InputError::new(source.as_str(), reason);
        // Leading blank lines are tolerated; anything else must be a version line.
        loop {
            let avail = src.fill_to(8).map_err(|e| err(io_reason(&e)))?;
            let head = src.available();
            if avail == 0 {
                return Err(err(Reason::Empty));
            }
            if head.starts_with(b"\r\n") || head.starts_with(b"\n") {
                src.consume(if head[0] == b'\r' { 2 } else { 1 });
                continue;
            }
            if head.len() >= 5 && head.starts_with(b"WARC/") {
                break;
            }
            return Err(err(Reason::NotWarc));
        }
        Ok(Self {
            src,
            source,
            limits: *limits,
            number: 0,
            resyncing: false,
            done: false,
            skipped: BTreeMap::new(),
        })
    }

    fn skip(&mut self, kind: impl Into<String>) {
        *self.skipped.entry(kind.into()).or_default() += 1;
    }

    fn summary(&mut self) -> Option<InputError> {
        if self.skipped.is_empty() {
            return None;
        }
        let kinds = std::mem::take(&mut self.skipped).into_iter().collect();
        Some(InputError::new(self.source.as_str(), Reason::SkippedRecords(kinds)))
    }

    /// Reads the next record; `None` at the end of the stream.
    fn next_record(&mut self) -> Option<Result<RawDocument, InputError>> {
        loop {
            if self.done {
                return None;
            }
            match self.next_step() {
                Ok(Step::Item(item)) => return Some(item),
                Ok(Step::Skipped) => {}
                Ok(Step::End) => self.done = true,
                Err(e) => {
                    // The stream itself failed (gzip error, I/O error): nothing after is reliable.
                    self.done = true;
                    let at = Locus::Record { number: self.number.max(1), offset: self.src.pos, id: None };
                    return Some(Err(InputError::at(self.source.as_str(), at, io_reason(&e))));
                }
            }
        }
    }

    fn next_step(&mut self) -> io::Result<Step> {
        // Find the next version line.
        let start = loop {
            let offset = self.src.pos;
            match self.src.read_line(MAX_HEADER)? {
                Line::Eof => return Ok(Step::End),
                Line::Full(line) if line.starts_with(b"WARC/") => break offset,
                Line::Full(line) if line.trim_ascii().is_empty() => {}
                Line::Full(_) | Line::Partial if self.resyncing => {}
                Line::Full(_) | Line::Partial => {
                    // Garbage between records: report once, then look for the next record.
                    self.resyncing = true;
                    self.number += 1;
                    let at = Locus::Record { number: self.number, offset, id: None };
                    let reason = Reason::InvalidRecord("expected a `WARC/1.x` line".into());
                    return Ok(Step::Item(Err(InputError::at(self.source.as_str(), at, reason))));
                }
            }
        };
        self.resyncing = false;
        self.number += 1;
        let number = self.number;
        let source = self.source.clone();
        let at = |id: Option<&str>| Locus::Record { number, offset: start, id: id.map(str::to_string) };
        let fail = |id: Option<&str>, reason| Ok(Step::Item(Err(InputError::at(source.as_str(), at(id), reason))));

        // Header lines up to a blank line.
        let mut headers = Headers::default();
        let mut header_len = 0usize;
        loop {
            match self.src.read_line(MAX_HEADER)? {
                Line::Eof => {
                    self.done = true;
                    return fail(headers.get("warc-record-id"), Reason::TruncatedRecord);
                }
                Line::Partial => {
                    self.resyncing = true;
                    return fail(headers.get("warc-record-id"), Reason::InvalidRecord("header line too long".into()));
                }
                Line::Full(line) => {
                    header_len += line.len();
                    if line.trim_ascii().is_empty() {
                        break;
                    }
                    if header_len > MAX_HEADER {
                        self.resyncing = true;
                        return fail(headers.get("warc-record-id"), Reason::InvalidRecord("header too long".into()));
                    }
                    if line.starts_with(b"WARC/") {
                        // A new record begins inside this one's header: this one is cut short.
                        self.src.unread(&line);
                        return fail(headers.get("warc-record-id"), Reason::TruncatedRecord);
                    }
                    headers.push_line(&line);
                }
            }
        }
        let id = headers.get("warc-record-id").map(str::to_string);
        let id = id.as_deref();
        let Some(length) = headers.get("content-length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            self.resyncing = true;
            return fail(id, Reason::InvalidRecord("no valid Content-Length".into()));
        };
        let kind = headers.get("warc-type").unwrap_or("unknown").trim().to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "resource" | "conversion");

        // The block: held in memory only when it may be a page and fits the limit.
        let mut block = Vec::new();
        let too_large = length > self.limits.max_record;
        let complete = if !wanted || too_large {
            self.src.skip(length)? == length
        } else {
            self.src.read_up_to(length, &mut block)? == length
        };
        let fits = complete && self.trailer_ok()?;
        if !fits {
            // The length does not match the file: look for the next record inside what
            // was read; if it is not there, skip lines until one starts a record.
            if let Some(i) = find_record_start(&block) {
                self.src.unread(&block[i..]);
            } else {
                self.resyncing = true;
            }
            return fail(id, Reason::TruncatedRecord);
        }
        if too_large && wanted {
            return fail(id, Reason::RecordTooLarge(self.limits.max_record));
        }
        if !wanted {
            self.skip(kind);
            return Ok(Step::Skipped);
        }
        let url = headers.get("warc-target-uri").map(clean_uri).filter(|u| !u.is_empty());
        let doc_source = format!("{}#{number}", self.source);
        let content_type = headers.get("content-type").unwrap_or("").to_ascii_lowercase();
        let page = match kind.as_str() {
            "response" if content_type.is_empty() || content_type.starts_with("application/http") => {
                http_page(&block, headers.get("warc-identified-payload-type"), &self.limits)
            }
            "response" => Page::Skip(format!("{} response", mime(&content_type))),
            "conversion" if mime(&content_type) == "text/plain" => Page::Text(block),
            "conversion" => Page::Skip(format!("{} conversion", mime(&content_type))),
            _ if is_html_type(&mime(&content_type)) => Page::Html(block, charset(&content_type)),
            _ => Page::Skip(format!("{} {kind}", mime_or_unknown(&content_type))),
        };
        let content = match page {
            Page::Skip(what) => {
                self.skip(what);
                return Ok(Step::Skipped);
            }
            Page::Error(reason) => return fail(id, reason),
            Page::Html(body, declared) => decode::decode_html_declared(&body, declared).map(Content::Html),
            Page::Text(body) => decode::decode_text(&body).map(Content::Text),
        };
        let content = match content {
            Ok(content) => content,
            Err(Reason::Empty) => return fail(id, Reason::EmptyRecord),
            Err(reason) => return fail(id, reason),
        };
        let meta = GivenMeta { url, ..GivenMeta::default() };
        Ok(Step::Item(Ok(RawDocument { source: doc_source, content, meta })))
    }

    /// Consumes the blank lines that end a record; true when what follows is the next
    /// record or the end of the stream (a missing trailer at the very end is tolerated).
    /// When it is not, nothing is consumed.
    fn trailer_ok(&mut self) -> io::Result<bool> {
        let mut consumed: Vec<u8> = Vec::new();
        let ok = loop {
            self.src.fill_to(8)?;
            let head = self.src.available();
            if head.is_empty() {
                break true;
            }
            if head.starts_with(b"WARC/") {
                break !consumed.is_empty();
            }
            let n = if head.starts_with(b"\r\n") {
                2
            } else if head.starts_with(b"\n") {
                1
            } else {
                break false;
            };
            consumed.extend_from_slice(&head[..n]);
            self.src.consume(n);
        };
        if !ok {
            self.src.unread(&consumed);
        }
        Ok(ok)
    }
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Result<RawDocument, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_record() {
            Some(item) => Some(item),
            None => self.summary().map(Err),
        }
    }
}

enum Step {
    Item(Result<RawDocument, InputError>),
    Skipped,
    End,
}

/// What a record's block holds.
enum Page {
    Html(Vec<u8>, Option<&'static Encoding>),
    Text(Vec<u8>),
    /// Not a page: counted under this kind.
    Skip(String),
    Error(Reason),
}

/// The offset in `block` of a line starting a WARC record (not at offset 0).
fn find_record_start(block: &[u8]) -> Option<usize> {
    block.windows(8).position(|w| w == b"\nWARC/1.").map(|i| i + 1)
}

/// `WARC-Target-URI` without the angle brackets some writers put around it.
fn clean_uri(v: &str) -> String {
    let v = v.trim();
    v.strip_prefix('<').and_then(|v| v.strip_suffix('>')).unwrap_or(v).trim().to_string()
}

/// The media type of a `Content-Type` value: `text/html` of `text/html; charset=x`.
fn mime(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

fn mime_or_unknown(content_type: &str) -> String {
    let m = mime(content_type);
    if m.is_empty() { "untyped".to_string() } else { m }
}

fn is_html_type(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml" | "application/xhtml")
}

/// The encoding named by `charset=` in a `Content-Type` value.
fn charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(value.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes())
    })
}

/// Header fields, names lowercased, in order; folded lines joined.
#[derive(Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    fn push_line(&mut self, line: &[u8]) {
        let line = String::from_utf8_lossy(line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = self.0.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            return;
        }
        if let Some((name, value)) = line.split_once(':') {
            self.0.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }

    /// The first field called `name` (lowercase).
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn parse(text: &[u8]) -> Self {
        let mut headers = Headers::default();
        for line in text.split(|&b| b == b'\n') {
            headers.push_line(line);
        }
        headers
    }
}

/// The page inside an HTTP response block.
fn http_page(block: &[u8], identified: Option<&str>, limits: &Limits) -> Page {
    let Some((head_len, body_start)) = header_end(block) else {
        return if block.trim_ascii().is_empty() {
            Page::Error(Reason::EmptyRecord)
        } else {
            Page::Error(Reason::InvalidHttp("no end of headers".into()))
        };
    };
    let head = &block[..head_len];
    let status_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    let status_line = String::from_utf8_lossy(&head[..status_end]);
    let mut parts = status_line.split_ascii_whitespace();
    let (Some(version), Some(code)) = (parts.next(), parts.next()) else {
        return Page::Error(Reason::InvalidHttp("no status line".into()));
    };
    let Ok(code) = code.parse::<u16>() else {
        return Page::Error(Reason::InvalidHttp(format!("bad status code `{code}`")));
    };
    if !version.starts_with("HTTP/") {
        return Page::Error(Reason::InvalidHttp("no status line".into()));
    }
    if !(200..300).contains(&code) {
        return Page::Skip(format!("HTTP {code} response"));
    }
    let headers = Headers::parse(&head[status_end.min(head.len())..]);
    let mut body = block[body_start..].to_vec();
    if headers.get("transfer-encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked")) {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    if let Some(coding) = headers.get("content-encoding").map(|c| c.trim().to_ascii_lowercase()) {
        match decode_body(&body, &coding, limits) {
            Ok(Some(decoded)) => body = decoded,
            Ok(None) => {}
            // Already decoded by the crawler (headers kept as they were): use the bytes as they are.
            Err(_) if looks_like_html(&body) => {}
            Err(reason) => return Page::Error(reason),
        }
    }
    let content_type = headers.get("content-type").unwrap_or("").to_ascii_lowercase();
    let media = mime(&content_type);
    let media = if media.is_empty() { identified.map(mime).unwrap_or_default() } else { media };
    let html = if media.is_empty() { looks_like_html(&body) } else { is_html_type(&media) };
    if !html {
        let kind = if media.is_empty() { "untyped".to_string() } else { media };
        return Page::Skip(format!("{kind} response"));
    }
    Page::Html(body, charset(&content_type))
}

/// The length of the HTTP header (status line and fields) and where the body starts.
fn header_end(block: &[u8]) -> Option<(usize, usize)> {
    let crlf = block.windows(4).position(|w| w == b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = block.windows(2).position(|w| w == b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Chunked transfer-encoding joined; `None` when the body is not chunked after all.
/// A body cut short keeps the chunks that are there.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut chunks = 0;
    while let Some(eol) = rest.iter().position(|&b| b == b'\n') {
        let line = String::from_utf8_lossy(&rest[..eol]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            if chunks == 0 {
                return None;
            }
            break;
        };
        chunks += 1;
        rest = &rest[eol + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).unwrap_or(rest);
        if take < size {
            break;
        }
    }
    (chunks > 0).then_some(out)
}

/// Undoes one `Content-Encoding`; `Ok(None)` for identity.
fn decode_body(body: &[u8], coding: &str, limits: &Limits) -> Result<Option<Vec<u8>>, Reason> {
    let limit = limits.max_record;
    let read = |reader: &mut dyn Read| -> Result<Vec<u8>, Reason> {
        let mut out = Vec::new();
        match reader.take(limit.saturating_add(1)).read_to_end(&mut out) {
            Ok(_) if out.len() as u64 > limit => Err(Reason::RecordTooLarge(limit)),
            Ok(_) => Ok(out),
            Err(e) => Err(Reason::InvalidHttp(format!("{coding} body: {e}"))),
        }
    };
    match coding {
        "" | "identity" | "none" => Ok(None),
        "gzip" | "x-gzip" => read(&mut flate2::read::MultiGzDecoder::new(body)).map(Some),
        // "deflate" is meant to be zlib-wrapped, but raw deflate is common too.
        "deflate" => read(&mut flate2::read::ZlibDecoder::new(body))
            .or_else(|_| read(&mut flate2::read::DeflateDecoder::new(body)))
            .map(Some),
        other => Err(Reason::InvalidHttp(format!("unsupported Content-Encoding `{other}`"))),
    }
}

/// True when the bytes start like an HTML page.
fn looks_like_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body).trim_ascii_start();
    let head = body[..body.len().min(1024)].to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.windows(5).any(|w| w == b"<html") || head.starts_with(b"<head")
}

fn io_reason(e: &io::Error) -> Reason {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => Reason::TruncatedGzip,
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => Reason::InvalidGzip(e.to_string()),
        _ => Reason::Unreadable(e.to_string()),
    }
}

/// A line read from the stream.
enum Line {
    /// A whole line with its `\n` (or the last bytes before the end of the stream).
    Full(Vec<u8>),
    /// The first `max` bytes of a longer line (consumed, not returned).
    Partial,
    Eof,
}

/// A buffered reader that counts its position and can push bytes back.
struct Source<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    eof: bool,
    /// Offset in the stream of `buf[start]`.
    pos: u64,
}

impl<R: Read> Source<R> {
    fn new(inner: R) -> Self {
        Self { inner, buf: Vec::new(), start: 0, eof: false, pos: 0 }
    }

    fn available(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// Reads until at least `n` bytes are buffered or the stream ends; the number buffered.
    fn fill_to(&mut self, n: usize) -> io::Result<usize> {
        while self.buf.len() - self.start < n && !self.eof {
            if self.start > 0 && self.start >= self.buf.len() / 2 {
                self.buf.drain(..self.start);
                self.start = 0;
            }
            let old = self.buf.len();
            self.buf.resize(old + CHUNK, 0);
            let read = loop {
                match self.inner.read(&mut self.buf[old..]) {
                    Ok(k) => break Ok(k),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => break Err(e),
                }
            };
            match read {
                Ok(k) => {
                    self.buf.truncate(old + k);
                    if k == 0 {
                        self.eof = true;
                    }
                }
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        }
        Ok(self.buf.len() - self.start)
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.buf.len() - self.start);
        self.start += n;
        self.pos += n as u64;
    }

    /// Puts bytes back in front of the stream.
    fn unread(&mut self, bytes: &[u8]) {
        let mut buf = Vec::with_capacity(bytes.len() + self.buf.len() - self.start);
        buf.extend_from_slice(bytes);
        buf.extend_from_slice(&self.buf[self.start..]);
        self.buf = buf;
        self.start = 0;
        self.pos = self.pos.saturating_sub(bytes.len() as u64);
    }

    fn read_line(&mut self, max: usize) -> io::Result<Line> {
        let mut scanned = 0;
        loop {
            let avail = self.available();
            if let Some(i) = avail[scanned..].iter().position(|&b| b == b'\n') {
                let line = avail[..scanned + i + 1].to_vec();
                self.consume(line.len());
                return Ok(Line::Full(line));
            }
            scanned = avail.len();
            if scanned >= max {
                self.consume(max);
                return Ok(Line::Partial);
            }
            if self.eof {
                if avail.is_empty() {
                    return Ok(Line::Eof);
                }
                let line = avail.to_vec();
                self.consume(line.len());
                return Ok(Line::Full(line));
            }
            self.fill_to(scanned + 1)?;
        }
    }

    /// Appends up to `n` bytes to `out`; the number appended (less at the end of the stream).
    fn read_up_to(&mut self, n: u64, out: &mut Vec<u8>) -> io::Result<u64> {
        self.advance(n, Some(out))
    }

    /// Discards up to `n` bytes; the number discarded.
    fn skip(&mut self, n: u64) -> io::Result<u64> {
        self.advance(n, None)
    }

    /// Moves past up to `n` bytes, keeping them in `out` if given; the number passed.
    fn advance(&mut self, n: u64, mut out: Option<&mut Vec<u8>>) -> io::Result<u64> {
        let mut done = 0u64;
        while done < n {
            let want = usize::try_from((n - done).min(CHUNK as u64)).unwrap_or(CHUNK);
            let avail = self.fill_to(want)?;
            if avail == 0 {
                break;
            }
            let take = avail.min(want);
            if let Some(out) = out.as_deref_mut() {
                out.extend_from_slice(&self.available()[..take]);
            }
            self.consume(take);
            done += take as u64;
        }
        Ok(done)
    }
}

/// Reads a whole WARC stream into records (documents, per-record errors, and the
/// skipped-records notice last). `Err` when the stream is not WARC at all.
pub(crate) fn read_warc<R: Read>(source: &str, reader: R, limits: &Limits) -> Result<Vec<Result<RawDocument, InputError>>, InputError> {
    Ok(WarcReader::new(source, reader, limits)?.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(http: &[u8]) -> Vec<u8> {
        record("response", "WARC-Target-URI: <https://x.test/a>\r\nContent-Type: application/http; msgtype=response\r\n", http)
    }

    fn read(bytes: &[u8]) -> Vec<Result<RawDocument, InputError>> {
        read_warc("t.warc", bytes, &Limits::default()).unwrap_or_default()
    }

    fn html_of(r: &Result<RawDocument, InputError>) -> Option<&str> {
        match r {
            Ok(RawDocument { content: Content::Html(h), .. }) => Some(h),
            _ => None,
        }
    }

    #[test]
    fn chunked_and_gzipped_body() {
        use std::io::Write;
        let page = b"<html><body><p>Hello chunked world.</p></body></html>";
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = enc.write_all(page);
        let gz = enc.finish().unwrap_or_default();
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let (a, b) = gz.split_at(10);
        for part in [a, b] {
            http.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            http.extend_from_slice(part);
            http.extend_from_slice(b"\r\n");
        }
        http.extend_from_slice(b"0\r\n\r\n");
        let records = read(&response(&http));
        assert_eq!(records.len(), 1);
        assert_eq!(html_of(&records[0]), std::str::from_utf8(page).ok());
        assert_eq!(records[0].as_ref().ok().and_then(|d| d.meta.url.as_deref()), Some("https://x.test/a"));
        assert_eq!(records[0].as_ref().ok().map(|d| d.source.as_str()), Some("t.warc#1"));
    }

    #[test]
    fn charset_from_header() {
        let (body, _, _) = encoding_rs::WINDOWS_1251.encode("<html><body>Привет</body></html>");
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"windows-1251\"\r\n\r\n".to_vec();
        http.extend_from_slice(&body);
        let records = read(&response(&http));
        assert_eq!(html_of(&records[0]), Some("<html><body>Привет</body></html>"));
    }

    #[test]
    fn crawler_decoded_body_with_stale_encoding_header() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n<!doctype html><p>Plain</p>";
        assert_eq!(html_of(&read(&response(http))[0]), Some("<!doctype html><p>Plain</p>"));
    }

    #[test]
    fn redirects_and_untyped_bodies() {
        let mut bytes = response(b"HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n");
        bytes.extend(response(b"HTTP/1.1 200 OK\r\n\r\n<html><p>untyped but HTML</p></html>"));
        bytes.extend(response(b"HTTP/1.1 200 OK\r\n\r\n{\"json\": true}"));
        let records = read(&bytes);
        assert_eq!(records.len(), 2, "{records:?}");
        assert!(html_of(&records[0]).is_some());
        let notice = records[1].as_ref().err().map(|e| e.reason.clone());
        assert_eq!(
            notice,
            Some(Reason::SkippedRecords(vec![("HTTP 301 response".into(), 1), ("untyped response".into(), 1)]))
        );
    }

    #[test]
    fn resource_and_conversion_records() {
        let mut bytes = record("resource", "Content-Type: text/html\r\n", b"<p>resource page</p>");
        bytes.extend(record("conversion", "Content-Type: text/plain\r\n", b"Visible text of a page."));
        let records = read(&bytes);
        assert_eq!(html_of(&records[0]), Some("<p>resource page</p>"));
        assert!(matches!(&records[1], Ok(RawDocument { content: Content::Text(t), .. }) if t == "Visible text of a page."));
    }

    #[test]
    fn too_large_record_is_skipped_and_reported() {
        let big = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>{}</p>", "x".repeat(500));
        let mut bytes = response(big.as_bytes());
        bytes.extend(response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>small</p>"));
        let limits = Limits { max_record: 200, ..Limits::default() };
        let records = read_warc("t.warc", &bytes[..], &limits).unwrap_or_default();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].as_ref().err().map(|e| e.reason.clone()), Some(Reason::RecordTooLarge(200)));
        assert_eq!(html_of(&records[1]), Some("<p>small</p>"));
    }

    #[test]
    fn not_warc_and_empty() {
        let e = read_warc("t.warc", &b"<html>"[..], &Limits::default()).map(|_| ()).map_err(|e| e.reason);
        assert_eq!(e, Err(Reason::NotWarc));
        let e = read_warc("t.warc", &b"\r\n"[..], &Limits::default()).map(|_| ()).map_err(|e| e.reason);
        assert_eq!(e, Err(Reason::Empty));
    }

    #[test]
    fn dechunk_is_lenient() {
        assert_eq!(dechunk(b"5\r\nhello\r\n0\r\n\r\n"), Some(b"hello".to_vec()));
        assert_eq!(dechunk(b"5;ext=1\r\nhel"), Some(b"hel".to_vec()));
        assert_eq!(dechunk(b"<html>"), None);
    }
}
