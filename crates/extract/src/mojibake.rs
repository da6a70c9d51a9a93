//! Text whose UTF-8 was decoded once more as windows-1252 or Latin-1 before it reached us
//! ("doesnâ€™t" for "doesn’t"): the sequences no text means as written are decoded back.
//!
//! Written by hand: the repair is limited to sequences holding a byte of 0x80–0x9F (typographic
//! marks in windows-1252, control characters in Latin-1), which no page writes on purpose after
//! an accented capital; ftfy's wider heuristics have no maintained Rust port.

use std::borrow::Cow;
use std::sync::LazyLock;

/// The characters windows-1252 gives the bytes 0x80–0x9F (WHATWG: the five unassigned ones
/// stay C1 controls).
static WINDOWS_1252_HIGH: LazyLock<Vec<char>> = LazyLock::new(|| {
    let bytes: Vec<u8> = (0x80..=0x9F).collect();
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes).0.chars().collect()
});

/// The byte windows-1252 or Latin-1 read as `c`, if any.
fn byte_of(c: char) -> Option<u8> {
    match u8::try_from(u32::from(c)) {
        Ok(b) => Some(b),
        Err(_) => WINDOWS_1252_HIGH.iter().position(|&h| h == c).and_then(|i| u8::try_from(0x80 + i).ok()),
    }
}

/// `text` with double-decoded UTF-8 sequences decoded back: a lead character (Â–ô, bytes
/// 0xC2–0xF4) and the continuation characters its byte calls for (bytes 0x80–0xBF), one of them
/// from 0x80–0x9F, that together are valid UTF-8. Anything else is kept as it is; borrowed when
/// nothing was repaired.
pub(crate) fn repair(text: &str) -> Cow<'_, str> {
    if !has_candidate(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut repaired = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let needed = match u32::from(c) {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        if needed == 0 {
            out.push(c);
            continue;
        }
        let mut bytes = [u8::try_from(u32::from(c)).unwrap_or_default(), 0, 0, 0];
        let mut len = 1;
        let mut ahead = chars.clone();
        while len <= needed {
            match ahead.next().and_then(byte_of) {
                Some(b) if (0x80..=0xBF).contains(&b) => bytes[len] = b,
                _ => break,
            }
            len += 1;
        }
        let marked = bytes[1..len].iter().any(|b| (0x80..=0x9F).contains(b));
        match std::str::from_utf8(&bytes[..len]).ok().filter(|_| marked && len == needed + 1) {
            Some(decoded) => {
                out.push_str(decoded);
                chars = ahead;
                repaired = true;
            }
            None => out.push(c),
        }
    }
    if repaired { Cow::Owned(out) } else { Cow::Borrowed(text) }
}

/// Whether `text` may hold a repairable sequence: a lead character (encoded C3 82–C3 B4)
/// followed by a character from the bytes 0x80–0x9F (a C1 control, encoded C2 80–C2 9F, or one
/// of windows-1252's marks, encoded with a lead byte C5, C6, CB or E2). Most texts are ruled out
/// by one `memchr` pass.
fn has_candidate(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xC3, b).any(|i| {
        let lead = b.get(i + 1).is_some_and(|x| (0x82..=0xB4).contains(x));
        let next = b.get(i + 2..i + 4).unwrap_or_default();
        lead && match next {
            [0xC2, x] => (0x80..=0x9F).contains(x),
            [first, _] => matches!(first, 0xC5 | 0xC6 | 0xCB | 0xE2),
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` as a page shows it after its UTF-8 was read as windows-1252.
    fn garble(s: &str) -> String {
        encoding_rs::WINDOWS_1252.decode_without_bom_handling(s.as_bytes()).0.into_owned()
    }

    #[test]
    fn double_decoded_marks_are_decoded_back() {
        assert_eq!(repair("doesnâ€™t"), "doesn’t");
        assert_eq!(repair("Investor\u{e2}\u{80}\u{99}s Guide"), "Investor’s Guide");
        assert_eq!(repair(&garble("“Quoted” — and – ‘so’ €5 …")), "“Quoted” — and – ‘so’ €5 …");
        assert_eq!(repair(&garble("ÉCOLE")), "ÉCOLE");
    }

    #[test]
    fn what_may_be_meant_stays() {
        for text in ["café", "SÃO PAULO", "cafÃ©", "Ã", "naïve résumé", "â€", "plain ASCII", "日本語"] {
            assert_eq!(repair(text), text, "{text}");
        }
        assert!(matches!(repair("no candidates here"), Cow::Borrowed(_)));
        assert!(matches!(repair("naïve Ã© â€"), Cow::Borrowed(_)));
    }

    proptest::proptest! {
        #[test]
        fn garbled_typography_comes_back(s in "[a-z ’‘“”–—…€™•]{0,30}") {
            let garbled = garble(&s);
            proptest::prop_assert_eq!(repair(&garbled), s);
        }

        #[test]
        fn any_text_is_read_without_panic(s in "\\PC{0,40}") {
            let _ = repair(&s);
        }
    }
}
