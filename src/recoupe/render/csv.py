"""Findings as CSV: one flat row per finding, ready for a spreadsheet."""

from __future__ import annotations

import csv
import io

from recoupe.model import Finding, Report, Story
from recoupe.render.counts import UNKNOWN_OUTLET

COLUMNS = (
    "story",
    "story_title",
    "kind",
    "subject",
    "slot",
    "summary",
    "outlets",
    "values",
    "evidence",
    "articles",
)
SEPARATOR = " | "  # between items of one cell: outlets, values, evidence passages


def finding_rows(report: Report) -> list[dict[str, str]]:
    """One dictionary per finding, every cell a plain string."""
    outlets = {a.id: a.source or f"{UNKNOWN_OUTLET} ({a.id})" for a in report.articles}
    return [_row(story, finding, outlets) for story in report.stories for finding in story.findings]


def _row(story: Story, finding: Finding, outlets: dict[str, str]) -> dict[str, str]:
    evidence_outlets = [outlets.get(ev.article, UNKNOWN_OUTLET) for ev in finding.evidence]
    named = list(dict.fromkeys(evidence_outlets or finding.sources))
    values = list(dict.fromkeys(ev.value for ev in finding.evidence if ev.value))
    passages = [
        f"{outlet}: «{' '.join(ev.text.split())}»" + (f" → {ev.value}" if ev.value else "")
        for outlet, ev in zip(evidence_outlets, finding.evidence, strict=True)
    ]
    return {
        "story": story.id,
        "story_title": story.title,
        "kind": finding.kind,
        "subject": finding.subject,
        "slot": finding.slot,
        "summary": finding.summary,
        "outlets": SEPARATOR.join(named),
        "values": SEPARATOR.join(values),
        "evidence": SEPARATOR.join(passages),
        "articles": SEPARATOR.join(dict.fromkeys(ev.article for ev in finding.evidence)),
    }


def _neutralise(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def render_csv(report: Report) -> str:
    """The findings of every story, one row each, with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in finding_rows(report):
        writer.writerow({key: _neutralise(value) for key, value in row.items()})
    return out.getvalue()
