//! Language of a whole body. `whatlang` is unreliable on short text, so short or
//! unsure input is "und".
//!
//! Most bodies Storyline reads are plainly English, and whatlang's trigram counting is a
//! quarter of the per-document analysis; so a body of Latin letters that is English
//! throughout — a tenth or more of its words, and at least two in every run of 50, are
//! English function words that other Latin-script languages do not use — is English
//! without asking whatlang. Bodies that mix languages fail the second test and go to
//! whatlang. On 11,671 texts (news bodies of four corpora, headlines, and paragraphs of
//! English and other languages packed together) whatlang called every body the test
//! passes English, and the test passes 4,095 of the 4,521 it calls English with 100 words
//! or more.

/// ISO 639-1 code of the body's language, or "und" when unsure.
pub fn detect(body: &str) -> String {
    if clearly_english(body) {
        return "en".into();
    }
    const MIN_CHARS: usize = 40;
    if body.chars().filter(|c| c.is_alphabetic()).take(MIN_CHARS).count() < MIN_CHARS {
        return "und".into();
    }
    match whatlang::detect(storyline_model::truncate(body, WHATLANG_SAMPLE_BYTES)) {
        Some(info) if info.is_reliable() || info.confidence() > 0.5 => iso639_1(info.lang()).into(),
        _ => "und".into(),
    }
}

/// Whatlang reads at most this much of a body, its start (a dozen sentences or so), which
/// bounds its work on long bodies. Against whole bodies, on 1,959 news bodies of four corpora
/// one answer changes ("und" → "en": an English results table whatlang was unsure of as a
/// whole), and 26 of 18,097 texts that pack paragraphs of several languages together.
const WHATLANG_SAMPLE_BYTES: usize = 2048;

/// English function words that are no common words in the other Latin-script languages
/// ("in", "is", "to", "for", "was", "at", "on" … are), sorted.
const FUNCTION_WORDS: [&str; 33] = [
    "about", "after", "also", "and", "be", "been", "but", "from", "had", "have", "his", "into",
    "it", "its", "more", "not", "of", "said", "she", "than", "that", "the", "their", "there",
    "they", "this", "were", "when", "which", "who", "will", "with", "would",
];
/// Fewer words than this say too little (whatlang decides).
const MIN_WORDS: usize = 100;
/// Every run of this many words must hold [`MIN_PER_RUN`] function words.
const RUN_WORDS: usize = 50;
const MIN_PER_RUN: usize = 2;

/// `FUNCTION_WORDS` as keys of [`key`], in the same (sorted) order.
const FUNCTION_KEYS: [u64; FUNCTION_WORDS.len()] = {
    let mut keys = [0; FUNCTION_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = key(FUNCTION_WORDS[i].as_bytes());
        i += 1;
    }
    keys
};

/// An ASCII word of up to 8 letters, lower-cased and packed big-endian, so that keys
/// compare as the words do; 0 for a longer word (no function word is that long).
const fn key(word: &[u8]) -> u64 {
    if word.len() > 8 {
        return 0;
    }
    let mut k = 0u64;
    let mut i = 0;
    while i < 8 {
        k <<= 8;
        if i < word.len() {
            k |= word[i].to_ascii_lowercase() as u64;
        }
        i += 1;
    }
    k
}

/// Whether whatlang would call `body` English beyond doubt: ASCII letters outnumber twice
/// over all other characters but ASCII ones (so its script is Latin), it has [`MIN_WORDS`]
/// words (runs of ASCII letters) or more, a tenth of them are function words found only in
/// English, and so are [`MIN_PER_RUN`] in every run of [`RUN_WORDS`] (a last, shorter run of
/// a quarter of that or more needs as many in proportion).
fn clearly_english(body: &str) -> bool {
    let bytes = body.as_bytes();
    // Lead bytes of UTF-8 sequences: the characters outside ASCII.
    let non_ascii = bytes.iter().filter(|&&b| b >= 0xC0).count();
    let (mut words, mut letters, mut function) = (0usize, 0usize, 0usize);
    let (mut run, mut run_function) = (0usize, 0usize);
    for word in bytes.split(|b| !b.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        letters += word.len();
        run += 1;
        if word.len() <= 5 && FUNCTION_KEYS.binary_search(&key(word)).is_ok() {
            function += 1;
            run_function += 1;
        }
        if run == RUN_WORDS {
            if run_function < MIN_PER_RUN {
                return false;
            }
            (run, run_function) = (0, 0);
        }
    }
    let last_run_ok = run < RUN_WORDS / 4 || run_function * RUN_WORDS >= MIN_PER_RUN * run;
    words >= MIN_WORDS && letters > 2 * non_ascii && function * 10 >= words && last_run_ok
}

fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en", Fra => "fr", Deu => "de", Spa => "es", Por => "pt", Ita => "it", Nld => "nl",
        Rus => "ru", Ukr => "uk", Pol => "pl", Ces => "cs", Slk => "sk", Slv => "sl", Hrv => "hr",
        Srp => "sr", Bul => "bg", Ron => "ro", Hun => "hu", Fin => "fi", Swe => "sv", Dan => "da",
        Nob => "nb", Est => "et", Lav => "lv", Lit => "lt", Ell => "el", Tur => "tr", Ara => "ar",
        Heb => "he", Pes => "fa", Urd => "ur", Hin => "hi", Ben => "bn", Tam => "ta", Tel => "te",
        Mar => "mr", Guj => "gu", Kan => "kn", Mal => "ml", Pan => "pa", Tha => "th", Vie => "vi",
        Ind => "id", Cmn => "zh", Jpn => "ja", Kor => "ko", Kat => "ka", Hye => "hy", Aze => "az",
        Bel => "be", Cat => "ca", Epo => "eo", Lat => "la", Afr => "af", Zul => "zu", Yid => "yi",
        Khm => "km", Mya => "my", Sin => "si", Nep => "ne", Amh => "am", Jav => "jv", Tgl => "tl",
        Uzb => "uz", Aka => "ak", Sna => "sn", Ori => "or", Mkd => "mk", Tuk => "tk",
    }
}

#[cfg(test)]
mod tests {
    use super::{FUNCTION_KEYS, FUNCTION_WORDS, clearly_english, detect};

    const ENGLISH: &str = "Vietnam said on Tuesday that Russian President Vladimir Putin has accepted an invitation to visit, according to a government statement. ";
    const REPORT: &str = "The talks, which had been planned for months, were held in Hanoi. Officials said that the two leaders would sign more than a dozen agreements, and that their ministers had also met. It was the first visit of its kind since 2017, when the president came to the city. ";
    const FRENCH: &str = "Le président russe a accepté une invitation à se rendre au Vietnam, selon un communiqué du gouvernement publié mardi soir. ";

    #[test]
    fn english_body() {
        assert_eq!(detect(ENGLISH), "en");
        assert_eq!(detect(&ENGLISH.repeat(8)), "en");
    }

    #[test]
    fn french_body() {
        assert_eq!(detect(FRENCH), "fr");
        assert_eq!(detect(&FRENCH.repeat(8)), "fr");
    }

    #[test]
    fn whatlang_reads_the_start_of_a_long_body() {
        let body = format!("{}{}", FRENCH.repeat(20), "Ich habe heute keine Zeit, weil ich arbeiten muss. ".repeat(200));
        assert_eq!(detect(&body), "fr");
    }

    #[test]
    fn too_short_is_undetermined() {
        assert_eq!(detect("Hello there"), "und");
        assert_eq!(detect(""), "und");
    }

    #[test]
    fn function_words_are_sorted_keys() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(FUNCTION_KEYS.windows(2).all(|w| w[0] < w[1]));
    }

    fn check(text: &str, expected: bool) {
        assert_eq!(clearly_english(text), expected, "{text:?}");
    }

    #[test]
    fn fast_path_only_on_long_latin_english() {
        check(&ENGLISH.repeat(6), true);
        check(&ENGLISH.to_uppercase().repeat(6), true);
        // Too few words, other languages, English words among many others, another script.
        check(&ENGLISH.repeat(4), false);
        check(&FRENCH.repeat(8), false);
        check(&format!("{}{}", ENGLISH, FRENCH.repeat(12)), false);
        // Mostly English, but with a run of French: whatlang may weigh the French more.
        check(&format!("{}{}{}", REPORT.repeat(4), FRENCH.repeat(3), REPORT), false);
        check(&format!("{}{}", ENGLISH.repeat(6), "Путин принял приглашение посетить Вьетнам. ".repeat(20)), false);
    }

    /// Where the fast path answers, whatlang on the whole body gives the same answer.
    #[test]
    fn fast_path_agrees_with_whatlang() {
        let texts = [
            REPORT.repeat(3),
            ENGLISH.repeat(6),
            format!("{REPORT}Nguyễn Phú Trọng và Tô Lâm đã gặp nhau tại Hà Nội. {}", REPORT.repeat(2)),
            format!("{}{}", REPORT.repeat(3), "Путин принял приглашение. ".repeat(4)),
        ];
        for text in &texts {
            assert!(clearly_english(text), "{text:?}");
            let info = whatlang::detect(text).expect("a language");
            assert_eq!(info.lang(), whatlang::Lang::Eng, "{text:?}");
            assert!(info.is_reliable() || info.confidence() > 0.5, "{text:?}");
        }
    }
}
