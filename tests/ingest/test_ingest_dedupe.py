"""Exact duplicates and unique ids."""

from __future__ import annotations

from recoupe.ingest import deduplicate
from recoupe.model import Article, Duplicate, Rejected


def test_duplicates_by_normalised_text() -> None:
    first = Article(id="a", text="Le Pont  de Cé\nrouvert.", path="a.txt")
    same = Article(
        id="b", text="  le pont de ce\u0301 rouvert. ", path="b.txt"
    )  # NFD, case, spaces
    other = Article(id="c", text="Autre chose.", path="c.txt")
    bad = Rejected("d.txt", "empty input")
    articles, rejected, duplicates = deduplicate([first, same, bad, other])
    assert articles == [first, other]
    assert rejected == [bad]
    assert duplicates == [Duplicate("b.txt", duplicate_of="a")]


def test_duplicate_ids_get_suffixes() -> None:
    items = [
        Article(id="depeche", text="Un.", path="x/depeche.txt"),
        Article(id="depeche", text="Deux.", path="y/depeche.txt"),
        Article(id="depeche-2", text="Trois.", path="z/depeche-2.txt"),
        Article(id="depeche", text="Quatre.", path="w/depeche.txt"),
        Article(id="depeche", text="deux.", path="v/depeche.txt"),
    ]
    articles, _, duplicates = deduplicate(items)
    assert [a.id for a in articles] == ["depeche", "depeche-2", "depeche-2-2", "depeche-3"]
    assert duplicates == [Duplicate("v/depeche.txt", duplicate_of="depeche-2")]
