"""Contradictions slot by slot, with exact evidence, and the compatible cases that are not."""

from __future__ import annotations

from compare_builders import Doc, build, one_story

from recoupe.compare.findings import compare_story
from recoupe.corpus import Corpus
from recoupe.model import Finding

GALLANT = {"Yoav Gallant": ("person", ["Yoav Gallant", "Gallant"])}


def _contradictions(corpus: Corpus) -> list[Finding]:
    story = compare_story(one_story(corpus), corpus)
    return [f for f in story.findings if f.kind == "contradiction"]


def _assert_exact(corpus: Corpus, finding: Finding) -> None:
    for ev in finding.evidence:
        assert corpus.article(ev.article).text[ev.start : ev.end] == ev.text


def test_role_contradiction_across_and_inside_articles():
    corpus = build(
        [
            Doc(
                "a",
                "Le ministre israélien de la Défense Yoav Gallant est à Washington.",
                source="Ouest",
                entities=GALLANT,
                roles=[("Yoav Gallant", "ministre israélien de la Défense", "ministre", "defense")],
            ),
            Doc(
                "b",
                "Le ministre israélien des Affaires étrangères Gallant parle.\n"
                "Le ministre israélien de la défense, Yoav Gallant, a rencontré Austin.",
                source="Nord",
                # inside one article only the headline may contradict the body
                title="Le ministre israélien des Affaires étrangères Gallant parle.",
                entities=GALLANT,
                roles=[
                    (
                        "Yoav Gallant",
                        "ministre israélien des Affaires étrangères",
                        "ministre",
                        "foreign_affairs",
                    ),
                    ("Yoav Gallant", "ministre israélien de la défense", "ministre", "defense"),
                ],
            ),
        ]
    )
    [finding] = _contradictions(corpus)
    assert (finding.slot, finding.subject) == ("role", "Yoav Gallant")
    assert set(finding.sources) == {"Ouest", "Nord"}
    # two sides: the defence wordings share one value, the foreign-affairs one differs
    values = {ev.value for ev in finding.evidence}
    assert values == {
        "ministre israélien de la Défense",
        "ministre israélien des Affaires étrangères",
    }
    assert "ministre israélien de la défense" in {ev.text for ev in finding.evidence}
    assert "Affaires étrangères" in finding.summary and "Défense" in finding.summary
    _assert_exact(corpus, finding)


def test_additional_or_reworded_roles_are_not_contradictions():
    hagari = {"Daniel Hagari": ("person", ["Daniel Hagari"])}
    sullivan = {"Jake Sullivan": ("person", ["Jake Sullivan"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le porte-parole de Tsahal, le contre-amiral Daniel Hagari, parle. "
                "Le conseiller américain à la sécurité nationale, Jake Sullivan, écoute.",
                entities={**hagari, **sullivan},
                roles=[
                    ("Daniel Hagari", "porte-parole de Tsahal", "porte-parole", None),
                    ("Daniel Hagari", "contre-amiral", "contre-amiral", None),
                    (
                        "Jake Sullivan",
                        "conseiller américain à la sécurité nationale",
                        "conseiller",
                        "securite nationale",
                    ),
                ],
            ),
            Doc(
                "b",
                "Jake Sullivan, conseiller à la sécurité, a parlé. Le maire de Brest, Daniel Hagari, aussi.",
                entities={**hagari, **sullivan},
                roles=[
                    ("Jake Sullivan", "conseiller à la sécurité", "conseiller", "securite"),
                    ("Daniel Hagari", "maire de Brest", "maire", None),
                ],
            ),
        ]
    )
    assert _contradictions(corpus) == []


def test_role_contradiction_from_titles_when_parts_are_empty():
    corpus = build(
        [
            Doc(
                "a",
                "La ministre de l'Intérieur, Hélène Marchal, est venue.",
                source="A",
                entities={"Hélène Marchal": ("person", ["Hélène Marchal"])},
                roles=[("Hélène Marchal", "ministre de l'Intérieur", None, None)],
            ),
            Doc(
                "b",
                "La ministre de la Justice, Hélène Marchal, est venue.",
                source="B",
                entities={"Hélène Marchal": ("person", ["Hélène Marchal"])},
                roles=[("Hélène Marchal", "ministre de la Justice", None, None)],
            ),
        ]
    )
    [finding] = _contradictions(corpus)
    assert finding.slot == "role"


def _toll(first: str, second: str) -> Corpus:
    place = {"Saint-Méran": ("place", ["Saint-Méran"])}
    return build(
        [
            Doc(
                "a",
                f"L'effondrement de la tribune de Saint-Méran a fait {first} lundi.",
                source="A",
                entities=place,
            ),
            Doc(
                "b",
                f"L'effondrement de la tribune de Saint-Méran a fait {second} selon la préfecture.",
                source="B",
                entities=place,
            ),
        ]
    )


def test_number_contradiction_names_both_values():
    corpus = _toll("12 morts", "17 morts")
    [finding] = _contradictions(corpus)
    assert finding.slot == "number"
    assert {ev.value for ev in finding.evidence} == {"12 morts", "17 morts"}
    assert {ev.text for ev in finding.evidence} == {"12 morts", "17 morts"}
    assert [(g.value, g.sources) for g in finding.values] in (
        [("12 morts", ("A",)), ("17 morts", ("B",))],
        [("17 morts", ("B",)), ("12 morts", ("A",))],
    )
    assert finding.title and 0 < finding.confidence <= 1
    assert set(finding.sources) == {"A", "B"}
    _assert_exact(corpus, finding)


def test_precision_differences_are_not_contradictions():
    assert _contradictions(_toll("plus de 30 000 morts", "30 412 morts")) == []
    assert _contradictions(_toll("environ 800 morts", "800 morts")) == []
    assert _contradictions(_toll("12 morts", "50 blessés")) == []


def test_date_contradiction_on_aligned_statements():
    council = {"Port-Lauzac": ("place", ["Port-Lauzac"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le conseil municipal de Port-Lauzac a adopté mardi le projet du port.",
                source="A",
                entities=council,
                times=[("mardi", "2025-03-11", "2025-03-11")],
            ),
            Doc(
                "b",
                "Le conseil municipal de Port-Lauzac a adopté le 14 mars le projet du port.",
                source="B",
                entities=council,
                times=[("le 14 mars", "2025-03-14", "2025-03-14")],
            ),
        ]
    )
    [finding] = _contradictions(corpus)
    assert finding.slot == "date"
    assert {ev.text for ev in finding.evidence} == {"mardi", "le 14 mars"}
    _assert_exact(corpus, finding)


def test_overlapping_dates_are_compatible():
    council = {"Port-Lauzac": ("place", ["Port-Lauzac"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le conseil municipal de Port-Lauzac a adopté mardi le projet du port.",
                source="A",
                entities=council,
                times=[("mardi", "2025-03-04", "2025-03-25")],
            ),
            Doc(
                "b",
                "Le conseil municipal de Port-Lauzac a adopté hier le projet du port.",
                source="B",
                entities=council,
                times=[("hier", "2025-03-11", "2025-03-11")],
            ),
        ]
    )
    assert _contradictions(corpus) == []


def test_speaker_contradiction_same_quote_two_speakers():
    people = {
        "Julien Fabre": ("person", ["Julien Fabre"]),
        "Armelle Quéré": ("person", ["Armelle Quéré"]),
    }
    quote = "Ce projet est une chance pour Port-Lauzac, pas une menace"
    corpus = build(
        [
            Doc(
                "a",
                f"« {quote} », a lancé le maire, Julien Fabre.",
                source="A",
                entities=people,
                quotes=[(quote, "Julien Fabre", "a lancé")],
            ),
            Doc(
                "b",
                f"« {quote}. » a affirmé Armelle Quéré.",
                source="B",
                entities=people,
                quotes=[(quote + ".", "Armelle Quéré", "a affirmé")],
            ),
        ]
    )
    [finding] = [f for f in _contradictions(corpus) if f.slot == "speaker"]
    assert {ev.value for ev in finding.evidence} == {"Julien Fabre", "Armelle Quéré"}
    assert {ev.text for ev in finding.evidence} == {"Julien Fabre", "Armelle Quéré"}


def test_same_speaker_same_quote_is_no_contradiction():
    people = {"Julien Fabre": ("person", ["Julien Fabre"])}
    quote = "Ce projet est une chance pour la ville"
    corpus = build(
        [
            Doc(
                "a",
                f"« {quote} », dit Julien Fabre.",
                entities=people,
                quotes=[(quote, "Julien Fabre", "dit")],
            ),
            Doc(
                "b",
                f"« {quote} », affirme Julien Fabre.",
                entities=people,
                quotes=[(quote, "Julien Fabre", "affirme")],
            ),
        ]
    )
    assert [f for f in _contradictions(corpus) if f.slot == "speaker"] == []


def test_negated_versus_affirmed_statement():
    people = {"Paul Durand": ("person", ["Paul Durand"]), "Brest": ("place", ["Brest"])}
    corpus = build(
        [
            Doc(
                "a",
                "Paul Durand a signé le contrat du port de Brest hier.",
                source="A",
                entities=people,
            ),
            Doc(
                "b",
                "Paul Durand n'a pas signé le contrat du port de Brest hier.",
                source="B",
                entities=people,
                negated=["n'a pas"],
            ),
        ]
    )
    [finding] = [f for f in _contradictions(corpus) if f.slot == "negation"]
    assert {ev.value for ev in finding.evidence} == {"negated", "affirmed"}


def test_generic_organisation_is_not_a_contradiction_but_a_named_one_is():
    vasseur = {"Didier Vasseur": ("person", ["Didier Vasseur"])}
    corpus = build(
        [
            Doc(
                "a",
                "Le président de l'US Saint-Méran, Didier Vasseur, parle.",
                source="A",
                entities=vasseur,
                roles=[("Didier Vasseur", "président de l'US Saint-Méran", "président", None)],
            ),
            Doc(
                "b",
                "Le président du club, Didier Vasseur, parle.",
                source="B",
                entities=vasseur,
                roles=[("Didier Vasseur", "président du club", "président", None)],
            ),
        ]
    )
    assert _contradictions(corpus) == []


def test_parts_organisation_compared_when_named():
    from dataclasses import replace

    from recoupe.compare.contradictions import role_slot
    from recoupe.model import Role, RoleParts

    named = Role(
        "maire de Saint-Méran",
        "a",
        0,
        1,
        "x",
        RoleParts(function="maire", organization="saint-meran"),
    )
    generic = replace(
        named,
        title="maire de la commune",
        parts=RoleParts(function="maire", organization="commune"),
    )
    assert role_slot(named).of == {"saint", "meran"}
    assert role_slot(generic).of == frozenset()


def test_a_story_from_one_outlet_has_no_single_source_or_corroborated_findings():
    corpus = build(
        [
            Doc(
                "solo",
                "Le conseil de Brisac a voté mardi un budget de 12 millions d'euros.\n"
                "La maire a salué le vote du budget de 12 millions d'euros par le conseil.",
                source="Ouest",
            )
        ]
    )
    story = compare_story(one_story(corpus), corpus)
    assert {f.kind for f in story.findings} <= {"contradiction"}
