"""The French time vocabulary (nlp/data/time_words.tsv) loaded once into a frozen lexicon."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

DATA_FILE = "time_words.tsv"


@dataclass(frozen=True)
class TimeLexicon:
    """Word -> value tables, one per category of time_words.tsv (keys lower-case)."""

    tables: dict[str, dict[str, str]]

    def table(self, category: str) -> dict[str, str]:
        return self.tables.get(category, {})

    def lookup(self, category: str, word: str) -> str | None:
        return self.table(category).get(word.lower().replace("’", "'"))

    def alternation(self, *categories: str) -> str:
        """A regex alternation of the words of ``categories``, longest first."""
        words = {w for c in categories for w in self.table(c)}
        escaped = (re.escape(w) for w in sorted(words, key=len, reverse=True))
        return "|".join(e.replace("'", "['’]") for e in escaped)


def parse_lexicon(text: str) -> TimeLexicon:
    tables: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, word, value = line.split("\t")
        tables.setdefault(category, {})[word.lower().replace("’", "'")] = value
    return TimeLexicon(tables)


@functools.cache
def time_lexicon() -> TimeLexicon:
    text = resources.files("recoupe.nlp").joinpath("data", DATA_FILE).read_text("utf-8")
    return parse_lexicon(text)
