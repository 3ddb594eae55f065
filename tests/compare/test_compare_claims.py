"""Claims compared across outlets: grouped values, updates, attribution, polarity, corroboration."""

from __future__ import annotations

from compare_builders import Doc, build, one_story

from recoupe.compare.findings import compare_story
from recoupe.compare.polarity import negated
from recoupe.compare.statements import story_statements
from recoupe.corpus import Corpus
from recoupe.model import Finding

PLACE = {"Saint-Méran": ("place", ["Saint-Méran"])}


def _findings(corpus: Corpus, kind: str) -> list[Finding]:
    return [f for f in compare_story(one_story(corpus), corpus).findings if f.kind == kind]


def _toll(figures: list[str], published: list[str | None] | None = None) -> Corpus:
    dates = published or [None] * len(figures)
    return build(
        [
            Doc(
                f"a{k}",
                f"L'effondrement de la tribune de Saint-Méran a fait {figure} lundi soir.",
                source=f"Outlet {k}",
                published=date,
                entities=PLACE,
            )
            for k, (figure, date) in enumerate(zip(figures, dates, strict=True))
        ]
    )


def test_a_contradiction_is_grouped_by_value_never_pairwise():
    [finding] = _findings(
        _toll(["47 blessés", "47 blessés", "47 blessés", "52 blessés"]), "contradiction"
    )
    assert [(g.value, len(g.sources)) for g in finding.values] == [
        ("47 blessés", 3),
        ("52 blessés", 1),
    ]
    assert (
        "“47 blessés” — 3 outlets" in finding.summary
        and "“52 blessés” — 1 outlet" in finding.summary
    )
    assert len(finding.evidence) == 4


def test_a_figure_published_later_is_labelled_an_update():
    corpus = _toll(["47 blessés", "52 blessés"], ["2025-05-20", "2025-05-21"])
    [finding] = _findings(corpus, "contradiction")
    later = {g.value: g.later for g in finding.values}
    assert later == {"47 blessés": False, "52 blessés": True}
    assert "later update" in finding.summary


def test_a_date_known_to_the_month_is_never_earlier_than_a_day_of_that_month():
    corpus = _toll(["47 blessés", "52 blessés"], ["2025-05", "2025-05-21"])
    [finding] = _findings(corpus, "contradiction")
    assert not any(g.later for g in finding.values)
    assert "later update" not in finding.summary
    corpus = _toll(["47 blessés", "52 blessés"], ["2025-04", "2025-05-21"])
    [finding] = _findings(corpus, "contradiction")
    assert {g.value: g.later for g in finding.values} == {"47 blessés": False, "52 blessés": True}


def test_a_first_toll_named_after_its_figure_is_history_not_a_value():
    # "selon un premier bilan" after the figure: the text itself says 30 was the first toll
    corpus = _toll(["30 morts, selon un premier bilan,", "47 morts", "52 morts"])
    [finding] = _findings(corpus, "contradiction")
    assert {g.value for g in finding.values} == {"47 morts", "52 morts"}
    # a marker that introduces another figure leaves the one before it a claim
    corpus = _toll(["52 morts, rehaussant un premier bilan de 30 morts,", "47 morts"])
    [finding] = _findings(corpus, "contradiction")
    assert {g.value for g in finding.values} == {"47 morts", "52 morts"}


def test_word_numbers_and_durations_in_other_units_contradict():
    corpus = build(
        [
            Doc(
                "a",
                "Le détenu évadé purgeait une peine de 19 ans de prison à Valdrôme.",
                source="A",
            ),
            Doc(
                "b",
                "Le détenu évadé purgeait une peine de trois décennies de prison à Valdrôme.",
                source="B",
            ),
        ]
    )
    [finding] = _findings(corpus, "contradiction")
    assert finding.slot == "number"
    assert {g.value for g in finding.values} == {"19 ans", "trois décennies"}


def test_an_outlet_never_contradicts_itself_outside_its_headline():
    corpus = build(
        [
            Doc(
                "a",
                "L'effondrement de la tribune de Saint-Méran a fait 12 morts lundi soir.\n"
                "L'effondrement de la tribune de Saint-Méran a fait 17 morts selon la mairie.",
                source="A",
                entities=PLACE,
            ),
            Doc(
                "b",
                "L'effondrement de la tribune de Saint-Méran a fait 12 morts lundi soir.",
                source="B",
                entities=PLACE,
            ),
        ]
    )
    assert _findings(corpus, "contradiction") == []


def test_outlets_citing_both_figures_report_a_disagreement_not_a_contradiction():
    text = (
        "Le ministère a fait état de 3 252 morts dans les inondations de Derna. "
        "L'ONU a fait état de 11 300 morts dans les inondations de Derna."
    )
    corpus = build(
        [
            Doc("a", text, source="A"),
            Doc("b", text.replace("Le ministère", "Le gouvernement"), source="B"),
        ]
    )
    assert [f for f in _findings(corpus, "contradiction") if f.slot == "number"] == []


def test_figures_from_two_named_sources_are_not_a_contradiction_but_a_relay_is_no_source():
    ocha = {
        "OCHA": ("organization", ["OCHA"]),
        "Croissant-Rouge": ("organization", ["Croissant-Rouge"]),
        "AFP": ("organization", ["AFP"]),
    }
    sources = build(
        [
            Doc(
                "a",
                "Les inondations de Derna ont fait 11 300 morts selon OCHA samedi.",
                source="A",
                entities=ocha,
            ),
            Doc(
                "b",
                "Les inondations de Derna ont fait 3 958 morts selon Croissant-Rouge samedi.",
                source="B",
                entities=ocha,
            ),
        ]
    )
    assert _findings(sources, "contradiction") == []
    relayed = build(
        [
            Doc(
                "a",
                "Les inondations de Derna ont fait 11 300 morts selon OCHA samedi.",
                source="A",
                entities=ocha,
            ),
            Doc(
                "b",
                "Les inondations de Derna ont fait 3 958 morts selon AFP samedi.",
                source="B",
                entities=ocha,
            ),
        ]
    )
    [finding] = _findings(relayed, "contradiction")
    assert finding.slot == "number"


def test_a_claim_and_its_denial_contradict():
    morocco = {"Maroc": ("place", ["Maroc"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le Maroc a accepté l'aide internationale des secouristes espagnols.",
                source="A",
                entities=morocco,
            ),
            Doc(
                "b",
                "Le Maroc n'a pas accepté l'aide internationale des secouristes espagnols.",
                source="B",
                entities=morocco,
            ),
        ]
    )
    [finding] = [f for f in _findings(corpus, "contradiction") if f.slot == "negation"]
    assert {e.value for e in finding.evidence} == {"negated", "affirmed"}
    assert _findings(corpus, "corroborated") == []


def test_a_denial_of_another_figure_agrees_and_of_the_same_figure_contradicts():
    town = {"Brisac": ("place", ["Brisac"])}

    def pair(denied: str) -> Corpus:
        return build(
            [
                Doc(
                    "a",
                    "La préfecture de Brisac a compté 12 000 manifestants contre la taxe samedi.",
                    source="A",
                    entities=town,
                ),
                Doc(
                    "b",
                    f"La préfecture de Brisac n'a pas compté {denied} participants contre la taxe"
                    " samedi.",
                    source="B",
                    entities=town,
                ),
            ]
        )

    assert [f.slot for f in _findings(pair("12 000"), "contradiction")] == ["negation"]
    assert _findings(pair("40 000"), "contradiction") == []


def test_a_share_among_a_group_contradicts_a_percentage_of_that_group():
    ferry = {"Brisac": ("place", ["Brisac"])}

    def pair(bound: str) -> Corpus:
        return build(
            [
                Doc(
                    "a",
                    "Le taux de passagers vaccinés parmi les malades du ferry de Brisac est"
                    f" inférieur à {bound} %.",
                    source="A",
                    entities=ferry,
                ),
                Doc(
                    "b",
                    "75 % des malades du ferry de Brisac sont des passagers vaccinés.",
                    source="B",
                    entities=ferry,
                ),
            ]
        )

    assert [f.slot for f in _findings(pair("30"), "contradiction")] == ["number"]
    assert _findings(pair("80"), "contradiction") == []


def test_antonyms_contradict_and_restriction_is_no_denial():
    corpus = build(
        [
            Doc(
                "a",
                "Le nombre de visiteurs du musée de Brest va augmenter cette année.",
                source="A",
            ),
            Doc(
                "b", "Le nombre de visiteurs du musée de Brest va diminuer cette année.", source="B"
            ),
        ]
    )
    [finding] = _findings(corpus, "contradiction")
    assert {g.value for g in finding.values} == {
        "augmenter",
        "diminuer",
    } or finding.slot == "negation"
    only = build([Doc("a", "Le musée n'accueille que des groupes scolaires.", source="A")])
    [statement] = story_statements(one_story(only), only)
    assert not negated(statement)


def test_corroboration_never_cites_a_minority_value_and_nobody_alone_says_what_all_say():
    corpus = _toll(["47 blessés", "47 blessés", "52 blessés"])
    corroborated = _findings(corpus, "corroborated")
    assert corroborated and all("52" not in e.text for f in corroborated for e in f.evidence)
    assert all(f.title and 0 < f.confidence <= 1 for f in corroborated)
    single = _findings(corpus, "single_source")
    assert all("tribune" not in f.summary for f in single)


def test_a_news_agency_relaying_a_quote_is_not_another_speaker():
    people = {
        "Yoav Gallant": ("person", ["Yoav Gallant"]),
        "Anadolu": ("organization", ["Anadolu"]),
    }
    quote = "Nous poursuivrons les opérations jusqu'au retour des otages"
    corpus = build(
        [
            Doc(
                "a",
                f"« {quote} », a déclaré Yoav Gallant.",
                source="A",
                entities=people,
                quotes=[(quote, "Yoav Gallant", "a déclaré")],
            ),
            Doc(
                "b",
                f"« {quote} », rapporte Anadolu.",
                source="B",
                entities=people,
                quotes=[(quote, "Anadolu", "rapporte")],
            ),
        ]
    )
    assert [f for f in _findings(corpus, "contradiction") if f.slot == "speaker"] == []


def test_a_replaced_figure_is_history_but_the_value_it_went_to_is_a_claim():
    corpus = build(
        [
            Doc(
                "a",
                "L'attaque de la salle de concert a fait 115 morts selon le dernier bilan.",
                source="A",
            ),
            Doc(
                "b",
                "Le bilan de l'attaque de la salle de concert s'est alourdi, passant de 115 à 133 morts.",
                source="B",
            ),
            Doc(
                "c",
                "Un précédent bilan de l'attaque de la salle de concert faisait état de 60 morts.",
                source="C",
            ),
        ]
    )
    [finding] = _findings(corpus, "contradiction")
    assert {g.value for g in finding.values} == {"115 morts", "133 morts"}


def _cited(corpus: Corpus) -> list[str]:
    return [e.text for f in _findings(corpus, "corroborated") for e in f.evidence]


def test_a_card_never_cites_a_tied_value_another_statement_of_its_outlet_carries():
    # the age is contested one outlet against one; the card is about the career, which the
    # third outlet states without an age: it cites the career, never "de 61 ans"
    person = {"Odile Marchal": ("person", ["Odile Marchal"])}
    corpus = build(
        [
            Doc(
                "a",
                "Odile Marchal, magistrate chevronnée de 61 ans et ancienne procureure de "
                "Valbrune, prendra ses fonctions lundi au tribunal.",
                source="Le Courrier",
                entities=person,
            ),
            Doc(
                "b",
                "Odile Marchal, magistrate de 62 ans, sera installée lundi à la tête du tribunal.",
                source="Radio Valbrune",
                entities=person,
            ),
            Doc(
                "c",
                "La magistrate chevronnée, ancienne procureure de Valbrune, prendra ses "
                "fonctions lundi au tribunal.",
                source="Le Petit Matin",
                entities=person,
            ),
        ]
    )
    [age] = [f for f in _findings(corpus, "contradiction") if f.slot == "number"]
    assert {g.value for g in age.values} == {"61 ans", "62 ans"}
    cited = _cited(corpus)
    assert "magistrate chevronnée" in cited  # the career, cut before the contested age
    assert not any("61" in text or "62" in text for text in cited)
