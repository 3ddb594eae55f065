"""Upload analysis in a worker process, so the web app's pages never wait for the NLP.

The web app hands each upload to one long-lived worker process: spaCy, linking
and comparison run there, never on the event loop and never holding the lock
readers take, and they do not compete with request handling for the GIL.
Uploads queue and run one at a time. The worker is replaced after
``max_tasks`` uploads, which bounds its memory (spaCy's string store only grows)
at the cost of loading the model again.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from recoupe.model import Article, ArticleAnalysis, Duplicate, Rejected, Report

if TYPE_CHECKING:
    from recoupe.store.incremental import Changes

T = TypeVar("T")

DEFAULT_MAX_TASKS = 50


class AnalysisWorker:
    """One worker process running upload jobs in order; recycled every ``max_tasks`` jobs."""

    def __init__(self, max_tasks: int = DEFAULT_MAX_TASKS) -> None:
        # spawn: a fork of a threaded server (uvicorn, the thread pool) is unsafe.
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, max_tasks_per_child=max_tasks
        )

    def run(self, job: Callable[..., T], *args: Any) -> T:
        """Run ``job(*args)`` in the worker and wait for its result (call it from a thread)."""
        return self._pool.submit(job, *args).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# --- jobs: module-level functions, so they can be pickled to the worker -----------


@dataclass(frozen=True)
class StoreJobResult:
    added: tuple[str, ...]
    rejected: tuple[Rejected, ...]
    duplicates: tuple[Duplicate, ...]
    changes: Changes | None = None  # what the relink rewrote, when it was incremental


def ingest_job(db_url: str, items: Sequence[Article | Rejected], pipeline: Any) -> StoreJobResult:
    """Analyse, store and relink an upload, in the worker, over its own connection."""
    from recoupe.batch import local_analyser
    from recoupe.store import Store
    from recoupe.store.ingest import ingest_items

    with Store(db_url) as store:
        result = ingest_items(store, list(items), local_analyser(pipeline))
        changes = store.last_changes
    return StoreJobResult(
        tuple(result.added_ids), tuple(result.rejections), tuple(result.duplicate_items), changes
    )


@dataclass(frozen=True)
class LinkJobResult:
    report: Report
    analyses: dict[str, ArticleAnalysis]  # of the articles this job analysed, by id
    failed: tuple[Rejected, ...]


def analyse_and_link_job(
    articles: Sequence[Article],
    known: dict[str, ArticleAnalysis],
    rejected: Sequence[Rejected],
    duplicates: Sequence[Duplicate],
    pipeline: Any,
) -> LinkJobResult:
    """Analyse the articles without a known analysis, then link and compare all of them."""
    from recoupe.api import AnalyzeOptions, analyze_articles

    options = AnalyzeOptions() if pipeline is None else AnalyzeOptions(pipeline=pipeline)
    analyses = dict(known)  # analyze_articles adds the new analyses to it
    report = analyze_articles(articles, options, rejected, duplicates, known=analyses)
    new = {key: value for key, value in analyses.items() if key not in known}
    return LinkJobResult(report, new, tuple(report.rejected[len(rejected) :]))


def run_job(worker: AnalysisWorker | None, job: Callable[..., T], *args: Any) -> T:
    """``job`` in the worker process when there is one, else here (library use, tests)."""
    return worker.run(job, *args) if worker is not None else job(*args)
