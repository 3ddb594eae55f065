"""Full-text search SQL for the two databases: SQLite FTS5 and PostgreSQL tsvector."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, TextClause, text

_POSTGRES = text(
    'SELECT kind, article, start, "end", body,'
    " ts_headline('french', body, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet"
    " FROM search_documents, websearch_to_tsquery('french', :query) AS q"
    " WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT :limit"
)
_SQLITE = text(
    'SELECT kind, article, start, "end", body,'
    " snippet(search_documents, 0, '[', ']', '…', 16) AS snippet"
    " FROM search_documents WHERE search_documents MATCH :query"
    " ORDER BY rank LIMIT :limit"
)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article" or "quote"
    article: str
    start: int
    end: int
    text: str  # the quote, or a snippet of the article with [matches] bracketed


def _statement(dialect: str, query: str, limit: int) -> tuple[TextClause, dict[str, Any]] | None:
    """The SQL and its parameters; None when the query has no word to look for (SQLite)."""
    if dialect == "postgresql":
        return _POSTGRES, {"query": query, "limit": limit}
    words = re.findall(r"\w+", query)
    if not words:
        return None
    # Each word quoted: FTS5 operators typed by a user are searched as words.
    return _SQLITE, {"query": " ".join(f'"{word}"' for word in words), "limit": limit}


def search(conn: Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Full-text search over article text and quotes, best matches first."""
    statement = _statement(conn.dialect.name, query, limit)
    if statement is None:
        return []
    found = conn.execute(*statement).all()
    return [
        SearchHit(
            kind=row.kind,
            article=row.article,
            start=int(row.start),
            end=int(row.end),
            text=row.body if row.kind == "quote" else row.snippet,
        )
        for row in found
    ]
