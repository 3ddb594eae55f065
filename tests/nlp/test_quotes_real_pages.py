"""Quote shapes of real news pages (issue 12), on invented sentences."""

from __future__ import annotations

import pytest

from recoupe.evaluate.quotes import same_speaker
from recoupe.fr.quote_marks import find_quoted_spans
from recoupe.model import Quote

from .test_quotes import _one, _speaker, quotes_in  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow


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
    assert _one(quotes, "indirect", "avoir reçu").speaker_text == "La société Batimer" or _one(
        quotes, "indirect", "avoir reçu"
    ).speaker is not None


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
