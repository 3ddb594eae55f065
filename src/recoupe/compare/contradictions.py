"""Contradictions inside a story, slot by slot: role, number, date, speaker, negation, place.

Each finding names the subject, the slot, the conflicting values with their
outlets, and carries an evidence span (with its ``value``) from every article
involved. Differences of precision ("plus de 300" / "312") and the same role
worded differently are compatible, never contradictions. Checks also run
inside one article (a headline against its own body).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from recoupe.compare.polarity import (
    MIN_CONTAINED,
    claim_clauses,
    conditional,
    contained,
    denies,
    opposite_forms,
    opposite_words,
    opposition_keys,
    polarity_pairs,
)
from recoupe.compare.polarity import (
    POLARITY_ALIGNMENT as POLARITY_PLACE_ALIGNMENT,
)
from recoupe.compare.statements import (
    AGE,
    CURRENCIES,
    DURATION,
    GENERIC_PREDICATES,
    Aligner,
    NumberMention,
    Statement,
    clauses,
    headline_end,
    interned,
    lead_end,
    outlet_of,
    same_predicate,
    times_compatible,
)
from recoupe.compare.vectors import similarity
from recoupe.corpus import Corpus
from recoupe.fr.lexicon import (
    antonyms,
    demonyms,
    max_title_words,
    news_agencies,
    reporting_lemmas,
    superseded_markers,
    titles,
    word_class,
)
from recoupe.fr.text import fold
from recoupe.fr.timex_normalise import weekday_number
from recoupe.model import (
    Article,
    Entity,
    Evidence,
    Finding,
    Quote,
    Role,
    RoleParts,
    Story,
    TimeRef,
    ValueGroup,
)

DATE_ALIGNMENT = 0.3  # minimum alignment of two statements dated apart
NUMBER_CONTEXT = 0.2  # minimum statement alignment for two figures to count the same thing
NEGATION_OVERLAP = 0.5
CURRENCY_NAMES = frozenset(CURRENCIES.values())
QUOTE_SIMILARITY = 90.0
MIN_QUOTE_WORDS = 4
# counted nouns too general to say alone that two figures count the same thing
GENERIC_UNITS = frozenset(
    {
        "@day",
        "@clock",
        "personn",
        "fois",
        "cas",
        "homm",
        "femm",
        DURATION,
        "%",
        *CURRENCIES.values(),
    }
)
ROLE_STOPWORDS = word_class("role_stopword")
FIGURE_VERBS = word_class("figure_verb")


def make_evidence(
    corpus: Corpus, article_id: str, start: int, end: int, value: str | None = None
) -> Evidence:
    """Evidence whose text is exactly the article's characters [start:end]."""
    text = interned(corpus.article(article_id).text[start:end])  # copies print the same
    return Evidence(article_id, start, end, text, value)


def _outlets(corpus: Corpus, articles: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(outlet_of(corpus.article(a)) for a in articles))


def _count(outlets: Sequence[str]) -> str:
    return f"{len(outlets)} outlet{'s' if len(outlets) > 1 else ''}"


def _summary(subject: str, slot: str, groups: Sequence[ValueGroup]) -> str:
    parts = [
        f"“{g.value}” — {_count(g.sources)} ({', '.join(g.sources)})"
        + (" · later update" if g.later else "")
        for g in groups
    ]
    return f"{subject}: {slot} differs — " + " · ".join(parts)


def days_of(published: str) -> tuple[str, str]:
    """The first and last day of a publication date known to the day, month or year."""
    day = published[:10]
    return day + "-01-01"[len(day) - 4 :], day + "-12-31"[len(day) - 4 :]


def _later_groups(corpus: Corpus, groups: dict[str, list[Evidence]]) -> set[str]:
    """Values every article of which was published after every article giving another value."""
    # a date known to the month or the year is the span of its days: "2024-03" is no earlier
    # than "2024-03-23" (as strings it would be)
    dates: dict[str, list[tuple[str, str]]] = {}
    for value, evidence in groups.items():
        published = [corpus.article(e.article).published for e in evidence]
        if any(p is None for p in published):
            return set()
        dates[value] = [days_of(str(p)) for p in published]
    out = set()
    for value, mine in dates.items():
        others = [d for other, ds in dates.items() if other != value for d in ds]
        if others and min(first for first, _ in mine) > max(last for _, last in others):
            out.add(value)
    return out


def _finding(
    corpus: Corpus,
    subject: str,
    slot: str,
    groups: dict[str, list[Evidence]],
    confidence: float = 0.7,
    title: str = "",
) -> Finding | None:
    """One contradiction from value -> evidence, its values grouped most outlets first."""
    later = _later_groups(corpus, groups) if slot == "number" else set()
    if not _two_voices(corpus, groups, lead=slot == "number"):
        return None
    values = sorted(
        (
            ValueGroup(value, _outlets(corpus, (e.article for e in evidence)), value in later)
            for value, evidence in groups.items()
        ),
        key=lambda g: (-len(g.sources), g.later),
    )
    order = {g.value: k for k, g in enumerate(values)}
    evidence = tuple(e for value in sorted(groups, key=order.__getitem__) for e in groups[value])
    return Finding(
        kind="contradiction",
        subject=subject,
        slot=slot,
        summary=_summary(subject, slot, values),
        evidence=evidence,
        sources=_outlets(corpus, (e.article for e in evidence)),
        title=title or subject,
        confidence=round(confidence, 2),
        values=tuple(values),
    )


@functools.lru_cache(maxsize=1 << 14)
def _voice(article: Article) -> tuple[str, int, int]:
    """An article's outlet, and where its headline and its lead end: read once per story (the
    merge of a large story's windows asks them again at each window, ``windows._joined``)."""
    return outlet_of(article), headline_end(article), lead_end(article)


# a value's voice: its outlet, its article, whether it is said in the headline (or lead)
Voice = tuple[str, str, bool]


def voices_of(corpus: Corpus, evidence: Iterable[Evidence], lead: bool = False) -> set[Voice]:
    """The voices giving a value (``_two_voices``)."""
    voices = set()
    for e in evidence:
        outlet, headline, lead_at = _voice(corpus.article(e.article))
        voices.add((outlet, e.article, e.start < (lead_at if lead else headline)))
    return voices


def _two_voices(corpus: Corpus, groups: dict[str, list[Evidence]], lead: bool = False) -> bool:
    """Two values each given by an outlet that does not also give the other (or headline against body).

    An outlet that gives both values reports the disagreement of its sources; it never
    contradicts itself, except its headline against its own body (with ``lead``, for counts,
    also the standfirst of an article without a headline).
    """
    return two_sides([voices_of(corpus, evidence, lead) for evidence in groups.values()])


def two_sides(sides: Sequence[set[Voice]]) -> bool:
    """Whether two of the values' voices (each value's, ``voices_of``) make two voices."""
    for k, first in enumerate(sides):
        for second in sides[k + 1 :]:
            outlets_first, outlets_second = {v[0] for v in first}, {v[0] for v in second}
            for outlet_a, article_a, head_a in first:
                for outlet_b, article_b, head_b in second:
                    if article_a == article_b and head_a != head_b:
                        return True
                    if outlet_a not in outlets_second and outlet_b not in outlets_first:
                        return True
    return False


def _across_outlets(
    corpus: Corpus, groups: dict[str, list[Evidence]], headline_ends: dict[str, int]
) -> bool:
    """Two values come from two outlets, or from one article's headline and its body."""
    sides = [
        {
            (
                outlet_of(corpus.article(e.article)),
                e.article,
                e.start < headline_ends.get(e.article, 0),
            )
            for e in ev
        }
        for ev in groups.values()
    ]
    for k, first in enumerate(sides):
        for second in sides[k + 1 :]:
            for outlet_a, article_a, head_a in first:
                for outlet_b, article_b, head_b in second:
                    if outlet_a != outlet_b or (article_a == article_b and head_a != head_b):
                        return True
    return False


# --- roles -----------------------------------------------------------------------


@dataclass(frozen=True)
class RoleSlot:
    """What makes two roles comparable (function) and what can differ (what it is of)."""

    function: str
    of: frozenset[str]  # words of the portfolio, else of the organisation


OF_RE = re.compile(
    r"\b(?:de la|de l['’]|du|des|de|d['’]|à la|à l['’]|aux|au|à|chargée? de l['’]?|chargée? de la|chargée? du|chargée? des)(?:(?<=['’])\s*|\s+)",  # "de" is no word's start
    re.IGNORECASE,
)


def _words(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset()
    # "SDIS66" is "SDIS 66": letters and digits glued together are two words
    return frozenset(
        w
        for w in re.findall(r"[^\W\d_]+|\d+", fold(text).replace("_", " "))
        if w not in ROLE_STOPWORDS
    )


def _names_something(title: str) -> bool:
    """The title names an organisation or place (a capitalised word after its first word)."""
    return any(word[:1].isupper() for word in title.split()[1:])


def role_slot(role: Role) -> RoleSlot | None:
    """The role's function and what it is of, from its parts (or its title when parts are empty)."""
    return _role_slot(role.title, role.parts)


@functools.lru_cache(maxsize=1 << 14)
def _role_slot(title: str, parts: RoleParts) -> RoleSlot | None:
    """``role_slot``, cached by title and parts: a person's roles repeat across articles."""
    if parts.function:
        of = _words(parts.portfolio)
        if not of and _names_something(title):
            # only a named organisation is comparable: "le club" may well be "l'US Saint-Méran"
            of = _words(parts.organization)
        return RoleSlot(fold(parts.function), of)
    title = fold(title)
    title = re.sub(r"^(?:la|le|l')\s*", "", title)
    match = OF_RE.search(title)
    if match is None:
        function = title.split(" ")[0] if title else ""
        return RoleSlot(function, frozenset()) if function else None
    function = title[: match.start()].split(" ")[0]
    return RoleSlot(function, _words(title[match.end() :]))


def _compatible_of(a: frozenset[str], b: frozenset[str]) -> bool:
    """Missing, equal or one more specific than the other ("sécurité" / "sécurité nationale")."""
    return not a or not b or a <= b or b <= a


FORMER_RE = re.compile(r"^(?:l['’]\s*|la |le )?(?:ancien|ancienne|ex)\b", re.IGNORECASE)


def is_former(role: Role) -> bool:
    """A role the person no longer holds: "l'ancien président", "ex-ministre"."""
    return bool(FORMER_RE.search(role.title.strip()))


def _quoted(role: Role, quoted: dict[str, list[tuple[int, int]]]) -> bool:
    """The role stands inside a quote: the speaker's words, not the outlet's."""
    return any(s <= role.start and role.end <= e for s, e in quoted.get(role.article, []))


def role_contradictions(story: Story, corpus: Corpus) -> list[Finding]:
    members = set(story.articles)
    quoted: dict[str, list[tuple[int, int]]] = {}
    for quote in corpus.quotes_in(members):
        if quote.kind in {"direct", "partial"}:
            quoted.setdefault(quote.article, []).append((quote.start, quote.end))
    findings = []
    # an entity comes once per article it holds a role in, in a run: its findings are found
    # once and repeated, as each pass over its roles would find them again
    for _, run in itertools.groupby(corpus.role_holders_in(story.articles), key=id):
        holder, *again = run
        findings.extend(_entity_role_findings(corpus, holder, members, quoted) * (1 + len(again)))
    return findings


def _entity_role_findings(
    corpus: Corpus, entity: Entity, members: set[str], quoted: dict[str, list[tuple[int, int]]]
) -> list[Finding]:
    findings: list[Finding] = []
    if entity.type == "person":
        roles = [r for r in entity.roles if r.article in members]
        by_function: dict[tuple[str, bool], list[tuple[RoleSlot, Role]]] = {}
        for role in roles:
            slot = role_slot(role)
            # a former role never conflicts with a current one by its portfolio: the person
            # may have held both ("ancien ministre de la Défense", "ministre de l'Intérieur")
            if slot and slot.of:
                by_function.setdefault((slot.function, is_former(role)), []).append((slot, role))
        for items in by_function.values():
            finding = _role_finding(corpus, entity, items)
            if finding:
                findings.append(finding)
        finding = _former_finding(corpus, entity, [r for r in roles if not _quoted(r, quoted)])
        if finding:
            findings.append(finding)
    return findings


FORMER_CONFIDENCE = 0.5  # "le président" may be a shortcut of the writer, not a claim


def _former_finding(corpus: Corpus, entity: Entity, roles: Sequence[Role]) -> Finding | None:
    """An office one holds at a time (president, governor…) given as current by one outlet and
    as former ("l'ancien président") by another, for the same organisation or country."""
    offices: dict[str, list[tuple[RoleSlot, Role]]] = {}
    for role in roles:
        slot = role_slot(role)
        if slot and fold(slot.function) in word_class("unique_office"):
            offices.setdefault(slot.function, []).append((slot, role))
    for items in offices.values():
        former = [(s, r) for s, r in items if is_former(r)]
        current = [(s, r) for s, r in items if not is_former(r)]
        if not former or not current:
            continue
        # the same office: what it is of is unsaid or the same, and so is the country
        pairs = [
            (f, c)
            for f in former
            for c in current
            if _compatible_of(f[0].of, c[0].of)
            and (
                not f[1].parts.country
                or not c[1].parts.country
                or f[1].parts.country == c[1].parts.country
            )
        ]
        if not pairs:
            continue
        values: dict[str, list[Evidence]] = {}
        for group in ({id(p[0][1]): p[0][1] for p in pairs}, {id(p[1][1]): p[1][1] for p in pairs}):
            members = list(group.values())
            label = min((r.title for r in members), key=len)
            values[label] = [
                make_evidence(corpus, r.article, r.start, r.end, label) for r in members
            ]
        if len(values) == 2:
            return _finding(corpus, entity.name, "role", values, FORMER_CONFIDENCE)
    return None


def _role_finding(
    corpus: Corpus, entity: Entity, items: list[tuple[RoleSlot, Role]]
) -> Finding | None:
    # group roles whose "of" parts are compatible; two incompatible groups = a contradiction
    groups: list[tuple[frozenset[str], list[Role]]] = []
    keys: list[set[str]] = []  # each group's role keys, kept beside it (copies of a role are many)
    for slot, role in items:
        for i, (of, members) in enumerate(groups):
            if _compatible_of(of, slot.of) or (role.key and role.key in keys[i]):
                members.append(role)
                keys[i].add(role.key)
                groups[i] = (of | slot.of, members)
                break
        else:
            groups.append((slot.of, [role]))
            keys.append({role.key})
    if len(groups) < 2:
        return None
    values: dict[str, list[Evidence]] = {}
    for _, members in groups:
        # every evidence of a group carries the group's value: "de la Défense" and
        # "de la défense" are one side of the contradiction, not two
        label = members[0].title
        values[label] = [make_evidence(corpus, r.article, r.start, r.end, label) for r in members]
    return _finding(corpus, entity.name, "role", values)


# --- numbers ---------------------------------------------------------------------


def _may_compare(a: Statement, b: Statement, lead: bool = True) -> bool:
    """Across articles always; inside one article only a headline against its body, and with
    ``lead`` (counts, not days) a standfirst standing for a missing headline too."""
    if a.article != b.article:
        return True
    return a.lead != b.lead if lead else a.headline != b.headline


@dataclass(frozen=True)
class _Figure:
    """A figure with the clause it stands in: what it counts, in which words."""

    index: int  # statement index
    statement: Statement
    clause: Statement
    number: NumberMention
    context: frozenset[
        str
    ]  # prefixes of the clause's content lemmas, the counted noun and generic verbs left out
    attribution: str | None = (
        None  # entity id of who gives the figure ("selon X", X's quote), relays left out
    )
    entities: frozenset[str] = (
        frozenset()
    )  # what the clause is about: its entities but sources and relays
    holder: str = (
        ""  # the content word right before the figure: whose figure it is ("frère de 17 ans")
    )


ATTRIBUTION_RE = re.compile(r"\b(?:selon|d['’]apr[eè]s|de source)\s+", re.IGNORECASE)
CONTEXT_PREFIX = 4
HOLDER_CHARS = 25
HOLDER_BONUS = 0.2
CONTEXT_CHARS = 60  # sentence words this close to a figure tell what it counts
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
DATE_CONFIDENCE = 0.7
POLARITY_VALUES = {"négation": "negated", "affirmation": "affirmed"}
POLARITY_CONFIDENCE = 0.6  # a denial is often a nuance the words alone cannot weigh
STRONG_MATCH = 2.0  # two shared context words: a one-way best match is enough
SYNONYM_SIMILARITY = (
    0.75  # word-vector cosine above which two words say the same (ministre/président: 0.73)
)


def _context(
    statement: Statement, clause: Statement, start: int, end: int, noun: str
) -> frozenset[str]:
    """Content words around a figure: its clause, and the words of its sentence close to it."""
    before = statement.text[
        max(0, start - statement.start - CONTEXT_CHARS) : start - statement.start
    ]
    after = statement.text[end - statement.start : end - statement.start + CONTEXT_CHARS]
    window = [w for w in WORD_RE.findall(f"{before} {after}") if not w[:1].isupper()]
    stops = stop_words()
    return frozenset(
        w.lower()
        for w in (*clause.words, *window)
        if len(w) >= CONTEXT_PREFIX
        and fold(w) not in stops
        and fold(w) not in GENERIC_PREDICATES
        and not any(c.isdigit() for c in w)
        and fold(w)[:CONTEXT_PREFIX] != noun
        and not (
            statement.start + statement.text.find(w) >= start
            and statement.start + statement.text.find(w) < end
        )
    )


@functools.cache
def stop_words() -> frozenset[str]:
    """spaCy's French stop words and time words, folded: they never tell two claims apart."""
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(fold(w) for w in STOP_WORDS) | TIME_WORDS


TIME_WORDS = word_class("time_word")


@functools.lru_cache(maxsize=1 << 16)
def shared_meaning(a: frozenset[str], b: frozenset[str]) -> int:
    """Words of ``a`` that ``b`` also says: same stem ("opéré" / "opération") or near synonym by word vectors."""
    stems_b = {fold(w)[:CONTEXT_PREFIX] for w in b}
    # one stem counts once: "opérer" and "opéré" (a lemma and its form) are one shared word
    return len(
        {
            fold(w)[:CONTEXT_PREFIX]
            for w in a
            if fold(w)[:CONTEXT_PREFIX] in stems_b
            or any(similarity(w, x) >= SYNONYM_SIMILARITY for x in b)
        }
    )


def _attribution(
    corpus: Corpus, quotes: Sequence[Quote], statement: Statement, clause: Statement
) -> str | None:
    """Who gives the clause's claim: the speaker of a quote (of its article) holding it, or X in "selon X"."""
    agencies = news_agencies()
    for quote in quotes:
        inside = quote.start < clause.end and clause.start < quote.end
        if inside and quote.speaker and fold(corpus.entity(quote.speaker).name) not in agencies:
            return quote.speaker
    return _credited(corpus, statement)


def _credited(corpus: Corpus, statement: Statement) -> str | None:
    """X in "selon X" / "d'après X": whom the outlet credits with the claim, agencies left out."""
    agencies = news_agencies()
    for match in ATTRIBUTION_RE.finditer(statement.text):
        at = statement.start + match.end()
        for start, _, entity in statement.mentions:
            if at <= start <= at + 4 and fold(corpus.entity(entity).name) not in agencies:
                return entity
    return None


FIGURE_VERB_GAP = 45  # "avait fait état samedi soir d'un bilan de 3 252 morts"
# between the subject and its verb: the comma closing an apposition, an auxiliary, an adverb
SUBJECT_GAP_RE = re.compile(
    r",?\s*(?:(?:a|avait|aurait|ont|avaient|auraient)\s+)?(?:[^\W\d_]+ment\s+)?(?:fait|faisait|font|faisaient)?\s*",
    re.IGNORECASE,
)
ANAPHOR_RE = re.compile(r"\b(?:cette|cet|ce)\s+([^\W\d_]+)\s*$", re.IGNORECASE)
ANAPHOR_REACH = 400  # characters back to the organisation a demonstrative takes up
SOURCE_TYPES = {"person", "organization"}


def _figure_subject(corpus: Corpus, figure: _Figure) -> str | None:
    """Who gives the figure as the subject of a verb of giving: "X évoquait 3 252 morts",
    "X, ministre de la Santé, avait fait état d'un bilan de …", or "Cette organisation avance
    3 252 morts" (the organisation named last before it). A place is no source. The verb
    stands in the figure's clause, its subject anywhere before it in the sentence."""
    statement, clause = figure.statement, figure.clause
    before = statement.text[: max(0, figure.number.start - statement.start)]
    verbs = word_class("figure_verb")
    verb = next(
        (
            w
            for w in reversed(list(WORD_RE.finditer(before)))
            if len(before) - w.end() <= FIGURE_VERB_GAP
            and statement.start + w.start() >= clause.start
            and _gives_figure(fold(w.group()), before[: w.start()], verbs)
        ),
        None,
    )
    if verb is None or re.search(r"[.;:!?«»\"“”()]", before[verb.end() :]):
        return None
    head = before[: verb.start()]
    mention = max(
        (m for m in statement.mentions if m[1] - statement.start <= len(head)), default=None
    )
    if mention is not None and SUBJECT_GAP_RE.fullmatch(head[mention[1] - statement.start :]):
        entity = corpus.entity(mention[2])
        if entity.type in SOURCE_TYPES and fold(entity.name) not in news_agencies():
            return entity.id
        return None
    anaphor = ANAPHOR_RE.search(head)
    if anaphor and fold(anaphor.group(1)) in word_class("organisation_noun"):
        return _last_organisation(corpus, statement, statement.start + anaphor.start())
    return None


def _gives_figure(word: str, before: str, verbs: frozenset[str]) -> bool:
    """A verb of giving: a form of one of ``verbs``, "état" only in "faire état" (never "États-Unis")."""
    if word == "etat":
        return bool(re.search(r"\b(?:fait|faisait|font|faisaient|faire)\s+$", before))
    return any(word.startswith(v) for v in verbs if v != "etat")


def _last_organisation(corpus: Corpus, statement: Statement, before: int) -> str | None:
    """The organisation named last in the article before ``before``, within reach."""
    analysis = corpus.analysis(statement.article)
    best: tuple[int, str] | None = None
    for local in analysis.entities:
        entity_id = corpus.entity_of(statement.article, local.key)
        if not entity_id or corpus.entity(entity_id).type != "organization":
            continue
        for m in local.mentions:
            if before - ANAPHOR_REACH <= m.end <= before and (best is None or m.end > best[0]):
                best = (m.end, entity_id)
    return best[1] if best else None


def _holder(statement: Statement, start: int) -> str:
    """The last content word in the few characters before a figure ("son frère de 17 ans" -> "frère")."""
    before = statement.text[
        max(0, start - statement.start - HOLDER_CHARS) : start - statement.start
    ]
    words = [
        w
        for w in WORD_RE.findall(before)
        if len(w) >= CONTEXT_PREFIX and fold(w) not in stop_words()
    ]
    return words[-1].lower() if words else ""


def _superseded(clause: Statement, start: int, sentence: Statement | None = None) -> bool:
    """The figure at ``start`` is an earlier value the text itself replaces: a marker before it
    in its clause ("un précédent bilan de 60 morts", "rehausse celui de 93 morts"), unless the
    figure is where the value went ("passant de 115 à 133 morts": 133 is the new value); or a
    marker after it in its ``sentence`` that no figure follows, so that it qualifies the
    figures before it ("« Environ 40 personnes ont été tuées », avait annoncé, dans un premier
    bilan, le FSB"), not one it introduces ("133 morts, rehaussant le précédent bilan de 115")."""
    before = fold(clause.text[: start - clause.start])
    if re.search(r"\ba\s*$", before):
        return False
    words = " " + " ".join(re.findall(r"\w+", before)) + " "
    if any(f" {marker} " in words for marker in superseded_markers()):
        return True
    if sentence is None or not sentence.start <= start < sentence.end:
        return False
    after = start - sentence.start
    later = [n.start - sentence.start for n in sentence.numbers if n.start > start]
    for marker in superseded_markers():
        pattern = r"\b" + r"\W+".join(re.escape(w) for w in marker.split()) + r"\b"
        for found in re.finditer(pattern, fold(sentence.text)):
            if found.start() > after and not any(at > found.start() for at in later):
                return True
    return False


def _figures(statements: Sequence[Statement], corpus: Corpus) -> list[_Figure]:
    """Every figure and every day or clock time of the statements, with its clause."""
    out = []
    articles = {s.article for s in statements}
    quotes: dict[str, list[Quote]] = {}
    for quote in corpus.quotes_in(articles):
        quotes.setdefault(quote.article, []).append(quote)
    for k, statement in enumerate(statements):
        for clause in clauses(statement):
            moments = [m for m in (_moment(corpus, t) for t in clause.times) if m]
            if not clause.numbers and not moments:
                continue
            attribution = _attribution(corpus, quotes.get(statement.article, []), statement, clause)
            agencies = news_agencies()
            about = frozenset(
                e
                for e in clause.entities
                if e != attribution and fold(corpus.entity(e).name) not in agencies
            )
            for number in clause.numbers:
                if number.vague or number.anaphoric or _superseded(clause, number.start, statement):
                    continue
                context = _context(
                    statement, clause, number.start, number.end, fold(number.noun)[:CONTEXT_PREFIX]
                )
                holder = _holder(statement, number.start)
                out.append(
                    _Figure(k, statement, clause, number, context, attribution, about, holder)
                )
            for moment in moments:
                context = _context(statement, clause, moment.start, moment.end, "")
                out.append(_Figure(k, statement, clause, moment, context, attribution, about))
    return out


CLOCK_RE = re.compile(
    r"(?:\b(vers|environ|aux alentours de)\s+)?\b(\d{1,2})\s*(?:h|H|heures?\b)\s*(\d{2})?"
)
CLOCK = "@clock"  # unit of a time of day, its value in minutes
DAY = "@day"  # unit of a calendar day, its value the day's ordinal
ABOUT_MINUTES = 5  # "vers 9 h" allows a few minutes either side


def _moment(corpus: Corpus, time: TimeRef) -> NumberMention | None:
    """A day ("samedi 16 septembre") or a time of day ("vers 9h20") as a comparable value."""
    weekday = _weekday(time) if time.type in {"date", "time"} else None
    if weekday is not None and time.earliest and time.latest:
        try:
            first = float(dt.date.fromisoformat(time.earliest[:10]).toordinal())
            last = float(dt.date.fromisoformat(time.latest[:10]).toordinal())
        except ValueError:
            return None
        return NumberMention(
            time.start,
            time.end,
            time.text,
            first,
            first,
            last,
            DAY,
            time.text,
            time.text,
            weekday=weekday,
        )
    if time.type in {"date", "time"} and _is_day(time):
        day = (time.value or time.earliest or "")[:10]
        try:
            ordinal = float(dt.date.fromisoformat(day).toordinal())
        except ValueError:
            return None
        return NumberMention(
            time.start, time.end, time.text, ordinal, ordinal, ordinal, DAY, time.text, time.text
        )
    if time.type == "time":
        text = corpus.article(time.article).text
        before = text[max(0, time.start - 25) : time.start]
        match = CLOCK_RE.fullmatch(time.text.strip()) or CLOCK_RE.search(time.text)
        if not match:
            return None
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if hours > 23 or minutes > 59:
            return None
        value = hours * 60.0 + minutes
        about = bool(match.group(1)) or bool(re.search(r"\b(?:vers|environ)\s*$", before))
        slack = ABOUT_MINUTES if about else 0
        return NumberMention(
            time.start,
            time.end,
            time.text,
            value,
            value - slack,
            value + slack,
            CLOCK,
            time.text,
            time.text,
        )
    return None


def _dated_before(corpus: Corpus, a: _Figure, b: _Figure) -> bool:
    """``a`` is dated in a year before ``b``'s article was published, and ``b`` gives no date: a past event."""
    if b.statement.times or a.number.unit in {DAY, CLOCK}:
        return False
    published = corpus.article(b.statement.article).published
    years = [
        int(t.latest[:4])
        for t in a.statement.times
        if t.type == "date" and t.latest and t.latest[:4].isdigit()
    ]
    return bool(published and years and published[:4].isdigit() and max(years) < int(published[:4]))


def _clause_words(figure: _Figure) -> frozenset[str]:
    """The figure's context words said in its own clause (not only near it in the sentence)."""
    said = fold(figure.clause.text)
    return frozenset(w for w in figure.context if fold(w) in said)


def _has_sibling(figure: _Figure) -> bool:
    """Its sentence gives another value of the same kind: two counts of two things (two
    operations, two days), either of which another outlet's single figure may be about."""
    return any(
        n.unit == figure.number.unit
        and n.start != figure.number.start
        and not n.compatible(figure.number)
        and not _superseded(figure.statement, n.start)
        for n in figure.statement.numbers
    )


def _same_quantity(
    corpus: Corpus,
    a: _Figure,
    b: _Figure,
    unique: bool,
    aligner: Aligner,
    any_source: bool = False,
) -> float:
    """How surely two figures count the same thing (0 = not the same quantity); with
    ``any_source``, whoever each outlet says gives it."""
    if a.number.unit != b.number.unit or a.number.qualifier != b.number.qualifier:
        return 0.0
    if not _may_compare(a.statement, b.statement, a.number.unit not in {DAY, CLOCK}):
        return 0.0
    if a.entities and b.entities and not a.entities & b.entities:
        return 0.0  # the same count said of two different people or places
    if a.number.unit == DURATION and _scales_apart(a.number, b.number):
        return 0.0  # "deux heures et demie de délibéré" / "25 ans de réclusion": two periods
    if a.number.unit == DAY and _own_days_apart(corpus, a, b):
        return 0.0  # "dimanche" in Sunday's article, "ce mardi" in Tuesday's: each its own news
    if _ordinals_apart(a.clause.text, b.clause.text):
        return 0.0  # "au premier tour avec 75 %" / "au second tour avec 58,8 %": two rounds
    if (
        not times_compatible(a.statement, b.statement)
        or _dated_before(corpus, a, b)
        or _dated_before(corpus, b, a)
    ):
        return 0.0  # dated apart: two moments, not two versions
    if not any_source and a.attribution and b.attribution and a.attribution != b.attribution:
        return 0.0  # two sources giving their own figures: reported as such, not a contradiction
    shared = shared_meaning(a.context, b.context)
    if shared < STRONG_MATCH and (_has_sibling(a) or _has_sibling(b)):
        return 0.0  # "une opération de cinq heures mercredi et une autre de deux heures vendredi"
    score = aligner.score(a.index, b.index)
    if a.holder and b.holder and shared_meaning(frozenset({a.holder}), frozenset({b.holder})):
        score += HOLDER_BONUS  # the figure of the same thing: "son frère de 16 ans" / "son frère de 17 ans"
    if (
        a.number.unit == DAY
        and shared < STRONG_MATCH
        and any(_spoke_today(corpus, x) and not _says_day(corpus, y) for x, y in ((a, b), (b, a)))
    ):
        return 0.0  # the day a source spoke ("a annoncé dimanche") against an event's day
    if shared >= 2 or (shared == 1 and score >= NUMBER_CONTEXT / 2):
        return shared + score
    if a.number.unit == CLOCK and shared_meaning(_clause_words(a), _clause_words(b)):
        # a time of day named by the same word in both clauses: "arrivée vers 9 h" /
        # "est arrivée vers 9h20" (the moment of one event of the story)
        return 1.0 + score
    if unique and a.number.unit not in GENERIC_UNITS and score >= NUMBER_CONTEXT / 2:
        return 0.5 + score  # the only figure of its kind in both articles
    return 0.0


MAX_DURATION_RATIO = 30.0  # "deux jours" / "deux semaines" may conflict; hours and years never
ORDINALS = {
    "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "second": 2, "seconde": 2, "deuxieme": 2,
    "2e": 2, "troisieme": 3, "3e": 3, "quatrieme": 4, "4e": 4, "dernier": -1, "derniere": -1,
}  # fmt: skip
ORDINAL_RE = re.compile(r"\b(" + "|".join(ORDINALS) + r")\s+(?!\d)([^\W\d_]+)", re.IGNORECASE)


def _scales_apart(a: NumberMention, b: NumberMention) -> bool:
    """Two durations too far apart in size to be two versions of one figure."""
    low, high = sorted((max(a.value, 1e-9), max(b.value, 1e-9)))
    return high / low > MAX_DURATION_RATIO


def _publication_day(corpus: Corpus, figure: _Figure) -> float | None:
    published = corpus.article(figure.statement.article).published or ""
    try:
        return float(dt.date.fromisoformat(published[:10]).toordinal())
    except ValueError:
        return None


def _says_day(corpus: Corpus, figure: _Figure) -> bool:
    """The day dates what a source said ("a annoncé dimanche", "estime ce matin la direction",
    "a rapporté, samedi,"), not the event: it only compares with another source's day."""
    text = corpus.article(figure.statement.article).text
    words = WORD_RE.findall(text[max(0, figure.number.start - 30) : figure.number.start])
    if not words:
        return False
    word = fold(words[-1])
    return word in reporting_lemmas() or any(word.startswith(v) for v in FIGURE_VERBS)


def _spoke_today(corpus: Corpus, figure: _Figure) -> bool:
    """A source spoke on the article's own publication day ("estime ce matin la direction",
    "a annoncé dimanche" in Sunday's paper): the outlet's news of the day, no event's date."""
    day = _publication_day(corpus, figure)
    return (
        day is not None
        and figure.number.low == figure.number.high == day
        and _says_day(corpus, figure)
    )


def _own_days_apart(corpus: Corpus, a: _Figure, b: _Figure) -> bool:
    """Each day is the publication day of its own article ("ce matin", "dimanche" in Sunday's
    paper) and the two articles came out on different days: two moments of the story, each
    told as today's news, not two versions of one date."""
    day_a, day_b = _publication_day(corpus, a), _publication_day(corpus, b)
    return (
        day_a is not None
        and day_b is not None
        and day_a != day_b
        and a.number.low == a.number.high == day_a
        and b.number.low == b.number.high == day_b
    )


def _ordinals_apart(a: str, b: str) -> bool:
    """Both clauses number the same noun with different ordinals ("premier tour" / "second
    tour", "première journée" / "deuxième journée"): their figures count two different things."""
    ordinals_a = _ordinals(a)
    if not ordinals_a:
        return False
    ranks_a: dict[str, set[int]] = {}
    for noun, rank in ordinals_a:
        ranks_a.setdefault(noun, set()).add(rank)
    for noun, rank in _ordinals(b):
        ranks = ranks_a.get(noun)
        if ranks and rank not in ranks:
            return True
    return False


@functools.lru_cache(maxsize=1 << 14)  # a clause is compared with many: its text read once
def _ordinals(text: str) -> tuple[tuple[str, int], ...]:
    """Each noun the text numbers with an ordinal (its first letters) and the rank."""
    return tuple(
        (m.group(2)[:CONTEXT_PREFIX], ORDINALS[m.group(1).lower()])
        for m in ORDINAL_RE.finditer(fold(text))
    )


def number_contradictions(
    statements: Sequence[Statement], corpus: Corpus, figures: Sequence[_Figure] | None = None
) -> list[Finding]:
    """Figures that count the same thing in different outlets, grouped by value when they differ.

    ``figures``: the statements' ``_figures``, when already read."""
    aligner = Aligner(statements, figures=False)
    if figures is None:
        figures = _figures(statements, corpus)
    by_unit: dict[str, list[int]] = {}
    for i, figure in enumerate(figures):
        by_unit.setdefault(figure.number.unit, []).append(i)
    heads = {a: lead_end(corpus.article(a)) for a in {f.statement.article for f in figures}}
    known: dict[
        tuple[str, str], list[NumberMention]
    ] = {}  # (outlet, unit) -> every figure it gives
    for statement in statements:
        for number in statement.numbers:
            known.setdefault((statement.outlet, number.unit), []).append(number)
    for figure in figures:
        if figure.number.unit in {DAY, CLOCK}:
            known.setdefault((figure.statement.outlet, figure.number.unit), []).append(
                figure.number
            )
    findings = []
    for indices in by_unit.values():
        values_per_article: dict[str, set[float]] = {}
        for i in indices:
            values_per_article.setdefault(figures[i].statement.article, set()).add(
                figures[i].number.value
            )
        best: dict[tuple[int, str, bool], tuple[int, float]] = {}
        for first, second in sorted(
            _candidate_pairs(figures, indices)
        ):  # sorted: ties never depend on set order
            for i, j in ((first, second), (second, first)):
                a, b = figures[i], figures[j]
                if (
                    a.statement.article == b.statement.article
                    and a.statement.lead == b.statement.lead
                ):
                    continue
                unique = (
                    len(values_per_article[a.statement.article]) == 1
                    and len(values_per_article[b.statement.article]) == 1
                )
                strength = _same_quantity(corpus, a, b, unique, aligner)
                key = (i, b.statement.article, b.statement.lead)
                if strength and strength > best.get(key, (-1, 0.0))[1]:
                    best[key] = (j, strength)
        strengths: dict[int, float] = {}
        links = []
        for (i, _, _), (j, strength) in best.items():
            back = best.get((j, figures[i].statement.article, figures[i].statement.lead))
            # mutual best matches, or a one-way match said in enough of the same words
            if (back and back[0] == i) or strength >= STRONG_MATCH:
                links.append((i, j, strength))
        components = _components(indices, links, strengths)
        for root, members in components.items():
            if len(members) >= 2:
                finding = _number_finding(
                    corpus, [figures[i] for i in members], heads, strengths.get(root, 0.0), known
                )
                if finding:
                    findings.append(finding)
    return findings


MIN_SOURCED_FIGURE = 10  # smaller counts given alike by two sources may well be two counts
SOURCE_CONFIDENCE = 0.5  # one source may relay the other: the finding says who is credited


def _is_credited(corpus: Corpus, figure: _Figure, credits: Sequence[Quote]) -> bool:
    """The figure's source is whom the outlet credits ("selon X"), not a person it quotes."""
    if figure.attribution == _credited(corpus, figure.statement):
        return True
    clause = figure.clause
    return any(
        q.speaker == figure.attribution and q.start < clause.end and clause.start < q.end
        for q in credits
    )


def source_contradictions(
    statements: Sequence[Statement], corpus: Corpus, figures: Sequence[_Figure] | None = None
) -> list[Finding]:
    """The same exact figure credited to different sources by different outlets ("115 morts,
    selon le Kremlin" / "selon le Comité d'enquête, 115 personnes ont été tuées"): slot speaker.

    ``figures``: the statements' ``_figures``, when already read."""
    aligner = Aligner(statements, figures=False)
    articles = {s.article for s in statements}
    credits: dict[str, list[Quote]] = {}
    for quote in corpus.quotes_in(articles):
        if quote.cue_lemma == "selon":
            credits.setdefault(quote.article, []).append(quote)
    sourced: dict[tuple[str, float], list[_Figure]] = {}
    for figure in _figures(statements, corpus) if figures is None else figures:
        n = figure.number
        # credited by the outlet ("selon X"): two people quoted giving one toll both said it
        # credited by the outlet ("selon X") or given by the subject of a verb of giving
        source = (
            figure.attribution
            if figure.attribution
            and _is_credited(corpus, figure, credits.get(figure.statement.article, []))
            else _figure_subject(corpus, figure)
        )
        if (
            source
            and n.unit not in {DAY, CLOCK}
            and n.low == n.high == n.value >= MIN_SOURCED_FIGURE
        ):
            sourced.setdefault((n.unit, n.value), []).append(
                replace(figure, attribution=source, entities=figure.entities - {source})
            )
    findings = []
    for figures in sourced.values():
        links = [
            (i, j, 1.0)
            for i, a in enumerate(figures)
            for j, b in enumerate(figures)
            if i < j
            and a.statement.outlet != b.statement.outlet
            and a.attribution != b.attribution
            and _same_quantity(corpus, a, b, False, aligner, any_source=True)
        ]
        for members in _components(range(len(figures)), links, {}).values():
            if len(members) < 2:
                continue
            values: dict[str, list[Evidence]] = {}
            for k in members:
                figure = figures[k]
                name = corpus.entity(str(figure.attribution)).name
                values.setdefault(name, []).append(
                    make_evidence(
                        corpus,
                        figure.statement.article,
                        figure.statement.start,
                        figure.statement.end,
                        name,
                    )
                )
            if len(values) < 2:
                continue
            number = figures[members[0]].number
            subject = f"source de {' '.join(number.text.split())}"
            finding = _finding(
                corpus, subject, "speaker", values, SOURCE_CONFIDENCE, _short_title(subject)
            )
            if finding:
                findings.append(finding)
    return findings


def _number_finding(
    corpus: Corpus,
    members: list[_Figure],
    heads: dict[str, int],
    strength: float,
    known: dict[tuple[str, str], list[NumberMention]],
) -> Finding | None:
    # values that can be the same count ("plus de 2 000" / "2 122") fall in one group
    groups: list[list[_Figure]] = []
    for figure in sorted(
        members, key=lambda f: (f.number.high - f.number.low, f.statement.article, f.number.start)
    ):
        for group in groups:
            if all(figure.number.compatible(other.number) for other in group):
                group.append(figure)
                break
        else:
            groups.append([figure])
    if len(groups) < 2 or not _disputed(groups, known):
        return None
    values: dict[str, list[Evidence]] = {}
    for group in groups:
        label = " ".join(group[0].number.text.split())
        values[label] = [
            make_evidence(corpus, f.statement.article, f.number.start, f.number.end, label)
            for f in group
        ]
    unit = members[0].number.unit
    if unit in {DAY, CLOCK}:  # a day in a standfirst often dates another step of the story
        heads = {a: headline_end(corpus.article(a)) for a in heads}
    if not _across_outlets(corpus, values, heads):
        return None
    title_clause = min((f.clause for f in members), key=lambda c: (c.headline, len(c.text)))
    confidence = min(0.9, 0.55 + 0.1 * strength)
    slot = "date" if unit in {DAY, CLOCK} else "number"
    name = {DAY: "date", CLOCK: "heure"}.get(unit) or _quantity_name(members[0].number)
    return _finding(corpus, name, slot, values, confidence, _short_title(title_clause.text))


def _disputed(
    groups: list[list[_Figure]], known: dict[tuple[str, str], list[NumberMention]]
) -> bool:
    """Two outlets each give a value the other never gives. Outlets that both cite both figures
    ("3 252 selon le ministère, 11 300 selon l'ONU") report a disagreement between sources, not one."""

    def gives(figure: _Figure, value: NumberMention) -> bool:
        # a figure of the same kind (not "deux blessés graves" for "blessés") that says at
        # least as much: "au moins trois morts" does not give "quatre morts"
        return any(
            n.compatible(value)
            and n.qualifier == figure.number.qualifier
            and n.high - n.low <= value.high - value.low
            for n in known.get((figure.statement.outlet, figure.number.unit), [])
        )

    for k, first in enumerate(groups):
        for second in groups[k + 1 :]:
            for x in first:
                for y in second:
                    if x.statement.outlet == y.statement.outlet:
                        return True  # headline against body: _across_outlets checked it may compare
                    if not gives(x, y.number) and not gives(y, x.number):
                        return True
    return False


def _short_title(text: str, limit: int = 90) -> str:
    text = " ".join(text.split()).strip(' ,;:«»"“”')
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _quantity_name(number: NumberMention) -> str:
    """What a figure counts: "nombre de blessés", "montant en euros", "pourcentage de voix"."""
    if number.unit.startswith("%"):
        of = number.unit.partition(":")[2]
        return f"pourcentage ({of})" if of else "pourcentage"
    if number.unit in CURRENCY_NAMES:
        return f"montant en {number.noun}"
    if number.unit == DURATION:
        return "âge" if number.qualifier == AGE else "durée"
    if number.unit == "magnitude":
        return "magnitude"
    return f"nombre de {number.noun}"


# --- dates -----------------------------------------------------------------------


def _dated(statement: Statement) -> list[TimeRef]:
    """The statement's dates at the finest precision it gives (days before months, years)."""
    dated = [t for t in statement.times if t.type == "date" and (t.earliest or t.value)]
    days = [t for t in dated if _is_day(t)]
    return days or dated


def _is_day(time: TimeRef) -> bool:
    if time.value and len(time.value) >= 10:
        return True
    return bool(time.earliest and time.latest and time.earliest[:10] == time.latest[:10])


def _weekday(time: TimeRef) -> int | None:
    """The ISO weekday of a bare weekday ("mardi", "jeudi matin") no day could be given to
    (an article dated to the month only), else None."""
    parts = dict(time.parts)
    if time.kind != "weekday" or "rel" in parts or _is_day(time):
        return None
    try:
        return weekday_number(parts.get("wd", ""))
    except ValueError:
        return None


def _time_value(time: TimeRef) -> str:
    if time.value:
        return time.value
    return f"{time.earliest} – {time.latest}"


def date_contradictions(
    statements: Sequence[Statement], corpus: Corpus, aligner: Aligner | None = None
) -> list[Finding]:
    """Statements of the same event (same predicate, aligned) dated on days that cannot meet
    (``aligner``: the statements' ``Aligner``, when shared)."""
    findings = []
    seen: set[frozenset[tuple[str, int]]] = set()
    aligner = Aligner(statements) if aligner is None else aligner
    for i, j, _ in aligner.pairs(DATE_ALIGNMENT):
        a, b = statements[i], statements[j]
        if not same_predicate(a, b):
            continue
        times_a, times_b = _dated(a), _dated(b)
        if not times_a or not times_b or not all(_is_day(t) for t in (*times_a, *times_b)):
            continue
        if times_compatible(replace(a, times=tuple(times_a)), replace(b, times=tuple(times_b))):
            continue
        key = frozenset((t.article, t.start) for t in (*times_a, *times_b))
        if key in seen:
            continue
        seen.add(key)
        subject = a.predicate or "événement"
        names = [corpus.entity(e).name for e in sorted(a.entities & b.entities)]
        if names:
            subject = f"{subject} ({', '.join(names[:2])})"
        values: dict[str, list[Evidence]] = {}
        for statement, times in ((a, times_a), (b, times_b)):
            for time in times:
                values.setdefault(f"{_time_value(time)} ({time.text})", []).append(
                    make_evidence(
                        corpus, statement.article, time.start, time.end, _time_value(time)
                    )
                )
        finding = _finding(corpus, subject, "date", values)
        if finding:
            findings.append(finding)
    return findings


# --- speakers --------------------------------------------------------------------


def _quote_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def _same_person_name(a: str, b: str) -> bool:
    """Unmerged variants of one name ("Gallant" / "Yoav Gallant")."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return wa <= wb or wb <= wa


def _speaker_evidence(corpus: Corpus, quote: Quote, name: str) -> Evidence:
    if quote.speaker_start is not None and quote.speaker_end is not None:
        return make_evidence(corpus, quote.article, quote.speaker_start, quote.speaker_end, name)
    return make_evidence(corpus, quote.article, quote.start, quote.end, name)


APPOSITION_CHARS = 40  # "le maire, Julien Fabre": the name right after the description


def _names_speaker(corpus: Corpus, quote: Quote, entity: Entity) -> bool:
    """The attribution names its speaker ("a dit Josh Shapiro", "le maire, Julien Fabre"), not
    only describes them ("selon l'élu démocrate"): a description resolved to a person by
    coreference may be resolved wrongly."""
    said = quote.speaker_text or ""
    if quote.speaker_end is not None:
        after = corpus.article(quote.article).text[
            quote.speaker_end : quote.speaker_end + APPOSITION_CHARS
        ]
        said += " " + re.split(r"[.!?«»\"“”\n]", after, maxsplit=1)[0]
    words = set(re.findall(r"\w+", fold(said)))
    return any(len(w) >= 3 and w in words for w in re.findall(r"\w+", fold(entity.name)))


def described_function(text: str | None) -> str | None:
    """The office a description names ("le procureur" -> "procureur"), None when it names
    none or one that fits any office ("l'élu démocrate", "le responsable")."""
    words = re.findall(r"[\w'’-]+", fold(text or "").replace("’", "'"))
    while words and words[0] in {"le", "la", "les", "l'", "un", "une", "ce", "cet", "cette"}:
        words = words[1:]
    if words and words[0].startswith("l'"):
        words[0] = words[0][2:]
    table = titles()
    for size in range(min(max_title_words(), len(words)), 0, -1):
        title = table.get(" ".join(words[:size]))
        if title is not None:
            if title.kind != "function" or fold(title.function) in word_class("generic_role"):
                return None
            return fold(title.function)
    return None


def _functions(entity: Entity, members: set[str]) -> set[str]:
    """Every function the story's articles give a person ("gouverneur", "président")."""
    out = set()
    for role in entity.roles:
        if role.article in members:
            slot = role_slot(role)
            if slot:
                out.add(fold(slot.function))
    return out


def speaker_contradictions(story: Story, corpus: Corpus) -> list[Finding]:
    """The same quote given to different people, or to a named person by one outlet and to
    an office that person does not hold by another ("a précisé le procureur" for a governor)."""
    members = set(story.articles)
    quotes = [
        q
        for q in corpus.quotes_in(members)
        if (q.speaker and _names_speaker(corpus, q, corpus.entity(q.speaker)))
        or (not q.speaker and described_function(q.speaker_text))
    ]
    keys = [_quote_key(q.text) for q in quotes]
    parent = list(range(len(quotes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    def long_enough(key: str) -> bool:
        return len(key.split()) >= MIN_QUOTE_WORDS

    # copies of one quote are compared once: the pairs of distinct wordings, each wording with
    # its quotes (a pair of quotes joins when the shorter wording, or the earlier of two of equal
    # length, has enough words and is inside the other or close to it)
    copies: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        copies.setdefault(key, []).append(i)
    wordings = list(copies)
    for key, members_ in copies.items():
        if long_enough(key):  # a quote is inside its own copy
            for i in members_[1:]:
                join(i, members_[0])
    for x, a in enumerate(wordings):
        for b in wordings[x + 1 :]:
            if len(a) != len(b) or (long_enough(a) and long_enough(b)):
                short, long = sorted((a, b), key=len)
                if long_enough(short) and (short in long or fuzz.ratio(a, b) >= QUOTE_SIMILARITY):
                    for i in (*copies[a], *copies[b]):  # every pair of their quotes joins
                        join(i, copies[a][0])
            elif (long_enough(a) or long_enough(b)) and fuzz.ratio(a, b) >= QUOTE_SIMILARITY:
                for i in copies[a]:
                    for j in copies[b]:
                        if long_enough(keys[min(i, j)]):
                            join(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(find(i), []).append(i)
    findings = []
    for members_ in groups.values():
        speakers: dict[str, list[Quote]] = {}
        described: dict[str, list[Quote]] = {}
        for i in members_:
            if quotes[i].speaker:
                speakers.setdefault(str(quotes[i].speaker), []).append(quotes[i])
            else:
                described.setdefault(str(described_function(quotes[i].speaker_text)), []).append(
                    quotes[i]
                )
        # a news agency relays the words ("(Reuters)", "selon l'AFP"): it is not another speaker
        speakers = {
            sid: qs
            for sid, qs in speakers.items()
            if fold(corpus.entity(sid).name) not in news_agencies()
        }
        names = {sid: corpus.entity(sid).name for sid in speakers}
        distinct = list(dict.fromkeys(names.values()))
        values = {
            names[sid]: [_speaker_evidence(corpus, q, names[sid]) for q in items]
            for sid, items in speakers.items()
        }
        if len(speakers) >= 2 and not all(_same_person_name(distinct[0], n) for n in distinct[1:]):
            pass
        elif len(speakers) == 1 and described:
            # one named speaker: an office the story never gives them is another speaker
            (sid,) = speakers
            known = _functions(corpus.entity(sid), members)
            wrong = {f: qs for f, qs in described.items() if known and f not in known}
            if not wrong:
                continue
            for items in wrong.values():
                label = " ".join((items[0].speaker_text or "").split())
                values[label] = [_speaker_evidence(corpus, q, label) for q in items]
        else:
            continue
        quote = min((quotes[i] for i in members_), key=lambda q: len(q.text))
        finding = _finding(corpus, quote.text, "speaker", values)
        if finding:
            findings.append(finding)
    return findings


# --- negation --------------------------------------------------------------------


def negation_contradictions(statements: Sequence[Statement], corpus: Corpus) -> list[Finding]:
    """A claim one outlet makes and another denies, or says with an antonym (slot "negation")."""
    clause_list = claim_clauses([c for s in statements for c in clauses(s)])
    findings = []
    for i, j, reason in polarity_pairs(clause_list):
        a, b = clause_list[i], clause_list[j]
        if reason == "negation":
            labels = {id(s): ("négation" if denies(s) else "affirmation") for s in (a, b)}
        else:
            pair = opposite_words(a, b) or ("", "")
            labels = {id(a): pair[0], id(b): pair[1]}
        values = {
            labels[id(s)]: [
                make_evidence(
                    corpus,
                    s.article,
                    s.start,
                    s.end,
                    POLARITY_VALUES.get(labels[id(s)], labels[id(s)]),
                )
            ]
            for s in (a, b)
        }
        finding = _finding(
            corpus,
            _short_title(min((a, b), key=lambda s: len(s.text)).text),
            "negation",
            values,
            POLARITY_CONFIDENCE,
            _short_title(min((a, b), key=lambda s: len(s.text)).text),
        )
        if finding:
            findings.append(finding)
    return findings


# two sentences state one claim but for a pair of antonyms when the shorter one's anchors are said
# at this share by the other (findings.claim_share: same lemma, paraphrase or inflection) and
# they align at ANTONYM_ALIGNMENT (calibrated on DACCORD dev: 7 contradictory pairs, no compatible
# one; on news-dev and the sample no sentence pair reaches it)
ANTONYM_SHARE = 0.75
ANTONYM_ALIGNMENT = 0.1


def antonym_contradictions(
    statements: Sequence[Statement],
    corpus: Corpus,
    found: Sequence[Finding] = (),
    aligner: Aligner | None = None,
) -> list[Finding]:
    """Two sentences saying one claim, one with a word whose antonym the other says, words as
    written and their inflections included ("l'Etat soutenant le terrorisme" / "l'Etat combattant
    le terrorisme", "avant son entrée en vigueur" / "après son entrée en vigueur"), neither
    denying it (slot negation). The clause pass (``negation_contradictions``) asks the shorter
    clause's content words to be all but said; a sentence says more around its claim, so its
    share is counted as corroboration counts it. Pairs a finding of ``found`` already quotes are
    left out. ``aligner``: the statements' ``Aligner``, when shared.

    Only pairs where one sentence says a word the other's antonyms need are scored
    (``polarity.opposition_keys``, looked up in an index), not every aligned pair."""
    from recoupe.compare.findings import claim_share, denies  # findings imports this module

    quoted: dict[str, list[tuple[int, int]]] = {}
    for f in found:
        for e in f.evidence:
            quoted.setdefault(e.article, []).append((e.start, e.end))
    aligner = Aligner(statements) if aligner is None else aligner
    keys = [opposition_keys(s) for s in statements]
    having: dict[object, list[int]] = {}
    for j, (_, has) in enumerate(keys):
        for key in has:
            having.setdefault(key, []).append(j)
    # opposite_forms(a, b) is None unless a's needs meet b's words: the pairs (i < j) it may find
    candidates = sorted(
        {
            (i, j)
            for i, (needs, _) in enumerate(keys)
            for key in needs
            for j in having.get(key, ())
            if j > i and statements[j].article != statements[i].article
        }
    )
    findings = []
    for i, j in candidates:
        if aligner.score(i, j) < ANTONYM_ALIGNMENT:
            continue
        a, b = statements[i], statements[j]
        if a.outlet == b.outlet or denies(a) != denies(b):
            continue
        pair = opposite_forms(a, b)
        if not pair or claim_share(a, b) < ANTONYM_SHARE:
            continue
        if any(x < s.end and s.start < y for s in (a, b) for x, y in quoted.get(s.article, ())):
            continue
        title = _short_title(min((a, b), key=lambda s: len(s.text)).text)
        values = {
            word: [make_evidence(corpus, s.article, s.start, s.end, word)]
            for word, s in zip(pair, (a, b), strict=True)
        }
        finding = _finding(corpus, title, "negation", values, POLARITY_CONFIDENCE, title)
        if finding:
            findings.append(finding)
    return findings


# the sentence pass asks the shorter sentence's content words to be all but said (polarity
# MIN_CONTAINED) and the denial to bear on a word the other says, so it may take sentences
# aligned lower than the clause pass (0.25): on DACCORD dev 0.15 finds one more contradictory
# pair than 0.25 (0.1 the same), and no compatible one; on news-dev, the sample and the held-out
# audit corpus none at any of them
SENTENCE_DENIAL_ALIGNMENT = 0.15


def sentence_denials(
    statements: Sequence[Statement], corpus: Corpus, found: Sequence[Finding] = ()
) -> list[Finding]:
    """Two sentences saying one claim (``polarity.opposed``: the shorter one's content words
    all but said by the other), one denying what the other affirms, where the clause pass
    (``negation_contradictions``) cannot see it because commas cut the claim into pieces
    ("Les statistiques des hospitalisations et décès, avec les statuts vaccinaux, existent
    bien" / "Les statistiques … selon le statut vaccinal n'existent pas"). The denial must bear
    on a word or a name the other sentence says outside any negation (``_affirms_denied``), and
    neither sentence may open with a condition. Pairs a finding of ``found`` already quotes are
    left out (slot negation)."""
    from recoupe.compare.findings import _affirms_denied, denies  # findings imports this module

    quoted: dict[str, list[tuple[int, int]]] = {}
    for f in found:
        for e in f.evidence:
            quoted.setdefault(e.article, []).append((e.start, e.end))
    kept = [s for s in statements if not conditional(s)]
    table = antonyms()
    findings = []
    for i, j, reason in polarity_pairs(kept, SENTENCE_DENIAL_ALIGNMENT):
        a, b = kept[i], kept[j]
        if reason != "negation":
            continue
        denier, other = (a, b) if denies(a) else (b, a)
        if not _affirms_denied(denier, other):
            continue
        if any(w in table and w not in denier.lemmas for w in other.lemmas):
            continue  # a word of the antonym table may say the denial ("il est impossible que")
        if any(x < s.end and s.start < y for s in (a, b) for x, y in quoted.get(s.article, ())):
            continue
        values = {
            ("négation" if s is denier else "affirmation"): [
                make_evidence(
                    corpus,
                    s.article,
                    s.start,
                    s.end,
                    POLARITY_VALUES.get("négation" if s is denier else "affirmation"),
                )
            ]
            for s in (a, b)
        }
        title = _short_title(min((a, b), key=lambda s: len(s.text)).text)
        finding = _finding(corpus, title, "negation", values, POLARITY_CONFIDENCE, title)
        if finding:
            findings.append(finding)
    return findings


PLACE_CONFIDENCE = 0.6


@functools.cache
def _countries() -> frozenset[str]:
    """Folded country names (those of ``fr/data/demonyms.tsv``)."""
    return frozenset(fold(country) for country in demonyms().values())


def _country_ids(corpus: Corpus, statement: Statement) -> dict[str, str]:
    return {
        e: corpus.entity(e).name
        for e in statement.entities
        if fold(corpus.entity(e).name) in _countries()
    }


def place_contradictions(
    statements: Sequence[Statement], corpus: Corpus, aligner: Aligner | None = None
) -> list[Finding]:
    """One claim said alike by two outlets but for its country ("les photos ont été prises en
    Ukraine" / "… prises en Russie"): each names a country the other does not (slot place).
    ``aligner``: the statements' ``Aligner``, when shared."""
    findings = []
    aligner = Aligner(statements) if aligner is None else aligner
    for i, j, _ in aligner.pairs(POLARITY_PLACE_ALIGNMENT):
        a, b = statements[i], statements[j]
        if a.outlet == b.outlet or denies(a) != denies(b) or opposite_words(a, b):
            continue
        countries_a, countries_b = _country_ids(corpus, a), _country_ids(corpus, b)
        # one country each, not the same one
        if (
            len(countries_a) != 1
            or len(countries_b) != 1
            or countries_a.keys() == countries_b.keys()
        ):
            continue
        short, long = sorted((a, b), key=lambda s: len(s.lemmas))
        if contained(short, long) < MIN_CONTAINED:
            continue
        values: dict[str, list[Evidence]] = {}
        for statement, countries in ((a, countries_a), (b, countries_b)):
            ((entity, name),) = countries.items()
            values[name] = [
                make_evidence(corpus, statement.article, start, end, name)
                for start, end, mentioned in statement.mentions
                if mentioned == entity
            ]
        title = _short_title(min((a, b), key=lambda s: len(s.text)).text)
        finding = _finding(corpus, title, "place", values, PLACE_CONFIDENCE, title)
        if finding:
            findings.append(finding)
    return findings


def _one_stated_date(statement: Statement) -> TimeRef | None:
    """The statement's only date, when it names a day, a month or a year ("en 2018")."""
    dated = [t for t in statement.times if t.type == "date" and (t.value or t.earliest)]
    if len(dated) != 1:
        return None
    time = dated[0]
    stated = _is_day(time) or bool(time.value and re.fullmatch(r"\d{4}(?:-\d{2})?", time.value))
    return time if stated else None


def swapped_dates(
    statements: Sequence[Statement], corpus: Corpus, aligner: Aligner | None = None
) -> list[Finding]:
    """One claim said alike by two outlets but for its date, each giving one date that cannot
    meet the other's ("prises en février 2022" / "prises en 2018"; slot date). ``aligner``: the
    statements' ``Aligner``, when shared."""
    findings = []
    aligner = Aligner(statements) if aligner is None else aligner
    for i, j, _ in aligner.pairs(POLARITY_PLACE_ALIGNMENT):
        a, b = statements[i], statements[j]
        if a.outlet == b.outlet or denies(a) != denies(b) or opposite_words(a, b):
            continue
        time_a, time_b = _one_stated_date(a), _one_stated_date(b)
        if time_a is None or time_b is None or fold(time_a.text) == fold(time_b.text):
            continue  # the same words dated apart: a reading of the text, not of the outlets
        if times_compatible(replace(a, times=(time_a,)), replace(b, times=(time_b,))):
            continue
        short, long = sorted((a, b), key=lambda s: len(s.lemmas))
        if contained(short, long) < MIN_CONTAINED:
            continue
        values = {
            f"{_time_value(t)} ({t.text})": [
                make_evidence(corpus, t.article, t.start, t.end, _time_value(t))
            ]
            for t in (time_a, time_b)
        }
        title = _short_title(min((a, b), key=lambda s: len(s.text)).text)
        finding = _finding(corpus, title, "date", values, DATE_CONFIDENCE, title)
        if finding:
            findings.append(finding)
    return findings


def story_contradictions(
    story: Story, corpus: Corpus, statements: Sequence[Statement]
) -> list[Finding]:
    """Every contradiction of a story, slot by slot, each reported once."""
    figures = _figures(statements, corpus)  # read once for the number and source checks
    # the sentences' aligner, shared: places and swapped dates find their pairs once
    aligner = Aligner(statements)
    return _distinct(
        [
            *role_contradictions(story, corpus),
            *number_contradictions(statements, corpus, figures),
            *grouped_dates(date_contradictions(statements, corpus, aligner), corpus),
            *speaker_contradictions(story, corpus),
            *source_contradictions(statements, corpus, figures),
            *(negations := negation_contradictions(statements, corpus)),
            *(antonyms := antonym_contradictions(statements, corpus, negations, aligner)),
            *sentence_denials(statements, corpus, (*negations, *antonyms)),
            *place_contradictions(statements, corpus, aligner),
            *swapped_dates(statements, corpus, aligner),
        ]
    )


def grouped_dates(findings: Sequence[Finding], corpus: Corpus) -> list[Finding]:
    """Pairwise date findings of one event merged into one finding per event, grouped by value."""
    merged: dict[str, dict[str, list[Evidence]]] = {}
    for finding in findings:
        groups = merged.setdefault(finding.subject, {})
        for evidence in finding.evidence:
            label = next((g for g in groups if groups[g][0].value == evidence.value), None)
            items = groups.setdefault(label or f"{evidence.value} ({evidence.text})", [])
            if all((e.article, e.start) != (evidence.article, evidence.start) for e in items):
                items.append(evidence)
    out = []
    for subject, groups in merged.items():
        grouped = _finding(corpus, subject, "date", groups, DATE_CONFIDENCE)
        if grouped:
            out.append(grouped)
    return out


def _candidate_pairs(figures: Sequence[_Figure], indices: Sequence[int]) -> set[tuple[int, int]]:
    """Pairs of figures sharing a context stem or a word of their statement, looked up in an
    index by word: the work grows with the figures that share words, never with all pairs."""
    index: dict[str, list[int]] = {}
    for i in indices:
        keys = {"c:" + fold(w)[:CONTEXT_PREFIX] for w in figures[i].context} | {
            "l:" + w for w in figures[i].statement.lemmas
        }
        for key in keys:
            index.setdefault(key, []).append(i)
    return {(i, j) for members in index.values() for i in members for j in members if i < j}


def _components(
    items: Sequence[int], links: Sequence[tuple[int, int, float]], strengths: dict[int, float]
) -> dict[int, list[int]]:
    """Connected items (union-find), by root; ``strengths`` gets each root's strongest link."""
    parent = {i: i for i in items}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in links:
        parent[find(i)] = find(j)
    for i, _, strength in links:
        root = find(i)
        strengths[root] = max(strengths.get(root, 0.0), strength)
    components: dict[int, list[int]] = {}
    for i in items:
        components.setdefault(find(i), []).append(i)
    return components


def _distinct(findings: Sequence[Finding]) -> list[Finding]:
    """Findings without the later ones of a slot that cite the same words in two articles."""
    out: list[Finding] = []
    # the evidence of the findings kept, by slot and article: (start, end, position in ``out``),
    # looked up instead of testing every finding kept against every evidence of the new one
    kept: dict[tuple[str, str], list[tuple[int, int, int]]] = {}
    for finding in findings:
        spans = {(e.article, e.start, e.end) for e in finding.evidence}
        # the articles in which each kept finding overlaps this one
        overlapping: dict[int, set[str]] = {}
        for a, s, e in spans:
            for start, end, k in kept.get((finding.slot, a), ()):
                if start < e and s < end:
                    overlapping.setdefault(k, set()).add(a)
        if not any(len(articles) >= 2 for articles in overlapping.values()):
            for ev in finding.evidence:
                kept.setdefault((finding.slot, ev.article), []).append((ev.start, ev.end, len(out)))
            out.append(finding)
    return out


def minority_spans(findings: Sequence[Finding]) -> list[tuple[str, int, int]]:
    """Evidence of every value but the one most outlets give (when one value has a clear majority).

    Corroboration may cite the majority value of a contradiction, never another one.
    """
    out = []
    for finding in findings:
        if finding.slot not in {"number", "date"} or not finding.values:
            continue
        counts = sorted((len(g.sources) for g in finding.values), reverse=True)
        clear = counts[0] >= 2 and (len(counts) == 1 or counts[0] > counts[1])
        majority = max(finding.values, key=lambda g: len(g.sources)).value if clear else None
        out += [(e.article, e.start, e.end) for e in finding.evidence if e.value != majority]
    return out
