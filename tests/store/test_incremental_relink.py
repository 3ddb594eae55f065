"""Relinking after an ingest compares again only the stories that changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import BLANK, invented_article

import recoupe.api
from recoupe.api import build_report
from recoupe.batch import local_analyser
from recoupe.model import Article
from recoupe.store import Store
from recoupe.store.ingest import ingest_items

FESTIVAL = Article(
    id="festival",
    text=(
        "Cordanne accueille son premier festival de jazz\n\n"
        "Trois scènes, quarante concerts et une fanfare venue de Lisbonne : le festival de jazz "
        "de Cordanne ouvre ses portes vendredi soir sur les quais de la rivière."
    ),
    title="Cordanne accueille son premier festival de jazz",
    published="2024-06-14",
    source="Radio Vireloup",
    path="festival.txt",
)


def test_only_the_changed_story_is_compared_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flood = [invented_article(0), invented_article(6)]  # the same town, one story
    compared: list[tuple[str, ...]] = []
    real_compare = recoupe.api.compare_story

    def counting_compare(story, corpus):  # type: ignore[no-untyped-def]
        compared.append(story.articles)
        return real_compare(story, corpus)

    monkeypatch.setattr(recoupe.api, "compare_story", counting_compare)
    with Store(str(tmp_path / "recoupe.db")) as store:
        ingest_items(store, flood, local_analyser(BLANK))
        assert compared == [("art-0", "art-6")]
        compared.clear()
        ingest_items(store, [FESTIVAL], local_analyser(BLANK))
        assert compared == [("festival",)], "the untouched flood story must keep its findings"
        incremental = store.report()
        full = build_report(store.articles(), store.analyses())
    assert incremental.stories == full.stories
