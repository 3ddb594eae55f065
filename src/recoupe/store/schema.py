"""The tables of the store: one SQLAlchemy Core schema for SQLite and PostgreSQL.

Inputs (``articles``, ``article_analyses``, ``rejected``, ``duplicates``) only
grow. Derived tables (entities … findings) are rebuilt by ``Store.relink`` in
one transaction. Every derived row keeps a ``position`` so a Report read back
has the order it was written in. Nested values without a table of their own
(role parts, story timelines, evidence) are JSON text.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
)

# Small key/value facts about the store, e.g. the article seq last linked.
store_state = Table(
    "store_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# What linking keeps between uploads (recoupe.store.incremental.LinkState), written
# with the derived tables it produced, read back by the next relink: the story index
# and counters, pickled, under one key ...
link_state = Table(
    "link_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

# ... and one row per linked article, read by key: its entity blocking keys, its
# local entities (all entity resolution reads of it) and its entities' global ids.
link_articles = Table(
    "link_articles",
    metadata,
    Column("article", String(512), primary_key=True),
    Column("position", Integer, nullable=False, unique=True),  # linking order
    Column("blocking_keys", Text, nullable=False),  # JSON list
    Column("entities", Text, nullable=False),  # JSON list of LocalEntity
    Column("key_map", Text, nullable=False),  # JSON {local entity key: entity id}
)

# Blocking key -> the linked articles with an entity under it.
link_keys = Table(
    "link_keys",
    metadata,
    Column("key", Text, nullable=False),
    Column("article", String(512), nullable=False),
    Index("ix_link_keys_key", "key"),
    Index("ix_link_keys_article", "article"),
)

LINK_TABLES = (link_keys, link_articles, link_state)

articles = Table(
    "articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(512), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("published", String(32)),
    Column("source", Text),
    Column("url", Text),
    Column("language", String(35), nullable=False),
    Column("path", Text),
    Column("author", Text),
    Column("source_evidence", String(32)),
)

article_analyses = Table(
    "article_analyses",
    metadata,
    Column("article", String(512), ForeignKey("articles.id"), primary_key=True),
    Column("analysis", Text, nullable=False),  # ArticleAnalysis as JSON (to_dict)
)

rejected = Table(
    "rejected",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),  # sha256 of path + reason
    Column("path", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

duplicates = Table(
    "duplicates",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),  # sha256 of path + duplicate_of
    Column("path", Text, nullable=False),
    Column("duplicate_of", String(512), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("variants", Text, nullable=False),  # JSON list
    Column("country", Text),
    Column("gender", Text),
)

mentions = Table(
    "mentions",
    metadata,
    Column("entity", String(64), ForeignKey("entities.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("article", String(512), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_mentions_entity", "entity", "position"),
    Index("ix_mentions_article", "article"),
)

roles = Table(
    "roles",
    metadata,
    Column("entity", String(64), ForeignKey("entities.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("article", String(512), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("parts", Text, nullable=False),  # JSON RoleParts
    Column("key", Text, nullable=False),
    Index("ix_roles_entity", "entity", "position"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("article", String(512), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker", String(64)),
    Column("speaker_text", Text),
    Column("cue", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_type", String(16)),
    Column("cue_lemma", Text),
    Column("cue_loaded", Boolean),
    Index("ix_quotes_article", "article"),
    Index("ix_quotes_speaker", "speaker"),
)

times = Table(
    "times",
    metadata,
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("article", String(512), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64)),
    Column("earliest", String(64)),
    Column("latest", String(64)),
    Column("explanation", Text),
    Column("tense", String(16)),
    Column("kind", String(32)),
    Column("anchor", String(16)),
    Column("parts", Text, nullable=False, server_default="[]"),  # JSON list of [name, words]
    Index("ix_times_article", "article"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("timeline", Text, nullable=False),  # JSON list of TimelineEvent
    Column("brief", Text, nullable=False),  # JSON list
    Column("coverage", Text, nullable=False),  # JSON list
    Column("published_earliest", String(32)),
    Column("published_latest", String(32)),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story", String(64), ForeignKey("stories.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("article", String(512), nullable=False),
    Index("ix_story_articles_story", "story", "position"),
    Index("ix_story_articles_article", "article"),
)

findings = Table(
    "findings",
    metadata,
    Column("story", String(64), ForeignKey("stories.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("subject", Text, nullable=False),
    Column("slot", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("evidence", Text, nullable=False),  # JSON list of Evidence
    Column("sources", Text, nullable=False),  # JSON list of outlets
    Column("title", Text, nullable=False, server_default=""),
    Column("confidence", Float, nullable=False, server_default="0"),
    Column("value_groups", Text, nullable=False, server_default="[]"),  # JSON list of ValueGroup
    Index("ix_findings_story", "story", "position"),
)

# Full-text documents: created per dialect by the migrations (FTS5 / tsvector),
# declared here only so inserts and deletes are written once.
search_metadata = MetaData()
search_documents = Table(
    "search_documents",
    search_metadata,
    Column("body", Text),
    Column("kind", Text),  # "article" or "quote"
    Column("article", Text),
    Column("start", Integer),
    Column("end", Integer),
)

INPUT_TABLES = (articles, article_analyses, rejected, duplicates)
# Children before parents, so deleting in this order never breaks a foreign key.
DERIVED_TABLES = (findings, story_articles, stories, times, quotes, roles, mentions, entities)
EXPORT_TABLES = {
    table.name: table
    for table in (
        articles,
        rejected,
        duplicates,
        entities,
        mentions,
        roles,
        quotes,
        times,
        stories,
        story_articles,
        findings,
    )
}
