# SPDX-License-Identifier: MIT
"""End to end: all-MiniLM-L6-v2 with the attention of every head replaced by
the golden model's quantized attention (vssa-golden, bit-exact with the RTL);
everything else stays float.

Precision is decided as the hardware decides it (vssa.h sections 13 and 14):
layer 0 runs every token at the top precision; each head adds its integer
probabilities to the importance counters, carried from head to head (and,
with per_layer False, from layer to layer; with per_layer True the counters
are cleared at each layer's first head); after a layer's last head the
counters are ranked under the mix into the next layer's classes. Each head's int8 output is dequantized
with its output scale s_o (the largest float output magnitude / 127, as
vssa-golden chooses it). The figure is the cosine between the sentence
embeddings of this model and of the float model.
"""
import os
import subprocess

import numpy as np

HEADS = 12


class GoldenAttention:
    """attend(l, h, q, k, v) for minilm.Model.layer, one text and one option set."""

    def __init__(self, golden, workdir, n, mix, mode, comp, per_layer=False):
        self.golden, self.dir, self.mix, self.mode, self.comp = golden, workdir, mix, mode, comp
        self.per_layer = per_layer   # clear the counters at each layer's first head
        os.makedirs(workdir, exist_ok=True)
        self.imp = None   # path of the counters so far
        self.tags = os.path.join(workdir, "tags_L0.npy")
        np.save(self.tags, np.zeros(n, dtype=np.int32))   # layer 0: the top precision

    def __call__(self, layer, head, q, k, v):
        p = os.path.join(self.dir, "h")
        for name, a in (("q", q), ("k", k), ("v", v)):
            np.save(f"{p}_{name}.npy", a.astype(np.float32))
        imp_out = os.path.join(self.dir, f"imp_L{layer}H{head}.npy")
        args = [self.golden, "--q", p + "_q.npy", "--k", p + "_k.npy", "--v", p + "_v.npy",
                "--round", self.mode, "--tags", self.tags, "--out", p + "_o.npy", "--csv",
                "--imp-out", imp_out]
        if self.imp and not (self.per_layer and head == 0):
            args += ["--imp-in", self.imp]
        if self.comp:
            args.append("--comp")
        next_tags = os.path.join(self.dir, f"tags_L{layer + 1}.npy")
        if head == HEADS - 1:
            args += ["--rank", self.mix, "--tags-out", next_tags]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        s_o = float(out.strip().split(",")[7])
        self.imp = imp_out
        if head == HEADS - 1:
            self.tags = next_tags
        return np.load(p + "_o.npy").astype(np.float64) * s_o


def cosine(model, golden, workdir, text, ref, mix, mode, comp, per_layer=False):
    """Sentence-embedding cosine of one text under one option set; ref is
    the float model's embedding."""
    n = len(model.ids(text))
    att = GoldenAttention(golden, workdir, n, mix, mode, comp, per_layer)
    return float(np.dot(model.embedding(text, att), ref))
