"""Where the web app reads its data: the ``ReportSource`` protocol and its in-memory version.

The web app only talks to a :class:`ReportSource`. :class:`InMemorySource`
serves an analysed report (``recoupe serve --report report.json``); the store
implements the same protocol over its database (``recoupe serve --db``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from recoupe.fr.search import find_matches, parse_query
from recoupe.model import (
    Article,
    ArticleAnalysis,
    Duplicate,
    Entity,
    Quote,
    Rejected,
    Report,
    Story,
)

if TYPE_CHECKING:
    from recoupe.nlp.pipeline import PipelineOptions
    from recoupe.serve.worker import AnalysisWorker

SNIPPET_CONTEXT = 80


@dataclass(frozen=True)
class SearchHit:
    """One match: in an article's text or in a quote, with offsets into the article."""

    kind: Literal["article", "quote"]
    article: str
    start: int  # of the match (article hits) or of the quote (quote hits)
    end: int
    text: str  # the matched words, or the whole quote
    before: str = ""  # context shown before and after the match
    after: str = ""
    speaker: str | None = None  # entity id of a quote's speaker


@dataclass(frozen=True)
class Added:
    """What an upload changed: the new report and the inputs that were not taken."""

    report: Report
    added: tuple[str, ...]  # article ids
    rejected: tuple[Rejected, ...]
    duplicates: tuple[Duplicate, ...]


@runtime_checkable
class ReportSource(Protocol):
    """What the web app reads and writes; the store implements it over its database."""

    def report(self) -> Report:
        """The whole report as it stands now."""
        ...

    def stories(self) -> Sequence[Story]: ...

    def story(self, story_id: str) -> Report | None:
        """The report narrowed to one story (see :func:`narrow_to_story`), or None."""
        ...

    def entity(self, entity_id: str) -> Entity | None: ...

    def quotes_by_speaker(self, entity_id: str) -> Sequence[Quote]: ...

    def search(self, query: str, limit: int = 50) -> Sequence[SearchHit]:
        """Case- and accent-insensitive matches in article text and quotes."""
        ...

    def add_articles(self, articles: Sequence[Article], rejected: Sequence[Rejected] = ()) -> Added:
        """Analyse new articles and re-link the whole corpus (stories, findings)."""
        ...


def narrow_to_story(report: Report, story_id: str) -> Report | None:
    """A report holding one story with its articles, and the entities, quotes, times in them."""
    story = next((s for s in report.stories if s.id == story_id), None)
    if story is None:
        return None
    ids = set(story.articles)
    entities = tuple(e for e in report.entities if any(m.article in ids for m in e.mentions))
    return Report(
        articles=tuple(a for a in report.articles if a.id in ids),
        entities=entities,
        quotes=tuple(q for q in report.quotes if q.article in ids),
        times=tuple(t for t in report.times if t.article in ids),
        stories=(story,),
    )


def search_report(report: Report, query: str, limit: int = 50) -> list[SearchHit]:
    """Quotes first (whole quotes that match), then matches in article text.

    The query means what it means over the store (:mod:`recoupe.fr.search`).
    """
    parsed = parse_query(query)
    hits: list[SearchHit] = []
    for quote in report.quotes:
        if find_matches(quote.text, parsed):
            hits.append(
                SearchHit(
                    "quote",
                    quote.article,
                    quote.start,
                    quote.end,
                    quote.text,
                    speaker=quote.speaker,
                )
            )
    for article in report.articles:
        for start, end in find_matches(article.text, parsed):
            before = article.text[max(0, start - SNIPPET_CONTEXT) : start]
            after = article.text[end : end + SNIPPET_CONTEXT]
            hits.append(
                SearchHit("article", article.id, start, end, article.text[start:end], before, after)
            )
    return hits[:limit]


class InMemorySource:
    """A report held in memory; uploads are analysed and the corpus re-linked.

    Readers never wait for an upload: the analysis runs in ``worker`` (a process,
    see :mod:`recoupe.serve.worker`; in the calling thread without one), and the
    new report replaces the old one in a single assignment once it is complete.
    Uploads run one at a time.
    """

    def __init__(
        self,
        report: Report,
        analyses: Sequence[ArticleAnalysis] = (),
        worker: AnalysisWorker | None = None,
        pipeline: PipelineOptions | None = None,
    ) -> None:
        self._report = report
        self._analyses = {a.article: a for a in analyses}
        self._worker = worker
        self._pipeline = pipeline
        self._uploads = threading.Lock()

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()

    def report(self) -> Report:
        return self._report

    def stories(self) -> Sequence[Story]:
        return self._report.stories

    def story(self, story_id: str) -> Report | None:
        return narrow_to_story(self._report, story_id)

    def entity(self, entity_id: str) -> Entity | None:
        try:
            return self._report.entity(entity_id)
        except KeyError:
            return None

    def quotes_by_speaker(self, entity_id: str) -> Sequence[Quote]:
        return tuple(q for q in self._report.quotes if q.speaker == entity_id)

    def search(self, query: str, limit: int = 50) -> Sequence[SearchHit]:
        return search_report(self._report, query, limit)

    def add_articles(self, articles: Sequence[Article], rejected: Sequence[Rejected] = ()) -> Added:
        from recoupe.ingest import deduplicate
        from recoupe.serve.worker import analyse_and_link_job, run_job

        with self._uploads:
            current = self._report
            kept, _, duplicates = deduplicate([*current.articles, *articles])
            known = {a.id for a in current.articles}
            new = [a for a in kept if a.id not in known]
            if not new:  # nothing to analyse: keep the linked report as it is
                self._report = replace(
                    current,
                    rejected=(*current.rejected, *rejected),
                    duplicates=(*current.duplicates, *duplicates),
                )
                return Added(self._report, (), tuple(rejected), tuple(duplicates))
            job = run_job(
                self._worker,
                analyse_and_link_job,
                kept,
                dict(self._analyses),
                [*current.rejected, *rejected],
                [*current.duplicates, *duplicates],
                self._pipeline,
            )
            self._analyses.update(job.analyses)
            self._report = job.report  # one assignment: readers see the old or the new report
            failed = (*rejected, *job.failed)
            added = tuple(a.id for a in new if a.id in self._analyses)
            return Added(job.report, added, failed, tuple(duplicates))
