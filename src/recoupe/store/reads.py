"""Reading the store back: stored inputs, and the report as last linked (no recomputation)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, func, select

from recoupe.model import Article, ArticleAnalysis, Duplicate, Rejected, Report, Story
from recoupe.store import rows, schema
from recoupe.store.writes import STALE_KEY, linked_version

if TYPE_CHECKING:
    from recoupe.store.incremental import Changes


def articles(conn: Connection) -> list[Article]:
    result = conn.execute(select(schema.articles).order_by(schema.articles.c.seq))
    return [rows.article_from_row(dict(row._mapping)) for row in result]


def analyses(conn: Connection) -> list[ArticleAnalysis]:
    """Stored analyses, in article order."""
    query = (
        select(schema.article_analyses.c.analysis)
        .join(schema.articles, schema.articles.c.id == schema.article_analyses.c.article)
        .order_by(schema.articles.c.seq)
    )
    return [rows.analysis_from_json(value) for value in conn.execute(query).scalars()]


def last_seq(conn: Connection) -> int:
    """The sequence number of the last stored article (0 in an empty store)."""
    return int(conn.execute(select(func.max(schema.articles.c.seq))).scalar() or 0)


def rejected(conn: Connection) -> list[Rejected]:
    result = conn.execute(
        select(schema.rejected.c.path, schema.rejected.c.reason).order_by(schema.rejected.c.seq)
    )
    return [Rejected(row.path, row.reason) for row in result]


def duplicates(conn: Connection) -> list[Duplicate]:
    result = conn.execute(
        select(schema.duplicates.c.path, schema.duplicates.c.duplicate_of).order_by(
            schema.duplicates.c.seq
        )
    )
    return [Duplicate(row.path, row.duplicate_of) for row in result]


def counts(conn: Connection) -> dict[str, int]:
    """Rows per table (inputs and derived)."""
    return {
        name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        for name, table in schema.EXPORT_TABLES.items()
    }


def needs_relink(conn: Connection) -> bool:
    value = conn.execute(
        select(schema.store_state.c.value).where(schema.store_state.c.key == STALE_KEY)
    ).scalar()
    return value == "1"


def linked_report(conn: Connection) -> Report:
    """The report as last linked, read from the derived tables."""

    def ordered(table: Table, *columns: Any) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in conn.execute(select(table).order_by(*columns))]

    mentions = defaultdict(list)
    for row in ordered(schema.mentions, schema.mentions.c.entity, schema.mentions.c.position):
        mentions[row["entity"]].append(rows.mention_from_row(row))
    roles = defaultdict(list)
    for row in ordered(schema.roles, schema.roles.c.entity, schema.roles.c.position):
        roles[row["entity"]].append(rows.role_from_row(row))
    entities = tuple(
        rows.entity_from_row(row, tuple(mentions[row["id"]]), tuple(roles[row["id"]]))
        for row in ordered(schema.entities, schema.entities.c.position)
    )
    stories = tuple(s for _, s in _stories(conn, None))
    return Report(
        articles=tuple(articles(conn)),
        rejected=tuple(rejected(conn)),
        duplicates=tuple(duplicates(conn)),
        entities=entities,
        quotes=tuple(
            rows.quote_from_row(r) for r in ordered(schema.quotes, schema.quotes.c.position)
        ),
        times=tuple(rows.time_from_row(r) for r in ordered(schema.times, schema.times.c.position)),
        stories=stories,
    )


def _stories(conn: Connection, ids: Sequence[str] | None) -> list[tuple[int, Story]]:
    """(position, story) of these stories (None: all), with their articles and findings."""

    found: list[tuple[int, Story]] = []
    for chunk in [None] if ids is None else rows.chunks(ids):
        story_articles = defaultdict(list)
        for row in _rows_of(conn, schema.story_articles, "story", chunk, "story", "position"):
            story_articles[row.story].append(row.article)
        findings = defaultdict(list)
        for row in _rows_of(conn, schema.findings, "story", chunk, "story", "position"):
            findings[row.story].append(rows.finding_from_row(dict(row._mapping)))
        for row in _rows_of(conn, schema.stories, "id", chunk, "position"):
            values = dict(row._mapping)
            found.append(
                (
                    values["position"],
                    rows.story_from_row(
                        values, tuple(story_articles[row.id]), tuple(findings[row.id])
                    ),
                )
            )
    return sorted(found, key=lambda pair: pair[0])


def _rows_of(
    conn: Connection, table: Table, key: str, wanted: Sequence[str] | None, *order: str
) -> Any:
    """The table's rows ordered by ``order``, only those whose ``key`` is ``wanted`` (None: all)."""
    query = select(table).order_by(*(table.c[o] for o in order))
    if wanted is not None:
        query = query.where(table.c[key].in_(wanted))
    return conn.execute(query)


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def updated_report(conn: Connection, previous: Report, changes: Changes) -> Report | None:
    """``previous`` (the report as linked at ``changes.before``) brought up to date with the rows
    the incremental relink of ``changes`` rewrote, read by key; None when the store has moved
    on since (another relink, or articles added meanwhile): then read it whole."""
    from recoupe.store.incremental import _stored_entities

    if linked_version(conn) != changes.after:
        return None
    new = articles_by_id(conn, changes.articles)
    if _count(conn, schema.articles) != len(previous.articles) + len(new):
        return None
    changed = {e.id: e for e in _stored_entities(conn, list(changes.entities))}
    entities = [changed.pop(e.id, e) for e in previous.entities]
    entities += sorted(changed.values(), key=lambda e: int(e.id[1:]))
    quotes = list(previous.quotes)
    query = (
        select(schema.quotes)
        .where(schema.quotes.c.position >= len(quotes))
        .order_by(schema.quotes.c.position)
    )
    quotes += [rows.quote_from_row(dict(r._mapping)) for r in conn.execute(query)]
    times: list[Any] = list(previous.times)
    for chunk in rows.chunks(changes.timed_articles):
        query = select(schema.times).where(schema.times.c.article.in_(chunk))
        for row in conn.execute(query):
            values = dict(row._mapping)
            position = values["position"]
            times.extend([None] * (position + 1 - len(times)))
            times[position] = rows.time_from_row(values)
    stories: list[Any] = list(previous.stories)
    for position, story in _stories(conn, list(changes.stories)):
        stories.extend([None] * (position + 1 - len(stories)))
        stories[position] = story
    counts = (
        (entities, schema.entities),
        (quotes, schema.quotes),
        (times, schema.times),
        (stories, schema.stories),
    )
    if any(None in values or len(values) != _count(conn, table) for values, table in counts):
        return None  # not the rows the previous report and these changes describe
    return Report(
        articles=(*previous.articles, *new),
        rejected=tuple(rejected(conn)),
        duplicates=tuple(duplicates(conn)),
        entities=tuple(entities),
        quotes=tuple(quotes),
        times=tuple(times),
        stories=tuple(stories),
    )


def articles_by_id(conn: Connection, ids: Sequence[str]) -> list[Article]:
    """These articles, in store order."""
    found: list[tuple[int, Article]] = []
    for chunk in rows.chunks(ids):
        query = select(schema.articles).where(schema.articles.c.id.in_(chunk))
        found.extend(
            (row.seq, rows.article_from_row(dict(row._mapping))) for row in conn.execute(query)
        )
    return [article for _, article in sorted(found, key=lambda pair: pair[0])]
