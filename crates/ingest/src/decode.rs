//! Bytes → text: BOMs, binary detection, legacy encodings, HTML charset declarations.

use crate::error::Reason;
use chardetng::EncodingDetector;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many leading bytes the binary check looks at.
const SNIFF_LEN: usize = 8 * 1024;
/// How many leading bytes of an HTML page may declare its charset.
const META_PRESCAN_LEN: usize = 2 * 1024;
/// How many leading bytes chardetng sees.
const DETECT_LEN: usize = 1024 * 1024;

/// The encoding named by a byte-order mark, and the mark's length.
pub(crate) fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// True when the first 8 KB hold a NUL byte or many control bytes.
///
/// Call on bytes without a UTF-16 BOM (UTF-16 text is full of NULs).
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    // More than 5% control bytes: no text editor wrote this.
    controls * 20 > sample.len()
}

/// Decodes UTF-16 text that starts with a BOM; `None` when there is no UTF-16 BOM.
fn decode_utf16_bom(bytes: &[u8]) -> Option<String> {
    match bom(bytes) {
        Some((enc, _)) if enc != UTF_8 => Some(enc.decode_with_bom_removal(bytes).0.into_owned()),
        _ => None,
    }
}

fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Checks for binary data, strips a BOM, and returns the bytes to decode,
/// or the text itself when the BOM says UTF-16.
pub(crate) fn prepare(bytes: &[u8]) -> Result<Prepared<'_>, Reason> {
    if let Some(text) = decode_utf16_bom(bytes) {
        // A UTF-16 BOM followed by NULs that are not UTF-16 code units would still decode;
        // check the decoded text for control characters instead.
        if text.chars().take(SNIFF_LEN).filter(|c| is_bad_control(*c)).count() * 20
            > text.chars().take(SNIFF_LEN).count()
        {
            return Err(Reason::Binary);
        }
        return Ok(Prepared::Text(text));
    }
    let bytes = strip_utf8_bom(bytes);
    if looks_binary(bytes) {
        return Err(Reason::Binary);
    }
    Ok(Prepared::Bytes(bytes))
}

pub(crate) enum Prepared<'a> {
    Text(String),
    Bytes(&'a [u8]),
}

fn is_bad_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1b')
}

/// Decodes a plain-text file: UTF-8 (or UTF-16 with a BOM); failing that, damaged
/// UTF-8 or a legacy encoding guessed by chardetng, if the result reads like text.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, Reason> {
    let text = match prepare(bytes)? {
        Prepared::Text(text) => text,
        Prepared::Bytes(bytes) => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => repair(bytes).ok_or(Reason::InvalidUtf8)?,
        },
    };
    non_empty(text)
}

pub(crate) fn non_empty(text: String) -> Result<String, Reason> {
    if text.trim().is_empty() { Err(Reason::Empty) } else { Ok(text) }
}

/// Text from bytes that are not valid UTF-8, or `None` when nothing readable comes out.
fn repair(bytes: &[u8]) -> Option<String> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    let text = if multibyte > invalid {
        // Mostly UTF-8 with a few bad bytes: keep it, with replacement characters.
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        guess(bytes, false).decode_without_bom_handling(bytes).0.into_owned()
    };
    reads_like_text(&text).then_some(text)
}

/// chardetng's guess for these bytes.
fn guess(bytes: &[u8], allow_utf8: bool) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(DETECT_LEN)];
    let mut detector = EncodingDetector::new();
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, allow_utf8)
}

/// Whether decoded text reads like human writing rather than decoded noise:
/// few replacement/control/private-use characters, few stray symbols, and
/// some whitespace or punctuation between runs of letters.
pub(crate) fn reads_like_text(text: &str) -> bool {
    let (mut total, mut bad, mut odd, mut separators) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        if is_bad_control(c) || c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            bad += 1;
            total += 1;
            continue;
        }
        if c.is_whitespace() {
            separators += 1;
            continue;
        }
        total += 1;
        if c.is_ascii_punctuation() || is_common_punctuation(c) {
            separators += 1;
        } else if !(c.is_alphanumeric() || is_script_mark(c)) {
            odd += 1;
        }
    }
    if total == 0 {
        return false;
    }
    let noisy = bad * 50 > total || (bad + odd) * 12 > total;
    let unbroken = total >= 200 && separators * 100 < total;
    !noisy && !unbroken
}

/// Punctuation that real text in any script uses often.
fn is_common_punctuation(c: char) -> bool {
    matches!(c, '«' | '»' | '¡' | '¿' | '·' | '§' | '°' | '€' | '£' | '©' | '®' | '\u{AD}')
        || ('\u{2000}'..='\u{206F}').contains(&c) // general punctuation: dashes, quotes, …
        || ('\u{3000}'..='\u{303F}').contains(&c) // CJK punctuation
        || ('\u{FF01}'..='\u{FF0F}').contains(&c) // fullwidth punctuation
        || matches!(c, '\u{FF1A}'..='\u{FF20}' | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{06D4}' | '\u{0964}' | '\u{0965}')
}

/// Combining marks of scripts with legacy 8-bit encodings (vowel signs, diacritics).
fn is_script_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' // combining diacritics (windows-1258)
        | '\u{0591}'..='\u{05C7}' // Hebrew points
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' // Arabic marks
        | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' // Thai
    )
}

/// Decodes an HTML page: BOM, then a `<meta charset>` or `http-equiv` declaration in the
/// first 2 KB, then chardetng's guess.
pub(crate) fn decode_html(bytes: &[u8]) -> Result<String, Reason> {
    decode_html_declared(bytes, None)
}

/// Decodes an HTML page whose transport (an HTTP `Content-Type` header) may name its
/// charset: BOM, then the transport's charset, then the page's own declaration, then
/// chardetng — the HTML standard's order. A transport that says UTF-8 for bytes that
/// are not is ignored, as a false `<meta>` declaration is.
pub(crate) fn decode_html_declared(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<String, Reason> {
    let text = match prepare(bytes)? {
        Prepared::Text(text) => text,
        Prepared::Bytes(bytes) => {
            let utf8 = std::str::from_utf8(bytes).ok();
            let transport = declared.filter(|enc| *enc != UTF_8 || utf8.is_some()).map(|enc| match enc.name() {
                // Bytes that passed the binary check cannot be UTF-16 text.
                "UTF-16LE" | "UTF-16BE" => UTF_8,
                _ => enc,
            });
            let encoding = match transport.or_else(|| meta_charset(bytes)) {
                // A page that declares UTF-8 but is not: trust the bytes, not the label.
                Some(enc) if enc == UTF_8 && utf8.is_none() => guess(bytes, false),
                Some(enc) => enc,
                None if utf8.is_some() => UTF_8,
                None => guess(bytes, false),
            };
            match (encoding == UTF_8, utf8) {
                (true, Some(s)) => s.to_string(),
                _ => encoding.decode_without_bom_handling(bytes).0.into_owned(),
            }
        }
    };
    non_empty(text)
}

/// The encoding an HTML page declares in a `<meta>` tag within its first 2 KB.
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_PRESCAN_LEN)].to_ascii_lowercase();
    let mut pos = 0;
    while let Some(i) = find(&head[pos..], b"<meta") {
        let start = pos + i + 5;
        let end = head[start..].iter().position(|&b| b == b'>').map_or(head.len(), |e| start + e);
        if let Some(enc) = charset_in(&head[start..end]) {
            // As the HTML standard says: a page cannot really be UTF-16 if the
            // declaration could be read as ASCII, and x-user-defined means windows-1252.
            return Some(match enc.name() {
                "UTF-16LE" | "UTF-16BE" => UTF_8,
                "x-user-defined" => WINDOWS_1252,
                _ => enc,
            });
        }
        pos = end;
    }
    None
}

/// `charset=LABEL` inside one `<meta …>` tag (attribute or http-equiv content).
fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(i) = find(&tag[from..], b"charset") {
        let mut k = from + i + 7;
        from = k;
        while tag.get(k).is_some_and(u8::is_ascii_whitespace) {
            k += 1;
        }
        if tag.get(k) != Some(&b'=') {
            continue;
        }
        k += 1;
        while tag.get(k).is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'')) {
            k += 1;
        }
        let rest = &tag[k.min(tag.len())..];
        let len = rest
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/' | b'>'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..len]) {
            return Some(enc);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{SHIFT_JIS, WINDOWS_1251};

    fn noise(len: usize, seed: u64) -> Vec<u8> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                0x80 | (x >> 57) as u8
            })
            .collect()
    }

    #[test]
    fn utf8_with_bom() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFHello").as_deref(), Ok("Hello"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Привет, мир".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).as_deref(), Ok("Привет, мир"));
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(decode_text(b"abc\0def"), Err(Reason::Binary));
        assert_eq!(decode_text(&[1, 2, 3, 4, 5, 6, b'a']), Err(Reason::Binary));
        assert_eq!(decode_text(b" \n\t "), Err(Reason::Empty));
        assert_eq!(decode_text(b""), Err(Reason::Empty));
        assert_eq!(decode_text(b"\xEF\xBB\xBF\n"), Err(Reason::Empty));
    }

    #[test]
    fn legacy_latin1_is_repaired() {
        let bytes = b"Le pr\xE9sident a d\xE9clar\xE9 que la r\xE9forme \xE9tait n\xE9cessaire.";
        assert_eq!(
            decode_text(bytes).as_deref(),
            Ok("Le président a déclaré que la réforme était nécessaire.")
        );
    }

    #[test]
    fn legacy_cyrillic_is_repaired() {
        let text = "Президент России заявил во вторник, что переговоры продолжатся на следующей неделе.";
        let (bytes, _, _) = WINDOWS_1251.encode(text);
        assert_eq!(decode_text(&bytes).as_deref(), Ok(text));
    }

    #[test]
    fn legacy_shift_jis_is_repaired() {
        let text = "東京都は火曜日、新しい計画を発表した。計画は来年から始まる。";
        let (bytes, _, _) = SHIFT_JIS.encode(text);
        assert_eq!(decode_text(&bytes).as_deref(), Ok(text));
    }

    #[test]
    fn damaged_utf8_is_kept() {
        let bytes = "Ça coûte 5 € — déjà vu. ".repeat(5).into_bytes();
        let mut bytes = bytes;
        bytes.insert(10, 0xFF);
        let text = decode_text(&bytes).unwrap_or_default();
        assert!(text.contains('\u{FFFD}'));
        assert!(text.contains("déjà vu"));
    }

    #[test]
    fn noise_is_rejected() {
        for seed in 0..20 {
            for len in [300, 2000, 20_000] {
                let bytes = noise(len, seed);
                assert_eq!(decode_text(&bytes), Err(Reason::InvalidUtf8), "seed {seed} len {len}");
            }
        }
    }

    #[test]
    fn noise_with_spaces_is_rejected() {
        for seed in 0..20 {
            let mut bytes = noise(3000, seed);
            for i in (0..bytes.len()).step_by(7) {
                bytes[i] = b' ';
            }
            assert_eq!(decode_text(&bytes), Err(Reason::InvalidUtf8), "seed {seed}");
        }
    }

    #[test]
    fn meta_charset_forms() {
        assert_eq!(meta_charset(b"<html><head><meta charset=\"windows-1251\">"), Some(WINDOWS_1251));
        assert_eq!(meta_charset(b"<META CHARSET=koi8-r>").map(|e| e.name()), Some("KOI8-R"));
        assert_eq!(
            meta_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
            Some(SHIFT_JIS)
        );
        assert_eq!(meta_charset(b"<meta charset='utf-16'>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<meta name=x content=y><p>charset=koi8-r</p>"), None);
        assert_eq!(meta_charset(b"<meta charset=bogus>"), None);
        let late = format!("{}<meta charset=windows-1251>", " ".repeat(3000));
        assert_eq!(meta_charset(late.as_bytes()), None);
    }

    #[test]
    fn html_declared_encoding() {
        let page = "<html><head><meta charset=\"windows-1251\"><title>Новости</title></head><body>Привет</body></html>";
        let (bytes, _, _) = WINDOWS_1251.encode(page);
        assert_eq!(decode_html(&bytes).as_deref(), Ok(page));
    }

    #[test]
    fn html_false_utf8_declaration_falls_back_to_guess() {
        let page = "<html><head><meta charset=\"utf-8\"></head><body>Le président a déclaré que la réforme était nécessaire.</body></html>";
        let (bytes, _, _) = WINDOWS_1252.encode(page);
        assert_eq!(decode_html(&bytes).as_deref(), Ok(page));
    }

    #[test]
    fn html_transport_charset_wins_over_meta() {
        let page = "<html><head><meta charset=\"utf-8\"></head><body>Привет, мир</body></html>";
        let (bytes, _, _) = WINDOWS_1251.encode(page);
        assert_eq!(decode_html_declared(&bytes, Some(WINDOWS_1251)).as_deref(), Ok(page));
        // A transport claiming UTF-8 for windows-1251 bytes falls back to the page's rules.
        let page = "<html><head><meta charset=\"windows-1251\"></head><body>Привет</body></html>";
        let (bytes, _, _) = WINDOWS_1251.encode(page);
        assert_eq!(decode_html_declared(&bytes, Some(UTF_8)).as_deref(), Ok(page));
    }

    #[test]
    fn html_undeclared() {
        assert_eq!(decode_html("<p>déjà</p>".as_bytes()).as_deref(), Ok("<p>déjà</p>"));
        let page = "<p>Президент России заявил во вторник, что переговоры продолжатся.</p>";
        let (bytes, _, _) = WINDOWS_1251.encode(page);
        assert_eq!(decode_html(&bytes).as_deref(), Ok(page));
        assert_eq!(decode_html(b"\xEF\xBB\xBF<p>x</p>").as_deref(), Ok("<p>x</p>"));
    }
}
