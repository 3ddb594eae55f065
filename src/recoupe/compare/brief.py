"""The brief: a short extractive summary of a story, each sentence citing its sources.

Corroborated facts come first (most outlets first), then facts a single outlet
reports that name someone or give a figure. Sentences are quoted from the
articles as written; a sentence is never repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from recoupe.compare.statements import Fact, Statement
from recoupe.corpus import Corpus

MAX_ITEMS = 6
MAX_SINGLE_SOURCE = 2
MAX_CHARS = 320
MIN_WORDS = 6
# a sentence cited to several outlets must be mostly the claim they share: a clause of a
# long sentence ("L'état de santé des blessés …, a déclaré le colonel dans le journal de
# midi") would credit every outlet with words only one wrote
MIN_SHARED_SHARE = 0.6


def _pick(fact: Fact) -> Statement:
    """A sentence mostly made of the shared claim, body before headline, reported speech
    before quotes, then the shorter."""
    return min(
        fact.statements,
        key=lambda s: (
            not _mostly_shared(s),
            s.headline,
            s.quoted,
            len(s.text) > MAX_CHARS,
            len(s.text),
        ),
    )


def _sentence(statement: Statement) -> tuple[int, int]:
    return statement.sentence or (statement.start, statement.end)


def _item(fact: Fact, statement: Statement, corpus: Corpus) -> dict[str, Any]:
    start, end = _sentence(statement)
    return {
        "text": " ".join(corpus.article(statement.article).text[start:end].split()),
        "sources": list(fact.outlets),
        "evidence": [
            {"article": s.article, "start": s.start, "end": s.end} for s in fact.statements
        ],
    }


def _weight(fact: Fact) -> int:
    """How much the outlets share: lemmas and entities common to all its statements."""
    lemmas = frozenset.intersection(*(s.lemmas for s in fact.statements))
    entities = frozenset.intersection(*(s.entities for s in fact.statements))
    return len(lemmas) + len(entities)


def _quotable(
    statement: Statement, corpus: Corpus, disputed: Sequence[tuple[str, int, int]]
) -> bool:
    """A whole sentence that starts like one and holds no contradicted value."""
    start, end = _sentence(statement)
    text = corpus.article(statement.article).text[start:end].lstrip('"«“ ')
    if not text[:1].isalnum() or len(text.split()) < MIN_WORDS:
        return False
    return not any(a == statement.article and start < e and s < end for a, s, e in disputed)


def _mostly_shared(statement: Statement) -> bool:
    start, end = _sentence(statement)
    return (statement.end - statement.start) >= MIN_SHARED_SHARE * max(1, end - start)


def story_brief(
    all_facts: Sequence[Fact],
    corpus: Corpus,
    disputed: Sequence[tuple[str, int, int]] = (),
    max_items: int = MAX_ITEMS,
) -> tuple[dict[str, Any], ...]:
    """The brief; ``disputed`` spans (article, start, end) hold contradicted values and stay out."""
    corroborated = sorted(
        (f for f in all_facts if len(f.outlets) >= 2),
        key=lambda f: (-len(f.outlets), -_weight(f), min(s.index for s in f.statements)),
    )
    single = [
        f
        for f in all_facts
        if len(f.outlets) == 1
        and any(
            s.entities and (s.numbers or len(s.entities) >= 2) and not s.headline
            for s in f.statements
        )
    ]
    items: list[dict[str, Any]] = []
    seen: set[tuple[str, tuple[int, int]]] = set()
    for group, limit in ((corroborated, max_items), (single, MAX_SINGLE_SOURCE)):
        taken = 0
        for fact in group:
            if len(items) >= max_items or taken >= limit:
                break
            statement = _pick(fact)
            key = (statement.article, _sentence(statement))
            if (
                key in seen
                or len(statement.lemmas) < 3
                or not _quotable(statement, corpus, disputed)
                or (len(fact.outlets) >= 2 and not _mostly_shared(statement))
            ):
                continue
            seen.add(key)
            items.append(_item(fact, statement, corpus))
            taken += 1
    return tuple(items)
