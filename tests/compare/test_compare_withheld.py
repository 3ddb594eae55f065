"""Corroboration withheld when the two outlets' claims differ outside the words they share:
a restriction naming what the other never names, a figure of the sentence, a sentence the
other outlet contradicts as a whole."""

from __future__ import annotations

from compare_builders import Doc, build, one_story

from recoupe.compare.findings import (
    SentenceOf,
    _focus,
    clash,
    opposed_sentences,
    sentence_of,
)
from recoupe.compare.statements import Statement, clauses, parse_numbers, story_statements
from recoupe.fr.lexicon import canonical
from recoupe.model import Evidence, Finding


def _parsed(
    text: str, lemmas: list[tuple[str, str]], outlet: str, names: tuple[str, ...] = ()
) -> Statement:
    """A parsed one-sentence statement: (lemma, word as written) in text order, and the names
    it mentions (each its own entity)."""
    starts = [text.index(written) for _, written in lemmas]
    mentions = tuple((text.index(n), text.index(n) + len(n), "E-" + n) for n in names)
    return Statement(
        article=outlet.lower(),
        outlet=outlet,
        start=0,
        end=len(text),
        text=text,
        lemmas=frozenset(canonical(lemma) for lemma, _ in lemmas),
        predicate=None,
        negated=False,
        entities=frozenset(e for _, _, e in mentions),
        mentions=mentions,
        words=tuple(lemma for lemma, _ in lemmas),
        word_starts=tuple(starts),
        word_frames=tuple(starts[:1] * len(starts)),
    )


def _statements(*texts: str) -> list[Statement]:
    corpus = build([Doc(f"a{k}", text, source=f"Outlet {k}") for k, text in enumerate(texts)])
    return story_statements(one_story(corpus), corpus)


ONLY_DOCTOR = _parsed(
    "La vaccination est assurée seulement par un médecin du centre.",
    [
        ("vaccination", "vaccination"),
        ("assurer", "assurée"),
        ("médecin", "médecin"),
        ("centre", "centre"),
    ],
    "A",
)


def test_a_restriction_the_other_outlet_fills_otherwise_is_no_corroboration():
    nurse = _parsed(
        "La vaccination est assurée par les infirmiers du centre.",
        [
            ("vaccination", "vaccination"),
            ("assurer", "assurée"),
            ("infirmier", "infirmiers"),
            ("centre", "centre"),
        ],
        "B",
    )
    doctor = _parsed(
        "La vaccination est assurée par un médecin du centre depuis lundi.",
        [
            ("vaccination", "vaccination"),
            ("assurer", "assurée"),
            ("médecin", "médecin"),
            ("centre", "centre"),
            ("lundi", "lundi"),
        ],
        "B",
    )
    assert [words for words, _ in _focus(ONLY_DOCTOR)] == [["médecin", "centre"]]
    assert clash(ONLY_DOCTOR, nurse)
    assert not clash(ONLY_DOCTOR, doctor)


def test_ne_que_and_clefts_restrict_but_a_negated_que_does_not():
    [only] = _focus(
        _parsed(
            "Le tarif ne concerne que le marché breton.",
            [
                ("tarif", "tarif"),
                ("concerner", "concerne"),
                ("marché", "marché"),
                ("breton", "breton"),
            ],
            "A",
        )
    )
    assert only[0] == ["marché", "breton"]
    cleft = _parsed(
        "C'est la préfecture de Lauzac qui fixe le tarif.",
        [("préfecture", "préfecture"), ("fixer", "fixe"), ("tarif", "tarif")],
        "A",
        names=("Lauzac",),
    )
    assert _focus(cleft) == [([], frozenset({"E-Lauzac"}))]  # a cleft's focus is its names
    mayor = _parsed(
        "Le tarif est fixé par le maire de Brenac.",
        [("tarif", "tarif"), ("fixer", "fixé"), ("maire", "maire")],
        "B",
        names=("Brenac",),
    )
    assert clash(cleft, mayor)
    # a cleft also presents: "ce sont 350 journalistes qui sont venus" restricts nothing
    presenting = _parsed(
        "Ce sont 350 journalistes qui sont venus.",
        [("journaliste", "journalistes"), ("venir", "venus")],
        "A",
    )
    assert _focus(presenting) == []
    # a restricted figure is compared as figures are: "seulement 12 %" / "un TGV sur huit"
    figure = _parsed(
        "Seulement 12 % des trains rouleront mardi.",
        [("pourcent", "%"), ("train", "trains"), ("rouler", "rouleront")],
        "A",
    )
    assert _focus(figure) == []
    said = _parsed(
        "Le maire n'a pas dit que le tarif baissera.",
        [("maire", "maire"), ("dire", "dit"), ("tarif", "tarif"), ("baisser", "baissera")],
        "A",
    )
    assert _focus(said) == []


def test_a_clause_is_no_corroboration_of_a_figure_its_own_sentence_gives_otherwise():
    a, b, same = _statements(
        "La directrice de l'agence sanitaire de Lauzac, nommée en mars, a admis que 75 % des "
        "décès concernent des patients âgés.",
        "La directrice de l'agence sanitaire de Lauzac confirme que plus de 90 % des décès "
        "concernent des patients âgés.",
        "La directrice de l'agence sanitaire de Lauzac confirme que 75 % des décès concernent "
        "des patients âgés.",
    )
    context = sentence_of([a, b, same])
    head = clauses(a)[0]
    assert head.text == "La directrice de l'agence sanitaire de Lauzac, nommée en mars"
    assert not head.numbers
    assert clash(head, b, context)
    assert not clash(head, same, context)


def test_names_glued_to_digits_and_bounds_written_as_comparisons():
    assert parse_numbers("Les décès dus au Covid-19 concernent 40 patients.")[0].value == 40
    assert len(parse_numbers("Les décès dus au Covid-19 concernent des patients.")) == 0
    [below] = parse_numbers("Le taux est inférieur à 50 % dans le pays.")
    assert (below.low, below.high) == (0.0, 50.0)
    [above] = parse_numbers("Le taux est supérieur à 50 % dans le pays.")
    assert above.low == 50.0 and above.high == float("inf")


def test_a_sentence_contradicted_as_a_whole_corroborates_nothing_of_that_outlet():
    first, second, other = _statements(
        "Le tribunal a ordonné la fermeture du port de Lauzac. "
        "Sa décision a été annulée par le Conseil d'État.",
        "La décision du tribunal ordonnant la fermeture du port de Lauzac a été confirmée par le "
        "Conseil d'État.",
    )[:3]
    assert first.article == second.article != other.article
    whole = Finding(
        kind="contradiction",
        subject="décision",
        slot="negation",
        summary="",
        evidence=(
            Evidence(second.article, second.start, second.end, second.text, "annulée"),
            Evidence(other.article, other.start, other.end, other.text, "confirmée"),
        ),
    )
    opposed = opposed_sentences([whole], [first, second, other])
    key = lambda s: (s.article, s.start, s.end)  # noqa: E731
    assert frozenset((key(other), key(first))) in opposed  # the other sentence of that outlet
    assert clash(clauses(first)[0], other, SentenceOf([first, second, other], opposed))
    # a contradicted clause of a longer sentence leaves its other claims free
    part = Finding(
        kind="contradiction",
        subject="décision",
        slot="negation",
        summary="",
        evidence=(
            Evidence(second.article, second.start, second.start + 12, second.text[:12], "x"),
            Evidence(other.article, other.start, other.start + 12, other.text[:12], "y"),
        ),
    )
    assert frozenset((key(other), key(first))) not in opposed_sentences(
        [part], [first, second, other]
    )
