"""The linked corpus: what link/ writes and compare/ reads (plain data)."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from recoupe.model import Article, ArticleAnalysis, Entity, Quote, Sentence, Story, TimeRef


class SentenceSpill:
    """The sentences and quotes of a corpus's analyses in a temporary file, read back one
    article at a time.

    Sentences are most of an analysis (lemmas, offsets) and only the comparison of a story
    reads them once linking is done; an analysis's quotes are a second copy of the corpus's
    own (which name speakers by global entity id). So a large corpus is compared story by
    story with both here rather than in memory (see :meth:`Corpus.spill`). The file is
    unnamed and goes away with this object.
    """

    def __init__(self, analyses: Iterable[ArticleAnalysis]) -> None:
        # open while the stories are compared, closed (and gone) with this object
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._at: dict[str, tuple[int, int]] = {}
        offset = 0
        for analysis in analyses:
            data = pickle.dumps(
                (analysis.sentences, analysis.quotes), protocol=pickle.HIGHEST_PROTOCOL
            )
            self._file.write(data)
            self._at[analysis.article] = (offset, len(data))
            offset += len(data)
        self._file.flush()

    def _read(self, article_id: str) -> tuple[tuple[Sentence, ...], tuple[Quote, ...]]:
        offset, size = self._at[article_id]
        spilled: tuple[tuple[Sentence, ...], tuple[Quote, ...]] = pickle.loads(
            os.pread(self._file.fileno(), size, offset)
        )
        return spilled

    def sentences(self, article_id: str) -> tuple[Sentence, ...]:
        return self._read(article_id)[0]

    def restore(self, analysis: ArticleAnalysis) -> ArticleAnalysis:
        """The analysis with its sentences and quotes back (as it was before the spill)."""
        if analysis.article not in self._at:
            return analysis
        sentences, quotes = self._read(analysis.article)
        return replace(analysis, sentences=sentences, quotes=quotes)


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]
    analyses: tuple[ArticleAnalysis, ...]
    entities: tuple[Entity, ...]
    key_map: dict[tuple[str, str], str]  # (article id, LocalEntity key) -> entity id
    quotes: tuple[Quote, ...] = ()  # speakers are global entity ids
    times: tuple[TimeRef, ...] = ()
    stories: tuple[Story, ...] = ()
    _articles_by_id: dict[str, Article] = field(default_factory=dict, compare=False, repr=False)
    _analyses_by_id: dict[str, ArticleAnalysis] = field(
        default_factory=dict, compare=False, repr=False
    )
    _entities_by_id: dict[str, Entity] = field(default_factory=dict, compare=False, repr=False)
    # per-article lookups, built on first use (never passed on by ``replace``: init=False)
    _by_article: dict[str, dict[str, list[int]]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _entities_by_article: dict[str, set[str]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _keys_by_article: dict[str, list[tuple[str, str]]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    # where the analyses' sentences were put aside (:meth:`spill`); None: the analyses hold them
    spilled: SentenceSpill | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._articles_by_id.update({a.id: a for a in self.articles})
        self._analyses_by_id.update({a.article: a for a in self.analyses})
        self._entities_by_id.update({e.id: e for e in self.entities})

    def article(self, article_id: str) -> Article:
        return self._articles_by_id[article_id]

    def analysis(self, article_id: str) -> ArticleAnalysis:
        return self._analyses_by_id[article_id]

    def entity(self, entity_id: str) -> Entity:
        return self._entities_by_id[entity_id]

    def entity_of(self, article_id: str, local_key: str | None) -> str | None:
        if local_key is None:
            return None
        return self.key_map.get((article_id, local_key))

    def _positions(self, kind: str, article_id: str) -> list[int]:
        """Positions, in corpus order, of the article's quotes, times or role holders."""
        if not self._by_article:
            index: dict[str, dict[str, list[int]]] = {"quotes": {}, "times": {}, "roles": {}}
            for k, quote in enumerate(self.quotes):
                index["quotes"].setdefault(quote.article, []).append(k)
            for k, time in enumerate(self.times):
                index["times"].setdefault(time.article, []).append(k)
            for k, entity in enumerate(self.entities):
                for article in dict.fromkeys(r.article for r in entity.roles):
                    index["roles"].setdefault(article, []).append(k)
            self._by_article.update(index)
            for (article, key), entity_id in self.key_map.items():
                self._entities_by_article.setdefault(article, set()).add(entity_id)
                self._keys_by_article.setdefault(article, []).append((key, entity_id))
        return self._by_article[kind].get(article_id, [])

    def _gather(self, kind: str, article_ids: Iterable[str]) -> list[int]:
        ids = list(dict.fromkeys(article_ids))
        if len(ids) == 1:
            return self._positions(kind, ids[0])
        return sorted(k for a in ids for k in self._positions(kind, a))

    def quotes_in(self, article_ids: Iterable[str]) -> list[Quote]:
        """The quotes of these articles, in corpus order (a lookup, not a scan of the corpus)."""
        return [self.quotes[k] for k in self._gather("quotes", article_ids)]

    def times_in(self, article_ids: Iterable[str]) -> list[TimeRef]:
        """The time expressions of these articles, in corpus order."""
        return [self.times[k] for k in self._gather("times", article_ids)]

    def role_holders_in(self, article_ids: Iterable[str]) -> list[Entity]:
        """Entities with a role in these articles, in corpus order."""
        return [self.entities[k] for k in self._gather("roles", article_ids)]

    def entities_in(self, article_ids: Iterable[str]) -> set[str]:
        """The entity ids these articles mention (through ``key_map``)."""
        self._positions("quotes", "")
        return {e for a in article_ids for e in self._entities_by_article.get(a, ())}

    def spill(self) -> Corpus:
        """The corpus with its analyses' sentences and quotes in a temporary file
        (:class:`SentenceSpill`):
        for the comparison of a large corpus, which reads them one story at a time through
        :meth:`for_story` or :meth:`restricted`."""
        if self.spilled is not None:
            return self
        spill = SentenceSpill(self.analyses)
        stripped = tuple(replace(a, sentences=(), quotes=()) for a in self.analyses)
        # a map of its own (``replace`` would pass this corpus's on, and update it)
        return replace(self, analyses=stripped, spilled=spill, _analyses_by_id={})

    def for_story(self, story: Story, entity_order: dict[str, int] | None = None) -> Corpus:
        """What the comparison of ``story`` reads: the corpus itself, or when spilled the
        story's part with its sentences read back (:meth:`restricted`)."""
        return self if self.spilled is None else self.restricted(story, entity_order)

    def restricted(self, story: Story, entity_order: dict[str, int] | None = None) -> Corpus:
        """The part of the corpus one story's comparison reads: its articles, their analyses,
        quotes, times and key map, and the entities they name, in corpus order. Built from
        lookups (never a pass over the corpus), so it can be shipped to a worker per story.

        ``entity_order``: each entity id's position in ``entities``, computed once by a caller
        that restricts many stories.
        """
        ids = list(dict.fromkeys(story.articles))
        self._positions("quotes", "")
        order = entity_order or {e.id: k for k, e in enumerate(self.entities)}
        named = self.entities_in(ids) | {e.id for e in self.role_holders_in(ids)}
        return Corpus(
            articles=tuple(self.article(a) for a in ids),
            analyses=tuple(
                self.spilled.restore(self.analysis(a)) if self.spilled else self.analysis(a)
                for a in ids
                if a in self._analyses_by_id
            ),
            entities=tuple(self.entity(e) for e in sorted(named, key=order.__getitem__)),
            key_map={
                (a, key): entity_id
                for a in ids
                for key, entity_id in self._keys_by_article.get(a, ())
            },
            quotes=tuple(self.quotes_in(ids)),
            times=tuple(self.times_in(ids)),
            stories=(story,),
        )
