"""Web app regressions of issue 15: Host allow-list, Origin null, parsing off the event loop."""

from __future__ import annotations

import asyncio
import json

import pytest
from fastapi.testclient import TestClient

from recoupe.model import Report
from recoupe.serve import InMemorySource, allowed_hosts
from recoupe.serve.app import ServeOptions, create_app

BODY = (
    "Le conseil municipal de Brisac a adopté mardi un budget de 12 millions d'euros, "
    "a annoncé la maire Hélène Vautrin devant les élus réunis en séance publique."
)


def _client(
    hosts: tuple[str, ...] | None = None, base_url: str = "http://127.0.0.1:8000"
) -> TestClient:
    options = (
        ServeOptions(max_body_bytes=200_000)
        if hosts is None
        else ServeOptions(200_000, allowed_hosts=hosts)
    )
    return TestClient(
        create_app(InMemorySource(Report()), options),
        base_url=base_url,
        raise_server_exceptions=False,
    )


# --- failure 5: DNS rebinding -------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.", "0.0.0.0:8000"],
)
@pytest.mark.parametrize("path", ["/api/report", "/", "/api/stories"])
def test_foreign_host_header_is_refused(host: str, path: str) -> None:
    response = _client().get(path, headers={"host": host})
    assert response.status_code == 400
    assert "schema" not in response.text


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.1"]
)
def test_loopback_host_names_are_served(host: str) -> None:
    response = _client().get("/api/report", headers={"host": host})
    assert response.status_code == 200, response.text
    assert response.json()["schema"] == "recoupe/report/v1"


def test_foreign_host_cannot_post_either() -> None:
    response = _client().post(
        "/api/articles",
        content=b"[]",
        headers={"host": "evil.example", "content-type": "application/json"},
    )
    assert response.status_code == 400


def test_allow_host_adds_names_and_the_bound_address() -> None:
    hosts = allowed_hosts("192.168.1.20", ["news.lan", "*.example.org"])
    assert {"localhost", "127.0.0.1", "[::1]", "192.168.1.20", "news.lan", "*.example.org"} <= set(
        hosts
    )
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0")
    assert "[fe80::1]" in allowed_hosts("fe80::1")
    client = _client(hosts, base_url="http://news.lan:8000")
    assert client.get("/api/report").status_code == 200
    assert client.get("/api/report", headers={"host": "a.example.org"}).status_code == 200
    assert client.get("/api/report", headers={"host": "evil.example"}).status_code == 400


# --- failure 5: CSRF with Origin: null ------------------------------------------------


@pytest.mark.parametrize(
    "origin",
    ["null", "https://evil.example", "http://127.0.0.1:9999", "http://localhost.evil.example:8000"],
)
def test_state_changing_requests_from_another_origin_are_refused(origin: str) -> None:
    client = _client()
    api = client.post(
        "/api/articles",
        content=json.dumps({"text": BODY}),
        headers={"origin": origin, "content-type": "application/json"},
    )
    assert api.status_code == 403
    form = client.post("/upload", data={"text": BODY}, headers={"origin": origin})
    assert form.status_code == 403
    assert client.get("/api/report").json()["articles"] == []


def test_cross_site_fetch_without_origin_is_refused() -> None:
    response = _client().post(
        "/upload", data={"text": BODY}, headers={"sec-fetch-site": "cross-site"}
    )
    assert response.status_code == 403


def test_same_origin_and_originless_posts_pass_the_check() -> None:
    client = _client()
    same = client.post("/upload", data={}, headers={"origin": "http://127.0.0.1:8000"})
    assert same.status_code == 400 and "Choose a file" in same.text  # reached the handler
    scripted = client.post(
        "/api/articles", content=b"[]", headers={"content-type": "application/json"}
    )
    # reached the handler, which refuses a request holding no article (422, issue 13)
    assert scripted.status_code == 422
    assert "no article in the request" in scripted.json()["error"]["message"]


# --- failure 3: parsing an uploaded page must not block the event loop ------------------


def test_uploaded_files_are_parsed_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    import recoupe.serve.app as app_module

    on_loop: list[bool] = []
    real = app_module.read_bytes

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        return real(*args, **kwargs)

    monkeypatch.setattr(app_module, "read_bytes", spy)
    client = _client()
    page = f"<html><body><article><p>{BODY}</p></article></body></html>".encode()
    client.post("/upload", files={"file": ("page.html", page, "text/html")}, data={"text": BODY})
    client.post("/api/articles", content=b"[]", headers={"content-type": "application/json"})
    assert on_loop and not any(on_loop), on_loop


# --- failure 1: the web API dropped the valid article sent with a lone surrogate --------


@pytest.mark.slow
def test_api_upload_with_lone_surrogate_keeps_every_article() -> None:
    payload = (
        '[{"id": "mauvais", "source": "Le Veilleur \\ud800", "text": "Texte \\ud800 '
        + BODY
        + '"},'
        + json.dumps({"id": "bon", "text": BODY.replace("Brisac", "Lauzac")})
        + "]"
    )
    client = _client()
    response = client.post(
        "/api/articles", content=payload.encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert sorted(response.json()["added"]) == ["bon", "mauvais"]
    report = client.get("/api/report").json()
    assert {a["source"] for a in report["articles"]} >= {"Le Veilleur \ufffd"}


@pytest.mark.slow
def test_pasted_text_with_lone_surrogate_is_repaired() -> None:
    from urllib.parse import quote_plus

    client = _client()
    # What a client can send: the bytes of an encoded surrogate (ED A0 80), a NUL in a field.
    body = "text=" + quote_plus("Titre\n" + BODY + " ") + "%ED%A0%80&source=Le%00+Veilleur"
    response = client.post(
        "/upload",
        content=body.encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200, response.text
    (article,) = client.get("/api/report").json()["articles"]
    assert article["source"] == "Le Veilleur" and "\ufffd" in article["text"]
