"""The one sentence splitter of recoupe: punctuation and line breaks (no parse needed).

spaCy's parse-based splits cut French news sentences at adverbs and names
("… Yoav Gallant mardi, soulignant …"); these rules do not. Every stage sees
the same sentences: the ``recoupe_paragraphs`` component fixes them on the Doc
before the parser runs (``nlp/sentences`` and everything after ``nlp/`` read
them from there), and the quote finder reads them from :func:`sentence_spans`
with the quotes kept whole.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from recoupe.fr.lexicon import word_class
from recoupe.fr.text import fold

BOUNDARY = re.compile(
    r"[.!?…]+[»”\"›)]*[ \t\u00a0\u202f]+(?=[«“\"‹(]?[ \u00a0\u202f]?[A-ZÀ-ÖØ-Þ0-9])|\n+"
)


def boundary_offsets(text: str) -> Iterator[int]:
    """Offsets where a new sentence starts (after punctuation + space, or a line break)."""
    abbreviations = word_class("abbreviation")  # M., Mme., Dr., J.-C.
    for match in BOUNDARY.finditer(text):
        if match.group().startswith(".") and "\n" not in match.group():
            word = re.search(
                r"([\w.-]+)\.+[»”\"›)]*\s*$", text[max(0, match.start() - 12) : match.end()]
            )
            if word and (fold(word.group(1)) in abbreviations or len(word.group(1)) == 1):
                continue
        if match.end() < len(text):
            yield match.end()


def sentence_spans(text: str, unbroken: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets, never broken strictly inside an ``unbroken`` span.

    The quote finder passes the quotes (opening to closing mark), so that a
    quote of several sentences and its inverted cue ("…», a-t-il ajouté") stay
    in one sentence.
    """
    keep = list(unbroken)
    bounds = [0]
    for b in boundary_offsets(text):
        if not any(start < b < end for start, end in keep):
            bounds.append(b)
    bounds.append(len(text))
    return [
        (bounds[i], bounds[i + 1])
        for i in range(len(bounds) - 1)
        if bounds[i + 1] > bounds[i] and text[bounds[i] : bounds[i + 1]].strip()
    ]


class SentenceIndex:
    """Which sentence an offset falls in, over the spans of :func:`sentence_spans`."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def bounds(self, offset: int) -> tuple[int, int]:
        return self.spans[self.index(offset)]
