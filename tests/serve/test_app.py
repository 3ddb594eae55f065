"""The web app in-process: every route, its JSON contract, limits and clean errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from html_helpers import XSS_SCRIPT, contradiction_report, xss_report

from recoupe.fr.search import find_matches, parse_query
from recoupe.render.json import validate
from recoupe.serve import InMemorySource, is_loopback, open_source
from recoupe.serve.app import ServeOptions, create_app
from recoupe.serve.source import ReportSource, narrow_to_story


def _clean(text: str) -> None:
    assert "Traceback" not in text and "/work/" not in text and "site-packages" not in text


def test_in_memory_source_implements_the_protocol() -> None:
    assert isinstance(InMemorySource(contradiction_report()), ReportSource)


@pytest.mark.parametrize(
    ("path", "needle"),
    [
        ("/", "Avi Lenz in Washington"),
        ("/stories/S1", 'data-kind="contradiction"'),
        ("/entities/E1", "ministre des Affaires étrangères"),
        ("/entities/E1/quotes", "Nous ne céderons rien"),
        ("/search?q=guerre", "La guerre continue"),
        ("/search", "Search"),
        ("/upload", 'enctype="multipart/form-data"'),
        ("/docs", "/api/stories/{story_id}"),
    ],
)
def test_pages(client: TestClient, path: str, needle: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert needle in response.text
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert "<main" in response.text and "<nav" in response.text


def test_story_page_cards_point_at_marks(client: TestClient) -> None:
    html = client.get("/stories/S1").text
    cited = re.search(r'data-kind="contradiction"[^>]*data-evidence="([^"]+)"', html)
    assert cited and all(f'data-ev="{key}"' in html for key in cited.group(1).split())
    assert '<div class="text" data-article="a1"' in html
    assert '<a href="/entities/E1">Avi Lenz</a>' in html


def test_json_api_mirrors_the_report_contract(client: TestClient) -> None:
    report = client.get("/api/report").json()
    validate(report)
    assert report["stories"][0]["findings"][0]["kind"] == "contradiction"
    stories = client.get("/api/stories").json()
    assert [s["id"] for s in stories] == ["S1"]
    one = client.get("/api/stories/S1").json()
    validate(one)
    assert [a["id"] for a in one["articles"]] == ["a1", "b2"]
    entity = client.get("/api/entities/E1").json()
    assert entity["entity"]["name"] == "Avi Lenz" and len(entity["quotes"]) == 2
    assert len(client.get("/api/entities/E1/quotes").json()) == 2
    hits = client.get("/api/search", params={"q": "AFFAIRES etrangeres"}).json()["hits"]
    # every word of the query, stemmed and folded, in the one article holding them all
    assert {(h["kind"], h["article"], h["text"]) for h in hits} == {
        ("article", "b2", "Affaires"),
        ("article", "b2", "étrangères"),
    }
    spec = client.get("/openapi.json").json()
    assert {
        "/api/report",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/entities/{entity_id}",
        "/api/search",
    } <= set(spec["paths"])


@pytest.mark.parametrize(
    "path", ["/stories/S9", "/entities/E99", "/entities/E99/quotes", "/nowhere"]
)
def test_not_found_is_a_clean_page(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Error 404" in response.text
    _clean(response.text)


@pytest.mark.parametrize(
    "path", ["/api/stories/S9", "/api/entities/E99", "/api/entities/E99/quotes", "/api/nowhere"]
)
def test_not_found_is_clean_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_validation_errors_are_clean(client: TestClient) -> None:
    response = client.get("/api/search")
    assert response.status_code == 422
    assert response.json() == {
        "error": {"status": 422, "message": "Invalid or missing parameter: q."}
    }
    page = client.get("/search", params={"q": "x" * 300})
    assert page.status_code == 422 and "Error 422" in page.text
    _clean(page.text)


def test_oversized_requests_get_413(client: TestClient) -> None:
    big = "a" * 30_000
    page = client.post("/upload", data={"text": big})
    assert page.status_code == 413 and "Error 413" in page.text
    api = client.post(
        "/api/articles", content=big.encode(), headers={"content-type": "application/json"}
    )
    assert api.status_code == 413 and api.json()["error"]["status"] == 413

    def chunks():  # no Content-Length: the limit applies while reading
        for _ in range(5):
            yield b"x" * 10_000

    streamed = client.post(
        "/api/articles", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    _clean(streamed.text)


def test_internal_errors_show_no_traceback() -> None:
    class Broken(InMemorySource):
        def stories(self):  # type: ignore[no-untyped-def]
            raise RuntimeError("/work/secret/path exploded")

    app = create_app(Broken(contradiction_report()))
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        response = client.get("/api/stories")
    assert response.status_code == 500
    assert response.json()["error"]["message"].startswith("Internal error")
    _clean(response.text)
    assert "exploded" not in response.text


def test_empty_upload_is_refused_and_cross_site_posts_too(client: TestClient) -> None:
    response = client.post("/upload", data={"text": "  "})
    assert response.status_code == 400 and "paste an article" in response.text
    cross = client.post("/upload", data={"text": "x"}, headers={"origin": "https://evil.example"})
    assert cross.status_code == 403


def test_bad_pasted_date_is_rejected_without_analysis(client: TestClient) -> None:
    source = InMemorySource(contradiction_report())
    app = create_app(source)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        # every input rejected: nothing to analyse, so no model is loaded
        response = test_client.post("/upload", data={"text": "Un texte.", "published": "hier"})
    assert response.status_code == 200
    assert "is not YYYY, YYYY-MM or YYYY-MM-DD" in response.text
    assert len(source.report().articles) == 2


def test_xss_report_pages_escape_text() -> None:
    app = create_app(InMemorySource(xss_report()))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for path in ("/", "/stories/S1", "/search?q=script", "/search?q=window", "/entities/E1"):
            text = client.get(path).text
            assert XSS_SCRIPT not in text and "<img" not in text
        found = client.get("/search?q=window").text
        assert "Titre &lt;script&gt;" in found and "=1&lt;/script&gt;" in found


def test_search_is_accent_and_case_insensitive() -> None:
    text = "Le Ministre des Affaires Étrangères"
    ((start, end),) = find_matches(text, parse_query("etrangeres"))
    assert text[start:end] == "Étrangères"
    assert find_matches(text, parse_query("   ")) == []


def test_narrow_to_story_keeps_only_its_articles() -> None:
    report = contradiction_report()
    assert narrow_to_story(report, "nope") is None
    narrowed = narrow_to_story(report, "S1")
    assert narrowed is not None and len(narrowed.articles) == 2 and narrowed.stories[0].id == "S1"


def test_open_source_and_loopback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from recoupe.render.json import render_json
    from recoupe.serve import SourceError

    path = tmp_path / "r.json"
    path.write_text(render_json(contradiction_report()), "utf-8")
    assert len(open_source(path).stories()) == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": 3}', "utf-8")
    with pytest.raises(SourceError, match="not a recoupe report"):
        open_source(bad)
    with pytest.raises(SourceError, match="cannot read"):
        open_source(tmp_path / "missing.json")
    assert open_source().report().articles == ()
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_serve_options_limit_defaults_to_five_megabytes() -> None:
    assert ServeOptions().max_body_bytes == 5 * 1024 * 1024
