"""Shared helpers: data loading, BCubed, agglomerative + single-pass streaming sweeps.

All clustering works from a dense similarity (kernel) matrix K (n x n, K[i,i] = ||x_i||^2 = 1
for L2-normalised vectors), so the same code serves TF-IDF, embeddings and their average.
"""
import csv
import json
import os
import sys

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

DATA = os.environ.get("SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))
UCI = os.path.join(DATA, "uci-news-slice/uci-news-aggregator.first6367.csv")
ECB = os.path.join(DATA, "ecbplus/ecbplus_docs.jsonl")
# Similarity matrices, embeddings and results go here, never into the repository.
OUT = os.environ.get("OUT", "/tmp/storyline-event-baselines")
os.makedirs(OUT, exist_ok=True)


def load_uci():
    """Rows with all 8 fields and a numeric timestamp, sorted by TIMESTAMP (stable on file order)."""
    csv.field_size_limit(sys.maxsize)
    rows = []
    with open(UCI, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r)
        assert header == ["ID", "TITLE", "URL", "PUBLISHER", "CATEGORY", "STORY", "HOSTNAME", "TIMESTAMP"], header
        for row in r:
            if len(row) != 8 or not row[7].strip().isdigit():
                continue
            rows.append(row)
    rows.sort(key=lambda row: int(row[7]))  # Python sort is stable
    titles = [row[1] for row in rows]
    gold = [row[5] for row in rows]
    return titles, gold


def load_ecb(max_tokens=None):
    """Docs in file order. If max_tokens, keep only the first max_tokens whitespace tokens."""
    texts, gold = [], []
    with open(ECB, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            t = d["text"]
            if max_tokens:
                t = " ".join(t.split()[:max_tokens])
            texts.append(t)
            gold.append(d["event_cluster"])
    return texts, gold


def encode(labels):
    _, inv = np.unique(np.asarray(labels, dtype=object).astype(str), return_inverse=True)
    return inv


def bcubed(pred, gold):
    """Item-weighted BCubed (P, R, F1)."""
    pred = encode(pred)
    gold = encode(gold)
    n = len(pred)
    # contingency counts per (pred, gold) pair
    pair = pred.astype(np.int64) * (gold.max() + 1) + gold
    _, pair_inv, pair_cnt = np.unique(pair, return_inverse=True, return_counts=True)
    inter = pair_cnt[pair_inv]  # |pred(i) ∩ gold(i)| for each item
    psize = np.bincount(pred)[pred]
    gsize = np.bincount(gold)[gold]
    P = float(np.mean(inter / psize))
    R = float(np.mean(inter / gsize))
    F = 2 * P * R / (P + R) if P + R > 0 else 0.0
    return P, R, F


def agglomerative_linkage(K):
    """Average-linkage tree on cosine distance 1 - K."""
    D = 1.0 - K.astype(np.float64)
    np.fill_diagonal(D, 0.0)
    D = np.clip((D + D.T) / 2.0, 0.0, None)
    return linkage(squareform(D, checks=False), method="average")


def agglomerative_cut(Z, dist_threshold):
    # merge while average distance <= threshold
    return fcluster(Z, t=dist_threshold, criterion="distance")


def single_pass(K, t):
    """Single-pass streaming in index order. Each doc joins the cluster whose centroid
    (sum of member vectors) has the highest cosine with it, if that cosine >= t; else new cluster.
    Uses the kernel trick: x_i . S_c = sum_{j in c} K[i, j];
    ||S_c + x_i||^2 = ||S_c||^2 + 2 x_i . S_c + K[i, i]."""
    n = K.shape[0]
    labels = np.empty(n, dtype=np.int64)
    norm2 = np.zeros(n, dtype=np.float64)  # ||S_c||^2 per cluster id
    nc = 0
    for i in range(n):
        kii = float(K[i, i])
        if nc > 0:
            dots = np.bincount(labels[:i], weights=K[i, :i], minlength=nc)
            cos = dots / (np.sqrt(np.maximum(norm2[:nc], 1e-300)) * np.sqrt(max(kii, 1e-300)))
            c = int(np.argmax(cos))
            if cos[c] >= t:
                labels[i] = c
                norm2[c] += 2.0 * dots[c] + kii
                continue
        labels[i] = nc
        norm2[nc] = kii
        nc += 1
    return labels


def sweep(name, gold, fn, grid):
    """fn(threshold) -> labels. Returns list of (threshold, P, R, F, n_clusters)."""
    out = []
    for t in grid:
        lab = fn(t)
        P, R, F = bcubed(lab, gold)
        out.append((round(float(t), 4), P, R, F, int(len(np.unique(lab)))))
    return out


def summarize(name, curve, step=0.05):
    best = max(curve, key=lambda r: r[3])
    bt = best[0]
    by_t = {r[0]: r for r in curve}
    lo = by_t.get(round(bt - step, 4))
    hi = by_t.get(round(bt + step, 4))
    f = lambda r: "n/a" if r is None else f"{r[3]:.4f}"
    print(f"== {name}: best t={bt:.2f}  P={best[1]:.4f} R={best[2]:.4f} F1={best[3]:.4f} "
          f"clusters={best[4]} | F1@t-{step}={f(lo)} F1@t+{step}={f(hi)}")
    coarse = [r for r in curve if abs(round(r[0] / step) * step - r[0]) < 1e-6]
    print("   curve (t:F1) " + " ".join(f"{r[0]:.2f}:{r[3]:.3f}" for r in coarse))
    return {"name": name, "best": best, "minus": lo, "plus": hi, "curve": curve}


GRID = np.round(np.arange(0.0, 1.0001, 0.01), 4)  # 0.01 steps over the whole range


def run_all(tag, K, gold, do_stream=True, report=None):
    """A: agglomerative average-linkage sweep on distance threshold (1 - cos).
    B: single-pass streaming sweep on similarity threshold."""
    res = []
    Z = agglomerative_linkage(K)
    curve = sweep(tag + " A agglo", gold, lambda d: agglomerative_cut(Z, d), GRID)
    res.append(summarize(f"{tag} | A agglomerative avg-link (threshold = cosine DISTANCE)", curve))
    if do_stream:
        curve = sweep(tag + " B stream", gold, lambda t: single_pass(K, t), GRID)
        res.append(summarize(f"{tag} | B single-pass centroid (threshold = cosine SIMILARITY)", curve))
    if report is not None:
        report.extend(res)
    return res
