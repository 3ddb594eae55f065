"""Coverage per outlet and the brief."""

from __future__ import annotations

from compare_builders import Doc, build, one_story

from recoupe.compare.coverage import verb_of
from recoupe.compare.findings import compare_story

PEOPLE = {
    "Paul Durand": ("person", ["Paul Durand"]),
    "Brest": ("place", ["Brest"]),
    "Marie Curie": ("person", ["Marie Curie"]),
}


def _corpus():
    return build(
        [
            Doc(
                "a",
                "Festival annulé\nPaul Durand annule le festival de Brest à cause de la tempête. "
                "« Nous n'avions pas le choix », a déclaré Paul Durand. Marie Curie regrette la décision de Brest.",
                source="Ouest",
                title="Festival annulé",
                entities=PEOPLE,
                quotes=[("Nous n'avions pas le choix", "Paul Durand", "a déclaré")],
            ),
            Doc(
                "b",
                "Paul Durand annule le festival de Brest à cause de la tempête annoncée. "
                "« C'est une erreur coûteuse pour toute la ville », a prétendu Marie Curie.",
                source="Nord",
                entities=PEOPLE,
                quotes=[
                    ("C'est une erreur coûteuse pour toute la ville", "Marie Curie", "a prétendu")
                ],
            ),
            Doc(
                "c",
                "Le festival de Brest est annulé par Paul Durand à cause de la tempête.",
                source="Sud",
                entities={k: v for k, v in PEOPLE.items() if k != "Marie Curie"},
            ),
        ]
    )


def test_reporting_verbs_by_typed_lemma():
    corpus = _corpus()
    by_text = {q.text: q for q in corpus.quotes}
    assert verb_of(by_text["Nous n'avions pas le choix"]) == "déclarer"
    assert verb_of(by_text["C'est une erreur coûteuse pour toute la ville"]) == "prétendre"
    assert by_text["C'est une erreur coûteuse pour toute la ville"].cue_loaded
    assert not by_text["Nous n'avions pas le choix"].cue_loaded


def test_one_coverage_row_per_outlet():
    corpus = _corpus()
    story = compare_story(one_story(corpus), corpus)
    rows = {row["outlet"]: row for row in story.coverage}
    assert list(rows) == ["Ouest", "Nord", "Sud"]
    assert rows["Ouest"]["speakers"] == ["Paul Durand"]
    assert rows["Ouest"]["quoted_words"] == ["Paul Durand 100%"]
    assert rows["Nord"]["loaded_verbs"] == ["prétendre"]
    assert rows["Ouest"]["loaded_verbs"] == []
    assert rows["Ouest"]["verbs"] == ["déclarer"]
    assert rows["Sud"]["omitted"] == ["Marie Curie"]
    assert rows["Ouest"]["omitted"] == []
    assert rows["Ouest"]["headline_focus"].startswith("")
    assert all(row["shared_facts"] >= 1 for row in rows.values())


def test_brief_cites_sources_corroborated_first():
    corpus = _corpus()
    story = compare_story(one_story(corpus), corpus)
    assert story.brief
    first = story.brief[0]
    assert len(first["sources"]) == 3
    assert "tempête" in first["text"]
    for item in story.brief:
        for ev in item["evidence"]:
            assert ev["article"] in story.articles
            assert corpus.article(ev["article"]).text[ev["start"] : ev["end"]]
    assert len({item["text"] for item in story.brief}) == len(story.brief)


def test_corroborated_and_single_source_findings():
    corpus = _corpus()
    story = compare_story(one_story(corpus), corpus)
    corroborated = [f for f in story.findings if f.kind == "corroborated"]
    single = [f for f in story.findings if f.kind == "single_source"]
    assert any(set(f.sources) == {"Ouest", "Nord", "Sud"} for f in corroborated)
    assert any(f.sources == ("Nord",) and "erreur" in f.summary for f in single)
    for finding in story.findings:
        for ev in finding.evidence:
            assert corpus.article(ev.article).text[ev.start : ev.end] == ev.text


def test_brief_never_credits_outlets_with_words_only_one_wrote():
    # the shared claim is a clause of A's long sentence: the brief quotes B's, or nothing
    corpus = build(
        [
            Doc(
                "a",
                "Les trois pompiers blessés de Kervéan sont hospitalisés à Brest, a déclaré "
                "le colonel Paul Durand lors du journal de midi de la radio locale, depuis nos "
                "studios du port où il était invité par toute la rédaction.",
                source="Ouest",
                entities={"Paul Durand": ("person", ["Paul Durand"])},
            ),
            Doc(
                "b",
                "Les trois pompiers blessés de Kervéan sont hospitalisés à Brest depuis mercredi.",
                source="Nord",
            ),
        ]
    )
    story = compare_story(one_story(corpus), corpus)
    shared = [item for item in story.brief if len(item["sources"]) >= 2]
    assert shared
    assert all("journal de midi" not in item["text"] for item in shared)


def test_the_same_exact_figure_elsewhere_is_no_single_source_claim():
    corpus = build(
        [
            Doc(
                "a",
                "Les bus de Kervéan roulent peu. Près d'un chauffeur sur deux (48 %) était en "
                "grève mardi matin. Le port de Kervéan accueille un nouveau ferry depuis lundi.",
                source="Ouest",
            ),
            Doc(
                "b",
                "La direction annonce que 48 % des agents du réseau seront grévistes. "
                "Les écoles de Kervéan ferment leurs cantines pour la semaine entière.",
                source="Nord",
            ),
        ]
    )
    story = compare_story(one_story(corpus), corpus)
    single = [f.summary for f in story.findings if f.kind == "single_source"]
    assert single  # the ferry and the canteens are each one outlet's
    assert not any("48" in s for s in single), single
