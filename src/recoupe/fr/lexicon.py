"""The one reader of French rule data: every file of ``recoupe/fr/data``, loaded once.

Each loader is cached and returns immutable data, so nothing grows per call.
Every data file starts with a comment header saying where its words come from.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Literal, cast

from recoupe.fr.text import fold, road_key
from recoupe.model import EntityType

Gender = Literal["m", "f"]
ENTITY_TYPES: frozenset[str] = frozenset({"person", "organization", "place", "other"})


# --- reading --------------------------------------------------------------------------


@functools.cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-empty lines of a rule data file in ``recoupe/fr/data``."""
    text = resources.files("recoupe.fr").joinpath("data", name).read_text("utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def data_rows(name: str) -> list[list[str]]:
    """The lines of a rule data file split on tabs, cells stripped."""
    return [[cell.strip() for cell in line.split("\t")] for line in data_lines(name)]


def _gender(cell: str) -> Gender | None:
    return cast(Gender, cell) if cell in {"m", "f"} else None


@functools.cache
def verb_roles() -> MappingProxyType[str, tuple[str, str]]:
    """Folded verb lemma -> (agent noun, object kind) of ``verb_roles.tsv``."""
    return MappingProxyType({fold(row[0]): (row[1], row[2]) for row in data_rows("verb_roles.tsv")})


@functools.cache
def word_class(name: str) -> frozenset[str]:
    """The folded words of one class of ``word_classes.tsv`` (determiners, particles…)."""
    words = frozenset(
        fold(word) for category, word in data_rows("word_classes.tsv") if category == name
    )
    if not words:
        raise KeyError(f"word_classes.tsv has no class {name!r}")
    return words


# --- entities and roles -------------------------------------------------------------------


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
    country: str | None = None  # an office named by its seat: "patron du Kremlin" -> Russie


@functools.cache
def gazetteer() -> tuple[GazetteerEntry, ...]:
    entries = []
    for row in data_rows("gazetteer.tsv"):
        form, etype, canonical = row[0], row[1], row[2]
        if etype not in ENTITY_TYPES:
            raise ValueError(f"gazetteer.tsv: unknown type {etype!r} for {form!r}")
        country = row[3] if len(row) > 3 and row[3] else None
        entries.append(
            GazetteerEntry(form, cast(EntityType, etype), canonical, country, form != form.lower())
        )
    # Longest forms first so that "Conseil de sécurité de l'ONU" wins over "ONU".
    return tuple(sorted(entries, key=lambda e: -len(e.form)))


@functools.cache
def gazetteer_by_fold() -> MappingProxyType[str, GazetteerEntry]:
    return MappingProxyType({fold(e.form): e for e in reversed(gazetteer())})


@functools.cache
def non_entities() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in data_rows("non_entities.txt"))


@functools.cache
def trailing_words() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in data_rows("trailing_words.txt"))


@functools.cache
def titles() -> MappingProxyType[str, Title]:
    """Title forms keyed by folded form."""
    table = {}
    for row in data_rows("titles.tsv"):
        form, function, kind, gender = row[:4]
        country = row[4] if len(row) > 4 and row[4] else None
        table[fold(form)] = Title(form, function, kind, None if gender == "-" else gender, country)
    return MappingProxyType(table)


@functools.cache
def max_title_words() -> int:
    return max(len(key.split()) for key in titles())


@functools.cache
def honorifics() -> MappingProxyType[str, Gender | None]:
    """Honorific (as written, case-sensitive) -> gender."""
    return MappingProxyType({row[0]: _gender(row[1]) for row in data_rows("honorifics.tsv")})


@functools.cache
def _honorifics_by_fold() -> MappingProxyType[str, Gender | None]:
    return MappingProxyType({fold(form): gender for form, gender in honorifics().items()})


def is_honorific(word: str) -> bool:
    """Whether ``word`` is an honorific, whatever its case ("M.", "madame")."""
    return fold(word) in _honorifics_by_fold()


def honorific_gender(word: str) -> Gender | None:
    """The gender an honorific shows ("Mme" -> "f"; "Dr" -> None), whatever its case."""
    return _honorifics_by_fold().get(fold(word))


@functools.cache
def portfolios() -> MappingProxyType[str, str]:
    return MappingProxyType({fold(row[0]): row[1] for row in data_rows("portfolios.tsv")})


def _inflections(masculine: str) -> set[str]:
    """Feminine and plural forms of a French demonym."""
    forms = {masculine, masculine + "s"}
    if masculine.endswith(("ien", "éen")):
        forms |= {masculine + "ne", masculine + "nes"}
    elif masculine.endswith("c"):  # turc -> turque
        forms |= {masculine + "que", masculine + "ques"}
    elif masculine.endswith("e"):
        pass
    else:
        forms |= {masculine + "e", masculine + "es"}
    if masculine.endswith("grec"):
        forms |= {masculine + "que", masculine + "ques"}
    return forms


@functools.cache
def demonyms() -> MappingProxyType[str, str]:
    """Folded demonym (any gender/number) -> country name."""
    table: dict[str, str] = {}
    for demonym, country in data_rows("demonyms.tsv"):
        for form in _inflections(demonym):
            table.setdefault(fold(form), country)
    return MappingProxyType(table)


def country_of_demonym(word: str) -> str | None:
    return demonyms().get(fold(word))


@functools.cache
def given_names() -> MappingProxyType[str, Gender | None]:
    """Folded given name -> gender (None when used for both); the first spelling wins."""
    table: dict[str, Gender | None] = {}
    for row in data_rows("given_names.tsv"):
        table.setdefault(fold(row[0]), _gender(row[1]))
    return MappingProxyType(table)


# --- quotes -------------------------------------------------------------------------------


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


@functools.cache
def reporting_verbs() -> MappingProxyType[str, ReportingVerb]:
    """Folded lemma or known form -> verb."""
    table: dict[str, ReportingVerb] = {}
    endings = sorted(word_class("er_ending"))
    for row in data_rows("reporting_verbs.txt"):
        lemma, framing = row[0], row[1]
        if framing not in {"neutral", "loaded"}:
            raise ValueError(f"reporting_verbs.txt: framing of {lemma!r} must be neutral|loaded")
        options = set((row[3] if len(row) > 3 else "").replace(",", " ").split())
        verb = ReportingVerb(
            lemma, framing == "loaded", "needs_a" in options, "no_inversion" not in options
        )
        forms = (row[2] if len(row) > 2 else "").split()
        if lemma.endswith("er"):
            forms += [lemma[:-2] + ending for ending in endings]
        table[fold(lemma)] = verb
        for form in forms:
            table.setdefault(fold(form), verb)
    return MappingProxyType(table)


def reporting_verb(lemma: str, form: str) -> ReportingVerb | None:
    """The reporting verb a token stands for, by lemma first, then by its form."""
    table = reporting_verbs()
    return table.get(fold(lemma)) or table.get(fold(form))


@functools.cache
def speaker_nouns() -> MappingProxyType[str, SpeakerNoun]:
    table = {}
    for row in data_rows("speaker_nouns.tsv"):
        gender = _gender(row[2]) if len(row) > 2 else None
        table[fold(row[0])] = SpeakerNoun(row[0], cast(EntityType, row[1]), gender)
    return MappingProxyType(table)


@functools.cache
def title_cues() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in data_rows("quote_title_cues.txt"))


# --- time ---------------------------------------------------------------------------------


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


@functools.cache
def time_lexicon() -> TimeLexicon:
    tables: dict[str, dict[str, str]] = {}
    for line in data_lines("time_words.tsv"):
        category, word, value = line.split("\t")
        tables.setdefault(category, {})[word.lower().replace("’", "'")] = value
    return TimeLexicon(tables)


# --- comparison ---------------------------------------------------------------------------


@functools.cache
def number_words() -> MappingProxyType[str, tuple[float, str]]:
    """Folded number word -> (value, kind) where kind is exact, approx or scale."""
    table: dict[str, tuple[float, str]] = {}
    for word, value, kind in data_rows("number_words.tsv"):
        table[fold(word)] = (float(value), kind)
    return MappingProxyType(table)


@functools.cache
def quantity_words() -> MappingProxyType[str, str]:
    """Folded word or phrase around a number -> its kind (lower, upper, approx, skip, time…)."""
    return MappingProxyType(
        {fold(phrase): kind for phrase, kind in data_rows("quantity_words.tsv")}
    )


@functools.cache
def currencies() -> MappingProxyType[str, str]:
    """Currency word or sign, lower-case ("euros", "$") -> the currency it names ("euro")."""
    return MappingProxyType(
        {form.lower(): currency for form, currency in data_rows("currencies.tsv")}
    )


@functools.cache
def paraphrase_map() -> MappingProxyType[str, str]:
    """Folded lemma -> canonical lemma of its paraphrase group."""
    table: dict[str, str] = {}
    for line in data_lines("paraphrases.tsv"):
        words = [fold(w) for w in line.split("\t") if w.strip()]
        for word in words:
            table.setdefault(word, words[0])
    return MappingProxyType(table)


@functools.lru_cache(maxsize=1 << 16)  # a story's words, asked again for every clause
def canonical(lemma: str) -> str:
    """The canonical member of a lemma's paraphrase group (the folded lemma otherwise)."""
    folded = fold(lemma)
    road = road_key(folded) if folded[-1:].isdigit() else None  # "RD616" is "D616"
    return road or paraphrase_map().get(folded, folded)


@functools.cache
def duration_days() -> MappingProxyType[str, float]:
    """Folded unit of time -> its length in days ("semaines" -> 7, "décennie" -> 3652.5)."""
    return MappingProxyType(
        {fold(unit): float(days) for unit, days in data_rows("duration_units.tsv")}
    )


@functools.cache
def news_agencies() -> frozenset[str]:
    """Folded names of news agencies: relays of a claim, never its speaker."""
    return frozenset(fold(row[0]) for row in data_rows("news_agencies.txt"))


@functools.cache
def superseded_markers() -> tuple[str, ...]:
    """Folded words that mark a figure as an earlier value the text replaces."""
    return tuple(fold(row[0]) for row in data_rows("superseded_markers.txt"))


@functools.cache
def antonyms() -> MappingProxyType[str, frozenset[str]]:
    """Folded lemma -> the folded lemmas that say its opposite (``antonyms.tsv``)."""
    table: dict[str, set[str]] = {}
    for row in data_rows("antonyms.tsv"):
        a, b = fold(row[0]), fold(row[1])
        table.setdefault(a, set()).add(b)
        table.setdefault(b, set()).add(a)
    return MappingProxyType({word: frozenset(opposites) for word, opposites in table.items()})


@functools.cache
def reporting_lemmas() -> frozenset[str]:
    """Folded lemmas and forms of reporting verbs: they say who speaks, not what."""
    return frozenset(reporting_verbs())
