//! Syndication: near-duplicate articles (a wire story republished by many sites) found by
//! MinHash over word shingles with LSH banding, and confirmed by their exact shingle overlap,
//! so each copy can be tied to one original and counted once when weighing how many
//! independent sources report something.
//!
//! Written by hand: the MinHash and banding here are a few dozen lines, and the crates that
//! offer them bring far larger dependency trees for features this does not need.

use std::collections::HashMap;

use rayon::prelude::*;

/// Words per shingle.
const SHINGLE: usize = 5;
/// Hash functions in a signature = BANDS × ROWS.
const BANDS: usize = 16;
const ROWS: usize = 4;
/// Jaccard similarity of shingle sets (exact, not estimated) from which two articles are copies.
pub const COPY_SIMILARITY: f64 = 0.8;
/// Estimated similarity from which a pair's exact similarity is computed: four standard
/// deviations of the estimate below `COPY_SIMILARITY`, so no copy is missed.
const CANDIDATE_SIMILARITY: f64 = 0.6;
/// Texts shorter than this (words) are never called copies: too little to tell.
const MIN_WORDS: usize = 25;

/// A text's MinHash signature.
pub type Signature = [u32; BANDS * ROWS];

/// One hash per shingle of `text`'s lower-cased words, or none for a short text.
fn shingle_hashes(text: &str) -> Vec<u64> {
    let words: Vec<u64> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(word_hash).collect();
    if words.len() < MIN_WORDS {
        return Vec::new();
    }
    words.windows(SHINGLE).map(|w| w.iter().fold(0, |h: u64, &x| mix(h.rotate_left(23) ^ x))).collect()
}

/// FNV-1a of the lower-cased word: stable across platforms and Rust versions, unlike
/// `DefaultHasher`.
fn word_hash(word: &str) -> u64 {
    let fnv = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    let seed = 0xcbf2_9ce4_8422_2325;
    if word.is_ascii() {
        word.bytes().fold(seed, |h, b| fnv(h, b.to_ascii_lowercase()))
    } else {
        word.to_lowercase().bytes().fold(seed, fnv)
    }
}

/// The hash functions of a signature: multiply-add-shift, `h_i(x) = (a_i x + b_i) >> 32`
/// over 32-bit keys with odd 64-bit `a_i` (Dietzfelbinger's 2-universal family): a multiply
/// and an add per function and shingle, which the compiler vectorises.
const HASHES: ([u64; BANDS * ROWS], [u64; BANDS * ROWS]) = {
    let mut a = [0; BANDS * ROWS];
    let mut b = [0; BANDS * ROWS];
    let mut i = 0;
    while i < BANDS * ROWS {
        a[i] = mix(2 * i as u64 + 1) | 1;
        b[i] = mix(2 * i as u64 + 2);
        i += 1;
    }
    (a, b)
};

/// One signature: for each hash function, the minimum over the shingles.
fn signature(shingles: &[u64]) -> Signature {
    let (a, b) = &HASHES;
    let mut signature = [u32::MAX; BANDS * ROWS];
    for &s in shingles {
        // The shingle hash is mixed: its high half is as good a key as any.
        let key = s >> 32;
        for ((slot, a), b) in signature.iter_mut().zip(a).zip(b) {
            *slot = (*slot).min((a.wrapping_mul(key).wrapping_add(*b) >> 32) as u32);
        }
    }
    signature
}

/// SplitMix64's finaliser: a fast, well-distributed 64-bit mix.
const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn similarity(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// The exact Jaccard similarity of two texts' shingle sets, for the few pairs whose
/// signatures come close: the estimate alone, over many candidate pairs, lets through pairs
/// sharing well under `COPY_SIMILARITY` of their shingles. Each set is built once.
struct ExactSimilarity<'a> {
    texts: &'a [&'a str],
    sets: HashMap<usize, Vec<u64>>,
}

impl ExactSimilarity<'_> {
    fn of(&mut self, i: usize, j: usize) -> f64 {
        for k in [i, j] {
            self.sets.entry(k).or_insert_with(|| {
                let mut set = shingle_hashes(self.texts[k]);
                set.sort_unstable();
                set.dedup();
                set
            });
        }
        let (a, b) = (&self.sets[&i], &self.sets[&j]);
        let (mut x, mut y, mut shared) = (0, 0, 0);
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    x += 1;
                    y += 1;
                }
            }
        }
        let union = a.len() + b.len() - shared;
        if union == 0 { 0.0 } else { shared as f64 / union as f64 }
    }
}

/// For each text, the index of the text it is a copy of (`None` for originals and texts
/// with no copy). `order` ranks the texts (each at most once): within a group of copies the
/// first in `order` is the original. Deterministic.
///
/// Each text's best earlier match is found band by band over the texts sorted by that band
/// (indices only, no table of buckets), in the order an online pass over `order` would meet
/// them: band by band, earlier texts first.
pub fn copies(texts: &[&str], order: &[usize]) -> Vec<Option<usize>> {
    let signatures: Vec<Option<Signature>> = texts.par_iter().map(|t| signature_of(t)).collect();
    copies_signed(texts, &signatures, order)
}

/// A text's signature; none for a text too short to be called a copy.
pub fn signature_of(text: &str) -> Option<Signature> {
    let shingles = shingle_hashes(text);
    (!shingles.is_empty()).then(|| signature(&shingles))
}

/// [`copies`] with each text's [`signature_of`] given.
pub fn copies_signed(texts: &[&str], signatures: &[Option<Signature>], order: &[usize]) -> Vec<Option<usize>> {
    let mut rank = vec![usize::MAX; texts.len()];
    order.iter().enumerate().for_each(|(r, &i)| rank[i] = r);
    let mut best: Vec<Option<(f64, usize)>> = vec![None; texts.len()];
    let mut exact = ExactSimilarity { texts, sets: HashMap::new() };
    let mut sorted: Vec<(usize, &Signature)> = order.iter().filter_map(|&i| Some((i, signatures[i].as_ref()?))).collect();
    for band in 0..BANDS {
        let rows = band * ROWS..(band + 1) * ROWS;
        sorted.sort_unstable_by(|a, b| a.1[rows.clone()].cmp(&b.1[rows.clone()]).then(rank[a.0].cmp(&rank[b.0])));
        for bucket in sorted.chunk_by(|a, b| a.1[rows.clone()] == b.1[rows.clone()]) {
            for (k, &(i, sig)) in bucket.iter().enumerate() {
                for &(j, other) in &bucket[..k] {
                    if similarity(sig, other) < CANDIDATE_SIMILARITY {
                        continue;
                    }
                    let s = exact.of(i, j);
                    if s >= COPY_SIMILARITY && best[i].is_none_or(|(b, _)| s > b) {
                        best[i] = Some((s, j));
                    }
                }
            }
        }
    }
    let mut original_of: Vec<Option<usize>> = vec![None; texts.len()];
    for &i in order {
        if let Some((_, j)) = best[i] {
            // Tie the copy to the group's original, not to another copy.
            original_of[i] = Some(original_of[j].unwrap_or(j));
        }
    }
    original_of
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Russian President Vladimir Putin arrived in Hanoi early on Thursday for a state visit, \
        the last stop of a two-nation Asian tour that took him first to North Korea, where he signed a mutual \
        defence pact with leader Kim Jong Un. He was met at the airport by Deputy Prime Minister Tran Hong Ha.";

    #[test]
    fn a_republished_wire_story_is_a_copy_of_the_first() {
        let copy = format!("{STORY} Follow us for more news.");
        let other = "The central bank raised its benchmark interest rate by half a percentage point on Wednesday, \
            its third increase this year, saying inflation remained far above target and that further \
            tightening could be needed if price pressures did not ease in the coming months, officials said.";
        let texts = [STORY, copy.as_str(), other];
        assert_eq!(copies(&texts, &[0, 1, 2]), vec![None, Some(0), None]);
        assert_eq!(copies(&texts, &[1, 0, 2]), vec![Some(1), None, None], "the first in order is the original");
    }

    #[test]
    fn copies_of_copies_point_to_the_original() {
        let a = STORY.to_string();
        let b = format!("{STORY} Reporting by staff.");
        let c = format!("{STORY} Reporting by staff. Editing by desk.");
        let texts = [a.as_str(), b.as_str(), c.as_str()];
        assert_eq!(copies(&texts, &[0, 1, 2]), vec![None, Some(0), Some(0)]);
    }

    #[test]
    fn short_or_rewritten_texts_are_not_copies() {
        let rewrite = "Vladimir Putin landed in the Vietnamese capital on Thursday morning, coming from Pyongyang \
            where he and Kim Jong Un agreed to defend each other; Vietnam's deputy prime minister welcomed him \
            at Noi Bai airport before talks with the country's top leaders later in the day.";
        assert_eq!(copies(&[STORY, rewrite], &[0, 1]), vec![None, None]);
        assert_eq!(copies(&["Putin arrives", "Putin arrives"], &[0, 1]), vec![None, None]);
    }

    #[test]
    fn a_copy_shares_four_fifths_of_its_shingles_exactly() {
        let words: Vec<String> = (0..100).map(|w| format!("w{w}")).collect();
        let edited = |at: &[usize]| {
            let mut text = words.clone();
            at.iter().for_each(|&k| text[k] = format!("x{k}"));
            text.join(" ")
        };
        let (base, one, three) = (words.join(" "), edited(&[50]), edited(&[20, 40, 80]));
        let texts = [base.as_str(), one.as_str(), three.as_str()];
        let mut exact = ExactSimilarity { texts: &texts, sets: HashMap::new() };
        // 96 shingles each; one word changed breaks 5 of them, three words 15.
        assert_eq!(exact.of(0, 1), 91.0 / 101.0);
        assert_eq!(exact.of(0, 2), 81.0 / 111.0);
        assert_eq!(copies(&texts, &[0, 1, 2]), vec![None, Some(0), None]);
    }

    /// The online pass `copies` replaces: a table of buckets filled in `order`.
    fn copies_online(texts: &[&str], order: &[usize]) -> Vec<Option<usize>> {
        let signatures: Vec<Option<Signature>> = texts.iter().map(|t| Some(shingle_hashes(t)).filter(|s| !s.is_empty()).map(|s| signature(&s))).collect();
        let mut original_of = vec![None; texts.len()];
        let mut exact = ExactSimilarity { texts, sets: HashMap::new() };
        let mut buckets: std::collections::HashMap<(usize, &[u32]), Vec<usize>> = std::collections::HashMap::new();
        for &i in order {
            let Some(sig) = &signatures[i] else { continue };
            let mut best: Option<(f64, usize)> = None;
            for band in 0..BANDS {
                for &j in buckets.get(&(band, &sig[band * ROWS..(band + 1) * ROWS])).into_iter().flatten() {
                    if similarity(sig, signatures[j].as_ref().unwrap()) < CANDIDATE_SIMILARITY {
                        continue;
                    }
                    let s = exact.of(i, j);
                    if s >= COPY_SIMILARITY && best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, j));
                    }
                }
            }
            if let Some((_, j)) = best {
                original_of[i] = Some(original_of[j].unwrap_or(j));
            }
            for band in 0..BANDS {
                buckets.entry((band, &sig[band * ROWS..(band + 1) * ROWS])).or_default().push(i);
            }
        }
        original_of
    }

    #[test]
    fn sorted_bands_match_the_online_pass() {
        // Stories with copies that differ by a few words (some exact, ties), in shuffled order.
        let words: Vec<String> = (0..60).map(|w| format!("w{w}")).collect();
        let mut texts = Vec::new();
        for story in 0..12u64 {
            let base: Vec<usize> = (0..80u64).map(|k| (mix(story * 100 + k) % 60) as usize).collect();
            for variant in 0..6u64 {
                let mut text = base.clone();
                for edit in 0..variant {
                    let at = (mix(story * 1000 + variant * 10 + edit) % 80) as usize;
                    text[at] = (mix(story + variant + edit) % 60) as usize;
                }
                texts.push(text.iter().map(|&w| words[w].as_str()).collect::<Vec<_>>().join(" "));
            }
        }
        texts.push("too short".into());
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| mix(i as u64));
        let found = copies(&texts, &order);
        assert!(found.iter().filter(|c| c.is_some()).count() > 12);
        assert_eq!(found, copies_online(&texts, &order));
        assert_eq!(copies(&texts, &order[..30]), copies_online(&texts, &order[..30]));
    }
}
