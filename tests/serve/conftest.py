"""Fixtures of the web-app tests: an app over a hand-built report (no NLP)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))

from html_helpers import contradiction_report


@pytest.fixture()
def client():
    from fastapi.testclient import TestClient

    from recoupe.serve import InMemorySource
    from recoupe.serve.app import ServeOptions, create_app

    app = create_app(
        InMemorySource(contradiction_report()), ServeOptions(max_body_bytes=20_000, language="en")
    )
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as test_client:
        yield test_client
