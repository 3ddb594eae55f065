"""Fuzzing every reader and the pipeline: whatever comes in is analysed, rejected or a duplicate.

Inputs are hostile on purpose: random bytes, UTF-8 cut mid-character, huge
lines, deeply nested HTML, broken JSON, feeds whose entries have no text, WARC
archives with bytes flipped. Nothing may raise, nothing may vanish, and every
extracted item must point at the exact words it came from.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from recoupe.batch import analyse_articles
from recoupe.ingest import FORMATS, IngestOptions, deduplicate, read_bytes, read_inputs
from recoupe.model import Article, ArticleAnalysis, Rejected
from recoupe.nlp.pipeline import PipelineOptions

# New random cases on every local run; under CI the same cases each time, so a red build
# always points at a change, never at luck (failures found locally are kept by Hypothesis).
CI = bool(os.environ.get("CI"))
FAST = settings(
    max_examples=100, deadline=None, derandomize=CI, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=20, deadline=None, derandomize=CI, suppress_health_check=[HealthCheck.too_slow]
)

NAMES = ("a.txt", "a.jsonl", "a.json", "a.html", "a.rss", "a.atom", "a.warc", "a.warc.gz", "a", "-")
OPTIONS = (IngestOptions(), *(IngestOptions(format=fmt) for fmt in FORMATS))

SENTENCES = (
    "Le maire de Lauzac, Paul Garnier, a déclaré mardi : « Nous reconstruirons la digue. »",
    "Selon la préfète Claire Maunoury, 120 gendarmes arriveront le 3 juin 2024.",
    "L'association Vézère Vivante conteste ce chiffre et parle de « promesses ».",
    "Le conseil municipal s'est réuni hier soir à la mairie de Cordanne.",
)
french = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join)


def read_all(data: bytes, name: str, options: IngestOptions) -> list[Article | Rejected]:
    items = list(read_bytes(data, name, options))
    assert items, "an input must give at least one article or rejection"
    for item in items:
        assert isinstance(item, Article | Rejected)
        if isinstance(item, Rejected):
            assert item.reason.strip()
        else:
            assert item.text.strip()
    return items


def check_offsets(article: Article, analysis: ArticleAnalysis) -> None:
    assert analysis.article == article.id
    text = article.text
    for entity in analysis.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
        for role in entity.roles:
            assert text[role.start : role.end] == role.text
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text
    for time in analysis.times:
        assert text[time.start : time.end] == time.text
    for sentence in analysis.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)


def analyse_everything(inputs: Sequence[tuple[bytes, str]], options: PipelineOptions) -> None:
    """Read inputs, deduplicate, analyse: inputs in = analysed + rejected + duplicates."""
    items = [item for data, name in inputs for item in read_all(data, name, IngestOptions())]
    articles, rejected, duplicates = deduplicate(items)
    assert len(articles) + len(rejected) + len(duplicates) == len(items)
    results = list(analyse_articles(articles, options))
    assert len(results) == len(articles)
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, ArticleAnalysis):
            check_offsets(article, result)
        else:
            assert isinstance(result, Rejected) and result.reason


# --- every reader ------------------------------------------------------------------


@FAST
@given(st.binary(max_size=2000), st.sampled_from(NAMES), st.sampled_from(OPTIONS))
def test_random_bytes(data: bytes, name: str, options: IngestOptions) -> None:
    read_all(data, name, options)


@FAST
@given(french, st.data(), st.sampled_from(NAMES), st.sampled_from(OPTIONS))
def test_truncated_utf8(text: str, data: st.DataObject, name: str, options: IngestOptions) -> None:
    raw = text.encode("utf-8")
    cut = data.draw(st.integers(min_value=1, max_value=len(raw)))
    read_all(raw[:cut], name, options)


@settings(
    max_examples=6, deadline=None, derandomize=CI, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.integers(min_value=50_000, max_value=400_000), st.sampled_from(NAMES))
def test_huge_lines(length: int, name: str) -> None:
    line = ("Lauzac digue maire " * (length // 19 + 1))[:length]
    read_all(line.encode(), name, IngestOptions())
    read_all(
        json.dumps({"text": line, "title": "x" * 10_000}).encode(), "big.json", IngestOptions()
    )


@settings(
    max_examples=10, deadline=None, derandomize=CI, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.integers(min_value=1, max_value=20_000),
    st.sampled_from(["div", "p", "span", "article", "li"]),
    french,
)
def test_deeply_nested_html(depth: int, tag: str, text: str) -> None:
    page = f"<html><body>{f'<{tag}>' * depth}{text}{f'</{tag}>' * depth}</body></html>"
    read_all(page.encode(), "deep.html", IngestOptions())
    items = read_all(page.encode(), "deep.rss", IngestOptions(format="feed"))
    assert all(isinstance(i, Rejected) for i in items)


JSON_DOCUMENTS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "title", "date", "source", "id", "url", "language", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)


@FAST
@given(JSON_DOCUMENTS, st.data(), st.sampled_from(["a.json", "a.jsonl"]))
def test_malformed_json(document: object, data: st.DataObject, name: str) -> None:
    raw = json.dumps(document, ensure_ascii=False).encode()
    read_all(raw, name, IngestOptions())
    if len(raw) > 1:
        cut = data.draw(st.integers(min_value=1, max_value=len(raw) - 1))
        read_all(raw[:cut], name, IngestOptions())
        read_all(raw[:cut] + b",}]" + raw[cut:], name, IngestOptions())
    lines = b"\n".join([raw, b"{", b'{"text": ' + raw + b"}", b'{"text": ""}'])
    items = read_all(lines, "lines.jsonl", IngestOptions())
    # one item per line, unless the file as a whole is refused (binary, control characters)
    assert len(items) >= 3 or (len(items) == 1 and items[0].path == "lines.jsonl")


# Titles without control characters: a file holding those is refused as a whole, as it should be.
TITLES = st.none() | st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)


@FAST
@given(
    st.lists(
        st.tuples(TITLES, st.sampled_from(["", " ", "<p></p>", "&nbsp;", *SENTENCES])),
        min_size=1,
        max_size=6,
    )
)
def test_feed_entries_without_text(entries: list[tuple[str | None, str]]) -> None:
    items_xml = "".join(
        "<item>"
        + (f"<title>{_escape(title)}</title>" if title is not None else "")
        + f"<description>{_escape(text)}</description></item>"
        for title, text in entries
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items_xml}</channel></rss>'
    items = read_all(feed.encode(), "f.rss", IngestOptions())
    assert len(items) == len(entries), "each entry becomes an article or a rejection"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _warc(pages: Sequence[str], compressed: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=compressed)
    for number, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        # Fixed date and record id: the same draws must give the same bytes.
        fixed = {
            "WARC-Date": "2024-06-03T08:00:00Z",
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>",
        }
        record = writer.create_warc_record(
            f"https://example.org/{number}",
            "response",
            payload=io.BytesIO(page.encode()),
            http_headers=headers,
            warc_headers_dict=fixed,
        )
        writer.write_record(record)
    return stream.getvalue()


@FAST
@given(
    st.lists(
        french.map(lambda t: f"<html><body><article><p>{t}</p></article></body></html>"),
        min_size=1,
        max_size=3,
    ),
    st.booleans(),
    st.data(),
)
def test_warc_garbage(pages: list[str], compressed: bool, data: st.DataObject) -> None:
    raw = bytearray(_warc(pages, compressed))
    name = "x.warc.gz" if compressed else "x.warc"
    read_all(bytes(raw), name, IngestOptions())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        at = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
        raw[at] = data.draw(st.integers(min_value=0, max_value=255))
    read_all(bytes(raw), name, IngestOptions())
    cut = data.draw(st.integers(min_value=0, max_value=len(raw)))
    read_all(bytes(raw[:cut]) or b"\x1f\x8b", name, IngestOptions())


# --- through the pipeline -------------------------------------------------------------

HOSTILE_TEXT = st.one_of(
    french,
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(list("«»“”\"'—–-:;,.!?…()[]\n\t  éÉàA1")), max_size=200),
    st.lists(
        st.sampled_from([*SENTENCES, "\n\n", "« ", " »", "“", "”", "le 31 février", "M.", "Mme"]),
        max_size=20,
    ).map("".join),
)


@SLOW
@given(
    st.lists(
        st.tuples(HOSTILE_TEXT, st.sampled_from(["a.txt", "a.html", "a.json", "a.rss"])),
        min_size=1,
        max_size=5,
    )
)
def test_pipeline_on_a_blank_model(inputs: list[tuple[str, str]]) -> None:
    analyse_everything(
        [(t.encode("utf-8", "surrogatepass"), n) for t, n in inputs], PipelineOptions(models=())
    )


@pytest.mark.slow
@SLOW
@given(st.lists(HOSTILE_TEXT, min_size=1, max_size=4))
def test_pipeline_on_the_french_model(texts: list[str]) -> None:
    analyse_everything(
        [(t.encode("utf-8", "surrogatepass"), "a.txt") for t in texts], PipelineOptions()
    )


@pytest.mark.slow
@settings(
    max_examples=4, deadline=None, derandomize=CI, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(
        st.tuples(HOSTILE_TEXT, st.sampled_from(["a.txt", "b.txt", "c.html", "d.json"])),
        min_size=1,
        max_size=6,
    )
)
def test_analyze_accounts_for_every_input(inputs: list[tuple[str, str]]) -> None:
    """The public API end to end: every item read is in the report as article, rejection or duplicate."""
    from recoupe.api import AnalyzeOptions, analyze

    with tempfile.TemporaryDirectory() as directory:
        for number, (text, name) in enumerate(inputs):
            (Path(directory) / f"{number}-{name}").write_bytes(
                text.encode("utf-8", "surrogatepass")
            )
        read = list(read_inputs([directory]))
        assume(read)
        report = analyze([directory], AnalyzeOptions(pipeline=PipelineOptions(models=())))
    assert len(report.articles) + len(report.rejected) + len(report.duplicates) == len(read)
