"""Reading the store back: stored inputs, and the report as last linked (no recomputation)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Table, func, select

from recoupe.model import Article, ArticleAnalysis, Duplicate, Rejected, Report
from recoupe.store import rows, schema
from recoupe.store.writes import STALE_KEY


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
    story_articles = defaultdict(list)
    for row in ordered(
        schema.story_articles, schema.story_articles.c.story, schema.story_articles.c.position
    ):
        story_articles[row["story"]].append(row["article"])
    findings = defaultdict(list)
    for row in ordered(schema.findings, schema.findings.c.story, schema.findings.c.position):
        findings[row["story"]].append(rows.finding_from_row(row))
    stories = tuple(
        rows.story_from_row(row, tuple(story_articles[row["id"]]), tuple(findings[row["id"]]))
        for row in ordered(schema.stories, schema.stories.c.position)
    )
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
