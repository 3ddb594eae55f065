"""Hypothesis: whatever Articles and analyses look like, the store gives them back unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoupe.model import (
    Article,
    ArticleAnalysis,
    LocalEntity,
    Mention,
    Quote,
    Role,
    RoleParts,
    Sentence,
    TimeRef,
)
from recoupe.store import Store

# Any Unicode a database text column holds: no lone surrogates, no NUL (PostgreSQL refuses it).
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)
SOME_TEXT = TEXT.filter(lambda t: t.strip() != "")
MAYBE = st.none() | TEXT
OFFSET = st.integers(min_value=0, max_value=10**6)
ENTITY_TYPE = st.sampled_from(["person", "organization", "place", "other"])

mentions = st.builds(Mention, article=TEXT, start=OFFSET, end=OFFSET, text=TEXT)
roles = st.builds(
    Role,
    title=TEXT,
    article=TEXT,
    start=OFFSET,
    end=OFFSET,
    text=TEXT,
    parts=st.builds(
        RoleParts, function=MAYBE, portfolio=MAYBE, organization=MAYBE, country=MAYBE, rank=MAYBE
    ),
    key=TEXT,
)
local_entities = st.builds(
    LocalEntity,
    key=TEXT,
    type=ENTITY_TYPE,
    name=TEXT,
    mentions=st.lists(mentions, max_size=3).map(tuple),
    roles=st.lists(roles, max_size=2).map(tuple),
    country=MAYBE,
    gender=MAYBE,
)
quotes = st.builds(
    Quote,
    article=TEXT,
    start=OFFSET,
    end=OFFSET,
    text=TEXT,
    kind=st.sampled_from(["direct", "partial", "indirect"]),
    speaker=MAYBE,
    speaker_text=MAYBE,
    cue=MAYBE,
    speaker_start=st.none() | OFFSET,
    speaker_end=st.none() | OFFSET,
    speaker_type=st.none() | ENTITY_TYPE,
)
times = st.builds(
    TimeRef,
    article=TEXT,
    start=OFFSET,
    end=OFFSET,
    text=TEXT,
    type=st.sampled_from(["date", "time", "duration", "set"]),
    value=MAYBE,
    earliest=MAYBE,
    latest=MAYBE,
    explanation=MAYBE,
)
sentences = st.builds(
    Sentence,
    start=OFFSET,
    end=OFFSET,
    lemmas=st.lists(TEXT, max_size=4).map(tuple),
    predicate=MAYBE,
    negated=st.booleans(),
    entity_keys=st.lists(TEXT, max_size=3).map(tuple),
)


@st.composite
def analysed_articles(draw: st.DrawFn) -> list[tuple[Article, ArticleAnalysis]]:
    count = draw(st.integers(min_value=1, max_value=4))
    texts = draw(
        st.lists(
            SOME_TEXT,
            min_size=count,
            max_size=count,
            unique_by=lambda t: " ".join(t.split()).casefold(),
        )
    )
    pairs = []
    for number, text in enumerate(texts):
        article = Article(
            id=draw(TEXT.map(lambda t, n=number: f"{n}-{t}")),
            text=text,
            title=draw(MAYBE),
            published=draw(st.none() | st.sampled_from(["2024", "2024-03", "2024-03-26"])),
            source=draw(MAYBE),
            url=draw(MAYBE),
            language=draw(st.sampled_from(["fr", "en", "xx"])),
            path=draw(MAYBE),
            author=draw(MAYBE),
            source_evidence=draw(st.none() | st.sampled_from(["metadata", "signature", "byline"])),
        )
        analysis = ArticleAnalysis(
            article=article.id,
            entities=tuple(draw(st.lists(local_entities, max_size=2))),
            quotes=tuple(draw(st.lists(quotes, max_size=2))),
            times=tuple(draw(st.lists(times, max_size=2))),
            sentences=tuple(draw(st.lists(sentences, max_size=2))),
        )
        pairs.append((article, analysis))
    return pairs


def _round_trip(db: str, pairs: list[tuple[Article, ArticleAnalysis]]) -> None:
    articles = [a for a, _ in pairs]
    analyses = [b for _, b in pairs]
    with Store(db) as store:
        assert store.add(articles, analyses) == len(pairs)
        assert store.articles() == articles
        assert store.analyses() == analyses
        assert store.add(articles, analyses) == 0  # content already stored


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analysed_articles())
def test_articles_and_analyses_survive_sqlite(pairs: list[tuple[Article, ArticleAnalysis]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        _round_trip(str(Path(directory) / "r.db"), pairs)


@pytest.mark.postgres
def test_articles_and_analyses_survive_postgres(postgres_url: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(
        postgres_url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    counter = iter(range(10**6))

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(analysed_articles())
    def check(pairs: list[tuple[Article, ArticleAnalysis]]) -> None:
        name = f"rt_{next(counter)}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        try:
            _round_trip(postgres_url.rsplit("/", 1)[0] + f"/{name}", pairs)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))

    try:
        check()
    finally:
        admin.dispose()
