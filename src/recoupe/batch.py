"""The one runner of the per-article NLP: in this process, in worker processes, or on Dask.

``analyze``, ``ingest``, the web app and Dask all go through here. Each runner
is a :data:`BatchAnalyser`: it takes batches of articles and yields, in the
same order, one list of ``ArticleAnalysis`` or ``Rejected`` per batch. Only
plain model data crosses processes. Every worker loads the spaCy pipeline once
(``nlp.pipeline.load_pipeline`` is cached per process) and keeps it for all the
batches it gets. At most ``window`` batches are in flight, so memory stays
bounded however long the input stream is. :func:`split_results` is the one
place that tells analysed articles from rejected ones.

The NLP (spaCy) is imported only when a batch is analysed, so the store and
the web app can import this module cheaply.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from recoupe.corpus import dumps
from recoupe.model import Article, ArticleAnalysis, Rejected, Story

if TYPE_CHECKING:
    from recoupe.corpus import Corpus
    from recoupe.nlp.pipeline import PipelineOptions

Results = list[ArticleAnalysis | Rejected]
BatchAnalyser = Callable[[Iterable[Sequence[Article]]], Iterator[Results]]
ProgressCallback = Callable[[int], None]  # articles done since the last call
# the comparison of stories of a linked corpus: one compared Story per story, in order
StoryComparer = Callable[[Sequence[Story], "Corpus"], Iterator[Story]]
# the comparison of one story (compare.findings.compare_story, given by the caller: this
# module runs it but never imports compare/)
CompareOne = Callable[[Story, "Corpus"], Story]
STORIES_PER_TASK = 8  # stories compared in one Dask task (small stories cost less than a task)

LOCAL_CLUSTER = "local"
# worker processes ``analyze`` starts when not told: one per usable core, at most this many
# (each worker holds a parsed batch and its share of the model)
MAX_DEFAULT_JOBS = 4
Item = TypeVar("Item")


def default_jobs() -> int:
    """Worker processes for the NLP when not told: one per core this process may use (at most 4)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_JOBS))


def _default_options(options: PipelineOptions | None) -> PipelineOptions:
    if options is not None:
        return options
    from recoupe.nlp.pipeline import PipelineOptions

    return PipelineOptions()


def analyse_batch(articles: Sequence[Article], options: PipelineOptions) -> Results:
    """The task a worker runs: one batch through the (cached) pipeline."""
    if not articles:
        return []
    from recoupe.nlp.pipeline import analyse_local

    return analyse_local(list(articles), options)


def analyse_packed(articles: Sequence[Article], options: PipelineOptions) -> bytes:
    """:func:`analyse_batch` on a worker process, its results pickled by their fields
    (:func:`recoupe.corpus.dumps`, read back with ``pickle.loads``): restored through their
    ``__dict__``, as default pickling does, every object of an analysis would keep a dict
    of its own, about a fifth more memory for what a large corpus holds while it is linked."""
    return dumps(analyse_batch(articles, options))


def _in_order(submit: Callable[[Item], Any], batches: Iterable[Item], window: int) -> Iterator[Any]:
    """Submit batches, keep ``window`` in flight, yield results in submission order."""
    in_flight: deque[Any] = deque()
    for batch in batches:
        in_flight.append(submit(batch))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


class WorkerPool:
    """The worker processes of one run, shared by the NLP and the comparison of stories.

    Started on first use only (a corpus of one batch never pays for it). On Linux the
    default model is loaded here first and the workers are forked from this process,
    so they start with it loaded and share its pages (weights, vectors, strings)
    instead of each reading its own copy.
    """

    def __init__(
        self,
        workers: int,
        options: PipelineOptions | None = None,
        preload: Callable[[], object] | None = None,
    ) -> None:
        self.workers = max(1, workers)
        self.options = _default_options(options)
        self.preload = preload  # what else the workers read, loaded here before the fork
        self._executor: ProcessPoolExecutor | None = None

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = None
            if sys.platform == "linux":  # fork is safe and cheap there; macOS and Windows spawn
                _preload(self.options)
                if self.preload is not None:
                    self.preload()
                context = multiprocessing.get_context("fork")
            self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None


def _preload(options: PipelineOptions) -> None:
    """Load the pipeline of the default language here, before the workers are forked."""
    from recoupe.nlp.pipeline import pipeline_for

    pipeline_for("fr", options)


@contextmanager
def worker_pool(
    workers: int,
    options: PipelineOptions | None = None,
    preload: Callable[[], object] | None = None,
) -> Iterator[WorkerPool]:
    pool = WorkerPool(workers, options, preload)
    try:
        yield pool
    finally:
        pool.close()


def local_analyser(
    options: PipelineOptions | None = None, pool: WorkerPool | None = None
) -> BatchAnalyser:
    """Batches analysed here (``n_process`` 1, or a single batch) or on worker processes
    (``pool``, else a pool of ``n_process`` workers started for this stream)."""
    chosen = _default_options(options)

    def run(batches: Iterable[Sequence[Article]]) -> Iterator[Results]:
        stream = iter(batches)
        head = list(itertools.islice(stream, 2))
        workers = pool.workers if pool is not None else chosen.n_process
        if workers <= 1 or len(head) <= 1:  # a pool is not worth starting
            for batch in itertools.chain(head, stream):
                yield analyse_batch(batch, chosen)
            return
        with (
            contextlib.nullcontext(pool) if pool is not None else worker_pool(workers, chosen)
        ) as used:
            executor = used.executor()

            def submit(batch: Sequence[Article]) -> Future[bytes]:
                return executor.submit(analyse_packed, list(batch), chosen)

            packed = _in_order(submit, itertools.chain(head, stream), window=2 * workers)
            yield from map(pickle.loads, packed)

    return run


def dask_analyser(client: Any, options: PipelineOptions | None = None) -> BatchAnalyser:
    """Batches analysed as tasks on the workers of a ``distributed.Client``."""
    chosen = _default_options(options)
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    def run(batches: Iterable[Sequence[Article]]) -> Iterator[Results]:
        def submit(batch: Sequence[Article]) -> Any:
            # pure=False: two equal batches are still two tasks (no result sharing).
            return client.submit(analyse_packed, list(batch), chosen, pure=False)

        yield from map(pickle.loads, _in_order(submit, batches, window=2 * workers))

    return run


def batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive batches of ``size`` articles, read lazily from the stream."""
    stream = iter(articles)
    while batch := list(itertools.islice(stream, max(1, size))):
        yield batch


def analyse_articles(
    articles: Iterable[Article],
    options: PipelineOptions | None = None,
    progress: ProgressCallback | None = None,
    analyser: BatchAnalyser | None = None,
) -> Iterator[ArticleAnalysis | Rejected]:
    """One result per article, in order, through ``analyser`` (default: :func:`local_analyser`).

    Articles are read lazily in batches of ``options.batch_size``; with
    ``n_process`` > 1 at most ``2 * n_process`` batches are in flight.
    """
    chosen = _default_options(options)
    run = analyser or local_analyser(chosen)
    for results in run(batched(articles, chosen.batch_size)):
        if progress:
            progress(len(results))
        yield from results


@dataclass(frozen=True)
class Analysed:
    """Articles split by the outcome of their analysis."""

    articles: tuple[Article, ...] = ()
    analyses: tuple[ArticleAnalysis, ...] = ()
    rejected: tuple[Rejected, ...] = ()

    def pairs(self) -> list[tuple[Article, ArticleAnalysis]]:
        return list(zip(self.articles, self.analyses, strict=True))


def split_results(
    articles: Iterable[Article], results: Iterable[ArticleAnalysis | Rejected]
) -> Analysed:
    """Pair each article with its result: analysed ones kept, failed ones as their ``Rejected``."""
    kept: list[Article] = []
    analyses: list[ArticleAnalysis] = []
    rejected: list[Rejected] = []
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Rejected):
            rejected.append(result)
        else:
            kept.append(article)
            analyses.append(result)
    return Analysed(tuple(kept), tuple(analyses), tuple(rejected))


@contextmanager
def dask_client(scheduler: str, n_workers: int = 2) -> Iterator[Any]:
    """A client on ``scheduler`` (``tcp://host:8786``), or on a LocalCluster for ``local``."""
    from distributed import Client, LocalCluster  # optional heavy dependency

    if scheduler == LOCAL_CLUSTER:
        with (
            LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
    else:
        with Client(scheduler) as client:
            yield client


def local_comparer(compare: CompareOne) -> StoryComparer:
    """Each story compared here, one after the other."""

    def run(stories: Sequence[Story], corpus: Corpus) -> Iterator[Story]:
        order = {e.id: k for k, e in enumerate(corpus.entities)} if corpus.spilled else None
        for story in stories:
            yield compare(story, corpus.for_story(story, order))

    return run


def dask_comparer(
    client: Any, compare: CompareOne, stories_per_task: int = STORIES_PER_TASK
) -> StoryComparer:
    """Stories compared as tasks on the workers of a ``distributed.Client``, in order.

    Stories are independent: each task gets a few stories with only the part of the
    corpus they read (:meth:`Corpus.restricted`), never the whole corpus, and at most
    two tasks per worker are in flight.
    """
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    def run(stories: Sequence[Story], corpus: Corpus) -> Iterator[Story]:
        order = {e.id: k for k, e in enumerate(corpus.entities)}
        batches = [
            list(stories[k : k + stories_per_task])
            for k in range(0, len(stories), max(1, stories_per_task))
        ]

        def submit(batch: Sequence[Story]) -> Any:
            parts = [corpus.restricted(story, order) for story in batch]
            return client.submit(_compare_parts, compare, list(batch), parts, pure=False)

        for compared in _in_order(submit, batches, window=2 * workers):
            yield from compared

    return run


def _compare_parts(
    compare: CompareOne, stories: Sequence[Story], parts: Sequence[Corpus]
) -> list[Story]:
    """A Dask task: each story compared against its own part of the corpus."""
    return [compare(story, part) for story, part in zip(stories, parts, strict=True)]


def pool_comparer(pool: WorkerPool, compare: CompareOne) -> StoryComparer:
    """Stories compared on the worker processes of ``pool``, one story per task, given back
    in order.

    Each task gets its story and only the part of the corpus the story reads
    (:meth:`Corpus.restricted`: references here, pickled only when a worker is free to take
    it), at most two tasks per worker at a time. The largest stories go first, so that no
    worker is left with a big one at the end while the other waits; a corpus of one story is
    compared here.
    """
    window = 2 * pool.workers

    def run(stories: Sequence[Story], corpus: Corpus) -> Iterator[Story]:
        if pool.workers <= 1 or len(stories) <= 1:
            yield from local_comparer(compare)(stories, corpus)
            return
        executor = pool.executor()
        order = {e.id: k for k, e in enumerate(corpus.entities)}
        waiting = deque(sorted(range(len(stories)), key=lambda k: -len(stories[k].articles)))
        running: dict[Future[list[Story]], int] = {}
        compared: dict[int, list[Story]] = {}
        for k in range(len(stories)):
            while k not in compared:
                # at most ``window`` parts built at a time: each may hold its story's sentences
                # read back from a spill (Corpus.spill)
                while waiting and len(running) < window:
                    story = stories[waiting[0]]
                    part = corpus.restricted(story, order)
                    running[executor.submit(_compare_parts, compare, [story], [part])] = (
                        waiting.popleft()
                    )
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    compared[running.pop(future)] = future.result()
            yield from compared.pop(k)

    return run


@contextmanager
def open_runners(
    compare: CompareOne,
    options: PipelineOptions | None = None,
    dask: str | None = None,
    n_workers: int = 2,
    preload: Callable[[], object] | None = None,
) -> Iterator[tuple[BatchAnalyser, StoryComparer]]:
    """The NLP runner and the runner of ``compare`` over stories: both on one Dask client
    when ``dask`` is given, else on one pool of ``options.n_process`` worker processes
    (here when 1; ``preload``: what ``compare`` reads, loaded before the pool forks)."""
    chosen = _default_options(options)
    if dask:
        with dask_client(dask, n_workers) as client:
            yield dask_analyser(client, chosen), dask_comparer(client, compare)
    elif chosen.n_process > 1:
        with worker_pool(chosen.n_process, chosen, preload) as pool:
            yield local_analyser(chosen, pool), pool_comparer(pool, compare)
    else:
        yield local_analyser(chosen), local_comparer(compare)
