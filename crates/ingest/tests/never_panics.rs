//! Reading arbitrary bytes as any format never panics.

use proptest::prelude::*;
use storyline_ingest::{Format, Input, Limits, read_bytes};

const FORMATS: [Option<Format>; 5] =
    [None, Some(Format::Text), Some(Format::Html), Some(Format::Json), Some(Format::JsonLines)];

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
