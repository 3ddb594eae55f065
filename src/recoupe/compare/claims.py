"""Claims said alike: identical statements of a story compared once, not once per pair of copies.

When many outlets carry the same dispatch, each sentence appears in many
articles word for word, and every copy truly aligns with every other one: the
pairs the comparison looks at grow as the square of the story. Statements that
are the same claim (same text, words, names, figures, times, speaker and place
in the headline or body, in articles published the same day) form one class.
The first ``MAX_ALIKE`` members of a class are compared one by one, as any
statement; the others (*followers*) are not compared at all: each follows its
class's first member (its *leader*) into the facts and contradictions that
member ends up in. Below the bound nothing changes; above it the work per
claim stays bounded and a story of N copies costs N, not N².
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter

from recoupe.compare.contradictions import _finding, make_evidence
from recoupe.compare.statements import (
    ALIGN_THRESHOLD,
    Aligner,
    Fact,
    NumberMention,
    Statement,
)
from recoupe.corpus import Corpus
from recoupe.model import Evidence, Finding

MAX_ALIKE = 4  # members of one class of identical claims compared one by one


# a figure's fields but its offsets, whatever fields it gains
_FIGURE_READ = attrgetter(
    *(f.name for f in fields(NumberMention) if f.name not in {"start", "end"})
)


def signature(statement: Statement, published: str | None) -> Hashable:
    """What the comparison reads of a statement, offsets made relative: equal for copies of a claim."""
    at = statement.start
    return (
        statement.text,
        statement.lemmas,
        statement.predicate,
        statement.negated,
        statement.entities,
        statement.speaker,
        statement.quoted,
        statement.headline,
        statement.words,
        # each figure's fields, its offsets made relative (not a copy of it: a copy costs more)
        tuple((n.start - at, n.end - at, _FIGURE_READ(n)) for n in statement.numbers),
        tuple(
            (t.start - at, t.end - at, t.type, t.value, t.earliest, t.latest, t.text)
            for t in statement.times
        ),
        tuple((s - at, e - at, entity) for s, e, entity in statement.mentions),
        statement.sentence and (statement.sentence[0] - at, statement.sentence[1] - at),
        published,
    )


@dataclass
class Classes:
    """Statements split into those compared (``compared``) and followers of a compared one."""

    compared: list[Statement] = field(default_factory=list)
    # position of a leader in ``compared`` -> the statements that follow it, in story order
    followers: dict[int, list[Statement]] = field(default_factory=dict)
    # every statement's position in the story's list: (article, start, end) -> position
    position: dict[tuple[str, int, int], int] = field(default_factory=dict)


def collapse(statements: Sequence[Statement], corpus: Corpus, limit: int | None = None) -> Classes:
    """Classes of identical claims: the first ``limit`` members compared, the others following the first."""
    limit = MAX_ALIKE if limit is None else limit
    out = Classes()
    members: dict[Hashable, list[int]] = {}
    for position, statement in enumerate(statements):
        out.position[_key(statement)] = position
        same = members.setdefault(
            signature(statement, corpus.article(statement.article).published), []
        )
        if len(same) < limit:
            same.append(len(out.compared))
            out.compared.append(statement)
        else:
            out.followers.setdefault(same[0], []).append(statement)
    return out


def _key(statement: Statement) -> tuple[str, int, int]:
    return (statement.article, statement.start, statement.end)


def aligns_alone(classes: Classes, threshold: float = ALIGN_THRESHOLD) -> dict[int, bool]:
    """For each leader, whether two copies of it align (a claim of too few words does not)."""
    return {
        k: Aligner([classes.compared[k]] * 2).score(0, 1) >= threshold for k in classes.followers
    }


def following(test: Callable[[Statement], bool], classes: Classes) -> Callable[[Statement], bool]:
    """A test of compared statements that answers for a follower what it answers for its leader."""
    leaders = {
        _key(follower): classes.compared[k]
        for k, followers in classes.followers.items()
        for follower in followers
    }
    return lambda statement: test(leaders.get(_key(statement), statement))


def expand_facts(
    facts: Sequence[Fact], classes: Classes, aligns_alone: dict[int, bool]
) -> list[Fact]:
    """The facts of the compared statements, each follower added where its leader is.

    A follower joins every fact of several statements its leader is in (unless
    the fact already holds a statement of its article); a leader that aligned
    with nobody takes its followers along when copies of it align with each
    other (``aligns_alone``), else each follower is a fact of its own.
    """
    if not classes.followers:
        return list(facts)
    leader_at = {
        _key(classes.compared[k]): k for k in classes.followers
    }  # leaders by (article, start, end)
    order = classes.position
    placed: set[tuple[str, int, int]] = set()
    grouped: list[Fact] = []
    singles: list[tuple[int, Fact]] = []
    for fact in facts:
        statements = list(fact.statements)
        articles = {s.article for s in statements}
        alone = len(statements) == 1
        for member in fact.statements:
            k = leader_at.get(_key(member))
            if k is None or (alone and not aligns_alone.get(k, False)):
                continue
            for follower in classes.followers[k]:
                if follower.article not in articles:
                    statements.append(follower)
                    articles.add(follower.article)
                    placed.add(_key(follower))
        statements.sort(key=lambda s: order[_key(s)])
        expanded = Fact(tuple(statements))
        if len(statements) == 1:
            singles.append((order[_key(statements[0])], expanded))
        else:
            grouped.append(expanded)
    for followers in classes.followers.values():
        for follower in followers:
            if _key(follower) not in placed:
                singles.append((order[_key(follower)], Fact((follower,))))
    return grouped + [fact for _, fact in sorted(singles, key=lambda item: item[0])]


def expand_findings(findings: Sequence[Finding], classes: Classes, corpus: Corpus) -> list[Finding]:
    """Findings whose evidence lies in a leader, with the same evidence in each of its followers.

    The values stay grouped as they were ("47 — 3 outlets"); a follower's
    evidence joins its leader's value group, so the outlets of each value are
    counted over every copy while only the leaders were compared.
    """
    if not classes.followers:
        return list(findings)
    by_article: dict[str, list[int]] = {}
    for k in classes.followers:
        by_article.setdefault(classes.compared[k].article, []).append(k)
    out = []
    for finding in findings:
        out.append(_expanded(finding, classes, by_article, corpus) or finding)
    return out


def _expanded(
    finding: Finding, classes: Classes, by_article: dict[str, list[int]], corpus: Corpus
) -> Finding | None:
    def leader(evidence: Evidence) -> int | None:
        for k in by_article.get(evidence.article, ()):
            statement = classes.compared[k]
            if statement.start <= evidence.start and evidence.end <= statement.end:
                return k
        return None

    if all(leader(e) is None for e in finding.evidence):
        return None
    groups = _value_groups(finding)
    if groups is None:
        return None
    for evidence_list in groups.values():
        seen = {(e.article, e.start, e.end) for e in evidence_list}
        for evidence in list(evidence_list):
            k = leader(evidence)
            if k is None:
                continue
            statement = classes.compared[k]
            for follower in classes.followers[k]:
                shift = follower.start - statement.start
                span = (follower.article, evidence.start + shift, evidence.end + shift)
                if span in seen:
                    continue
                seen.add(span)
                evidence_list.append(make_evidence(corpus, *span, evidence.value))
    return _finding(
        corpus, finding.subject, finding.slot, groups, finding.confidence, finding.title
    )


def _value_groups(finding: Finding) -> dict[str, list[Evidence]] | None:
    """The finding's evidence by value label: runs of one evidence value, in the order of ``values``."""
    runs: list[list[Evidence]] = []
    for evidence in finding.evidence:
        if runs and runs[-1][0].value == evidence.value:
            runs[-1].append(evidence)
        else:
            runs.append([evidence])
    labels = [group.value for group in finding.values]
    if len(runs) != len(labels) or len(set(labels)) != len(labels):
        return None
    return {group.value: run for group, run in zip(finding.values, runs, strict=True)}


def merged_polarity(findings: Sequence[Finding], corpus: Corpus) -> list[Finding]:
    """Polarity findings of one claim merged into one, its evidence grouped by value.

    Polarity is found pair by pair: a claim that several outlets affirm and
    others deny gives one finding per pair. Findings of the same values that
    quote the same words of an article are one disagreement: they become one
    finding ("affirmation — 26 outlets · négation — 1 outlet"), placed where the
    first of them was; when every outlet gives both values, none of them is kept.
    """
    parent = list(range(len(findings)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_with: dict[tuple[object, ...], int] = {}
    for k, finding in enumerate(findings):
        if finding.slot != "negation":
            continue
        labels = frozenset(g.value for g in finding.values)
        for e in finding.evidence:
            other = first_with.setdefault((labels, e.article, e.start, e.end), k)
            parent[find(k)] = find(other)
    members: dict[int, list[int]] = {}
    for k in range(len(findings)):
        members.setdefault(find(k), []).append(k)
    out = []
    for k, finding in enumerate(findings):
        together = members[find(k)]
        if len(together) == 1:
            out.append(finding)
        elif k == together[0]:
            out.extend(_merged([findings[m] for m in together], corpus))
    return out


def _merged(findings: Sequence[Finding], corpus: Corpus) -> list[Finding]:
    groups: dict[str, list[Evidence]] = {}
    seen: set[tuple[str, int, int]] = set()
    for finding in findings:
        values = _value_groups(finding)
        if values is None:
            return list(findings)
        for label, evidence in values.items():
            items = groups.setdefault(label, [])
            for e in evidence:
                if (e.article, e.start, e.end) not in seen:
                    seen.add((e.article, e.start, e.end))
                    items.append(e)
    first = findings[0]
    merged = _finding(corpus, first.subject, first.slot, groups, first.confidence, first.title)
    # None: every outlet of one value also gives the other (an article that affirms one
    # clause and denies a close one, copied by many outlets): no two voices disagree
    return [merged] if merged else []
