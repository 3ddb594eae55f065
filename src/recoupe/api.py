"""The Python API: ``analyze(inputs, options) -> Report``. The CLI is a thin layer over it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from recoupe.batch import Analysed, StoryComparer, open_runners, split_results
from recoupe.batch import analyse_articles as run_pipeline
from recoupe.compare import vectors
from recoupe.compare.findings import compare_story
from recoupe.corpus import Corpus, SentenceSpill
from recoupe.ingest import IngestOptions, deduplicate, read_inputs
from recoupe.link.names import resolve_entities
from recoupe.link.outline import content_lemmas, outline
from recoupe.link.times import narrow_times
from recoupe.model import (
    Article,
    ArticleAnalysis,
    Duplicate,
    Rejected,
    Report,
    Story,
)
from recoupe.nlp.pipeline import PipelineOptions, loaded_vocab

if TYPE_CHECKING:
    from recoupe.link.stories import StoryIndex


# Articles above which a report's comparison reads sentences back from a temporary file, one
# story at a time, instead of holding every article's (``stream_report``).
SPILL_ABOVE = 1_000


@dataclass(frozen=True)
class AnalyzeOptions:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    # a Dask scheduler address or "local": the NLP and the per-story comparison run there
    dask: str | None = None


Progress = Callable[[int, int], None]  # (done, total)
# (phase, done, total) for the phases after the NLP: "linking", "comparing"
PhaseProgress = Callable[[str, int, int], None]


class ReportStream:
    """A report written as it goes: all but its stories at once (``head``, whose ``stories``
    is empty), then each story as it is compared (``stories``, to be read once, in order).

    The compared stories are never all held: a writer serialises each in turn
    (``render.json.write_json(head, out, stories=stream.stories)``). ``compared`` counts the
    stories read so far.
    """

    def __init__(self, head: Report, stories: Iterable[Story]) -> None:
        self.head = head
        self.compared = 0
        self._stories = iter(stories)

    @property
    def stories(self) -> Iterator[Story]:
        for story in self._stories:
            self.compared += 1
            yield story

    def collect(self) -> Report:
        """The whole report, every story held."""
        return replace(self.head, stories=tuple(self.stories))


def analyze(
    inputs: Iterable[str | Path],
    options: AnalyzeOptions | None = None,
    progress: Progress | None = None,
    phases: PhaseProgress | None = None,
) -> Report:
    """Read every input, analyse each article, link and compare them into a Report."""
    with analyze_stream(inputs, options, progress, phases) as stream:
        return stream.collect()


@contextmanager
def analyze_stream(
    inputs: Iterable[str | Path],
    options: AnalyzeOptions | None = None,
    progress: Progress | None = None,
    phases: PhaseProgress | None = None,
) -> Iterator[ReportStream]:
    """:func:`analyze` with the stories compared as they are read (see :class:`ReportStream`);
    they must be read inside the ``with`` block, where the worker processes live."""
    options = options or AnalyzeOptions()
    articles, rejected, duplicates = deduplicate(read_inputs(inputs, options.ingest))
    with _streamed(articles, options, rejected, duplicates, progress, None, phases) as stream:
        yield stream


def analyze_articles(
    articles: Sequence[Article],
    options: AnalyzeOptions | None = None,
    rejected: Sequence[Rejected] = (),
    duplicates: Sequence[Duplicate] = (),
    progress: Progress | None = None,
    known: MutableMapping[str, ArticleAnalysis] | None = None,
    phases: PhaseProgress | None = None,
) -> Report:
    """Analyse already-read articles, then link and compare them (the web app calls this).

    ``known`` maps article ids to analyses from an earlier call: those articles
    are not analysed again, and the new analyses are added to it.
    """
    options = options or AnalyzeOptions()
    with _streamed(articles, options, rejected, duplicates, progress, known, phases) as stream:
        return stream.collect()


@contextmanager
def _streamed(
    articles: Sequence[Article],
    options: AnalyzeOptions,
    rejected: Sequence[Rejected],
    duplicates: Sequence[Duplicate],
    progress: Progress | None,
    known: MutableMapping[str, ArticleAnalysis] | None,
    phases: PhaseProgress | None,
) -> Iterator[ReportStream]:
    to_analyse = [a for a in articles if known is None or a.id not in known]
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, len(to_analyse))

    if progress:
        progress(0, len(to_analyse))  # shown while the model loads
    # the NLP and the comparison of stories on one Dask client, or one pool of worker processes
    with open_runners(compare_story, options.pipeline, options.dask, preload=load_vectors) as (
        analyser,
        comparer,
    ):
        results = run_pipeline(to_analyse, options.pipeline, tick, analyser)
        if known is None:
            # each analysis spilled as it comes when the corpus is large (see stream_results)
            yield stream_results(
                zip(to_analyse, results, strict=True),
                len(to_analyse),
                rejected,
                duplicates,
                phases=phases,
                comparer=comparer,
            )
        else:
            analysed = split_results(to_analyse, results)
            stream = _finish(articles, analysed, rejected, duplicates, known, phases, comparer)
            del analysed  # the report's corpus holds what it needs
            yield stream


def stream_results(
    results: Iterable[tuple[Article, ArticleAnalysis | Rejected]],
    count: int,
    rejected: Sequence[Rejected] = (),
    duplicates: Sequence[Duplicate] = (),
    phases: PhaseProgress | None = None,
    comparer: StoryComparer | None = None,
    spill_above: int | None = SPILL_ABOVE,
) -> ReportStream:
    """:func:`stream_report` of ``count`` articles from their analyses as the NLP yields them
    (``results``: each article with its analysis or its ``Rejected``, in order).

    Above ``spill_above`` articles, each analysis goes to a :class:`SentenceSpill` as it
    comes and only what linking reads of it is held (:func:`spilled`): no analysis is ever
    held whole beside all the others. The report is the same either way.
    """
    spill = SentenceSpill() if spill_above is not None and count > spill_above else None
    articles: list[Article] = []
    analyses: list[ArticleAnalysis] = []
    failed = list(rejected)
    for article, result in results:
        if isinstance(result, Rejected):
            failed.append(result)
            continue
        articles.append(article)
        analyses.append(result if spill is None else spilled(spill, article, result))
    return stream_report(
        articles,
        analyses,
        failed,
        duplicates,
        phases=phases,
        comparer=comparer,
        spill_above=spill_above,
        spill=spill,
    )


def spilled(spill: SentenceSpill, article: Article, analysis: ArticleAnalysis) -> ArticleAnalysis:
    """The analysis put in ``spill``: what is left of it is what linking reads (its entities,
    quotes, times and the outline of its sentences, :mod:`recoupe.link.outline`)."""
    return spill.put(analysis, outline(article, analysis), content_lemmas(analysis))


def _finish(
    articles: Sequence[Article],
    analysed: Analysed,
    rejected: Sequence[Rejected],
    duplicates: Sequence[Duplicate],
    known: MutableMapping[str, ArticleAnalysis],
    phases: PhaseProgress | None,
    comparer: StoryComparer | None = None,
) -> ReportStream:
    """The report of freshly analysed articles with the ``known`` ones."""
    failed = [*rejected, *analysed.rejected]
    known.update((a.id, analysis) for a, analysis in analysed.pairs())
    kept = [a for a in articles if a.id in known]
    return stream_report(
        kept,
        [known[a.id] for a in kept],
        failed,
        duplicates,
        phases=phases,
        comparer=comparer,
        spill_above=None,  # ``known`` holds every analysis whole anyway
    )


def share_vectors() -> None:
    """Let the comparison read its word vectors from the analysing pipeline's vocab when that
    pipeline is loaded in this process: one copy of the table (about 208 MiB), not two."""
    vectors.share(vectors.DEFAULT_MODEL, loaded_vocab(vectors.DEFAULT_MODEL))


def load_vectors() -> None:
    """The comparison's word vectors, read now (before worker processes fork, so that they
    share them), from the analysing pipeline when it is loaded."""
    share_vectors()
    vectors.load()


def link_corpus(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    index: StoryIndex | None = None,
    spill: SentenceSpill | None = None,
) -> Corpus:
    """Resolve entities across articles, attach speakers, cluster stories (into ``index``
    when given: the store keeps it for the next upload). ``spill``: where the analyses were
    put as they came (:func:`spilled`), their sentences outlined."""
    from recoupe.link.stories import cluster_stories  # datasketch and scipy: only here

    # spilled, the analyses come without their entities and quotes, which the spill keeps
    # for resolution and clustering only (:meth:`SentenceSpill.whole`)
    whole = [spill.whole(a) for a in analyses] if spill is not None else analyses
    resolved = resolve_entities(whole)
    corpus = Corpus(
        articles=tuple(articles),
        analyses=tuple(whole),
        entities=resolved.entities,
        key_map=resolved.key_map,  # held per article (compact) by the corpus
        spilled=spill,
    )
    del resolved  # its key map a dict of pairs: let go of before clustering
    quotes = tuple(
        replace(q, speaker=corpus.entity_of(a.article, q.speaker)) for a in whole for q in a.quotes
    )
    times = tuple(t for a in whole for t in a.times)
    corpus = replace(corpus, quotes=quotes, times=times)
    stories = cluster_stories(corpus, index=index)
    if spill is not None:
        # time narrowing reads the analyses' times and sentences only: their entities and
        # quotes (a second copy of the corpus's) are let go of before it, so that the
        # timelines take the memory they held
        del whole
        spill.clustered()
        corpus = replace(corpus, analyses=tuple(analyses), _analyses_by_id={})
    # spilled, each story's timeline waits in the spill until the story is compared
    return narrow_times(replace(corpus, stories=stories), aside=spill)


def compare_one_story(articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]) -> Story:
    """Link analysed articles and compare them as one story, whatever clustering would say."""
    share_vectors()
    corpus = link_corpus(articles, analyses)
    story = Story(
        id="S1",
        title=articles[0].title or articles[0].text[:80],
        articles=tuple(a.id for a in articles),
    )
    return compare_story(story, replace(corpus, stories=(story,)))


def compare_groups(
    groups: Sequence[Sequence[Article]], options: PipelineOptions | None = None
) -> list[Story | None]:
    """Each group of articles analysed and compared as one story (None when one of its
    articles is rejected); ``recoupe eval pairs`` puts each sentence pair in one story this way."""
    flat = [article for group in groups for article in group]
    results = list(run_pipeline(flat, options))
    out: list[Story | None] = []
    at = 0
    for group in groups:
        part = results[at : at + len(group)]
        at += len(group)
        analyses = [r for r in part if isinstance(r, ArticleAnalysis)]
        out.append(compare_one_story(group, analyses) if len(analyses) == len(group) else None)
    return out


@contextmanager
def paused_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while linking and comparing build plain, acyclic data.

    Each full collection walks every object alive (the model, every analysis), and
    the linking pass creates enough containers to trigger several: at 5,000 articles
    they took 40% of the linking time. Reference counting still frees everything;
    cycles, if any, are collected when the collector resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compare_here(stories: Sequence[Story], corpus: Corpus) -> Iterator[Story]:
    order = {e.id: k for k, e in enumerate(corpus.entities)} if corpus.spilled else None
    for story in stories:
        yield compare_story(story, corpus.for_story(story, order))


def _with_timeline(story: Story, corpus: Corpus) -> Story:
    """The compared story with its timeline, when linking put it aside in the spill
    (:func:`link_corpus`): read back as the story is written, not held meanwhile."""
    timeline = corpus.spilled.timeline(story.id) if corpus.spilled is not None else None
    return story if timeline is None else replace(story, timeline=timeline)


# Given a freshly linked story, its comparison from an earlier run when still valid.
StoryReuse = Callable[[Story, Corpus], Story | None]


def build_report(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    rejected: Sequence[Rejected] = (),
    duplicates: Sequence[Duplicate] = (),
    reuse: StoryReuse | None = None,
    phases: PhaseProgress | None = None,
    index: StoryIndex | None = None,
    comparer: StoryComparer | None = None,
) -> Report:
    """Link and compare; ``reuse`` lets an incremental caller skip unchanged stories,
    ``index`` is the story index to fill (see :func:`link_corpus`), ``comparer`` compares
    the other stories elsewhere (on Dask workers), else here one by one."""
    return stream_report(
        articles, analyses, rejected, duplicates, reuse, phases, index, comparer
    ).collect()


def stream_report(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    rejected: Sequence[Rejected] = (),
    duplicates: Sequence[Duplicate] = (),
    reuse: StoryReuse | None = None,
    phases: PhaseProgress | None = None,
    index: StoryIndex | None = None,
    comparer: StoryComparer | None = None,
    spill_above: int | None = SPILL_ABOVE,
    spill: SentenceSpill | None = None,
) -> ReportStream:
    """:func:`build_report` with the stories compared as they are read (:class:`ReportStream`).

    A corpus of more than ``spill_above`` articles puts its analyses' sentences, quotes and
    entities aside in a temporary file before linking (:func:`spilled`; ``spill``: already
    there, as they came from the NLP, see :func:`stream_results`), is linked from what is
    left, and each story reads its own back when compared (None: never). The report is the
    same either way.
    """
    with paused_cycle_collection():
        if spill is None and spill_above is not None and len(analyses) > spill_above:
            spill = SentenceSpill()
            analyses = [spilled(spill, a, x) for a, x in zip(articles, analyses, strict=True)]
        corpus = _linked(articles, analyses, phases, index, spill)
        if spill is not None:
            corpus = corpus.spill()
    return ReportStream(
        report_head(corpus, rejected, duplicates),
        compare_stories(corpus, reuse, phases, comparer),
    )


def _linked(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    phases: PhaseProgress | None,
    index: StoryIndex | None,
    spill: SentenceSpill | None = None,
) -> Corpus:
    report_phase = phases or (lambda _phase, _done, _total: None)
    report_phase("linking", 0, 1)
    corpus = link_corpus(articles, analyses, index, spill)
    report_phase("linking", 1, 1)
    return corpus


def compare_corpus(
    corpus: Corpus,
    rejected: Sequence[Rejected] = (),
    duplicates: Sequence[Duplicate] = (),
    reuse: StoryReuse | None = None,
    phases: PhaseProgress | None = None,
    comparer: StoryComparer | None = None,
) -> Report:
    """Compare each story of a linked corpus (``reuse``, ``comparer``: see
    :func:`build_report`)."""
    stories = tuple(compare_stories(corpus, reuse, phases, comparer))
    return replace(report_head(corpus, rejected, duplicates), stories=stories)


def report_head(
    corpus: Corpus, rejected: Sequence[Rejected] = (), duplicates: Sequence[Duplicate] = ()
) -> Report:
    """The report of a linked corpus but its stories."""
    return Report(
        articles=corpus.articles,
        rejected=tuple(rejected),
        duplicates=tuple(duplicates),
        entities=corpus.entities,
        quotes=corpus.quotes,
        times=corpus.times,
    )


def compare_stories(
    corpus: Corpus,
    reuse: StoryReuse | None = None,
    phases: PhaseProgress | None = None,
    comparer: StoryComparer | None = None,
) -> Iterator[Story]:
    """Each story of a linked corpus compared (or reused), in order, one at a time."""
    report_phase = phases or (lambda _phase, _done, _total: None)
    share_vectors()
    with paused_cycle_collection():
        total = len(corpus.stories)
        kept = [reuse(story, corpus) if reuse else None for story in corpus.stories]
        todo = [story for story, old in zip(corpus.stories, kept, strict=True) if old is None]
        fresh = (comparer or _compare_here)(todo, corpus)
        for done, old in enumerate(kept):
            report_phase("comparing", done, total)
            yield old if old is not None else _with_timeline(next(fresh), corpus)
        report_phase("comparing", total, total)
