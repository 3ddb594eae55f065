"""Persistence: inserting inputs (articles, analyses, rejections) and replacing the derived tables.

Every function takes an open connection, so the caller decides what one
transaction holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from recoupe.model import Article, ArticleAnalysis, Duplicate, Rejected, Report
from recoupe.store import rows, schema

STALE_KEY = "stale"


def stored_by_hash(conn: Connection, content: str) -> tuple[str, str | None] | None:
    """The id and path of the stored article with this content hash, if any."""
    row = conn.execute(
        select(schema.articles.c.id, schema.articles.c.path).where(schema.articles.c.content_hash == content)
    ).first()
    return (row.id, row.path) if row is not None else None


def free_id(conn: Connection, wanted: str, taken: set[str]) -> str:
    """An article id not used in the store nor in ``taken``: ``id``, ``id-2``, ``id-3``…"""

    def used(candidate: str) -> bool:
        if candidate in taken:
            return True
        found = conn.execute(select(schema.articles.c.seq).where(schema.articles.c.id == candidate)).first()
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
    """Insert new inputs; returns the ids of the articles actually added (stored content is skipped)."""
    article_rows: list[dict[str, Any]] = []
    analysis_rows: list[dict[str, Any]] = []
    search_rows: list[dict[str, Any]] = []
    for article, analysis in analysed:
        row = rows.article_row(article)
        if stored_by_hash(conn, row["content_hash"]) is not None:
            continue
        article_rows.append(row)
        analysis_rows.append({"article": article.id, "analysis": rows.dumps(analysis)})
        search_rows.extend(rows.search_rows(article, analysis))
    if article_rows:
        conn.execute(schema.articles.insert(), article_rows)
        conn.execute(schema.article_analyses.insert(), analysis_rows)
        conn.execute(schema.search_documents.insert(), search_rows)
        set_state(conn, STALE_KEY, "1")
    if rejected:
        _insert_new(
            conn,
            schema.rejected,
            [{"key": rows.key_of(r.path, r.reason), "path": r.path, "reason": r.reason} for r in rejected],
        )
    if duplicates:
        _insert_new(
            conn,
            schema.duplicates,
            [
                {"key": rows.key_of(d.path, d.duplicate_of), "path": d.path, "duplicate_of": d.duplicate_of}
                for d in duplicates
            ],
        )
    return [row["id"] for row in article_rows]


def _insert_new(conn: Connection, table: Table, values: list[dict[str, Any]]) -> None:
    """Insert rows whose ``key`` is not stored yet (rejections seen again add nothing)."""
    unique = list({v["key"]: v for v in values}.values())
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(dialect_insert(table).on_conflict_do_nothing(index_elements=["key"]), unique)


def set_state(conn: Connection, key: str, value: str) -> None:
    conn.execute(delete(schema.store_state).where(schema.store_state.c.key == key))
    conn.execute(schema.store_state.insert().values(key=key, value=value))


def replace_derived(conn: Connection, report: Report) -> None:
    """Replace the entities, quotes, times, stories and findings with a report's; marks the store linked."""
    derived = rows.derived_rows(report)
    for table in schema.DERIVED_TABLES:
        conn.execute(delete(table))
    for table in reversed(schema.DERIVED_TABLES):
        if derived[table.name]:
            conn.execute(table.insert(), derived[table.name])
    set_state(conn, STALE_KEY, "0")
