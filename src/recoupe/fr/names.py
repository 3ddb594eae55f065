"""In-article coreference of names: plain data in, groups of mentions out.

Full names anchor groups; a surname-only or given-name-only mention joins the
one full name it fits ("M. Gallant", "Yoav" -> Yoav Gallant), using gender cues
to choose when two people share a surname, and staying apart when still
ambiguous. Organisations group by gazetteer canonical name, folded name or an
acronym defined in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from recoupe.fr.lexicon import given_names, honorifics, word_class
from recoupe.fr.text import fold
from recoupe.model import EntityType


@dataclass(frozen=True)
class Candidate:
    """One entity mention of an article before grouping."""

    start: int
    end: int
    text: str  # exact article text, honorific included
    type: EntityType
    name: str  # text without honorific
    canonical: str | None = None  # gazetteer canonical name
    gender: str | None = None  # cue from honorific / title
    acronym_of: int | None = None  # index of the candidate this acronym abbreviates


@dataclass
class Group:
    type: EntityType
    members: list[int] = field(default_factory=list)


def split_honorific(text: str) -> tuple[str, str | None]:
    """('M. Gallant') -> ('Gallant', 'M.'); text unchanged when it has none."""
    for form in sorted(honorifics(), key=len, reverse=True):
        if text.startswith(form + " ") and len(text) > len(form) + 1:
            return text[len(form) + 1 :].strip(), form
    return text, None


def name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name.strip()) if t]


@lru_cache(maxsize=1 << 16)  # names recur across articles and pairs
def surname_of(name: str) -> str:
    """Last name of a person name, particles kept ("Yves Le Bihan" -> "Le Bihan")."""
    tokens = name_tokens(name)
    if len(tokens) <= 1 or (len(tokens) == 2 and fold(tokens[0]) in word_class("name_particle")):
        return name.strip()
    start = len(tokens) - 1
    while start > 1 and fold(tokens[start - 1]) in word_class("name_particle"):
        start -= 1
    return " ".join(tokens[start:])


@lru_cache(maxsize=1 << 16)  # names recur across articles and pairs
def given_of(name: str) -> str | None:
    tokens = name_tokens(name)
    surname = name_tokens(surname_of(name))
    rest = tokens[: len(tokens) - len(surname)]
    return " ".join(rest) if rest else None


@lru_cache(maxsize=1 << 16)  # names recur across articles and pairs
def phonetic_key(word: str) -> str:
    """A rough consonant skeleton: Netanyahu / Netanyahou -> 'ntny'."""
    folded = re.sub(r"[^a-z]", "", fold(word))
    if not folded:
        return ""
    folded = folded.replace("ph", "f").replace("ck", "k").replace("qu", "k").replace("ou", "u")
    head, tail = folded[0], folded[1:]
    skeleton = head + re.sub(r"[aeiouyhw]", "", tail)
    return re.sub(r"(.)\1+", r"\1", skeleton)


def same_name_word(a: str, b: str) -> bool:
    """Spelling variants of one name word (accents, case, transliteration)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if min(len(fa), len(fb)) < 4:
        return False
    return phonetic_key(fa) == phonetic_key(fb) and fuzz.ratio(fa, fb) >= 80


def gender_of_given(name: str) -> str | None:
    tokens = name_tokens(name)
    return given_names().get(fold(tokens[0])) if tokens else None


def _compatible_gender(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def group_mentions(candidates: Sequence[Candidate]) -> list[Group]:
    """Group the candidates of one article, groups ordered by first mention."""
    person_groups = _group_people(
        [i for i, c in enumerate(candidates) if c.type == "person"], candidates
    )
    other_groups = _group_others(
        [i for i, c in enumerate(candidates) if c.type != "person"], candidates
    )
    groups = person_groups + other_groups
    groups.sort(key=lambda g: min(candidates[i].start for i in g.members))
    return groups


def _group_people(indexes: list[int], candidates: Sequence[Candidate]) -> list[Group]:
    full: list[Group] = []  # groups anchored by a name of two words or more
    single: list[int] = []
    for i in indexes:
        if given_of(candidates[i].name) is not None:
            for group in full:
                anchor = candidates[group.members[0]].name
                if _same_full_name(anchor, candidates[i].name):
                    group.members.append(i)
                    break
            else:
                full.append(Group("person", [i]))
        else:
            single.append(i)
    full = _merge_name_variants(full, candidates)
    genders = [_group_gender(g, candidates) for g in full]
    leftovers: dict[str, Group] = {}
    for i in single:
        word = candidates[i].name
        fits = [
            k
            for k, group in enumerate(full)
            if fits_name(word, candidates[group.members[0]].name)
            and _compatible_gender(candidates[i].gender, genders[k])
        ]
        if len(fits) > 1:  # prefer a surname match over a given-name match
            by_surname = [
                k
                for k in fits
                if same_name_word(word, surname_of(candidates[full[k].members[0]].name))
            ]
            fits = by_surname or fits
        if len(fits) > 1 and candidates[i].gender:
            fits = [k for k in fits if genders[k] == candidates[i].gender] or fits
        if len(fits) == 1:
            full[fits[0]].members.append(i)
        else:
            leftovers.setdefault(fold(word), Group("person")).members.append(i)
    return full + list(leftovers.values())


def shorter_form_of(short: str, long: str) -> bool:
    """Is ``short`` (two words or more) a shorter form of the full name ``long``?

    Its words are the first words of the long name ("Ali Bongo" / "Ali Bongo Ondimba") or
    its given name and last name around a middle name ("Thomas Crooks" / "Thomas Matthew
    Crooks"). Different given names never match ("Ali Bongo" / "Omar Bongo Ondimba")."""
    a, b = name_tokens(short), name_tokens(long)
    if not 2 <= len(a) < len(b):
        return False
    prefix = all(same_name_word(x, y) for x, y in zip(a, b, strict=False))
    ends = len(a) == 2 and same_name_word(a[0], b[0]) and same_name_word(a[1], b[-1])
    return prefix or ends


def _merge_name_variants(groups: list[Group], candidates: Sequence[Candidate]) -> list[Group]:
    """A shorter form joins the one longer name it is a form of; it stays apart when it
    fits two ("Ali Bongo" with both "Ali Bongo Ondimba" and "Ali Bongo Nzé")."""
    names = [candidates[g.members[0]].name for g in groups]
    target: dict[int, int] = {}
    for k, name in enumerate(names):
        longer = [j for j, other in enumerate(names) if j != k and shorter_form_of(name, other)]
        if len(longer) == 1:
            target[k] = longer[0]
    for k, j in target.items():
        while j in target:  # "Ali Bongo" -> "Ali Bongo Ondimba" -> a still longer form
            j = target[j]
        groups[j].members.extend(groups[k].members)
    return [g for k, g in enumerate(groups) if k not in target]


def _same_full_name(a: str, b: str) -> bool:
    if fold(a) == fold(b):
        return True
    if not same_name_word(surname_of(a), surname_of(b)):
        return False
    given_a, given_b = given_of(a), given_of(b)
    return given_a is not None and given_b is not None and same_name_word(given_a, given_b)


def fits_name(word: str, full_name: str) -> bool:
    """A one-word mention fits a full name as its surname or its given name."""
    surname = surname_of(full_name)
    given = given_of(full_name)
    if same_name_word(word, surname) or fold(word) == fold(surname.split()[-1]):
        return True
    return given is not None and fold(word) == fold(given.split()[0])


def _group_gender(group: Group, candidates: Sequence[Candidate]) -> str | None:
    cues = {candidates[i].gender for i in group.members if candidates[i].gender}
    if len(cues) == 1:
        return cues.pop()
    if cues:
        return None
    return gender_of_given(candidates[group.members[0]].name)


def _group_others(indexes: list[int], candidates: Sequence[Candidate]) -> list[Group]:
    by_key: dict[str, Group] = {}
    group_of: dict[int, Group] = {}
    for i in indexes:
        c = candidates[i]
        if c.acronym_of is not None and c.acronym_of in group_of:
            group = group_of[c.acronym_of]
        else:
            key = fold(c.canonical or c.name)
            group = by_key.setdefault(key, Group(c.type))
        group.members.append(i)
        group_of[i] = group
        if c.canonical:
            group.type = c.type
    # An acronym written alone elsewhere in the text joins its expansion.
    acronyms = {
        fold(candidates[i].name): group_of[i]
        for i in indexes
        if candidates[i].acronym_of is not None
    }
    merged: list[Group] = []
    for key, group in by_key.items():
        target = acronyms.get(key)
        if target is not None and target is not group:
            target.members.extend(group.members)
        else:
            merged.append(group)
    return [g for g in merged if g.members]
