//! WARC and feed inputs end to end: a WARC file the test builds (two HTML responses,
//! a truncated record, an image, a request and a warcinfo record), plain and as
//! `.warc.gz` with one gzip member per record, ingests its good records through
//! `storyline_pipeline::process_document` and reports the others; RSS and Atom fixtures
//! give one document per item with content and a notice per link-only item.

use std::io::Write;
use std::path::{Path, PathBuf};
use storyline_ingest::{Input, InputError, Limits, Locus, Reason, read_all, read_records};
use storyline_model::{Content, RawDocument};

const PAGE_ONE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Council approves ferry terminal | Harbour Gazette</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves ferry terminal</h1>
<p>PORTVILLE — The town council on Thursday approved a new ferry terminal on the north quay, ending a two-year dispute over the future of the harbour.</p>
<p>The terminal will cost 42 million euros and is expected to open in 2027, the council said in a statement after a vote of nine to four.</p>
<p>"This is the biggest investment in the harbour for a generation," said mayor Anna Berg, who had campaigned for the project since her election.</p>
</article><footer>© Harbour Gazette</footer></body></html>"#;

const PAGE_TWO: &str = r#"<!DOCTYPE html><html><head><title>Протест рыбаков в порту</title></head>
<body><article><h1>Протест рыбаков в порту</h1>
<p>Десятки рыбаков в пятницу утром перекрыли вход в гавань в знак протеста против новых квот на вылов, объявленных министерством на прошлой неделе.</p>
<p>Протестующие заявили, что квоты сократят их улов вдвое и вынудят многие небольшие суда прекратить работу до конца года.</p>
</article></body></html>"#;

fn record(kind: &str, n: usize, extra: &str, block: &[u8], length: Option<usize>) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-06-21T10:00:0{n}Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{n}>\r\n{extra}Content-Length: {}\r\n\r\n",
        length.unwrap_or(block.len())
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn response(n: usize, url: &str, http: &[u8], length: Option<usize>) -> Vec<u8> {
    let extra = format!("WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n");
    record("response", n, &extra, http, length)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

/// The records, each as its own bytes (so the `.warc.gz` can have one member per record).
fn records() -> Vec<Vec<u8>> {
    let warcinfo = record("warcinfo", 1, "Content-Type: application/warc-fields\r\n", b"software: test\r\nformat: WARC 1.0\r\n", None);
    let request = record(
        "request",
        2,
        "WARC-Target-URI: https://gazette.example/ferry\r\nContent-Type: application/http; msgtype=request\r\n",
        b"GET /ferry HTTP/1.1\r\nHost: gazette.example\r\n\r\n",
        None,
    );
    // UTF-8 page, chunked.
    let mut http1 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for chunk in PAGE_ONE.as_bytes().chunks(300) {
        http1.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        http1.extend_from_slice(chunk);
        http1.extend_from_slice(b"\r\n");
    }
    http1.extend_from_slice(b"0\r\n\r\n");
    let one = response(3, "https://gazette.example/ferry", &http1, None);
    // A record whose block was cut short: its Content-Length reaches into the next record.
    let cut_http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}", &PAGE_ONE[..200]);
    let truncated = response(4, "https://gazette.example/cut", cut_http.as_bytes(), Some(cut_http.len() + 400));
    // windows-1251 page, gzip Content-Encoding, charset only in the HTTP header.
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(PAGE_TWO);
    let mut http2 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http2.extend_from_slice(&gzip(&cp1251));
    let two = response(5, "<https://gazette.example/ru/protest>", &http2, None);
    let mut png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1]);
    let image = response(6, "https://gazette.example/logo.png", &png, None);
    vec![warcinfo, request, one, truncated, two, image]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

fn check_warc(path: &Path) {
    let name = path.display().to_string();
    let (docs, errors) = read_all(&[path.to_path_buf()], &Limits::default());
    assert_eq!(docs.len(), 2, "{docs:#?}\n{errors:#?}");
    assert_eq!(docs[0].source, format!("{name}#3"));
    assert_eq!(docs[0].meta.url.as_deref(), Some("https://gazette.example/ferry"));
    assert_eq!(docs[0].meta.published, None, "the crawl date is not a publication date");
    assert!(matches!(&docs[0].content, Content::Html(h) if h == PAGE_ONE));
    assert_eq!(docs[1].source, format!("{name}#5"));
    assert_eq!(docs[1].meta.url.as_deref(), Some("https://gazette.example/ru/protest"));
    assert!(matches!(&docs[1].content, Content::Html(h) if h == PAGE_TWO));

    let analysed: Vec<_> = docs.iter().map(storyline_pipeline::process_document).collect();
    let one = analysed[0].as_ref().expect("page one analyses");
    assert!(one.article.body.contains("approved a new ferry terminal"), "{}", one.article.body);
    assert!(!one.article.body.contains("Home"));
    assert_eq!(one.article.url.as_deref(), Some("https://gazette.example/ferry"));
    let two = analysed[1].as_ref().expect("page two analyses");
    assert!(two.article.body.contains("Десятки рыбаков"), "{}", two.article.body);

    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[0].input, name);
    assert_eq!(errors[0].reason, Reason::TruncatedRecord);
    assert!(!errors[0].is_notice());
    assert!(
        matches!(&errors[0].at, Some(Locus::Record { number: 4, id: Some(id), .. }) if id.ends_with("04>")),
        "{:?}",
        errors[0].at
    );
    assert!(errors[0].to_string().starts_with(&format!("{name}: record 4 at byte ")), "{}", errors[0]);
    assert!(errors[1].is_notice());
    assert_eq!(
        errors[1].to_string(),
        format!("{name}: skipped 3 records that are not HTML pages (1 image/png response, 1 request, 1 warcinfo)")
    );
}

#[test]
fn warc_good_records_ingest_and_others_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let parts = records();
    let plain = write(dir.path(), "crawl.warc", &parts.concat());
    check_warc(&plain);
    let members: Vec<u8> = parts.iter().flat_map(|p| gzip(p)).collect();
    let zipped = write(dir.path(), "crawl.warc.gz", &members);
    check_warc(&zipped);
    // Also when sniffed from in-memory bytes (stdin).
    let records = storyline_ingest::read_bytes(&Input::stdin(), &members, &Limits::default()).unwrap_or_default();
    assert_eq!(records.iter().filter(|r| r.is_ok()).count(), 2);
}

#[test]
fn warc_truncated_at_the_end_keeps_earlier_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let parts = records();
    let mut bytes = parts[..3].concat();
    bytes.extend_from_slice(&parts[4][..parts[4].len() / 2]);
    let path = write(dir.path(), "cut.warc", &bytes);
    let records: Vec<_> = read_records(&Input::file(&path).expect("warc input"), &Limits::default())
        .expect("readable")
        .collect();
    assert!(matches!(&records[0], Ok(RawDocument { content: Content::Html(_), .. })));
    let errors: Vec<&InputError> = records.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errors[0].reason, Reason::TruncatedRecord);
    assert_eq!(errors[0].at.as_ref().map(Locus::number), Some(4));
    assert!(errors[1].is_notice());

    // The gzipped form, cut inside a member: the gzip error names the record it broke.
    let mut members: Vec<u8> = parts[..3].iter().flat_map(|p| gzip(p)).collect();
    let last = gzip(&parts[4]);
    members.extend_from_slice(&last[..last.len() / 2]);
    let path = write(dir.path(), "cut.warc.gz", &members);
    let (docs, errors) = read_all(&[path], &Limits::default());
    assert_eq!(docs.len(), 1);
    assert!(errors.iter().any(|e| e.reason == Reason::TruncatedGzip && e.at.is_some()), "{errors:#?}");
}

#[test]
fn not_a_warc_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "bad.warc", b"<html>not a warc</html>");
    let (docs, errors) = read_all(&[path], &Limits::default());
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].reason, Reason::NotWarc);
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn rss_items_with_content_become_articles() {
    let path = fixture("feed.rss");
    let name = path.display().to_string();
    let (docs, errors) = read_all(&[path], &Limits::default());
    assert_eq!(docs.len(), 2, "{docs:#?}");
    let first = &docs[0];
    assert_eq!(first.source, format!("{name}#1"));
    assert_eq!(first.meta.title.as_deref(), Some("Council approves new ferry terminal"));
    assert_eq!(first.meta.url.as_deref(), Some("https://gazette.example/2024/06/20/ferry-terminal"));
    assert_eq!(first.meta.published.as_deref(), Some("2024-06-20T09:30:00+00:00"));
    assert_eq!(first.meta.authors, vec!["Maria Lopez".to_string()]);
    assert_eq!(first.meta.language.as_deref(), Some("en"));
    assert!(matches!(&first.content, Content::Html(h) if h.contains("42 million euros")));
    // A long description is the article.
    assert!(matches!(&docs[1].content, Content::CleanText(t) if t.starts_with("Dozens of fishermen")));
    // A teaser with a link is a notice, not an article.
    assert_eq!(errors.len(), 1);
    assert!(errors[0].is_notice());
    assert_eq!(errors[0].to_string(), format!("{name}: item 3: link only: https://gazette.example/2024/06/22/storm"));

    let article = storyline_pipeline::process_document(first).expect("feed item analyses");
    assert!(article.article.body.contains("approved a new ferry terminal"), "{}", article.article.body);
    assert!(article.article.body.contains("Anna Berg"));
    assert_eq!(article.article.title.as_deref(), Some("Council approves new ferry terminal"));
    let article = storyline_pipeline::process_document(&docs[1]).expect("description analyses");
    assert!(article.article.body.contains("cod stocks"));
}

#[test]
fn atom_entries_with_content_become_articles() {
    let path = fixture("feed.atom");
    let name = path.display().to_string();
    let (docs, errors) = read_all(&[path], &Limits::default());
    assert_eq!(docs.len(), 1, "{docs:#?}");
    let doc = &docs[0];
    assert_eq!(doc.meta.title.as_deref(), Some("Bridge reopens after repairs"));
    assert_eq!(doc.meta.url.as_deref(), Some("https://courier.example/news/bridge-reopens"));
    assert_eq!(doc.meta.published.as_deref(), Some("2024-06-19T05:00:00+00:00"));
    assert_eq!(doc.meta.authors, vec!["Tom Hale".to_string(), "Ines Duarte".to_string()]);
    assert!(matches!(&doc.content, Content::Html(h) if h.contains("<p>RIVERTON")));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].to_string(), format!("{name}: item 2: link only: https://courier.example/news/market-day"));
    let article = storyline_pipeline::process_document(doc).expect("atom entry analyses");
    assert!(article.article.body.contains("stone bridge over the Lune"), "{}", article.article.body);
}

#[test]
fn xml_that_is_not_a_feed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sitemap = b"<?xml version=\"1.0\"?><urlset><url><loc>https://x.example/</loc></url></urlset>";
    let path = write(dir.path(), "sitemap.xml", sitemap);
    std::fs::copy(fixture("feed.atom"), dir.path().join("news.xml")).expect("copy fixture");
    // Named explicitly: an error.
    let (_, errors) = read_all(&[path], &Limits::default());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].reason, Reason::NotAFeed);
    // In a directory: skipped silently, the feed is read.
    let (docs, errors) = read_all(&[dir.path().to_path_buf()], &Limits::default());
    assert_eq!(docs.len(), 1);
    assert!(errors.iter().all(InputError::is_notice), "{errors:#?}");
}
