"""The lookups that spare the comparison its pairwise loops find what the loops found (issue 16)."""

from __future__ import annotations

from dataclasses import replace
from random import Random

from compare_builders import Doc, build, one_story

from recoupe.compare import contradictions, polarity
from recoupe.compare.contradictions import _distinct, antonym_contradictions, make_evidence
from recoupe.compare.findings import denies
from recoupe.compare.polarity import _antonyms_said, _inflects, opposed, opposite_forms
from recoupe.compare.statements import (
    PREDICATE_BONUS,
    WORD_RE,
    Aligner,
    NumberMention,
    Statement,
    _same_word,
    clauses,
    story_statements,
)
from recoupe.corpus import Corpus
from recoupe.fr.lexicon import antonyms
from recoupe.fr.text import fold
from recoupe.model import Finding

SENTENCES = (
    "Le conseil de Morvanne a approuvé le projet de digue avant la tempête de mardi.",
    "Le conseil de Morvanne a rejeté le projet de digue après la tempête de mardi.",
    "Le conseil de Morvanne n'a pas approuvé le projet de digue, selon le maire.",
    "Le trafic du port de Morvanne est en hausse depuis l'ouverture de la digue.",
    "Le trafic du port de Morvanne est en baisse depuis l'ouverture de la digue.",
    "La digue de Morvanne, achevée lundi, protège désormais les maisons du quai.",
    "Les maisons du quai de Morvanne ne sont pas protégées par la digue achevée lundi.",
    "Les pêcheurs soutiennent le projet, a déclaré le président du comité, mardi soir.",
    "Les pêcheurs combattent le projet, a déclaré le président du comité, mardi soir.",
    "Le maire a accepté la démission du directeur du port de Morvanne.",
    "Le maire a refusé la démission du directeur du port de Morvanne.",
)
MORVANNE = {"Morvanne": ("place", ["Morvanne"])}


def _corpus(rng: Random, count: int) -> Corpus:
    docs = []
    for k in range(count):
        text = " ".join(rng.sample(SENTENCES, rng.randrange(2, 6)))
        docs.append(Doc(f"a{k}", text, source=f"Outlet {k % 5}", entities=MORVANNE))
    return build(docs)


def _statements(rng: Random, count: int) -> tuple[Corpus, list[Statement]]:
    corpus = _corpus(rng, count)
    return corpus, story_statements(one_story(corpus), corpus)


def test_antonyms_scored_only_where_words_can_oppose_find_every_aligned_pair() -> None:
    from recoupe.compare.findings import claim_share

    rng = Random(16)
    for _ in range(4):
        corpus, statements = _statements(rng, 12)
        # the loop before the index: every pair aligned at ANTONYM_ALIGNMENT
        expected = []
        for i, j, _ in Aligner(statements).pairs(contradictions.ANTONYM_ALIGNMENT):
            a, b = statements[i], statements[j]
            if a.outlet == b.outlet or denies(a) != denies(b):
                continue
            pair = opposite_forms(a, b)
            if pair and claim_share(a, b) >= contradictions.ANTONYM_SHARE:
                expected.append((a.article, a.start, b.article, b.start, pair))
        found = [
            (f.evidence[0].article, f.evidence[0].start, f.evidence[1].article, f.evidence[1].start)
            for f in antonym_contradictions(statements, corpus)
        ]
        assert found == [e[:4] for e in expected]
        assert expected  # the sentences do oppose


def test_polarity_pairs_passed_over_are_those_opposed_never_sets_apart() -> None:
    rng = Random(11)
    for _ in range(3):
        _, statements = _statements(rng, 10)
        pieces = [c for s in statements for c in clauses(s)]
        expected = [
            (i, j, reason)
            for i, j, _ in Aligner(pieces).pairs(polarity.POLARITY_ALIGNMENT)
            if pieces[i].outlet != pieces[j].outlet and (reason := opposed(pieces[i], pieces[j]))
        ]
        assert polarity.polarity_pairs(pieces) == expected
        assert expected


def test_antonyms_said_looked_up_by_their_first_letters_are_those_of_the_whole_table() -> None:
    table = sorted(antonyms())
    forms = [*table, *(w + end for w in table for end in ("s", "es", "x", "ant", "ée", "a"))]
    forms += ["avant", "avancent", "fin", "fini", "position", "pro", "a", "ab"]
    rng = Random(3)
    for _ in range(200):
        lemmas = frozenset(fold(w) for w in rng.sample(forms, 4))
        words = tuple(rng.sample(forms, 3))
        folded = lemmas | {fold(w) for w in words}
        expected = frozenset(e for e in antonyms() if any(_inflects(e, f) for f in folded))
        assert _antonyms_said(lemmas, words) == expected


def test_clause_words_matched_by_first_letters_are_those_matched_against_every_word() -> None:
    rng = Random(5)
    _, statements = _statements(rng, 8)
    for statement in statements:
        for clause in clauses(statement):
            folded = [fold(w) for w in WORD_RE.findall(clause.text) if len(w) >= 3]
            expected = tuple(
                w for w in statement.words if any(_same_word(fold(w), f) for f in folded)
            )
            assert clause.words == expected


def test_aligned_pairs_found_once_per_threshold_are_those_found_for_each() -> None:
    rng = Random(7)
    _, statements = _statements(rng, 12)
    shared = Aligner(statements)
    for threshold in (0.25, 0.25, 0.3, 0.1, 0.1):
        assert shared.pairs(threshold) == Aligner(statements).pairs(threshold)


def _distinct_pairwise(findings: list[Finding]) -> list[Finding]:
    """``_distinct`` testing every finding kept against every new one, as it did."""
    out: list[Finding] = []
    for finding in findings:
        spans = {(e.article, e.start, e.end) for e in finding.evidence}

        def overlapping(other: Finding, spans: set[tuple[str, int, int]] = spans) -> int:
            return len(
                {
                    a
                    for a, s, e in spans
                    for ev in other.evidence
                    if ev.article == a and ev.start < e and s < ev.end
                }
            )

        if not any(f.slot == finding.slot and overlapping(f) >= 2 for f in out):
            out.append(finding)
    return out


def test_distinct_findings_looked_up_by_article_are_those_of_the_pairwise_test() -> None:
    rng = Random(9)
    corpus = _corpus(rng, 6)
    texts = {a.id: a.text for a in corpus.articles}
    for _ in range(100):
        findings = []
        for _ in range(rng.randrange(1, 12)):
            evidence = []
            for _ in range(rng.randrange(1, 4)):
                article = rng.choice(sorted(texts))
                start = rng.randrange(0, 40)
                evidence.append(make_evidence(corpus, article, start, start + rng.randrange(1, 20)))
            findings.append(
                Finding(
                    kind="contradiction",
                    subject="s",
                    slot=rng.choice(("number", "date")),
                    summary="",
                    evidence=tuple(evidence),
                    sources=(),
                )
            )
        assert _distinct(findings) == _distinct_pairwise(findings)


def _pairs_of_every_candidate(aligner: Aligner, threshold: float) -> list[tuple[int, int, float]]:
    """``Aligner.pairs`` as it was: every statement indexed under its own head of features, each
    candidate pair scored on its own."""
    needed = max(0.0, threshold - PREDICATE_BONUS) * (1 - 1e-9)
    weight = aligner._weight
    rank = {f: (-w, f) for f, w in weight.items()}
    index: dict[str, list[int]] = {}
    found: set[tuple[int, int]] = set()
    for i, feats in enumerate(aligner._features):
        if not aligner._norm[i]:
            continue
        ordered = sorted(feats, key=rank.__getitem__)
        limit = (needed * aligner._norm[i]) ** 2
        tail, head = 0.0, len(ordered)
        while head > 0 and tail + weight[ordered[head - 1]] ** 2 < limit:
            head -= 1
            tail += weight[ordered[head]] ** 2
        article = aligner.statements[i].article
        for f in ordered[:head]:
            members = index.setdefault(f, [])
            found.update((j, i) for j in members if aligner.statements[j].article != article)
            members.append(i)
    scored = [(i, j, aligner._score(i, j)) for i, j in sorted(found)]
    return [(i, j, score) for i, j, score in scored if score >= threshold]


def _copies(rng: Random, count: int) -> list[Statement]:
    """Statements of ``count`` articles, most copies of a few claims (words, figures, predicate)."""
    vocabulary = [f"mot{k}" for k in range(14)]
    claims = []
    for _ in range(8):
        numbers = tuple(
            NumberMention(0, 2, "47", value, value, value, rng.choice(("bless", "mort")))
            for value in rng.sample((3.0, 12.0, 47.0), rng.randrange(0, 2))
        )
        claims.append(
            (
                frozenset(rng.sample(vocabulary, rng.randrange(1, 6))),
                numbers,
                rng.choice((None, "dire", "mourir")),
            )
        )
    out = []
    for k in range(count):
        for index, (lemmas, numbers, predicate) in enumerate(rng.sample(claims, 4)):
            if rng.random() < 0.2:  # a copy that drops or adds a word
                lemmas = lemmas ^ {rng.choice(vocabulary)}
            out.append(
                Statement(
                    f"a{k % (count - 2)}",
                    f"Outlet {k}",
                    index * 100,
                    index * 100 + 80,
                    " ".join(sorted(lemmas)),
                    lemmas,
                    predicate,
                    False,
                    frozenset({"E1"}) if rng.random() < 0.5 else frozenset(),
                    numbers,
                    index=index,
                )
            )
    return out


def test_aligned_pairs_scored_once_per_kind_are_those_scored_pair_by_pair() -> None:
    rng = Random(16)
    for _ in range(6):
        statements = _copies(rng, 30)
        for figures in (True, False):
            aligner = Aligner(statements, figures)
            for threshold in (0.1, 0.25, 0.3, 0.5):
                expected = _pairs_of_every_candidate(aligner, threshold)
                assert Aligner(statements, figures).pairs(threshold) == expected
                assert {(i, j) for i, j, _ in expected} <= set(aligner.candidates(threshold))
                assert all(
                    aligner.score(i, j) == aligner._score(i, j)
                    for i, j in aligner.candidates(threshold)
                )


def test_clauses_cut_once_per_text_are_those_of_the_sentence_where_it_stands() -> None:
    text = "Le port, fermé depuis 6,8 heures, rouvrira mardi, a annoncé le maire de Morvanne."
    figure = NumberMention(22, 25, "6,8", 6.8, 6.8, 6.8, "heur")
    first = Statement(
        "a1", "A", 0, len(text), text, frozenset(), None, False, frozenset(), (figure,)
    )
    cut = clauses(first)
    assert len(cut) > 1 and all(c.sentence == (0, len(text)) for c in cut)
    for shift in (0, 7, 500):
        moved = replace(
            first,
            article="a2",
            start=shift,
            end=shift + len(text),
            numbers=(replace(figure, start=figure.start + shift, end=figure.end + shift),),
        )
        assert [(c.start - shift, c.end - shift, c.text) for c in clauses(moved)] == [
            (c.start, c.end, c.text) for c in cut
        ]
    # the figure's comma is no break, whatever the sentence's offset
    assert any("6,8" in c.text for c in cut)
