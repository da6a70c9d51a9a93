"""Baselines A and B with MiniLM embeddings (cosine), and with the average of the TF-IDF and
embedding cosine matrices ("combo"; for B this equals centroid cosine in the concatenated
[tfidf, emb]/sqrt(2) space). Needs emb_*.npy from embed.py and K_tfidf_*.npy from run_tfidf.py.
Run: see README.md (writes $OUT/results_emb.json)"""
import json, time
import numpy as np
import common
from common import OUT, load_uci, load_ecb, run_all
common.GRID = np.round(np.arange(0.0, 1.3001, 0.01), 4)  # embedding cosines can be < 0
report = []
for key, name, gold in [("UCI", "UCI titles", load_uci()[1]), ("ECB", "ECB+ docs", load_ecb()[1])]:
    t0 = time.time()
    E = np.load(f"{OUT}/emb_{key}.npy").astype(np.float64)
    Ke = E @ E.T
    np.fill_diagonal(Ke, 1.0)
    Kt = np.load(f"{OUT}/K_tfidf_{key}.npy").astype(np.float64)
    run_all(f"{name} MiniLM", Ke, gold, report=report)
    run_all(f"{name} combo (TF-IDF+MiniLM)/2", (Ke + Kt) / 2.0, gold, report=report)
    print(f"  ({time.time()-t0:.1f}s)", flush=True)
json.dump(report, open(f"{OUT}/results_emb.json", "w"), indent=1, default=str)
