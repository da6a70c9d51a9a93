//! A statistical entity tagger: an averaged perceptron over BIO tags, decoded greedily left to
//! right with the previous two tags as features.
//!
//! Features (hashed into a fixed table of `2^bits` rows × [`NTAGS`] weights): the lower-cased
//! word, its shape ("Xx", "X.X.", "d"), prefixes and suffixes, its position, the neighbouring
//! words and shapes, gazetteer and cue-list membership from `super::lexicon`, document
//! evidence (the word is capitalised elsewhere mid-sentence, or written in lower case
//! elsewhere), line flags (heading, capitals) and the rule recogniser's own decision for the
//! token (its BIO tag and whether the gazetteer typed it) — so the tagger learns when to trust
//! the rules. Previous tags enter at decoding time. Training averages several averaged-perceptron
//! runs that differ in the order of the examples ([`TrainConfig::runs`]).
//!
//! The shipped model (`data/ner_model.bin`, built by `storyline train-tagger`) is embedded and
//! loaded lazily; a missing, corrupt or out-of-date model yields `None`, and the recogniser
//! falls back to the rules alone. Weights are stored as `i16` with one scale, non-zero entries
//! only (delta-coded indices), and scored in integers.

use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

use storyline_model::EntityKind;

use super::lexicon::{lexicon, with_name_key};
use super::tokens::{Tok, TokKind};
use super::{first_word, is_all_caps, is_initial, starts_upper, text, RuleRun};

/// O, then B and I for person, organization, location, other.
pub const NTAGS: usize = 9;
const KINDS: [EntityKind; 4] = [EntityKind::Person, EntityKind::Organization, EntityKind::Location, EntityKind::Other];
/// Bumped whenever the features change: an older model file is then refused (version 2 had
/// word-cluster features, since removed).
pub const FEATURE_VERSION: u32 = 3;
const MAGIC: &[u8; 6] = b"SLNER\x01";

const MODEL: &[u8] = include_bytes!("../../../../data/ner_model.bin");
static SHIPPED: LazyLock<Option<Tagger>> = LazyLock::new(|| Tagger::from_bytes(MODEL));

/// The model shipped in `data/ner_model.bin`, if it loads.
pub fn shipped() -> Option<&'static Tagger> {
    SHIPPED.as_ref()
}

fn kind_index(k: EntityKind) -> usize {
    KINDS.iter().position(|&x| x == k).unwrap_or(3)
}

fn b_tag(k: EntityKind) -> u8 {
    1 + 2 * kind_index(k) as u8
}

fn i_tag(k: EntityKind) -> u8 {
    2 + 2 * kind_index(k) as u8
}

fn tag_kind(t: u8) -> Option<EntityKind> {
    if t == 0 { None } else { KINDS.get(usize::from((t - 1) / 2)).copied() }
}

fn is_inside(t: u8) -> bool {
    t > 0 && t % 2 == 0
}

/// Whether tag `t` may follow `prev` (an I- tag continues its own type only).
fn allowed(prev: u8, t: u8) -> bool {
    !is_inside(t) || (prev != 0 && tag_kind(prev) == tag_kind(t))
}

/// Entity spans in a tag sequence: (first token, one past the last, kind).
pub fn spans_of(tags: &[u8]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let cont = is_inside(t) && open.is_some_and(|(_, k)| Some(k) == tag_kind(t));
        if cont {
            continue;
        }
        if let Some((a, k)) = open.take() {
            out.push((a, i, k));
        }
        if let Some(k) = tag_kind(t) {
            open = Some((i, k));
        }
    }
    if let Some((a, k)) = open {
        out.push((a, tags.len(), k));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Hashing

const K: u64 = 0x9E37_79B9_7F4A_7C15;

const fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(29)).wrapping_add(K).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

const fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

fn fnv(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(FNV_OFFSET, fnv_step)
}

/// Feature templates (the first argument of [`f1`] / [`f2`]).
mod t {
    pub const BIAS: u64 = 1;
    pub const LOWER: u64 = 2;
    pub const SHAPE: u64 = 3;
    pub const PREFIX: u64 = 4;
    pub const SUFFIX: u64 = 5;
    pub const LOWER_P1: u64 = 6;
    pub const LOWER_N1: u64 = 7;
    pub const LOWER_P2: u64 = 8;
    pub const LOWER_N2: u64 = 9;
    pub const SHAPE_P1: u64 = 10;
    pub const SHAPE_N1: u64 = 11;
    pub const BIGRAM_P: u64 = 12;
    pub const BIGRAM_N: u64 = 13;
    pub const SHAPE3: u64 = 14;
    pub const FLAG: u64 = 15;
    pub const FLAG_P1: u64 = 16;
    pub const FLAG_N1: u64 = 17;
    pub const POSITION: u64 = 18;
    pub const RULE: u64 = 19;
    pub const RULE_P1: u64 = 20;
    pub const RULE_N1: u64 = 21;
    pub const RULE_GAZ: u64 = 22;
    pub const RULE_SHAPE: u64 = 23;
    pub const LINE: u64 = 24;
    pub const PREV: u64 = 25;
    pub const PREV2: u64 = 26;
    pub const PREV_LOWER: u64 = 27;
    pub const PREV_SHAPE: u64 = 28;
    pub const RULE_LOWER: u64 = 29;
}

const fn f1(template: u64, a: u64) -> u64 {
    mix(template.wrapping_mul(K), a)
}

fn f2(template: u64, a: u64, b: u64) -> u64 {
    mix(mix(template.wrapping_mul(K), a), b)
}

// ---------------------------------------------------------------------------------------------
// Features

/// Word shape with runs collapsed: "Hanoi" → "Xx", "U.S." → "X.X.", "1996-12-06" → "d-d-d",
/// "iPhone" → "xXx". At most 8 characters.
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
            if out.len() >= 8 {
                break;
            }
        }
    }
    out
}

/// The hash of [`shape`], without building the string.
fn shape_hash(w: &str) -> u64 {
    if w.is_ascii() {
        // One byte a character, and a class is one byte.
        let mut h = FNV_OFFSET;
        let (mut last, mut n) = (0u8, 0);
        for &c in w.as_bytes() {
            let s = match c {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                _ => c,
            };
            if s != last {
                h = fnv_step(h, s);
                last = s;
                n += 1;
                if n >= 8 {
                    break;
                }
            }
        }
        return h;
    }
    let mut h: u64 = FNV_OFFSET;
    let mut last = '\0';
    let mut n = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s != last {
            let mut buf = [0u8; 4];
            for &b in s.encode_utf8(&mut buf).as_bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                n += 1;
            }
            last = s;
            if n >= 8 {
                break;
            }
        }
    }
    h
}

/// Lexicon and document flags of one token (bit numbers).
pub mod flag {
    /// Gazetteer kind: person 0, organization 1, location 2, other 3.
    pub const GAZ: u32 = 0;
    pub const DEMONYM: u32 = 4;
    pub const GIVEN: u32 = 5;
    pub const SURNAME: u32 = 6;
    pub const TITLE: u32 = 7;
    /// Name head word kind: 8..=11.
    pub const HEAD: u32 = 8;
    /// Type noun kind: 12..=15.
    pub const TYPE: u32 = 12;
    pub const CUE: u32 = 16;
    pub const CONNECTOR: u32 = 17;
    pub const STOP: u32 = 18;
    pub const WEAK: u32 = 19;
    pub const COMMON: u32 = 20;
    pub const MID_CAPS: u32 = 21;
    pub const LOWER_SEEN: u32 = 22;
    pub const ALL_CAPS: u32 = 23;
    pub const INITIAL: u32 = 24;
    pub const SUFFIX_BASED: u32 = 25;
    pub const POSSESSIVE: u32 = 26;
    pub const PUNCT: u32 = 27;
    pub const CAPITALISED: u32 = 28;
}

/// The lexicon's word lists as two tables, so that a word costs two lookups instead of one per
/// list: the word as written → (bits that need a capital, bits that do not), and the lower-case
/// word → bits.
struct FlagTable {
    cased: HashMap<&'static str, (u32, u32)>,
    lower: HashMap<&'static str, u32>,
}

static FLAG_TABLE: LazyLock<FlagTable> = LazyLock::new(|| {
    let lx = lexicon();
    let mut cased: HashMap<&'static str, (u32, u32)> = HashMap::new();
    let mut lower: HashMap<&'static str, u32> = HashMap::new();
    for (words, b) in [(&lx.given, flag::GIVEN), (&lx.surnames, flag::SURNAME), (&lx.stops, flag::STOP), (&lx.weak, flag::WEAK)] {
        for w in words {
            cased.entry(w.as_str()).or_default().0 |= 1 << b;
        }
    }
    for (w, &k) in &lx.heads {
        cased.entry(w.as_str()).or_default().0 |= 1 << (flag::HEAD + kind_index(k) as u32);
    }
    for w in &lx.connectors {
        cased.entry(w.as_str()).or_default().1 |= 1 << flag::CONNECTOR;
    }
    for (words, b) in [(&lx.titles, flag::TITLE), (&lx.cues, flag::CUE), (&lx.common, flag::COMMON)] {
        for w in words {
            *lower.entry(w.as_str()).or_default() |= 1 << b;
        }
    }
    for (w, &k) in &lx.types {
        *lower.entry(w.as_str()).or_default() |= 1 << (flag::TYPE + kind_index(k) as u32);
    }
    FlagTable { cased, lower }
});

/// Flags of word `w` (lower-cased `lower`) from the shipped lexicon alone.
pub fn lexicon_flags(w: &str, lower: &str) -> u32 {
    let lx = lexicon();
    let table = &*FLAG_TABLE;
    let mut f = 0u32;
    let bit = |b: u32| 1u32 << b;
    let upper = starts_upper(w);
    let (gated, always) = table.cased.get(w).copied().unwrap_or((0, 0));
    f |= always;
    if upper {
        f |= bit(flag::CAPITALISED) | gated;
        // One key for both lookups (the same tests as `Lexicon::lookup` and `Lexicon::demonym`).
        with_name_key(w, |key| {
            if let Some(e) = lx.gaz.get(key).filter(|e| !(e.needs_caps && w.chars().any(char::is_lowercase))) {
                f |= bit(flag::GAZ + kind_index(e.kind) as u32);
            }
            if lx.demonyms.contains_key(key) {
                f |= bit(flag::DEMONYM);
            }
        });
        if is_all_caps(w) {
            f |= bit(flag::ALL_CAPS);
        }
    }
    f | table.lower.get(lower).copied().unwrap_or(0)
}

/// `w` in lower case (as `str::to_lowercase`), written into `buf` unless `w` has no capital.
fn lower_into<'s>(w: &'s str, buf: &'s mut String) -> &'s str {
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return w;
        }
        buf.clear();
        buf.push_str(w);
        buf.make_ascii_lowercase();
        buf.as_str()
    } else if w.chars().any(char::is_uppercase) {
        *buf = w.to_lowercase();
        buf.as_str()
    } else {
        w
    }
}

/// The bias feature, the same for every token.
const BIAS: u64 = f1(t::BIAS, 0);

/// `f1(template, flag bit)` for the three flag templates (own token, previous, next).
const FLAG_FEATS: [[u64; 32]; 3] = {
    let tpls = [t::FLAG, t::FLAG_P1, t::FLAG_N1];
    let mut out = [[0u64; 32]; 3];
    let mut k = 0;
    while k < 3 {
        let mut b = 0;
        while b < 32 {
            out[k][b] = f1(tpls[k], b as u64);
            b += 1;
        }
        k += 1;
    }
    out
};

/// What the features need of one distinct token text, computed once per article: the hashes of
/// its lower-case form, shape and affixes, and its lexicon and document flags (those that do not
/// depend on the token's position).
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    flags: u32,
    lower: u64,
    shape: u64,
    /// Prefixes of 1–3 and suffixes of 1–4 characters of the lower-case form.
    affixes: [u64; 7],
}

impl WordInfo {
    /// `lower_seen(l)`: lower-case word `l` occurs in the article; `buf` is scratch space.
    fn new(w: &str, kind: TokKind, run: &RuleRun, lower_seen: impl Fn(&str) -> bool, buf: &mut String) -> Self {
        let l = lower_into(w, buf);
        let mut flags = match kind {
            TokKind::Word => lexicon_flags(w, l),
            TokKind::Possessive => 1 << flag::POSSESSIVE,
            TokKind::Punct => 1 << flag::PUNCT,
        };
        if kind == TokKind::Word && starts_upper(w) {
            if run.mid_caps.contains(w) {
                flags |= 1 << flag::MID_CAPS;
            }
            if lower_seen(l) {
                flags |= 1 << flag::LOWER_SEEN;
            }
        }
        let (lower, affixes) = lower_and_affix_hashes(l);
        WordInfo { flags, lower, shape: shape_hash(w), affixes }
    }
}

/// The hash of lower-case word `l` and its affix features: prefixes of 1–3 and suffixes of 1–4
/// characters (the whole word when it is shorter).
fn lower_and_affix_hashes(l: &str) -> (u64, [u64; 7]) {
    if !l.is_ascii() {
        return lower_and_affix_hashes_by_chars(l);
    }
    // One byte a character: a prefix's hash is the one before it plus a byte, and the word's
    // hash continues the longest prefix's.
    let b = l.as_bytes();
    let mut affixes = [0u64; 7];
    let mut h = FNV_OFFSET;
    for (k, slot) in affixes[..3].iter_mut().enumerate() {
        if let Some(&c) = b.get(k) {
            h = fnv_step(h, c);
        }
        *slot = f2(t::PREFIX, k as u64 + 1, h);
    }
    for &c in b.get(3..).unwrap_or(&[]) {
        h = fnv_step(h, c);
    }
    for (k, slot) in affixes[3..].iter_mut().enumerate() {
        *slot = f2(t::SUFFIX, k as u64 + 1, fnv(b[b.len().saturating_sub(k + 1)..].iter().copied()));
    }
    (h, affixes)
}

/// [`lower_and_affix_hashes`] for any word: affixes are slices on char boundaries.
fn lower_and_affix_hashes_by_chars(l: &str) -> (u64, [u64; 7]) {
    let mut affixes = [0u64; 7];
    for (k, len) in [1usize, 2, 3].into_iter().enumerate() {
        let end = l.char_indices().nth(len).map_or(l.len(), |(b, _)| b);
        affixes[k] = f2(t::PREFIX, len as u64, fnv(l.get(..end).unwrap_or(l).bytes()));
    }
    for (k, len) in [1usize, 2, 3, 4].into_iter().enumerate() {
        let start = l.char_indices().rev().nth(len - 1).map_or(0, |(b, _)| b);
        affixes[3 + k] = f2(t::SUFFIX, len as u64, fnv(l.get(start..).unwrap_or(l).bytes()));
    }
    (fnv(l.bytes()), affixes)
}

/// The flags of token `i` that depend on its place in the sentence (`first_word`: the index of
/// the sentence's first word); the others are its word's ([`WordInfo::flags`]).
fn position_flags(body: &str, toks: &[Tok], i: usize, first_word: usize) -> u32 {
    let Some(t) = toks.get(i).filter(|t| t.kind == TokKind::Word) else { return 0 };
    let mut f = 0;
    if is_initial(body, toks, i, first_word) {
        f |= 1 << flag::INITIAL;
    }
    if t.suffix_based {
        f |= 1 << flag::SUFFIX_BASED;
    }
    f
}

/// Per-article evidence shared by its sentences: the features of every distinct token text,
/// and the rule recogniser's tags per sentence and token.
#[derive(Debug)]
pub(crate) struct DocContext {
    words: Vec<WordInfo>,
    /// Per sentence: the index in `words` of every token.
    ids: Vec<Vec<u32>>,
    /// Per sentence: rule tag per token, and whether the rules typed it from the gazetteer.
    rule: Vec<Vec<(u8, bool)>>,
}

impl DocContext {
    pub(crate) fn new(run: &RuleRun) -> Self {
        let body = run.body;
        let mut index: HashMap<&str, u32> = HashMap::with_capacity(run.sents.iter().map(Vec::len).sum());
        let mut distinct: Vec<(&str, TokKind)> = Vec::new();
        let ids: Vec<Vec<u32>> = run
            .sents
            .iter()
            .map(|toks| {
                toks.iter()
                    .map(|t| {
                        let w = text(body, t);
                        *index.entry(w).or_insert_with(|| {
                            distinct.push((w, t.kind));
                            (distinct.len() - 1) as u32
                        })
                    })
                    .collect()
            })
            .collect();
        // A token starting with a lower-case letter is always a word.
        let lower_seen = |l: &str| l.chars().next().is_some_and(char::is_lowercase) && index.contains_key(l);
        let mut buf = String::new();
        let words = distinct.iter().map(|&(w, kind)| WordInfo::new(w, kind, run, lower_seen, &mut buf)).collect();
        let mut rule: Vec<Vec<(u8, bool)>> = run.sents.iter().map(|t| vec![(0u8, false); t.len()]).collect();
        for c in &run.cands {
            let (Some(kind), Some(row)) = (c.kind, rule.get_mut(c.sentence)) else { continue };
            for i in c.tok_start..c.tok_end.min(row.len()) {
                row[i] = (if i == c.tok_start { b_tag(kind) } else { i_tag(kind) }, c.from_gazetteer);
            }
        }
        DocContext { words, ids, rule }
    }

    /// Static features of every token of sentence `si`.
    pub(crate) fn sentence_features(&self, run: &RuleRun, si: usize) -> SentenceFeatures {
        let body = run.body;
        let toks: &[Tok] = run.sents.get(si).map_or(&[], |v| &v[..]);
        let ids: &[u32] = self.ids.get(si).map_or(&[], |v| &v[..]);
        let rule: &[(u8, bool)] = self.rule.get(si).map_or(&[], |v| &v[..]);
        let heading = run.headings.get(si).copied().unwrap_or(false);
        let shouted = run.shouted.get(si).copied().unwrap_or(false);
        let fw = first_word(toks);
        let n = toks.len().min(ids.len());
        let mut lower_h = Vec::with_capacity(n);
        let mut shape_h = Vec::with_capacity(n);
        let mut flags = Vec::with_capacity(n);
        let mut infos: Vec<&WordInfo> = Vec::with_capacity(n);
        for (i, &id) in ids.iter().enumerate().take(n) {
            let Some(info) = self.words.get(id as usize) else { continue };
            flags.push(info.flags | position_flags(body, toks, i, fw));
            lower_h.push(info.lower);
            shape_h.push(info.shape);
            infos.push(info);
        }
        let n = infos.len();
        let line = u64::from(heading) | u64::from(shouted) << 1;
        let at = |v: &Vec<u64>, i: isize| -> u64 {
            if i < 0 { 1 } else { v.get(i as usize).copied().unwrap_or(2) }
        };
        let rule_at = |i: isize| -> u64 {
            if i < 0 { 100 } else { rule.get(i as usize).map_or(101, |r| u64::from(r.0)) }
        };
        let flags_at = |i: isize| -> u32 {
            if i < 0 { 0 } else { flags.get(i as usize).copied().unwrap_or(0) }
        };
        let mut feats = Vec::with_capacity(n * 40);
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0u32);
        for i in 0..n {
            let ii = i as isize;
            let (lw, sh) = (lower_h[i], shape_h[i]);
            // Fixed-size groups: one capacity check each.
            feats.extend_from_slice(&[BIAS, f1(t::LOWER, lw), f1(t::SHAPE, sh)]);
            feats.extend_from_slice(&infos[i].affixes);
            feats.extend_from_slice(&[
                f1(t::LOWER_P1, at(&lower_h, ii - 1)),
                f1(t::LOWER_N1, at(&lower_h, ii + 1)),
                f1(t::LOWER_P2, at(&lower_h, ii - 2)),
                f1(t::LOWER_N2, at(&lower_h, ii + 2)),
                f1(t::SHAPE_P1, at(&shape_h, ii - 1)),
                f1(t::SHAPE_N1, at(&shape_h, ii + 1)),
                f2(t::BIGRAM_P, at(&lower_h, ii - 1), lw),
                f2(t::BIGRAM_N, lw, at(&lower_h, ii + 1)),
                f2(t::SHAPE3, mix(at(&shape_h, ii - 1), sh), at(&shape_h, ii + 1)),
            ]);
            for (table, fl) in FLAG_FEATS.iter().zip([flags_at(ii), flags_at(ii - 1), flags_at(ii + 1)]) {
                let mut bits = fl;
                while bits != 0 {
                    feats.push(table[bits.trailing_zeros() as usize]);
                    bits &= bits - 1;
                }
            }
            let initial = flags[i] >> flag::INITIAL & 1;
            let r = rule_at(ii);
            feats.extend_from_slice(&[
                f2(t::POSITION, (i.min(3)) as u64, u64::from(initial)),
                f1(t::RULE, r),
                f2(t::RULE_P1, rule_at(ii - 1), r),
                f2(t::RULE_N1, r, rule_at(ii + 1)),
                f2(t::RULE_GAZ, r, u64::from(rule.get(i).is_some_and(|x| x.1))),
                f2(t::RULE_SHAPE, r, sh),
                f2(t::RULE_LOWER, r, lw),
            ]);
            if line != 0 {
                feats.push(f2(t::LINE, line, sh));
            }
            offsets.push(feats.len() as u32);
        }
        SentenceFeatures { feats, offsets, lower: lower_h, shape: shape_h }
    }
}

/// Static features of one sentence: token `i`'s are `feats[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    feats: Vec<u64>,
    offsets: Vec<u32>,
    lower: Vec<u64>,
    shape: Vec<u64>,
}

impl SentenceFeatures {
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn token(&self, i: usize) -> &[u64] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.feats.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Features that depend on the tags already chosen: [`tag_features`] and [`Self::word_dynamic`].
    fn dynamic(&self, i: usize, p1: u8, p2: u8) -> [u64; 4] {
        let [a, b] = tag_features(p1, p2);
        let [c, d] = self.word_dynamic(i, p1);
        [a, b, c, d]
    }

    /// The previous tag with token `i`'s word and shape.
    fn word_dynamic(&self, i: usize, p1: u8) -> [u64; 2] {
        let p1 = u64::from(p1);
        [f2(t::PREV_LOWER, p1, self.lower.get(i).copied().unwrap_or(0)), f2(t::PREV_SHAPE, p1, self.shape.get(i).copied().unwrap_or(0))]
    }
}

/// The summed weight rows of the features of one word that depend on that word alone, for
/// each place it takes in a token's window: the token itself (`own`: bias, word, shape, affixes,
/// flags), the token before (`p1`) or after it (`n1`), two before (`p2`) or two after (`n2`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordRows {
    own: [i32; NTAGS],
    p1: [i32; NTAGS],
    n1: [i32; NTAGS],
    p2: [i32; NTAGS],
    n2: [i32; NTAGS],
    /// The rows of the word's features with rule tag O (`rule_o`) and with previous tag O
    /// (`prev_o`), the commonest values of those two.
    rule_o: [i32; NTAGS],
    prev_o: [i32; NTAGS],
}

fn add(scores: &mut [i32; NTAGS], row: &[i32; NTAGS]) {
    scores.iter_mut().zip(row).for_each(|(s, &r)| *s += r);
}

/// The features of the previous two tags alone.
fn tag_features(p1: u8, p2: u8) -> [u64; 2] {
    let (p1, p2) = (u64::from(p1), u64::from(p2));
    [f1(t::PREV, p1), f2(t::PREV2, p1, p2)]
}

fn bucket(h: u64, bits: u32) -> usize {
    (h.wrapping_mul(K) >> (64 - bits)) as usize
}

// ---------------------------------------------------------------------------------------------
// The model

/// A trained tagger: `2^bits` rows of [`NTAGS`] quantised weights.
#[derive(Debug, Clone)]
pub struct Tagger {
    bits: u32,
    scale: f32,
    weights: Vec<i16>,
    /// The summed rows of [`tag_features`] for every pair of previous tags (`p1 * NTAGS + p2`).
    tag_rows: Vec<[i32; NTAGS]>,
    /// [`WordRows`] of the places before a sentence (`p1`, `p2`) and after it (`n1`, `n2`).
    before: WordRows,
    after: WordRows,
    /// The summed rows of a token's features of its rule tag, gazetteer bit and position, at
    /// [`rule_key`].
    rule_rows: Vec<[i32; NTAGS]>,
    /// The rows of the rule-tag pair features with the previous and the next token, at
    /// `tag * (NTAGS + 1) + neighbour's tag` (`NTAGS`: no neighbour).
    rule_prev_rows: Vec<[i32; NTAGS]>,
    rule_next_rows: Vec<[i32; NTAGS]>,
}

/// Index in [`Tagger::rule_rows`] of rule tag `r` (below [`NTAGS`]), gazetteer bit `gaz`,
/// position `pos` (0–3) and initial bit `initial`.
fn rule_key(r: usize, gaz: bool, pos: usize, initial: bool) -> usize {
    ((r * 2 + usize::from(gaz)) * 4 + pos) * 2 + usize::from(initial)
}

impl Tagger {
    fn new(bits: u32, scale: f32, weights: Vec<i16>) -> Tagger {
        let mut t = Tagger {
            bits,
            scale,
            weights,
            tag_rows: Vec::new(),
            before: WordRows::default(),
            after: WordRows::default(),
            rule_rows: Vec::new(),
            rule_prev_rows: Vec::new(),
            rule_next_rows: Vec::new(),
        };
        t.tag_rows = (0..NTAGS * NTAGS)
            .map(|k| {
                let mut scores = [0i32; NTAGS];
                t.add_rows(&mut scores, &tag_features((k / NTAGS) as u8, (k % NTAGS) as u8));
                scores
            })
            .collect();
        // Outside the sentence the word and shape hashes are 1 before it and 2 after it, with no flags.
        t.before = t.rows_of(1, 1, 0, &[]);
        t.after = t.rows_of(2, 2, 0, &[]);
        t.rule_rows = (0..rule_key(NTAGS, false, 0, false))
            .map(|k| {
                // The inverse of `rule_key`.
                let (r, gaz, pos, initial) = ((k / 16) as u64, k & 8 != 0, (k >> 1 & 3) as u64, k & 1 != 0);
                t.row_sum(&[f2(t::POSITION, pos, u64::from(initial)), f1(t::RULE, r), f2(t::RULE_GAZ, r, u64::from(gaz))])
            })
            .collect();
        // The tag of no neighbour is 100 before the sentence and 101 after it.
        let pair = |k: usize, none: u64| -> (u64, u64) {
            let (r, other) = (k / (NTAGS + 1), k % (NTAGS + 1));
            (r as u64, if other == NTAGS { none } else { other as u64 })
        };
        t.rule_prev_rows = (0..NTAGS * (NTAGS + 1))
            .map(|k| {
                let (r, prev) = pair(k, 100);
                t.row_sum(&[f2(t::RULE_P1, prev, r)])
            })
            .collect();
        t.rule_next_rows = (0..NTAGS * (NTAGS + 1))
            .map(|k| {
                let (r, next) = pair(k, 101);
                t.row_sum(&[f2(t::RULE_N1, r, next)])
            })
            .collect();
        t
    }

    /// The summed rows of the features of a word with hashes `lower` and `shape`, flags `flags`
    /// and affix features `affixes`, per place in a token's window (see [`WordRows`]).
    fn rows_of(&self, lower: u64, shape: u64, flags: u32, affixes: &[u64]) -> WordRows {
        let mut r = WordRows::default();
        self.add_rows(&mut r.own, &[BIAS, f1(t::LOWER, lower), f1(t::SHAPE, shape)]);
        self.add_rows(&mut r.own, affixes);
        self.add_rows(&mut r.p1, &[f1(t::LOWER_P1, lower), f1(t::SHAPE_P1, shape)]);
        self.add_rows(&mut r.n1, &[f1(t::LOWER_N1, lower), f1(t::SHAPE_N1, shape)]);
        self.add_rows(&mut r.p2, &[f1(t::LOWER_P2, lower)]);
        self.add_rows(&mut r.n2, &[f1(t::LOWER_N2, lower)]);
        self.add_rows(&mut r.rule_o, &[f2(t::RULE_SHAPE, 0, shape), f2(t::RULE_LOWER, 0, lower)]);
        self.add_rows(&mut r.prev_o, &[f2(t::PREV_LOWER, 0, lower), f2(t::PREV_SHAPE, 0, shape)]);
        for (rows, table) in [&mut r.own, &mut r.p1, &mut r.n1].into_iter().zip(&FLAG_FEATS) {
            self.add_flag_rows(rows, table, flags);
        }
        r
    }

    /// Adds the rows of the features in `table` of every bit set in `flags`.
    fn add_flag_rows(&self, scores: &mut [i32; NTAGS], table: &[u64; 32], flags: u32) {
        let mut bits = flags;
        while bits != 0 {
            self.add_rows(scores, std::slice::from_ref(&table[bits.trailing_zeros() as usize]));
            bits &= bits - 1;
        }
    }

    /// [`WordRows`] of every distinct word of an article (indexed as [`DocContext`]'s words).
    pub(crate) fn word_rows(&self, doc: &DocContext) -> Vec<WordRows> {
        doc.words.iter().map(|w| self.rows_of(w.lower, w.shape, w.flags, &w.affixes)).collect()
    }

    /// [`Self::decode`] of `doc.sentence_features(run, si)` without listing the features: the
    /// features of the words alone, and those of a word with rule tag or previous tag O, come
    /// summed per distinct word (`rows`, from [`Self::word_rows`]), the rule-tag and position
    /// features summed per value (`rule_rows`, `rule_prev_rows`, `rule_next_rows`), and the
    /// others are added as they are hashed; the scores are the same integers.
    pub(crate) fn decode_sentence(&self, doc: &DocContext, rows: &[WordRows], run: &RuleRun, si: usize) -> Vec<u8> {
        let body = run.body;
        let toks: &[Tok] = run.sents.get(si).map_or(&[], |v| &v[..]);
        let ids: &[u32] = doc.ids.get(si).map_or(&[], |v| &v[..]);
        let rule: &[(u8, bool)] = doc.rule.get(si).map_or(&[], |v| &v[..]);
        let line = u64::from(run.headings.get(si).copied().unwrap_or(false)) | u64::from(run.shouted.get(si).copied().unwrap_or(false)) << 1;
        let fw = first_word(toks);
        let n = toks.len().min(ids.len());
        // `ids` index `doc.words`, and `rows` has one entry per word.
        let ids = &ids[..n];
        let word = |i: usize| &doc.words[ids[i] as usize];
        let row = |i: usize| &rows[ids[i] as usize];
        let position: Vec<u32> = (0..n).map(|i| position_flags(body, toks, i, fw)).collect();
        // Hashes of the words around a token: 1 before the sentence, 2 after it.
        let lower = |i: isize| if i < 0 { 1 } else if (i as usize) < n { word(i as usize).lower } else { 2 };
        let shape = |i: isize| if i < 0 { 1 } else if (i as usize) < n { word(i as usize).shape } else { 2 };
        // Rule tags (below `NTAGS`) by token; `NTAGS` outside the sentence.
        let rule_at = |i: usize| rule.get(i).map_or(NTAGS, |r| usize::from(r.0));
        let mut tags = Vec::with_capacity(n);
        let (mut p1, mut p2) = (0u8, 0u8);
        for i in 0..n {
            let ii = i as isize;
            let mut scores = row(i).own;
            add(&mut scores, if i >= 1 { &row(i - 1).p1 } else { &self.before.p1 });
            add(&mut scores, if i >= 2 { &row(i - 2).p2 } else { &self.before.p2 });
            add(&mut scores, if i + 1 < n { &row(i + 1).n1 } else { &self.after.n1 });
            add(&mut scores, if i + 2 < n { &row(i + 2).n2 } else { &self.after.n2 });
            self.add_flag_rows(&mut scores, &FLAG_FEATS[0], position[i]);
            if i >= 1 {
                self.add_flag_rows(&mut scores, &FLAG_FEATS[1], position[i - 1]);
            }
            if let Some(&f) = position.get(i + 1) {
                self.add_flag_rows(&mut scores, &FLAG_FEATS[2], f);
            }
            let (lw, sh) = (word(i).lower, word(i).shape);
            let initial = position[i] >> flag::INITIAL & 1 == 1;
            let r = rule_at(i);
            add(&mut scores, &self.rule_rows[rule_key(r, rule[i].1, i.min(3), initial)]);
            add(&mut scores, &self.rule_prev_rows[r * (NTAGS + 1) + if i >= 1 { rule_at(i - 1) } else { NTAGS }]);
            add(&mut scores, &self.rule_next_rows[r * (NTAGS + 1) + rule_at(i + 1)]);
            self.add_rows(&mut scores, &[
                f2(t::BIGRAM_P, lower(ii - 1), lw),
                f2(t::BIGRAM_N, lw, lower(ii + 1)),
                f2(t::SHAPE3, mix(shape(ii - 1), sh), shape(ii + 1)),
            ]);
            if r == 0 {
                add(&mut scores, &row(i).rule_o);
            } else {
                let r = r as u64;
                self.add_rows(&mut scores, &[f2(t::RULE_SHAPE, r, sh), f2(t::RULE_LOWER, r, lw)]);
            }
            if line != 0 {
                self.add_rows(&mut scores, &[f2(t::LINE, line, sh)]);
            }
            if let Some(tr) = self.tag_rows.get(usize::from(p1) * NTAGS + usize::from(p2)) {
                add(&mut scores, tr);
            }
            if p1 == 0 {
                add(&mut scores, &row(i).prev_o);
            } else {
                let q = u64::from(p1);
                self.add_rows(&mut scores, &[f2(t::PREV_LOWER, q, lw), f2(t::PREV_SHAPE, q, sh)]);
            }
            let best = argmax_allowed(&scores, p1);
            tags.push(best);
            p2 = p1;
            p1 = best;
        }
        tags
    }

    /// The best tag sequence, greedily (I- tags only continue their own type).
    pub fn decode(&self, s: &SentenceFeatures) -> Vec<u8> {
        let n = s.len();
        // Static scores of all tokens first: their row loads do not wait on earlier tags.
        let mut static_scores = vec![[0i32; NTAGS]; n];
        for (i, scores) in static_scores.iter_mut().enumerate() {
            self.add_rows(scores, s.token(i));
        }
        let mut tags = Vec::with_capacity(n);
        let (mut p1, mut p2) = (0u8, 0u8);
        for (i, mut scores) in static_scores.into_iter().enumerate() {
            if let Some(rows) = self.tag_rows.get(usize::from(p1) * NTAGS + usize::from(p2)) {
                scores.iter_mut().zip(rows).for_each(|(sc, &r)| *sc += r);
            }
            self.add_rows(&mut scores, &s.word_dynamic(i, p1));
            let best = argmax_allowed(&scores, p1);
            tags.push(best);
            p2 = p1;
            p1 = best;
        }
        tags
    }

    /// The sum of the weight rows of features `hs`.
    fn row_sum(&self, hs: &[u64]) -> [i32; NTAGS] {
        let mut scores = [0; NTAGS];
        self.add_rows(&mut scores, hs);
        scores
    }

    /// Adds the weight rows of features `hs` to `scores`.
    fn add_rows(&self, scores: &mut [i32; NTAGS], hs: &[u64]) {
        for &h in hs {
            let b = bucket(h, self.bits) * NTAGS;
            // Fixed-size rows: the first eight adds vectorise.
            if let Some(row) = self.weights.get(b..b + NTAGS).and_then(|r| <&[i16; NTAGS]>::try_from(r).ok()) {
                let (head, tail) = scores.split_at_mut(8);
                let (rh, rt) = row.split_at(8);
                for (sc, &w) in head.iter_mut().zip(rh) {
                    *sc += i32::from(w);
                }
                for (sc, &w) in tail.iter_mut().zip(rt) {
                    *sc += i32::from(w);
                }
            }
        }
    }

    /// Number of non-zero weights.
    pub fn non_zero(&self) -> usize {
        self.weights.iter().filter(|&&w| w != 0).count()
    }

    /// The model file: magic, feature version, bits, scale, count, then (delta index varint,
    /// i16 little-endian) for every non-zero weight.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.push(self.bits as u8);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.non_zero() as u32).to_le_bytes());
        let mut last = 0usize;
        for (i, &w) in self.weights.iter().enumerate() {
            if w == 0 {
                continue;
            }
            let mut d = (i - last) as u64;
            last = i;
            loop {
                let byte = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads a model file; `None` when it is missing, corrupt or of another feature version.
    pub fn from_bytes(b: &[u8]) -> Option<Tagger> {
        let rest = b.strip_prefix(MAGIC.as_slice())?;
        let version = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?);
        if version != FEATURE_VERSION {
            return None;
        }
        let bits = u32::from(*rest.get(4)?);
        if !(8..=20).contains(&bits) {
            return None;
        }
        let scale = f32::from_le_bytes(rest.get(5..9)?.try_into().ok()?);
        if !scale.is_finite() || scale <= 0.0 {
            return None;
        }
        let count = u32::from_le_bytes(rest.get(9..13)?.try_into().ok()?) as usize;
        let len = (1usize << bits) * NTAGS;
        if count > len {
            return None;
        }
        let mut weights = vec![0i16; len];
        let mut p = 13;
        let mut idx = 0usize;
        for k in 0..count {
            let mut d: u64 = 0;
            let mut shift = 0;
            loop {
                let byte = *rest.get(p)?;
                p += 1;
                if shift > 35 {
                    return None;
                }
                d |= u64::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            if k > 0 && d == 0 {
                return None;
            }
            idx = idx.checked_add(usize::try_from(d).ok()?)?;
            let w = i16::from_le_bytes(rest.get(p..p + 2)?.try_into().ok()?);
            p += 2;
            *weights.get_mut(idx)? = w;
        }
        if p != rest.len() {
            return None;
        }
        Some(Tagger::new(bits, scale, weights))
    }
}

fn argmax_allowed<T: PartialOrd + Copy>(scores: &[T; NTAGS], prev: u8) -> u8 {
    let mut best = 0u8;
    let mut best_score = scores[0];
    for (t, &s) in scores.iter().enumerate().skip(1) {
        if allowed(prev, t as u8) && s > best_score {
            best = t as u8;
            best_score = s;
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Training

/// A training document: running text and its gold mentions (byte spans).
#[derive(Debug, Clone)]
pub struct TrainDoc {
    pub body: String,
    pub gold: Vec<(usize, usize, EntityKind)>,
    /// Whether the annotation has `other` entities (UNER has only person, organization and
    /// location: an `other` prediction over its `O` is not counted as an error).
    pub labels_other: bool,
    /// Whether nationality adjectives ("Vietnamese") are annotated as `other` (GUM marks only
    /// noun phrases: an `other` prediction over a demonym the gazetteer knows is not counted
    /// as an error there).
    pub labels_demonyms: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Independent runs (seeds `seed`, `seed + 1`, …) whose averaged weights are averaged again:
    /// less dependence on the order of the examples.
    pub runs: usize,
    /// log2 of the number of rows in the weight table.
    pub bits: u32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 10, seed: 0x5eed_2024, runs: 4, bits: 18 }
    }
}

/// One sentence ready for training: its features and gold tags.
#[derive(Debug, Clone)]
struct Example {
    feats: SentenceFeatures,
    gold: Vec<u8>,
    /// Per token: an `other` prediction over gold `O` is no error (see [`TrainDoc`]).
    excusable: Vec<bool>,
}

/// Gold BIO tags of the tokens of one sentence: a token inside a gold span is tagged with it,
/// the first such token of the span with B-.
pub fn project(toks: &[Tok], gold: &[(usize, usize, EntityKind)]) -> Vec<u8> {
    let mut tags = vec![0u8; toks.len()];
    for &(s, e, kind) in gold {
        let mut first = true;
        for (i, t) in toks.iter().enumerate() {
            if t.start >= s && t.end <= e {
                tags[i] = if first { b_tag(kind) } else { i_tag(kind) };
                first = false;
            }
        }
    }
    tags
}

fn examples(docs: &[TrainDoc]) -> Vec<Example> {
    let mut out = Vec::new();
    for d in docs {
        let sentences = crate::sentences::split(&d.body);
        let run = super::run_rules(&d.body, &sentences);
        let ctx = DocContext::new(&run);
        for (si, toks) in run.sents.iter().enumerate() {
            if toks.is_empty() || run.shouted.get(si).copied().unwrap_or(false) {
                continue;
            }
            let (Some(a), Some(b)) = (toks.first(), toks.last()) else { continue };
            let gold: Vec<(usize, usize, EntityKind)> = d.gold.iter().copied().filter(|g| g.0 < b.end && g.1 > a.start).collect();
            let other = b_tag(EntityKind::Other);
            let excusable = (0..toks.len())
                .map(|i| {
                    let r = ctx.rule.get(si).and_then(|r| r.get(i)).copied().unwrap_or((0, false));
                    !d.labels_other || !d.labels_demonyms && r.1 && (r.0 == other || r.0 == other + 1)
                })
                .collect();
            out.push(Example { feats: ctx.sentence_features(&run, si), gold: project(toks, &gold), excusable });
        }
    }
    out
}

/// Averaged-perceptron weights during training (lazy averaging).
struct Averaged {
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    now: u32,
}

impl Averaged {
    fn update(&mut self, idx: usize, delta: f32) {
        if let (Some(w), Some(total), Some(stamp)) = (self.w.get_mut(idx), self.total.get_mut(idx), self.stamp.get_mut(idx)) {
            *total += f64::from(*w) * f64::from(self.now - *stamp);
            *stamp = self.now;
            *w += delta;
        }
    }

    fn averaged(&self) -> Vec<f64> {
        let now = f64::from(self.now.max(1));
        self.w
            .iter()
            .zip(&self.total)
            .zip(&self.stamp)
            .map(|((&w, &t), &s)| (t + f64::from(w) * f64::from(self.now - s)) / now)
            .collect()
    }
}

/// A deterministic xorshift generator for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// Trains a tagger; `epoch_done(epoch, training accuracy)` is called after every epoch of every
/// run. Deterministic: same documents and configuration, same model.
pub fn train(docs: &[TrainDoc], cfg: &TrainConfig, mut epoch_done: impl FnMut(usize, f64)) -> Tagger {
    let bits = cfg.bits.clamp(8, 20);
    let ex = examples(docs);
    let runs = cfg.runs.max(1);
    let mut sum = vec![0.0f64; (1usize << bits) * NTAGS];
    for run in 0..runs {
        let avg = train_run(&ex, cfg.epochs, bits, cfg.seed.wrapping_add(run as u64), &mut epoch_done);
        sum.iter_mut().zip(avg).for_each(|(s, a)| *s += a);
    }
    sum.iter_mut().for_each(|s| *s /= runs as f64);
    quantise(&sum, bits)
}

/// One averaged-perceptron run over `ex` with its own shuffling seed: the averaged weights.
fn train_run(ex: &[Example], epochs: usize, bits: u32, seed: u64, epoch_done: &mut impl FnMut(usize, f64)) -> Vec<f64> {
    let len = (1usize << bits) * NTAGS;
    let mut m = Averaged { w: vec![0.0; len], total: vec![0.0; len], stamp: vec![0; len], now: 0 };
    let mut order: Vec<usize> = (0..ex.len()).collect();
    let mut rng = Rng(seed | 1);
    for epoch in 1..=epochs {
        // Fisher–Yates.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let (mut right, mut seen) = (0usize, 0usize);
        for &k in &order {
            let Some(e) = ex.get(k) else { continue };
            let (mut p1, mut p2) = (0u8, 0u8);
            for i in 0..e.feats.len() {
                m.now = m.now.saturating_add(1);
                let dynamic = e.feats.dynamic(i, p1, p2);
                let rows: Vec<usize> = e.feats.token(i).iter().chain(dynamic.iter()).map(|&h| bucket(h, bits) * NTAGS).collect();
                let mut scores = [0f32; NTAGS];
                for &r in &rows {
                    for (t, sc) in scores.iter_mut().enumerate() {
                        *sc += m.w.get(r + t).copied().unwrap_or(0.0);
                    }
                }
                let pred = argmax_allowed(&scores, p1);
                let mut gold = e.gold.get(i).copied().unwrap_or(0);
                if is_inside(gold) && !allowed(p1, gold) {
                    gold -= 1; // I-X after something else: B-X
                }
                let excused = gold == 0 && tag_kind(pred) == Some(EntityKind::Other) && e.excusable.get(i).copied().unwrap_or(false);
                seen += 1;
                if pred == gold || excused {
                    right += 1;
                } else {
                    for &r in &rows {
                        m.update(r + usize::from(gold), 1.0);
                        m.update(r + usize::from(pred), -1.0);
                    }
                }
                p2 = p1;
                p1 = pred;
            }
        }
        epoch_done(epoch, if seen > 0 { right as f64 / seen as f64 } else { 0.0 });
    }
    m.averaged()
}

fn quantise(avg: &[f64], bits: u32) -> Tagger {
    let max = avg.iter().fold(0.0f64, |a, &w| a.max(w.abs()));
    let scale = if max > 0.0 { (max / 32767.0) as f32 } else { 1.0 };
    let weights = avg.iter().map(|&w| (w / f64::from(scale)).round().clamp(-32767.0, 32767.0) as i16).collect();
    Tagger::new(bits, scale, weights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use foldhash::HashSet;
    use crate::entities::{find_mentions_with, run_rules};

    #[test]
    fn shapes() {
        assert_eq!(shape("Hanoi"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("NATO"), "X");
        assert_eq!(shape("1996-12-06"), "d-d-d");
        assert_eq!(shape("iPhone"), "xXx");
        assert_eq!(shape(""), "");
        for w in ["Hanoi", "U.S.", "1996-12-06", "iPhone", "x"] {
            assert_eq!(shape_hash(w), fnv(shape(w).bytes()), "{w}");
        }
    }

    #[test]
    fn lexicon_flags_mark_gazetteer_and_cues() {
        let f = lexicon_flags("Hanoi", "hanoi");
        assert!(f & 1 << (flag::GAZ + 2) != 0, "Hanoi is a location");
        assert!(f & 1 << flag::CAPITALISED != 0);
        let f = lexicon_flags("Vietnamese", "vietnamese");
        assert!(f & 1 << flag::DEMONYM != 0);
        let f = lexicon_flags("Carl", "carl");
        assert!(f & 1 << flag::GIVEN != 0);
        let f = lexicon_flags("Party", "party");
        assert!(f & 1 << (flag::HEAD + 1) != 0, "Party heads organisations");
        let f = lexicon_flags("the", "the");
        assert!(f & 1 << flag::CAPITALISED == 0);
    }

    /// The flags from one lookup per list (the slow path [`lexicon_flags`] replaces).
    fn lexicon_flags_slow(w: &str, lower: &str) -> u32 {
        let lx = lexicon();
        let mut f = 0u32;
        let bit = |b: u32| 1u32 << b;
        if starts_upper(w) {
            f |= bit(flag::CAPITALISED);
            if let Some(e) = lx.lookup(w) {
                f |= bit(flag::GAZ + kind_index(e.kind) as u32);
            }
            if lx.demonym(w).is_some() {
                f |= bit(flag::DEMONYM);
            }
            for (words, b) in [(&lx.given, flag::GIVEN), (&lx.surnames, flag::SURNAME), (&lx.stops, flag::STOP), (&lx.weak, flag::WEAK)] {
                if words.contains(w) {
                    f |= bit(b);
                }
            }
            if let Some(&k) = lx.heads.get(w) {
                f |= bit(flag::HEAD + kind_index(k) as u32);
            }
            if is_all_caps(w) {
                f |= bit(flag::ALL_CAPS);
            }
        }
        for (words, word, b) in [(&lx.titles, lower, flag::TITLE), (&lx.cues, lower, flag::CUE), (&lx.connectors, w, flag::CONNECTOR), (&lx.common, lower, flag::COMMON)] {
            if words.contains(word) {
                f |= bit(b);
            }
        }
        if let Some(&k) = lx.types.get(lower) {
            f |= bit(flag::TYPE + kind_index(k) as u32);
        }
        f
    }

    fn check_flags(w: &str) {
        let lower = w.to_lowercase();
        assert_eq!(lexicon_flags(w, &lower), lexicon_flags_slow(w, &lower), "{w}");
    }

    #[test]
    fn flag_table_matches_the_lists() {
        let lx = lexicon();
        let sets = [&lx.titles, &lx.title_words, &lx.cues, &lx.connectors, &lx.stops, &lx.weak, &lx.given, &lx.surnames, &lx.common];
        let words = sets.iter().flat_map(|s| s.iter()).chain(lx.heads.keys()).chain(lx.types.keys());
        for w in words {
            let mut cap: String = w.chars().take(1).flat_map(char::to_uppercase).collect();
            cap.push_str(w.get(w.chars().next().map_or(0, char::len_utf8)..).unwrap_or(""));
            for v in [w.clone(), w.to_lowercase(), w.to_uppercase(), cap] {
                check_flags(&v);
            }
        }
        for (row, tpl) in FLAG_FEATS.iter().zip([t::FLAG, t::FLAG_P1, t::FLAG_N1]) {
            for (b, &h) in row.iter().enumerate() {
                assert_eq!(h, f1(tpl, b as u64));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_flags_and_lower_case_match(w in "[A-Za-z'.ÉéΣσİß-]{0,12}") {
            check_flags(&w);
            let mut buf = String::from("stale");
            proptest::prop_assert_eq!(lower_into(&w, &mut buf), w.to_lowercase());
        }

        #[test]
        fn byte_hashes_match_the_char_hashes(w in "[A-Za-z0-9'.\\-&\u{0}]{0,12}|[a-zé]{0,6}") {
            proptest::prop_assert_eq!(shape_hash(&w), fnv(shape(&w).bytes()));
            let l = w.to_lowercase();
            proptest::prop_assert_eq!(lower_and_affix_hashes(&l), lower_and_affix_hashes_by_chars(&l));
        }

        #[test]
        fn lower_seen_matches_a_set(body in "([A-Za-zÉéİ]{1,6}[ .,'\n]{1,2}){0,40}") {
            let sentences = crate::sentences::split(&body);
            let run = run_rules(&body, &sentences);
            let ctx = DocContext::new(&run);
            let seen: HashSet<&str> = run.sents.iter().flatten().filter(|t| t.kind == TokKind::Word).map(|t| text(&body, t)).filter(|w| w.chars().next().is_some_and(char::is_lowercase)).collect();
            for (toks, ids) in run.sents.iter().zip(&ctx.ids) {
                for (t, &id) in toks.iter().zip(ids) {
                    let w = text(&body, t);
                    let info = ctx.words[id as usize];
                    let expected = t.kind == TokKind::Word && starts_upper(w) && seen.contains(w.to_lowercase().as_str());
                    proptest::prop_assert_eq!(info.flags >> flag::LOWER_SEEN & 1 == 1, expected, "{}", w);
                    let lower = w.to_lowercase();
                    proptest::prop_assert_eq!(info.lower, fnv(lower.bytes()));
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn decode_matches_scoring_every_feature(seed in 1u64.., n in 0usize..12) {
            let mut rng = Rng(seed);
            let weights: Vec<i16> = (0..(1usize << 8) * NTAGS).map(|_| rng.next() as i16).collect();
            let tagger = Tagger::new(8, 1.0, weights);
            let feats: Vec<u64> = (0..n * 5).map(|_| rng.next()).collect();
            let s = SentenceFeatures {
                feats,
                offsets: (0..=n as u32).map(|i| i * 5).collect(),
                lower: (0..n).map(|_| rng.next()).collect(),
                shape: (0..n).map(|_| rng.next()).collect(),
            };
            let (mut p1, mut p2, mut slow) = (0u8, 0u8, Vec::new());
            for i in 0..n {
                let mut scores = [0i32; NTAGS];
                tagger.add_rows(&mut scores, s.token(i));
                tagger.add_rows(&mut scores, &s.dynamic(i, p1, p2));
                let best = argmax_allowed(&scores, p1);
                slow.push(best);
                (p2, p1) = (p1, best);
            }
            proptest::prop_assert_eq!(tagger.decode(&s), slow);
        }
    }

    proptest::proptest! {
        #[test]
        fn decode_by_word_rows_matches_decode(seed in 1u64.., body in "(([A-Z][a-z]{0,5}|[a-z]{1,6}|U\\.S\\.|Mr\\.|Hanoi|Putin|President|[0-9]{1,4}|Vietnam-based|[-,.;:'\"“(]|'s)[ \n]{0,2}){0,50}") {
            let mut rng = Rng(seed);
            let weights: Vec<i16> = (0..(1usize << 8) * NTAGS).map(|_| rng.next() as i16).collect();
            let random = Tagger::new(8, 1.0, weights);
            let sentences = crate::sentences::split(&body);
            let run = run_rules(&body, &sentences);
            let ctx = DocContext::new(&run);
            for tagger in [Some(&random), shipped()].into_iter().flatten() {
                let rows = tagger.word_rows(&ctx);
                for si in 0..run.sents.len() {
                    proptest::prop_assert_eq!(tagger.decode_sentence(&ctx, &rows, &run, si), tagger.decode(&ctx.sentence_features(&run, si)));
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn row_sums_match_a_plain_sum(seed in 1u64.., hs in proptest::collection::vec(proptest::num::u64::ANY, 0..50)) {
            let mut rng = Rng(seed);
            let weights: Vec<i16> = (0..(1usize << 8) * NTAGS).map(|_| rng.next() as i16).collect();
            let tagger = Tagger::new(8, 1.0, weights);
            let mut fast = [0i32; NTAGS];
            tagger.add_rows(&mut fast, &hs);
            let mut slow = [0i32; NTAGS];
            for &h in &hs {
                let b = bucket(h, 8) * NTAGS;
                for (t, sc) in slow.iter_mut().enumerate() {
                    *sc += i32::from(tagger.weights[b + t]);
                }
            }
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn features_per_token_and_document_flags() {
        let body = "Trong met Putin in Hanoi.\nPresident Putin said the visit was good.\n";
        let sentences = crate::sentences::split(body);
        let run = run_rules(body, &sentences);
        let ctx = DocContext::new(&run);
        let s = ctx.sentence_features(&run, 0);
        assert_eq!(s.len(), run.sents[0].len());
        assert!(s.token(0).len() > 20);
        // Same word, same lower-case feature; different words differ.
        let s2 = ctx.sentence_features(&run, 1);
        let putin0 = s.token(2)[1];
        let putin1 = s2.token(1)[1];
        assert_eq!(putin0, putin1);
        assert_ne!(s.token(0)[1], putin0);
        // The rules tagged "Hanoi" as a location from the gazetteer.
        assert_eq!(ctx.rule[0][4], (b_tag(EntityKind::Location), true));
    }

    #[test]
    fn spans_from_tags() {
        let p = b_tag(EntityKind::Person);
        let pi = i_tag(EntityKind::Person);
        let l = b_tag(EntityKind::Location);
        let li = i_tag(EntityKind::Location);
        assert_eq!(spans_of(&[0, p, pi, 0, l, l, li]), vec![
            (1, 3, EntityKind::Person),
            (4, 5, EntityKind::Location),
            (5, 7, EntityKind::Location)
        ]);
        assert_eq!(spans_of(&[li, 0]), vec![(0, 1, EntityKind::Location)]);
        assert!(spans_of(&[]).is_empty());
    }

    fn toy_docs() -> Vec<TrainDoc> {
        let people = ["Zorbag Quell", "Mirla Tavish", "Orrin Blate", "Selka Vunn"];
        let towns = ["Pellinor", "Drassk", "Umbervale", "Kethra"];
        let mut docs = Vec::new();
        for (i, p) in people.iter().enumerate() {
            for (j, t) in towns.iter().enumerate() {
                let body = format!("Yesterday {p} travelled to {t} with friends.\nThe mayor of {t} said {p} was welcome.\n");
                let mut gold = Vec::new();
                for name in [p, t] {
                    let mut from = 0;
                    while let Some(k) = body[from..].find(name) {
                        let s = from + k;
                        let kind = if name == p { EntityKind::Person } else { EntityKind::Location };
                        gold.push((s, s + name.len(), kind));
                        from = s + name.len();
                    }
                }
                let _ = (i, j);
                docs.push(TrainDoc { body, gold, labels_other: true, labels_demonyms: true });
            }
        }
        docs
    }

    #[test]
    fn train_predict_and_round_trip() {
        let docs = toy_docs();
        let cfg = TrainConfig { epochs: 5, seed: 7, runs: 1, bits: 12 };
        let mut accs = Vec::new();
        let model = train(&docs, &cfg, |_, a| accs.push(a));
        assert_eq!(accs.len(), 5);
        assert!(accs[4] > 0.95, "training accuracy {accs:?}");
        // Deterministic, and the file round-trips.
        let again = train(&docs, &cfg, |_, _| {});
        assert_eq!(model.to_bytes(), again.to_bytes());
        let loaded = Tagger::from_bytes(&model.to_bytes()).expect("round trip");
        assert_eq!(loaded.weights, model.weights);
        // Unseen names in a seen frame.
        let body = "Yesterday Brenna Folt travelled to Quorvale with friends.\n";
        let ms = find_mentions_with(body, &crate::sentences::split(body), Some(&loaded));
        let got: Vec<(&str, EntityKind)> = ms.iter().map(|m| (m.text.as_str(), m.kind)).collect();
        assert!(got.contains(&("Brenna Folt", EntityKind::Person)), "{got:?}");
        assert!(got.contains(&("Quorvale", EntityKind::Location)), "{got:?}");
    }

    #[test]
    fn corrupt_models_are_refused() {
        assert!(Tagger::from_bytes(b"").is_none());
        assert!(Tagger::from_bytes(b"SLNER\x01").is_none());
        let model = train(&toy_docs(), &TrainConfig { epochs: 1, seed: 1, runs: 2, bits: 10 }, |_, _| {});
        let bytes = model.to_bytes();
        assert!(Tagger::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Tagger::from_bytes(&longer).is_none());
        let mut flipped = bytes.clone();
        flipped[6] ^= 0xff; // feature version
        assert!(Tagger::from_bytes(&flipped).is_none());
        // Arbitrary bytes after a valid header never panic.
        for cut in 0..bytes.len().min(64) {
            let mut b = bytes[..cut].to_vec();
            b.extend_from_slice(&[0xff; 9]);
            let _ = Tagger::from_bytes(&b);
        }
    }
}

