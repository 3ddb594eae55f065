"""The store behind the web app: the ReportSource protocol over the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import BLANK, invented_article

from recoupe.model import ArticleAnalysis, Quote, Rejected
from recoupe.serve import open_source
from recoupe.serve.source import ReportSource
from recoupe.serve.store_source import StoreSource
from recoupe.store import Store


def test_store_source_reads_searches_and_adds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "web.db"
    article = invented_article(0)
    start = article.text.index("Nous reconstruirons")
    end = article.text.index(" »", start)
    quote = Quote(article.id, start, end, article.text[start:end], "direct")
    with Store(db) as store:
        store.add([article], [ArticleAnalysis(article.id, quotes=(quote,))])
    source = StoreSource(db, BLANK)
    try:
        assert isinstance(source, ReportSource)
        assert [a.id for a in source.report().articles] == [article.id]  # relinked on first read
        assert source.stories() and source.story(source.stories()[0].id) is not None
        assert source.story("nope") is None and source.entity("nope") is None
        hits = source.search("reconstruirons", limit=10)
        assert [h.kind for h in hits] == ["quote", "article"]
        assert article.text[hits[1].start : hits[1].end] == "reconstruirons"
        assert hits[1].before.endswith("« Nous ")
        whole_reads: list[int] = []
        real_read = Store.versioned_report

        def counted_read(store: Store):  # type: ignore[no-untyped-def]
            whole_reads.append(1)
            return real_read(store)

        monkeypatch.setattr(Store, "versioned_report", counted_read)
        added = source.add_articles(
            [invented_article(1), article], [Rejected("up.bin", "binary content")]
        )
        assert whole_reads == [], "an incremental upload reads back only the rows it rewrote"
        monkeypatch.undo()
        assert added.added == ("art-1",)
        assert added.rejected == (Rejected("up.bin", "binary content"),)
        assert [a.id for a in added.report.articles] == ["art-0", "art-1"]
        assert source.report() is added.report
        assert added.report == source.store.report()  # the rows the relink rewrote, read in
    finally:
        source.close()
    served = open_source(db=str(db))
    assert isinstance(served, StoreSource)
    served.close()
