"""French text normalisation shared by every stage (no spaCy here)."""

from __future__ import annotations

import functools
import re
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


# a road as French news writes it: "D616", "RD616", "RD 616", "N116", "RN 116", "A9",
# "A 9", "autoroute A9", "la départementale 616", "route nationale 116" (folded)
_ROAD_RE = re.compile(r"(?:autoroute\s+)?(?:r(?=[dn]))?([adn])[\s-]?(\d{1,4}[a-z]?)")
_ROAD_WORDS_RE = re.compile(r"(?:la\s+)?(?:route\s+)?(departementale|nationale)\s+(\d{1,4}[a-z]?)")


@functools.lru_cache(maxsize=1 << 14)
def road_key(name: str) -> str | None:
    """The identifier of a road however it is written ("RD616", "route départementale 616"
    -> "d616"; "autoroute A9" -> "a9"), or None when the name is no road identifier."""
    folded = fold(name)
    if not folded or (not folded[-1].isdigit() and not folded[-2:-1].isdigit()):
        return None
    match = _ROAD_RE.fullmatch(folded)
    if match:
        return match.group(1) + match.group(2)
    match = _ROAD_WORDS_RE.fullmatch(folded)
    if match:
        return match.group(1)[0] + match.group(2)
    return None
