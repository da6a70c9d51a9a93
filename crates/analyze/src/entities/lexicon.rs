//! Gazetteers and cue lists for the entity recogniser, embedded from `/data` and built once.
//!
//! Every file is parsed leniently: malformed lines are skipped, never a panic.

use arrayvec::ArrayString;
use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

use storyline_model::EntityKind;
use unicode_normalization::UnicodeNormalization;

const COUNTRIES: &str = include_str!("../../../../data/countries.tsv");
const CITIES: &str = include_str!("../../../../data/cities.tsv");
const PLACES: &str = include_str!("../../../../data/places.tsv");
const ORGS: &str = include_str!("../../../../data/orgs.tsv");
const DEMONYMS: &str = include_str!("../../../../data/demonyms.tsv");
const GROUPS: &str = include_str!("../../../../data/groups.tsv");
const LEXICON: &str = include_str!("../../../../data/lexicon.tsv");
const GIVEN_NAMES: &str = include_str!("../../../../data/given_names.txt");
const COMMON_WORDS: &str = include_str!("../../../../data/common_words.txt");

/// A gazetteer entry: the canonical name and the kind of what a name denotes.
#[derive(Debug, Clone)]
pub struct GazEntry {
    pub canonical: String,
    pub kind: EntityKind,
    /// A short all-capital alias ("US", "UN"): only matches text in capitals.
    pub needs_caps: bool,
}

/// A demonym ("Vietnamese") and the country or region it belongs to.
#[derive(Debug, Clone)]
pub struct Demonym {
    pub canonical: String,
    pub country: String,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    /// Name key → entry (countries, aliases, cities, regions, organisations).
    pub gaz: HashMap<String, GazEntry>,
    /// Name key → demonym.
    pub demonyms: HashMap<String, Demonym>,
    /// Country canonical name (key) → its main demonym.
    pub country_demonym: HashMap<String, String>,
    /// Person titles, lower-cased, words joined by single spaces.
    pub titles: HashSet<String>,
    /// Longest title in words.
    pub max_title_words: usize,
    /// Every word of a title, lower-cased ("deputy", "prime", "minister").
    pub title_words: HashSet<String>,
    /// Title words of five letters or more, with their length in characters and first
    /// character (candidates for one-edit misspellings).
    title_typo_words: Vec<(String, usize, char)>,
    /// Lower-case words before a name that mark a person.
    pub cues: HashSet<String>,
    /// Last words of names that give their kind ("Party", "Airport").
    pub heads: HashMap<String, EntityKind>,
    /// Common nouns that type an apposition or pre-modified name (lower case).
    pub types: HashMap<String, EntityKind>,
    /// Lower-case words allowed inside names.
    pub connectors: HashSet<String>,
    /// Capitalised words that never start a name (function words, days, months).
    pub stops: HashSet<String>,
    /// Capitalised words that are no name on their own but may start one ("Central").
    pub weak: HashSet<String>,
    /// Given names (first token of a person's name).
    pub given: HashSet<String>,
    /// Family names written first ("Nguyen", "Kim").
    pub surnames: HashSet<String>,
    /// Common lower-case English words that are no part of person names ("house", "library").
    pub common: HashSet<String>,
    /// Keys of places a bare mention most likely means as a place: countries, capitals, the
    /// hand-written places (regions, states) and cities of a million people or more.
    pub major_places: HashSet<String>,
    /// Religious, political and ethnic groups (`data/groups.tsv`), as written → canonical. Kept
    /// out of the gazetteer: the tagger's features do not see them.
    pub groups: HashMap<String, String>,
    /// First words of the groups of two words or more ("Roman").
    pub group_first_words: HashSet<String>,
}

/// The lexicon, built once from the embedded files.
pub static LEXICON_DATA: LazyLock<Lexicon> = LazyLock::new(build);

pub fn lexicon() -> &'static Lexicon {
    &LEXICON_DATA
}

/// Lines of a data file without comments and blank lines, split on tabs.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn kind_of(s: &str) -> Option<EntityKind> {
    match s {
        "person" => Some(EntityKind::Person),
        "organization" => Some(EntityKind::Organization),
        "location" => Some(EntityKind::Location),
        "other" => Some(EntityKind::Other),
        _ => None,
    }
}

/// A diacritics-, case- and punctuation-insensitive key for a name: "Tô Lâm" → "to lam",
/// "U.S." → "us", "the Kremlin" → "kremlin", "Vietnam’s" → "vietnam's".
pub fn name_key(s: &str) -> String {
    if s.is_ascii() { name_key_ascii(s) } else { name_key_nfd(s) }
}

fn name_key_nfd(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) || c == '.' {
            continue;
        }
        let c = match c {
            '’' | '‘' | '`' => '\'',
            'đ' | 'Đ' => 'd',
            'ı' => 'i',
            '‐' | '–' | '—' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    match out.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => out,
    }
}

/// [`name_key`] of ASCII text (NFD is the identity there), byte by byte.
fn name_key_ascii(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    push_ascii_key(s, |c| key.push(c));
    match key.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => key,
    }
}

/// Pushes the key of ASCII `s` (before dropping a leading "the ") character by character; at
/// most `s.len()` of them.
fn push_ascii_key(s: &str, mut push: impl FnMut(char)) {
    let mut started = false;
    let mut space = false;
    for &b in s.as_bytes() {
        let c = char::from(match b {
            b'.' => continue,
            b'`' => b'\'',
            b => b.to_ascii_lowercase(),
        });
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if space {
            push(' ');
            space = false;
        }
        push(c);
        started = true;
    }
}

/// Calls `f` with `s.to_lowercase()`, without allocating for short ASCII text or text without
/// capitals. (`ArrayString` holds the copy on the stack as a `str`, so it needs no UTF-8
/// validation, which cost more than the lookups it serves.)
pub fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if s.is_ascii() {
        if let Ok(mut lower) = ArrayString::<64>::from(s) {
            lower.make_ascii_lowercase();
            return f(&lower);
        }
    }
    if s.chars().any(char::is_uppercase) { f(&s.to_lowercase()) } else { f(s) }
}

/// Calls `f` with [`name_key`]`(s)`, built on the stack for short ASCII text.
pub fn with_name_key<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut key = ArrayString::<64>::new();
    if !s.is_ascii() || s.len() > key.capacity() {
        return f(&name_key(s));
    }
    // No more characters than `s` has bytes: every push fits.
    push_ascii_key(s, |c| {
        let _ = key.try_push(c);
    });
    match key.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => f(rest),
        _ => f(&key),
    }
}

fn is_short_caps(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphanumeric()).collect();
    letters.len() <= 3 && letters.iter().all(|c| !c.is_lowercase())
}

impl Lexicon {
    fn add(&mut self, alias: &str, canonical: &str, kind: EntityKind, overwrite: bool) {
        let key = name_key(alias);
        if key.is_empty() {
            return;
        }
        if !overwrite && self.gaz.contains_key(&key) {
            return;
        }
        let needs_caps = is_short_caps(alias);
        self.gaz.insert(key, GazEntry { canonical: canonical.to_string(), kind, needs_caps });
    }

    /// The gazetteer entry for a name as written (respecting the capitals rule of short acronyms).
    pub fn lookup(&self, text: &str) -> Option<&GazEntry> {
        let entry = with_name_key(text, |k| self.gaz.get(k))?;
        if entry.needs_caps && text.chars().any(char::is_lowercase) {
            return None;
        }
        Some(entry)
    }

    /// The gazetteer entry for a name as written when it names a country ("U.S.", "Vietnam").
    pub fn country(&self, text: &str) -> Option<&GazEntry> {
        self.lookup(text).filter(|e| e.kind == EntityKind::Location && self.country_demonym.contains_key(&name_key(&e.canonical)))
    }

    /// The demonym a word or phrase is, if any.
    pub fn demonym(&self, text: &str) -> Option<&Demonym> {
        let first = text.chars().next()?;
        if !first.is_uppercase() {
            return None;
        }
        with_name_key(text, |k| self.demonyms.get(k))
    }

    /// Whether [`Lexicon::lookup`] or [`Lexicon::demonym`] knows `text`, with one key for both.
    pub fn knows(&self, text: &str) -> bool {
        let caps_ok = |e: &GazEntry| !(e.needs_caps && text.chars().any(char::is_lowercase));
        let upper = text.chars().next().is_some_and(char::is_uppercase);
        with_name_key(text, |k| self.gaz.get(k).is_some_and(caps_ok) || upper && self.demonyms.contains_key(k))
    }

    pub fn is_title(&self, words: &str) -> bool {
        with_lower(words, |l| self.titles.contains(l))
    }

    /// Whether `w` is a word of some title, in any case ("Deputy", "Prime", "Chairman").
    pub fn is_title_word(&self, w: &str) -> bool {
        with_lower(w, |l| self.title_words.contains(l))
    }

    /// The title word a capitalised word misspells by one edit ("Minster" → "minister"); only
    /// title words of five letters or more, and only when exactly one is that close.
    pub fn title_word_typo(&self, w: &str) -> Option<&str> {
        let mut chars = w.chars();
        let first = chars.next().filter(|c| c.is_uppercase())?;
        let n = w.chars().count();
        if n < 5 || !w.chars().all(char::is_alphabetic) {
            return None;
        }
        let lower = w.to_lowercase();
        let first = first.to_lowercase().next()?;
        let mut hits = self
            .title_typo_words
            .iter()
            .filter(|(t, len, c)| *c == first && len.abs_diff(n) <= 1 && one_edit(&lower, t))
            .map(|(t, _, _)| t.as_str());
        let hit = hits.next()?;
        hits.next().is_none().then_some(hit)
    }

    /// Length in words of the longest title that `words` start with (their first
    /// `max_title_words`), 0 if none. A word one edit away from a title word counts as it
    /// ("Prime Minster") when the title has another word written exactly.
    pub fn title_prefix_len(&self, words: &[&str]) -> usize {
        let max = self.max_title_words.min(words.len());
        let exact = |w: &str| -> Option<String> { with_lower(w, |l| self.title_words.contains(l).then(|| l.to_string())) };
        // Allocated only when the first word is (nearly) a title word.
        let mut norm: Vec<(String, bool)> = Vec::new();
        for (i, w) in words.iter().take(max).enumerate() {
            if let Some(l) = exact(w) {
                norm.push((l, true));
                continue;
            }
            // A near miss only next to an exact title word, and only one per title.
            let typo_ok = if i == 0 { words.get(1).is_some_and(|n| self.is_title_word(n)) } else { norm.iter().all(|(_, e)| *e) };
            match typo_ok.then(|| self.title_word_typo(w)).flatten() {
                Some(t) => norm.push((t.to_string(), false)),
                None => break,
            }
        }
        for len in (1..=norm.len()).rev() {
            let part = &norm[..len];
            let typos = part.iter().filter(|(_, exact)| !exact).count();
            if typos > 0 && (len < 2 || typos > 1) {
                continue;
            }
            let joined = part.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" ");
            if self.titles.contains(&joined) {
                return len;
            }
        }
        0
    }
}

/// Whether `a` and `b` differ by exactly one insertion, deletion or substitution (of characters).
fn one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return one_edit_of(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    one_edit_of(&a, &b)
}

fn one_edit_of<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let same_len = short.len() == long.len();
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < short.len() && j < long.len() {
        if short[i] == long[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        if same_len {
            i += 1;
        }
        j += 1;
    }
    edits + (long.len() - j) + (short.len() - i) <= 1
}

fn build() -> Lexicon {
    let mut lx = Lexicon::default();
    // Hand-written lists first: they win over derived data.
    for row in rows(ORGS).chain(rows(PLACES)) {
        let (Some(canonical), Some(kind)) = (row.first(), row.get(1).and_then(|k| kind_of(k))) else {
            continue;
        };
        lx.add(canonical, canonical, kind, true);
        for alias in row.get(2).into_iter().flat_map(|a| a.split('|')) {
            lx.add(alias, canonical, kind, false);
            if kind == EntityKind::Location {
                lx.major_places.insert(name_key(alias));
            }
        }
        if kind == EntityKind::Location {
            lx.major_places.insert(name_key(canonical));
        }
    }
    for row in rows(GROUPS) {
        let Some(canonical) = row.first() else { continue };
        for name in std::iter::once(*canonical).chain(row.get(2).into_iter().flat_map(|a| a.split('|'))) {
            if let Some((first, _)) = name.split_once(' ') {
                lx.group_first_words.insert(first.to_string());
            }
            lx.groups.insert(name.replace('\'', "’"), canonical.to_string());
            lx.groups.insert(name.to_string(), canonical.to_string());
        }
    }
    for row in rows(DEMONYMS) {
        if let (Some(d), Some(country)) = (row.first(), row.get(1)) {
            let key = name_key(d);
            lx.demonyms.insert(key, Demonym { canonical: d.to_string(), country: country.to_string() });
            lx.country_demonym.entry(name_key(country)).or_insert_with(|| d.to_string());
        }
    }
    for row in rows(COUNTRIES) {
        let Some(name) = row.first().filter(|n| !n.is_empty()) else { continue };
        lx.add(name, name, EntityKind::Location, false);
        lx.major_places.insert(name_key(name));
        if let Some(capital) = row.get(2).filter(|c| !c.is_empty()) {
            lx.add(capital, capital, EntityKind::Location, false);
            lx.major_places.insert(name_key(capital));
        }
        for d in row.get(3).into_iter().flat_map(|a| a.split('|')).filter(|d| !d.is_empty()) {
            let key = name_key(d);
            lx.demonyms.entry(key).or_insert_with(|| Demonym { canonical: d.to_string(), country: name.to_string() });
            lx.country_demonym.entry(name_key(name)).or_insert_with(|| d.to_string());
        }
    }
    for row in rows(CITIES) {
        if let Some(name) = row.first() {
            lx.add(name, name, EntityKind::Location, false);
            if row.get(2).and_then(|p| p.parse::<u64>().ok()).is_some_and(|p| p >= 1_000_000) {
                lx.major_places.insert(name_key(name));
            }
        }
    }
    for row in rows(LEXICON) {
        let (Some(cat), Some(entry)) = (row.first(), row.get(1)) else { continue };
        let kind = row.get(2).and_then(|k| kind_of(k));
        match *cat {
            "title" => {
                let t = entry.to_lowercase();
                lx.max_title_words = lx.max_title_words.max(t.split_whitespace().count());
                for w in t.split_whitespace() {
                    lx.title_words.insert(w.to_string());
                }
                lx.titles.insert(t);
            }
            "cue" => {
                lx.cues.insert(entry.to_lowercase());
            }
            "head" => {
                if let Some(k) = kind {
                    lx.heads.insert(entry.to_string(), k);
                }
            }
            "type" => {
                if let Some(k) = kind {
                    lx.types.insert(entry.to_lowercase(), k);
                }
            }
            "connector" => {
                lx.connectors.insert(entry.to_string());
            }
            "stop" => {
                lx.stops.insert(entry.to_string());
            }
            "weak" => {
                lx.weak.insert(entry.to_string());
            }
            "surname" => {
                lx.surnames.insert(entry.to_string());
            }
            _ => {}
        }
    }
    let mut typo: Vec<(String, usize, char)> = lx
        .title_words
        .iter()
        .filter_map(|w| {
            let n = w.chars().count();
            let c = w.chars().next()?;
            (n >= 5 && w.chars().all(char::is_alphabetic)).then(|| (w.clone(), n, c))
        })
        .collect();
    typo.sort();
    lx.title_typo_words = typo;
    for name in GIVEN_NAMES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        lx.given.insert(name.to_string());
    }
    for w in COMMON_WORDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        lx.common.insert(w.to_string());
    }
    lx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_diacritics_and_dots() {
        assert_eq!(name_key("Tô Lâm"), "to lam");
        assert_eq!(name_key("U.S."), "us");
        assert_eq!(name_key("the  Kremlin"), "kremlin");
        assert_eq!(name_key("Đà Nẵng"), "da nang");
        for s in ["U.S.", "the  Kremlin", " The Hague ", "the", "the ", "O`Brien", "A.\tB\x0bC", "", "...", "New  York\n"] {
            assert_eq!(name_key(s), name_key_nfd(s), "{s:?}");
            assert_eq!(with_name_key(s, str::to_string), name_key_nfd(s), "{s:?}");
        }
    }

    #[test]
    fn one_edit_apart() {
        assert!(one_edit("minster", "minister"));
        assert!(one_edit("minixter", "minister"));
        assert!(one_edit("ministers", "minister"));
        assert!(!one_edit("minister", "minister"));
        assert!(!one_edit("mister", "minister"));
        assert!(!one_edit("", "ab"));
        assert!(one_edit("", "a"));
    }

    #[test]
    fn titles_with_a_typo() {
        let lx = lexicon();
        assert_eq!(lx.title_prefix_len(&["Prime", "Minster", "Pham"]), 2);
        assert_eq!(lx.title_prefix_len(&["Deputy", "Prime", "Minister", "Tran"]), 3);
        assert_eq!(lx.title_prefix_len(&["President", "Putin"]), 1);
        // A lone near-miss is no title ("Marshall" is a name, "Minster" a church).
        assert_eq!(lx.title_prefix_len(&["Marshall", "Smith"]), 0);
        assert_eq!(lx.title_prefix_len(&["Minster", "Pham"]), 0);
        assert_eq!(lx.title_prefix_len(&["Putin"]), 0);
        assert_eq!(lx.title_prefix_len(&[]), 0);
    }

    /// The title prefix before its fast paths (a typo looked up even when it cannot count).
    fn title_prefix_len_slow(lx: &Lexicon, words: &[&str]) -> usize {
        let max = lx.max_title_words.min(words.len());
        let mut norm: Vec<(String, bool)> = Vec::new();
        for (i, w) in words.iter().take(max).enumerate() {
            let l = w.to_lowercase();
            if lx.title_words.contains(&l) {
                norm.push((l, true));
                continue;
            }
            let typo_ok = if i == 0 { words.get(1).is_some_and(|n| lx.title_words.contains(&n.to_lowercase())) } else { norm.iter().all(|(_, e)| *e) };
            match lx.title_word_typo(w).filter(|_| typo_ok) {
                Some(t) => norm.push((t.to_string(), false)),
                None => break,
            }
        }
        (1..=norm.len())
            .rev()
            .find(|&len| {
                let typos = norm[..len].iter().filter(|(_, e)| !e).count();
                !(typos > 0 && (len < 2 || typos > 1)) && lx.titles.contains(&norm[..len].iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" "))
            })
            .unwrap_or(0)
    }

    proptest::proptest! {
        #[test]
        fn title_prefix_fast_path_matches(words in proptest::collection::vec("(Prime|Minster|Minister|MINISTER|deputy|Deputy|General|Secretary|Sécretary|Président|President|Pham|the|Vietnam|Vietnamese|US|Us|U\\.S\\.|New|York|Hà|Nội|[A-Za-zÉé]{1,9})", 0..6)) {
            let lx = lexicon();
            let ws: Vec<&str> = words.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(lx.title_prefix_len(&ws), title_prefix_len_slow(lx, &ws));
            for w in &ws {
                proptest::prop_assert_eq!(with_lower(w, str::to_string), w.to_lowercase());
            }
            for n in 0..=ws.len() {
                let s = ws[..n].join(" ");
                proptest::prop_assert_eq!(lx.knows(&s), lx.lookup(&s).is_some() || lx.demonym(&s).is_some());
            }
        }
    }

    #[test]
    fn titles_start_with_a_title_word() {
        // The rules skip looking up titles at a word that is no title word.
        let lx = lexicon();
        for t in &lx.titles {
            assert!(t.split_whitespace().next().is_some_and(|w| lx.is_title_word(w)), "{t}");
        }
    }

    #[test]
    fn data_loads() {
        let lx = lexicon();
        assert_eq!(lx.lookup("U.S.").map(|e| e.canonical.as_str()), Some("United States"));
        assert_eq!(lx.lookup("Nato").map(|e| e.canonical.as_str()), Some("NATO"));
        assert!(lx.lookup("Us").is_none());
        assert_eq!(lx.lookup("Hanoi").map(|e| e.kind), Some(EntityKind::Location));
        assert_eq!(lx.demonym("Vietnamese").map(|d| d.country.as_str()), Some("Vietnam"));
        assert!(lx.is_title("Deputy Prime Minister"));
        assert!(lx.is_title_word("Prime"));
        assert!(!lx.is_title_word("Putin"));
        assert!(lx.given.contains("Carl"));
        assert!(lx.heads.contains_key("Party"));
    }
}
