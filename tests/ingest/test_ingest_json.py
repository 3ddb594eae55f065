"""JSON Lines and JSON inputs."""

from __future__ import annotations

import pytest
from ingest_helpers import FIXTURES, read_all, read_one, reject_one

from recoupe.ingest import FieldNames, IngestOptions, read_bytes
from recoupe.ingest.dates import normalise_date
from recoupe.model import Article, Rejected


def test_jsonl_records() -> None:
    path = FIXTURES / "articles.jsonl"
    first, second, third = read_all(path)
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert isinstance(third, Article)
    assert first.id == "qn-101"
    assert first.path == f"{path.name}#1"
    assert first.title == "Grève des contrôleurs aériens à Bordeaux-Mérignac"
    assert first.text.startswith(first.title + "\n")
    assert first.published == "2024-03-26"
    assert (first.source, first.source_evidence) == ("Le Quotidien du Nord", "metadata")
    assert first.url == "https://quotidien-du-nord.example/greve"
    assert first.language == "fr"
    assert first.author == "Lucie Marchand"
    assert second.id == "articles-2"
    assert second.path == f"{path.name}#2"
    assert second.published == "2024-03"
    assert second.text.startswith("Le pont de Cé rouvert\n")  # the title becomes the first line
    assert third.published is None  # unparseable date is not a rejection
    assert (third.source, third.source_evidence) == ("Le Matin Libre", "signature")


def test_json_array() -> None:
    path = FIXTURES / "articles.json"
    first, second = read_all(path)
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.id == "ea-7"
    assert first.published == "2024-03-26"  # RFC 822, the date as written (not moved to UTC)
    assert first.source == "L'Écho de l'Aude"
    assert (second.id, second.path, second.published) == ("articles-2", f"{path.name}#2", "2024")


def test_json_single_object_is_a_single_article() -> None:
    article = read_one('{"text": "Un seul article.", "title": "Seul"}', "unique.json")
    assert (article.id, article.path, article.title) == ("unique", "unique.json", "Seul")
    assert article.text == "Seul\n\nUn seul article."


def test_configurable_field_names() -> None:
    options = IngestOptions(
        fields=FieldNames(text="contenu", title="titre", date="publie_le", source="media", id="ref")
    )
    data = '{"ref": "m1", "contenu": "Corps.", "titre": "Titre", "publie_le": "2020-05-04", "media": "Radio Loire"}'
    article = read_one(data, "a.jsonl", options)
    assert (article.id, article.title, article.published, article.source) == (
        "m1",
        "Titre",
        "2020-05-04",
        "Radio Loire",
    )
    rejected = reject_one('{"text": "x"}', "b.jsonl", options)
    assert rejected.reason == "record 1 has no text field 'contenu'"


def test_malformed_jsonl_line_is_rejected_alone() -> None:
    data = b'{"text": "Premier."}\n{"text": "Deuxi\n\n{"text": "Quatri\xc3\xa8me."}\n'
    items = list(read_bytes(data, "flux.jsonl"))
    assert [type(item) for item in items] == [Article, Rejected, Article]
    assert isinstance(items[1], Rejected)
    assert items[1].path == "flux.jsonl#2"
    assert items[1].reason.startswith("malformed JSON: ")
    assert items[1].reason.endswith("at line 2")
    assert items[2].path == "flux.jsonl#4"


def test_malformed_json_names_the_line() -> None:
    rejected = reject_one('[\n {"text": "a"},\n {"text": }\n]', "x.json")
    assert rejected.reason == "malformed JSON: Expecting value at line 3"
    assert rejected.path == "x.json"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("[]", "JSON array is empty"),
        ('"texte"', "JSON holds a string; expected an object or an array of objects"),
        ('[{"title": "t"}]', "record 1 has no text field 'text'"),
        ('[{"text": 3}]', "record 1: text field 'text' is a number, not a string"),
        ('[{"text": "  "}]', "record 1: text field 'text' is empty"),
        ("[[1]]", "record 1 is an array, not a JSON object"),
        ("[" * 100_000, "malformed JSON: nested too deeply"),
    ],
)
def test_bad_json_records(data: str, reason: str) -> None:
    rejected = reject_one(data, "x.json")
    assert rejected.reason == reason


def test_bad_record_does_not_stop_the_others() -> None:
    items = list(
        read_bytes(b'[{"text": "Bon."}, {"titre": "x"}, {"text": "Bon aussi."}]', "x.json")
    )
    assert [type(item) for item in items] == [Article, Rejected, Article]
    assert items[1] == Rejected("x.json#2", "record 2 has no text field 'text'")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-26T10:00:00Z", "2024-03-26"),
        ("2024-03-26T23:30:00-05:00", "2024-03-26"),
        ("2024-03-26 10:00", "2024-03-26"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        (2024, "2024"),
        ("20240326", "2024-03-26"),
        ("26/03/2024", "2024-03-26"),
        ("Tue, 26 Mar 2024 10:00:00 GMT", "2024-03-26"),
        ("mardi dernier", None),
        ("2024-02-30", None),
        (True, None),
        (None, None),
        (3.5, None),
    ],
)
def test_metadata_dates(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_title_spaced_differently_is_not_repeated() -> None:
    article = read_one(
        '{"title": "Crue  de la Loire", "text": "Crue  de la Loire\\nCorps."}', "a.json"
    )
    assert article.title == "Crue  de la Loire"
    assert article.text == "Crue  de la Loire\nCorps."
