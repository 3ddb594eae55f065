"""``recoupe ingest``: read inputs, analyse what is new (here or on Dask), store, relink."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from recoupe.ingest import IngestOptions, read_inputs
from recoupe.nlp.pipeline import PipelineOptions
from recoupe.store.store import IngestProgress, IngestResult, Store

DEFAULT_BATCH_SIZE = 32


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
    """Add the articles of files, directories or archives to the store at ``db``.

    Inputs are read lazily (a WARC of any size streams through), articles
    already stored are skipped by content hash, the rest are analysed in
    batches (on Dask workers when ``dask`` is a scheduler address or
    ``local``) and each batch is committed on its own. Stories and findings
    are relinked at the end.
    """
    from recoupe.batch import open_analyser

    items = read_inputs(paths, ingest_options or IngestOptions())
    with Store(db) as store, open_analyser(pipeline_options, dask) as analyser:
        return store.ingest(items, analyser, batch_size=batch_size, progress=progress)
