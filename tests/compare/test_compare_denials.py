"""What a negation bears on, and statements that deny, correct or oppose what another says
never corroborating it (issue 11: contradictory DACCORD pairs called corroborated)."""

from __future__ import annotations

from dataclasses import replace

from compare_builders import Doc, build, one_story

from recoupe.compare.contradictions import antonym_contradictions, sentence_denials
from recoupe.compare.findings import (
    SentenceOf,
    clash,
    compare_story,
    opposed_sentences,
    same_claim,
)
from recoupe.compare.polarity import calls_false, denied_spans, opposite_forms
from recoupe.compare.statements import story_statements
from recoupe.corpus import Corpus
from recoupe.model import Evidence, Finding

KERLOUAN = {"Kerlouan": ("place", ["Kerlouan"])}


def _denied(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in denied_spans(text)]


def _statements(*texts: str) -> list:
    corpus = build([Doc(f"a{k}", text, source=f"Outlet {k}") for k, text in enumerate(texts)])
    return story_statements(one_story(corpus), corpus)


def _corroborated(corpus: Corpus) -> list[Finding]:
    story = compare_story(one_story(corpus), corpus)
    return [f for f in story.findings if f.kind == "corroborated"]


def test_a_negation_bears_on_its_verb_or_after_an_auxiliary_on_the_participle():
    assert _denied("Le rapport n'a absolument pas inquiété les pêcheurs.") == [
        "inquiété les pêcheurs"
    ]
    assert _denied("Les filets n'avaient pas été vérifiés depuis l'été.") == ["vérifiés"]
    assert _denied("La digue ne protège plus le port.") == ["protège"]
    assert _denied("Le conseil recommande de ne pas pêcher la coquille en mars.") == [
        "pêcher la coquille"
    ]


def test_aucun_sans_and_corrections_bear_on_their_own_word():
    spans = _denied("Aucun marin n'est rentré au port samedi.")
    assert spans[0] == "marin" and spans[1].startswith("rentré")
    # "sans" denies its noun only: the boats did leave
    assert _denied("Des bateaux sans équipage sont partis de Kerlouan.") == ["équipage"]
    assert _denied("Le maire a parlé sans être interrompu par l'opposition.") == ["interrompu"]
    # "pas X mais Y", "et non X": X is what is corrected
    assert "Kerlouan" in " ".join(_denied("La photo ne montre pas Kerlouan mais Brest."))
    assert _denied("Le bateau est un chalutier, et non un caboteur comme on l'a dit.") == [
        "caboteur"
    ]


def test_restrictions_expletives_conditions_and_compounds_deny_nothing():
    assert _denied("Le port n'a reçu que deux chalutiers.") == []
    assert _denied("Il faut partir avant qu'il ne pleuve.") == []
    assert _denied("Sans permis, on ne peut pas pêcher dans la baie.") == []
    assert _denied("Les patients non-vaccinés sont reçus le mardi.") == []
    assert _denied("La liste est close sans exception.") == []


def test_a_sentence_calling_its_own_claim_false():
    assert calls_false("L'annonce de la fermeture du port de Kerlouan est totalement fausse.")
    assert calls_false("Ces chiffres sont infondés.")
    assert not calls_false("Le test a donné des faux positifs au laboratoire.")


def test_antonyms_on_the_words_as_written_and_avant_apres_on_the_same_word():
    a, b = _statements(
        "Le syndicat des pêcheurs, soutenant la réforme du port, a manifesté samedi.",
        "Le syndicat des pêcheurs, combattant la réforme du port, a manifesté samedi.",
    )
    assert opposite_forms(a, b) == ("soutenir", "combattre")
    before, after, other = _statements(
        "La consigne a été levée avant son entrée en vigueur.",
        "La consigne a été levée après son entrée en vigueur.",
        "La consigne a été levée après la réunion du conseil.",
    )
    assert opposite_forms(before, after) == ("avant", "apres")
    assert opposite_forms(before, other) is None  # before one thing, after another


def test_a_shared_clause_does_not_corroborate_when_one_sentence_denies_what_the_other_says():
    # the clause is the same; beyond it, one sentence denies the interruption the other reports
    corpus = build(
        [
            Doc(
                "a",
                "Lors du conseil municipal de Kerlouan mardi soir, le maire a présenté le budget de "
                "la commune pour l'an prochain, avec la rénovation de la criée, du marché couvert "
                "et des écoles primaires, sans être interrompu.",
                source="A",
                entities=KERLOUAN,
            ),
            Doc(
                "b",
                "Lors du conseil municipal de Kerlouan mardi soir, l'opposition a interrompu le "
                "maire à plusieurs reprises puis a quitté la salle en dénonçant un manque de "
                "transparence sur les comptes.",
                source="B",
                entities=KERLOUAN,
            ),
        ]
    )
    statements = story_statements(one_story(corpus), corpus)
    assert not same_claim(*statements)  # the sentences say too much apart to be one claim
    assert _corroborated(corpus) == []


def test_two_denials_of_one_thing_worded_apart_still_corroborate():
    corpus = build(
        [
            Doc(
                "a",
                "Le comité scientifique de Kerlouan ne recommande pas l'usage du filet dérivant "
                "dans la baie en dehors des essais.",
                source="A",
                entities=KERLOUAN,
            ),
            Doc(
                "b",
                "Le comité scientifique de Kerlouan recommande de ne pas user du filet dérivant "
                "dans la baie, sauf pour des essais.",
                source="B",
                entities=KERLOUAN,
            ),
        ]
    )
    [finding] = _corroborated(corpus)
    assert set(finding.sources) == {"A", "B"}


def test_a_correction_of_a_name_does_not_corroborate_the_name():
    people = {
        **KERLOUAN,
        "Anne Le Goff": ("person", ["Anne Le Goff"]),
        "Marie Kerbrat": ("person", ["Marie Kerbrat"]),
    }
    corpus = build(
        [
            Doc(
                "a",
                "La photo publiée mardi par la mairie de Kerlouan montre Anne Le Goff sur le "
                "quai, entourée des pêcheurs qui préparent la fête de la mer prévue en juillet "
                "avec les chorales du pays.",
                source="A",
                entities=people,
            ),
            Doc(
                "b",
                "Ce n'est pas Anne Le Goff mais Marie Kerbrat, doyenne des ramendeuses, qui "
                "figure sur la photo publiée mardi par la mairie de Kerlouan, selon sa famille "
                "jointe au téléphone.",
                source="B",
                entities=people,
            ),
        ]
    )
    assert _corroborated(corpus) == []


def test_sentences_opposed_by_a_polarity_contradiction_are_paired():
    statements = _statements(
        "Le port de Kerlouan a rouvert lundi matin aux chalutiers.",
        "Le port de Kerlouan restait bloqué lundi matin aux chalutiers.",
    )
    a, b = statements
    finding = Finding(
        kind="contradiction",
        subject="port",
        slot="negation",
        summary="",
        evidence=(
            Evidence(a.article, a.start, a.end, a.text, "affirmation"),
            Evidence(b.article, b.start, b.end, b.text, "négation"),
        ),
    )
    number = replace(finding, slot="number")
    pair = frozenset({(a.article, a.start, a.end), (b.article, b.start, b.end)})
    assert opposed_sentences([finding], statements) == {pair}
    assert opposed_sentences([number], statements) == frozenset()  # figures: see minority_spans
    assert not clash(a, b, SentenceOf(statements))
    assert clash(a, b, SentenceOf(statements, frozenset({pair})))


def test_two_sentences_of_one_claim_but_for_an_antonym_contradict():
    corpus = build(
        [
            Doc(
                "a",
                "Le conseil de Kerlouan a qualifié la réforme de texte soutenant la pêche côtière, "
                "selon le compte rendu publié mardi par la mairie.",
                source="A",
                entities=KERLOUAN,
            ),
            Doc(
                "b",
                "Le conseil de Kerlouan a qualifié la réforme de texte combattant la pêche côtière.",
                source="B",
                entities=KERLOUAN,
            ),
        ]
    )
    statements = story_statements(one_story(corpus), corpus)
    [finding] = antonym_contradictions(statements, corpus)
    assert finding.slot == "negation"
    assert {g.value for g in finding.values} == {"soutenir", "combattre"}
    assert {e.article for e in finding.evidence} == {"a", "b"}
    # a pair another negation finding already quotes is not reported twice
    assert antonym_contradictions(statements, corpus, [finding]) == []
    story = compare_story(one_story(corpus), corpus)
    assert [f.slot for f in story.findings if f.kind == "contradiction"] == ["negation"]


def test_two_sentences_of_one_claim_cut_by_commas_one_denying_it_contradict():
    # the clause pass sees "Les registres des naufrages" | "avec les noms des marins" | "existent
    # bien": no piece says the claim; the sentences do
    corpus = build(
        [
            Doc(
                "a",
                "Les registres des naufrages de Kerlouan, avec les noms des marins disparus, "
                "existent bien.",
                source="A",
                entities=KERLOUAN,
            ),
            Doc(
                "b",
                "Les registres des naufrages de Kerlouan avec les noms des marins disparus "
                "n'existent pas.",
                source="B",
                entities=KERLOUAN,
            ),
            Doc(
                "c",
                "Il est impossible que les registres des naufrages de Kerlouan avec les noms des "
                "marins disparus existent.",
                source="C",
                entities=KERLOUAN,
            ),
        ]
    )
    a, b, c = story_statements(one_story(corpus), corpus)
    [finding] = sentence_denials([a, b], corpus)
    assert finding.slot == "negation"
    assert {g.value for g in finding.values} == {"affirmation", "négation"}
    assert sentence_denials([a, b], corpus, [finding]) == []  # quoted already
    # "impossible" says the denial with a word of the antonym table: no contradiction with it
    assert sentence_denials([b, c], corpus) == []
