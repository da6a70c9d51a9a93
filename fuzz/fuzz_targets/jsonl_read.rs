//! Arbitrary bytes read as `Format::JsonLines`: from memory (plain, then as if gzipped) and
//! streamed from a file (`.jsonl`, `.jsonl.gz`, as `ingest` reads them); the readers return
//! documents and per-record errors without panicking, within small limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_ingest::{Format, Input, Limits, collect_inputs, read_bytes, read_records};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_file: 1 << 20, max_decompressed: 4 << 20, max_record: 1 << 20 };
    for gzip in [false, true] {
        let input = Input::named("fuzz", Some(Format::JsonLines), gzip);
        if let Ok(records) = read_bytes(&input, data, &limits) {
            for record in records {
                let _ = record.map(|doc| doc.source.len());
            }
        }
    }
    let dir = std::env::temp_dir().join(format!("storyline-fuzz-jsonl-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    for name in ["in.jsonl", "in.jsonl.gz"] {
        let path = dir.join(name);
        if std::fs::write(&path, data).is_err() {
            continue;
        }
        let (inputs, _) = collect_inputs(&[path]);
        for input in &inputs {
            if let Ok(records) = read_records(input, &limits) {
                for record in records {
                    let _ = record.map(|doc| doc.source.len());
                }
            }
        }
    }
});
