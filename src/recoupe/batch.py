"""The distributed runner: per-article NLP in this process, in worker processes, or on Dask.

Each runner is a :data:`~recoupe.store.BatchAnalyser`: it takes batches of
articles and yields, in the same order, one list of ``ArticleAnalysis`` or
``Rejected`` per batch. Only plain model data crosses processes. Every worker
loads the spaCy pipeline once (``nlp.pipeline.load_pipeline`` is cached per
process) and keeps it for all the batches it gets. At most ``window`` batches
are in flight, so memory stays bounded however long the input stream is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from recoupe.model import Article, ArticleAnalysis, Rejected
from recoupe.nlp.pipeline import PipelineOptions, analyse_local

Results = list[ArticleAnalysis | Rejected]
BatchAnalyser = Callable[[Iterable[Sequence[Article]]], Iterator[Results]]

LOCAL_CLUSTER = "local"


def analyse_batch(articles: Sequence[Article], options: PipelineOptions) -> Results:
    """The task a worker runs: one batch through the (cached) pipeline."""
    if not articles:
        return []
    return analyse_local(list(articles), options)


def _in_order(
    submit: Callable[[Sequence[Article]], Any], batches: Iterable[Sequence[Article]], window: int
) -> Iterator[Results]:
    """Submit batches, keep ``window`` in flight, yield results in submission order."""
    in_flight: deque[Any] = deque()
    for batch in batches:
        in_flight.append(submit(batch))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def local_analyser(options: PipelineOptions | None = None) -> BatchAnalyser:
    """Batches analysed here (``n_process`` 1) or on a pool of worker processes."""
    options = options or PipelineOptions()

    def run(batches: Iterable[Sequence[Article]]) -> Iterator[Results]:
        if options.n_process <= 1:
            for batch in batches:
                yield analyse_batch(batch, options)
            return
        with ProcessPoolExecutor(max_workers=options.n_process) as pool:

            def submit(batch: Sequence[Article]) -> Future[Results]:
                return pool.submit(analyse_batch, list(batch), options)

            yield from _in_order(submit, batches, window=2 * options.n_process)

    return run


def dask_analyser(client: Any, options: PipelineOptions | None = None) -> BatchAnalyser:
    """Batches analysed as tasks on the workers of a ``distributed.Client``."""
    options = options or PipelineOptions()
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    def run(batches: Iterable[Sequence[Article]]) -> Iterator[Results]:
        def submit(batch: Sequence[Article]) -> Any:
            # pure=False: two equal batches are still two tasks (no result sharing).
            return client.submit(analyse_batch, list(batch), options, pure=False)

        yield from _in_order(submit, batches, window=2 * workers)

    return run


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


@contextmanager
def open_analyser(
    options: PipelineOptions | None = None, dask: str | None = None, n_workers: int = 2
) -> Iterator[BatchAnalyser]:
    """The runner chosen by the CLI: Dask when ``dask`` is given, else local processes."""
    options = options or PipelineOptions()
    if dask:
        with dask_client(dask, n_workers) as client:
            yield dask_analyser(client, options)
    else:
        yield local_analyser(options)
