"""Persistence: inserting inputs (articles, analyses, rejections) and replacing the derived tables.

Every function takes an open connection, so the caller decides what one
transaction holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from recoupe.model import Article, ArticleAnalysis, Duplicate, Rejected, Report
from recoupe.store import rows, schema

STALE_KEY = "stale"
# Incremented by every transaction that adds articles: a relink computed from an
# older snapshot is not written over the store (see Store.relink).
GENERATION_KEY = "generation"
# Incremented by every write of the derived tables: a report read at one version can be
# brought to the next by the rows an incremental relink names (reads.updated_report).
LINKED_KEY = "linked"


def stored_by_hash(conn: Connection, content: str) -> tuple[str, str | None] | None:
    """The id and path of the stored article with this content hash, if any."""
    row = conn.execute(
        select(schema.articles.c.id, schema.articles.c.path).where(
            schema.articles.c.content_hash == content
        )
    ).first()
    return (row.id, row.path) if row is not None else None


def free_id(conn: Connection, wanted: str, taken: set[str]) -> str:
    """An article id not used in the store nor in ``taken``: ``id``, ``id-2``, ``id-3``…"""

    def used(candidate: str) -> bool:
        if candidate in taken:
            return True
        found = conn.execute(
            select(schema.articles.c.seq).where(schema.articles.c.id == candidate)
        ).first()
        return found is not None

    if not used(wanted):
        return wanted
    suffix = 2
    while used(f"{wanted}-{suffix}"):
        suffix += 1
    return f"{wanted}-{suffix}"


def insert_inputs(
    conn: Connection,
    analysed: Sequence[tuple[Article, ArticleAnalysis]],
    rejected: Sequence[Rejected],
    duplicates: Sequence[Duplicate],
) -> list[str]:
    """Insert new inputs; returns the ids of the articles actually added (stored content is skipped).

    Called under the store's write lock (:mod:`recoupe.store.locking`): what another
    process stored since the batch was planned is seen here, content and ids alike.
    """
    article_rows: list[dict[str, Any]] = []
    analysis_rows: list[dict[str, Any]] = []
    search_rows: list[dict[str, Any]] = []
    taken: set[str] = set()
    for article, analysis in analysed:
        row = rows.article_row(article)
        if stored_by_hash(conn, row["content_hash"]) is not None:
            continue  # stored by another writer since this batch was planned
        free = free_id(conn, article.id, taken)
        if free != article.id:  # another writer took the id for another text meanwhile
            article, analysis = _renamed(article, analysis, free)
            row = rows.article_row(article)
        taken.add(article.id)
        article_rows.append(row)
        analysis_rows.append({"article": article.id, "analysis": rows.dumps(analysis)})
        search_rows.extend(rows.search_rows(article, analysis))
    if article_rows:
        conn.execute(schema.articles.insert(), article_rows)
        conn.execute(schema.article_analyses.insert(), analysis_rows)
        conn.execute(schema.search_documents.insert(), search_rows)
        set_state(conn, STALE_KEY, "1")
        set_state(conn, GENERATION_KEY, str(generation(conn) + 1))
    if rejected:
        _insert_new(
            conn,
            schema.rejected,
            [
                {"key": rows.key_of(r.path, r.reason), "path": r.path, "reason": r.reason}
                for r in rejected
            ],
        )
    if duplicates:
        _insert_new(
            conn,
            schema.duplicates,
            [
                {
                    "key": rows.key_of(d.path, d.duplicate_of),
                    "path": d.path,
                    "duplicate_of": d.duplicate_of,
                }
                for d in duplicates
            ],
        )
    return [row["id"] for row in article_rows]


def _renamed(
    article: Article, analysis: ArticleAnalysis, new_id: str
) -> tuple[Article, ArticleAnalysis]:
    """The article and its analysis under another id (every offset names its article)."""
    from recoupe.model import from_dict, to_dict

    def rewrite(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: new_id if k == "article" and v == article.id else rewrite(v)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [rewrite(v) for v in value]
        return value

    return dataclasses.replace(article, id=new_id), from_dict(
        ArticleAnalysis, rewrite(to_dict(analysis))
    )


def linked_version(conn: Connection) -> int:
    """How many times the derived tables were written (in full or incrementally)."""
    value = conn.execute(
        select(schema.store_state.c.value).where(schema.store_state.c.key == LINKED_KEY)
    ).scalar()
    return int(value) if value is not None else 0


def bump_linked_version(conn: Connection) -> int:
    """Count one more write of the derived tables; returns the version they replace."""
    version = linked_version(conn)
    set_state(conn, LINKED_KEY, str(version + 1))
    return version


def generation(conn: Connection) -> int:
    """How many transactions have added articles to the store."""
    value = conn.execute(
        select(schema.store_state.c.value).where(schema.store_state.c.key == GENERATION_KEY)
    ).scalar()
    return int(value) if value is not None else 0


def _insert_new(conn: Connection, table: Table, values: list[dict[str, Any]]) -> None:
    """Insert rows whose ``key`` is not stored yet (rejections seen again add nothing)."""
    unique = list({v["key"]: v for v in values}.values())
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(dialect_insert(table).on_conflict_do_nothing(index_elements=["key"]), unique)


def set_state(conn: Connection, key: str, value: str) -> None:
    conn.execute(delete(schema.store_state).where(schema.store_state.c.key == key))
    conn.execute(schema.store_state.insert().values(key=key, value=value))


def replace_derived(conn: Connection, report: Report, linked_generation: int | None = None) -> bool:
    """Replace the entities, quotes, times, stories and findings with a report's; marks the store linked.

    With ``linked_generation`` (the generation the report was linked from), nothing
    is written when articles were added since; returns whether it was written.
    """
    if linked_generation is not None and generation(conn) != linked_generation:
        return False
    derived = rows.derived_rows(report)
    bump_linked_version(conn)
    for table in schema.DERIVED_TABLES:
        conn.execute(delete(table))
    # The kept link state described the rows replaced here; the caller writes the new one.
    for table in schema.LINK_TABLES:
        conn.execute(delete(table))
    for table in reversed(schema.DERIVED_TABLES):
        if derived[table.name]:
            conn.execute(table.insert(), derived[table.name])
    set_state(conn, STALE_KEY, "0")
    return True
