"""The JSON API refuses what is not an article, names the story joined, and ids come from content."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from html_helpers import contradiction_report

from recoupe.ingest import IngestOptions
from recoupe.serve import InMemorySource
from recoupe.serve.app import create_app
from recoupe.serve.validate import MIN_ARTICLE_WORDS, InvalidArticles, check_posted, content_id

ARTICLE = " ".join(["Le conseil municipal de Brisac a voté mardi la rénovation du pont."] * 3)


@pytest.fixture()
def client() -> TestClient:
    app = create_app(InMemorySource(contradiction_report()))
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


def _post(client: TestClient, body: str) -> object:
    return client.post(
        "/api/articles", content=body.encode(), headers={"content-type": "application/json"}
    )


def test_malformed_json_is_400(client: TestClient) -> None:
    response = _post(client, '[{"text": "oops"')
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert response.json()["error"]["message"].startswith("malformed JSON")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ([{"text": "x"}], "text too short"),
        ([{"title": "Sans texte"}], "no 'text' field"),
        (["juste une chaîne"], "not a JSON object"),
        ([], "no article"),
    ],
)
def test_records_that_are_not_articles_are_422(
    client: TestClient, body: object, reason: str
) -> None:
    response = _post(client, json.dumps(body))
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert reason in response.json()["error"]["message"]  # type: ignore[attr-defined]
    assert len(client.get("/api/report").json()["articles"]) == len(contradiction_report().articles)


def test_one_bad_record_refuses_the_whole_request() -> None:
    with pytest.raises(InvalidArticles) as raised:
        check_posted(
            json.dumps([{"text": ARTICLE}, {"text": "trop court"}]).encode(), IngestOptions()
        )
    assert [p["record"] for p in raised.value.problems] == [2]


def test_ids_are_content_based_and_stable() -> None:
    posted = check_posted(
        json.dumps([{"text": ARTICLE}, {"id": "mon-id", "text": ARTICLE + " Fin."}]).encode(),
        IngestOptions(),
    )
    records = json.loads(posted.body)
    assert records[0]["id"] == content_id(ARTICLE) == content_id("  " + ARTICLE.upper() + "\n")
    assert records[1]["id"] == "mon-id"
    assert content_id(ARTICLE) != content_id(ARTICLE + " Fin.")
    assert len(ARTICLE.split()) >= MIN_ARTICLE_WORDS
