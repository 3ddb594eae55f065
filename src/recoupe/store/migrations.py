"""Schema migrations: a versioned list of DDL steps, applied in order, recorded in ``schema_version``.

A new step is appended with the next version number; released steps are never
edited. Each step runs in the transaction that records it, so a store is never
left half-migrated (PostgreSQL and SQLite both have transactional DDL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Table, inspect, select, text

from recoupe.store import schema
from recoupe.store.locking import with_write_lock


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _create_tables(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_version]
    schema.metadata.create_all(conn, tables=tables)


def _create_search_index(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "CREATE TABLE search_documents ("
                " id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL, kind TEXT NOT NULL,"
                ' article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,'
                " tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('french', body)) STORED)"
            )
        )
        conn.execute(
            text("CREATE INDEX ix_search_documents_tsv ON search_documents USING GIN (tsv)")
        )
        conn.execute(text("CREATE INDEX ix_search_documents_article ON search_documents (article)"))
    elif conn.dialect.name == "sqlite":
        # remove_diacritics 2: "securite" finds "sécurité", as French readers type.
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS search_documents USING fts5("
                ' body, kind UNINDEXED, article UNINDEXED, start UNINDEXED, "end" UNINDEXED,'
                " tokenize = 'unicode61 remove_diacritics 2')"
            )
        )
    else:
        raise UnsupportedDatabase(conn.dialect.name)


def _add_typed_facts(conn: Connection) -> None:
    """Typed facts of quotes (cue lemma, loaded) and times (tense, kind, anchor, parts)."""
    _add_missing_columns(conn, (schema.quotes, schema.times))


def _add_finding_details(conn: Connection) -> None:
    """Findings' readable title, confidence and contradiction values grouped by outlet."""
    _add_missing_columns(conn, (schema.findings,))


def _add_link_state(conn: Connection) -> None:
    """The state incremental relinking starts from; an older store relinks in full once."""
    schema.link_state.create(conn, checkfirst=True)


def _split_link_state(conn: Connection) -> None:
    """Per-article link rows (blocking keys, entities, global ids) beside the story index.

    The version-5 state was one blob read and written whole at each upload; it is
    dropped, so the next relink is a full one that writes the new rows.
    """
    schema.link_articles.create(conn, checkfirst=True)
    schema.link_keys.create(conn, checkfirst=True)
    conn.execute(schema.link_state.delete())


def _add_missing_columns(conn: Connection, tables: tuple[Table, ...]) -> None:
    for table in tables:
        present = {c["name"] for c in inspect(conn).get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:  # stores made before version 3
                ddl = column.type.compile(dialect=conn.dialect)
                server_default = getattr(column.server_default, "arg", None)
                default = (
                    f" NOT NULL DEFAULT '{server_default}'" if server_default is not None else ""
                )
                conn.execute(
                    text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {ddl}{default}')
                )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, analyses, rejected, duplicates and derived tables", _create_tables),
    Migration(2, "full-text search over article text and quotes", _create_search_index),
    Migration(
        3,
        "typed facts: quote cue lemma and loaded flag; time tense, kind, anchor, parts",
        _add_typed_facts,
    ),
    Migration(4, "findings: title, confidence, values grouped by outlet", _add_finding_details),
    Migration(5, "link state kept between uploads (incremental relinking)", _add_link_state),
    Migration(
        6, "link state in rows read by key: per-article keys, entities, ids", _split_link_state
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


class StoreError(Exception):
    """The database cannot be opened or used; the message is one line a person can act on."""


class UnsupportedDatabase(StoreError):
    def __init__(self, dialect: str) -> None:
        super().__init__(
            f"the store supports SQLite and PostgreSQL, not {dialect}; "
            "pass --db PATH (SQLite) or --db postgresql://USER@HOST/DB"
        )


class StoreTooNew(StoreError):
    def __init__(self, found: int) -> None:
        super().__init__(
            f"this store has schema version {found}, newer than this recoupe knows "
            f"({LATEST_VERSION}); upgrade recoupe to open it"
        )


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    versions = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(versions, default=0)


def migrate(engine: Engine) -> int:
    """Bring the store to the latest schema version; returns the version reached.

    A store already up to date is only read. Otherwise every pending step runs in
    one transaction under the store's write lock, taken once (``BEGIN IMMEDIATE``
    on SQLite, an advisory lock on PostgreSQL): two processes opening a new store
    at once both succeed, one migrating, the other finding it done.
    """
    with engine.connect() as conn:
        found = current_version(conn)
    if found > LATEST_VERSION:
        raise StoreTooNew(found)
    if found == LATEST_VERSION:
        return LATEST_VERSION
    with_write_lock(engine, _migrate_locked)
    return LATEST_VERSION


def _migrate_locked(conn: Connection) -> None:
    schema.schema_version.create(conn, checkfirst=True)
    found = current_version(conn)  # another process may have migrated while we waited
    if found > LATEST_VERSION:
        raise StoreTooNew(found)
    for migration in MIGRATIONS:
        if migration.version <= found:
            continue
        migration.apply(conn)
        conn.execute(
            schema.schema_version.insert().values(
                version=migration.version, description=migration.description
            )
        )
