"""Geometry of the report's inline SVG charts: a timeline of intervals and bar charts.

Only numbers and labels are computed here; the templates draw them, so every
label goes through Jinja's autoescaping.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period(iso: str | None) -> tuple[date, date] | None:
    """First and last day of an ISO date at any precision: 2024, 2024-03, 2024-03-26."""
    match = _ISO.match(iso or "")
    if not match:
        return None
    year = int(match.group(1))
    try:
        if match.group(3):
            day = date(year, int(match.group(2)), int(match.group(3)))
            return day, day
        if match.group(2):
            month = int(match.group(2))
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def interval(
    earliest: str | None, latest: str | None, value: str | None
) -> tuple[date, date] | None:
    """The days an event may have happened on, from its earliest/latest bounds or its value."""
    low = period(earliest) or period(value)
    high = period(latest) or period(value) or low
    if low is None or high is None:
        return None
    first, last = low[0], high[1]
    return (first, last) if first <= last else (last, first)


@dataclass(frozen=True)
class TimelineRow:
    """One event drawn as a bar (an interval) or a dot (one day), in SVG user units."""

    index: int
    x: float
    width: float
    y: float
    first: date
    last: date
    uncertain: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class TimelineChart:
    width: int
    height: int
    left: int
    rows: tuple[TimelineRow, ...]
    ticks: tuple[Tick, ...]


TIMELINE_WIDTH = 640
TIMELINE_LEFT = 16
TIMELINE_ROW = 26
TIMELINE_LINE = 13  # each label line past the first
TIMELINE_TOP = 28


def timeline_chart(
    intervals: list[tuple[date, date]],
    lines: list[int] | None = None,
    window: tuple[date, date] | None = None,
) -> TimelineChart:
    """Lay out one row per interval on a shared day axis.

    ``lines`` gives each row's number of label lines (a row grows with its label);
    ``window`` bounds the axis (intervals are clipped to it), else it spans them all.
    """
    if not intervals:
        return TimelineChart(TIMELINE_WIDTH, 0, TIMELINE_LEFT, (), ())
    start = min(first for first, _ in intervals)
    end = max(last for _, last in intervals) + timedelta(days=1)
    if window is not None:
        start, end = max(start, window[0]), min(end, window[1] + timedelta(days=1))
    span_days = max((end - start).days, 1)
    usable = TIMELINE_WIDTH - 2 * TIMELINE_LEFT

    def x_of(day: date) -> float:
        day = min(max(day, start), end)
        return TIMELINE_LEFT + usable * (day - start).days / span_days

    rows = []
    y = TIMELINE_TOP
    for index, (first, last) in enumerate(intervals):
        x = x_of(first)
        width = max(x_of(last + timedelta(days=1)) - x, 4.0)
        rows.append(TimelineRow(index, round(x, 1), round(width, 1), y, first, last, first != last))
        y += TIMELINE_ROW + TIMELINE_LINE * (max(1, lines[index]) - 1 if lines else 0)
    return TimelineChart(
        TIMELINE_WIDTH, y + 8, TIMELINE_LEFT, tuple(rows), _ticks(start, end, x_of)
    )


def _ticks(start: date, end: date, x_of: object) -> tuple[Tick, ...]:
    assert callable(x_of)
    days = (end - start).days
    if days <= 14:
        step, fmt = 1 if days <= 7 else 2, "%d %b"
        marks = [start + timedelta(days=i) for i in range(0, days + 1, step)]
    elif days <= 120:
        marks = [start + timedelta(days=i) for i in range(0, days + 1, 7)]
        fmt = "%d %b"
    elif days <= 3 * 366:
        marks = []
        month = date(start.year, start.month, 1)
        while month <= end:
            if month >= start:
                marks.append(month)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        fmt = "%b %Y"
    else:
        marks = [
            date(year, 1, 1)
            for year in range(start.year, end.year + 1)
            if date(year, 1, 1) >= start
        ]
        fmt = "%Y"
    if len(marks) > 10:
        marks = marks[:: len(marks) // 10 + 1]
    return tuple(Tick(round(float(x_of(day)), 1), day.strftime(fmt)) for day in marks)


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    width: float
    y: float


@dataclass(frozen=True)
class BarGroup:
    title: str
    y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    groups: tuple[BarGroup, ...]


BAR_WIDTH = 560
BAR_LABEL = 190
BAR_ROW = 20
BAR_GROUP_GAP = 26


def grouped_bars(groups: list[tuple[str, list[tuple[str, int]]]], limit: int = 8) -> BarChart:
    """Horizontal bars per group (an outlet), one bar per label (a speaker)."""
    most = max((count for _, items in groups for _, count in items), default=1) or 1
    usable = BAR_WIDTH - BAR_LABEL - 40
    y = 0.0
    laid: list[BarGroup] = []
    for title, items in groups:
        y += BAR_GROUP_GAP
        group_y = y
        bars = []
        for label, count in items[:limit]:
            bars.append(Bar(label, count, round(max(usable * count / most, 2.0), 1), y + 6))
            y += BAR_ROW
        laid.append(BarGroup(title, group_y, tuple(bars)))
    return BarChart(BAR_WIDTH, int(y + 12), BAR_LABEL, tuple(laid))
