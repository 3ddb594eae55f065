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


def _pick(fact: Fact) -> Statement:
    """Body before headline, reported speech before quotes, then the shorter."""
    return min(fact.statements, key=lambda s: (s.headline, s.quoted, len(s.text) > MAX_CHARS, len(s.text)))


def _item(fact: Fact, statement: Statement) -> dict[str, Any]:
    return {
        "text": " ".join(statement.text.split()),
        "sources": list(fact.outlets),
        "evidence": [{"article": s.article, "start": s.start, "end": s.end} for s in fact.statements],
    }


def story_brief(all_facts: Sequence[Fact], corpus: Corpus, max_items: int = MAX_ITEMS) -> tuple[dict[str, Any], ...]:
    corroborated = sorted(
        (f for f in all_facts if len(f.outlets) >= 2),
        key=lambda f: (-len(f.outlets), min(s.index for s in f.statements)),
    )
    single = [
        f
        for f in all_facts
        if len(f.outlets) == 1
        and any(s.entities and (s.numbers or len(s.entities) >= 2) and not s.headline for s in f.statements)
    ]
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for group, limit in ((corroborated, max_items), (single, MAX_SINGLE_SOURCE)):
        taken = 0
        for fact in group:
            if len(items) >= max_items or taken >= limit:
                break
            statement = _pick(fact)
            if statement.text in seen or len(statement.lemmas) < 3:
                continue
            seen.add(statement.text)
            items.append(_item(fact, statement))
            taken += 1
    return tuple(items)
