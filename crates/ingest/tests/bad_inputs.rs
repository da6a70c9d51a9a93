//! A directory of good and bad inputs: good documents come through with their contents
//! and metadata; each bad input yields exactly one error naming its file (and line).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use storyline_ingest::{Input, Limits, Locus, Reason, collect_inputs, read_all};
use storyline_model::{Content, RawDocument};

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

/// Deterministic bytes in 0x80..=0xFF with a few spaces: no encoding makes text of them.
fn garbage(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|i| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            if i % 9 == 8 { b' ' } else { 0x80 | (x >> 57) as u8 }
        })
        .collect()
}

const NEWS_PLEASE: &str = r#"{"title": "Putin accepts invite to visit Vietnam", "maintext": "HANOI: Vietnam said on Tuesday that Putin has accepted an invitation.", "description": "Lead.", "date_publish": "2024-03-26 10:15:00", "url": "https://www.thestar.com.my/news/1", "source_domain": "thestar.com.my", "authors": ["Jane Doe", "John Roe"], "language": "en"}"#;
const TRAFILATURA: &str = r#"{"title": "Vietnam confirms visit", "text": "Vietnam confirmed the visit on Wednesday.", "date": "2024-03-27", "url": "https://example.org/vn", "hostname": "example.org", "author": "Le Van A; Tran Thi B", "fingerprint": "abc", "source": "https://example.org/vn"}"#;

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create dir");
    }
    fs::write(path, bytes).expect("write file");
}

fn build(root: &Path) {
    write(root, "a_good.txt", "Putin accepts invite\n\nHANOI: Vietnam said on Tuesday.\n".as_bytes());
    write(root, "b_good.txt", "\u{FEFF}Đà Nẵng welcomes «visitors» — again.\n".as_bytes());
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    binary.extend((0..4000u32).map(|i| (i * 7 % 256) as u8));
    write(root, "c_binary.txt", &binary);
    write(root, "d_empty.txt", b"  \n\n\t\n");
    write(root, "e_garbled.txt", &garbage(3000));
    let gz = gzip("A long story. ".repeat(500).as_bytes());
    write(root, "f_truncated.txt.gz", &gz[..gz.len() / 2]);
    let feed = format!("{NEWS_PLEASE}\n{TRAFILATURA}\n\n{{\"title\": \"broken\", \"maintext\": \n{{\"title\": \"no body\"}}\n");
    write(root, "g_feed.jsonl", feed.as_bytes());
    let page = "<!doctype html><html><head><meta charset=\"windows-1251\"><title>Путин посетит Вьетнам</title></head>\
                <body><p>Президент России принял приглашение посетить Ханой.</p></body></html>";
    let (cp1251, _, unmappable) = encoding_rs::WINDOWS_1251.encode(page);
    assert!(!unmappable);
    write(root, "h_page.html", &cp1251);
    write(root, "nested/deeper/i_nested.txt", b"Nested story body.\n");
    write(root, "nested/notes.md", b"# not an article format: skipped in directories\n");
    write(root, ".hidden.txt", b"hidden files are skipped\n");
    write(root, "nested/.git/x.txt", b"hidden directories are skipped\n");
}

fn text_of(doc: &RawDocument) -> &str {
    match &doc.content {
        Content::Text(s) | Content::Html(s) | Content::CleanText(s) => s,
    }
}

#[test]
fn bad_inputs_do_not_stop_good_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    build(root);
    let given = root.display().to_string();
    let src = |rel: &str| format!("{given}/{rel}");

    let (docs, errors) = read_all(&[root.to_path_buf()], &Limits::default());

    // Good documents, in sorted walk order, named "given path/relative path".
    let sources: Vec<&str> = docs.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            src("a_good.txt"),
            src("b_good.txt"),
            src("g_feed.jsonl#1"),
            src("g_feed.jsonl#2"),
            src("h_page.html"),
            src("nested/deeper/i_nested.txt"),
        ]
    );
    assert_eq!(docs[0].content, Content::Text("Putin accepts invite\n\nHANOI: Vietnam said on Tuesday.\n".into()));
    assert_eq!(docs[1].content, Content::Text("Đà Nẵng welcomes «visitors» — again.\n".into()), "BOM stripped");

    let np = &docs[2];
    assert_eq!(np.content, Content::CleanText("HANOI: Vietnam said on Tuesday that Putin has accepted an invitation.".into()));
    assert_eq!(np.meta.title.as_deref(), Some("Putin accepts invite to visit Vietnam"));
    assert_eq!(np.meta.published.as_deref(), Some("2024-03-26 10:15:00"));
    assert_eq!(np.meta.url.as_deref(), Some("https://www.thestar.com.my/news/1"));
    assert_eq!(np.meta.site.as_deref(), Some("thestar.com.my"));
    assert_eq!(np.meta.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(np.meta.language.as_deref(), Some("en"));

    let tr = &docs[3];
    assert_eq!(tr.content, Content::CleanText("Vietnam confirmed the visit on Wednesday.".into()));
    assert_eq!(tr.meta.title.as_deref(), Some("Vietnam confirms visit"));
    assert_eq!(tr.meta.published.as_deref(), Some("2024-03-27"));
    assert_eq!(tr.meta.url.as_deref(), Some("https://example.org/vn"));
    assert_eq!(tr.meta.site.as_deref(), Some("example.org"));
    assert_eq!(tr.meta.authors, ["Le Van A", "Tran Thi B"]);
    assert_eq!(tr.meta.language, None);

    let html = &docs[4];
    assert!(matches!(html.content, Content::Html(_)));
    assert!(text_of(html).contains("<title>Путин посетит Вьетнам</title>"), "{}", text_of(html));
    assert!(text_of(html).contains("Президент России принял приглашение посетить Ханой."));

    assert_eq!(docs[5].content, Content::Text("Nested story body.\n".into()));

    // Exactly one clear error per bad input, naming it (and the line).
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 6, "{shown:#?}");
    let expect = [
        (src("c_binary.txt"), None, Reason::Binary),
        (src("d_empty.txt"), None, Reason::Empty),
        (src("e_garbled.txt"), None, Reason::InvalidUtf8),
        (src("f_truncated.txt.gz"), None, Reason::TruncatedGzip),
    ];
    for (error, (input, at, reason)) in errors.iter().zip(&expect) {
        assert_eq!((&error.input, &error.at, &error.reason), (input, at, reason));
    }
    assert_eq!(shown[0], format!("{given}/c_binary.txt: binary file"));
    assert_eq!(shown[1], format!("{given}/d_empty.txt: empty file"));
    assert_eq!(shown[2], format!("{given}/e_garbled.txt: invalid UTF-8"));
    assert_eq!(shown[3], format!("{given}/f_truncated.txt.gz: truncated gzip"));
    assert_eq!(errors[4].at, Some(Locus::Line(4)));
    assert!(matches!(errors[4].reason, Reason::InvalidJson(_)));
    assert!(shown[4].starts_with(&format!("{given}/g_feed.jsonl: line 4: invalid JSON: ")), "{}", shown[4]);
    assert_eq!(
        shown[5],
        format!("{given}/g_feed.jsonl: line 5: no text field (expected maintext, text, html or raw_html)")
    );
}

#[test]
fn explicit_paths() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    build(root);
    fs::create_dir(root.join("empty_dir")).expect("mkdir");
    let paths: Vec<PathBuf> = vec![
        root.join("nested/notes.md"),
        root.join("missing.txt"),
        PathBuf::from("-"),
        root.join(".hidden.txt"),
        root.join("empty_dir"),
        root.join("nested"),
    ];
    let (inputs, errors) = collect_inputs(&paths);
    let sources: Vec<&str> = inputs.iter().map(|i| i.source.as_str()).collect();
    let hidden = root.join(".hidden.txt").display().to_string();
    let nested = root.join("nested/deeper/i_nested.txt").display().to_string();
    assert_eq!(sources, ["<stdin>", hidden.as_str(), nested.as_str()]);
    assert_eq!(inputs[0], Input::stdin());

    let reasons: Vec<(String, Reason)> = errors.iter().map(|e| (e.input.clone(), e.reason.clone())).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert_eq!(reasons[0], (root.join("nested/notes.md").display().to_string(), Reason::Unsupported));
    assert_eq!(reasons[1].0, root.join("missing.txt").display().to_string());
    assert!(matches!(&reasons[1].1, Reason::Unreadable(m) if !m.is_empty()));
    assert_eq!(reasons[2], (root.join("empty_dir").display().to_string(), Reason::NoSupportedFiles));
    assert!(errors[1].to_string().contains("missing.txt: unreadable: "), "{}", errors[1]);
}

#[test]
fn source_keeps_the_path_as_given() {
    // A relative path stays relative: "given/inner" exactly as the user typed "given".
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "seeds/000_x.txt", b"Body.\n");
    let given = dir.path().join("seeds/");
    let (inputs, errors) = collect_inputs(std::slice::from_ref(&given));
    assert!(errors.is_empty());
    assert_eq!(inputs[0].source, given.join("000_x.txt").display().to_string());
    assert!(!inputs[0].source.contains("//"));
}

#[test]
fn file_limit_is_checked_before_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "big.txt", &vec![b'a'; 5000]);
    let limits = Limits { max_file: 4096, ..Limits::default() };
    let (docs, errors) = read_all(&[dir.path().join("big.txt")], &limits);
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].to_string().ends_with("big.txt: larger than the 4 KiB limit"), "{}", errors[0]);
}

/// The records `read_records` streams from the one file at `path`.
fn streamed_records(path: &Path, limits: &Limits) -> Vec<Result<RawDocument, storyline_ingest::InputError>> {
    let (inputs, errors) = collect_inputs(&[path.to_path_buf()]);
    assert!(errors.is_empty());
    match storyline_ingest::read_records(&inputs[0], limits) {
        Ok(records) => records.collect(),
        Err(e) => vec![Err(e)],
    }
}

#[test]
fn json_lines_are_streamed_past_the_file_limit_plain_or_gzipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lines: String = (0..200).map(|i| format!("{{\"title\": \"T{i}\", \"text\": \"Story number {i} happened.\"}}\n")).collect();
    write(dir.path(), "big.jsonl", lines.as_bytes());
    write(dir.path(), "big.jsonl.gz", &gzip(lines.as_bytes()));
    let limits = Limits { max_file: 1024, max_decompressed: 1024, ..Limits::default() };
    for name in ["big.jsonl", "big.jsonl.gz"] {
        let records = streamed_records(&dir.path().join(name), &limits);
        assert_eq!(records.len(), 200, "{name}");
        let last = records[199].as_ref().expect("a document");
        assert!(last.source.ends_with(&format!("{name}#200")), "{}", last.source);
        assert_eq!(text_of(last), "Story number 199 happened.");
    }
}

#[test]
fn a_truncated_gzip_of_json_lines_gives_its_good_records_then_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lines: String = (0..2000).map(|i| format!("{{\"text\": \"Story {i} with some words to fill the stream.\"}}\n")).collect();
    let packed = gzip(lines.as_bytes());
    write(dir.path(), "cut.jsonl.gz", &packed[..packed.len() / 2]);
    let records = streamed_records(&dir.path().join("cut.jsonl.gz"), &Limits::default());
    let good = records.iter().take_while(|r| r.is_ok()).count();
    assert!(good > 100 && good < 2000, "{good} good records");
    assert_eq!(records.len(), good + 1);
    let error = records[good].as_ref().expect_err("the cut");
    assert_eq!(error.reason, Reason::TruncatedGzip, "{error}");
}

#[test]
fn binary_json_lines_are_refused_before_streaming() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "bin.jsonl", &[0u8, 1, 2, 3, 0, 0, 9, 200]);
    let records = streamed_records(&dir.path().join("bin.jsonl"), &Limits::default());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].as_ref().expect_err("binary").reason, Reason::Binary);
}
