"""WARC / WARC.gz archives: HTML pages become articles, the rest is counted, damage is reported."""

from __future__ import annotations

import gzip
import tracemalloc
from pathlib import Path

import pytest
from warc_helpers import Page, html_page, warc_bytes, write_warc

from recoupe.ingest import IngestOptions, read_bytes, read_inputs
from recoupe.ingest.warc import WarcStats, read_warc_file
from recoupe.model import Article, Rejected

PARAGRAPHS = [
    "Le conseil municipal de Lauzac a voté mardi soir la construction d'une nouvelle digue "
    "le long de la Vézère, après les crues de l'hiver dernier.",
    "« Nous ne laisserons plus les quartiers bas sous l'eau », a déclaré le maire, Paul Garnier, "
    "devant une salle comble. Les travaux doivent commencer au printemps.",
]


def pages() -> list[Page]:
    return [
        Page(
            "https://courrier-lauzac.example/digue", html_page("Lauzac vote sa digue", PARAGRAPHS)
        ),
        Page(
            "https://courrier-lauzac.example/logo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(300),
            "image/png",
        ),
        Page("https://courrier-lauzac.example/vide", html_page("Menu", ["Accueil"])),
        Page(
            "https://radio-vireloup.example/crue",
            html_page(
                "Crue : Vireloup se prépare", [p.replace("Lauzac", "Vireloup") for p in PARAGRAPHS]
            ),
        ),
        Page("https://courrier-lauzac.example/app.js", b"var x = 1;", "application/javascript"),
    ]


@pytest.mark.parametrize("name, compressed", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_responses_become_articles_and_the_rest_is_counted(
    name: str, compressed: bool
) -> None:
    items = list(read_bytes(warc_bytes(pages(), gzip=compressed), name))
    articles = [i for i in items if isinstance(i, Article)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [a.url for a in articles] == [
        "https://courrier-lauzac.example/digue",
        "https://radio-vireloup.example/crue",
    ]
    assert [a.id for a in articles] == ["crawl-1", "crawl-4"]
    assert articles[0].path == f"{name}#1"
    assert articles[0].title == "Lauzac vote sa digue"
    assert articles[0].text.startswith("Lauzac vote sa digue")
    assert "Paul Garnier" in articles[0].text and "Accueil" not in articles[0].text
    assert articles[0].source == "Le Courrier de Lauzac"
    assert [(r.path, r.reason) for r in rejected] == [
        (f"{name}#3", "no article text found in the HTML page"),
        (name, "2 non-HTML documents skipped (image/png 1, application/javascript 1)"),
    ]


def test_resource_records_and_requests(tmp_path: Path) -> None:
    archive = tmp_path / "site.warc.gz"
    with archive.open("wb") as stream:
        write_warc(
            stream,
            [
                Page(
                    "https://a.example/",
                    b"GET / HTTP/1.1\r\nHost: a.example\r\n\r\n",
                    "application/http; msgtype=request",
                    "request",
                ),
                Page(
                    "https://a.example/page",
                    html_page("Une page locale", PARAGRAPHS),
                    "text/html",
                    "resource",
                ),
            ],
        )
    stats = WarcStats()
    items = list(read_warc_file(archive, str(archive), IngestOptions(), stats))
    assert [type(i) for i in items] == [Article]
    assert (stats.records, stats.articles, stats.other_records) == (2, 1, 1)


def test_directory_walk_picks_up_archives(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(warc_bytes(pages()[:1]))
    (tmp_path / "b.warc").write_bytes(warc_bytes(pages()[3:4], gzip=False))
    articles = [i for i in read_inputs([tmp_path]) if isinstance(i, Article)]
    assert [a.id for a in articles] == ["a-1", "b-1"]


def test_garbage_and_truncated_archives_are_rejected_not_raised(tmp_path: Path) -> None:
    [garbage] = read_bytes(b"this is not an archive at all\n" * 5, "x.warc.gz")
    assert isinstance(garbage, Rejected) and garbage.reason.startswith(
        "not a readable WARC archive"
    )
    [empty] = read_bytes(gzip.compress(b""), "e.warc.gz")
    assert isinstance(empty, Rejected)
    whole = warc_bytes(pages()[:1] + pages()[3:4], gzip=False)
    cut = whole[: len(whole) - 400]
    items = list(read_bytes(cut, "cut.warc"))
    assert isinstance(items[0], Article)
    assert items[1:] == [
        Rejected("cut.warc#2", "truncated WARC record: 396 bytes of the page are missing")
    ]
    gz = warc_bytes(pages()[:1] + pages()[3:4])
    items = list(read_bytes(gz[: len(gz) - 100], "cut.warc.gz"))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], Rejected) and items[-1].path == "cut.warc.gz#2"


def test_a_large_archive_streams_in_constant_memory(tmp_path: Path) -> None:
    archive = tmp_path / "big.warc"
    blob = bytes(range(256)) * 4096  # 1 MiB per record
    with archive.open("wb") as stream:
        write_warc(
            stream,
            [
                Page(f"https://a.example/{n}.bin", blob, "application/octet-stream")
                for n in range(24)
            ],
            gzip=False,
        )
    assert archive.stat().st_size > 24 * 2**20
    tracemalloc.start()
    try:
        items = list(read_inputs([archive], IngestOptions(max_bytes=2**20)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert items == [
        Rejected(archive.name, "24 non-HTML documents skipped (application/octet-stream 24)")
    ]
    assert peak < 4 * 2**20, f"reading held {peak} bytes at once"
