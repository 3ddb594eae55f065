"""Opening a database: ``--db`` to a SQLAlchemy URL, and an engine set up for SQLite or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

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
    """An engine for ``url``; SQLite gets WAL, a busy timeout, foreign keys and real transactions."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        # Let SQLAlchemy, not the sqlite3 module, open transactions, so DDL and
        # DML are both transactional (the recipe in SQLAlchemy's SQLite docs).
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN")

    elif engine.dialect.name != "postgresql":
        raise UnsupportedDatabase(engine.dialect.name)
    return engine
