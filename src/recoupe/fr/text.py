"""French text normalisation shared by every stage (no spaCy here)."""

from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key with normalised apostrophes and spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def stem(word: str) -> str:
    """A crude French stem: folded, plural and feminine endings removed ("blessées" -> "bless")."""
    out = fold(word)
    if len(out) > 3 and out[-1] in "sx":
        out = out[:-1]
    while len(out) > 3 and out[-1] == "e":
        out = out[:-1]
    return out
