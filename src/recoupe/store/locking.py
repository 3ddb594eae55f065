"""Several writers on one store: WAL, write transactions that take the lock up front, retries.

SQLite lets one writer in at a time. A transaction that starts reading (``BEGIN``)
and later writes can fail at once with "database is locked" when another writer
went first: SQLite cannot wait there without risking a deadlock, so the busy
timeout does not help. Every write transaction here therefore begins with
``BEGIN IMMEDIATE`` (the write lock taken before the first read, waited for up
to the busy timeout), and a write that still finds the database locked is
retried as a whole. Readers use plain ``BEGIN`` and, in WAL mode, never wait
for writers nor block them.

PostgreSQL writers take one transaction-scoped advisory lock
(``pg_advisory_xact_lock``), so they too run one after the other: a writer
checks what is stored and inserts in the same locked transaction, and two
ingests of the same file cannot both insert an article.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import OperationalError

T = TypeVar("T")

BUSY_TIMEOUT_MS = 30_000
WRITE_ATTEMPTS = 8
# The key of the advisory lock every PostgreSQL writer of a recoupe store takes.
ADVISORY_LOCK_KEY = 0x7265636F  # "reco"

_WRITE_OPTION = "recoupe_write"


def prepare_engine(engine: Engine) -> None:
    """SQLite: WAL, busy timeout, foreign keys, and transactions begun by SQLAlchemy.

    The busy timeout is set before switching to WAL: on a new file the switch
    itself needs the lock a concurrent process may hold.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, open transactions, so DDL and
        # DML are both transactional (the recipe in SQLAlchemy's SQLite docs).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        writing = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _switch_to_wal(cursor: Any) -> None:
    """Put the file in WAL mode, waiting out a concurrent writer doing the same.

    SQLite answers "database is locked" at once, without its busy handler, when
    another process is switching a new file to WAL; the mode then persists in
    the file, so the wait happens only while a store is being created.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction holding the store's write lock from its first statement."""
    with engine.execution_options(**{_WRITE_OPTION: True}).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        yield conn


def is_locked(error: OperationalError) -> bool:
    message = str(error.orig if error.orig is not None else error).lower()
    return (
        "database is locked" in message
        or "database table is locked" in message
        or "busy" in message
    )


def with_write_lock(
    engine: Engine, work: Callable[[Connection], T], attempts: int = WRITE_ATTEMPTS
) -> T:
    """Run ``work`` in a write transaction; when the store stays locked, roll back and retry."""
    for attempt in range(1, attempts + 1):
        try:
            with write_transaction(engine) as conn:
                return work(conn)
        except OperationalError as error:
            if attempt == attempts or not is_locked(error):
                raise
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read transaction in which every statement sees the same state of the store."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn
