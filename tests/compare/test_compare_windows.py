"""Very large stories are compared by windows of time, and the windows' findings merged."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

import pytest
from compare_builders import Doc, build, one_story

from recoupe.compare import windows
from recoupe.compare.findings import (
    SAID_ELSEWHERE_CONTEXT,
    _claim_keys,
    _figures,
    _figures_in,
    _said_by,
    _verbatim,
    compare_story,
    denies,
)
from recoupe.compare.statements import Fact, Statement
from recoupe.corpus import Corpus
from recoupe.model import ArticleAnalysis, Evidence, Finding, Story

PEOPLE = {
    "Saint-Méran": ("place", ["Saint-Méran"]),
    "Hélène Vautrin": ("person", ["Hélène Vautrin"]),
}
CLUB = " Le club local a annoncé le remboursement intégral des billets du match annulé."
HOTLINE = " Une cellule d'écoute psychologique accueille les familles au gymnase municipal."
CLUB_REWORDED = (
    " Le remboursement intégral des billets du match annulé sera pris en charge par le club local."
)


def _story(
    n: int,
    club: tuple[int, ...] = (),
    hotline: tuple[int, ...] = (),
    reworded: tuple[int, ...] = (),
) -> Corpus:
    """``n`` outlets carry one dispatch over three days; every fifth gives another toll; the
    articles numbered in ``club``, ``hotline`` and ``reworded`` (the club's news in other
    words) add a line of their own."""
    docs = []
    for k in range(n):
        toll = "52 blessés" if k % 5 == 0 else "47 blessés"
        extra = (CLUB if k in club else "") + (HOTLINE if k in hotline else "")
        extra += CLUB_REWORDED if k in reworded else ""
        docs.append(
            Doc(
                f"a{k:03d}",
                f"L'effondrement de la tribune de Saint-Méran a fait {toll} lundi soir. "
                "La préfète Hélène Vautrin a ordonné une enquête administrative sur la sécurité. "
                "Les pompiers ont évacué trois mille spectateurs en moins d'une heure." + extra,
                source=f"Outlet {k}",
                # published in reverse order of the ids: windows follow the dates, not the ids
                published=f"2025-05-{22 - 3 * k // n:02d}",
                entities=PEOPLE,
            )
        )
    return build(docs)


def _periods(corpus: Corpus, story: Story) -> list[frozenset[str]]:
    return [w.own for w in windows.time_windows(story, corpus)]


def test_windows_cut_a_large_story_in_publication_order_and_leave_others_whole() -> None:
    corpus = _story(windows.WINDOW_ARTICLES + 1)
    story = one_story(corpus)
    cut = windows.time_windows(story, corpus)
    assert len(cut) == 2 and all(len(w.story.articles) <= windows.WINDOW_ARTICLES for w in cut)
    sizes = [len(w.own) for w in cut]
    assert max(sizes) - min(sizes) <= 1
    # the periods are consecutive in time and hold every article once
    dates = [[corpus.article(a).published or "" for a in w.own] for w in cut]
    assert max(dates[0]) <= min(dates[1])
    assert sorted(a for w in cut for a in w.own) == sorted(story.articles)
    # every window holds the context articles, spread over the whole story, in story order
    context = windows.context_articles(story, corpus, windows.CONTEXT_ARTICLES)
    assert len(context) == windows.CONTEXT_ARTICLES
    assert {corpus.article(a).published for a in context} == {
        corpus.article(a).published for a in story.articles
    }
    for w in cut:
        assert set(w.story.articles) == w.own | context
        assert list(w.story.articles) == [a for a in story.articles if a in w.story.articles]
    at_bound = Story(id=story.id, title=story.title, articles=story.articles[:-1])
    assert windows.time_windows(at_bound, corpus) == [
        windows.Window(at_bound, frozenset(at_bound.articles))
    ]


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> Counter[int]:
    """A bound of 10 articles (4 of context), and the sizes of what ``compare_parts`` compares."""
    compared: Counter[int] = Counter()
    inner = windows.compare_parts

    def counting(story: Story, corpus: Corpus) -> windows.Compared:
        compared[len(story.articles)] += 1
        return inner(story, corpus)

    monkeypatch.setattr(windows, "WINDOW_ARTICLES", 10)
    monkeypatch.setattr(windows, "CONTEXT_ARTICLES", 4)
    monkeypatch.setattr(windows, "compare_parts", counting)
    return compared


def _only(story: Story, kind: str) -> list[Finding]:
    return [f for f in story.findings if f.kind == kind]


def test_only_a_story_above_the_bound_is_compared_by_windows(small_bound: Counter[int]) -> None:
    whole = _story(10)
    assert _periods(whole, one_story(whole)) == [frozenset(one_story(whole).articles)]
    before = compare_story(one_story(whole), whole)
    assert small_bound == Counter()  # at the bound: compared whole, not through the windows
    corpus = _story(30)
    story = one_story(corpus)
    compare_story(story, corpus)
    # 5 periods of 6 articles, each with the 4 of context (some of its own among them)
    assert sum(small_bound.values()) == 5 and max(small_bound) == 10
    # below the bound the result is the comparison of the whole story
    small_bound.clear()
    assert compare_story(one_story(whole), whole) == before


def test_a_contradiction_of_every_window_is_one_finding_with_all_their_evidence(
    small_bound: Counter[int],
) -> None:
    corpus = _story(30)
    story = compare_story(one_story(corpus), corpus)
    [toll] = [f for f in story.findings if f.slot == "number"]
    assert [(g.value, len(g.sources)) for g in toll.values] == [
        ("47 blessés", 24),
        ("52 blessés", 6),
    ]
    cut = _periods(corpus, one_story(corpus))
    assert len(cut) == 5
    assert all(any(e.article in window for e in toll.evidence) for window in cut)
    assert len(toll.evidence) == 30 and len(toll.sources) == 30
    assert "24 outlets" in toll.summary
    # the claims every window corroborates are one card each, citing every outlet
    cards = Counter(f.title for f in _only(story, "corroborated"))
    assert cards and set(cards.values()) == {1}
    assert any(len(f.sources) == 30 for f in _only(story, "corroborated"))


def test_no_single_source_card_for_a_claim_another_window_says(small_bound: Counter[int]) -> None:
    # a007 and a025 fall in different windows, both alone there to say the club's news;
    # a012 alone in the whole story tells of the hotline
    corpus = _story(30, club=(7, 25), hotline=(12,))
    cut = windows.time_windows(one_story(corpus), corpus)
    assert not {"a007", "a025", "a012"} & windows.context_articles(one_story(corpus), corpus, 4)
    assert [("a007" in w.own, "a025" in w.own) for w in cut].count((False, False)) == 3
    per_window = [windows.compare_parts(w.story, corpus) for w in cut]
    alone = [f.sources for c in per_window for f in c.single_source]
    assert ("Outlet 7",) in alone and ("Outlet 25",) in alone  # each window alone sees one
    story = compare_story(one_story(corpus), corpus)
    single = _only(story, "single_source")
    assert [f.sources for f in single] == [("Outlet 12",)]
    assert "cellule" in single[0].summary
    assert not any("club" in f.summary for f in single)


def test_no_card_cites_a_figure_the_story_leaves_in_the_minority(
    small_bound: Counter[int],
) -> None:
    # every outlet of the last window (the first ten ids, published last) gives 52, alone
    # there; the windows before find 47 against 52 and most give 47: as within one story,
    # no card cites the minority's figure, the majority's stays corroborated
    docs = []
    for k in range(30):
        toll = "52 blessés" if k < 10 or k % 5 == 0 else "47 blessés"
        docs.append(
            Doc(
                f"a{k:03d}",
                f"L'effondrement de la tribune de Saint-Méran a fait {toll} lundi soir. "
                "La préfète Hélène Vautrin a ordonné une enquête administrative sur la sécurité.",
                source=f"Outlet {k}",
                published=f"2025-05-{22 - k // 10:02d}",
                entities=PEOPLE,
            )
        )
    corpus = build(docs)
    cut = windows.time_windows(one_story(corpus), corpus)
    last = windows.compare_parts(cut[-1].story, corpus)
    assert any("52 blessés" in f.title for f in last.corroborated)  # the window alone credits it
    story = compare_story(one_story(corpus), corpus)
    [toll] = _only(story, "contradiction")
    assert [g.value for g in toll.values] == ["47 blessés", "52 blessés"]
    cards = _only(story, "corroborated")
    assert not any("52 blessés" in f.title or "52 blessés" in f.summary for f in cards)
    assert any("47 blessés" in f.title for f in cards)


def test_contradictions_of_windows_with_two_values_in_common_are_one() -> None:
    tolls = [
        *("52 blessés", "47 blessés", "47 blessés") * 2,  # 52 and 47
        *("47 blessés", "39 blessés", "52 blessés", "47 blessés", "47 blessés", "39 blessés"),
        *("61 blessés", "47 blessés", "52 blessés") * 2,  # 61 besides 47 and 52
    ]
    docs = [
        Doc(
            f"a{k:03d}",
            f"L'effondrement de la tribune de Saint-Méran a fait {toll} lundi soir. "
            "La préfète Hélène Vautrin a ordonné une enquête administrative sur la sécurité.",
            source=f"Outlet {k}",
            published="2025-05-20",
            entities=PEOPLE,
        )
        for k, toll in enumerate(tolls)
    ]
    corpus = build(docs)
    story = one_story(corpus)
    parts = [Story(id="S1", title="t", articles=story.articles[k : k + 6]) for k in (0, 6, 12)]
    found = [windows.compare_parts(part, corpus).contradictions for part in parts]
    assert [sorted(g.value for g in f.values) for [f] in found] == [
        ["47 blessés", "52 blessés"],
        ["39 blessés", "47 blessés", "52 blessés"],
        ["47 blessés", "52 blessés", "61 blessés"],
    ]
    [merged] = windows.merged_contradictions(found, corpus)
    assert [(g.value, len(g.sources)) for g in merged.values] == [
        ("47 blessés", 9),
        ("52 blessés", 5),
        ("39 blessés", 2),
        ("61 blessés", 2),
    ]
    assert len(merged.evidence) == 18
    # two findings of one window stay apart, whatever their values
    assert len(windows.merged_contradictions([found[0] + found[1]], corpus)) == 2


def _said_by_scanning(
    sentences: list[Statement], clauses: list[Statement]
) -> Callable[[Statement], bool]:
    """``StorySaid`` as it read every clause's claim keys, for the index to be checked
    against: the same test over all the story's clauses, no key left out."""
    by_span = {(s.article, s.start, s.end): s for s in sentences}
    printed: dict[str, set[str]] = {}
    for s in sentences:
        printed.setdefault(_verbatim(s.text), set()).add(s.outlet)
    keyed = [(c, _claim_keys(c)) for c in clauses]
    outlet_keys: dict[str, set[str]] = {}
    for c, keys in keyed:
        outlet_keys.setdefault(c.outlet, set()).update(keys)

    def sentence_keys(clause: Statement) -> frozenset[str]:
        sentence = clause.sentence and by_span.get((clause.article, *clause.sentence))
        return _claim_keys(sentence) if sentence else frozenset()

    def said(clause: Statement) -> bool:
        sentence = clause.sentence and by_span.get((clause.article, *clause.sentence))
        if sentence and printed[_verbatim(sentence.text)] - {clause.outlet}:
            return True
        own = _claim_keys(clause)
        if not own:
            return False
        common_from = max(2, math.ceil(len(outlet_keys) / 2))
        said_by = {key: {c.outlet for c, keys in keyed if key in keys} for key in own}
        telling = {key for key in own if len(said_by[key]) < common_from}
        if not telling:
            return True
        rarest = min(telling, key=lambda key: (sum(key in keys for _, keys in keyed), key))
        whole = sentence_keys(clause) | own
        for other, keys in keyed:
            if (
                rarest in keys
                and other.outlet != clause.outlet
                and _figures_in(clause, _figures(clause), other)
                and denies(other) == denies(clause)
                and all(_said_by(key, keys) for key in telling)
                and own - telling <= outlet_keys[other.outlet]
                and sum(_said_by(key, sentence_keys(other) | keys) for key in whole)
                >= SAID_ELSEWHERE_CONTEXT
            ):
                return True
        return False

    return said


def test_the_story_said_index_answers_as_reading_every_clause(small_bound: Counter[int]) -> None:
    corpus = _story(30, club=(7,), hotline=(12,), reworded=(25,))
    cut = windows.time_windows(one_story(corpus), corpus)
    assert [("a007" in w.own, "a025" in w.own) for w in cut].count((False, False)) == 3
    said = windows.StorySaid()
    sentences: list[Statement] = []
    clauses: list[Statement] = []
    for window, own in cut:
        compared = windows.compare_parts(window, corpus)
        mine = [s for s in compared.statements if s.article in own]
        theirs = [c for c in compared.clauses if c.article in own]
        said.add(mine, theirs)
        sentences += mine
        clauses += theirs
    reference = _said_by_scanning(sentences, clauses)
    tested = [c for c in clauses if _claim_keys(c)]
    said.expect(tested[::2])  # the others' keys added as they are asked
    answers = [said(c) for c in tested]
    assert answers == [reference(c) for c in tested]
    assert True in answers and False in answers
    # the clause of the hotline, a012's alone, is said by no other outlet; the club's news
    # in a007's words is said by a025 in others (another window), a025's adds who pays
    assert not any(said(c) for c in tested if "cellule" in c.text)
    club = {c.article: said(c) for c in tested if "club local" in c.text}
    assert club == {"a007": True, "a025": False}


def _merged_facts_by_copying(found: list[list[Fact]]) -> list[Fact]:
    """``merged_facts`` as it copied a merged fact's statements at each window."""
    out: list[Fact] = []
    found_in: list[set[int]] = []
    by_wording: dict[str, int] = {}
    for number, facts in enumerate(found):
        for fact in facts:
            texts = Counter(" ".join(s.text.split()) for s in fact.statements)
            wording = max(texts, key=texts.__getitem__)
            k = by_wording.get(wording)
            if k is None or number in found_in[k]:
                by_wording.setdefault(wording, len(out))
                out.append(fact)
                found_in.append({number})
            else:
                out[k] = Fact(tuple(dict.fromkeys((*out[k].statements, *fact.statements))))
                found_in[k].add(number)
    return out


def _cards_joined_in_turn(found: list[list[Finding]], context: frozenset[str]) -> list[Finding]:
    """``merged_corroborations`` as it joined a card with each window's in turn."""

    def joined(earlier: Finding, card: Finding) -> Finding:
        prefix = f"Reported by {len(earlier.sources)} outlets ({', '.join(earlier.sources)}): "
        quote = earlier.summary.removeprefix(prefix)
        sources = tuple(dict.fromkeys((*earlier.sources, *card.sources)))
        return replace(
            earlier,
            evidence=tuple(dict.fromkeys((*earlier.evidence, *card.evidence))),
            sources=sources,
            summary=f"Reported by {len(sources)} outlets ({', '.join(sources)}): {quote}",
            confidence=max(earlier.confidence, card.confidence),
        )

    out: list[Finding] = []
    found_in: list[set[int]] = []
    cited: list[frozenset[tuple[str, int, int]]] = []
    by_title: dict[str, int] = {}
    for number, cards in enumerate(found):
        for card in cards:
            spans = frozenset(
                (e.article, e.start, e.end) for e in card.evidence if e.article in context
            )
            same = by_title.get(windows._title_key(card))
            if same is None or number in found_in[same]:
                same = next(
                    (
                        k
                        for k in range(len(out))
                        if number not in found_in[k]
                        and windows._share(cited[k], spans) >= windows.SAME_CONTEXT
                    ),
                    None,
                )
            if same is None:
                by_title.setdefault(windows._title_key(card), len(out))
                out.append(card)
                found_in.append({number})
                cited.append(spans)
            else:
                out[same] = joined(out[same], card)
                found_in[same].add(number)
                cited[same] |= spans
    return sorted(out, key=lambda f: (-len(f.sources), -f.confidence))


def test_windows_facts_and_cards_merged_once_as_joined_window_by_window(
    small_bound: Counter[int],
) -> None:
    corpus = _story(30, club=(7, 25), hotline=(12,))
    story = one_story(corpus)
    context = windows.context_articles(story, corpus, windows.CONTEXT_ARTICLES)
    compared = [windows.compare_parts(w.story, corpus) for w in windows.time_windows(story, corpus)]
    found = [c.facts for c in compared]
    merged = windows.merged_facts(found, context)
    assert merged == _merged_facts_by_copying(found) == windows.merged_facts(found)
    # facts of every window, their context articles' statements given once
    assert len(merged) < sum(len(f) for f in found)
    spans = [(s.article, s.start, s.end) for f in merged for s in f.statements]
    assert any(a in context for a, _, _ in spans)
    assert all(len(f.statements) == len(set(f.statements)) for f in merged)
    cards = [c.corroborated for c in compared]
    assert windows.merged_corroborations(cards, context) == _cards_joined_in_turn(cards, context)
    assert any(len(f.sources) == 30 for f in windows.merged_corroborations(cards, context))


def test_a_spilled_story_is_read_back_a_window_at_a_time_with_the_same_result(
    small_bound: Counter[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _story(30, club=(7, 25), hotline=(12,))
    story = one_story(corpus)
    held = compare_story(story, corpus)
    part = corpus.spill().for_story(story)
    assert not any(a.sentences for a in part.analyses)  # left in the spill until compared
    read: list[int] = []
    inner = windows.compare_parts

    def reading(window: Story, window_corpus: Corpus) -> windows.Compared:
        read.append(sum(1 for a in window_corpus.analyses if a.sentences))
        return inner(window, window_corpus)

    monkeypatch.setattr(windows, "compare_parts", reading)
    restored: Counter[str] = Counter()
    spill = part.spilled
    assert spill is not None
    restore = spill.restore_all

    def counted(analyses: Sequence[ArticleAnalysis]) -> list[ArticleAnalysis]:
        restored.update(a.article for a in analyses)
        return restore(analyses)

    monkeypatch.setattr(spill, "restore_all", counted)
    assert compare_story(story, part) == held
    # each window read its own articles back (at most 10 of the 30), never the whole story,
    # and the context articles every window holds were read once
    assert len(read) == 5 and max(read) <= 10
    assert set(restored.values()) == {1} and len(restored) == len(set(story.articles))


def _contradictions_joined_in_turn(found: list[list[Finding]], corpus: Corpus) -> list[Finding]:
    """``merged_contradictions`` as it joined a contradiction with each window's in turn,
    building the finding again from all its evidence at each window."""
    out: list[Finding] = []
    found_in: list[set[int]] = []
    for number, findings in enumerate(found):
        for finding in findings:
            same = next(
                (
                    k
                    for k in range(len(out))
                    if number not in found_in[k] and windows.same_contradiction(out[k], finding)
                ),
                None,
            )
            if same is None:
                out.append(finding)
                found_in.append({number})
            else:
                out[same] = windows._joined(out[same], finding, corpus)
                found_in[same].add(number)
    return sorted(out, key=lambda f: (-len(f.sources), -f.confidence))


def test_contradictions_joined_window_by_window_as_built_again_at_each() -> None:
    """The merge keeps each contradiction's evidence by value and adds a window's new
    evidence only; what it gives equals the contradiction built again from all its evidence
    at each window, whatever the windows hold: dated or undated articles (a later update),
    outlets giving both values (no two voices: the window is not joined), a headline against
    its body, evidence of mixed values (joined the long way from then on)."""
    import random

    from recoupe.compare.contradictions import _finding, make_evidence

    values = ["47 blessés", "52 blessés", "39 blessés", "61 blessés"]
    docs = [
        Doc(
            f"a{k:02d}",
            f"Bilan {k}\nL'effondrement de la tribune a fait des blessés, selon la préfecture.",
            source=f"Outlet {k % 7}",  # seven outlets: some give two values
            published=None if k % 11 == 3 else f"2025-05-{10 + k % 9:02d}",
            title=f"Bilan {k}",
            entities=PEOPLE,
        )
        for k in range(40)
    ]
    corpus = build(docs)
    shapes: Counter[str] = Counter()
    for trial in range(600):
        rng = random.Random(trial)
        found: list[list[Finding]] = []
        for _ in range(rng.randint(2, 6)):  # windows
            window = []
            for _ in range(rng.randint(1, 2)):  # contradictions of the window
                groups: dict[str, list[Evidence]] = {}
                for value in rng.sample(values, rng.randint(2, 3)):
                    # evidence values are a run's label, but not always (another value's)
                    run = value if rng.random() > 0.05 else rng.choice(values)
                    for article in rng.sample(docs, rng.randint(1, 4)):
                        start = rng.choice([0, 9])  # the headline, or the body
                        label = run if rng.random() > 0.02 else rng.choice(values)
                        evidence = make_evidence(corpus, article.id, start, start + 8, label)
                        groups.setdefault(value, []).append(evidence)
                slot = rng.choice(["number", "number", "negation"])
                finding = _finding(corpus, "blessés", slot, groups, 0.7, "Bilan")
                if finding is not None:
                    window.append(finding)
            found.append(window)
        merged = windows.merged_contradictions(found, corpus)
        assert merged == _contradictions_joined_in_turn(found, corpus), trial
        shapes.update(
            "later" if any(g.later for g in f.values) else "joined"
            for f in merged
            if len(f.evidence) > max(len(w.evidence) for ws in found for w in ws)
        )
    assert shapes["joined"] and shapes["later"]  # the trials joined windows, some updates


def test_a_contradiction_whose_runs_come_together_is_joined_the_long_way() -> None:
    """Evidence of the value "39" carrying the value "52" (as a window may give it) lies apart
    from the "52" evidence until a window gives "39" a second outlet: the two runs then meet
    and read back as one (``_value_groups`` finds no groups), so ``_joined`` keeps the finding
    from then on; the merge does the same."""
    from recoupe.compare.contradictions import _finding, make_evidence

    docs = [
        Doc(f"a{k}", f"Bilan {k} : la tribune a fait des blessés.", source=f"Outlet {k}")
        for k in range(9)
    ]
    corpus = build(docs)

    def finding(groups: dict[str, list[tuple[int, str]]]) -> Finding:
        found = _finding(
            corpus,
            "blessés",
            "number",
            {
                value: [make_evidence(corpus, f"a{k}", 0, 7, label) for k, label in given]
                for value, given in groups.items()
            },
        )
        assert found is not None
        return found

    first = finding({"52": [(0, "52"), (1, "52"), (2, "52")], "47": [(3, "47"), (4, "47")],
                     "39": [(5, "52")]})  # fmt: skip
    assert [g.value for g in first.values] == ["52", "47", "39"]  # "39" apart from "52"
    second = finding({"39": [(6, "52"), (7, "52")], "47": [(3, "47")]})  # "39": 3 outlets
    third = finding({"47": [(8, "47")], "52": [(1, "52")]})
    found = [[first], [second], [third]]
    merged = windows.merged_contradictions(found, corpus)
    assert merged == _contradictions_joined_in_turn(found, corpus)
    [joined] = merged
    assert "a8" not in {e.article for e in joined.evidence}  # the third window not joined
