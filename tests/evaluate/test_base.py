"""The scorers' shared base: one article matcher, reports checked against the schema, one error type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recoupe.cli import main
from recoupe.evaluate.base import (
    ArticleMatcher,
    ScoreError,
    file_stem,
    load_report,
    load_report_data,
)
from recoupe.model import Article, Report, to_dict


def test_file_stem() -> None:
    assert file_stem("000_abc.txt") == "000_abc"
    assert file_stem("corpus/radio-1.html") == "radio-1"
    assert file_stem("radio-1") == "radio-1"


def test_matcher_by_id_then_stem_then_path() -> None:
    matcher = ArticleMatcher(
        [("000_abc", "in/000_abc.txt"), ("radio-1", None), ("feed-3", "feeds/site.xml")]
    )
    assert matcher.find("000_abc.txt") == "000_abc"
    assert matcher.find("radio-1") == "radio-1"
    assert matcher.find("dir/radio-1.txt") == "radio-1"
    assert matcher.find("feeds/site.xml") == "feed-3"  # by the path the article was read from
    assert matcher.find("site.xml") == "feed-3"  # by the stem of that path
    assert matcher.find("missing.txt") is None


def test_matcher_prefers_the_id_over_another_articles_path() -> None:
    matcher = ArticleMatcher([("a", "b.txt"), ("b", "c.txt")])
    assert matcher.find("b.txt") == "b"


def _write_report(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_report_checked_against_the_schema(tmp_path: Path) -> None:
    good = to_dict(Report(articles=(Article("a", "Un texte.", source="Le Veilleur"),)))
    assert load_report(_write_report(tmp_path, good)).articles[0].id == "a"
    bad = dict(good, articles=[{"id": "a"}])  # no text
    with pytest.raises(ScoreError, match="not a recoupe JSON report"):
        load_report_data(_write_report(tmp_path, bad))
    with pytest.raises(ScoreError, match="cannot read the report"):
        load_report_data(tmp_path / "absent.json")


@pytest.mark.parametrize("command", ["entities", "quotes", "findings"])
def test_cli_scorers_refuse_a_file_that_is_not_a_report(tmp_path: Path, command: str) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"files": {}, "events": {}}), "utf-8")
    report = _write_report(tmp_path, {"stories": [], "articles": [{"id": "a"}]})
    result = CliRunner().invoke(main, ["eval", command, str(gold), str(report)])
    assert result.exit_code == 1
    assert "not a recoupe JSON report" in result.output
