"""Ingesting inputs into the store: plan what is new, analyse it in batches, commit batch by batch.

Each batch of analysed articles is committed in one transaction with its
analyses, search documents and rejections: a process killed at any moment
leaves whole batches or nothing, and the next run picks up the rest. Articles
already stored (same content hash) are counted, not analysed again. The NLP
runs through :mod:`recoupe.batch` (here, in worker processes, or on Dask).
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from recoupe.batch import (
    BatchAnalyser,
    Results,
    StoryComparer,
    local_analyser,
    open_runners,
    split_results,
)
from recoupe.ingest import IngestOptions, is_internal_error, read_inputs
from recoupe.model import Article, Duplicate, Rejected
from recoupe.store import rows, writes
from recoupe.store.locking import with_write_lock
from recoupe.store.store import Store

if TYPE_CHECKING:
    from recoupe.nlp.pipeline import PipelineOptions

DEFAULT_BATCH_SIZE = 32


@dataclass
class IngestResult:
    """What one ingest did; counts of this run only."""

    added: int = 0
    unchanged: int = 0  # same content at the same path: already stored
    duplicates: int = 0  # same content as a stored article at another path
    rejected: int = 0
    batches: int = 0
    stories: int | None = None  # after relinking; None when not relinked
    rejections: list[Rejected] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)
    duplicate_items: list[Duplicate] = field(default_factory=list)

    def taken(self) -> int:
        """Inputs that ended up as stored articles (added now or already there)."""
        return self.added + self.unchanged + self.duplicates

    def summary(self) -> str:
        from recoupe.render.counts import plural

        text = (
            f"{self.added} added, {self.unchanged} unchanged, {plural(self.duplicates, 'duplicate')}, "
            f"{self.rejected} rejected"
        )
        bugs = sum(is_internal_error(r) for r in self.rejections)
        text += f" ({bugs} internal errors: please report them)" if bugs else ""
        return text + (f", {plural(self.stories, 'story')}" if self.stories is not None else "")


IngestProgress = Callable[[IngestResult], None]


@dataclass
class _Batch:
    articles: list[Article] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


@dataclass
class _InFlight:
    """Articles planned but not committed yet: their content hashes and ids."""

    by_hash: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    def add(self, content: str, article_id: str, path: str | None) -> None:
        self.by_hash[content] = (article_id, path)
        self.ids.add(article_id)

    def remove(self, hashes: Iterable[str]) -> None:
        for content in hashes:
            known = self.by_hash.pop(content, None)
            if known is not None:
                self.ids.discard(known[0])


def ingest_items(
    store: Store,
    items: Iterable[Article | Rejected],
    analyse: BatchAnalyser | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    relink: bool = True,
    progress: IngestProgress | None = None,
    comparer: StoryComparer | None = None,
) -> IngestResult:
    """Add new articles incrementally: analyse those not stored yet, commit batch by batch
    (stories compared again by ``comparer`` when given, else here)."""
    analyse = analyse or local_analyser()
    result = IngestResult()
    planned: deque[_Batch] = deque()
    flight = _InFlight()

    def article_batches() -> Iterator[list[Article]]:
        for batch in _plan(store, items, max(1, batch_size), flight, result):
            planned.append(batch)
            yield batch.articles

    for results in analyse(article_batches()):
        batch = planned.popleft()
        _commit(store, batch, results, result)
        flight.remove(batch.hashes)
        if progress:
            progress(result)
    if relink and store.needs_relink():
        result.stories = store.relink(comparer=comparer)
    elif relink:
        result.stories = store.counts()["stories"]  # nothing new: the stories as they stand
    return result


def ingest_paths(
    db: str | Path | None,
    paths: Iterable[str | Path],
    *,
    ingest_options: IngestOptions | None = None,
    pipeline_options: PipelineOptions | None = None,
    dask: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: IngestProgress | None = None,
) -> IngestResult:
    """``recoupe ingest``: add the articles of files, directories or archives to the store at ``db``.

    Inputs are read lazily (a WARC of any size streams through), articles
    already stored are skipped by content hash, the rest are analysed in
    batches (on Dask workers when ``dask`` is a scheduler address or
    ``local``) and each batch is committed on its own. Stories and findings
    are relinked at the end.
    """
    items = read_inputs(paths, ingest_options or IngestOptions())
    from recoupe.compare.findings import compare_story

    runners = open_runners(compare_story, pipeline_options, dask)
    with Store(db) as store, runners as (analyser, comparer):
        return ingest_items(
            store, items, analyser, batch_size=batch_size, progress=progress, comparer=comparer
        )


def _plan(
    store: Store,
    items: Iterable[Article | Rejected],
    batch_size: int,
    flight: _InFlight,
    result: IngestResult,
) -> Iterator[_Batch]:
    """Batches of articles to analyse; stored or in-flight content is counted, not queued."""
    batch = _Batch()
    for item in items:
        if isinstance(item, Rejected):
            batch.rejected.append(item)
            continue
        content = rows.content_hash(item.text)
        # A short connection per lookup: it sees the batches committed meanwhile.
        with store.engine.connect() as conn:
            known = flight.by_hash.get(content) or writes.stored_by_hash(conn, content)
            article_id = None if known else writes.free_id(conn, item.id, flight.ids)
        if known is not None:
            known_id, known_path = known
            if item.path is not None and item.path == known_path:
                result.unchanged += 1
            else:
                batch.duplicates.append(Duplicate(item.path or item.id, known_id))
            continue
        if article_id is not None and article_id != item.id:
            item = dataclasses.replace(item, id=article_id)
        flight.add(content, item.id, item.path)
        batch.articles.append(item)
        batch.hashes.append(content)
        if len(batch.articles) >= batch_size:
            yield batch
            batch = _Batch()
    if batch.articles or batch.rejected or batch.duplicates:
        yield batch


def _commit(store: Store, batch: _Batch, results: Results, result: IngestResult) -> None:
    analysed = split_results(batch.articles, results)
    failed = [*batch.rejected, *analysed.rejected]
    # Under the write lock: what another process stored meanwhile is seen and skipped.
    pairs = analysed.pairs()
    added = with_write_lock(
        store.engine, lambda conn: writes.insert_inputs(conn, pairs, failed, batch.duplicates)
    )
    result.added += len(added)
    result.added_ids.extend(added)
    result.rejected += len(failed)
    result.rejections.extend(failed)
    result.duplicates += len(batch.duplicates)
    result.duplicate_items.extend(batch.duplicates)
    result.batches += 1
