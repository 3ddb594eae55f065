"""A story told by many outlets in the same words costs work in proportion to its size, not its square."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from compare_builders import Doc, build, one_story

from recoupe.compare import claims, contradictions, polarity, statements
from recoupe.compare.findings import compare_story
from recoupe.corpus import Corpus
from recoupe.model import Story

PEOPLE = {
    "Saint-Méran": ("place", ["Saint-Méran"]),
    "Hélène Vautrin": ("person", ["Hélène Vautrin"]),
}


def _copies(n: int) -> Corpus:
    """``n`` outlets carry one dispatch; every fifth gives another toll, every seventh adds a line."""
    docs = []
    for k in range(n):
        toll = "52 blessés" if k % 5 == 0 else "47 blessés"
        extra = (
            " Le correspondant sur place a confirmé la fermeture du stade." if k % 7 == 0 else ""
        )
        docs.append(
            Doc(
                f"a{k}",
                f"L'effondrement de la tribune de Saint-Méran a fait {toll} lundi soir. "
                "La préfète Hélène Vautrin a ordonné une enquête administrative sur la sécurité. "
                "Les pompiers ont évacué trois mille spectateurs en moins d'une heure. "
                "« Nous devons comprendre ce qui a cédé », a déclaré Hélène Vautrin devant la presse."
                + extra,
                source=f"Outlet {k}",
                published="2025-05-20",
                entities=PEOPLE,
                quotes=[("Nous devons comprendre ce qui a cédé", "Hélène Vautrin", "a déclaré")],
            )
        )
    return build(docs)


def _counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts of the pairwise decisions the comparison takes (scores, figure and polarity tests)."""
    calls: Counter[str] = Counter()

    def counting(name: str, inner: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return inner(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(statements.Aligner, "score", counting("score", statements.Aligner.score))
    monkeypatch.setattr(
        contradictions, "_same_quantity", counting("figures", contradictions._same_quantity)
    )
    monkeypatch.setattr(polarity, "opposed", counting("polarity", polarity.opposed))
    return calls


def _compare(corpus: Corpus) -> Story:
    return compare_story(one_story(corpus), corpus)


def test_pairwise_work_grows_linearly_with_the_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    work = {}
    for n in (50, 200):
        corpus = _copies(n)
        calls = _counted(monkeypatch)
        story = _compare(corpus)
        work[n] = sum(calls.values())
        monkeypatch.undo()
        [toll] = [f for f in story.findings if f.slot == "number"]
        # every copy is counted in its value group, compared or not
        assert [(g.value, len(g.sources)) for g in toll.values] == [
            ("47 blessés", n - n // 5),
            ("52 blessés", n // 5),
        ]
        assert len(toll.evidence) == n
    # 4 times the copies: about 4 times the work (all pairs of copies would be 16 times)
    assert work[200] <= 5 * work[50], work
    assert work[50] < 50 * 49 // 2  # fewer decisions than the pairs of articles


def test_copies_that_follow_their_first_give_the_report_of_comparing_them_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus = _copies(16)
    bounded = _compare(corpus)
    monkeypatch.setattr(claims, "MAX_ALIKE", 10**6)  # every copy compared one by one
    exhaustive = _compare(corpus)

    def summary(story: Story) -> list[tuple[str, str, tuple[tuple[str, int], ...], int]]:
        return sorted(
            (
                f.kind,
                f.slot,
                tuple((g.value, len(g.sources)) for g in f.values),
                len({e.article for e in f.evidence}),
            )
            for f in story.findings
        )

    assert summary(bounded) == summary(exhaustive)
    assert bounded.coverage == exhaustive.coverage
    assert any(f.kind == "corroborated" for f in bounded.findings)


class _InlineClient:
    """A stand-in for ``distributed.Client`` that runs each task at once, pickling what it ships."""

    def __init__(self) -> None:
        self.tasks = 0

    def scheduler_info(self) -> dict[str, Any]:
        return {"workers": {"w1": {}, "w2": {}}}

    def submit(self, function: Callable[..., Any], *args: Any, pure: bool = True) -> Any:
        import pickle

        self.tasks += 1
        result = function(*pickle.loads(pickle.dumps(args)))

        class Done:
            def result(self) -> Any:
                return result

        return Done()


def test_stories_compared_on_their_own_part_of_the_corpus_as_in_the_whole() -> None:
    from recoupe.batch import dask_comparer

    corpus = _copies(12)
    stories = [
        Story(id=f"S{k + 1}", title="t", articles=tuple(f"a{n}" for n in range(k, 12, 3)))
        for k in range(3)
    ]
    here = [compare_story(story, corpus) for story in stories]
    for story, compared in zip(stories, here, strict=True):
        part = corpus.restricted(story)
        assert {a.id for a in part.articles} == set(story.articles)
        assert compare_story(story, part) == compared
    client = _InlineClient()
    assert list(dask_comparer(client, compare_story, stories_per_task=2)(stories, corpus)) == here
    assert client.tasks == 2
    assert any(f.kind == "contradiction" for s in here for f in s.findings)


def test_a_story_s_part_finds_its_role_holders_without_reading_their_other_roles() -> None:
    """A part's role holders come from the corpus's lookup by article (an entity's roles lie in
    every article that gives it a title: read for each story, they would cost the stories
    times the corpus), and are the ones its own entities' roles give, in the same order."""
    titles = {
        "Yoav Gallant": ("ministre israélien de la Défense", "ministre", "defense"),
        "Benjamin Netanyahu": ("Premier ministre israélien", "premier ministre", None),
    }
    docs = [
        Doc(
            f"a{k}",
            "Yoav Gallant, ministre israélien de la Défense, et Benjamin Netanyahu, Premier "
            "ministre israélien, ont parlé lundi.",
            source=f"Outlet {k}",
            entities={
                "Yoav Gallant": ("person", ["Yoav Gallant"]),
                "Benjamin Netanyahu": ("person", ["Benjamin Netanyahu"]),
            },
            roles=[(name, *titles[name]) for name in list(titles)[: 1 + k % 2]],
        )
        for k in range(9)
    ]
    corpus = build(docs)
    for k in range(3):
        story = Story(id=f"S{k}", title="t", articles=tuple(f"a{n}" for n in range(k, 9, 3)))
        part = corpus.restricted(story)
        fresh = dataclasses.replace(part)  # its lookups built from its own entities
        for some in ([story.articles[0]], story.articles[1:], story.articles):
            assert part.role_holders_in(some) == fresh.role_holders_in(some)
        named = [e.name for e in part.role_holders_in(story.articles)]
        assert list(dict.fromkeys(named)) == list(titles)  # once per article giving a title
        assert part.role_holders_in(story.articles) == corpus.role_holders_in(story.articles)


def test_a_denial_is_one_finding_grouped_by_value_not_one_per_pair() -> None:
    said = "Le maire a autorisé la fermeture du marché couvert de Saint-Méran pour travaux."
    denied = "Le maire n'a pas autorisé la fermeture du marché couvert de Saint-Méran pour travaux."
    corpus = build(
        [
            Doc(f"a{k}", text, source=f"Outlet {k}", entities=PEOPLE)
            for k, text in enumerate([said, said, said, denied])
        ]
    )
    [finding] = [f for f in _compare(corpus).findings if f.slot == "negation"]
    assert [(g.value, len(g.sources)) for g in finding.values] == [
        ("affirmation", 3),
        ("négation", 1),
    ]
