"""Single-source findings: a passage another outlet says in other words is no outlet's alone."""

from __future__ import annotations

from compare_builders import Doc, build, one_story

from recoupe.compare.findings import compare_story, said_elsewhere_test
from recoupe.compare.statements import clauses, story_statements

PLACES = {"Kervéan": ("place", ["Kervéan"])}


def _single(corpus):
    story = compare_story(one_story(corpus), corpus)
    return [f.summary for f in story.findings if f.kind == "single_source"]


def _rollover_corpus(second_outlet_text: str):
    return build(
        [
            Doc(
                "a",
                "Le car scolaire de Kervéan a quitté la chaussée mardi soir.\n\n"
                "Le lourd véhicule a effectué plusieurs tonneaux, a constaté un automobiliste.\n\n"
                "La mairie de Kervéan ouvre une cellule psychologique pour les familles des élèves.",
                source="Ouest",
                entities=PLACES,
            ),
            Doc("b", second_outlet_text, source="Nord", entities=PLACES),
        ]
    )


def test_a_passage_another_outlet_says_in_other_words_is_not_single_source():
    corpus = _rollover_corpus(
        "Mardi soir, un car scolaire de Kervéan est sorti de la chaussée.\n\n"
        "Selon un témoin, le car scolaire a fait plusieurs tonneaux au bord du canal.\n\n"
        "Les pompiers de Kervéan ont dégagé le chauffeur, blessé aux jambes, vers minuit."
    )
    single = _single(corpus)
    assert any("cellule psychologique" in s for s in single), single  # Ouest's own claim
    assert any("chauffeur" in s for s in single), single  # Nord's own claim
    assert not any("tonneaux" in s for s in single), single


def _said_elsewhere(corpus, needle):
    story = one_story(corpus)
    sentences = story_statements(story, corpus)
    test = said_elsewhere_test(sentences)
    clause = next(c for s in sentences for c in clauses(s, True) if needle in c.text)
    return test(clause)


def _kerveans(first: str, second: str):
    return build(
        [
            Doc("a", first, source="Ouest", entities=PLACES),
            Doc("b", second, source="Nord", entities=PLACES),
        ]
    )


def test_a_short_clause_another_outlet_says_with_its_context_is_said_elsewhere():
    corpus = _kerveans(
        "Le marché de Kervéan a fermé, le voleur portait des sacoches de cuir.",
        "Un voleur portait des sacoches de cuir noir au marché, selon la police.",
    )
    assert _said_elsewhere(corpus, "le voleur portait")


def test_a_figure_the_other_outlet_does_not_give_is_not_said_elsewhere():
    corpus = _kerveans(
        "Le marché de Kervéan a fermé, le voleur portait deux sacoches de cuir.",
        "Un voleur portait des sacoches de cuir noir au marché, selon la police.",
    )
    assert not _said_elsewhere(corpus, "le voleur portait")


def test_a_word_said_of_another_thing_is_not_said_elsewhere():
    corpus = _kerveans(
        "La foire aux bestiaux a fermé, le voleur portait des sacoches.",
        "Le facteur portait des sacoches pleines de colis en retard.",
    )
    assert not _said_elsewhere(corpus, "le voleur portait")


def test_a_denied_claim_is_not_said_by_its_affirmation():
    corpus = _kerveans(
        "Le marché de Kervéan a fermé, le voleur ne portait pas de sacoches de cuir.",
        "Un voleur portait des sacoches de cuir noir au marché, selon la police.",
    )
    assert not _said_elsewhere(corpus, "le voleur ne portait")


def test_the_title_of_a_linked_page_closing_the_text_is_no_claim():
    corpus = build(
        [
            Doc(
                "a",
                "La digue de Kervéan a cédé lundi soir sous la houle.\n\n"
                "Le préfet a fait évacuer les quais du port de pêche pendant la nuit.\n\n"
                "Autre affaire : le maire de Trégastel visé par une plainte des pêcheurs",
                source="Ouest",
                entities=PLACES,
            ),
            Doc(
                "b",
                "La digue de Kervéan a cédé lundi soir sous les vagues.",
                source="Nord",
                entities=PLACES,
            ),
        ]
    )
    single = _single(corpus)
    assert any("quais du port" in s for s in single), single
    assert not any("Trégastel" in s for s in single), single


def test_a_passage_loses_the_sentences_said_elsewhere_and_splits_around_them():
    from recoupe.compare.findings import _untold_parts

    corpus = _kerveans(
        "Le marché de Kervéan a fermé tôt. Le voleur portait des sacoches de cuir. "
        "Le gardien du marché a couru après lui.",
        "Rien à signaler.",
    )
    story = one_story(corpus)
    run = [c for s in story_statements(story, corpus) if s.article == "a" for c in clauses(s)]
    said = {c.text for c in run if "voleur" in c.text}
    parts = _untold_parts(run, lambda c: c.text in said)
    assert [[c.text for c in part] for part in parts] == [
        ["Le marché de Kervéan a fermé tôt."],
        ["Le gardien du marché a couru après lui."],
    ]
    assert _untold_parts(run, lambda c: True) == []
    assert _untold_parts(run, lambda c: False) == [run]


def test_the_nouns_of_adverbial_locutions_say_nothing():
    corpus = _kerveans(
        "Le port de Kervéan reste fermé, aucun marin n'est à déplorer pour l'instant côté breton.",
        "Pour le moment, aucun bateau ne sort du port, et l'embarras se fait sentir côté pêcheurs.",
    )
    assert not _said_elsewhere(corpus, "pour l'instant")
    from recoupe.compare.findings import _claim_keys

    clause = next(
        c
        for s in story_statements(one_story(corpus), corpus)
        for c in clauses(s, True)
        if "pour l'instant" in c.text
    )
    keys = _claim_keys(clause)
    assert not {"instant", "cote", "côté"} & keys and "marin" in keys


def _ferry_corpus(first: str, second: str):
    place = {"Kervéan": ("place", ["Kervéan"])}
    return build(
        [
            Doc(
                "a",
                f"La grève des marins paralyse l'estuaire de Kervéan. {first} jeudi.\n\n"
                "Les usagers du bac dénoncent une situation intenable depuis lundi.",
                source="Ouest",
                entities=place,
            ),
            Doc(
                "b",
                f"À Kervéan, le mouvement des marins se poursuit. {second} jeudi matin.\n\n"
                "La compagnie promet des remboursements aux abonnés dès la semaine prochaine.",
                source="Nord",
                entities=place,
            ),
        ]
    )


def test_a_ratio_and_the_percentage_it_rounds_to_are_one_claim():
    corpus = _ferry_corpus(
        "Seul un bac sur huit traversera le chenal", "Seuls 12 % des bacs circuleront"
    )
    single = _single(corpus)
    assert not any("bac sur huit" in s or "12 %" in s for s in single)
    assert not any(
        f.kind == "contradiction" for f in compare_story(one_story(corpus), corpus).findings
    )


def test_a_ratio_far_from_the_percentage_stays_single_source():
    corpus = _ferry_corpus(
        "Seul un bac sur deux traversera le chenal", "Seuls 12 % des bacs circuleront"
    )
    single = _single(corpus)
    assert any("bac sur deux" in s for s in single)


def test_a_sentence_another_outlet_prints_word_for_word_is_said_elsewhere_quote_included():
    quoted = (
        "Le maire a tranché : « Ce n'est pas un caprice, c'est notre devoir », "
        "a-t-il déclaré devant la presse."
    )
    corpus = _kerveans(
        "Le conseil de Kervéan a voté la fermeture du pont.\n\n" + quoted,
        "Le pont de Kervéan fermera lundi, décide le conseil.\n\n" + quoted,
    )
    assert _said_elsewhere(corpus, "a-t-il déclaré")
    assert not any("devoir" in s or "déclaré" in s for s in _single(corpus)), _single(corpus)
    # the same words under one outlet only stay that outlet's
    alone = _kerveans(
        "Le conseil de Kervéan a voté la fermeture du pont.\n\n" + quoted,
        "Le pont de Kervéan fermera lundi, décide le conseil.",
    )
    assert not _said_elsewhere(alone, "a-t-il déclaré")
