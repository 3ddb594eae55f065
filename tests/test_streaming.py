"""Reports written as they go: stories compared one at a time, sentences read back from a spill."""

from __future__ import annotations

import dataclasses
import io
import pickle

import pytest

from recoupe.api import build_report, link_corpus, spilled, stream_report, stream_results
from recoupe.batch import analyse_articles, pool_comparer, split_results, worker_pool
from recoupe.compare import vectors
from recoupe.compare.findings import compare_story
from recoupe.corpus import ArticleKeyMap, Corpus, SentenceSpill
from recoupe.link.outline import content_lemmas
from recoupe.link.stories import features_of, headline_of
from recoupe.model import (
    Article,
    ArticleAnalysis,
    LocalEntity,
    Mention,
    Quote,
    Report,
    Role,
    RoleParts,
    Sentence,
    Story,
    TimeRef,
)
from recoupe.nlp.pipeline import PipelineOptions
from recoupe.render.json import render_json, write_json, write_jsonl

# the invented two-event corpus (three outlets each) of the worker-pool tests
from test_batch_pool import ARTICLES, BLANK, EXAMPLES, TOO_LONG


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


def test_a_spilled_corpus_s_timelines_wait_in_the_spill_until_their_story_is_written() -> None:
    analysed = _analysed()
    whole = build_report(analysed.articles, analysed.analyses)
    assert any(s.timeline for s in whole.stories)
    spill = SentenceSpill()
    analyses = [spilled(spill, a, x) for a, x in analysed.pairs()]
    linked = link_corpus(analysed.articles, analyses, spill=spill)
    assert all(s.timeline == () for s in linked.stories)  # none held while comparing
    assert [spill.timeline(s.id) for s in linked.stories] == [s.timeline for s in whole.stories]
    assert spill.timeline("no such story") is None
    stream = stream_report(analysed.articles, analysed.analyses, spill_above=0)
    assert [s.timeline for s in stream.stories] == [s.timeline for s in whole.stories]


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


def _as_compared(analysis: ArticleAnalysis) -> ArticleAnalysis:
    """An analysis as the spill gives it back for the comparison: its sentences, and its local
    entities with their names and mentions; its quotes and roles are the corpus's."""
    entities = tuple(dataclasses.replace(e, roles=()) for e in analysis.entities)
    return dataclasses.replace(analysis, quotes=(), entities=entities)


def test_a_spilled_corpus_reads_each_story_s_sentences_back() -> None:
    analysed = _analysed()
    whole = link_corpus(analysed.articles, analysed.analyses)
    spilled = whole.spill()
    assert all(a.sentences == () and a.quotes == () for a in spilled.analyses)
    assert whole.analyses[0].sentences  # the corpus spilled from is left as it was
    assert whole.analysis(whole.articles[0].id).sentences
    for story in whole.stories:
        # compared here, a story reads its sentences back as it compares them (by windows)
        assert all(a.sentences == () for a in spilled.for_story(story).analyses)
        held = tuple(map(_as_compared, whole.restricted(story).analyses))
        assert spilled.for_story(story).read_back(story.articles).analyses == held
        assert spilled.restricted(story).analyses == held
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


def test_analyses_spilled_as_they_come_give_the_held_report() -> None:
    articles = [*ARTICLES[:2], TOO_LONG, *ARTICLES[2:]]
    results = list(analyse_articles(articles, BLANK))
    analysed = split_results(articles, results)
    whole = build_report(analysed.articles, analysed.analyses, analysed.rejected)
    for spill_above in (None, 0, len(articles)):
        stream = stream_results(
            zip(articles, results, strict=True), len(articles), spill_above=spill_above
        )
        assert (stream.head.articles, stream.head.rejected) == (whole.articles, whole.rejected)
        assert _written(stream) == render_json(whole)


def test_a_spilled_analysis_keeps_what_linking_reads_and_gives_the_rest_back() -> None:
    # an untitled article opening on a publication stamp: its headline is its second sentence
    stamped = Article(
        id="crue-stamp",
        text="Publié le 03/03/2026 à 10:42\n" + ARTICLES[0].text,
        source="La Dépêche du Val",
        language="fr",
    )
    articles = [*ARTICLES, stamped]
    analysed = split_results(articles, analyse_articles(articles, BLANK))
    spill = SentenceSpill()
    for article, whole in analysed.pairs():
        light = spilled(spill, article, whole)
        kept = {(s.start, s.end) for s in light.sentences}
        assert kept < {(s.start, s.end) for s in whole.sentences} or len(whole.sentences) == 1
        assert all(s.lemmas == s.lemma_starts == s.frame_starts == () for s in light.sentences)
        for t in whole.times:  # each time expression's sentence, with its predicate and names
            around = [s for s in whole.sentences if s.start <= t.start < s.end]
            assert [(s.start, s.end, s.predicate, s.entity_keys) for s in around] == [
                (s.start, s.end, s.predicate, s.entity_keys)
                for s in light.sentences
                if s.start <= t.start < s.end
            ]
        assert headline_of(article, light) == headline_of(article, whole)
        counts = spill.content_lemmas(article.id)
        assert counts == content_lemmas(whole)
        assert list(counts) == list(content_lemmas(whole))  # in the same order: same keywords
        assert light.entities == light.quotes == ()  # kept by the spill until clustered
        assert spill.whole(light) == dataclasses.replace(whole, sentences=light.sentences)
        assert features_of(article, spill.whole(light), {}, counts=counts) == features_of(
            article, whole, {}
        )
        with pytest.raises(LookupError):  # read once: the story index keeps what it reads
            spill.content_lemmas(article.id)
        assert spill.restore(light) == _as_compared(whole)
    assert headline_of(stamped, whole).startswith("La Vessière")
    spill.linked()
    assert spill.content_lemmas(ARTICLES[0].id) is None  # linked: the outline is all there is
    assert spill.whole(light) is light  # and the entities and quotes are let go of


def test_the_comparison_reads_word_vectors_from_a_loaded_vocab() -> None:
    import numpy as np
    from spacy.vocab import Vocab

    vocab = Vocab()
    vocab.set_vector("crue", np.array([1.0, 0.0, 0.0], dtype=np.float32))
    vocab.set_vector("inondation", np.array([0.8, 0.6, 0.0], dtype=np.float32))
    vocab.set_vector("pont", np.array([0.0, 0.0, 1.0], dtype=np.float32))
    vectors.share("invented-model", vocab)
    vectors.share("invented-model", Vocab())  # the first one shared stays
    assert vectors.similarity("crue", "inondation", model="invented-model") == pytest.approx(0.8)
    assert vectors.similarity("crue", "pont", model="invented-model") == 0.0
    assert vectors.similarity("crue", "digue", model="invented-model") == 0.0


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
    # each analysis spilled as it comes, as ``recoupe analyze`` of a large corpus does
    stream = stream_results(analysed.pairs(), len(articles), spill_above=0)
    assert _written(stream) == render_json(sample_report)
    assert dataclasses.replace(stream.head, stories=()) == dataclasses.replace(
        sample_report, stories=()
    )
    assert isinstance(sample_report.stories[0], Story)


def test_the_corpus_key_map_held_per_article_reads_as_the_dict_it_was() -> None:
    pairs = {("b", "e1"): "E2", ("a", "e1"): "E1", ("b", "e2"): "E1", ("a", "e3"): "E3"}
    key_map = ArticleKeyMap(pairs)
    assert key_map == pairs and len(key_map) == 4
    assert list(key_map) == [("b", "e1"), ("b", "e2"), ("a", "e1"), ("a", "e3")]  # by article
    assert dict(key_map.items()) == pairs
    assert key_map[("b", "e2")] == "E1" and key_map.get(("a", "e2")) is None
    assert ("a", "e3") in key_map and ("c", "e1") not in key_map and "a" not in key_map
    with pytest.raises(KeyError):
        key_map[("a", "e2")]
    assert key_map.of("b") == (("e1", "e2"), ("E2", "E1")) and key_map.of("c") == ((), ())
    assert key_map.restricted(["a", "c"]) == {("a", "e1"): "E1", ("a", "e3"): "E3"}
    assert pickle.loads(pickle.dumps(key_map)) == key_map
    corpus = Corpus(articles=(), analyses=(), entities=(), key_map=pairs)
    assert isinstance(corpus.key_map, ArticleKeyMap) and corpus.entity_of("b", "e1") == "E2"
    assert corpus.entity_of("a", "e2") is None and corpus.entity_of("a", None) is None


def test_spilled_copies_hold_their_repeated_parts_once() -> None:
    def analysis(article: str) -> ArticleAnalysis:
        at = int(f"{1000 + len(article)}")  # a new int object each time, as a parse gives
        parts = RoleParts(function="ministre", portfolio="defense", country="FR")
        key = "".join(["m:d:", parts.country or ""])  # each its own object, as a parse gives
        role = Role("ministre de la Défense", article, at, at + 22, "ministre", parts, key)
        mention = Mention(article, at + 23, at + 30, "Lemaire")
        local = LocalEntity("e1", "person", "Lemaire", (mention,), (role,))
        day, parts_ = "".join(["2026-03-", "03"]), tuple([("wd", "mardi")])
        when = TimeRef(article, at, at + 5, "mardi", value=day, parts=parts_)
        quote = Quote(article, at, at + 9, "« Non »", "direct", speaker_start=at + 40)
        return ArticleAnalysis(article, (local,), (quote,), (when,))

    spill = SentenceSpill()
    first, second = analysis("crue-a"), analysis("crue-b")
    held = [spill.put(a, ()) for a in (first, second)]
    assert [spill.whole(h) for h in held] == [first, second]  # equal values: the same report
    (a_time,), (b_time,) = (h.times for h in held)
    assert a_time.parts is b_time.parts and a_time.value is b_time.value
    (a_local,), (b_local,) = (spill.whole(h).entities for h in held)
    assert a_local.roles[0].parts is b_local.roles[0].parts
    assert a_local.roles[0].key is b_local.roles[0].key
    a_quote, b_quote = (spill.whole(h).quotes[0] for h in held)
    assert a_quote.start is b_quote.start and a_quote.speaker_start is b_quote.speaker_start
    assert a_local.mentions[0].end is b_local.mentions[0].end
    # the spill itself keeps what the comparison reads of the analysis as it came
    assert spill.restore(held[1]) == _as_compared(second)
