"""The database layer: SQLite by default, PostgreSQL given a URL; one schema, migrations, search, export."""

from recoupe.store.export import FORMATS as EXPORT_FORMATS
from recoupe.store.export import TABLES as EXPORT_TABLES
from recoupe.store.export import ExportError
from recoupe.store.migrations import LATEST_VERSION, StoreTooNew, UnsupportedDatabase
from recoupe.store.store import (
    DEFAULT_DATABASE,
    BatchAnalyser,
    IngestResult,
    SearchHit,
    Store,
    database_url,
)


def __getattr__(name: str) -> object:
    # StoreSource needs the web app's types: imported only when asked for.
    if name == "StoreSource":
        from recoupe.store.source import StoreSource

        return StoreSource
    raise AttributeError(name)


__all__ = [
    "DEFAULT_DATABASE",
    "EXPORT_FORMATS",
    "EXPORT_TABLES",
    "LATEST_VERSION",
    "BatchAnalyser",
    "ExportError",
    "IngestResult",
    "SearchHit",
    "Store",
    "StoreSource",
    "StoreTooNew",
    "UnsupportedDatabase",
    "database_url",
]
