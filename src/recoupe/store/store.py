"""The store: articles and their analyses kept in SQLite or PostgreSQL, added incrementally.

Inputs only grow, keyed by content hash, so adding the same articles again
adds nothing. ``Store`` is a small facade over one engine; each concern lives
in its own module: :mod:`~recoupe.store.writes` (persistence),
:mod:`~recoupe.store.reads`, :mod:`~recoupe.store.relink`,
:mod:`~recoupe.store.search`, :mod:`~recoupe.store.export`. Ingesting inputs
batch by batch (planning, analysing, committing) is :mod:`recoupe.store.ingest`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from recoupe.model import Article, ArticleAnalysis, Duplicate, Rejected, Report
from recoupe.store import export as exporter
from recoupe.store import incremental, reads, writes
from recoupe.store.engine import (
    check_sqlite_file,
    database_url,
    display_url,
    first_line,
    open_engine,
)
from recoupe.store.locking import snapshot, with_write_lock
from recoupe.store.migrations import StoreError, migrate
from recoupe.store.relink import compare, relinked_report
from recoupe.store.search import SearchHit
from recoupe.store.search import search as search_documents

if TYPE_CHECKING:
    from recoupe.batch import StoryComparer

# Linkings tried while other writers keep adding articles (each from a newer snapshot).
RELINK_ATTEMPTS = 3


def _write_full(
    conn: Connection, report: Report, state: incremental.LinkState, linked_generation: int
) -> bool:
    if not writes.replace_derived(conn, report, linked_generation):
        return False
    incremental.write_state(conn, state)
    return True


class Store:
    """A recoupe database (SQLite file or PostgreSQL), created and migrated on first use."""

    def __init__(self, db: str | Path | None = None, *, create: bool = True) -> None:
        """Open (and migrate) the store; ``create=False`` refuses to make a new SQLite file.

        Every failure to open it is a :class:`StoreError` with a one-line message.
        """
        self.url = database_url(db)
        if self.url.startswith("sqlite"):
            check_sqlite_file(self.url, create)
        self.engine = open_engine(self.url)
        # What the last relink of this Store rewrote, when it was incremental (else None).
        self.last_changes: incremental.Changes | None = None
        try:
            migrate(self.engine)
        except SQLAlchemyError as error:
            self.engine.dispose()
            raise StoreError(
                f"cannot open the database {display_url(self.url)}: {first_line(error)}"
            ) from error

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def add(
        self,
        articles: Sequence[Article],
        analyses: Sequence[ArticleAnalysis],
        rejected: Sequence[Rejected] = (),
        duplicates: Sequence[Duplicate] = (),
    ) -> int:
        """Store analysed articles in one transaction; articles already stored are skipped."""
        pairs = list(zip(articles, analyses, strict=True))
        added = with_write_lock(
            self.engine, lambda conn: writes.insert_inputs(conn, pairs, rejected, duplicates)
        )
        return len(added)

    def articles(self) -> list[Article]:
        with self.engine.connect() as conn:
            return reads.articles(conn)

    def analyses(self) -> list[ArticleAnalysis]:
        """Stored analyses, in article order."""
        with self.engine.connect() as conn:
            return reads.analyses(conn)

    def rejected(self) -> list[Rejected]:
        with self.engine.connect() as conn:
            return reads.rejected(conn)

    def duplicates(self) -> list[Duplicate]:
        with self.engine.connect() as conn:
            return reads.duplicates(conn)

    def counts(self) -> dict[str, int]:
        """Rows per table (inputs and derived)."""
        with self.engine.connect() as conn:
            return reads.counts(conn)

    def needs_relink(self) -> bool:
        with self.engine.connect() as conn:
            return reads.needs_relink(conn)

    def relink(self, full: bool = False, comparer: StoryComparer | None = None) -> int:
        """Bring entities, stories and findings up to date with the stored articles; returns the
        story count.

        The articles added since the last relink are linked against their candidates
        only, and only the stories they touch are compared again and rewritten
        (:mod:`recoupe.store.incremental`). A store without link state, an upload
        that merges stored entities, or ``full`` relinks everything: entities and
        stories over the whole stored corpus (``full``: every story compared again
        too), every derived table replaced in one transaction. ``comparer`` compares
        the stories of a full relink elsewhere (on Dask workers with ``--dask``).

        The inputs are read in one snapshot and linked without holding any lock.
        The result is written only if no article was added since that snapshot;
        otherwise linking starts again from a new one, so a concurrent ingest
        never has its articles overwritten by an older linking.
        """
        stories = 0
        self.last_changes = None
        for _attempt in range(RELINK_ATTEMPTS):
            with snapshot(self.engine) as conn:
                linked_from = writes.generation(conn)
                state = None if full else incremental.read_state(conn)
                delta = incremental.incremental_relink(conn, state, compare) if state else None
                if delta is None:
                    inputs = (
                        None if full else reads.linked_report(conn),
                        reads.articles(conn),
                        reads.analyses(conn),
                        reads.rejected(conn),
                        reads.duplicates(conn),
                        reads.last_seq(conn),
                    )
            if delta is not None:
                stories = len(delta.state.index.stories())
                if with_write_lock(self.engine, delta.write):
                    self.last_changes = delta.changes
                    break
                continue
            report, new_state = relinked_report(*inputs, comparer=comparer)
            stories = len(report.stories)
            write = functools.partial(
                _write_full, report=report, state=new_state, linked_generation=linked_from
            )
            if with_write_lock(self.engine, write):
                break
        return stories  # if still moving, the last writer's own relink finishes it

    def replace_derived(self, report: Report) -> None:
        """Write a report's entities, quotes, times, stories and findings in one transaction."""
        with_write_lock(self.engine, lambda conn: writes.replace_derived(conn, report))

    def report(self) -> Report:
        """The report as last linked, read from the derived tables (no recomputation).

        All tables are read in one snapshot: a concurrent ingest or relink is seen
        whole or not at all.
        """
        with snapshot(self.engine) as conn:
            return reads.linked_report(conn)

    def versioned_report(self) -> tuple[Report, int]:
        """The report as last linked and the version of the derived tables it was read at."""
        with snapshot(self.engine) as conn:
            return reads.linked_report(conn), writes.linked_version(conn)

    def updated_report(self, previous: Report, changes: incremental.Changes) -> Report | None:
        """``previous`` (read at ``changes.before``) brought up to date by reading only the rows
        an incremental relink rewrote; None when the store moved on otherwise since."""
        with snapshot(self.engine) as conn:
            return reads.updated_report(conn, previous, changes)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over article text and quotes, best matches first."""
        with self.engine.connect() as conn:
            return search_documents(conn, query, limit)

    def export(self, fmt: str, output: Path | None, tables: Sequence[str] = ()) -> list[Path]:
        """Write tables as JSON Lines, CSV or Parquet; see :func:`recoupe.store.export.export`."""
        return exporter.export(self.engine, fmt, output, tables)
