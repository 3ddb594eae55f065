"""The store: articles and their analyses kept in SQLite or PostgreSQL, added incrementally.

Inputs only grow, keyed by content hash, so ingesting the same files again adds
nothing. Each batch of analysed articles is committed in one transaction with
its analyses, search documents and rejections: a process killed at any moment
leaves whole batches or nothing, and the next run picks up the rest.
``relink`` recomputes entities and stories from the stored analyses (no NLP is
run again), compares again only the stories that changed, and replaces the
derived tables in one transaction.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from recoupe.corpus import Corpus
from recoupe.model import (
    Article,
    ArticleAnalysis,
    Duplicate,
    Entity,
    Rejected,
    Report,
    Story,
)
from recoupe.store import rows, schema
from recoupe.store.migrations import UnsupportedDatabase, migrate

DEFAULT_DATABASE = "recoupe.db"
STALE_KEY = "stale"

# Analyses batches of articles, in order: one list of results per batch given
# (the runners are in recoupe.batch).
BatchAnalyser = Callable[[Iterable[Sequence[Article]]], Iterator[list[ArticleAnalysis | Rejected]]]
IngestProgress = Callable[["IngestResult"], None]


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


def _engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        # Let SQLAlchemy, not the sqlite3 module, open transactions, so DDL and
        # DML are both transactional (the recipe in SQLAlchemy's SQLite docs).
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN")

    elif engine.dialect.name != "postgresql":
        raise UnsupportedDatabase(engine.dialect.name)
    return engine


@dataclass
class IngestResult:
    """What one ingest did; counts of this run only."""

    added: int = 0
    unchanged: int = 0  # same content at the same path: already stored
    duplicates: int = 0  # same content as a stored article at another path
    rejected: int = 0
    batches: int = 0
    stories: int | None = None  # after relinking; None when not relinked
    rejections: list[Rejected] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)
    duplicate_items: list[Duplicate] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.added} added, {self.unchanged} unchanged, {self.duplicates} duplicates, "
            f"{self.rejected} rejected"
        )
        return text + (f", {self.stories} stories" if self.stories is not None else "")


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article" or "quote"
    article: str
    start: int
    end: int
    text: str  # the quote, or a snippet of the article with [matches] bracketed


@dataclass
class _Batch:
    articles: list[Article] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


@dataclass
class _InFlight:
    """Articles planned but not committed yet: their content hashes and ids."""

    by_hash: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    def add(self, content: str, article_id: str, path: str | None) -> None:
        self.by_hash[content] = (article_id, path)
        self.ids.add(article_id)

    def remove(self, hashes: Iterable[str]) -> None:
        for content in hashes:
            known = self.by_hash.pop(content, None)
            if known is not None:
                self.ids.discard(known[0])


class Store:
    """A recoupe database (SQLite file or PostgreSQL), created and migrated on first use."""

    def __init__(self, db: str | Path | None = None) -> None:
        self.url = database_url(db)
        self.engine = _engine(self.url)
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # --- adding inputs -----------------------------------------------------------

    def add(
        self,
        articles: Sequence[Article],
        analyses: Sequence[ArticleAnalysis],
        rejected: Sequence[Rejected] = (),
        duplicates: Sequence[Duplicate] = (),
    ) -> int:
        """Store analysed articles in one transaction; articles already stored are skipped."""
        with self.engine.begin() as conn:
            added = self._insert_inputs(conn, list(zip(articles, analyses, strict=True)), rejected, duplicates)
        return len(added)

    def ingest(
        self,
        items: Iterable[Article | Rejected],
        analyse: BatchAnalyser | None = None,
        batch_size: int = 32,
        relink: bool = True,
        progress: IngestProgress | None = None,
    ) -> IngestResult:
        """Add new articles incrementally: analyse those not stored yet, commit batch by batch."""
        if analyse is None:
            from recoupe.batch import local_analyser

            analyse = local_analyser()
        result = IngestResult()
        planned: deque[_Batch] = deque()
        flight = _InFlight()

        def article_batches() -> Iterator[list[Article]]:
            for batch in self._plan(items, max(1, batch_size), flight, result):
                planned.append(batch)
                yield batch.articles

        for results in analyse(article_batches()):
            batch = planned.popleft()
            self._commit(batch, results, result)
            flight.remove(batch.hashes)
            if progress:
                progress(result)
        if relink and self.needs_relink():
            result.stories = self.relink()
        return result

    def _plan(
        self, items: Iterable[Article | Rejected], batch_size: int, flight: _InFlight, result: IngestResult
    ) -> Iterator[_Batch]:
        """Batches of articles to analyse; stored or in-flight content is counted, not queued."""
        batch = _Batch()
        for item in items:
            if isinstance(item, Rejected):
                batch.rejected.append(item)
                continue
            content = rows.content_hash(item.text)
            # A short connection per lookup: it sees the batches committed meanwhile.
            with self.engine.connect() as conn:
                known = flight.by_hash.get(content) or self._stored_by_hash(conn, content)
                article_id = None if known else self._free_id(conn, item.id, flight.ids)
            if known is not None:
                known_id, known_path = known
                if item.path is not None and item.path == known_path:
                    result.unchanged += 1
                else:
                    batch.duplicates.append(Duplicate(item.path or item.id, known_id))
                continue
            if article_id is not None and article_id != item.id:
                item = dataclasses.replace(item, id=article_id)
            flight.add(content, item.id, item.path)
            batch.articles.append(item)
            batch.hashes.append(content)
            if len(batch.articles) >= batch_size:
                yield batch
                batch = _Batch()
        if batch.articles or batch.rejected or batch.duplicates:
            yield batch

    @staticmethod
    def _stored_by_hash(conn: Connection, content: str) -> tuple[str, str | None] | None:
        row = conn.execute(
            select(schema.articles.c.id, schema.articles.c.path).where(
                schema.articles.c.content_hash == content
            )
        ).first()
        return (row.id, row.path) if row is not None else None

    @staticmethod
    def _free_id(conn: Connection, wanted: str, taken: set[str]) -> str:
        """An article id not used in the store nor in flight: ``id``, ``id-2``, ``id-3``…"""

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

    def _commit(
        self, batch: _Batch, results: list[ArticleAnalysis | Rejected], result: IngestResult
    ) -> None:
        analysed: list[tuple[Article, ArticleAnalysis]] = []
        failed: list[Rejected] = list(batch.rejected)
        for article, outcome in zip(batch.articles, results, strict=True):
            if isinstance(outcome, Rejected):
                failed.append(outcome)
            else:
                analysed.append((article, outcome))
        with self.engine.begin() as conn:
            added = self._insert_inputs(conn, analysed, failed, batch.duplicates)
        result.added += len(added)
        result.added_ids.extend(added)
        result.rejected += len(failed)
        result.rejections.extend(failed)
        result.duplicates += len(batch.duplicates)
        result.duplicate_items.extend(batch.duplicates)
        result.batches += 1

    def _insert_inputs(
        self,
        conn: Connection,
        analysed: Sequence[tuple[Article, ArticleAnalysis]],
        rejected: Sequence[Rejected],
        duplicates: Sequence[Duplicate],
    ) -> list[str]:
        """Insert new inputs; returns the ids of the articles actually added."""
        article_rows: list[dict[str, Any]] = []
        analysis_rows: list[dict[str, Any]] = []
        search_rows: list[dict[str, Any]] = []
        for article, analysis in analysed:
            row = rows.article_row(article)
            if self._stored_by_hash(conn, row["content_hash"]) is not None:
                continue
            article_rows.append(row)
            analysis_rows.append({"article": article.id, "analysis": rows.dumps(analysis)})
            search_rows.extend(rows.search_rows(article, analysis))
        if article_rows:
            conn.execute(schema.articles.insert(), article_rows)
            conn.execute(schema.article_analyses.insert(), analysis_rows)
            conn.execute(schema.search_documents.insert(), search_rows)
            self._set_state(conn, STALE_KEY, "1")
        if rejected:
            self._insert_new(
                conn,
                schema.rejected,
                [{"key": rows.key_of(r.path, r.reason), "path": r.path, "reason": r.reason} for r in rejected],
            )
        if duplicates:
            self._insert_new(
                conn,
                schema.duplicates,
                [
                    {"key": rows.key_of(d.path, d.duplicate_of), "path": d.path, "duplicate_of": d.duplicate_of}
                    for d in duplicates
                ],
            )
        return [row["id"] for row in article_rows]

    def _insert_new(self, conn: Connection, table: Any, values: list[dict[str, Any]]) -> None:
        """Insert rows whose ``key`` is not stored yet (rejections seen again add nothing)."""
        unique = list({v["key"]: v for v in values}.values())
        dialect_insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        conn.execute(dialect_insert(table).on_conflict_do_nothing(index_elements=["key"]), unique)

    @staticmethod
    def _set_state(conn: Connection, key: str, value: str) -> None:
        conn.execute(delete(schema.store_state).where(schema.store_state.c.key == key))
        conn.execute(schema.store_state.insert().values(key=key, value=value))

    # --- reading inputs ----------------------------------------------------------

    def articles(self) -> list[Article]:
        with self.engine.connect() as conn:
            result = conn.execute(select(schema.articles).order_by(schema.articles.c.seq))
            return [rows.article_from_row(dict(row._mapping)) for row in result]

    def analyses(self) -> list[ArticleAnalysis]:
        """Stored analyses, in article order."""
        query = (
            select(schema.article_analyses.c.analysis)
            .join(schema.articles, schema.articles.c.id == schema.article_analyses.c.article)
            .order_by(schema.articles.c.seq)
        )
        with self.engine.connect() as conn:
            return [rows.analysis_from_json(value) for value in conn.execute(query).scalars()]

    def rejected(self) -> list[Rejected]:
        with self.engine.connect() as conn:
            result = conn.execute(
                select(schema.rejected.c.path, schema.rejected.c.reason).order_by(schema.rejected.c.seq)
            )
            return [Rejected(row.path, row.reason) for row in result]

    def duplicates(self) -> list[Duplicate]:
        with self.engine.connect() as conn:
            result = conn.execute(
                select(schema.duplicates.c.path, schema.duplicates.c.duplicate_of).order_by(
                    schema.duplicates.c.seq
                )
            )
            return [Duplicate(row.path, row.duplicate_of) for row in result]

    def counts(self) -> dict[str, int]:
        """Rows per table (inputs and derived)."""
        with self.engine.connect() as conn:
            return {
                name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in schema.EXPORT_TABLES.items()
            }

    # --- linking -----------------------------------------------------------------

    def needs_relink(self) -> bool:
        with self.engine.connect() as conn:
            value = conn.execute(
                select(schema.store_state.c.value).where(schema.store_state.c.key == STALE_KEY)
            ).scalar()
        return value == "1"

    def relink(self) -> int:
        """Recompute entities, stories and findings from stored analyses; returns the story count.

        Entities and stories are linked over the whole stored corpus (no NLP is
        re-run); only the stories that changed are compared again, the others
        keep their stored findings (see ``unchanged_stories``). Every derived
        table is then replaced in one transaction.
        """
        from recoupe.api import build_report

        previous = self.report()
        report = build_report(
            self.articles(),
            self.analyses(),
            self.rejected(),
            self.duplicates(),
            reuse=unchanged_stories(previous) if previous.stories else None,
        )
        self.replace_derived(report)
        return len(report.stories)

    def replace_derived(self, report: Report) -> None:
        """Write a report's entities, quotes, times, stories and findings in one transaction."""
        derived = rows.derived_rows(report)
        with self.engine.begin() as conn:
            for table in schema.DERIVED_TABLES:
                conn.execute(delete(table))
            for table in reversed(schema.DERIVED_TABLES):
                if derived[table.name]:
                    conn.execute(table.insert(), derived[table.name])
            self._set_state(conn, STALE_KEY, "0")

    # --- reading the report --------------------------------------------------------

    def report(self) -> Report:
        """The report as last linked, read from the derived tables (no recomputation)."""
        with self.engine.connect() as conn:

            def ordered(table: Any, *columns: Any) -> list[dict[str, Any]]:
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
            for row in ordered(schema.story_articles, schema.story_articles.c.story, schema.story_articles.c.position):
                story_articles[row["story"]].append(row["article"])
            findings = defaultdict(list)
            for row in ordered(schema.findings, schema.findings.c.story, schema.findings.c.position):
                findings[row["story"]].append(rows.finding_from_row(row))
            stories = tuple(
                rows.story_from_row(row, tuple(story_articles[row["id"]]), tuple(findings[row["id"]]))
                for row in ordered(schema.stories, schema.stories.c.position)
            )
            quotes = tuple(rows.quote_from_row(r) for r in ordered(schema.quotes, schema.quotes.c.position))
            times = tuple(rows.time_from_row(r) for r in ordered(schema.times, schema.times.c.position))
        return Report(
            articles=tuple(self.articles()),
            rejected=tuple(self.rejected()),
            duplicates=tuple(self.duplicates()),
            entities=entities,
            quotes=quotes,
            times=times,
            stories=stories,
        )

    # --- search ----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over article text and quotes, best matches first."""
        if self.dialect == "postgresql":
            sql = text(
                "SELECT kind, article, start, \"end\", body,"
                " ts_headline('french', body, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet"
                " FROM search_documents, websearch_to_tsquery('french', :query) AS q"
                " WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT :limit"
            )
            params: dict[str, Any] = {"query": query, "limit": limit}
        else:
            words = re.findall(r"\w+", query)
            if not words:
                return []
            sql = text(
                "SELECT kind, article, start, \"end\", body,"
                " snippet(search_documents, 0, '[', ']', '…', 16) AS snippet"
                " FROM search_documents WHERE search_documents MATCH :query"
                " ORDER BY rank LIMIT :limit"
            )
            params = {"query": " ".join(f'"{word}"' for word in words), "limit": limit}
        with self.engine.connect() as conn:
            found = conn.execute(sql, params).all()
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

    # --- export ----------------------------------------------------------------------

    def export(self, fmt: str, output: Path | None, tables: Sequence[str] = ()) -> list[Path]:
        """Write tables as JSON Lines, CSV or Parquet; see :func:`recoupe.store.export.export`."""
        from recoupe.store.export import export

        return export(self, fmt, output, tables)



# --- incremental relinking ---------------------------------------------------------


def _story_signature(entities: Iterable[Entity], articles: frozenset[str]) -> frozenset[Any]:
    """What a story's comparison reads of the entities: who is who inside its articles.

    Entity ids are left out (they may be renumbered when the corpus grows); each
    entity counts by its name, type, country, mentions and roles in the story.
    """
    signature = set()
    for entity in entities:
        mentions = frozenset((m.article, m.start, m.end) for m in entity.mentions if m.article in articles)
        if not mentions:
            continue
        roles = frozenset((r.article, r.start, r.end, r.key) for r in entity.roles if r.article in articles)
        signature.add((entity.name, entity.type, entity.country, mentions, roles))
    return frozenset(signature)


def unchanged_stories(previous: Report) -> Callable[[Story, Corpus], Story | None]:
    """Reuse a stored story's comparison when its articles and their entities are unchanged."""
    by_articles = {frozenset(story.articles): story for story in previous.stories}

    def reuse(story: Story, corpus: Corpus) -> Story | None:
        articles = frozenset(story.articles)
        old = by_articles.get(articles)
        if old is None:
            return None
        if _story_signature(previous.entities, articles) != _story_signature(corpus.entities, articles):
            return None
        return replace(story, findings=old.findings, coverage=old.coverage, brief=old.brief)

    return reuse
