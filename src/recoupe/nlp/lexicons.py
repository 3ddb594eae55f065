"""Rule data of the entity and role components, read once from ``nlp/data/``.

Every loader is cached and returns immutable data, so nothing grows per call.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import cast

from recoupe.model import EntityType
from recoupe.textnorm import data_rows as _rows
from recoupe.textnorm import fold

__all__ = ["fold"]

ENTITY_TYPES: frozenset[str] = frozenset({"person", "organization", "place", "other"})




@dataclass(frozen=True)
class GazetteerEntry:
    form: str
    type: EntityType
    canonical: str
    country: str | None
    case_sensitive: bool


@dataclass(frozen=True)
class Title:
    form: str
    function: str
    kind: str  # "function" or "rank"
    gender: str | None


@functools.lru_cache(maxsize=1)
def gazetteer() -> tuple[GazetteerEntry, ...]:
    entries = []
    for row in _rows("gazetteer.tsv"):
        form, etype, canonical = row[0], row[1], row[2]
        if etype not in ENTITY_TYPES:
            raise ValueError(f"gazetteer.tsv: unknown type {etype!r} for {form!r}")
        country = row[3] if len(row) > 3 and row[3] else None
        entries.append(
            GazetteerEntry(form, cast(EntityType, etype), canonical, country, form != form.lower())
        )
    # Longest forms first so that "Conseil de sécurité de l'ONU" wins over "ONU".
    return tuple(sorted(entries, key=lambda e: -len(e.form)))


@functools.lru_cache(maxsize=1)
def gazetteer_by_fold() -> MappingProxyType[str, GazetteerEntry]:
    return MappingProxyType({fold(e.form): e for e in reversed(gazetteer())})


@functools.lru_cache(maxsize=1)
def non_entities() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in _rows("non_entities.txt"))


@functools.lru_cache(maxsize=1)
def trailing_words() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in _rows("trailing_words.txt"))


@functools.lru_cache(maxsize=1)
def titles() -> MappingProxyType[str, Title]:
    """Title forms keyed by folded form."""
    table = {}
    for form, function, kind, gender in _rows("titles.tsv"):
        table[fold(form)] = Title(form, function, kind, None if gender == "-" else gender)
    return MappingProxyType(table)


@functools.lru_cache(maxsize=1)
def max_title_words() -> int:
    return max(len(key.split()) for key in titles())


@functools.lru_cache(maxsize=1)
def honorifics() -> MappingProxyType[str, str | None]:
    """Honorific (as written, case-sensitive) -> gender."""
    return MappingProxyType({row[0]: (None if row[1] == "-" else row[1]) for row in _rows("honorifics.tsv")})


@functools.lru_cache(maxsize=1)
def portfolios() -> MappingProxyType[str, str]:
    return MappingProxyType({fold(row[0]): row[1] for row in _rows("portfolios.tsv")})


def _inflections(masculine: str) -> set[str]:
    """Feminine and plural forms of a French demonym."""
    forms = {masculine, masculine + "s"}
    if masculine.endswith(("ien", "éen")):
        forms |= {masculine + "ne", masculine + "nes"}
    elif masculine.endswith("c"):  # turc -> turque
        forms |= {masculine + "que", masculine + "ques"}
    elif masculine.endswith("e"):
        pass
    elif masculine.endswith("s"):
        forms |= {masculine + "e", masculine + "es"}
    else:
        forms |= {masculine + "e", masculine + "es"}
    if masculine.endswith("grec"):
        forms |= {masculine + "que", masculine + "ques"}
    return forms


@functools.lru_cache(maxsize=1)
def demonyms() -> MappingProxyType[str, str]:
    """Folded demonym (any gender/number) -> country name."""
    table: dict[str, str] = {}
    for demonym, country in _rows("demonyms.tsv"):
        for form in _inflections(demonym):
            table.setdefault(fold(form), country)
    return MappingProxyType(table)


@functools.lru_cache(maxsize=1)
def given_names() -> MappingProxyType[str, str | None]:
    """Folded given name -> gender (None when used for both)."""
    return MappingProxyType(
        {fold(row[0]): (None if row[1] == "-" else row[1]) for row in _rows("given_names.tsv")}
    )


def country_of_demonym(word: str) -> str | None:
    return demonyms().get(fold(word))
