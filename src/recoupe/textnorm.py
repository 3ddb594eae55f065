"""Text normalisation and rule-data reading shared by every stage (no spaCy here)."""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key with normalised apostrophes and spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@functools.cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-empty lines of a rule data file in ``recoupe/nlp/data``."""
    text = resources.files("recoupe.nlp").joinpath("data", name).read_text("utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def data_rows(name: str) -> list[list[str]]:
    """The lines of a rule data file split on tabs, cells stripped."""
    return [[cell.strip() for cell in line.split("\t")] for line in data_lines(name)]
