"""Whatever the bytes, reading never raises and always reports something."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoupe.ingest import FORMATS, IngestOptions, read_bytes
from recoupe.model import Article, Rejected

NAMES = ["-", "a.txt", "a.jsonl", "a.json", "a.html", "a.rss", "a", "a.bin"]
OPTIONS = [IngestOptions(format=None), *(IngestOptions(format=fmt) for fmt in FORMATS)]

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(data: bytes, name: str, options: IngestOptions) -> None:
    items = list(read_bytes(data, name, options))
    assert items
    for item in items:
        assert isinstance(item, Article | Rejected)
        if isinstance(item, Rejected):
            assert item.reason
            assert not item.reason.startswith("internal error"), item.reason
        else:
            assert item.text.strip()
            assert item.text == item.text.strip()
            assert item.title is None or item.text.startswith(item.title)


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(NAMES), st.sampled_from(OPTIONS))
def test_random_bytes(data: bytes, name: str, options: IngestOptions) -> None:
    _check(data, name, options)


TEXTISH = st.text(
    alphabet=st.sampled_from(list("ab é\n\t{}[]<>\"':,/-#&;0123456789datexmlrsfp!?©()")),
    max_size=300,
)


@SETTINGS
@given(st.one_of(st.text(max_size=300), TEXTISH), st.sampled_from(NAMES), st.sampled_from(OPTIONS))
def test_random_text(text: str, name: str, options: IngestOptions) -> None:
    _check(text.encode("utf-8", "surrogatepass"), name, options)


MARKUP = st.lists(
    st.sampled_from(
        [
            "<rss>",
            "<channel>",
            "<item>",
            "<title>Titre</title>",
            "<description>",
            "Texte été",
            "</description>",
            "</item>",
            "<feed>",
            "<entry>",
            "</entry>",
            "<html>",
            "<p>",
            "</p>",
            "<body>",
            '{"text": "x"}',
            "\n",
            "[",
            "]",
            "date 2024 ",
        ]
    ),
    max_size=30,
).map("".join)


@SETTINGS
@given(MARKUP, st.sampled_from(NAMES), st.sampled_from(OPTIONS))
def test_random_markup(text: str, name: str, options: IngestOptions) -> None:
    _check(text.encode("utf-8"), name, options)
