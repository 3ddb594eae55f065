"""Full-text search over the store with the same meaning as over a report (:mod:`recoupe.fr.search`).

SQLite's FTS5 index narrows the candidates (every text holding a word that
starts like each query word's stem); the shared matcher then decides and
places each match. PostgreSQL's ``french`` tsvector keeps accents and stems its
own way, so there every document is a candidate and the matcher alone decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, TextClause, text

from recoupe.fr.search import Query, find_matches, index_prefixes, parse_query

SNIPPET_CONTEXT = 60

_ALL = text('SELECT kind, article, start, "end", body FROM search_documents ORDER BY id')
_SQLITE = text(
    'SELECT kind, article, start, "end", body FROM search_documents'
    " WHERE search_documents MATCH :query ORDER BY rowid"
)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article" or "quote"
    article: str
    start: int  # of the match in the article (article hits) or of the quote
    end: int
    text: str  # the quote, or a snippet of the article with the [match] bracketed


def _candidates(conn: Connection, query: Query) -> list[Any]:
    statement: TextClause = _ALL
    params: dict[str, Any] = {}
    if conn.dialect.name == "sqlite":
        statement = _SQLITE
        # each prefix quoted: FTS5 operators typed by a user are searched as words
        params = {"query": " AND ".join(f'"{prefix}"*' for prefix in index_prefixes(query))}
    return list(conn.execute(statement, params).all())


def search(conn: Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Quotes that match, then each match in article text, in the order stored."""
    parsed = parse_query(query)
    if not parsed:
        return []
    quotes: list[SearchHit] = []
    articles: list[SearchHit] = []
    for row in _candidates(conn, parsed):
        spans = find_matches(row.body, parsed)
        if not spans:
            continue
        if row.kind == "quote":
            quotes.append(SearchHit("quote", row.article, int(row.start), int(row.end), row.body))
            continue
        for start, end in spans:
            before = row.body[max(0, start - SNIPPET_CONTEXT) : start]
            after = row.body[end : end + SNIPPET_CONTEXT]
            snippet = f"{before}[{row.body[start:end]}]{after}"
            articles.append(SearchHit("article", row.article, start, end, snippet))
    return [*quotes, *articles][:limit]
