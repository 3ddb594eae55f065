"""Relinking in full: entities, stories and findings recomputed from stored analyses (no NLP run again).

Used when the store keeps no link state yet (a new or older store) or when an
upload merges stored entities; otherwise :mod:`recoupe.store.incremental` links
only the new articles. Only the stories that changed are compared again; the
others keep their stored findings (see :func:`unchanged_stories`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from recoupe.corpus import Corpus
from recoupe.model import Article, ArticleAnalysis, Duplicate, Entity, Rejected, Report, Story
from recoupe.store.incremental import LinkState

if TYPE_CHECKING:
    from recoupe.batch import StoryComparer


def relinked_report(
    previous: Report | None,
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    rejected: Sequence[Rejected],
    duplicates: Sequence[Duplicate],
    last_seq: int,
    comparer: StoryComparer | None = None,
) -> tuple[Report, LinkState]:
    """The report of every stored input (the articles up to ``last_seq``), linked in full, and
    the state the next relink starts from.

    ``previous`` comparisons of unchanged stories are reused (None: every story compared); the
    others are compared by ``comparer`` when given (Dask workers), else here.
    """
    from recoupe.api import compare_corpus, link_corpus
    from recoupe.link.stories import StoryIndex

    index = StoryIndex()
    corpus = link_corpus(articles, analyses, index)
    reuse = unchanged_stories(previous) if previous is not None and previous.stories else None
    report = compare_corpus(corpus, rejected, duplicates, reuse=reuse, comparer=comparer)
    return report, LinkState.of(corpus, index, last_seq)


def compare(story: Story, corpus: Corpus) -> Story:
    """One story compared (looked up at call time, so tests can count the comparisons)."""
    import recoupe.api

    return recoupe.api.compare_story(story, corpus)


def _story_signatures(entities: Iterable[Entity]) -> Callable[[frozenset[str]], frozenset[Any]]:
    """What a story's comparison reads of the entities: who is who inside its articles.

    Entity ids are left out (they may be renumbered when the corpus grows); each
    entity counts by its name, type, country, number of mentions in the corpus (the
    coverage orders omitted entities by it), and mentions and roles in the story.
    Mentions and roles are grouped by article once, so each story's signature
    costs its own articles' entities, not a pass over every entity of the store.
    """
    mentions_in: dict[str, dict[int, list[Any]]] = defaultdict(dict)
    roles_in: dict[str, dict[int, list[Any]]] = defaultdict(dict)
    entities = list(entities)
    for number, entity in enumerate(entities):
        for m in entity.mentions:
            mentions_in[m.article].setdefault(number, []).append((m.article, m.start, m.end))
        for r in entity.roles:
            roles_in[r.article].setdefault(number, []).append((r.article, r.start, r.end, r.key))

    def signature(articles: frozenset[str]) -> frozenset[Any]:
        parts: dict[int, tuple[Entity, set[Any], set[Any]]] = {}
        for article in articles:
            for number, mentions in mentions_in.get(article, {}).items():
                parts.setdefault(number, (entities[number], set(), set()))[1].update(mentions)
        for article in articles:
            for number, roles in roles_in.get(article, {}).items():
                if number in parts:  # an entity counts where it is mentioned
                    parts[number][2].update(roles)
        return frozenset(
            (
                entity.name,
                entity.type,
                entity.country,
                len(entity.mentions),
                frozenset(mentions),
                frozenset(roles),
            )
            for entity, mentions, roles in parts.values()
        )

    return signature


def unchanged_stories(previous: Report) -> Callable[[Story, Corpus], Story | None]:
    """Reuse a stored story's comparison when its articles and their entities are unchanged."""
    by_articles = {frozenset(story.articles): story for story in previous.stories}
    before = _story_signatures(previous.entities)
    after: dict[int, Callable[[frozenset[str]], frozenset[Any]]] = {}

    def reuse(story: Story, corpus: Corpus) -> Story | None:
        articles = frozenset(story.articles)
        old = by_articles.get(articles)
        if old is None:
            return None
        if id(corpus) not in after:  # one corpus per relink: its entities grouped once
            after.clear()
            after[id(corpus)] = _story_signatures(corpus.entities)
        if before(articles) != after[id(corpus)](articles):
            return None
        return replace(story, findings=old.findings, coverage=old.coverage, brief=old.brief)

    return reuse
