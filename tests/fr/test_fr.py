"""The French language layer without spaCy: rule data, sentences, names, numbers."""

from __future__ import annotations

from importlib import resources

import pytest

from recoupe.fr.lexicon import (
    canonical,
    given_names,
    honorific_gender,
    is_honorific,
    reporting_verb,
    word_class,
)
from recoupe.fr.names import split_honorific, surname_of
from recoupe.fr.numbers import parse_number, word_number
from recoupe.fr.sentences import SentenceIndex, sentence_spans
from recoupe.fr.text import road_key
from recoupe.fr.timex_normalise import weekday_number


def test_every_data_file_says_where_it_comes_from() -> None:
    files = [f for f in resources.files("recoupe.fr").joinpath("data").iterdir() if f.is_file()]
    assert len(files) >= 15
    for data in files:
        header = data.read_text("utf-8").splitlines()[:3]
        assert all(line.startswith("#") for line in header[:2]), (
            f"{data.name} has no provenance header"
        )


def test_word_classes_are_folded_and_unknown_classes_fail() -> None:
    assert "egalement" in word_class("cue_skip")
    assert "a" in word_class("title_preposition")
    with pytest.raises(KeyError):
        word_class("no_such_class")


def test_honorific_gender_is_kept_in_one_table() -> None:
    assert honorific_gender("Mme") == honorific_gender("madame") == "f"
    assert honorific_gender("M.") == honorific_gender("monsieur") == "m"
    assert honorific_gender("Mademoiselle") == "f"
    assert honorific_gender("Dr") is None and is_honorific("Dr")
    assert not is_honorific("Paul")
    assert split_honorific("Mme Fabre") == ("Fabre", "Mme")


def test_one_given_name_list_with_the_three_disputed_names_decided() -> None:
    names = given_names()
    assert names["gisele"] == "f" and names["jean"] == "m"
    assert names["dominique"] is None and names["camille"] is None
    assert names["sacha"] == "m"


def test_reporting_verbs_by_lemma_or_form() -> None:
    verb = reporting_verb("prétendre", "prétendu")
    assert verb is not None and verb.loaded
    declared = reporting_verb("", "déclarée")
    assert declared is not None and declared.lemma == "déclarer" and not declared.loaded


def test_sentences_keep_quotes_whole_and_abbreviations_inside() -> None:
    text = "M. Durand est venu. « Je pars. Adieu », a-t-il dit.\nLe soir tombe."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "M. Durand est venu. ",
        "« Je pars. ",
        "Adieu », a-t-il dit.\n",
        "Le soir tombe.",
    ]
    quote = (text.index("«"), text.index("»") + 1)
    spans = sentence_spans(text, [quote])
    assert [text[s:e] for s, e in spans][1] == "« Je pars. Adieu », a-t-il dit.\n"
    index = SentenceIndex(spans)
    assert index.index(text.index("Adieu")) == 1
    assert index.bounds(text.index("soir")) == spans[2]


def test_names_and_numbers() -> None:
    assert surname_of("Yves Le Bihan") == "Le Bihan"
    assert parse_number("vingt et un") == 21
    assert parse_number("quatre-vingt") == 80
    assert word_number("quarante-cinq") == (45, "exact")
    assert weekday_number("Mardi") == 2


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("RD904", "d904"),
        ("D 904", "d904"),
        ("la départementale 904", "d904"),
        ("RN88", "n88"),
        ("route nationale 88", "n88"),
        ("autoroute A71", "a71"),
        ("A71", "a71"),
        ("Covid-19", None),
        ("G20", None),
        ("2024", None),
    ],
)
def test_road_identifiers_have_one_key(name: str, key: str | None) -> None:
    assert road_key(name) == key


def test_a_road_lemma_is_its_identifier() -> None:
    assert canonical("RD904") == canonical("D904") == "d904"
    assert canonical("RN88") != canonical("N89")
