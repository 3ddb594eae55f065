"""The Python API: ``analyze(inputs, options) -> Report``. The CLI is a thin layer over it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from recoupe.compare.findings import compare_story
from recoupe.corpus import Corpus
from recoupe.ingest import IngestOptions, deduplicate, read_inputs
from recoupe.link.names import resolve_entities
from recoupe.link.stories import cluster_stories
from recoupe.link.times import narrow_times
from recoupe.model import (
    Article,
    ArticleAnalysis,
    Duplicate,
    Rejected,
    Report,
    Story,
)
from recoupe.nlp.pipeline import PipelineOptions, analyse_articles


@dataclass(frozen=True)
class AnalyzeOptions:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)


Progress = Callable[[int, int], None]  # (done, total)


def analyze(
    inputs: Iterable[str | Path],
    options: AnalyzeOptions | None = None,
    progress: Progress | None = None,
) -> Report:
    """Read every input, analyse each article, link and compare them into a Report."""
    options = options or AnalyzeOptions()
    articles, rejected, duplicates = deduplicate(read_inputs(inputs, options.ingest))
    return analyze_articles(articles, options, rejected, duplicates, progress)


def analyze_articles(
    articles: Sequence[Article],
    options: AnalyzeOptions | None = None,
    rejected: Sequence[Rejected] = (),
    duplicates: Sequence[Duplicate] = (),
    progress: Progress | None = None,
) -> Report:
    """Analyse already-read articles (the web app and the store call this)."""
    options = options or AnalyzeOptions()
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, len(articles))

    kept: list[Article] = []
    analyses: list[ArticleAnalysis] = []
    failed: list[Rejected] = list(rejected)
    for article, result in zip(
        articles, analyse_articles(articles, options.pipeline, tick), strict=True
    ):
        if isinstance(result, Rejected):
            failed.append(result)
        else:
            kept.append(article)
            analyses.append(result)
    return build_report(kept, analyses, failed, duplicates)


def link_corpus(articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]) -> Corpus:
    """Resolve entities across articles, attach speakers, cluster stories."""
    resolved = resolve_entities(analyses)
    corpus = Corpus(
        articles=tuple(articles),
        analyses=tuple(analyses),
        entities=resolved.entities,
        key_map=resolved.key_map,
    )
    quotes = tuple(
        replace(q, speaker=corpus.entity_of(a.article, q.speaker))
        for a in analyses
        for q in a.quotes
    )
    times = tuple(t for a in analyses for t in a.times)
    corpus = replace(corpus, quotes=quotes, times=times)
    return narrow_times(replace(corpus, stories=cluster_stories(corpus)))


# Given a freshly linked story, its comparison from an earlier run when still valid.
StoryReuse = Callable[[Story, Corpus], Story | None]


def build_report(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    rejected: Sequence[Rejected] = (),
    duplicates: Sequence[Duplicate] = (),
    reuse: StoryReuse | None = None,
) -> Report:
    """Link and compare; ``reuse`` lets an incremental caller skip unchanged stories."""
    corpus = link_corpus(articles, analyses)
    stories = tuple(
        (reuse(story, corpus) if reuse else None) or compare_story(story, corpus)
        for story in corpus.stories
    )
    return Report(
        articles=corpus.articles,
        rejected=tuple(rejected),
        duplicates=tuple(duplicates),
        entities=corpus.entities,
        quotes=corpus.quotes,
        times=corpus.times,
        stories=stories,
    )
