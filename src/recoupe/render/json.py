"""The JSON report (contract ``recoupe/report/v1``) and its JSON Schema."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, TextIO

from recoupe.model import Report, Story, from_dict, to_dict


@cache
def schema() -> dict[str, Any]:
    text = resources.files("recoupe.render").joinpath("report.schema.json").read_text("utf-8")
    return dict(json.loads(text))


def render_json(report: Report, indent: int | None = None) -> str:
    """The report as JSON: compact by default (indentation adds ~40%), ``indent`` for people."""
    separators = (",", ":") if indent is None else None
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent, separators=separators)


def write_json(
    report: Report,
    out: TextIO,
    indent: int | None = None,
    stories: Iterable[Story] | None = None,
) -> None:
    """Write the report to ``out`` as :func:`render_json` would, item by item when compact.

    The compact report is never built as one string: each article, entity or
    story is serialised and written in turn, so a large corpus's report needs
    memory for one item at a time beyond the report itself. ``stories``, when
    given, stands for ``report.stories``: each story is written as it comes
    (``api.ReportStream``: compared as it is read, never all held).
    """
    if indent is not None:
        if stories is not None:
            report = dataclasses.replace(report, stories=tuple(stories))
        out.write(render_json(report, indent))
        return
    out.write("{")
    for number, f in enumerate(_report_fields()):
        value = stories if f == "stories" and stories is not None else getattr(report, f)
        out.write(("," if number else "") + json.dumps(f) + ":")
        if isinstance(value, str):
            out.write(_compact(to_dict(value)))
            continue
        out.write("[")
        for k, item in enumerate(value):
            out.write("," if k else "")
            _write_compact(out, item, STORY_DEPTH if isinstance(item, Story) else 0)
        out.write("]")
    out.write("}")


# how deep a story is written piece by piece: its fields, then each element of a list field (a
# story of 1,716 articles has findings citing as many; at 20,000 articles the whole story made
# one tree of dicts and one string took some 70 MiB); other items are small, written whole
STORY_DEPTH = 2


def _write_compact(out: TextIO, value: Any, depth: int, first: str = "") -> None:
    """``_compact(to_dict(value))`` written in pieces: a dataclass field by field and a list
    item by item, ``depth`` levels down, so that no item is ever one string (nor one tree of
    dicts) however many findings and evidence it holds: the same characters either way.
    ``first``: a dataclass's member written before its fields (``"record":"story"``)."""
    if depth > 0 and dataclasses.is_dataclass(value) and not isinstance(value, (type, Report)):
        out.write("{" + first)
        for k, f in enumerate(dataclasses.fields(value)):
            out.write(("," if k or first else "") + json.dumps(f.name) + ":")
            _write_compact(out, getattr(value, f.name), depth - 1)
        out.write("}")
    elif depth > 0 and isinstance(value, (list, tuple)):
        out.write("[")
        for k, item in enumerate(value):
            out.write("," if k else "")
            _write_compact(out, item, depth - 1)
        out.write("]")
    else:
        out.write(_compact(to_dict(value)))


def write_jsonl(report: Report, out: TextIO, stories: Iterable[Story] | None = None) -> None:
    """The report as JSON Lines: a header line, then one record per line, written as it goes.

    The header is ``{"schema": …}``; each other line is ``{"record": KIND, …fields}``
    with KIND one of ``article``, ``rejected``, ``duplicate``, ``entity``, ``quote``,
    ``time`` and ``story`` (the report's lists, in their order). Big corpora can be
    read back a line at a time with any JSON Lines tool. ``stories``: as in
    :func:`write_json`.
    """
    out.write(_compact({"schema": report.schema}) + "\n")
    for f in _report_fields()[1:]:
        kind = JSONL_RECORDS[f]
        items = stories if f == "stories" and stories is not None else getattr(report, f)
        for item in items:
            if isinstance(item, Story):
                _write_compact(out, item, STORY_DEPTH, '"record":' + json.dumps(kind))
                out.write("\n")
            else:
                out.write(_compact({"record": kind, **to_dict(item)}) + "\n")


JSONL_RECORDS = {
    "articles": "article",
    "rejected": "rejected",
    "duplicates": "duplicate",
    "entities": "entity",
    "quotes": "quote",
    "times": "time",
    "stories": "story",
}


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _report_fields() -> list[str]:
    names = [f.name for f in dataclasses.fields(Report)]
    return ["schema", *(n for n in names if n != "schema")]  # the order of to_dict


def load_report(text: str) -> Report:
    """Read a report written by :func:`render_json` (validated against the schema)."""
    data = json.loads(text)
    validate(data)
    return from_dict(Report, data)


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, schema())
