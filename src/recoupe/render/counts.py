"""Counts every output states the same way: plurals, and what counts as an outlet."""

from __future__ import annotations

from collections import Counter

from recoupe.model import Report

UNKNOWN_OUTLET = "unknown outlet"

_IRREGULAR = {"story": "stories", "duplicate": "duplicates", "analysis": "analyses"}


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 outlet``, ``2 outlets``, ``0 stories``."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {many or _IRREGULAR.get(noun) or noun + 's'}"


def outlet_counts(report: Report) -> list[tuple[str, int]]:
    """Articles per named outlet, most first; articles of unknown outlet are not an outlet."""
    counts = Counter(a.source for a in report.articles if a.source)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def unknown_outlet_articles(report: Report) -> int:
    return sum(1 for a in report.articles if not a.source)


def summary_line(report: Report, note: str = "", stories: int | None = None) -> str:
    """``N analysed, N rejected, N duplicates, N stories`` (the CLI's last line); ``note`` follows
    "rejected"; ``stories`` counts the stories of a report written as it went (not held)."""
    stories = len(report.stories) if stories is None else stories
    return (
        f"{len(report.articles)} analysed, {len(report.rejected)} rejected{note}, "
        f"{plural(len(report.duplicates), 'duplicate')}, {plural(stories, 'story')}"
    )
