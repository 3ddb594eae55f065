"""Cross-article entity resolution: one Entity per real-world referent.

Each article's LocalEntities (in-article coreference already done) are linked
across articles. Candidates come from blocking keys (folded surname, a rough
phonetic key, the first four letters, the canonical name) so only plausible
pairs are compared, never all pairs. People with a full name merge when surname
and given name are spelling variants of each other (Netanyahu / Netanyahou,
Oleksiy / Oleksii, accents); a different given name forbids the merge, so
Julien Fabre and Camille Fabre stay two people. A surname-only person joins
the one full-named person it fits, choosing by gender, roles and co-occurring
entities when several fit, and staying apart when the choice is unclear.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat

from rapidfuzz import fuzz

from recoupe.fr.names import (
    given_of,
    name_tokens,
    phonetic_key,
    same_name_word,
    shorter_form_of,
    surname_of,
)
from recoupe.fr.roles import inherit_country
from recoupe.fr.text import fold, road_key
from recoupe.model import ArticleAnalysis, Entity, EntityType, LocalEntity, Mention, Role

# (article id, LocalEntity key) -> global entity id
KeyMap = dict[tuple[str, str], str]

ORG_SIMILARITY = 92  # rapidfuzz ratio of folded names for organisations and places


@dataclass(frozen=True)
class ResolvedEntities:
    entities: tuple[Entity, ...]
    key_map: KeyMap


@dataclass(frozen=True, slots=True)
class _Item:
    """One LocalEntity with the features resolution compares."""

    index: int
    article: str
    local: LocalEntity
    surname: str
    given: str | None
    # the folded names of its article's entities (one set shared by the article's items: a
    # set per item would hold the article's names once per entity) and its own
    names: frozenset[str]
    own: str
    role_keys: frozenset[str]

    @property
    def is_person(self) -> bool:
        return self.local.type == "person"

    @property
    def context(self) -> frozenset[str]:
        """The folded names of the other entities of its article."""
        return self.names - {self.own}


_NONE: frozenset[str] = frozenset()


def _merge_into(sets: dict[int, set[str]], root: int, other: int) -> None:
    moved = sets.pop(other, None)
    if moved:
        kept = sets.get(root)
        if kept is None:
            sets[root] = moved
        else:
            kept |= moved


@dataclass
class _Clusters:
    """Union-find over items; each root keeps its members and the signature conflicts read.

    The signature of a cluster is the set of full names and the set of genders of
    its members: two clusters conflict when a full name of one cannot be a full name
    of the other (another given name or surname), or their genders differ, which
    compares distinct names rather than every member pair.

    Most items stay alone, so only what a lone item does not imply is kept: the members of
    clusters of two or more (a lone root is its only member) and non-empty signature sets
    (an empty set takes 216 bytes, and a corpus has a dozen items per article).
    """

    parent: array[int]
    members: dict[int, list[int]] = field(default_factory=dict)
    genders: dict[int, set[str]] = field(default_factory=dict)
    names: dict[int, set[str]] = field(default_factory=dict)  # full names (with a given name)

    @classmethod
    def of(cls, items: Sequence[_Item], units: Sequence[_Unit]) -> _Clusters:
        """One cluster per unit, rooted at its first item: what uniting its items one by
        one with the first would build, in one pass over the items rather than a union each
        (most items of a large corpus are one of a few frequent names).

        The signatures are read item by item in corpus order, not unit by unit: a frequent
        name's items lie in every article, and visiting them by unit jumps across all the
        analyses in memory (see :func:`_build`)."""
        clusters = cls(array("q", range(len(items))))
        parent = clusters.parent
        for unit in units:
            if len(unit.items) > 1:
                clusters.members[unit.rep] = list(unit.items)
                for i in unit.items:
                    parent[i] = unit.rep
        for item in items:
            local = item.local
            if local.gender:
                clusters.genders.setdefault(parent[item.index], set()).add(local.gender)
            if item.given and local.type == "person":
                clusters.names.setdefault(parent[item.index], set()).add(local.name)
        return clusters

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members_of(self, root: int) -> list[int]:
        """The items of the cluster of this root."""
        return self.members.get(root) or [root]

    def _count(self, root: int) -> int:
        members = self.members.get(root)
        return len(members) if members else 1

    def size(self, i: int) -> int:
        return self._count(self.find(i))

    def union(self, a: int, b: int) -> int:
        """Merge the clusters of a and b (the smaller into the larger); return the root."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self._count(ra) < self._count(rb):
            ra, rb = rb, ra
        self.parent[rb] = ra
        kept = self.members.get(ra)
        if kept is None:
            kept = self.members[ra] = [ra]
        kept += self.members.pop(rb, [rb])
        _merge_into(self.genders, ra, rb)
        _merge_into(self.names, ra, rb)
        return ra

    def conflict(self, a: int, b: int) -> bool:
        """Two clusters whose members have different given names or genders are different people."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False  # clusters only ever form without conflict
        left, right = self.genders.get(ra, _NONE), self.genders.get(rb, _NONE)
        if left and right and (len(left | right) > 1):
            return True
        return any(
            _names_conflict(x, y)
            for x in self.names.get(ra, _NONE)
            for y in self.names.get(rb, _NONE)
        )


@lru_cache(maxsize=65536)
def _names_conflict(a: str, b: str) -> bool:
    """Two full names that cannot be one person: another given name, or another surname
    unless one is a shorter form of the other ("Ali Bongo" / "Ali Bongo Ondimba") or gives
    the surname as an initial ("Mohammed M." / "Mohammed Mogouchkov")."""
    if shorter_form_of(a, b) or shorter_form_of(b, a) or _initial_of(a, b) or _initial_of(b, a):
        return False
    given_a, given_b = given_of(a), given_of(b)
    if given_a and given_b and not _same_given(given_a, given_b):
        return True
    return not same_name_word(surname_of(a), surname_of(b))


def _surname_initial(name: str) -> str:
    """The folded letter of a name whose surname is an initial ("Mohammed M." -> "m"), or ""."""
    surname = surname_of(name).rstrip(".")
    return fold(surname) if len(surname) == 1 and surname.isupper() else ""


def _initial_of(a: str, b: str) -> bool:
    """Is ``a`` the name ``b`` with its surname as an initial ("Mohammed M.")?"""
    initial = _surname_initial(a)
    if not initial:
        return False  # most names: nothing else is read
    given_a, given_b = given_of(a), given_of(b)
    return bool(
        given_a
        and given_b
        and len(surname_of(b).rstrip(".")) > 1
        and fold(surname_of(b)).startswith(initial)
        and _same_given(given_a, given_b)
    )


_NO_KEYS: frozenset[str] = frozenset()  # one empty set for the many items without a role


def _items(analyses: Sequence[ArticleAnalysis]) -> list[_Item]:
    items: list[_Item] = []
    for analysis in analyses:
        names = frozenset(sys.intern(fold(local.name)) for local in analysis.entities)
        for local in analysis.entities:
            person = local.type == "person"
            items.append(
                _Item(
                    index=len(items),
                    article=analysis.article,
                    local=local,
                    # surname_of, given_of and fold keep what they found: a name is parsed
                    # once however many articles print it
                    surname=surname_of(local.name) if person else local.name,
                    given=given_of(local.name) if person else None,
                    names=names,
                    own=sys.intern(fold(local.name)),
                    role_keys=frozenset(r.key for r in local.roles if r.key)
                    if local.roles
                    else _NO_KEYS,
                )
            )
    return items


def _acronym(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


# Words an acronym skips: "Gendarmerie royale du Canada" is the GRC, "Union pour un
# mouvement populaire" the UMP.
_ACRONYM_SKIPS = frozenset(
    [
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "un",
        "une",
        "et",
        "en",
        "au",
        "aux",
        "a",
        "sur",
        "pour",
        "par",
        "of",
        "the",
        "and",
        "for",
    ]
)


def _initials(name: str) -> str:
    """The initials of a multi-word name's words, function words skipped, capitals or not
    ("Gendarmerie royale du Canada" -> "GRC"; "" for a one-word or all-capital name)."""
    if _is_acronym(name):
        return ""
    words = []
    for word in name.replace("-", " ").replace("’", "'").split():
        word = word.split("'")[-1]  # "l'Organisation" -> "Organisation"
        if word and word[0].isalpha() and fold(word) not in _ACRONYM_SKIPS:
            words.append(word)
    return fold("".join(w[0] for w in words)).upper() if len(words) >= 2 else ""


def _is_acronym(text: str) -> bool:
    """An all-capital word of two to eight letters ("GRC", "ONU")."""
    return 2 <= len(text) <= 8 and text.isalpha() and text.isupper()


def _expansion_acronyms(item: _Item) -> set[str]:
    """The acronyms a full name stands for: its initials and the acronyms its own article
    gave it ("Gendarmerie royale du Canada (GRC)")."""
    if _is_acronym(item.local.name):
        return set()
    found = {fold(m.text).upper() for m in item.local.mentions if _is_acronym(m.text)}
    initials = _initials(item.local.name)
    return found | {initials} if initials else found


def blocking_keys(item: _Item) -> set[str]:
    """Keys under which an item meets its candidate matches."""
    if item.is_person:
        surname = fold(item.surname)
        last = surname.split()[-1] if surname else ""
        keys = {f"p:{surname}", f"p~{phonetic_key(last)}", f"p4:{last[:4]}"}
        words = name_tokens(fold(item.local.name))
        if len(words) >= 2:
            keys.add(f"p2:{words[0]} {words[1]}")  # "Ali Bongo" meets "Ali Bongo Ondimba"
            keys.add(f"pi:{words[0]} {last[:1]}")  # "Mohammed M." meets "Mohammed Mogouchkov"
        return keys
    name = fold(item.local.name)
    compact = name.replace(" ", "")
    keys = {f"o:{name}", f"o~{phonetic_key(compact)}", f"o4:{compact[:4]}"}
    acronym = _acronym(item.local.name)
    if acronym:
        keys.add(f"o:{fold(acronym)}")
    keys.update(f"o:{fold(a)}" for a in _expansion_acronyms(item))
    road = road_key(name)
    if road:
        keys.add(f"o:{road}")  # "RD616" meets "D616"
    return keys


def article_keys(analysis: ArticleAnalysis) -> set[str]:
    """The blocking keys of an article's entities: two articles whose entities may be linked
    share one. Resolution only ever relates items through these keys (every pair, every
    identical name, every lonely surname meets under one), so it can be recomputed over
    the articles connected to a new batch by them (:mod:`recoupe.store.incremental`)."""
    return {key for item in _items([analysis]) for key in blocking_keys(item)}


def _unit_key(item: _Item) -> tuple[str, ...] | None:
    """Items with one key are the same referent before any pairing (None: the item stays alone).

    Identical folded names merge whatever their frequency, so no pair list grows with
    the square of a name's frequency. Surname-only people stay apart: each joins
    a full name by its own context.
    """
    if item.is_person:
        if item.given is None:
            return None
        return ("p", fold(item.local.name), item.local.gender or "")
    name = fold(item.local.name)
    return ("o", road_key(name) or name)  # one road however written: "RD616", "D616"


@dataclass(slots=True)
class _Unit:
    """Items merged before pairing (identical folded names); ``rep`` is the first of them.
    ``article``: the one article all its items are in, None when they span several (a set
    of articles per unit would take 216 bytes for the one article most units have)."""

    rep: int
    items: list[int]
    article: str | None

    def add(self, item: _Item) -> None:
        if self.items and self.article != item.article:
            self.article = None
        self.items.append(item.index)


def _units(items: Sequence[_Item]) -> list[_Unit]:
    grouped: dict[tuple[str, ...], _Unit] = {}
    units: list[_Unit] = []
    for item in items:
        key = _unit_key(item)
        unit = grouped.get(key) if key is not None else None
        if unit is None:
            unit = _Unit(item.index, [], item.article)
            units.append(unit)
            if key is not None:
                grouped[key] = unit
        unit.add(item)
    # Identical names inside one article only are two local entities: keep them apart.
    out: list[_Unit] = []
    for unit in units:
        if len(unit.items) > 1 and unit.article is not None:
            out.extend(_Unit(i, [i], unit.article) for i in unit.items)
        else:
            out.append(unit)
    return sorted(out, key=lambda u: u.rep)


def _letters(given: str) -> frozenset[str]:
    """What two given names that may be one share: a first letter.

    Every way two people's names can be found one (:func:`_full_names_match`, an initial
    surname, a shorter form) needs their given names, or their first words, to be
    :func:`same_name_word` spellings or an initial of one another, and those always share
    their first folded letter or the first letter of their consonant skeleton ("P." and
    "Philippe" share "p", "Philippe" and "Filip" "f"); names without a Latin letter share
    the skeleton's emptiness.
    """
    out: set[str] = set()
    words = given.split()
    for word in (given, words[0]) if words else (given,):
        folded = fold(word)
        out.add(folded[:1])
        out.add(phonetic_key(folded)[:1] or "∅")
    return frozenset(out)


def _sound(word: str) -> str:
    """The consonant skeleton :func:`same_name_word` compares: two words it finds one
    have the same (identical folded words too)."""
    return phonetic_key(fold(word))


def _initial(word: str) -> str:
    """The folded letter of a word that is an initial ("J." -> "j"), or ""."""
    folded = fold(word).rstrip(".")
    return folded if len(folded) == 1 else ""


def _meeting_keys(item: _Item) -> tuple[tuple[str, str, str], ...]:
    """The keys under which a full name meets the full names it may be, inside a block.

    Two full names are one person (:func:`_full_names_match`) when their surnames and their
    given names are :func:`same_name_word` spellings, which have one sound ("A"), or when
    one is a shorter form of the other, whose first words sound alike and whose second
    words sound like the other's second or last word ("B": "Ali Bongo" and "Ali Bongo
    Ondimba"). An initial given name ("J. Biden") is met under its letter and surname
    ("I", see :func:`_candidate_pairs`).
    """
    words = name_tokens(item.local.name)
    given = item.given or ""
    first = _sound(words[0])
    return (
        ("A", _sound(given), _sound(item.surname)),
        ("B", first, _sound(words[1])),
        ("B", first, _sound(words[-1])),
        ("I", fold(given)[:1], _sound(item.surname)),
    )


@dataclass(frozen=True, slots=True)
class _Person:
    """What places a person in the blocks and groups of :func:`_candidate_pairs` (one per name)."""

    keys: set[str]
    meeting: tuple[tuple[str, str, str], ...]  # empty for a surname-only person
    sound: str  # of the surname
    given_initial: str
    surname_initial: str
    letters: frozenset[str]
    surname: str  # folded


def _person(item: _Item) -> _Person:
    named = item.given is not None
    return _Person(
        keys=blocking_keys(item),
        meeting=_meeting_keys(item) if named else (),
        sound=_sound(item.surname),
        given_initial=_initial(item.given) if item.given else "",
        surname_initial=_surname_initial(item.local.name) if named else "",
        letters=_letters(item.given) if item.given else frozenset(),
        surname=fold(item.surname),
    )


def _block_pairs(members: Sequence[tuple[_Unit, _Person | None]]) -> Iterator[tuple[_Unit, _Unit]]:
    """The pairs of one block that some step could join.

    Organisations and places (no :class:`_Person`) are all paired. Full names meet under
    their meeting keys (:func:`_meeting_keys`); a full name with an initial given name
    meets every full name of its "I" group, one with an initial surname ("Mohammed M.") the
    full names of its given name's letters (:func:`_letters`) whose surname the initial
    starts; a surname-only mention meets the full names whose surname sounds like its own.
    """
    others = [unit for unit, person in members if person is None]
    groups: dict[tuple[str, str, str], list[_Unit]] = {}
    by_sound: dict[str, list[_Unit]] = {}
    named: list[tuple[_Unit, _Person]] = []
    for unit, person in members:
        if person is None or not person.meeting:
            continue
        named.append((unit, person))
        by_sound.setdefault(person.sound, []).append(unit)
        for meet in person.meeting:
            groups.setdefault(meet, []).append(unit)
    for group in (others, *(g for k, g in groups.items() if k[0] != "I")):
        for x, a in enumerate(group):
            for b in group[x + 1 :]:
                yield a, b
    for a, person in named:
        if person.given_initial:
            for b in groups[person.meeting[3]]:
                yield a, b
        if person.surname_initial:
            for b, other in named:
                if person.letters & other.letters and other.surname.startswith(
                    person.surname_initial
                ):
                    yield a, b
    for a, person in members:
        if person is not None and not person.meeting:
            for b in by_sound.get(person.sound, ()):
                yield a, b


def _candidate_pairs(items: Sequence[_Item], units: Sequence[_Unit]) -> list[tuple[int, int]]:
    """Pairs of units (by their first item) that share a blocking key and may be one referent.

    Only the pairs of a block that resolution could join are formed (:func:`_block_pairs`);
    two surname-only people are never compared by name (they join by context, after). The
    pairs left out are those every step would reject, so the entities are those of pairing
    all the block; but a surname printed alone by thousands of articles costs its count
    times the full names that sound like it, not its square, and a first-four-letters key
    shared by thousands of distinct full names is cut into the few that can be one.
    """
    blocks: dict[str, list[tuple[_Unit, _Person | None]]] = {}
    people: dict[str, _Person] = {}  # what places a person depends on the name alone
    for unit in units:
        rep = items[unit.rep]
        person = None
        if rep.is_person:
            person = people.get(rep.local.name)
            if person is None:
                person = people[rep.local.name] = _person(rep)
        for key in person.keys if person is not None else blocking_keys(rep):
            blocks.setdefault(key, []).append((unit, person))
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        for a, b in _block_pairs(members):
            # the same article: in-article coreference already decided
            if a is not b and (a.article is None or a.article != b.article):
                pairs.add((a.rep, b.rep) if a.rep < b.rep else (b.rep, a.rep))
    return sorted(pairs)


@lru_cache(maxsize=65536)
def _same_given(a: str, b: str) -> bool:
    if same_name_word(a, b):
        return True
    # "J. Biden" / "Joe Biden": an initial fits the given name it starts.
    ia, ib = _initial(a), _initial(b)
    return (bool(ia) and fold(b).rstrip(".").startswith(ia)) or (
        bool(ib) and fold(a).rstrip(".").startswith(ib)
    )


def _full_names_match(a: _Item, b: _Item) -> bool:
    if a.given is None or b.given is None:
        return False
    ga, gb = a.local.gender, b.local.gender
    if not (ga is None or gb is None or ga == gb):
        return False
    if shorter_form_of(a.local.name, b.local.name) or shorter_form_of(b.local.name, a.local.name):
        return True  # "Ali Bongo" / "Ali Bongo Ondimba"
    return same_name_word(a.surname, b.surname) and _same_given(a.given, b.given)


def _others_match(a: _Item, b: _Item) -> bool:
    na, nb = fold(a.local.name), fold(b.local.name)
    if na == nb:
        return True
    if a.local.type != b.local.type:
        return False
    roads = road_key(na), road_key(nb)
    if any(roads):  # "autoroute A71" is not "autoroute A72", however alike the spelling
        return roads[0] == roads[1]
    if _acronym(a.local.name) == b.local.name or _acronym(b.local.name) == a.local.name:
        return True
    return min(len(na), len(nb)) >= 5 and fuzz.ratio(na, nb) >= ORG_SIMILARITY


def _attach_acronyms(
    clusters: _Clusters, items: Sequence[_Item], pairs: Sequence[tuple[int, int]]
) -> None:
    """An acronym written alone ("la GRC") joins the full name of another article it stands
    for ("Gendarmerie royale du Canada": its initials, or the acronym its article gave it),
    when the two articles share other names (the same story) and exactly one full name fits;
    several fitting full names leave it alone."""
    options: dict[int, set[int]] = {}
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            acronym, full = items[x], items[y]
            if (
                not acronym.is_person
                and not full.is_person
                and _is_acronym(acronym.local.name)
                and fold(acronym.local.name).upper() in _expansion_acronyms(full)
                and acronym.local.type == full.local.type
                and acronym.context & full.context
            ):
                options.setdefault(x, set()).add(y)
    for i, fulls in sorted(options.items()):
        own = clusters.members_of(clusters.find(i))
        if any(not _is_acronym(items[k].local.name) for k in own):
            continue  # already joined to a full name
        roots = {clusters.find(j) for j in fulls}
        if len(roots) == 1:
            clusters.union(i, next(iter(roots)))


def _context_score(item: _Item, roles: set[str], context: set[str]) -> float:
    """How much a surname-only item shares with a cluster: roles and co-occurring names."""
    return 2.0 * len(item.role_keys & roles) + len(item.context & context)


class _ClusterContext:
    """Roles and co-occurring names of each cluster, gathered once and kept up to date."""

    def __init__(self, clusters: _Clusters, items: Sequence[_Item]) -> None:
        self._clusters = clusters
        self._items = items
        self._known: dict[int, tuple[set[str], set[str]]] = {}

    def of(self, root: int) -> tuple[set[str], set[str]]:
        if root not in self._known:
            members = [self._items[k] for k in self._clusters.members_of(root)]
            self._known[root] = (
                set().union(*(m.role_keys for m in members)),
                set().union(*(m.context for m in members)),
            )
        return self._known[root]

    def union(self, item: int, root: int) -> None:
        """Join a lone item to a cluster, keeping the cluster's gathered context."""
        known = self._known.pop(root, None)
        merged = self._clusters.union(item, root)
        if known is not None:
            known[0].update(self._items[item].role_keys)
            known[1].update(self._items[item].context)
            self._known[merged] = known


def _attach_initials(
    clusters: _Clusters, items: Sequence[_Item], pairs: Sequence[tuple[int, int]]
) -> None:
    """A name with an initial surname ("Mohammed M.") joins the one full name it fits, when
    the two articles also share other names or roles (the same story), never on the name alone."""
    options: dict[int, set[int]] = {}
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            if (
                _initial_of(items[x].local.name, items[y].local.name)
                and _context_score(items[x], set(items[y].role_keys), set(items[y].context)) > 0
            ):
                options.setdefault(x, set()).add(clusters.find(y))
    for i, roots in sorted(options.items()):
        roots = {clusters.find(r) for r in roots}
        if len(roots) == 1 and not clusters.conflict(i, next(iter(roots))):
            clusters.union(i, next(iter(roots)))


def _attach_surname_only(
    clusters: _Clusters,
    items: Sequence[_Item],
    singles: Sequence[int],
    pairs: Sequence[tuple[int, int]],
) -> None:
    neighbours: dict[int, set[int]] = {}
    for a, b in pairs:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    contexts = _ClusterContext(clusters, items)
    for i in singles:
        item = items[i]
        options: set[int] = set()
        for j in sorted(neighbours.get(i, ())):
            other = items[j]
            if (
                not other.is_person
                or other.given is None
                or not same_name_word(item.surname, other.surname)
            ):
                continue
            if item.local.gender and other.local.gender and item.local.gender != other.local.gender:
                continue
            options.add(clusters.find(j))
        if len(options) == 1:
            contexts.union(i, next(iter(options)))
        elif options:
            scored = sorted(
                ((_context_score(item, *contexts.of(root)), root) for root in options), reverse=True
            )
            if scored[0][0] > scored[1][0] and scored[0][0] > 0:
                contexts.union(i, scored[0][1])


def resolve_entities(analyses: Sequence[ArticleAnalysis]) -> ResolvedEntities:
    """Link the LocalEntities of all articles into global entities E1, E2, … (first mention order)."""
    items = _items(analyses)
    units = _units(items)
    clusters = _Clusters.of(items, units)
    pairs = _candidate_pairs(items, units)
    for a, b in pairs:
        x, y = items[a], items[b]
        if x.is_person != y.is_person or clusters.find(a) == clusters.find(b):
            continue
        if x.is_person:
            if _full_names_match(x, y) and not clusters.conflict(a, b):
                clusters.union(a, b)
        elif _others_match(x, y):
            clusters.union(a, b)
    _attach_acronyms(clusters, items, pairs)
    _attach_initials(clusters, items, pairs)
    singles = [i.index for i in items if i.is_person and i.given is None]
    _attach_surname_only(clusters, items, singles, pairs)
    # Surname-only people who joined nobody: the same folded surname and compatible
    # context across articles is one person only when no full name is in play.
    lonely: dict[str, list[int]] = {}
    for i in singles:
        if clusters.size(i) == 1:
            lonely.setdefault(fold(items[i].surname), []).append(i)
    for group in lonely.values():
        for other in group[1:]:
            if (
                not clusters.conflict(group[0], other)
                and _context_score(
                    items[other], set(items[group[0]].role_keys), set(items[group[0]].context)
                )
                > 0
            ):
                clusters.union(group[0], other)
    return _build(items, clusters)


class _Gathered:
    """What one entity is built from, gathered from its members in corpus order (what most
    entities lack, no role or no country, is not allocated)."""

    __slots__ = (
        "countries",
        "genders",
        "keys",
        "mentions",
        "names",
        "roles",
        "stated",
        "types",
        "variants",
    )

    def __init__(self) -> None:
        self.keys: list[tuple[str, str]] = []  # (article, local key)
        self.mentions: list[Mention] = []
        self.variants: dict[str, None] = {}  # the mentions' texts, first seen first
        self.names: Counter[str] = Counter()  # first seen first
        self.types: Counter[EntityType] = Counter()
        self.countries: Counter[str] | None = None
        self.genders: Counter[str] | None = None
        self.roles: list[Role] | None = None
        self.stated: set[str] | None = None  # the countries its roles state

    def add(self, item: _Item) -> None:
        local = item.local
        self.keys.append((item.article, local.key))
        self.names[local.name] += 1
        self.types[local.type] += 1
        if local.country:
            if self.countries is None:
                self.countries = Counter()
            self.countries[local.country] += 1
        if local.gender:
            if self.genders is None:
                self.genders = Counter()
            self.genders[local.gender] += 1
        for mention in local.mentions:
            self.mentions.append(mention)
            self.variants[mention.text] = None
        if local.roles:
            if self.roles is None:
                self.roles, self.stated = [], set()
            self.roles += local.roles
            for role in local.roles:
                if role.parts.country and role.parts.function != "homologue":
                    self.stated.add(role.parts.country)  # type: ignore[union-attr]


def _build(items: Sequence[_Item], clusters: _Clusters) -> ResolvedEntities:
    """The entities, numbered in first-mention order, and the key map.

    Members are read once, item by item in corpus order (an entity's members come out in
    that order, as it lists them), never entity by entity: the members of a frequent
    entity lie in every article, and visiting them by entity jumps across all the
    analyses in memory, a cache miss each whose cost grows faster than the corpus (at
    20,000 replicated articles, 1.5 to 1.7 times the cost per member of 5,000). A lone item's
    entity is built at once, so only the entities of several members are held gathered."""
    entities: list[Entity | None] = []  # in first-mention order
    keys: list[list[tuple[str, str]]] = []  # of each entity's members
    gathering: dict[int, tuple[int, _Gathered]] = {}  # root of a cluster of several
    for item in items:
        root = clusters.find(item.index)
        if root not in clusters.members:  # alone
            gathered = _Gathered()
            gathered.add(item)
            keys.append(gathered.keys)
            entities.append(_entity(f"E{len(entities) + 1}", gathered))
            continue
        known = gathering.get(root)
        if known is None:
            known = gathering[root] = (len(entities), _Gathered())
            keys.append(known[1].keys)
            entities.append(None)
        known[1].add(item)
    while gathering:  # each entity's gathered lists let go once it is built
        at, several = gathering.popitem()[1]
        entities[at] = _entity(f"E{at + 1}", several)
    built = tuple(e for e in entities if e is not None)  # all of them by now
    key_map: KeyMap = {}
    for k, entity in enumerate(built):
        key_map.update(zip(keys[k], repeat(entity.id)))
        keys[k] = []
    return ResolvedEntities(built, key_map)


def _canonical_name(names: Counter[str]) -> str:
    """The most complete form; among equally complete ones, the most frequent, then the
    first seen (``names``: the members' names counted, first seen first)."""
    order = {name: k for k, name in enumerate(names)}
    return max(names, key=lambda n: (len(n.split()), names[n], -order[n]))


def _entity(entity_id: str, gathered: _Gathered) -> Entity:
    types, countries, genders = gathered.types, gathered.countries, gathered.genders
    country = countries.most_common(1)[0][0] if countries else None
    kind = types.most_common(1)[0][0]
    roles: tuple[Role, ...] = tuple(gathered.roles or ())
    if kind == "person" and gathered.stated and len(gathered.stated) == 1:
        country = next(iter(gathered.stated))
        roles = inherit_country(roles, country)
    return Entity(
        id=entity_id,
        type=kind,
        name=_canonical_name(gathered.names),
        variants=tuple(gathered.variants),
        mentions=tuple(gathered.mentions),
        roles=roles,
        country=country,
        gender=genders.most_common(1)[0][0] if genders and len(genders) == 1 else None,
    )


__all__ = ["KeyMap", "ResolvedEntities", "article_keys", "blocking_keys", "resolve_entities"]
