"""The store on SQLite and PostgreSQL: idempotent ingest, report read back, search, export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from store_helpers import BLANK, invented_article

from recoupe.api import build_report
from recoupe.batch import local_analyser
from recoupe.model import Article, ArticleAnalysis, Duplicate, Quote, Rejected, to_dict
from recoupe.store import LATEST_VERSION, ExportError, Store, StoreTooNew, database_url
from recoupe.store.ingest import ingest_items


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "recoupe.db")
    else:
        yield request.getfixturevalue("fresh_postgres")


def ingest(store: Store, items: list[Article | Rejected]):
    return ingest_items(store, items, local_analyser(BLANK), batch_size=2)


def test_database_url_defaults_to_a_sqlite_file_and_uses_psycopg() -> None:
    assert database_url(None) == "sqlite:///recoupe.db"
    assert database_url("data/x.db") == "sqlite:///data/x.db"
    assert database_url("postgresql://u@h:5/d").startswith("postgresql+psycopg://u@h:5/d")


def test_ingest_is_incremental_and_idempotent(db: str) -> None:
    first = [invented_article(n) for n in range(5)]
    with Store(db) as store:
        result = ingest(store, [*first, Rejected("bad.bin", "binary content")])
        assert (result.added, result.rejected, result.batches) == (5, 1, 3)
        assert result.stories is not None
        counts = store.counts()
        again = ingest(store, [*first, Rejected("bad.bin", "binary content")])
        assert (again.added, again.unchanged) == (0, 5)
        assert store.counts() == counts
        more = ingest(store, [*first, invented_article(7)])
        assert (more.added, more.unchanged) == (1, 5)
        assert [a.id for a in store.articles()] == [*(a.id for a in first), "art-7"]
        assert store.rejected() == [Rejected("bad.bin", "binary content")]


def test_same_content_elsewhere_is_a_duplicate_and_taken_ids_get_a_suffix(db: str) -> None:
    original = invented_article(1)
    moved = Article(id="copy", text=original.text, path="elsewhere/copy.txt")
    other = Article(
        id=original.id, text="Un tout autre texte sur la digue de Lauzac.", path="b.txt"
    )
    with Store(db) as store:
        ingest(store, [original])
        result = ingest(store, [moved, moved, other])
        assert (result.added, result.duplicates) == (1, 2)
        assert store.duplicates() == [Duplicate("elsewhere/copy.txt", original.id)]
        assert [a.id for a in store.articles()] == [original.id, f"{original.id}-2"]


def test_report_is_the_linked_report_of_the_stored_analyses(db: str) -> None:
    with Store(db) as store:
        ingest(store, [invented_article(n) for n in range(4)])
        expected = build_report(
            store.articles(), store.analyses(), store.rejected(), store.duplicates()
        )
        assert store.report() == expected
        assert not store.needs_relink()


def test_a_real_report_survives_the_derived_tables(sample_report, tmp_path: Path) -> None:
    empty = [ArticleAnalysis(article=a.id) for a in sample_report.articles]
    with Store(tmp_path / "r.db") as store:
        store.add(sample_report.articles, empty, sample_report.rejected, sample_report.duplicates)
        store.replace_derived(sample_report)
        assert to_dict(store.report()) == to_dict(sample_report)


def test_search_finds_article_text_and_quotes(db: str) -> None:
    article = invented_article(3)
    start = article.text.index("Nous reconstruirons")
    end = article.text.index(" »", start)
    quote = Quote(
        article=article.id, start=start, end=end, text=article.text[start:end], kind="direct"
    )
    with Store(db) as store:
        store.add(
            [article, invented_article(4)],
            [ArticleAnalysis(article.id, quotes=(quote,)), ArticleAnalysis("art-4")],
        )
        hits = store.search("reconstruirons digue")
        assert {(h.kind, h.article) for h in hits} == {
            ("quote", article.id),
            ("article", article.id),
            ("article", "art-4"),
        }
        quote_hit = next(h for h in hits if h.kind == "quote")
        assert article.text[quote_hit.start : quote_hit.end] == quote_hit.text
        assert store.search("Mirabel")[0].article == "art-4"
        assert store.search("«»!") == [] or store.dialect == "postgresql"
        if store.dialect == "sqlite":  # accent folding
            assert store.search("prefecture")


def test_export_writes_every_format(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with Store(tmp_path / "e.db") as store:
        ingest(store, [invented_article(n) for n in range(3)])
        written = store.export("jsonl", tmp_path / "out")
        assert {p.name for p in written} >= {"articles.jsonl", "stories.jsonl", "findings.jsonl"}
        lines = (tmp_path / "out" / "articles.jsonl").read_text("utf-8").splitlines()
        assert [json.loads(line)["id"] for line in lines] == ["art-0", "art-1", "art-2"]
        [csv_file] = store.export("csv", tmp_path / "articles.csv", ["articles"])
        assert csv_file.read_text("utf-8").startswith("seq,id,content_hash,text")
        [parquet] = store.export("parquet", tmp_path / "p" / "stories.parquet", ["stories"])
        assert pq.read_table(parquet).num_rows == store.counts()["stories"]
        with pytest.raises(ExportError, match="--table"):
            store.export("csv", tmp_path / "all.csv")
        with pytest.raises(ExportError, match="unknown table"):
            store.export("jsonl", tmp_path / "x", ["nope"])


def test_migrations_are_recorded_and_a_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with Store(path) as store, store.engine.begin() as conn:
        versions = (
            conn.execute(text("SELECT version FROM schema_version ORDER BY version"))
            .scalars()
            .all()
        )
        assert versions == list(range(1, LATEST_VERSION + 1))
        conn.execute(
            text("INSERT INTO schema_version VALUES (:v, 'from the future')"),
            {"v": LATEST_VERSION + 1},
        )
    with pytest.raises(StoreTooNew, match="upgrade recoupe"):
        Store(path)


def test_a_version_2_store_gains_the_typed_fact_columns(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    added = {"quotes": ["cue_lemma", "cue_loaded"], "times": ["tense", "kind", "anchor", "parts"]}
    with Store(path) as store, store.engine.begin() as conn:
        for table, columns in added.items():
            for column in columns:
                conn.execute(text(f'ALTER TABLE {table} DROP COLUMN "{column}"'))
        conn.execute(text("DELETE FROM schema_version WHERE version >= 3"))
    with Store(path) as store:
        ingest(store, [invented_article(1)])
        with store.engine.begin() as conn:
            for table, columns in added.items():
                present = {row[1] for row in conn.execute(text(f"PRAGMA table_info({table})"))}
                assert set(columns) <= present
        report = store.report()
        assert report.times and all(t.kind for t in report.times)


def test_a_version_3_store_gains_the_finding_detail_columns(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    with Store(path) as store, store.engine.begin() as conn:
        for column in ("title", "confidence", "value_groups"):
            conn.execute(text(f'ALTER TABLE findings DROP COLUMN "{column}"'))
        conn.execute(text("DELETE FROM schema_version WHERE version >= 4"))
    with Store(path) as store:
        ingest(store, [invented_article(1), invented_article(2)])
        with store.engine.begin() as conn:
            present = {row[1] for row in conn.execute(text("PRAGMA table_info(findings)"))}
        assert {"title", "confidence", "value_groups"} <= present
        assert all(f.title for story in store.report().stories for f in story.findings)


def test_unreachable_postgresql_is_one_clear_line() -> None:
    from recoupe.store import StoreError

    with pytest.raises(StoreError) as raised:
        Store("postgresql://someone:secret@127.0.0.1:1/recoupe")
    message = str(raised.value)
    assert message.startswith(
        "cannot open the database postgresql://someone:***@127.0.0.1:1/recoupe: "
    )
    assert "\n" not in message and "secret" not in message
