"""Opening a database: ``--db`` to a SQLAlchemy URL, and an engine set up for SQLite or PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from recoupe.store.locking import BUSY_TIMEOUT_MS, prepare_engine
from recoupe.store.migrations import UnsupportedDatabase

DEFAULT_DATABASE = "recoupe.db"


def database_url(db: str | Path | None) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as given, anything else a SQLite file path."""
    value = str(db) if db is not None else DEFAULT_DATABASE
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    url = make_url(value)
    if url.drivername in ("postgresql", "postgres"):
        # psycopg (3) is the driver we install; SQLAlchemy's default would be psycopg2.
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def open_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout, foreign keys and real transactions.

    Writers take the store's write lock up front (see :mod:`recoupe.store.locking`).
    """
    # sqlite3's own wait applies before our busy_timeout PRAGMA is set on a new connection.
    connect_args = {"timeout": BUSY_TIMEOUT_MS / 1000} if url.startswith("sqlite") else {}
    engine = create_engine(url, future=True, connect_args=connect_args)
    if engine.dialect.name not in ("sqlite", "postgresql"):
        raise UnsupportedDatabase(engine.dialect.name)
    prepare_engine(engine)
    return engine
