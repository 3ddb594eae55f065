"""Rule data of the comparison stage, read once from ``recoupe/nlp/data``."""

from __future__ import annotations

import functools

from recoupe.textnorm import data_lines, fold

__all__ = ["data_lines", "fold", "stem"]


def stem(word: str) -> str:
    """A crude French stem: folded, plural and feminine endings removed ("blessées" -> "bless")."""
    out = fold(word)
    if len(out) > 3 and out[-1] in "sx":
        out = out[:-1]
    while len(out) > 3 and out[-1] == "e":
        out = out[:-1]
    return out


@functools.cache
def number_words() -> dict[str, tuple[float, str]]:
    """Folded number word -> (value, kind) where kind is exact, approx or scale."""
    table: dict[str, tuple[float, str]] = {}
    for line in data_lines("number_words.tsv"):
        word, value, kind = line.split("\t")
        table[fold(word)] = (float(value), kind)
    return table


@functools.cache
def quantity_words() -> dict[str, str]:
    """Folded word or phrase around a number -> its kind (lower, upper, approx, skip, time…)."""
    return {fold(phrase): kind for phrase, kind in (line.split("\t") for line in data_lines("quantity_words.tsv"))}


@functools.cache
def paraphrase_map() -> dict[str, str]:
    """Folded lemma -> canonical lemma of its paraphrase group."""
    table: dict[str, str] = {}
    for line in data_lines("paraphrases.tsv"):
        words = [fold(w) for w in line.split("\t") if w.strip()]
        for word in words:
            table.setdefault(word, words[0])
    return table


@functools.cache
def loaded_verb_forms() -> dict[str, str]:
    """Folded form of a loaded reporting verb -> its lemma."""
    table: dict[str, str] = {}
    for line in data_lines("loaded_verbs.txt"):
        words = line.split()
        # a pronominal lemma ("se vanter") is written as two words; its forms follow
        lemma_words = 2 if words[0] in {"se", "s'"} else 1
        lemma = " ".join(words[:lemma_words])
        for form in [words[lemma_words - 1].removeprefix("s'"), *words[lemma_words:]]:
            table[fold(form)] = lemma
    return table


@functools.cache
def cue_fillers() -> frozenset[str]:
    """Folded words inside a reporting cue that are not its verb."""
    return frozenset(fold(line.strip()) for line in data_lines("cue_fillers.txt"))


def canonical(lemma: str) -> str:
    """The canonical member of a lemma's paraphrase group (the folded lemma otherwise)."""
    folded = fold(lemma)
    return paraphrase_map().get(folded, folded)
