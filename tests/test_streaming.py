"""Reports written as they go: stories compared one at a time, sentences read back from a spill."""

from __future__ import annotations

import dataclasses
import io
import pickle

import pytest

from recoupe.api import build_report, link_corpus, stream_report
from recoupe.batch import analyse_articles, pool_comparer, split_results, worker_pool
from recoupe.compare.findings import compare_story
from recoupe.model import Report, Sentence, Story
from recoupe.nlp.pipeline import PipelineOptions
from recoupe.render.json import render_json, write_json, write_jsonl

# the invented two-event corpus (three outlets each) of the worker-pool tests
from test_batch_pool import ARTICLES, BLANK, EXAMPLES


def _analysed(options: PipelineOptions = BLANK):
    return split_results(ARTICLES, analyse_articles(ARTICLES, options))


def _written(stream) -> str:
    out = io.StringIO()
    write_json(stream.head, out, stories=stream.stories)
    return out.getvalue()


def test_a_streamed_report_with_spilled_sentences_is_the_whole_report() -> None:
    analysed = _analysed()
    whole = build_report(analysed.articles, analysed.analyses)
    assert whole.stories
    for spill_above in (None, 0):
        stream = stream_report(analysed.articles, analysed.analyses, spill_above=spill_above)
        assert stream.head.stories == ()
        assert _written(stream) == render_json(whole)
        assert stream.compared == len(whole.stories)


def test_stories_are_compared_only_as_they_are_read() -> None:
    analysed = _analysed()
    asked: list[str] = []

    def spy(stories, corpus):
        for story in stories:
            asked.append(story.id)
            yield story

    stream = stream_report(analysed.articles, analysed.analyses, comparer=spy)
    assert asked == []
    first = next(stream.stories)
    assert asked == [first.id] and stream.compared == 1


def test_json_lines_take_the_stories_as_they_come() -> None:
    analysed = _analysed()
    whole = build_report(analysed.articles, analysed.analyses)
    stream = stream_report(analysed.articles, analysed.analyses, spill_above=0)
    streamed, held = io.StringIO(), io.StringIO()
    write_jsonl(stream.head, streamed, stories=stream.stories)
    write_jsonl(whole, held)
    assert streamed.getvalue() == held.getvalue()


def test_a_spilled_corpus_reads_each_story_s_sentences_back() -> None:
    analysed = _analysed()
    whole = link_corpus(analysed.articles, analysed.analyses)
    spilled = whole.spill()
    assert all(a.sentences == () and a.quotes == () for a in spilled.analyses)
    assert whole.analyses[0].sentences  # the corpus spilled from is left as it was
    assert whole.analysis(whole.articles[0].id).sentences
    for story in whole.stories:
        assert spilled.for_story(story).analyses == whole.restricted(story).analyses
        assert whole.for_story(story) is whole


def test_the_pool_compares_a_spilled_corpus_as_this_process_does() -> None:
    analysed = _analysed()
    linked = link_corpus(analysed.articles, analysed.analyses)
    stories = tuple(  # one story per event, whatever clustering made of them
        Story(
            id=f"S{k}",
            title=event,
            articles=tuple(a.id for a in ARTICLES if a.id.startswith(event)),
        )
        for k, event in enumerate(("crue", "pont"))
    )
    corpus = dataclasses.replace(linked, stories=stories)
    here = [compare_story(s, corpus) for s in corpus.stories]
    with worker_pool(2, BLANK) as pool:
        pooled = list(pool_comparer(pool, compare_story)(corpus.stories, corpus.spill()))
    assert pooled == here


def test_unpickled_sentences_share_their_lemmas_and_offsets() -> None:
    sentence = Sentence(0, 9, ("crue",), "déborder", False, ("e1",), (1000,), (1000,))
    a, b = pickle.loads(pickle.dumps(sentence)), pickle.loads(pickle.dumps(sentence))
    assert a == sentence
    assert a.lemmas[0] is b.lemmas[0]
    assert a.lemma_starts[0] is b.lemma_starts[0] is b.frame_starts[0]


@pytest.mark.slow
def test_the_sample_streamed_and_spilled_is_the_sample_report(sample_report: Report) -> None:
    from recoupe.ingest import IngestOptions, deduplicate, read_inputs

    articles, _, _ = deduplicate(read_inputs([EXAMPLES / "corpus"], IngestOptions()))
    analysed = split_results(articles, analyse_articles(articles))
    stream = stream_report(analysed.articles, analysed.analyses, spill_above=0)
    assert _written(stream) == render_json(sample_report)
    assert dataclasses.replace(stream.head, stories=()) == dataclasses.replace(
        sample_report, stories=()
    )
    assert isinstance(sample_report.stories[0], Story)
