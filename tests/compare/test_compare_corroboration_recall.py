"""Corroboration on real-news wording (issue 11): a generic counted noun, a contested figure
most outlets of a fact agree on, and the words of a moment. Our own invented sentences."""

from __future__ import annotations

from compare_builders import Doc, build, one_story

from recoupe.compare.findings import (
    _agreed_values,
    _tally_index,
    compare_story,
    merged_corroborations,
    said_alike,
    says_more_than_where,
)
from recoupe.compare.statements import (
    Fact,
    clauses,
    facts,
    figure_key,
    parse_numbers,
    story_statements,
)

KERLOUAN = {"Kerlouan": ("place", ["Kerlouan"])}


def test_a_generic_counted_noun_counts_what_its_complement_names():
    (rescuers,) = parse_numbers("42 éléments de l'unité militaire de sauvetage")
    (named,) = parse_numbers("42 sauveteurs belges")
    (police,) = parse_numbers("300 membres des forces de police")
    (alone,) = parse_numbers("12 membres ont voté")
    assert figure_key(rescuers) == figure_key(named) == "#sauve=42"
    assert police.unit == "forc"
    assert alone.unit == "membr"  # no complement: the noun is its own unit
    (wounded,) = parse_numbers("42 blessés")
    assert figure_key(wounded) != figure_key(named)


def test_outlets_giving_one_figure_with_different_nouns_corroborate():
    # the rest of each article tells other things, so that shared words are rare in the story
    corpus = build(
        [
            Doc(
                "a",
                "La tempête a frappé la côte bretonne dans la nuit. "
                "Les routes du littoral restent fermées par la préfecture. "
                "La Belgique a envoyé à Kerlouan 42 éléments de l'unité de sauvetage.",
                source="A",
                entities=KERLOUAN,
            ),
            Doc(
                "b",
                "Le port de pêche a subi de lourds dégâts matériels. "
                "Les écoles du canton rouvriront seulement lundi prochain. "
                "Kerlouan a reçu hier 42 sauveteurs venus de Belgique.",
                source="B",
                entities=KERLOUAN,
            ),
        ]
    )
    found = [
        f for f in compare_story(one_story(corpus), corpus).findings if f.kind == "corroborated"
    ]
    assert any({e.article for e in f.evidence} == {"a", "b"} for f in found)


def _clauses(*texts: str) -> list:
    corpus = build([Doc(f"a{k}", text, source=f"Outlet {k}") for k, text in enumerate(texts)])
    statements = story_statements(one_story(corpus), corpus)
    return [c for s in statements for c in clauses(s)]


def test_a_contested_figure_two_outlets_of_a_fact_agree_on_may_be_cited():
    first, second = _clauses(
        "L'incendie du dépôt a fait 115 morts selon la préfecture.",
        "L'incendie du dépôt a fait 115 morts selon le parquet.",
    )
    fact = Fact((first, second))
    span = next((first.article, n.start, n.end) for n in first.numbers if n.value == 115)
    # 115 is alone in the contradiction (the other outlet's 115 credited to another source),
    # against one outlet saying 133: with the fact, two outlets give 115
    assert _agreed_values(fact, _tally_index({span: (frozenset({"Outlet 0"}), 1)})) == {span}
    # two outlets say 133: a tie, neither value is corroborated
    assert _agreed_values(fact, _tally_index({span: (frozenset({"Outlet 0"}), 2)})) == set()


def test_the_words_of_a_moment_make_no_claim_in_common():
    one, other = _clauses(
        "a déclaré le maire samedi matin.",
        "a lancé le préfet samedi matin.",
    )
    assert said_alike(Fact((one, other))) == frozenset()
    statements = [one, other]
    assert merged_corroborations(facts(statements)) == []


def test_fragments_sharing_only_a_place_corroborate_nothing():
    corpus = build(
        [
            Doc(
                "a",
                "La tempête a frappé la côte dans la nuit. Les secours sont arrivés dans le Finistère.",
                source="A",
                entities={"Finistère": ("place", ["Finistère"])},
            ),
            Doc(
                "b",
                "Le port a subi de lourds dégâts. Une école a fermé, dans le Finistère.",
                source="B",
                entities={"Finistère": ("place", ["Finistère"])},
            ),
        ]
    )
    statements = story_statements(one_story(corpus), corpus)
    pieces = [c for s in statements for c in clauses(s) if "Finistère" in c.text]
    fact = Fact(tuple(pieces))
    place = next(iter(pieces[0].entities))
    assert not says_more_than_where(fact, frozenset({place}))
    assert says_more_than_where(fact, frozenset())  # a person or an organisation is a claim's who
