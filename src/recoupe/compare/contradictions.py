"""Contradictions inside a story, slot by slot: role, number, date, speaker, negation.

Each finding names the subject, the slot, the conflicting values with their
outlets, and carries an evidence span (with its ``value``) from every article
involved. Differences of precision ("plus de 300" / "312") and the same role
worded differently are compatible, never contradictions. Checks also run
inside one article (a headline against its own body).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from recoupe.compare.statements import (
    CURRENCIES,
    Aligner,
    NumberMention,
    Statement,
    outlet_of,
    same_predicate,
    times_compatible,
)
from recoupe.corpus import Corpus
from recoupe.fr.lexicon import word_class
from recoupe.fr.text import fold
from recoupe.model import Entity, Evidence, Finding, Quote, Role, Story, TimeRef

DATE_ALIGNMENT = 0.3  # minimum alignment of two statements dated apart
NUMBER_CONTEXT = 0.2  # minimum statement alignment for two figures to count the same thing
NEGATION_OVERLAP = 0.5
CURRENCY_NAMES = frozenset(CURRENCIES.values())
QUOTE_SIMILARITY = 90.0
MIN_QUOTE_WORDS = 4
ROLE_STOPWORDS = word_class("role_stopword")


def make_evidence(corpus: Corpus, article_id: str, start: int, end: int, value: str | None = None) -> Evidence:
    """Evidence whose text is exactly the article's characters [start:end]."""
    return Evidence(article_id, start, end, corpus.article(article_id).text[start:end], value)


def _outlets(corpus: Corpus, articles: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(outlet_of(corpus.article(a)) for a in articles))


def _summary(subject: str, slot: str, groups: Sequence[tuple[str, Sequence[str]]]) -> str:
    parts = [f"“{value}” ({', '.join(outlets)})" for value, outlets in groups]
    return f"{subject}: {slot} differs — " + " vs ".join(parts)


def _finding(
    corpus: Corpus,
    subject: str,
    slot: str,
    groups: dict[str, list[Evidence]],
) -> Finding:
    """One contradiction from value -> evidence (values in first-seen order)."""
    summary_groups = [
        (value, _outlets(corpus, (e.article for e in evidence))) for value, evidence in groups.items()
    ]
    evidence = tuple(e for items in groups.values() for e in items)
    return Finding(
        kind="contradiction",
        subject=subject,
        slot=slot,
        summary=_summary(subject, slot, summary_groups),
        evidence=evidence,
        sources=_outlets(corpus, (e.article for e in evidence)),
    )


# --- roles -----------------------------------------------------------------------


@dataclass(frozen=True)
class RoleSlot:
    """What makes two roles comparable (function) and what can differ (what it is of)."""

    function: str
    of: frozenset[str]  # words of the portfolio, else of the organisation


OF_RE = re.compile(r"\b(?:de la|de l['’]|du|des|de|d['’]|à la|à l['’]|aux|au|à|chargée? de l['’]?|chargée? de la|chargée? du|chargée? des)\s*", re.IGNORECASE)


def _words(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset()
    return frozenset(w for w in re.findall(r"\w+", fold(text).replace("_", " ")) if w not in ROLE_STOPWORDS)


def _names_something(title: str) -> bool:
    """The title names an organisation or place (a capitalised word after its first word)."""
    return any(word[:1].isupper() for word in title.split()[1:])


def role_slot(role: Role) -> RoleSlot | None:
    """The role's function and what it is of, from its parts (or its title when parts are empty)."""
    parts = role.parts
    if parts.function:
        of = _words(parts.portfolio)
        if not of and _names_something(role.title):
            # only a named organisation is comparable: "le club" may well be "l'US Saint-Méran"
            of = _words(parts.organization)
        return RoleSlot(fold(parts.function), of)
    title = fold(role.title)
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


def role_contradictions(story: Story, corpus: Corpus) -> list[Finding]:
    members = set(story.articles)
    findings = []
    for entity in corpus.entities:
        if entity.type != "person":
            continue
        roles = [r for r in entity.roles if r.article in members]
        by_function: dict[str, list[tuple[RoleSlot, Role]]] = {}
        for role in roles:
            slot = role_slot(role)
            if slot and slot.of:
                by_function.setdefault(slot.function, []).append((slot, role))
        for items in by_function.values():
            finding = _role_finding(corpus, entity, items)
            if finding:
                findings.append(finding)
    return findings


def _role_finding(corpus: Corpus, entity: Entity, items: list[tuple[RoleSlot, Role]]) -> Finding | None:
    # group roles whose "of" parts are compatible; two incompatible groups = a contradiction
    groups: list[tuple[frozenset[str], list[Role]]] = []
    for slot, role in items:
        for i, (of, members) in enumerate(groups):
            if _compatible_of(of, slot.of) or (role.key and any(m.key == role.key for m in members)):
                groups[i] = (of | slot.of, [*members, role])
                break
        else:
            groups.append((slot.of, [role]))
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


def _may_compare(a: Statement, b: Statement) -> bool:
    """Across articles always; inside one article only a headline against its body."""
    return a.article != b.article or a.headline != b.headline


def number_contradictions(statements: Sequence[Statement], corpus: Corpus) -> list[Finding]:
    aligner = Aligner(statements)
    mentions = [(k, s, n) for k, s in enumerate(statements) for n in s.numbers]
    best: dict[tuple[int, str, bool], tuple[int, float]] = {}
    for i, (k1, s1, n1) in enumerate(mentions):
        for j, (k2, s2, n2) in enumerate(mentions):
            if i == j or n1.unit != n2.unit or not _may_compare(s1, s2):
                continue
            score = aligner.score(k1, k2) + (0.01 if n1.compatible(n2) else 0.0)
            if score < NUMBER_CONTEXT:
                continue
            key = (i, s2.article, s2.headline)
            if score > best.get(key, (-1, 0.0))[1]:
                best[key] = (j, score)
    parent = list(range(len(mentions)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    conflicting: set[int] = set()
    for (i, _, _), (j, _) in best.items():
        _, s1, n1 = mentions[i]
        _, s2, n2 = mentions[j]
        mutual = best.get((j, s1.article, s1.headline), (-1, 0.0))[0] == i
        if mutual and not n1.compatible(n2):
            parent[find(i)] = find(j)
            conflicting |= {i, j}
    components: dict[int, list[int]] = {}
    for i in sorted(conflicting):
        components.setdefault(find(i), []).append(i)
    findings = []
    for members in components.values():
        labels: dict[float, str] = {}
        values: dict[str, list[Evidence]] = {}
        for i in members:
            _, statement, number = mentions[i]
            label = labels.setdefault(number.value, number.figure)
            values.setdefault(label, []).append(
                make_evidence(corpus, statement.article, number.start, number.end, number.figure)
            )
        if len(values) >= 2:
            findings.append(_finding(corpus, _quantity_name(mentions[members[0]][2]), "number", values))
    return findings


def _quantity_name(number: NumberMention) -> str:
    """What a figure counts: "nombre de blessés", "montant en euros", "pourcentage de voix"."""
    if number.unit.startswith("%"):
        of = number.unit.partition(":")[2]
        return f"pourcentage ({of})" if of else "pourcentage"
    if number.unit in CURRENCY_NAMES:
        return f"montant en {number.noun}"
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


def _time_value(time: TimeRef) -> str:
    if time.value:
        return time.value
    return f"{time.earliest} – {time.latest}"


def date_contradictions(statements: Sequence[Statement], corpus: Corpus) -> list[Finding]:
    """Statements of the same event (same predicate, aligned) dated on days that cannot meet."""
    findings = []
    seen: set[frozenset[tuple[str, int]]] = set()
    aligner = Aligner(statements)
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
                    make_evidence(corpus, statement.article, time.start, time.end, _time_value(time))
                )
        findings.append(_finding(corpus, subject, "date", values))
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


def speaker_contradictions(story: Story, corpus: Corpus) -> list[Finding]:
    members = set(story.articles)
    quotes = [q for q in corpus.quotes if q.article in members and q.speaker]
    keys = [_quote_key(q.text) for q in quotes]
    parent = list(range(len(quotes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            short, long = sorted((keys[i], keys[j]), key=len)
            if len(short.split()) < MIN_QUOTE_WORDS:
                continue
            if short in long or fuzz.ratio(keys[i], keys[j]) >= QUOTE_SIMILARITY:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(find(i), []).append(i)
    findings = []
    for members_ in groups.values():
        speakers: dict[str, list[Quote]] = {}
        for i in members_:
            speakers.setdefault(str(quotes[i].speaker), []).append(quotes[i])
        names = {sid: corpus.entity(sid).name for sid in speakers}
        distinct = list(dict.fromkeys(names.values()))
        if len(speakers) < 2 or all(_same_person_name(distinct[0], n) for n in distinct[1:]):
            continue
        values = {
            names[sid]: [_speaker_evidence(corpus, q, names[sid]) for q in items]
            for sid, items in speakers.items()
        }
        quote = min((quotes[i] for i in members_), key=lambda q: len(q.text))
        findings.append(_finding(corpus, quote.text, "speaker", values))
    return findings


# --- negation --------------------------------------------------------------------


def negation_contradictions(statements: Sequence[Statement], corpus: Corpus) -> list[Finding]:
    findings = []
    for i, j, _ in Aligner(statements).mutual_best():
        a, b = statements[i], statements[j]
        if a.negated == b.negated or not same_predicate(a, b) or not (a.entities & b.entities):
            continue
        if len(a.lemmas & b.lemmas) * 2 / max(1, len(a.lemmas) + len(b.lemmas)) < NEGATION_OVERLAP:
            continue
        values = {
            ("négation" if s.negated else "affirmation"): [
                make_evidence(corpus, s.article, s.start, s.end, "negated" if s.negated else "affirmed")
            ]
            for s in (a, b)
        }
        findings.append(_finding(corpus, a.predicate or "énoncé", "negation", values))
    return findings


def story_contradictions(story: Story, corpus: Corpus, statements: Sequence[Statement]) -> list[Finding]:
    """Every contradiction of a story, slot by slot."""
    return [
        *role_contradictions(story, corpus),
        *number_contradictions(statements, corpus),
        *date_contradictions(statements, corpus),
        *speaker_contradictions(story, corpus),
        *negation_contradictions(statements, corpus),
    ]
