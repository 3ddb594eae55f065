"""The bad-input matrix: every reader, hostile bytes; never a crash, never a silent change.

Each case reads one input through the public reader and checks (1) it gives only
Articles and Rejected records, (2) every string it gives can be encoded, stored and
rendered (no lone surrogate, no control character but tab and newline), and (3) the
expected outcome: the article kept with the repair, or a rejection with its reason.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import astuple, dataclass

import pytest
from warc_helpers import Page, html_page, warc_bytes

from recoupe.ingest import IngestOptions, read_bytes
from recoupe.model import Article, Rejected

BODY = "La crue de la Vézère a atteint Terrasson mardi soir, selon la préfecture de la Dordane."
_UNSAFE = re.compile("[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    data: bytes
    articles: int  # how many Articles the input must give
    rejected: str | None = None  # a word of the rejection reason, when one is expected
    check: Callable[[list[Article]], bool] | None = None
    warns: str | None = None  # a word of the warning logged for a repair
    format: str | None = None


def _jsonl(*records: object) -> bytes:
    return "\n".join(json.dumps(r) for r in records).encode()


def _raw_json(text: str) -> bytes:
    """JSON written by hand: escapes like \\ud800 that json.dumps would never produce."""
    return text.encode()


def _rss(title: str, description: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Le Veilleur</title><item><title>{title}</title>"
        f"<description>{description}</description></item>"
        f"<item><title>Second titre</title><description>{BODY}</description></item>"
        "</channel></rss>"
    ).encode()


def _html(title: str, paragraph: str) -> bytes:
    return html_page(title, [paragraph, BODY, BODY.replace("mardi", "mercredi")])


def _text_has(fragment: str) -> Callable[[list[Article]], bool]:
    return lambda articles: any(fragment in a.text for a in articles)


def _no(fragment: str) -> Callable[[list[Article]], bool]:
    return lambda articles: all(
        fragment not in a.text and fragment not in (a.title or "") for a in articles
    )


GOOD = {"id": "bon", "title": "Crue de la Vézère", "text": BODY}

CASES = [
    # --- lone surrogates (failure 1) ---
    Case(
        "json-surrogate-text",
        "a.json",
        _raw_json('{"text": "Avant \\ud800 après. ' + BODY + '"}'),
        1,
        check=_text_has("Avant \ufffd après"),
        warns="surrogate",
    ),
    Case(
        "json-surrogate-source",
        "a.json",
        _raw_json('{"source": "Le Veilleur \\udfff", "text": "' + BODY + '"}'),
        1,
        check=lambda a: a[0].source == "Le Veilleur \ufffd",
        warns="surrogate",
    ),
    Case(
        "json-surrogate-id",
        "a.json",
        _raw_json('{"id": "x\\ud800", "text": "' + BODY + '"}'),
        1,
        check=lambda a: a[0].id == "x\ufffd",
    ),
    Case(
        "json-surrogate-title",
        "a.json",
        _raw_json('{"title": "\\udc00", "text": "' + BODY + '"}'),
        1,
    ),
    Case(
        "json-surrogate-pair-kept",
        "a.json",
        _raw_json('{"text": "Emoji \\ud83d\\ude00. ' + BODY + '"}'),
        1,
        check=_text_has("Emoji \U0001f600."),
    ),
    Case(
        "jsonl-surrogate-beside-good",
        "a.jsonl",
        _jsonl(GOOD) + b"\n" + _raw_json('{"id": "mal", "text": "\\ud800 ' + BODY + '"}'),
        2,
    ),
    Case(
        "jsonl-surrogate-in-key", "a.jsonl", _raw_json('{"\\ud800": 1, "text": "' + BODY + '"}'), 1
    ),
    Case(
        "rss-surrogate-hex",
        "a.rss",
        _rss("Crue &#xD800; ici", "Texte &#xD800; " + BODY),
        2,
        check=_text_has("Texte \ufffd"),
        warns="character reference",
    ),
    Case(
        "rss-surrogate-decimal",
        "a.rss",
        _rss("Crue", "Texte &#56320; " + BODY),
        2,
        check=_text_has("\ufffd"),
    ),
    Case("rss-beyond-unicode", "a.rss", _rss("Crue", "Texte &#x110000; " + BODY), 2),
    Case("rss-huge-char-ref", "a.rss", _rss("Crue", "Texte &#" + "9" * 5000 + "; " + BODY), 2),
    Case("html-surrogate-ref", "a.html", _html("Crue &#xD800;", "Texte &#xD800; " + BODY), 1),
    Case(
        "text-encoded-surrogate-bytes",
        "a.txt",
        b"Titre\n" + BODY.encode() + b" \xed\xa0\x80 fin.",
        1,
        check=_text_has("\ufffd fin."),
        warns="invalid in UTF-8",
    ),
    # --- control characters, the same for every format (failure 7) ---
    Case(
        "json-nul-escape",
        "a.json",
        _raw_json('{"text": "A\\u0000B. ' + BODY + '"}'),
        1,
        check=_text_has("AB. "),
        warns="control",
    ),
    Case(
        "json-esc-escape",
        "a.json",
        _raw_json('{"text": "A\\u001b[31mB. ' + BODY + '"}'),
        1,
        check=_text_has("A[31mB. "),
    ),
    Case(
        "json-c1-escape",
        "a.json",
        _raw_json('{"text": "A\\u0085B. ' + BODY + '"}'),
        1,
        check=_text_has("AB. "),
    ),
    Case(
        "json-del-in-title",
        "a.json",
        _raw_json('{"title": "Cr\\u007fue", "text": "' + BODY + '"}'),
        1,
        check=lambda a: a[0].title == "Crue",
    ),
    Case(
        "json-tab-newline-kept",
        "a.json",
        _raw_json('{"text": "A\\tB\\nC. ' + BODY + '"}'),
        1,
        check=_text_has("A\tB\nC. "),
    ),
    Case(
        "json-cr-normalised",
        "a.json",
        _raw_json('{"text": "A\\r\\nB\\rC. ' + BODY + '"}'),
        1,
        check=_text_has("A\nB\nC. "),
    ),
    Case(
        "text-one-nul",
        "a.txt",
        b"Titre\n" + BODY.encode() + b" A\x00B.",
        1,
        check=_text_has(" AB."),
        warns="control",
    ),
    Case(
        "text-esc-sequence",
        "a.txt",
        b"Titre\n" + BODY.encode() + b" \x1b[1mgras\x1b[0m.",
        1,
        check=_text_has(" [1mgras[0m."),
    ),
    Case(
        "text-form-feed-is-a-break",
        "a.txt",
        b"Titre\n" + BODY.encode() + b"\x0cPage deux.",
        1,
        check=_text_has("\nPage deux."),
    ),
    Case("text-binary-rejected", "a.txt", bytes(range(32)) * 20, 0, rejected="binary"),
    Case("text-utf16-without-bom", "a.txt", BODY.encode("utf-16-le"), 0, rejected="binary"),
    Case(
        "jsonl-nul-in-source",
        "a.jsonl",
        _raw_json('{"source": "Le\\u0000 Veilleur", "text": "' + BODY + '"}'),
        1,
        check=lambda a: a[0].source == "Le Veilleur",
    ),
    Case("rss-control-ref", "a.rss", _rss("Crue", "Texte &#x1b; " + BODY), 2, check=_no("\x1b")),
    Case("html-nul-ref", "a.html", _html("Crue", "Texte &#0; et &#x1b; " + BODY), 1),
    # --- wrong JSON types, per record (failure 7) ---
    Case(
        "json-title-number",
        "a.jsonl",
        _jsonl({"title": 5, "text": BODY}, GOOD),
        1,
        rejected="'title' is a number",
    ),
    Case(
        "json-source-object",
        "a.jsonl",
        _jsonl({"source": {"n": 1}, "text": BODY}, GOOD),
        1,
        rejected="'source' is an object",
    ),
    Case(
        "json-url-list",
        "a.json",
        json.dumps([{"url": ["x"], "text": BODY}, GOOD]).encode(),
        1,
        rejected="'url' is an array",
    ),
    Case(
        "json-author-bool",
        "a.json",
        json.dumps([{"author": True, "text": BODY}, GOOD]).encode(),
        1,
        rejected="'author' is a boolean",
    ),
    Case(
        "json-language-number",
        "a.json",
        json.dumps({"language": 33, "text": BODY}).encode(),
        0,
        rejected="'language'",
    ),
    Case(
        "json-text-number", "a.json", json.dumps({"text": 5}).encode(), 0, rejected="not a string"
    ),
    Case(
        "json-id-number-accepted",
        "a.json",
        json.dumps({"id": 1234, "text": BODY}).encode(),
        1,
        check=lambda a: a[0].id == "1234",
    ),
    Case(
        "json-title-null-accepted", "a.json", json.dumps({"title": None, "text": BODY}).encode(), 1
    ),
    Case("json-top-level-string", "a.json", b'"juste un texte"', 0, rejected="a string"),
    Case(
        "json-record-not-object",
        "a.json",
        json.dumps([3, GOOD]).encode(),
        1,
        rejected="not a JSON object",
    ),
    # --- huge numbers (failure 7) ---
    Case(
        "json-huge-integer-id",
        "a.jsonl",
        _jsonl(GOOD) + b'\n{"id": ' + b"7" * 5000 + b', "text": "' + BODY.encode() + b'"}',
        1,
        rejected="5000 digits",
    ),
    Case(
        "json-huge-integer-ignored-field",
        "a.json",
        b'{"views": ' + b"1" * 5000 + b', "text": "' + BODY.encode() + b'"}',
        1,
    ),
    Case(
        "json-huge-integer-text",
        "a.json",
        b'{"text": ' + b"1" * 5000 + b"}",
        0,
        rejected="not a string",
    ),
    Case("json-huge-float", "a.json", b'{"views": 1e99999, "text": "' + BODY.encode() + b'"}', 1),
    Case(
        "json-deep-nesting", "a.json", b"[" * 100_000 + b"]" * 100_000, 0, rejected="malformed JSON"
    ),
    # --- decoding (failure 7) ---
    Case(
        "utf8-one-bad-byte-keeps-accents",
        "a.txt",
        ("Titre\n" + BODY).encode() + b" caf\xe9 " + "été".encode(),
        1,
        check=lambda a: "Vézère" in a[0].text and "caf\ufffd été" in a[0].text,
        warns="invalid in UTF-8",
    ),
    Case(
        "cp1252-still-cp1252",
        "a.txt",
        ("Titre\n" + BODY + " l’été").encode("cp1252"),
        1,
        check=_text_has("Vézère a atteint"),
    ),
    Case(
        "utf8-truncated-sequence",
        "a.json",
        b'{"text": "' + BODY.encode() + b' \xc3"}',
        1,
        check=_text_has("\ufffd"),
    ),
    Case(
        "utf8-bom-invalid",
        "a.txt",
        b"\xef\xbb\xbf" + BODY.encode() + b"\xff",
        0,
        rejected="byte order mark",
    ),
    # --- WARC records ---
    Case(
        "warc-surrogate-ref",
        "a.warc.gz",
        warc_bytes([Page("https://veilleur.example/a", _html("Crue", "Texte &#xD800; " + BODY))]),
        1,
    ),
    Case(
        "warc-bad-byte-in-page",
        "a.warc",
        warc_bytes(
            [Page("https://veilleur.example/a", _html("Crue", BODY) + b"\xff", "text/html")],
            gzip=False,
        ),
        1,
    ),
    Case("warc-garbage", "a.warc", b"WARC/1.0\r\n\x00\x01garbage", 0, rejected="WARC"),
    # --- stdin and unknown formats ---
    Case("stdin-json-surrogate", "-", _raw_json('{"text": "\\ud800 ' + BODY + '"}'), 1),
    Case("stdin-control-only", "-", b"\x1b\x1b\x1b\n", 0, rejected="binary"),
]


def _unsafe_strings(item: Article | Rejected) -> list[str]:
    return [s for s in astuple(item) if isinstance(s, str) and _UNSAFE.search(s)]


def test_the_matrix_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="recoupe.ingest")
    items = list(read_bytes(case.data, case.name, IngestOptions(format=case.format)))
    articles = [i for i in items if isinstance(i, Article)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(articles) + len(rejected) == len(items)
    assert len(articles) == case.articles, items
    for item in items:
        assert not _unsafe_strings(item), item
        json.dumps(astuple(item), ensure_ascii=False).encode("utf-8")  # storable and renderable
        assert "internal error" not in getattr(item, "reason", "")
    if case.rejected is not None:
        assert any(case.rejected in r.reason for r in rejected), rejected
    if case.check is not None:
        assert case.check(articles), articles
    if case.warns is not None:
        assert case.warns in caplog.text
