"""Statements: numbers as written, paraphrase-aware alignment, facts."""

from __future__ import annotations

import math

import pytest
from compare_builders import Doc, build, one_story

from recoupe.compare.statements import Aligner, facts, parse_numbers, story_statements
from recoupe.fr.lexicon import canonical


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit"),
    [
        ("30 412 personnes", 30412, 30412, 30412, "personn"),
        ("plus de 30 000 morts", 30000, 30000, math.inf, "mort"),
        ("12 % des voix", 12, 12, 12, "%:voi"),
        ("17 morts", 17, 17, 17, "mort"),
        ("1,5 million d'euros", 1_500_000, 1_450_000, 1_550_000, "euro"),
        ("dix-sept morts", 17, 17, 17, "mort"),
        ("47 autres ont été blessées", 47, 47, 47, "bless"),
        ("moins de 50 blessés", 50, 0, 50, "bless"),
    ],
)
def test_numbers_are_read_with_their_precision(text, value, low, high, unit):
    [number] = parse_numbers(text)
    assert (number.value, number.low, number.high, number.unit) == (value, low, high, unit)
    assert text[number.start : number.end] == number.text


@pytest.mark.parametrize(
    "text", ["le 14 mars 2025", "depuis 2009", "vers 21 h 15", "le 1er novembre", "à 19 heures"]
)
def test_dates_and_times_of_day_are_not_quantities(text):
    assert parse_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("seize ans", 16 * 365.25),
        ("quinze semaines", 105),
        ("51 jours", 51),
        ("deux heures et demie", 2.5 / 24),
    ],
)
def test_durations_are_quantities_in_days(text, days):
    [number] = parse_numbers(text)
    assert number.unit == "durée"
    assert number.value == pytest.approx(days, rel=1e-3)


def test_durations_in_other_units_compare():
    [decades] = parse_numbers("une peine de trois décennies")
    [years] = parse_numbers("une peine de 19 ans")
    [thirty] = parse_numbers("une peine de 30 ans")
    assert not decades.compatible(years)  # "trois décennies" = 30 ans, not 19
    assert decades.compatible(thirty)
    [more] = parse_numbers("plus de quatre mois")
    [weeks] = parse_numbers("quinze semaines")
    assert not more.compatible(weeks)


def test_vague_anaphoric_and_narrowed_figures_are_marked():
    [dozens] = parse_numbers("des dizaines de blessés")
    [both] = parse_numbers("les deux pays")
    [serious] = parse_numbers("deux blessés graves")
    [magnitude] = parse_numbers("un séisme de magnitude 6,8")
    assert dozens.vague and both.anaphoric and serious.qualifier == "graves"
    assert (magnitude.unit, magnitude.value) == ("magnitude", 6.8)


def test_precision_differences_are_compatible():
    [rough] = parse_numbers("plus de 300 manifestants")
    [exact] = parse_numbers("312 manifestants")
    [other] = parse_numbers("250 manifestants")
    assert rough.compatible(exact)
    assert not rough.compatible(other)


def test_number_offsets_are_shifted():
    text = "Bilan : 17 morts."
    [number] = parse_numbers(text[8:], offset=8)
    assert text[number.start : number.end] == "17 morts"


def test_paraphrases_share_a_canonical_form():
    assert canonical("abstention") == canonical("s'abstenir".removeprefix("s'")) == "abstenir"
    assert canonical("Annulation") == canonical("annuler")


def _two_outlets() -> list[Doc]:
    return [
        Doc(
            "a",
            "Le maire Paul Durand a annoncé l'annulation du festival de Brest. Il pleuvait.",
            source="Ouest",
            entities={"Paul Durand": ("person", ["Paul Durand"]), "Brest": ("place", ["Brest"])},
        ),
        Doc(
            "b",
            "Paul Durand annule le festival de Brest. La météo était mauvaise samedi.",
            source="Nord",
            entities={"Paul Durand": ("person", ["Paul Durand"]), "Brest": ("place", ["Brest"])},
        ),
    ]


def test_statements_carry_entities_and_exact_offsets():
    corpus = build(_two_outlets())
    statements = story_statements(one_story(corpus), corpus)
    assert statements[0].entities == {"E1", "E2"}
    for s in statements:
        assert corpus.article(s.article).text[s.start : s.end] == s.text


def test_aligned_paraphrases_form_a_corroborated_fact():
    corpus = build(_two_outlets())
    statements = story_statements(one_story(corpus), corpus)
    aligner = Aligner(statements)
    assert aligner.score(0, 2) > aligner.score(0, 3)
    grouped = facts(statements)
    shared = [f for f in grouped if len(f.outlets) == 2]
    assert len(shared) == 1
    assert {s.text[:8] for s in shared[0].statements} == {"Le maire", "Paul Dur"}
    # the other sentences stay facts of one outlet
    assert sum(1 for f in grouped if len(f.outlets) == 1) == 2


def test_years_of_age_are_told_apart_from_terms():
    text = (
        "Le boulanger, 41 ans, un homme de 41 ans, âgé de 41 ans (41 ans), "
        "a été condamné à 12 ans de prison, depuis 3 ans."
    )
    ages = [n.qualifier == "âge" for n in parse_numbers(text)]
    assert ages == [True, True, True, True, False, False]


def test_questions_claim_nothing():
    corpus = build(
        [
            Doc("a", "Qui remplacera le maire de Kervéan ? Le conseil municipal votera lundi."),
            Doc("b", "Le conseil municipal de Kervéan votera lundi. « Qui remplacera le maire ? »"),
        ]
    )
    texts = [s.text for s in story_statements(one_story(corpus), corpus)]
    assert texts and not any("?" in t for t in texts)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        (
            "Le taux de passagers vaccinés parmi les malades du ferry est inférieur à 30 %.",
            "%:malad",
        ),
        ("La proportion de femmes chez les élus de Brisac atteint 40 %.", "%:elu"),
        # no base said: the share of what is unknown, the percentage stays bare
        ("La part des passagers vaccinés est de 30 %.", "%"),
        # the share word belongs to another figure
        ("Le taux parmi les élus est de 12 %, et 40 % ont voté.", "%"),
    ],
)
def test_a_bare_percentage_takes_the_base_its_share_subject_names(text, unit):
    assert parse_numbers(text)[-1].unit == unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Seul un bac sur huit traversera l'estuaire", 12.5, "%:bac"),
        ("1 bac sur 8 en moyenne", 12.5, "%:bac"),
        ("trois navettes sur quatre", 75, "%:navett"),
        ("une navette (ligne du port) sur trois", 100 / 3, "%:navett"),
        ("un sur deux", 50, "%"),
        ("la moitié des bacs", 50, "%:bac"),
        ("les trois quarts des navettes", 75, "%:navett"),
        ("un tiers des guichets", 100 / 3, "%:guichet"),
        ("deux jours sur cinq", 40, "%:jour"),
    ],
)
def test_ratios_and_fractions_are_percentages_of_what_they_count(text, value, unit):
    [number] = parse_numbers(text)
    assert number.unit == unit
    assert number.value == pytest.approx(value)
    assert number.low < number.value < number.high  # a ratio is a rounding
    assert text[number.start : number.end] == number.text


def test_a_ratio_meets_the_percentages_it_rounds_to_and_no_other():
    [eighth] = parse_numbers("un bac sur huit")
    twelve, thirteen, twenty = (parse_numbers(f"{v} % des bacs")[0] for v in (12, 13, 20))
    assert eighth.compatible(twelve) and eighth.compatible(thirteen)
    assert not eighth.compatible(twenty)
    [half] = parse_numbers("un bac sur deux")
    [most] = parse_numbers("75 % des bacs")
    assert not half.compatible(most)
    [nearly_half] = parse_numbers("près d'un bac sur deux")
    assert nearly_half.compatible(parse_numbers("48 % des bacs")[0])
    [tiny] = parse_numbers("une victime sur 3 000 habitants")
    assert tiny.high < 0.1  # the rounding of a tiny share stays tiny


def test_an_adjective_between_noun_and_ratio_narrows_the_count():
    [regional] = parse_numbers("un bac régional sur cinq")
    assert (regional.unit, regional.qualifier) == ("%:bac", "regional")


@pytest.mark.parametrize(
    "text", ["un bouchon sur 8 kilomètres", "un quart d'heure", "une panne sur la ligne"]
)
def test_an_article_before_a_measure_or_a_time_is_no_ratio(text):
    assert all(not n.unit.startswith("%") for n in parse_numbers(text))


def test_two_nouns_share_the_denominator_of_a_coordinated_ratio():
    first, second = parse_numbers("un bac et une navette (ligne du port) sur cinq")
    assert (first.text, first.unit, first.value) == (
        "un bac et une navette (ligne du port) sur cinq",
        "%:bac",
        20,
    )
    assert (second.unit, second.value) == ("%:navett", 20)
    assert parse_numbers("un mort et un blessé grave") == []
