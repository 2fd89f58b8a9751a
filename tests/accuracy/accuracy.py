"""make accuracy: real all-MiniLM-L6-v2 heads through the golden model.

    python accuracy.py GOLDEN OUTDIR TEXTS

Dumps every head of every text (minilm.py), runs each through vssa-golden
for every mix and rounding mode, and prints the output cosine against float
attention per head of the long text, then mean and minimum per mix and mode
over all heads of the long text and of the short texts. Keys are ranked by
their float attention importance (the column sums of the head's
probabilities) and the mix assigns the 8/4/0-bit tiers.
"""
import concurrent.futures as cf
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import minilm  # noqa: E402

MIXES = ["100/0/0", "20/60/20", "10/80/10", "10/30/60", "0/100/0"]
MODES = ["floor", "mid"]


def run_head(golden, d, head, mix, mode):
    p = os.path.join(d, head)
    out = subprocess.run([golden, "--q", p + "_q.npy", "--k", p + "_k.npy", "--v", p + "_v.npy",
                          "--mix", mix, "--round", mode, "--csv"],
                         check=True, capture_output=True, text=True).stdout
    m, n, dd, rnd, sc, pc, oc = out.strip().split(",")
    return float(sc), float(pc), float(oc)


def main():
    golden, outdir, textfile = sys.argv[1:4]
    texts = [t.strip() for t in open(textfile) if t.strip()]
    tokens = minilm.dump(outdir, texts)
    heads = [f"L{l}H{h}" for l in range(6) for h in range(12)]
    jobs = {}
    with cf.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        for t in range(len(texts)):
            d = os.path.join(outdir, f"text{t}")
            for hd in heads:
                for mix in MIXES:
                    for mode in MODES:
                        jobs[(t, hd, mix, mode)] = ex.submit(run_head, golden, d, hd, mix, mode)
        res = {k: f.result() for k, f in jobs.items()}
    long_t = max(range(len(texts)), key=lambda t: len(texts[t]))
    short = [t for t in range(len(texts)) if t != long_t]
    cols = [(mix, mode) for mix in MIXES for mode in MODES]
    print(f"output cosine per head, long text ({tokens[long_t]} tokens)")
    print("head   " + " ".join(f"{mix:>8}{mode[0]}" for mix, mode in cols))
    for hd in heads:
        print(f"{hd:6} " + " ".join(f"{res[(long_t, hd, mix, mode)][2]:9.4f}" for mix, mode in cols))
    print()
    print("| tiers 8/4/0 | round | scores, long | probs, long | outputs, long: mean | min "
          "| outputs, short: mean | min |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for mix in MIXES:
        for mode in MODES:
            lo = np.array([res[(long_t, hd, mix, mode)] for hd in heads])
            sh = np.array([res[(t, hd, mix, mode)] for t in short for hd in heads])
            print(f"| {mix} | {mode} | {lo[:, 0].mean():.4f} | {lo[:, 1].mean():.4f} | "
                  f"{lo[:, 2].mean():.4f} | {lo[:, 2].min():.4f} | {sh[:, 2].mean():.4f} | "
                  f"{sh[:, 2].min():.4f} |")


if __name__ == "__main__":
    main()
