"""What every scorer shares: one error type, reading gold and report files, matching gold files to articles.

A report is read the way the web app reads one: parsed, then checked against
the JSON Schema of the report contract, so a scorer never scores a file that
is not a recoupe report. Gold files name articles by file name (``000_abc.txt``)
or by article id; :class:`ArticleMatcher` is the one rule that maps them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from recoupe.model import Report, from_dict


def ratio(part: int, whole: int) -> float:
    """``part / whole``, 0.0 when nothing was there to count."""
    return part / whole if whole else 0.0


def f_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (F1), 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class ScoreError(ValueError):
    """A gold, report or corpus file that cannot be scored; the message says which and why."""


def load_json(path: str | Path, what: str) -> Any:
    """The parsed JSON of ``path``; ``what`` names the file in the error message."""
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ScoreError(f"cannot read the {what} {path}: {error}") from error


def load_gold(path: str | Path) -> dict[str, Any]:
    """A gold file: a JSON object (its keys depend on the scorer)."""
    data = load_json(path, "gold file")
    if not isinstance(data, dict):
        raise ScoreError(f"the gold file {path} is not a JSON object")
    return data


def load_report_data(path: str | Path) -> dict[str, Any]:
    """A JSON report as plain data, checked against the report's JSON Schema."""
    import jsonschema

    from recoupe.render.json import validate

    data = load_json(path, "report")
    if not isinstance(data, dict):
        raise ScoreError(f"{path} is not a recoupe JSON report (not a JSON object)")
    try:
        validate(data)
    except jsonschema.ValidationError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise ScoreError(
            f"{path} is not a recoupe JSON report: at {where}: {error.message}"
        ) from error
    return data


def load_report(path: str | Path) -> Report:
    """A JSON report as a :class:`~recoupe.model.Report`, checked against the schema."""
    return from_dict(Report, load_report_data(path))


def file_stem(name: str) -> str:
    """A file name without its directory and last extension: ``dir/000_abc.txt`` -> ``000_abc``."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


class ArticleMatcher:
    """Gold file keys to report article ids.

    A key matches, in this order: an article with that id; an article whose id
    is the key's file stem; an article read from that path; an article whose
    path has the same file stem.
    """

    def __init__(self, articles: Iterable[tuple[str, str | None]]) -> None:
        """``articles``: (id, path) of each report article, in report order."""
        self._ids: set[str] = set()
        self._by_path: dict[str, str] = {}
        self._by_path_stem: dict[str, str] = {}
        for article_id, path in articles:
            self._ids.add(article_id)
            if path:
                self._by_path.setdefault(path, article_id)
                self._by_path_stem.setdefault(file_stem(path), article_id)

    @classmethod
    def of_report(cls, report: Report) -> ArticleMatcher:
        return cls((a.id, a.path) for a in report.articles)

    @classmethod
    def of_report_data(cls, report: dict[str, Any]) -> ArticleMatcher:
        return cls((a["id"], a.get("path")) for a in report.get("articles", []))

    def find(self, gold_key: str) -> str | None:
        """The id of the article the gold file ``gold_key`` describes, or None."""
        if gold_key in self._ids:
            return gold_key
        stem = file_stem(gold_key)
        if stem in self._ids:
            return stem
        return self._by_path.get(gold_key) or self._by_path_stem.get(stem)


def to_json(data: Any) -> str:
    """Scores as indented JSON (``--json`` of every ``recoupe eval`` command)."""
    return json.dumps(data, ensure_ascii=False, indent=2)
