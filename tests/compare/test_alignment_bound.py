"""Aligning the statements of a large story looks at a bounded number of pairs, not all of them."""

from __future__ import annotations

import random

from recoupe.compare.statements import Aligner, Statement

COMMON = ("dire", "ville", "annoncer", "jour")  # words every sentence of the story uses


def _statement(article: int, index: int, words: list[str]) -> Statement:
    return Statement(
        article=f"a{article}",
        outlet=f"Outlet {article}",
        start=index * 100,
        end=index * 100 + 80,
        text=" ".join(words),
        lemmas=frozenset(words),
        predicate=None,
        negated=False,
        entities=frozenset(),
        index=index,
    )


def _story(articles: int, sentences: int, shared_facts: int) -> list[Statement]:
    """Sentences that all share the common words; ``shared_facts`` facts are told in every article."""
    rng = random.Random(7)
    out = []
    for a in range(articles):
        for s in range(sentences):
            if s < shared_facts:
                own = [f"fait{s}x", f"fait{s}y", f"fait{s}z"]
            else:
                own = [f"w{a}_{s}_{k}_{rng.randrange(10**6)}" for k in range(4)]
            out.append(_statement(a, s, [*COMMON, *own]))
    return out


def test_candidates_grow_with_the_facts_shared_not_with_all_pairs() -> None:
    articles, sentences, shared = 60, 20, 3
    statements = _story(articles, sentences, shared)
    aligner = Aligner(statements)
    candidates = aligner.candidates()
    all_pairs = len(statements) * (len(statements) - 1) // 2  # 719,400: what sharing a word gave
    told_everywhere = shared * articles * (articles - 1) // 2  # the pairs that truly align
    assert len(candidates) == told_everywhere
    assert len(candidates) < all_pairs / 100
    # nothing is lost: every pair that aligns is a candidate, and the shared facts align
    pairs = aligner.pairs()
    assert {(i, j) for i, j, _ in pairs} <= set(candidates)
    assert len(pairs) == told_everywhere


def test_candidates_hold_every_pair_an_exhaustive_search_finds() -> None:
    rng = random.Random(3)
    vocabulary = [f"mot{k}" for k in range(40)]
    statements = [
        _statement(rng.randrange(12), i, rng.sample(vocabulary, rng.randrange(2, 9)))
        for i in range(150)
    ]
    aligner = Aligner(statements)
    for threshold in (0.15, 0.2, 0.3):
        exhaustive = {
            (i, j)
            for i in range(len(statements))
            for j in range(i + 1, len(statements))
            if statements[i].article != statements[j].article and aligner.score(i, j) >= threshold
        }
        assert exhaustive <= set(aligner.candidates(threshold))
        assert {(i, j) for i, j, _ in aligner.pairs(threshold)} == exhaustive
