"""One search, the same hits over a report in memory and over the store (a shared test set)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.fr.search import find_matches, parse_query
from recoupe.model import Article, ArticleAnalysis, Quote, Report
from recoupe.serve.source import search_report
from recoupe.store import Store

TEXTS = {
    "a1": "Effondrement au stade\nLa ministre de l’Intérieur, Hélène Marchal, a rendu visite aux blessés. "
    "« Nous ferons toute la lumière », a-t-elle déclaré. Huit blessées restent hospitalisées.",
    "a2": "Le port de Lauzac\nLe ministre de l'Intérieur a été interpellé sur le sport et le port. "
    "Un blessé léger a été soigné sur place par les pompiers.",
    "a3": "Conseil municipal\nLes élus ont voté l'extension du port de plaisance malgré l'opposition.",
}

# query -> the words each hit covers, in both modes
CASES = {
    "blessé": {"blessés", "blessées", "blessé"},
    "ministre Intérieur": {"ministre", "Intérieur"},
    "l’Intérieur": {"Intérieur"},
    "l'intérieur": {"Intérieur"},
    '"ministre de l\'Intérieur"': {"ministre de l’Intérieur", "ministre de l'Intérieur"},
    "port": {"port"},  # not "sport", not "pompiers"
    "« port de plaisance »": {"port de plaisance"},
    "lumière": {"lumière"},
    "sécurité": set(),
    "de": set(),  # a function word alone finds nothing rather than everything
}


def _report() -> Report:
    articles = tuple(
        Article(i, t, title=t.partition("\n")[0], source=f"Source {i}") for i, t in TEXTS.items()
    )
    quote_text = "Nous ferons toute la lumière"
    start = TEXTS["a1"].index(quote_text)
    quotes = (
        Quote("a1", start, start + len(quote_text), quote_text, "direct", None, "Hélène Marchal"),
    )
    return Report(articles=articles, quotes=quotes)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    report = _report()
    path: Path = tmp_path_factory.mktemp("search") / "search.db"
    opened = Store(path)
    analyses = [
        ArticleAnalysis(a.id, quotes=tuple(q for q in report.quotes if q.article == a.id))
        for a in report.articles
    ]
    opened.add(list(report.articles), analyses)
    return opened


def _memory_hits(query: str) -> set[tuple[str, str, int, int]]:
    return {
        (h.kind, h.article, h.start, h.end) for h in search_report(_report(), query, limit=1000)
    }


def _store_hits(store: Store, query: str) -> set[tuple[str, str, int, int]]:
    return {(h.kind, h.article, h.start, h.end) for h in store.search(query, limit=1000)}


@pytest.mark.parametrize("query", sorted(CASES))
def test_same_hits_in_both_modes(store: Store, query: str) -> None:
    memory, stored = _memory_hits(query), _store_hits(store, query)
    assert memory == stored
    report = _report()
    words = {report.article(a).text[s:e] for kind, a, s, e in memory if kind == "article"}
    assert words == CASES[query]


def test_quotes_are_found_whole() -> None:
    hits = search_report(_report(), "lumière")
    assert hits[0].kind == "quote" and hits[0].text == "Nous ferons toute la lumière"


def test_no_substring_explosion_and_all_words_required() -> None:
    text = TEXTS["a2"]
    assert find_matches(text, parse_query("l")) == []
    assert find_matches(text, parse_query("port Marchal")) == []  # every word must occur
    assert [text[s:e] for s, e in find_matches(text, parse_query("port"))] == ["port", "port"]
