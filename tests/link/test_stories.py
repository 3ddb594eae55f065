"""Story clustering: online, LSH-retrieved, deterministic; exact on the sample corpus."""

from __future__ import annotations

import dataclasses
import itertools
import pickle
import random
from collections import deque
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.compare_builders import Doc, build
from recoupe.link.stories import (
    ArticleFeatures,
    StoryGroup,
    StoryIndex,
    StoryOptions,
    cluster_stories,
    corpus_features,
    linked,
    related,
    similarity,
)


def _features(
    article: str, topic: str, extra: str = "", published: str | None = "2025-05-20"
) -> ArticleFeatures:
    words = {f"{topic}{i}" for i in range(30)} | {f"{extra or topic}-x{i}" for i in range(5)}
    return ArticleFeatures(
        article=article,
        headline=f"{topic} {article}",
        published=published,
        lemmas=frozenset(words),
        entities=frozenset({f"E-{topic}", f"E-{topic}-2", f"E-{topic}-3", "E-common"}),
    )


def test_same_event_joins_one_story_and_others_start_new_ones():
    index = StoryIndex()
    assert index.add(_features("a1", "storm", "x")) == "S1"
    assert index.add(_features("b1", "vote", "y")) == "S2"
    assert index.add(_features("a2", "storm", "z")) == "S1"
    assert [g.articles for g in index.stories()] == [("a1", "a2"), ("b1",)]


def test_adding_is_incremental_and_idempotent():
    index = StoryIndex()
    index.add_all([_features("a1", "storm"), _features("b1", "vote")])
    before = index.stories()
    assert index.add(_features("a1", "storm")) == "S1"  # already indexed: same answer
    assert index.stories() == before
    index.add(_features("a3", "storm", "w"))
    assert index.stories()[0].articles == ("a1", "a3")
    assert index.stories()[1] == before[1]  # untouched story kept as it was


def test_ids_are_deterministic():
    items = [_features(f"{t}{n}", t) for n in range(3) for t in ("storm", "vote", "fire")]
    first, second = StoryIndex(), StoryIndex()
    assert first.add_all(items) == second.add_all(items)


def test_candidates_come_from_the_index_not_all_pairs():
    index = StoryIndex()
    index.add_all(
        [_features(f"{t}{n}", t) for t in ("storm", "vote", "fire", "flood") for n in range(5)]
    )
    candidates = index.candidates(_features("new", "storm", "q"))
    assert set(candidates) <= {f"storm{n}" for n in range(5)}
    assert len(candidates) >= 3


def test_distant_publication_dates_break_the_link():
    near = _features("b", "storm", published="2025-05-21")
    far = _features("c", "storm", published="2026-01-10")
    base = _features("a", "storm")
    assert similarity(base, near) > 0.5
    assert similarity(base, far) == 0.0


def test_features_are_plain_and_picklable():
    feature = _features("a", "storm")
    assert pickle.loads(pickle.dumps(feature)) == feature


def test_cluster_stories_from_a_corpus_titles_and_dates():
    durand = {"Paul Durand": ("person", ["Paul Durand"]), "Brest": ("place", ["Brest"])}
    other = {"Marie Curie": ("person", ["Marie Curie"]), "Lyon": ("place", ["Lyon"])}
    corpus = build(
        [
            Doc(
                "a",
                "Festival annulé\nPaul Durand annule le festival de Brest pour cause de tempête.",
                title="Festival annulé",
                published="2025-05-20",
                entities=durand,
            ),
            Doc(
                "b",
                "Le festival de Brest annulé par Paul Durand à cause de la tempête.",
                published="2025-05-21",
                entities=durand,
            ),
            Doc(
                "c",
                "Marie Curie inaugure une école de chimie à Lyon devant des élèves.",
                published="2025-05-21",
                entities=other,
            ),
        ]
    )
    assert len(corpus_features(corpus)) == 3
    stories = cluster_stories(corpus)
    assert [s.articles for s in stories] == [("a", "b"), ("c",)]
    assert stories[0].title == "Festival annulé"
    assert (stories[0].published_earliest, stories[0].published_latest) == (
        "2025-05-20",
        "2025-05-21",
    )


def test_seeds_form_one_story(seeds_report):
    assert len(seeds_report.stories) == 1
    assert len(seeds_report.stories[0].articles) == 2


def test_sample_corpus_stories_are_exactly_right(sample_report, sample_gold):
    from recoupe.evaluate.findings import score_stories
    from recoupe.model import to_dict

    score = score_stories(sample_gold, to_dict(sample_report))
    assert score["exact"], score
    assert score["pair_precision"] == score["pair_recall"] == 1.0


def _lightly_edited(features: ArticleFeatures, copy: int) -> ArticleFeatures:
    """Copy ``copy`` of an article as another outlet writes it: a word dropped, one of its own added."""
    rng = random.Random(copy)
    dropped = rng.choice(sorted(features.lemmas))
    own = f"détail{copy}"  # a local detail only this outlet gives
    keywords = sorted(features.keywords - {dropped})
    keywords[rng.randrange(len(keywords))] = own
    return dataclasses.replace(
        features,
        article=f"{features.article}~{copy}",
        lemmas=(features.lemmas - {dropped}) | {own},
        keywords=frozenset(keywords),
    )


def test_a_story_covered_by_two_hundred_outlets_stays_one_story():
    """Words frequent inside one story are still distinctive of it (they once split it after 20 copies)."""
    from recoupe.api import link_corpus
    from recoupe.batch import analyse_articles, split_results
    from recoupe.ingest import IngestOptions, deduplicate, read_inputs

    articles, _, _ = deduplicate(
        read_inputs([Path(__file__).parents[2] / "examples" / "corpus"], IngestOptions())
    )
    analysed = split_results(articles, analyse_articles(articles))
    corpus = link_corpus(analysed.articles, analysed.analyses)
    alone = StoryIndex()
    sample = corpus_features(corpus)
    alone.add_all(sample)
    covered = next(f for f in sample if len(f.keywords) >= 10)
    index = StoryIndex()
    stream = list(sample)
    for copy in range(1, 201):
        stream.insert(len(sample) // 2 + copy, _lightly_edited(covered, copy))
    index.add_all(stream)
    story = index.story_of(covered.article)
    assert [index.story_of(f"{covered.article}~{copy}") for copy in range(1, 201)] == [story] * 200
    # the other sample stories are grouped exactly as without the copies
    expected = {g.id: set(g.articles) - {covered.article} for g in alone.stories()}
    found = {
        g.id: {a for a in g.articles if "~" not in a} - {covered.article} for g in index.stories()
    }
    assert sorted(map(sorted, expected.values())) == sorted(map(sorted, found.values()))
    assert len(index.stories()) == len(alone.stories())


def _angle(article: str, shared: range, own: str, entities: set[str]) -> ArticleFeatures:
    """An article whose topic words (keywords) are its own, sharing only some body words."""
    own_words = {f"{own}{i}" for i in range(20)}
    return ArticleFeatures(
        article=article,
        published="2025-05-20",
        lemmas=frozenset({f"body{i}" for i in shared} | own_words),
        keywords=frozenset([*sorted(own_words)[:14], "body0"]),
        entities=frozenset(entities),
    )


def test_a_different_angle_naming_the_same_people_is_compared_whatever_the_hashing():
    # the two share one entity, one topic word and a few body words: similar enough
    # (>= threshold), but their hashed tokens barely overlap, so LSH alone would
    # usually miss the pair
    first = _angle("a", range(10), "verdict", {"E-judge", "E-court"})
    second = _angle("b", range(10), "crowd", {"E-judge", "E-street"})
    assert similarity(first, second) >= StoryIndex().options.threshold
    tokens_a, tokens_b = first.tokens(), second.tokens()
    assert len(tokens_a & tokens_b) / len(tokens_a | tokens_b) < 0.07
    for perm in (64, 128, 256):
        index = StoryIndex(StoryOptions(num_perm=perm, bands=perm // 2))
        assert index.add(first) == index.add(second)


def test_postings_stay_bounded():
    index = StoryIndex(StoryOptions(postings=4))
    for i in range(12):
        index.add(_angle(f"a{i}", range(1), f"topic{i}x", {"E-shared", f"E-{i}"}))
    assert index._postings["e:E-shared"] == deque(["a8", "a9", "a10", "a11"])
    assert max(len(p) for p in index._postings.values()) == 4


def _event(prefix: str, n: int, people: list[str], day: str, seed: int) -> list[ArticleFeatures]:
    """``n`` invented reports of one event: each keeps part of its words and people."""
    rng = random.Random(seed)
    words = [f"{prefix}w{i}" for i in range(40)]
    reports = []
    for k in range(n):
        kept = rng.sample(words, 24)
        reports.append(
            ArticleFeatures(
                article=f"{prefix}{k}",
                published=day,
                lemmas=frozenset(kept + [f"{prefix}{k}-own{i}" for i in range(10)]),
                keywords=frozenset(kept[:15]),
                entities=frozenset(rng.sample(people, 2)),
            )
        )
    return reports


def _partition(index: StoryIndex) -> set[frozenset[str]]:
    return {frozenset(g.articles) for g in index.stories()}


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.randoms(use_true_random=False))
def test_stories_do_not_depend_on_the_order_of_the_articles(seed, rng):
    events = [
        _event("storm", 6, ["E-mayor", "E-prefect", "E-river", "E-town"], "2025-05-20", seed),
        _event("vote", 5, ["E-deputy", "E-senate", "E-minister"], "2025-05-21", seed + 1),
        _event("fire", 4, ["E-chief", "E-forest"], "2025-05-20", seed + 2),
        _event("trial", 3, ["E-judge", "E-court", "E-lawyer"], "2025-06-02", seed + 3),
    ]
    articles = [a for event in events for a in event]
    reference = StoryIndex()
    reference.add_all(articles)
    shuffled = list(articles)
    rng.shuffle(shuffled)
    index = StoryIndex()
    index.add_all(shuffled)
    assert _partition(index) == _partition(reference)


def _bridge_case() -> tuple[ArticleFeatures, ArticleFeatures, ArticleFeatures]:
    # first and second are too far apart to be linked directly; bridge is close to both
    first = _features("first", "verdict", "a")
    second = dataclasses.replace(
        _features("second", "crowd", "b"), entities=frozenset({"E-verdict", "E-crowd"})
    )
    bridge = dataclasses.replace(
        _features("bridge", "verdict", "b"),
        lemmas=frozenset({f"verdict{i}" for i in range(15)} | {f"crowd{i}" for i in range(15)}),
        entities=frozenset({"E-verdict", "E-crowd"}),
    )
    return first, second, bridge


def test_an_article_bridging_two_stories_merges_them_whatever_the_order():
    first, second, bridge = _bridge_case()
    assert similarity(first, second) < StoryOptions().threshold
    assert similarity(bridge, first) >= StoryOptions().threshold
    assert similarity(bridge, second) >= StoryOptions().threshold
    index = StoryIndex()
    assert index.add_all([first, second, bridge]) == ["S1", "S1", "S1"]
    assert index.stories() == (StoryGroup("S1", ("first", "second", "bridge")),)
    assert index.merged() == {"S2": "S1"}
    for order in itertools.permutations([first, second, bridge]):
        other = StoryIndex()
        other.add_all(order)
        assert _partition(other) == {frozenset({"first", "second", "bridge"})}
    index.add(_features("later", "storm"))
    assert index.story_of("later") == "S3"  # numbers are never reused after a merge


def test_a_shared_quote_fragment_alone_links_nothing():
    # the same three quoted words and a few common words, no entity, one topic word
    a = ArticleFeatures(
        article="a",
        published="2025-05-20",
        lemmas=frozenset({"ville", "élu", "dire", "port", "bateau", "quai"}),
        keywords=frozenset({"élu", "port", "bateau"}),
        entities=frozenset({"E-harbour"}),
        quotes=frozenset({"de la ville"}),
    )
    b = ArticleFeatures(
        article="b",
        published="2025-05-20",
        lemmas=frozenset({"ville", "élu", "dire", "maternité", "bébé", "cortège"}),
        keywords=frozenset({"élu", "maternité", "cortège"}),
        entities=frozenset({"E-hospital"}),
        quotes=frozenset({"de la ville"}),
    )
    assert similarity(a, b) >= StoryOptions().threshold
    assert not related(a, b) and not linked(a, b)
    index = StoryIndex()
    assert index.add_all([a, b]) == ["S1", "S2"]
    # three topic words in common are evidence enough, as one and an entity are
    c = dataclasses.replace(b, article="c", keywords=frozenset({"élu", "port", "bateau"}))
    assert related(a, c)


def test_the_index_keeps_features_as_tuples_and_scores_them_as_sets():
    storm = _features("a1", "storm", "x")
    rain = dataclasses.replace(
        _features("a2", "storm", "y"),
        keywords=frozenset({"storm1", "storm2"}),
        quotes=frozenset({"il a plu fort"}),
    )
    vote = _features("b1", "vote", "z")
    index = StoryIndex()
    index.add_all([storm, rain, vote])
    kept = index._features["a2"]
    assert isinstance(kept.lemmas, tuple) and isinstance(kept.quotes, tuple)
    assert index.features("a2") == rain  # given back as it was indexed
    for a, b in itertools.permutations([storm, rain, vote], 2):
        compact = index._features[b.article]
        assert similarity(a, compact) == similarity(a, b)
        assert similarity(compact, a) == similarity(b, a)
        assert related(a, compact) == related(a, b)
