//! Reading arbitrary bytes as any format never panics.

use proptest::prelude::*;
use storyline_ingest::{Format, Input, Limits, read_bytes};

const FORMATS: [Option<Format>; 7] = [
    None,
    Some(Format::Text),
    Some(Format::Html),
    Some(Format::Json),
    Some(Format::JsonLines),
    Some(Format::Warc),
    Some(Format::Feed),
];

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let prefixes = prop_oneof![
        Just(Vec::new()),
        Just(vec![0x1f, 0x8b, 0x08, 0x00]),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0xFE, 0xFF]),
        Just(b"<html><meta charset=\"windows-1251\">".to_vec()),
        Just(b"<meta http-equiv=content-type content='text/html; charset=utf-16'>".to_vec()),
        Just(b"{\"maintext\": \"".to_vec()),
        Just(b"[{\"text\": \"a\"}, ".to_vec()),
        Just(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n".to_vec()),
        Just(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><description>".to_vec()),
        Just(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">".to_vec()),
    ];
    let body = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600),
        proptest::collection::vec(0x80u8..=0xFF, 0..600),
        "\\PC{0,200}".prop_map(String::into_bytes),
    ];
    (prefixes, body).prop_map(|(mut p, b)| {
        p.extend(b);
        p
    })
}

fn gzipped(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_bytes_any_format(data in bytes(), small in any::<bool>(), cut in any::<prop::sample::Index>()) {
        let limits = if small {
            Limits { max_file: 300, max_decompressed: 400, max_record: 50 }
        } else {
            Limits::default()
        };
        let zipped = gzipped(&data);
        let truncated = &zipped[..cut.index(zipped.len() + 1)];
        for format in FORMATS {
            for gzip in [false, true] {
                let input = Input::named("p", format, gzip);
                for bytes in [&data[..], &zipped[..], truncated] {
                    if let Ok(records) = read_bytes(&input, bytes, &limits) {
                        prop_assert!(!records.is_empty());
                        for record in records {
                            match record {
                                Ok(doc) => prop_assert!(doc.source.starts_with('p')),
                                Err(e) => prop_assert!(e.to_string().starts_with("p: ")),
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A small valid WARC file: a warcinfo record and two HTML responses (one chunked and gzipped).
fn valid_warc() -> Vec<u8> {
    use std::io::Write;
    let rec = |kind: &str, block: &[u8]| {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://x.test/\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    };
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = enc.write_all(b"<html><p>zipped page</p></html>");
    let zipped = enc.finish().unwrap_or_default();
    let mut chunked = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=koi8-r\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
        zipped.len()
    )
    .into_bytes();
    chunked.extend_from_slice(&zipped);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let mut out = rec("warcinfo", b"software: x\r\n");
    out.extend(rec("response", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>plain page</p>"));
    out.extend(rec("response", &chunked));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A valid WARC file damaged anywhere (bytes overwritten, cut, gzipped) reads without panicking.
    #[test]
    fn damaged_warc(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
                    cut in any::<prop::sample::Index>(), small in any::<bool>(), zip in any::<bool>()) {
        let mut data = valid_warc();
        for (at, byte) in edits {
            let i = at.index(data.len());
            data[i] = byte;
        }
        data.truncate(cut.index(data.len() + 1));
        if zip {
            data = gzipped(&data);
        }
        let limits = if small { Limits { max_file: 1 << 20, max_decompressed: 1 << 20, max_record: 64 } } else { Limits::default() };
        for format in [None, Some(Format::Warc)] {
            let input = Input::named("w", format, false);
            if let Ok(records) = read_bytes(&input, &data, &limits) {
                for record in records {
                    match record {
                        Ok(doc) => prop_assert!(doc.source.starts_with("w")),
                        Err(e) => prop_assert!(e.to_string().starts_with("w: ")),
                    }
                }
            }
        }
    }

    /// Arbitrary text inside a feed's item reads without panicking.
    #[test]
    fn arbitrary_feed_items(title in "\\PC{0,40}", body in "\\PC{0,300}", atom in any::<bool>()) {
        let xml = if atom {
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>{title}</title><link href=\"{title}\"/><content type=\"html\">{body}</content></entry></feed>")
        } else {
            format!("<rss version=\"2.0\"><channel><item><title>{title}</title><link>{title}</link><description>{body}</description></item></channel></rss>")
        };
        let input = Input::named("f.xml", Some(Format::Feed), false);
        let _ = read_bytes(&input, xml.as_bytes(), &Limits::default());
    }
}
