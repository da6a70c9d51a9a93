//! Arbitrary bytes read as `Format::Warc` (plain, then as if gzipped): the reader
//! returns documents and per-record errors without panicking, within small limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_ingest::{Format, Input, Limits, read_bytes};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_file: 1 << 20, max_decompressed: 4 << 20, max_record: 1 << 20 };
    for gzip in [false, true] {
        let input = Input::named("fuzz", Some(Format::Warc), gzip);
        if let Ok(records) = read_bytes(&input, data, &limits) {
            for record in records {
                let _ = record.map(|doc| doc.source.len());
            }
        }
    }
});
