"""The store as the web app's data source (``recoupe serve --db``): the ``ReportSource`` protocol.

The web app sits above the store: this module imports ``recoupe.store``, never the reverse.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from recoupe.model import Article, Entity, Quote, Rejected, Report, Story
from recoupe.serve.source import SNIPPET_CONTEXT, Added, SearchHit, narrow_to_story
from recoupe.store import Store

if TYPE_CHECKING:
    from recoupe.nlp.pipeline import PipelineOptions
    from recoupe.serve.worker import AnalysisWorker
    from recoupe.store.incremental import Changes


class StoreSource:
    """Reads the linked report from the database; uploads are ingested, then the store relinked.

    The report is read once and kept until an upload changes it. Search runs on
    the database's full-text index (FTS5 / tsvector), then places each match in
    the article text so the app can highlight the exact words.

    An upload (NLP, storing, relinking) runs in ``worker`` (a process, see
    :mod:`recoupe.serve.worker`; in the calling thread without one) and never
    holds the lock readers take: pages keep being served from the last linked
    report, which is swapped for the new one when the upload is done. Uploads
    run one at a time.
    """

    def __init__(
        self,
        db: str | Path | None = None,
        pipeline: PipelineOptions | None = None,
        worker: AnalysisWorker | None = None,
    ) -> None:
        self.store = Store(db)
        self._pipeline = pipeline
        self._worker = worker
        self._lock = threading.RLock()  # guards the first load of the report only
        self._uploads = threading.Lock()
        self._report: Report | None = None
        self._version = -1  # of the derived tables self._report was read at

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
        self.store.close()

    def report(self) -> Report:
        with self._lock:
            if self._report is None:
                if self.store.needs_relink():
                    self.store.relink()
                self._report, self._version = self.store.versioned_report()
            return self._report

    def stories(self) -> Sequence[Story]:
        return self.report().stories

    def story(self, story_id: str) -> Report | None:
        return narrow_to_story(self.report(), story_id)

    def entity(self, entity_id: str) -> Entity | None:
        try:
            return self.report().entity(entity_id)
        except KeyError:
            return None

    def quotes_by_speaker(self, entity_id: str) -> Sequence[Quote]:
        return tuple(q for q in self.report().quotes if q.speaker == entity_id)

    def search(self, query: str, limit: int = 50) -> Sequence[SearchHit]:
        """Quotes first, then the places in article text where the query (or its words) occur."""
        report = self.report()
        texts = {a.id: a.text for a in report.articles}
        speakers = {(q.article, q.start, q.end): q.speaker for q in report.quotes}
        quotes: list[SearchHit] = []
        matches: list[SearchHit] = []
        for hit in self.store.search(query, limit):
            text = texts.get(hit.article)
            if text is None:
                continue
            if hit.kind == "quote":
                speaker = speakers.get((hit.article, hit.start, hit.end))
                quotes.append(
                    SearchHit("quote", hit.article, hit.start, hit.end, hit.text, speaker=speaker)
                )
                continue
            # the store placed the match: the same words as over a report
            start, end = hit.start, hit.end
            before = text[max(0, start - SNIPPET_CONTEXT) : start]
            after = text[end : end + SNIPPET_CONTEXT]
            matches.append(
                SearchHit("article", hit.article, start, end, text[start:end], before, after)
            )
        return [*quotes, *matches][:limit]

    def add_articles(self, articles: Sequence[Article], rejected: Sequence[Rejected] = ()) -> Added:
        from recoupe.serve.worker import ingest_job, run_job

        with self._uploads:
            result = run_job(
                self._worker, ingest_job, self.store.url, [*rejected, *articles], self._pipeline
            )
            report, version = self._after(result.changes)
            self._report, self._version = report, version  # readers see the old or the new one
            return Added(report, result.added, result.rejected, result.duplicates)

    def _after(self, changes: Changes | None) -> tuple[Report, int]:
        """The report after an upload: the one held, with the rows its incremental relink
        rewrote read in (proportional to the upload), or else read whole, in one snapshot."""
        previous = self._report
        if changes is not None and previous is not None and self._version == changes.before:
            updated = self.store.updated_report(previous, changes)
            if updated is not None:
                return updated, changes.after
        return self.store.versioned_report()
