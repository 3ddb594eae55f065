"""The JSON report (contract ``recoupe/report/v1``) and its JSON Schema."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from recoupe.model import Report, from_dict, to_dict


@cache
def schema() -> dict[str, Any]:
    text = resources.files("recoupe.render").joinpath("report.schema.json").read_text("utf-8")
    return dict(json.loads(text))


def render_json(report: Report, indent: int | None = None) -> str:
    """The report as JSON: compact by default (indentation adds ~40%), ``indent`` for people."""
    separators = (",", ":") if indent is None else None
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent, separators=separators)


def load_report(text: str) -> Report:
    """Read a report written by :func:`render_json` (validated against the schema)."""
    data = json.loads(text)
    validate(data)
    return from_dict(Report, data)


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, schema())
