//! Clustering metrics over two labelings of the same items.

use std::collections::HashMap;
use std::hash::Hash;

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Self { precision, recall, f1 }
    }
}

fn cluster_sizes<L: Hash + Eq + Copy>(labels: &[L]) -> HashMap<L, usize> {
    let mut sizes = HashMap::new();
    for l in labels {
        *sizes.entry(*l).or_default() += 1;
    }
    sizes
}

fn contingency<P: Hash + Eq + Copy, G: Hash + Eq + Copy>(pred: &[P], gold: &[G]) -> HashMap<(P, G), usize> {
    let mut table = HashMap::new();
    for (p, g) in pred.iter().zip(gold) {
        *table.entry((*p, *g)).or_default() += 1;
    }
    table
}

/// Item-weighted BCubed (Bagga & Baldwin 1998; Amigó et al. 2009).
pub fn bcubed<P: Hash + Eq + Copy, G: Hash + Eq + Copy>(pred: &[P], gold: &[G]) -> Prf {
    let n = pred.len().min(gold.len());
    if n == 0 {
        return Prf::new(0.0, 0.0);
    }
    let (ps, gs, table) = (cluster_sizes(&pred[..n]), cluster_sizes(&gold[..n]), contingency(&pred[..n], &gold[..n]));
    // Every item in cell (p, g) has |p ∩ g| / |p| precision and |p ∩ g| / |g| recall.
    let (mut precision, mut recall) = (0.0, 0.0);
    for ((p, g), &both) in &table {
        let both = both as f64;
        precision += both * both / ps[p] as f64;
        recall += both * both / gs[g] as f64;
    }
    Prf::new(precision / n as f64, recall / n as f64)
}

/// Pairwise precision and recall over all pairs of items put together.
pub fn pairwise<P: Hash + Eq + Copy, G: Hash + Eq + Copy>(pred: &[P], gold: &[G]) -> Prf {
    let n = pred.len().min(gold.len());
    let pairs = |count: usize| (count * count.saturating_sub(1) / 2) as f64;
    let together = contingency(&pred[..n], &gold[..n]).values().map(|&c| pairs(c)).sum::<f64>();
    let pred_pairs: f64 = cluster_sizes(&pred[..n]).values().map(|&c| pairs(c)).sum();
    let gold_pairs: f64 = cluster_sizes(&gold[..n]).values().map(|&c| pairs(c)).sum();
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 1.0 };
    Prf::new(ratio(together, pred_pairs), ratio(together, gold_pairs))
}

/// Adjusted mutual information (Vinh, Epps & Bailey 2010), arithmetic-mean normalisation.
pub fn ami<P: Hash + Eq + Copy, G: Hash + Eq + Copy>(pred: &[P], gold: &[G]) -> f64 {
    let n = pred.len().min(gold.len());
    if n == 0 {
        return 0.0;
    }
    let (pred_sizes, gold_sizes) = (cluster_sizes(&pred[..n]), cluster_sizes(&gold[..n]));
    let a: Vec<usize> = pred_sizes.values().copied().collect();
    let b: Vec<usize> = gold_sizes.values().copied().collect();
    let nf = n as f64;
    let entropy = |sizes: &[usize]| -sizes.iter().map(|&s| (s as f64 / nf) * (s as f64 / nf).ln()).sum::<f64>();
    let mi: f64 = contingency(&pred[..n], &gold[..n])
        .iter()
        .map(|((p, g), &c)| {
            let c = c as f64;
            let (ap, bg) = (pred_sizes[p] as f64, gold_sizes[g] as f64);
            (c / nf) * (nf * c / (ap * bg)).ln()
        })
        .sum();
    let ln_fact = ln_factorials(n);
    let mut expected = 0.0;
    for &ai in &a {
        for &bj in &b {
            let lo = (ai + bj).saturating_sub(n).max(1);
            for nij in lo..=ai.min(bj) {
                let x = nij as f64;
                let log_p = ln_fact[ai] + ln_fact[bj] + ln_fact[n - ai] + ln_fact[n - bj]
                    - ln_fact[n] - ln_fact[nij] - ln_fact[ai - nij] - ln_fact[bj - nij] - ln_fact[n + nij - ai - bj];
                expected += (x / nf) * (nf * x / (ai as f64 * bj as f64)).ln() * log_p.exp();
            }
        }
    }
    let (ha, hb) = (entropy(&a), entropy(&b));
    let denominator = (ha + hb) / 2.0 - expected;
    if denominator.abs() < 1e-12 { 1.0 } else { (mi - expected) / denominator }
}

fn ln_factorials(n: usize) -> Vec<f64> {
    let mut out = vec![0.0; n + 1];
    for i in 1..=n {
        out[i] = out[i - 1] + (i as f64).ln();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_clustering() {
        let gold = [1, 1, 2, 2, 3];
        let pred = ["a", "a", "b", "b", "c"];
        assert_eq!(bcubed(&pred, &gold), Prf::new(1.0, 1.0));
        assert_eq!(pairwise(&pred, &gold), Prf::new(1.0, 1.0));
        assert!((ami(&pred, &gold) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn everything_in_one_cluster() {
        let gold = [1, 1, 2, 2];
        let pred = [0, 0, 0, 0];
        let b = bcubed(&pred, &gold);
        assert!((b.precision - 0.5).abs() < 1e-9);
        assert!((b.recall - 1.0).abs() < 1e-9);
        let p = pairwise(&pred, &gold);
        assert!((p.precision - 2.0 / 6.0).abs() < 1e-9);
        assert!(ami(&pred, &gold).abs() < 1e-9);
    }

    #[test]
    fn bcubed_by_hand() {
        // pred {0,1,2} {3}; gold {0,1} {2,3}
        let pred = [0, 0, 0, 1];
        let gold = [0, 0, 1, 1];
        let b = bcubed(&pred, &gold);
        assert!((b.precision - (2.0 / 3.0 * 2.0 + 1.0 / 3.0 + 1.0) / 4.0).abs() < 1e-9);
        assert!((b.recall - (1.0 + 1.0 + 0.5 + 0.5) / 4.0).abs() < 1e-9);
    }

    #[test]
    fn ami_near_zero_for_unrelated_labels() {
        let gold: Vec<usize> = (0..200).map(|i| i % 4).collect();
        let pred: Vec<usize> = (0..200).map(|i| (i * 7 / 3) % 5).collect();
        assert!(ami(&pred, &gold).abs() < 0.1);
    }
}
