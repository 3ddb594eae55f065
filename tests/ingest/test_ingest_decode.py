"""Decoding and the rejection of inputs that are not text."""

from __future__ import annotations

import codecs

import pytest
from ingest_helpers import read_one, reject_one

from recoupe.ingest import IngestOptions

FRENCH = "Crue à Thonac\nLes habitants ont été évacués, « à l'aube », a précisé le maire."


@pytest.mark.parametrize(
    "data",
    [
        FRENCH.encode("utf-8"),
        codecs.BOM_UTF8 + FRENCH.encode("utf-8"),
        FRENCH.encode("utf-16"),  # with its BOM
        codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"),
        FRENCH.encode("utf-32"),
        FRENCH.encode("latin-1"),
        FRENCH.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le", "utf16-be", "utf32", "latin1", "cp1252"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    article = read_one(data, "crue.txt")
    assert article.text == FRENCH
    assert article.title == "Crue à Thonac"


def test_cp1252_punctuation() -> None:
    text = "Titre – l’œuvre\n« Citation » … fin."
    assert read_one(text.encode("cp1252"), "a.txt").text == text


def test_latin1_bytes_undefined_in_cp1252_still_decode() -> None:
    data = b"Le caf\xe9 de la gare \x81 rouvre lundi apr\xe8s travaux."
    # Latin-1 keeps the accents; the C1 control \x81 is removed like every control character.
    assert read_one(data, "a.txt").text == "Le café de la gare  rouvre lundi après travaux."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (codecs.BOM_UTF8, "empty input"),
        (b" \n\t\r\n  ", "input holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content, not text (NUL bytes)"),
        (bytes(range(1, 32)) * 4, "binary content, not text (control characters)"),
    ],
)
def test_non_text_is_rejected(data: bytes, reason: str) -> None:
    assert reject_one(data, "a.txt").reason == reason


def test_broken_utf16_is_undecodable() -> None:
    reason = reject_one(codecs.BOM_UTF16_LE + b"a\x00b", "a.txt").reason
    assert reason.startswith("undecodable: starts with a UTF-16-LE byte order mark")


def test_input_above_max_bytes() -> None:
    rejected = reject_one(b"x" * 101, "gros.txt", IngestOptions(max_bytes=100))
    assert rejected.reason == "input is 101 bytes, above the limit of 100 (--max-bytes)"


def test_unknown_format_option_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown input format 'pdf'; choose one of text"):
        IngestOptions(format="pdf")


@pytest.mark.parametrize(
    ("given", "canonical"),
    [("TXT", "text"), ("ndjson", "jsonl"), ("rss", "feed"), (".htm", "html")],
)
def test_format_aliases(given: str, canonical: str) -> None:
    assert IngestOptions(format=given).format == canonical
