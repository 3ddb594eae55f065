"""Corroboration: the same claim with compatible values, never a denied or changed one."""

from __future__ import annotations

from compare_builders import Doc, build, one_story

from recoupe.compare.findings import (
    clash,
    compare_story,
    consistent,
    denies,
    same_claim,
    sentence_of,
)
from recoupe.compare.statements import Fact, Statement, clauses, story_statements
from recoupe.corpus import Corpus
from recoupe.model import Finding

KERLOUAN = {"Kerlouan": ("place", ["Kerlouan"])}


def _findings(corpus: Corpus, kind: str) -> list[Finding]:
    return [f for f in compare_story(one_story(corpus), corpus).findings if f.kind == kind]


def _statements(*texts: str, entities: dict | None = None) -> list[Statement]:
    corpus = build(
        [
            Doc(f"a{k}", text, source=f"Outlet {k}", entities=entities or {})
            for k, text in enumerate(texts)
        ]
    )
    return story_statements(one_story(corpus), corpus)


def test_et_non_denies_but_names_and_hyphenated_non_do_not():
    contrast, compound, name = _statements(
        "La lettre du maire est rédigée en breton et non en français.",
        "Les patients non-vaccinés sont reçus le mardi à l'hôpital.",
        "Un enseignant a été blessé dans un lycée de Pas-de-Calais vendredi.",
        entities={**KERLOUAN, "Pas-de-Calais": ("place", ["Pas-de-Calais"])},
    )
    assert denies(contrast)
    assert not denies(compound)
    assert not denies(name)  # "Pas" in a name is no negation


def test_a_clause_opening_on_ne_denies_what_ni_opened_before_the_cut():
    sentence = _statements(
        "Ni la mairie de Kerlouan, ni la préfecture, n'ont connaissance d'un navire échoué.",
        entities=KERLOUAN,
    )[0]
    piece = clauses(sentence)[-1]
    assert piece.text.startswith("n'ont connaissance")
    assert denies(piece)
    restricted = _statements("Le vieux port de pêche breton, ne compte que trois chalutiers.")[0]
    piece = clauses(restricted)[-1]
    assert piece.text.startswith("ne compte")
    assert not denies(piece)  # "ne … que" restricts


def test_sentences_stating_one_claim_never_corroborate_when_one_of_them_denies_it():
    # the first clause is word for word the same, the rest of the sentence denies what the other affirms
    corpus = build(
        [
            Doc(
                "a",
                "La vidéo montre des soldats armés dans le port de Kerlouan, mais elle n'a aucun lien avec la tempête.",
                source="A",
                entities=KERLOUAN,
            ),
            Doc(
                "b",
                "La vidéo montre des soldats armés dans le port de Kerlouan, elle a un lien avec la tempête.",
                source="B",
                entities=KERLOUAN,
            ),
        ]
    )
    assert _findings(corpus, "corroborated") == []


def test_a_shared_clause_corroborates_when_the_sentences_state_different_claims():
    # only the clause is shared: the denial is about something the other sentence never says
    corpus = build(
        [
            Doc(
                "a",
                "La vidéo montre des soldats à Kerlouan, mais la préfecture maritime n'a pas confirmé "
                "leur nationalité, leur mission ni leur nombre exact lors du point presse du soir.",
                source="A",
                entities=KERLOUAN,
            ),
            Doc(
                "b",
                "Des pêcheurs racontent que la vidéo montre des soldats à Kerlouan, filmée depuis "
                "leur chalutier au lever du jour par un jeune matelot de Douarnenez.",
                source="B",
                entities=KERLOUAN,
            ),
        ]
    )
    statements = story_statements(one_story(corpus), corpus)
    assert not same_claim(*statements)
    [finding] = _findings(corpus, "corroborated")
    assert set(finding.sources) == {"A", "B"}


def test_one_outlet_saying_something_else_does_not_sink_what_two_state_alike():
    statements = _statements(
        "Dès que l'aide sera demandée par les autorités, elle sera déployée aussitôt.",
        "Dès que l'aide sera demandée par les autorités, elle sera déployée aussitôt.",
        "Les autorités n'ont toujours pas demandé l'aide internationale.",
    )
    fact = Fact(tuple(statements))
    kept = consistent(fact, sentence_of(statements))
    assert [s.outlet for s in kept.statements] == ["Outlet 0", "Outlet 1"]


def test_a_list_of_figures_agrees_when_each_figure_has_a_compatible_counterpart():
    same, reordered, changed = (
        _statements(
            "Les deux blessés ont 27 ans et 24 ans selon les pompiers de Kerlouan.",
            other,
            entities=KERLOUAN,
        )
        for other in (
            "Les deux blessés ont 27 ans et 24 ans selon les pompiers de Kerlouan.",
            "Les deux blessés ont 24 ans et 27 ans selon les pompiers de Kerlouan.",
            "Les deux blessés ont 27 ans et 29 ans selon les pompiers de Kerlouan.",
        )
    )
    assert not clash(*same)
    assert not clash(*reordered)
    assert clash(*changed)


def test_antonyms_of_the_table_block_corroboration():
    corpus = build(
        [
            Doc(
                "a",
                "Le dernier test du laboratoire de Kerlouan sur le marin est positif.",
                source="A",
                entities=KERLOUAN,
            ),
            Doc(
                "b",
                "Le dernier test du laboratoire de Kerlouan sur le marin est négatif.",
                source="B",
                entities=KERLOUAN,
            ),
        ]
    )
    statements = story_statements(one_story(corpus), corpus)
    assert all(len(clauses(s)) == 1 for s in statements)
    assert clash(*statements)
    assert _findings(corpus, "corroborated") == []


def test_a_verb_of_denial_is_a_denial_with_the_model():
    from recoupe.api import compare_groups
    from recoupe.evaluate.pairs import Pair, judge_pair, pair_articles

    pairs = [
        Pair(
            "denied",
            "Les soignants de l'hôpital de Kerlouan ont reçu l'ordre de cacher les dossiers des patients.",
            "Les soignants de l'hôpital de Kerlouan démentent avoir reçu l'ordre de cacher les dossiers des patients.",
            True,
        ),
        Pair(
            "same",
            "Les soignants de l'hôpital de Kerlouan ont reçu l'ordre de cacher les dossiers des patients.",
            "Les soignants de l'hôpital de Kerlouan ont bien reçu l'ordre de cacher les dossiers des patients.",
            False,
        ),
    ]
    stories = compare_groups([pair_articles(p) for p in pairs])
    verdicts = {
        p.id: judge_pair(p, story) for p, story in zip(pairs, stories, strict=True) if story
    }
    assert not verdicts["denied"].corroborated
    assert verdicts["same"].corroborated


def test_consistent_removes_the_same_statements_as_testing_every_pair_again():
    # copies of a few clashing claims (figures, a denial, antonyms, a negation bearing on a
    # word the other says, sentences a contradiction opposes, sentences denying alike) in
    # random facts of many outlets: the grouped count, which decides most pairs by kind and
    # an index, removes what re-testing every pair after each removal removes
    from dataclasses import replace
    from random import Random

    from recoupe.compare.findings import SentenceOf, _consistent_pairwise

    pool = _statements(
        "Le port de Kerlouan a accueilli 300 bateaux samedi selon la mairie.",
        "Le port de Kerlouan a accueilli 450 bateaux samedi selon la mairie.",
        "Le port de Kerlouan n'a accueilli aucun bateau samedi selon la mairie.",
        "Le trafic du port de Kerlouan est en hausse, a indiqué la mairie samedi.",
        "Le trafic du port de Kerlouan est en baisse, a indiqué la mairie samedi.",
        "Une tempête a frappé Kerlouan. Le port de Kerlouan a accueilli 300 bateaux samedi.",
        "Les pêcheurs de Kerlouan sont rentrés au port, et la mairie a compté 300 bateaux.",
        "La mairie de Kerlouan n'a pas fermé le port samedi, et 300 bateaux sont rentrés.",
        "La mairie de Kerlouan a fermé le port samedi, et 300 bateaux sont rentrés.",
        "Le port de Kerlouan a accueilli les bateaux samedi, sans être fermé par la mairie.",
        "Aucun pêcheur n'a pu entrer au port de Kerlouan samedi, la mairie l'a fermé.",
        "Les pêcheurs n'étaient pas autorisés à accéder au port de Kerlouan samedi.",
        "Le port de Kerlouan a accueilli les bateaux avant la tempête de samedi.",
        "Le port de Kerlouan a accueilli les bateaux après la tempête de samedi.",
        "Le port de Kerlouan a accueilli 300 bateaux samedi.",
        "Le port de Kerlouan a accueilli bateaux samedi selon la mairie.",
        "Le port de Kerlouan a accueilli 300 bateaux samedi, a démenti la mairie.",
        "Le port de Kerlouan a accueilli 300 bateaux samedi, et non 450 selon la mairie.",
        entities=KERLOUAN,
    )
    sentences = list(pool)
    keys = [(s.article, s.start, s.end) for s in sentences]
    contexts = [
        sentence_of(sentences),
        # a contradiction set these sentences against each other
        SentenceOf(sentences, frozenset({frozenset((keys[0], keys[14])), frozenset(keys[7:9])})),
    ]
    pool += [c for s in pool for c in clauses(s)]
    rng = Random(16)
    removed = 0
    for _ in range(600):
        context = rng.choice(contexts)
        members = tuple(
            replace(rng.choice(pool), outlet=f"Outlet {rng.randrange(6)}")
            for _ in range(rng.randrange(1, 30))
        )
        fact = Fact(members)
        expected = _consistent_pairwise(fact, context)
        assert consistent(fact, context) == expected
        removed += len(members) - len(expected.statements)
    assert removed  # the facts did clash
