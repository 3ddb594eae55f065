"""The database layer: SQLite by default, PostgreSQL given a URL; one schema, migrations, search, export.

The store knows nothing of the web app: ``serve/`` sits above it
(:class:`recoupe.serve.store_source.StoreSource`). Ingesting inputs is
:mod:`recoupe.store.ingest`.
"""

from recoupe.store.engine import DEFAULT_DATABASE, database_url, display_url
from recoupe.store.export import FORMATS as EXPORT_FORMATS
from recoupe.store.export import TABLES as EXPORT_TABLES
from recoupe.store.export import ExportError
from recoupe.store.migrations import LATEST_VERSION, StoreError, StoreTooNew, UnsupportedDatabase
from recoupe.store.search import SearchHit
from recoupe.store.store import Store

__all__ = [
    "DEFAULT_DATABASE",
    "EXPORT_FORMATS",
    "EXPORT_TABLES",
    "LATEST_VERSION",
    "ExportError",
    "SearchHit",
    "Store",
    "StoreError",
    "StoreTooNew",
    "UnsupportedDatabase",
    "database_url",
    "display_url",
]
