//! Language of a whole body. `whatlang` is unreliable on short text, so short or
//! unsure input is "und".

/// ISO 639-1 code of the body's language, or "und" when unsure.
pub fn detect(body: &str) -> String {
    const MIN_CHARS: usize = 40;
    if body.chars().filter(|c| c.is_alphabetic()).take(MIN_CHARS).count() < MIN_CHARS {
        return "und".into();
    }
    match whatlang::detect(body) {
        Some(info) if info.is_reliable() || info.confidence() > 0.5 => iso639_1(info.lang()).into(),
        _ => "und".into(),
    }
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
    use super::detect;

    #[test]
    fn english_body() {
        let body = "Vietnam said on Tuesday that Russian President Vladimir Putin has accepted an invitation to visit, according to a government statement.";
        assert_eq!(detect(body), "en");
    }

    #[test]
    fn french_body() {
        let body = "Le président russe a accepté une invitation à se rendre au Vietnam, selon un communiqué du gouvernement publié mardi soir.";
        assert_eq!(detect(body), "fr");
    }

    #[test]
    fn too_short_is_undetermined() {
        assert_eq!(detect("Hello there"), "und");
        assert_eq!(detect(""), "und");
    }
}
