"""Relinking: entities, stories and findings recomputed from stored analyses (no NLP run again).

Only the stories that changed are compared again; the others keep their stored
findings (see :func:`unchanged_stories`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from recoupe.corpus import Corpus
from recoupe.model import Article, ArticleAnalysis, Duplicate, Entity, Rejected, Report, Story


def relinked_report(
    previous: Report,
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    rejected: Sequence[Rejected],
    duplicates: Sequence[Duplicate],
) -> Report:
    """The report of the stored inputs, reusing ``previous`` comparisons of unchanged stories."""
    from recoupe.api import build_report

    reuse = unchanged_stories(previous) if previous.stories else None
    return build_report(articles, analyses, rejected, duplicates, reuse=reuse)


def _story_signature(entities: Iterable[Entity], articles: frozenset[str]) -> frozenset[Any]:
    """What a story's comparison reads of the entities: who is who inside its articles.

    Entity ids are left out (they may be renumbered when the corpus grows); each
    entity counts by its name, type, country, mentions and roles in the story.
    """
    signature = set()
    for entity in entities:
        mentions = frozenset((m.article, m.start, m.end) for m in entity.mentions if m.article in articles)
        if not mentions:
            continue
        roles = frozenset((r.article, r.start, r.end, r.key) for r in entity.roles if r.article in articles)
        signature.add((entity.name, entity.type, entity.country, mentions, roles))
    return frozenset(signature)


def unchanged_stories(previous: Report) -> Callable[[Story, Corpus], Story | None]:
    """Reuse a stored story's comparison when its articles and their entities are unchanged."""
    by_articles = {frozenset(story.articles): story for story in previous.stories}

    def reuse(story: Story, corpus: Corpus) -> Story | None:
        articles = frozenset(story.articles)
        old = by_articles.get(articles)
        if old is None:
            return None
        if _story_signature(previous.entities, articles) != _story_signature(corpus.entities, articles):
            return None
        return replace(story, findings=old.findings, coverage=old.coverage, brief=old.brief)

    return reuse
