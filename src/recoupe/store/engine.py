"""Opening a database: ``--db`` to a SQLAlchemy URL, and an engine set up for SQLite or PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from recoupe.store.locking import BUSY_TIMEOUT_MS, prepare_engine
from recoupe.store.migrations import StoreError, UnsupportedDatabase

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


def display_url(url: str) -> str:
    """The database as shown to a person: a file path, or the URL without its password."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        return parsed.database or ":memory:"
    return parsed.set(drivername=parsed.drivername.split("+")[0]).render_as_string(
        hide_password=True
    )


def first_line(error: BaseException) -> str:
    """The first line of a driver's error (psycopg and sqlite3 messages run over several)."""
    cause = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


def check_sqlite_file(url: str, create: bool) -> None:
    """A clear error for a SQLite file that is absent (when it must exist) or cannot be created."""
    database = make_url(url).database
    if not database or database == ":memory:":
        return
    path = Path(database)
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a database file; pass --db FILE")
        return
    if not create:
        raise StoreError(
            f"no database at {path}; add articles first with `recoupe ingest --db {path} FILES`"
        )
    if not path.parent.exists():
        raise StoreError(
            f"cannot create the database {path}: directory {path.parent} does not exist"
        )


def open_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout, foreign keys and real transactions.

    Writers take the store's write lock up front (see :mod:`recoupe.store.locking`).
    """
    # sqlite3's own wait applies before our busy_timeout PRAGMA is set on a new connection.
    connect_args = {"timeout": BUSY_TIMEOUT_MS / 1000} if url.startswith("sqlite") else {}
    try:
        engine = create_engine(url, future=True, connect_args=connect_args)
    except ImportError as error:
        raise StoreError(
            f"the database driver is not installed ({error.name or error}); "
            "install it with: pip install 'recoupe[store]'"
        ) from error
    if engine.dialect.name not in ("sqlite", "postgresql"):
        raise UnsupportedDatabase(engine.dialect.name)
    prepare_engine(engine)
    return engine
