"""Findings as CSV: one row per finding with its story, outlets, values and evidence."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

from click.testing import CliRunner
from html_helpers import contradiction_report

from recoupe.cli import main
from recoupe.model import Evidence, Finding, to_dict
from recoupe.render.csv import COLUMNS, render_csv


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_finding_with_outlets_values_and_evidence() -> None:
    report = contradiction_report()
    rows = _rows(render_csv(report))
    findings = [(s, f) for s in report.stories for f in s.findings]
    assert len(rows) == len(findings) and tuple(rows[0]) == COLUMNS
    story, finding = next((s, f) for s, f in findings if f.kind == "contradiction")
    row = next(r for r in rows if r["kind"] == "contradiction")
    assert (row["story"], row["story_title"], row["subject"]) == (
        story.id,
        story.title,
        finding.subject,
    )
    values = [ev.value for ev in finding.evidence if ev.value]
    assert row["values"].split(" | ") == list(dict.fromkeys(values))
    for ev in finding.evidence:
        assert f"«{' '.join(ev.text.split())}»" in row["evidence"]
        assert report.article(ev.article).source in row["outlets"]


def test_cells_never_run_as_spreadsheet_formulas() -> None:
    report = contradiction_report()
    story = report.stories[0]
    article = report.articles[0]
    hostile = Finding(
        "single_source",
        '=HYPERLINK("http://x")',
        "role",
        "-2+3",
        (Evidence(article.id, 0, 5, article.text[:5], "@SUM(A1)"),),
        ("Le Quotidien",),
    )
    report = dataclasses.replace(report, stories=(dataclasses.replace(story, findings=(hostile,)),))
    [row] = _rows(render_csv(report))
    assert (
        row["subject"].startswith("'=")
        and row["summary"] == "'-2+3"
        and row["values"] == "'@SUM(A1)"
    )


def test_cli_writes_csv_from_the_suffix(tmp_path: Path) -> None:
    import json

    from recoupe.render.json import render_json

    report = contradiction_report()
    source = tmp_path / "report.json"
    source.write_text(render_json(report), "utf-8")
    assert json.loads(source.read_text("utf-8"))["stories"] == to_dict(report.stories)
    from recoupe.cli import SUFFIX_FORMATS, render

    assert SUFFIX_FORMATS[".csv"] == "csv"
    assert render(report, "csv") == render_csv(report)
    result = CliRunner().invoke(main, ["analyze", "--help"])
    assert "csv" in result.output
