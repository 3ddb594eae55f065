"""The web app's pages speak French for a French corpus, English on request (``--lang``, ``?lang=``)."""

from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient
from html_helpers import contradiction_report

from recoupe.model import Report
from recoupe.serve import InMemorySource
from recoupe.serve.app import ServeOptions, create_app


def _client(report: Report, language: str = "auto") -> TestClient:
    app = create_app(InMemorySource(report), ServeOptions(language=language))
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


def _english(report: Report) -> Report:
    articles = tuple(dataclasses.replace(a, language="en") for a in report.articles)
    return dataclasses.replace(report, articles=articles)


def test_a_french_corpus_gets_french_pages() -> None:
    with _client(contradiction_report()) as client:
        stories = client.get("/")
        upload = client.get("/upload")
        missing = client.get("/stories/nope")
        search = client.get("/search?q=guerre")
    assert stories.status_code == 200 and '<html lang="fr">' in stories.text
    assert "<h1>Histoires</h1>" in stories.text and "Ajouter des articles" in stories.text
    assert "Stories</h1>" not in stories.text and "Add articles" not in stories.text
    assert "Avi Lenz in Washington" in stories.text  # article text is never translated
    assert '<html lang="fr">' in upload.text and "Texte de l’article" in upload.text
    assert "Analyser</button>" in upload.text and "Article text" not in upload.text
    assert missing.status_code == 404
    assert "Erreur 404" in missing.text and "Aucune histoire avec cet identifiant." in missing.text
    assert "2 résultats pour « guerre »" in search.text


def test_english_when_overridden_by_option_or_query() -> None:
    report = contradiction_report()
    with _client(report, "en") as client:
        stories = client.get("/").text
        upload = client.get("/upload").text
        french = client.get("/upload?lang=fr").text
    assert '<html lang="en">' in stories and "<h1>Stories</h1>" in stories
    assert "Histoires" not in stories
    assert "Article text" in upload and "Texte de l’article" not in upload
    assert "Texte de l’article" in french
    with _client(report) as client:
        overridden = client.get("/?lang=en").text
        upload = client.get("/upload?lang=en").text
        default = client.get("/").text  # the cached French page is not replaced by the English one
    assert "<h1>Stories</h1>" in overridden and '<html lang="en">' in overridden
    assert "Analyse</button>" in upload and "Analyser" not in upload
    assert "<h1>Histoires</h1>" in default


def test_an_english_corpus_gets_english_pages_and_json_stays_english() -> None:
    with _client(_english(contradiction_report())) as client:
        assert "<h1>Stories</h1>" in client.get("/").text
    with _client(contradiction_report()) as client:
        api = client.get("/api/stories/nope")
        french_page = client.post("/upload", data={"text": " "})
        assert client.get("/api/report").json()["stories"][0]["id"] == "S1"
    assert api.json() == {"error": {"status": 404, "message": "No story with this id."}}
    assert french_page.status_code == 400
    assert "Choisissez un fichier ou collez le texte d’un article." in french_page.text


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no interface language"):
        create_app(InMemorySource(contradiction_report()), ServeOptions(language="de"))
