"""Rule data of the quote component (reporting verbs, speaker nouns, first names).

Read once from ``nlp/data/``; every loader is cached and returns immutable data.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, cast

from recoupe.model import EntityType
from recoupe.textnorm import data_rows as _rows
from recoupe.textnorm import fold

__all__ = ["fold"]

Gender = Literal["m", "f"]

# Regular -er verb endings: a fallback when the lemmatiser misses a form.
_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant", "era", "erait")


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    loaded: bool
    needs_a: bool = False  # "appeler à", "inviter à"
    inversion: bool = True  # may follow a quote as an inverted cue


@dataclass(frozen=True)
class SpeakerNoun:
    noun: str
    type: EntityType
    gender: Gender | None


@functools.lru_cache(maxsize=1)
def reporting_verbs() -> MappingProxyType[str, ReportingVerb]:
    """Folded lemma or known form -> verb."""
    table: dict[str, ReportingVerb] = {}
    for row in _rows("reporting_verbs.txt"):
        lemma, framing = row[0], row[1]
        if framing not in {"neutral", "loaded"}:
            raise ValueError(f"reporting_verbs.txt: framing of {lemma!r} must be neutral|loaded")
        options = set((row[3] if len(row) > 3 else "").replace(",", " ").split())
        verb = ReportingVerb(
            lemma, framing == "loaded", "needs_a" in options, "no_inversion" not in options
        )
        forms = (row[2] if len(row) > 2 else "").split()
        if lemma.endswith("er"):
            forms += [lemma[:-2] + ending for ending in _ER_ENDINGS]
        table[fold(lemma)] = verb
        for form in forms:
            table.setdefault(fold(form), verb)
    return MappingProxyType(table)


def reporting_verb(lemma: str, form: str) -> ReportingVerb | None:
    """The reporting verb a token stands for, by lemma first, then by its form."""
    table = reporting_verbs()
    return table.get(fold(lemma)) or table.get(fold(form))


@functools.lru_cache(maxsize=1)
def speaker_nouns() -> MappingProxyType[str, SpeakerNoun]:
    table = {}
    for row in _rows("speaker_nouns.tsv"):
        gender = row[2] if len(row) > 2 and row[2] in {"m", "f"} else None
        table[fold(row[0])] = SpeakerNoun(
            row[0], cast(EntityType, row[1]), cast(Gender | None, gender)
        )
    return MappingProxyType(table)


@functools.lru_cache(maxsize=1)
def first_names() -> MappingProxyType[str, Gender]:
    return MappingProxyType(
        {fold(row[0]): cast(Gender, row[1]) for row in _rows("first_names.tsv") if row[1] in {"m", "f"}}
    )


@functools.lru_cache(maxsize=1)
def title_cues() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in _rows("quote_title_cues.txt"))
