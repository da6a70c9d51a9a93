"""Baselines A and B with TF-IDF (sublinear_tf, english stop words, lowercase; IDF fit on whole corpus).
Run: see README.md (writes $OUT/results_tfidf.json)"""
import json, time
import numpy as np, sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from common import OUT, load_uci, load_ecb, run_all, bcubed

def tfidf_kernel(texts):
    X = TfidfVectorizer(sublinear_tf=True, stop_words="english", lowercase=True).fit_transform(texts)
    K = (X @ X.T).toarray()
    # docs with no vocabulary (all stop words) have zero vectors: give them self-similarity 1
    z = np.asarray(X.multiply(X).sum(1)).ravel() == 0
    K[z, z] = 1.0
    print(f"  tfidf shape={X.shape} empty_docs={int(z.sum())}")
    return K

print("sklearn", sklearn.__version__)
report = []
for name, (texts, gold) in [("UCI titles", load_uci()), ("ECB+ full docs", load_ecb())]:
    t0 = time.time()
    print(f"# {name}: n={len(texts)} gold clusters={len(set(gold))} "
          f"singletons-F1={bcubed(list(range(len(gold))), gold)[2]:.4f} all-in-one-F1={bcubed([0]*len(gold), gold)[2]:.4f}")
    K = tfidf_kernel(texts)
    np.save(f"{OUT}/K_tfidf_{name.split()[0].replace('+','')}.npy", K.astype(np.float32))
    run_all(f"{name} TF-IDF", K, gold, report=report)
    print(f"  ({time.time()-t0:.1f}s)", flush=True)
json.dump(report, open(f"{OUT}/results_tfidf.json", "w"), indent=1, default=str)
