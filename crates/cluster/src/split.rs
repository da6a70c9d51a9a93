//! The split pass: an event whose members form two weakly connected groups is cut in two.
//!
//! Online clustering merges look-alike events (the same actors or the same kind of
//! happening) when their shared vocabulary outweighs what tells them apart. Inside one
//! event that shared vocabulary is common to every member, so the members are compared
//! again with each term weighted by its rarity *within the event* (a local IDF): what is
//! left are the words and names that differ. The event is bisected by the sign pattern of
//! the second eigenvector of the normalised similarity graph (spectral bisection, the
//! normalised-cut relaxation), and cut when the mean similarity across the two groups is
//! small next to the mean similarity inside them.
//!
//! Written by hand: the eigenvector is a deterministic power iteration over a matrix of at
//! most [`MAX_MEMBERS`]² entries; a linear-algebra crate would bring far more than that.

use std::collections::HashMap;

use crate::Features;
use crate::features::{DenseVector, SparseVector};

/// Events with fewer members are not checked: too few to tell two groups apart.
pub const MIN_MEMBERS: usize = 4;
/// Events with more members are not checked, so the pass stays bounded per event.
pub const MAX_MEMBERS: usize = 400;
/// Each side of a cut keeps at least this many members.
const MIN_SIDE: usize = 2;
/// Power iterations for the eigenvector.
const ITERATIONS: usize = 100;
/// Terms in at least this share of an event's members carry no weight inside it.
const COMMON_SHARE: f64 = 0.95;

/// Splits `members` (article indices) in two when the mean cross-group similarity is below
/// `ratio` × the mean similarity inside the groups. One cut per pass: the halves are not cut
/// again, as weights local to a half lose the words that set the halves apart and leave
/// mostly each writer's wording. Groups keep the members' relative order; the group holding
/// the first member comes first.
pub fn split(members: &[usize], features: &Features, weighting: Weighting, ratio: f64) -> Vec<Vec<usize>> {
    if members.len() < MIN_MEMBERS || members.len() > MAX_MEMBERS {
        return vec![members.to_vec()];
    }
    let similarity = similarity(members, features, weighting);
    match bisect(&similarity).filter(|cut| cut.between < ratio * cut.within) {
        Some(cut) => {
            let first = cut.side.first().copied().unwrap_or(false);
            let side = |wanted: bool| -> Vec<usize> { members.iter().zip(&cut.side).filter(|(_, s)| **s == wanted).map(|(&m, _)| m).collect() };
            vec![side(first), side(!first)]
        }
        None => vec![members.to_vec()],
    }
}

/// How members are compared inside an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    /// Term weights scaled by their IDF among the members (full articles).
    Local,
    /// The corpus-wide weights as they are (headlines: a handful of words each, too few to
    /// survive the local weighting).
    Global,
}

/// Pairwise similarity of the members: the mean of term and entity cosines.
fn similarity(members: &[usize], features: &Features, weighting: Weighting) -> Vec<Vec<f64>> {
    let articles: Vec<_> = members.iter().filter_map(|&m| features.articles.get(m)).collect();
    let weigh = |vectors: Vec<&SparseVector>| match weighting {
        Weighting::Local => reweight(vectors),
        Weighting::Global => vectors.into_iter().cloned().collect(),
    };
    let terms = weigh(articles.iter().map(|a| &a.terms).collect());
    let entities = weigh(articles.iter().map(|a| &a.entities).collect());
    let n = articles.len();
    let mut similarity = vec![vec![0.0; n]; n];
    let (mut dense_terms, mut dense_entities) = (DenseVector::default(), DenseVector::default());
    for i in 0..n {
        dense_terms.load(&terms[i]);
        dense_entities.load(&entities[i]);
        for j in i + 1..n {
            let s = 0.5 * dense_terms.cosine(&terms[j]) + 0.5 * dense_entities.cosine(&entities[j]);
            similarity[i][j] = s;
            similarity[j][i] = s;
        }
    }
    similarity
}

/// `vectors` with each weight multiplied by its term's IDF among them.
fn reweight(vectors: Vec<&SparseVector>) -> Vec<SparseVector> {
    let mut df: HashMap<u32, usize> = HashMap::new();
    for v in &vectors {
        v.terms().for_each(|t| *df.entry(t).or_default() += 1);
    }
    let n = vectors.len() as f64;
    vectors
        .into_iter()
        .map(|v| {
            v.scaled(|t| {
                let df = df.get(&t).copied().unwrap_or(0) as f64;
                if df >= COMMON_SHARE * n { 0.0 } else { ((n + 1.0) / (df + 0.5)).ln() }
            })
            .normalized()
        })
        .collect()
}

/// A two-way cut of a similarity graph.
#[derive(Debug, PartialEq)]
struct Cut {
    /// Which side each node is on.
    side: Vec<bool>,
    /// Mean similarity of pairs across the cut, and of pairs on one side.
    between: f64,
    within: f64,
}

/// The spectral bisection of `similarity`: nodes ordered by the second eigenvector of the
/// normalised adjacency, cut where the normalised cut is smallest.
fn bisect(similarity: &[Vec<f64>]) -> Option<Cut> {
    let n = similarity.len();
    let degree: Vec<f64> = similarity.iter().map(|row| row.iter().sum::<f64>() + 1e-9).collect();
    // The top eigenvector of D^-1/2 W D^-1/2 is √degree; iterate (M + I) orthogonally to it.
    let total: f64 = degree.iter().sum();
    let top: Vec<f64> = degree.iter().map(|d| (d / total).sqrt()).collect();
    // D^-1/2 W D^-1/2, computed once rather than in every iteration.
    let normalised: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| similarity[i][j] / (degree[i] * degree[j]).sqrt()).collect()).collect();
    let mut v: Vec<f64> = (0..n).map(|i| (i as f64 * 1.3 + 0.7).sin()).collect();
    for _ in 0..ITERATIONS {
        let mut w: Vec<f64> = normalised.iter().zip(&v).map(|(row, vi)| vi + row.iter().zip(&v).map(|(m, vj)| m * vj).sum::<f64>()).collect();
        let along: f64 = w.iter().zip(&top).map(|(a, b)| a * b).sum();
        w.iter_mut().zip(&top).for_each(|(a, b)| *a -= along * b);
        let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm == 0.0 {
            return None;
        }
        v = w.into_iter().map(|x| x / norm).collect();
    }
    let score: Vec<f64> = v.iter().zip(&degree).map(|(x, d)| x / d.sqrt()).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| score[a].total_cmp(&score[b]).then(a.cmp(&b)));

    // Sweep the order for the smallest normalised cut.
    let mut side = vec![false; n];
    let (mut cut, mut volume) = (0.0, 0.0);
    let mut best: Option<(f64, usize)> = None;
    for (k, &node) in order.iter().enumerate().take(n - MIN_SIDE) {
        side[node] = true;
        volume += degree[node];
        cut += (0..n).filter(|&j| j != node).map(|j| if side[j] { -similarity[node][j] } else { similarity[node][j] }).sum::<f64>();
        if k + 1 < MIN_SIDE {
            continue;
        }
        let ncut = cut / volume + cut / (total - volume).max(1e-9);
        if best.is_none_or(|(b, _)| ncut < b) {
            best = Some((ncut, k + 1));
        }
    }
    let (_, size) = best?;
    let mut side = vec![false; n];
    order.iter().take(size).for_each(|&node| side[node] = true);
    let (mut between, mut within, mut pairs_between, mut pairs_within) = (0.0, 0.0, 0usize, 0usize);
    for i in 0..n {
        for j in i + 1..n {
            if side[i] == side[j] {
                within += similarity[i][j];
                pairs_within += 1;
            } else {
                between += similarity[i][j];
                pairs_between += 1;
            }
        }
    }
    Some(Cut { side, between: between / pairs_between.max(1) as f64, within: within / pairs_within.max(1) as f64 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two cliques of `a` and `b` nodes with similarity `inside`, joined by `across`.
    fn two_groups(a: usize, b: usize, inside: f64, across: f64) -> Vec<Vec<f64>> {
        let n = a + b;
        (0..n).map(|i| (0..n).map(|j| if i == j { 0.0 } else if (i < a) == (j < a) { inside } else { across }).collect()).collect()
    }

    #[test]
    fn bisection_finds_two_cliques() {
        let cut = bisect(&two_groups(3, 4, 0.5, 0.02)).expect("a cut");
        let first = cut.side[0];
        assert_eq!(cut.side, [first, first, first, !first, !first, !first, !first]);
        assert!((cut.within - 0.5).abs() < 1e-9 && (cut.between - 0.02).abs() < 1e-9, "{cut:?}");
    }

    #[test]
    fn bisection_keeps_sides_of_two() {
        let cut = bisect(&two_groups(1, 5, 0.5, 0.0)).expect("a cut");
        let left = cut.side.iter().filter(|s| **s).count();
        assert!((MIN_SIDE..=6 - MIN_SIDE).contains(&left), "{cut:?}");
    }

    proptest::proptest! {
        /// Any symmetric similarity: a cut, when there is one, leaves each side its minimum.
        #[test]
        fn cuts_keep_both_sides(n in 4usize..12, weights in proptest::collection::vec(0.0f64..1.0, 144)) {
            let similarity: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| if i == j { 0.0 } else { weights[i.min(j) * 12 + i.max(j)] }).collect()).collect();
            if let Some(cut) = bisect(&similarity) {
                let left = cut.side.iter().filter(|s| **s).count();
                proptest::prop_assert!((MIN_SIDE..=n - MIN_SIDE).contains(&left));
            }
        }
    }
}
