"""A story's timeline as the report draws it: scaled to the story, one row per event.

The chart spans the days around the story's publication (a month before the
first article to a month after the last), not the whole range of every date the
articles mention: an event of 2014 recalled in a 2025 story is listed as context
below the chart instead of stretching its axis over eleven years. The same event
told by several outlets (the same day, the same predicate or a shared entity,
from different articles) is one row naming every outlet.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from recoupe.model import Report, Story, TimeRef
from recoupe.render.charts import TimelineChart, interval, period, timeline_chart

CONTEXT_DAYS = 31  # drawn before the first and after the last publication day
LONGEST_DRAWN = 62  # days: a vaguer date (a year, a season) is context, not a point on the chart
LABEL_WIDTH = 58  # characters per label line in the chart
LABEL_LINES = 3


@dataclass(frozen=True)
class Told:
    """One outlet's telling of an event: its words, with the passage key they link to."""

    key: str
    article: str
    outlet: str
    text: str


@dataclass(frozen=True)
class EventView:
    label: str
    when: str
    told: tuple[Told, ...]  # one per article telling it, first the one giving the label
    uncertain: bool
    drawn: bool  # on the chart; False: context outside the story's days
    lines: tuple[str, ...] = ()  # the label wrapped for the chart

    @property
    def keys(self) -> str:
        return " ".join(t.key for t in self.told)

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.outlet for t in self.told))

    @property
    def cited(self) -> Told:
        return self.told[0]


@dataclass(frozen=True)
class StoryTimeline:
    events: tuple[EventView, ...]  # drawn ones first (chart order), then the context
    chart: TimelineChart
    from_times: bool
    undated: int

    @property
    def drawn(self) -> tuple[EventView, ...]:
        return tuple(e for e in self.events if e.drawn)

    @property
    def context(self) -> tuple[EventView, ...]:
        return tuple(e for e in self.events if not e.drawn)


Cite = Callable[..., Any]  # (article, start, end, text, value) -> a Cited with .key and .outlet


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def story_window(story: Story) -> tuple[date, date] | None:
    """The days the chart shows: around the story's publication dates."""
    first = period(story.published_earliest)
    last = period(story.published_latest) or first
    if first is None or last is None:
        return None
    return first[0] - timedelta(days=CONTEXT_DAYS), last[1] + timedelta(days=CONTEXT_DAYS)


def _window_from_events(spans: Sequence[tuple[date, date]]) -> tuple[date, date] | None:
    precise = [s for s in spans if (s[1] - s[0]).days < LONGEST_DRAWN]
    if not precise:
        return None
    return min(s[0] for s in precise), max(s[1] for s in precise)


def story_timeline(report: Report, story: Story, cite: Cite) -> StoryTimeline:
    items: list[Any] = list(story.timeline)
    from_times = not items
    if from_times:
        in_story = set(story.articles)
        items = [t for t in report.times if t.article in in_story and t.type in ("date", "time")]
    dated: list[tuple[tuple[date, date], Any]] = []
    undated = 0
    for item in items:
        span = interval(item.earliest, item.latest, item.value)
        if span is None:
            undated += 1
        else:
            dated.append((span, item))
    dated.sort(key=lambda pair: (pair[0][0], pair[0][1]))
    window = story_window(story) or _window_from_events([span for span, _ in dated])

    groups: list[tuple[tuple[date, date], list[Any]]] = []
    for span, item in dated:
        group = next((g for g in groups if g[0] == span and _same_event(g[1], item)), None)
        if group is None:
            groups.append((span, [item]))
        else:
            group[1].append(item)

    def drawn(span: tuple[date, date]) -> bool:
        if window is None or (span[1] - span[0]).days >= LONGEST_DRAWN:
            return False
        return span[1] >= window[0] and span[0] <= window[1]

    views: list[EventView] = []
    for span, members in groups:
        told = tuple(_told(member, cite) for member in members)
        label = _short(members[0].text, 160 if isinstance(members[0], TimeRef) else 240)
        first, last = span
        when = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
        lines = tuple(
            textwrap.wrap(_short(label, LABEL_WIDTH * LABEL_LINES), LABEL_WIDTH)[:LABEL_LINES]
        )
        views.append(EventView(label, when, told, first != last, drawn(span), lines))
    on_chart = [(span, view) for (span, _), view in zip(groups, views, strict=True) if view.drawn]
    chart = timeline_chart(
        [span for span, _ in on_chart],
        lines=[
            max(1, len(view.lines)) + (1 if len(view.outlets) > 1 else 0) for _, view in on_chart
        ],
        window=window,
    )
    ordered = tuple(view for _, view in on_chart) + tuple(v for v in views if not v.drawn)
    return StoryTimeline(ordered, chart, from_times, undated)


def _told(item: Any, cite: Cite) -> Told:
    cited = cite(item.article, item.start, item.end, item.text, item.value)
    return Told(cited.key, item.article, cited.outlet, item.text)


def _same_event(members: list[Any], item: Any) -> bool:
    """Another article's telling of the same event: same predicate, or a shared entity."""
    if any(m.article == item.article for m in members):
        return False
    predicate = getattr(item, "predicate", None)
    entities = set(getattr(item, "entities", ()) or ())
    for member in members:
        if predicate and predicate == getattr(member, "predicate", None):
            return True
        if entities & set(getattr(member, "entities", ()) or ()):
            return True
        if (
            isinstance(item, TimeRef)
            and " ".join(item.text.split()).casefold() == " ".join(member.text.split()).casefold()
        ):
            return True
    return False
