"""The one runner: results in order, inputs read lazily (bounded memory), one split of results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from recoupe.batch import analyse_articles, split_results
from recoupe.model import Article, ArticleAnalysis, Rejected
from recoupe.nlp.pipeline import PipelineOptions


def _endless(read: list[int]) -> Iterator[Article]:
    n = 0
    while True:
        read.append(n)
        yield Article(
            id=f"a{n}", text=f"Le conseil de Lauzac a voté le budget numéro {n}.", language="xx"
        )
        n += 1


@pytest.mark.parametrize("n_process", [1, 2])
def test_articles_are_read_lazily_with_a_bounded_window(n_process: int) -> None:
    """An endless stream still gives results: at most 2 batches per worker are read ahead."""
    read: list[int] = []
    options = PipelineOptions(models=(), batch_size=2, n_process=n_process)
    results = analyse_articles(_endless(read), options)
    first = [next(results) for _ in range(5)]
    assert [r.article for r in first if isinstance(r, ArticleAnalysis)] == [
        f"a{n}" for n in range(5)
    ]
    window = 2 * n_process + 1  # batches in flight, plus the one being filled
    assert len(read) <= (window + 3) * options.batch_size
    results.close()


def test_progress_counts_every_article() -> None:
    seen: list[int] = []
    articles = [Article(id=f"p{n}", text="Une phrase.", language="xx") for n in range(5)]
    results = list(
        analyse_articles(articles, PipelineOptions(models=(), batch_size=2), seen.append)
    )
    assert len(results) == 5 and seen == [2, 2, 1]


def test_split_results_keeps_order_and_rejections() -> None:
    articles = [Article(id=i, text="x") for i in ("a", "b", "c")]
    failed = Rejected("b.txt", "analysis failed: boom")
    split = split_results(articles, [ArticleAnalysis("a"), failed, ArticleAnalysis("c")])
    assert [a.id for a in split.articles] == ["a", "c"]
    assert [a.article for a in split.analyses] == ["a", "c"]
    assert split.rejected == (failed,)
    assert [(a.id, b.article) for a, b in split.pairs()] == [("a", "a"), ("c", "c")]
    with pytest.raises(ValueError):
        split_results(articles, [ArticleAnalysis("a")])  # a result lost is a bug, not a silent drop
