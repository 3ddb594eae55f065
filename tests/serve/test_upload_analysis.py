"""Uploads through the web app are really analysed (full French model) and re-linked."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from recoupe.model import Report
from recoupe.serve import InMemorySource
from recoupe.serve.app import ServeOptions, create_app

pytestmark = pytest.mark.slow

ARTICLES = [
    {
        "id": "echo-1",
        "source": "L'Écho de Brisac",
        "date": "2025-02-12",
        "title": "Brisac : le pont de la Varenne fermé après une crue",
        "text": "Le préfet de la Dordane, Marc Olivier, a ordonné mardi la fermeture du pont "
        "de la Varenne. « La sécurité passe avant tout », a-t-il déclaré.",
    },
    {
        "id": "courrier-1",
        "source": "Le Courrier de la Dordane",
        "date": "2025-02-12",
        "title": "Crue : le pont de la Varenne fermé à Brisac",
        "text": "Le pont de la Varenne, à Brisac, est fermé depuis mardi sur ordre du préfet "
        "Marc Olivier. « La sécurité passe avant tout », a expliqué le préfet.",
    },
]


@pytest.fixture()
def empty_app() -> TestClient:
    app = create_app(InMemorySource(Report()), ServeOptions(max_body_bytes=100_000))
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


def test_json_upload_is_analysed_and_linked_into_one_story(empty_app: TestClient) -> None:
    response = empty_app.post(
        "/api/articles", content=json.dumps(ARTICLES), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["added"] == ["echo-1", "courrier-1"]
    joined = response.json()["articles"]
    assert [a["id"] for a in joined] == ["echo-1", "courrier-1"]
    assert joined[0]["story"] == joined[1]["story"] is not None and joined[1]["story_articles"] == 2
    stories = empty_app.get("/api/stories").json()
    assert [sorted(s["articles"]) for s in stories] == [["courrier-1", "echo-1"]]
    report = empty_app.get("/api/report").json()
    people = {e["name"] for e in report["entities"] if e["type"] == "person"}
    assert "Marc Olivier" in people
    speakers = {q["speaker"] for q in report["quotes"] if q["kind"] == "direct"}
    olivier = next(e["id"] for e in report["entities"] if e["name"] == "Marc Olivier")
    assert speakers == {olivier}


def test_pasted_text_is_analysed_and_searchable(empty_app: TestClient) -> None:
    response = empty_app.post(
        "/upload",
        data={
            "text": ARTICLES[0]["title"] + "\n" + ARTICLES[0]["text"],
            "source": "L'Écho de Brisac",
            "published": "2025-02-12",
        },
    )
    assert response.status_code == 200, response.text
    # the corpus is now French, so the answer page is too (the empty corpus's form was English)
    assert (
        "1 article analysé et ajouté ; le corpus compte maintenant 1 article dans 1 histoire."
        in response.text
    )
    # ?lang=en overrides; without its title the text is another article, not a duplicate
    again = empty_app.post("/upload?lang=en", data={"text": ARTICLES[0]["text"]})
    assert "1 article analysed and added; the corpus now has 2 articles in 1 story." in again.text
    report = empty_app.get("/api/report").json()
    assert report["articles"][0]["source"] == "L'Écho de Brisac"
    assert report["articles"][0]["id"].startswith("art-")  # from the content, not "pasted"
    assert "Marc Olivier" in {e["name"] for e in report["entities"]}
    hits = empty_app.get("/api/search", params={"q": "Varenne"}).json()
    assert hits
