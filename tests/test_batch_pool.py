"""One pool of worker processes for the NLP and the comparison: the report is the one-process report."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from recoupe.api import AnalyzeOptions, analyze, analyze_articles
from recoupe.batch import default_jobs, pool_comparer, worker_pool
from recoupe.corpus import Corpus
from recoupe.model import MAX_ARTICLE_CHARS, Article, Report, Story
from recoupe.nlp.pipeline import PipelineOptions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BLANK = PipelineOptions(models=(), batch_size=2)

# Our own invented articles: two events, each covered by three outlets, and one text too long.
FLOOD = "La Vessière a débordé mardi à Lauzac. Le maire Paul Danrey a annoncé 120 évacuations."
BRIDGE = "Le pont de Carmelle a rouvert jeudi. La préfète Anne Solvin a inauguré l'ouvrage."
ARTICLES = [
    Article(
        id=f"{event}-{outlet}",
        text=f"{text} Selon {outlet}, les habitants attendaient depuis {n + 2} semaines.",
        source=outlet,
        language="fr",
        published="2026-03-0" + str(n + 1),
    )
    for event, text in (("crue", FLOOD), ("pont", BRIDGE))
    for n, outlet in enumerate(("Le Courrier de Lauzac", "Radio Vessière", "La Gazette du Val"))
]
TOO_LONG = Article(id="long", text="mot " * (MAX_ARTICLE_CHARS // 4 + 1), language="fr")


def _tagged(story: Story, corpus: Corpus) -> Story:
    """A comparison that says which process ran it and how much of the corpus it got."""
    return dataclasses.replace(story, title=f"{os.getpid()} {len(corpus.articles)}")


def test_default_jobs_is_one_per_usable_core_at_most_four() -> None:
    assert 1 <= default_jobs() <= min(4, os.cpu_count() or 1)


def test_the_pool_gives_the_one_process_report_and_lists_rejections() -> None:
    articles = [*ARTICLES[:3], TOO_LONG, *ARTICLES[3:]]
    here = analyze_articles(articles, AnalyzeOptions(pipeline=BLANK))
    pooled = analyze_articles(
        articles, AnalyzeOptions(pipeline=dataclasses.replace(BLANK, n_process=2))
    )
    assert [r.path for r in pooled.rejected] == ["long"]
    assert len(pooled.articles) == len(ARTICLES)
    assert pooled == here


def test_stories_are_compared_on_the_workers_in_order_with_their_part_of_the_corpus() -> None:
    stories = tuple(Story(id=f"S{k}", title="", articles=(a.id,)) for k, a in enumerate(ARTICLES))
    corpus = Corpus(articles=tuple(ARTICLES), analyses=(), entities=(), key_map={}, stories=stories)
    with worker_pool(2, BLANK) as pool:
        compared = list(pool_comparer(pool, _tagged)(stories, corpus))
    assert [s.id for s in compared] == [s.id for s in stories]
    pids = {int(s.title.split()[0]) for s in compared}
    assert os.getpid() not in pids
    assert {s.title.split()[1] for s in compared} == {"1"}  # one article each, not the corpus


@pytest.mark.slow
def test_the_pool_gives_the_one_process_report_with_the_model(sample_report: Report) -> None:
    pooled = analyze(
        [EXAMPLES / "corpus"],
        AnalyzeOptions(pipeline=PipelineOptions(n_process=2, batch_size=2)),
    )
    assert len(pooled.stories) > 1 and any(s.findings for s in pooled.stories)
    assert pooled == sample_report
