//! Arbitrary bytes, read lossily as a string, through the extractor as `Content::Text`:
//! it must return (an article or an error) without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_model::{Content, GivenMeta, RawDocument};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = RawDocument { source: "fuzz".into(), content: Content::Text(text), meta: GivenMeta::default() };
    let _ = storyline_extract::extract(&doc);
});
