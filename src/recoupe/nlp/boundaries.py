"""Sentence boundaries from punctuation and line breaks (no parse needed).

spaCy's parse-based splits cut French news sentences at adverbs and names
("… Yoav Gallant mardi, soulignant …"); these rules do not, and every
component (quotes, statements, timeline) then sees the same sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recoupe.textnorm import fold

# Words whose trailing full stop does not end a sentence (M., Mme., Dr., J.-C.).
ABBREVIATIONS = {"m", "mm", "mme", "dr", "pr", "me", "mgr", "st", "ste", "c", "cf", "av", "apr", "j.-c", "no", "art", "vol", "p"}
BOUNDARY = re.compile(
    r"[.!?…]+[»”\"›)]*[ \t\u00a0\u202f]+(?=[«“\"‹(]?[ \u00a0\u202f]?[A-ZÀ-ÖØ-Þ0-9])|\n+"
)


def boundary_offsets(text: str) -> Iterator[int]:
    """Offsets where a new sentence starts (after punctuation + space, or a line break)."""
    for match in BOUNDARY.finditer(text):
        if match.group().startswith(".") and "\n" not in match.group():
            word = re.search(r"([\w.-]+)\.+[»”\"›)]*\s*$", text[max(0, match.start() - 12) : match.end()])
            if word and (fold(word.group(1)) in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        if match.end() < len(text):
            yield match.end()
