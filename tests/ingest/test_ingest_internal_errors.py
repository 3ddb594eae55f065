"""A reader's unexpected exception is a bug: raised in strict mode (the tests), else logged and listed apart."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from recoupe.cli import main
from recoupe.ingest import is_internal_error, read_bytes
from recoupe.ingest import source as ingest_source
from recoupe.ingest.errors import STRICT_ENV
from recoupe.model import Rejected


def _broken_reader(*_args: object, **_kwargs: object) -> Iterator[object]:
    raise ModuleNotFoundError("No module named 'lxml_html_clean'")


@pytest.fixture
def broken_html_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_source, "read_html", _broken_reader)


def test_the_test_suite_runs_strict() -> None:
    import os

    assert os.environ.get(STRICT_ENV) == "1"  # set by tests/conftest.py


@pytest.mark.usefixtures("broken_html_reader")
def test_strict_mode_raises() -> None:
    with pytest.raises(ModuleNotFoundError):
        list(read_bytes(b"<html><body><p>Texte.</p></body></html>", "page.html"))


@pytest.mark.usefixtures("broken_html_reader")
def test_without_strict_mode_a_bug_is_logged_and_marked(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv(STRICT_ENV)
    with caplog.at_level(logging.ERROR, logger="recoupe.ingest"):
        (item,) = read_bytes(b"<html><body><p>Texte.</p></body></html>", "page.html")
    assert isinstance(item, Rejected) and is_internal_error(item)
    assert "ModuleNotFoundError" in item.reason and "please report" in item.reason
    assert caplog.records[0].exc_info is not None  # the traceback is logged
    (bad_input,) = read_bytes(b"", "vide.txt")
    assert isinstance(bad_input, Rejected) and not is_internal_error(bad_input)


@pytest.mark.usefixtures("broken_html_reader")
def test_cli_lists_internal_errors_apart_even_when_quiet(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(STRICT_ENV)
    (tmp_path / "page.html").write_text("<html><body><p>Texte.</p></body></html>", "utf-8")
    (tmp_path / "vide.txt").write_text("", "utf-8")
    result = CliRunner().invoke(
        main, ["analyze", str(tmp_path), "-q", "-o", str(tmp_path / "r.json")]
    )
    assert "INTERNAL ERROR: " in result.stderr and "page.html" in result.stderr
    assert "vide.txt" not in result.stderr  # ordinary rejections stay quiet with -q
